/** @module Messages of the performance pages (designers, unit workspace, dashboards, what-if) in zh-CN and English; the tables are messages.zh-CN.json and messages.en.json beside this file. */
import { pageMessages } from '../../i18n/index.ts';
import en from './messages.en.json';
import zh from './messages.zh-CN.json';

/** A message key of the performance pages. */
export type PerfKey = keyof typeof zh;

const lookups = pageMessages(zh, en);

/** A performance-page message in the current locale. */
export const pt = lookups.text;

/** A performance-page message by a dynamic key (e.g. a peer group id); undefined when unknown. */
export const tryPt = (key: string, params?: Record<string, unknown>): string | undefined =>
  key in zh ? pt(key as PerfKey, params) : undefined;

/** A bilingual `{zh, en}` value in the current locale. */
export { localText as local } from '../../i18n/index.ts';
