/** @module Messages of the case pages (portal, consoles, inboxes, case configuration) in zh-CN and English; the tables are messages.zh-CN.json and messages.en.json beside this file. */
import { pageMessages } from '../../i18n/index.ts';
import { formatDistrictTime } from '../../lib/server-clock.ts';
import en from './messages.en.json';
import zh from './messages.zh-CN.json';

/** A message key of the case pages. */
export type CaseMessageKey = keyof typeof zh;

const caseLookups = pageMessages(zh, en);

/** Message for a key in the current locale (reactive inside JSX). */
export const ct = caseLookups.text;

/** Lookup by a dynamic key (an SLA light, priority or timer from the server); the fallback when unknown. State, action and channel labels come from the workflow document (case-workflow.ts). */
export const ctOr = (key: string, fallback: string): string => caseLookups.textOr(key, fallback);

/** Text in the current language from a `{en, zh}` pair (or a plain string). */
export { localText } from '../../i18n/index.ts';

/** A local date-time `YYYY-MM-DD HH:mm` in the district's time zone, or '—'. */
export const formatWhen = formatDistrictTime;
