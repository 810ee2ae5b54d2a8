/** @module The home page's countdowns: 还剩 N 天 / 今天截止 / 已逾期 N 天 in Chinese, days left / overdue in English with the singular for one day. */
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../../studio/i18n/index.ts';
import { countdownText, ht, localText, waitingText } from '../../../studio/pages/home/messages.ts';

afterEach(() => setLocale('zh-CN'));

/** What `text` reads with the studio switched to `locale`. */
const readIn = (locale: 'zh-CN' | 'en', text: () => string): string => {
  setLocale(locale);
  return text();
};

describe('home page countdowns', () => {
  it.each([
    [3, '还剩 3 天', '3 days left'],
    [1, '还剩 1 天', '1 day left'],
    [0, '今天截止', 'Due today'],
    [-1, '已逾期 1 天', '1 day overdue'],
    [-2, '已逾期 2 天', '2 days overdue'],
    [-12, '已逾期 12 天', '12 days overdue'],
  ])('counts %i days left as %s in Chinese and %s in English, singular for one day', (days, zh, en) => {
    expect(readIn('zh-CN', () => countdownText(days))).toBe(zh);
    expect(readIn('en', () => countdownText(days))).toBe(en);
  });

  it.each([
    [0, '今天提交', 'Submitted today'],
    [1, '已等待 1 天', 'Waiting 1 day'],
    [4, '已等待 4 天', 'Waiting 4 days'],
  ])('says a form waiting %i days as %s in Chinese and %s in English', (days, zh, en) => {
    expect(readIn('zh-CN', () => waitingText(days))).toBe(zh);
    expect(readIn('en', () => waitingText(days))).toBe(en);
  });

  it('names an empty day and picks the label of the language, Chinese when English is empty', () => {
    const formsDue = { en: 'Forms due', zh: '待填报' };
    expect(readIn('zh-CN', () => ht('home.empty'))).toBe('今天没有待办');
    expect(readIn('en', () => ht('home.empty'))).toBe('Nothing to do today');
    expect(readIn('zh-CN', () => localText(formsDue))).toBe('待填报');
    expect(readIn('en', () => localText(formsDue))).toBe('Forms due');
    expect(readIn('en', () => localText({ en: '', zh: '待填报' }))).toBe('待填报');
  });
});
