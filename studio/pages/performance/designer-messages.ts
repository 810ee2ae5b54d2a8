/** @module Messages of the performance designer pages (draft bar, indicator tree, form designer, rule builder) in zh-CN and English; the tables are designer-messages.zh-CN.json and designer-messages.en.json beside this file. */
import { pageMessages } from '../../i18n/index.ts';
import en from './designer-messages.en.json';
import zh from './designer-messages.zh-CN.json';

/** Keys of the designer messages. */
export type DesignerKey = keyof typeof zh;

/** A designer message in the current language. */
export const { text: dt } = pageMessages(zh, en);

/** The name of a version status (草稿, 已发布 …); unknown statuses as they are. */
export const statusText = (status: string): string => {
  const key = `designer.status.${status}` as DesignerKey;
  return key in zh ? dt(key) : status;
};
