/** @module Messages of the case configuration page's visual editors (routing pickers, condition builder, test-run, workflow and SLA forms) in zh-CN and English; the tables are messages.zh-CN.json and messages.en.json beside this file. */
import { pageMessages } from '../../i18n/index.ts';
import en from './messages.en.json';
import zh from './messages.zh-CN.json';

/** A message key of this page. */
export type CaseConfigMessageKey = keyof typeof zh;

/**
 * `cc`: a message for a key in the current locale (reactive inside JSX); `ccOr`: lookup by a dynamic
 * key (a status, hit policy, limit unit), the fallback when unknown.
 */
export const { text: cc, textOr: ccOr } = pageMessages(zh, en);
