/** @module The department workspace's pure parts: server issues split by indicator for the fields, the countdown and form title, and both languages for every message. */
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../../studio/i18n/index.ts';
import { issuesByIndicator } from '../../../studio/pages/performance/workspace/issues.ts';
import {
  countdown,
  formTitle,
  workspaceMessages,
} from '../../../studio/pages/performance/workspace/messages.ts';

afterEach(() => setLocale('zh-CN'));

describe('monthly form issues', () => {
  it('groups the server’s JSON-pointer issues by indicator, with the path inside its form', () => {
    const grouped = issuesByIndicator(
      [
        { path: '/values/ind-a-1/done', message: 'must be >= 0', messageZh: '数值过小' },
        { path: '/values/ind-a-1/items/0/score', message: 'too big', messageZh: '数值过大' },
        { path: '/values/ind~1odd', message: 'not in form', messageZh: '不在填报表中' },
        { path: '/values', message: 'Fill in at least one', messageZh: '请至少填写一项' },
      ],
      'zh-CN',
    );
    expect(grouped.get('ind-a-1')).toEqual([
      { path: '/done', message: '数值过小' },
      { path: '/items/0/score', message: '数值过大' },
    ]);
    expect(grouped.get('ind/odd')).toEqual([{ path: '', message: '不在填报表中' }]);
    expect(grouped.get('')).toEqual([{ path: '', message: '请至少填写一项' }]);
    expect(issuesByIndicator([{ path: '/values/x/a', message: 'bad' }], 'en').get('x')).toEqual([
      { path: '/a', message: 'bad' },
    ]);
  });
});

describe('workspace messages', () => {
  it('counts down to the deadline and titles the month’s form in both languages', () => {
    expect(countdown(11)).toBe('还剩 11 天');
    expect(countdown(0)).toBe('今天截止');
    expect(countdown(-3)).toBe('已逾期 3 天');
    expect(formTitle('教育局', '2026-11')).toBe('教育局 · 2026年11月填报表');
    setLocale('en');
    expect(countdown(1)).toBe('1 day left');
    expect(countdown(-2)).toBe('2 days overdue');
    expect(formTitle('Education', '2026-11')).toBe('Education · 11/2026 form');
  });

  it('has every message in both languages and no hash jargon', () => {
    const { zh, en } = workspaceMessages;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [key, text] of [...Object.entries(zh), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe('');
      expect(text, key).not.toMatch(/sha-?256/i);
    }
  });
});
