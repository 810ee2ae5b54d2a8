/** @module Messages of the rule-set pages' own parts (the timeline strip, the next-period form) in zh-CN and English; the tables are messages.zh-CN.json and messages.en.json beside this file, loaded with the rule-set pages only. */
import { pageMessages } from '../../i18n/index.ts';
import en from './messages.en.json';
import zh from './messages.zh-CN.json';

/** A rule-set page message in the current locale (reactive inside JSX). */
export const rt = pageMessages(zh, en).text;
