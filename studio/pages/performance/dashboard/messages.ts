/** @module Messages of the dashboard's month context, light map legend and charts, in zh-CN and English; the tables are messages.zh-CN.json and messages.en.json beside this file. */
import { pageMessages } from '../../../i18n/index.ts';
import en from './messages.en.json';
import zh from './messages.zh-CN.json';

export type DashKey = keyof typeof zh;

/** A dashboard message in the current locale. */
export const { text: dt } = pageMessages(zh, en);
