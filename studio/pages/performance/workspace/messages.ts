/** @module Messages of the unit workspace (我的填报: the monthly form, amendments, history) in zh-CN and English; the tables are messages.zh-CN.json and messages.en.json beside this file. */
import { pageCountdown, pageMessages } from '../../../i18n/index.ts';
import en from './messages.en.json';
import zh from './messages.zh-CN.json';

/** A key of the workspace's messages. */
export type WsKey = keyof typeof zh;

/** A workspace message in the current language. */
export const { text: wt } = pageMessages(zh, en);

/** "还剩 3 天" / "今天截止" / "已逾期 2 天" (English singular for one day). */
export const countdown: (daysLeft: number) => string = pageCountdown(wt, 'ws');

/** The heading of a month's form: "教育局 · 2026年11月填报表". */
export const formTitle = (unit: string, period: string): string =>
  wt('ws.formTitle', { unit, year: period.slice(0, 4), month: Number(period.slice(5, 7)) });

/** Both message tables, for the test that every key has both languages. */
export const workspaceMessages = { zh, en };
