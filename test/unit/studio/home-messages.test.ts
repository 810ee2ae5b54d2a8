/** @module The home page's countdowns: 还剩 N 天 / 今天截止 / 已逾期 N 天 in Chinese, days left / overdue in English with the singular for one day. */
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../../studio/i18n/index.ts';
import { countdownText, ht, localText, waitingText } from '../../../studio/pages/home/messages.ts';

afterEach(() => setLocale('zh-CN'));

describe('home page countdowns', () => {
  it('counts days left, the due day and days overdue in Chinese', () => {
    setLocale('zh-CN');
    expect(countdownText(3)).toBe('还剩 3 天');
    expect(countdownText(1)).toBe('还剩 1 天');
    expect(countdownText(0)).toBe('今天截止');
    expect(countdownText(-2)).toBe('已逾期 2 天');
    expect(waitingText(0)).toBe('今天提交');
    expect(waitingText(4)).toBe('已等待 4 天');
    expect(ht('home.empty')).toBe('今天没有待办');
    expect(localText({ en: 'Forms due', zh: '待填报' })).toBe('待填报');
  });

  it('says the same in English, singular for one day', () => {
    setLocale('en');
    expect(countdownText(3)).toBe('3 days left');
    expect(countdownText(1)).toBe('1 day left');
    expect(countdownText(0)).toBe('Due today');
    expect(countdownText(-1)).toBe('1 day overdue');
    expect(countdownText(-12)).toBe('12 days overdue');
    expect(waitingText(1)).toBe('Waiting 1 day');
    expect(ht('home.empty')).toBe('Nothing to do today');
    expect(localText({ en: 'Forms due', zh: '待填报' })).toBe('Forms due');
    expect(localText({ en: '', zh: '待填报' })).toBe('待填报');
  });
});
