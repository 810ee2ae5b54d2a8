/** @module Messages of the home page (work queues and grouped navigation) in zh-CN and English; the tables are messages.zh-CN.json and messages.en.json beside this file. */
import { pageCountdown, pageMessages, singularDay } from '../../i18n/index.ts';
import en from './messages.en.json';
import zh from './messages.zh-CN.json';

/** A key of the home page's messages. */
export type HomeKey = keyof typeof zh;

/** A home-page message in the current language. */
export const { text: ht } = pageMessages(zh, en);

export { localText } from '../../i18n/index.ts';

/** "还剩 3 天" / "今天截止" / "已逾期 2 天" (English singular for one day). */
export const countdownText: (daysLeft: number) => string = pageCountdown(ht, 'home');

/** "已等待 2 天" / "今天提交". */
export const waitingText = (days: number): string =>
  days <= 0 ? ht('home.waitingToday') : singularDay(ht('home.waiting', { days }), days);
