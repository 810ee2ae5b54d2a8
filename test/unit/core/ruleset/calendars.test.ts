/** @module Calendars inside a rule set: the check (missing calendar is an error, each calendar checked, unique ids) and the semantic diff of their days. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CalendarDocument } from '../../../../engine/core/calendar/calendar.ts';
import { importHolidayCn } from '../../../../engine/core/calendar/import.ts';
import { check } from '../../../../engine/core/ruleset/check.ts';
import { diffRuleSets, renderDiffText } from '../../../../engine/core/ruleset/diff.ts';
import { documentById, loadRuleSet } from './fixtures.ts';

const root = resolve(import.meta.dirname, '../../../..');
const seed = JSON.parse(
  readFileSync(resolve(root, 'seeds/calendars/cn-2026.json'), 'utf8'),
) as CalendarDocument;
const holidayCn = (year: number) =>
  JSON.parse(readFileSync(resolve(root, `test/fixtures/holiday-cn/${year}.json`), 'utf8')) as unknown;

describe('check of the calendars a rule set carries', () => {
  it('makes an SLA policy naming a missing calendar an error, in both languages', () => {
    const rs = loadRuleSet('v1');
    const sla = documentById(rs, 'sla-standard');
    sla.doc.calendarId = 'cn-2027';
    const issue = check(rs).find((i) => i.code === 'ref.missing_calendar');
    expect(issue).toMatchObject({ path: `/documents/${sla.index}/calendarId`, severity: 'error' });
    expect(issue?.message).toContain('"cn-2027"');
    expect(issue?.messageZh).toContain('“cn-2027”不在本规则集中');
  });

  it('checks each calendar at its path and refuses two calendars with one id', () => {
    const rs = loadRuleSet('v1');
    const calendar = rs.calendars![0]!;
    calendar.coverage = { from: 2027, to: 2026 };
    rs.calendars!.push(structuredClone(seed));
    const codes = check(rs).map((i) => `${i.code} ${i.path}`);
    expect(codes).toContain('calendar.coverage /calendars/0/coverage');
    expect(codes).toContain('calendar.duplicate_id /calendars/1/id');
  });

  it('warns when the calendar does not cover the period, or stops at its last year under "error"', () => {
    const rs = loadRuleSet('v1');
    rs.period = { from: '2026-01-01', to: '2027-12-31' };
    const short = check(rs).find((i) => i.code === 'calendar.period_not_covered');
    expect(short).toMatchObject({ path: '/calendars/0/coverage', severity: 'warning' });
    expect(short?.message).toContain('2027');
    expect(short?.messageZh).toContain('暂定');
    const strict = loadRuleSet('v1');
    strict.calendars![0]!.outsideCoverage = 'error';
    const issues = check(strict);
    expect(issues.map((i) => i.code)).toEqual(['calendar.next_year_not_covered']);
    expect(issues[0]?.messageZh).toContain('2027 年');
  });

  it('finds nothing wrong with a calendar imported from holiday-cn', () => {
    const rs = loadRuleSet('v1');
    rs.calendars = [importHolidayCn(holidayCn(2026)).calendar];
    expect(check(rs)).toEqual([]);
  });
});

describe('semantic diff of calendars', () => {
  it('lists days added, removed and swapped with dates, not a JSON dump', () => {
    const a = loadRuleSet('v1');
    const b = loadRuleSet('v1');
    const cal = b.calendars![0]!;
    cal.holidays = [{ date: '2026-01-01', endDate: '2026-01-03', name: '元旦' }];
    cal.workingDays = [{ date: '2026-01-01', name: '元旦调休' }];
    const diff = diffRuleSets(a, b);
    expect(diff.every((e) => e.kind === 'calendar' && e.documentId === 'cn-2026')).toBe(true);
    expect(diff.map((e) => [e.change, e.summary.en])).toEqual([
      ['dayAdded', 'holiday 元旦 2026-01-02 – 2026-01-03 added'],
      ['dayRemoved', 'working day New Year 2026-01-04 removed'],
      ['daySwapped', '2026-01-01: holiday New Year → working day 元旦调休'],
    ]);
    expect(diff[0]!.summary.zh).toBe('新增节假日 元旦 2026-01-02 – 2026-01-03');
  });

  it('shows next year imported into the calendar as a coverage change and grouped holidays', () => {
    const a = { id: 'x', documents: [], calendars: [seed] };
    const merged = importHolidayCn(holidayCn(2025), { base: seed, merge: true }).calendar;
    const b = { id: 'x', documents: [], calendars: [merged] };
    const diff = diffRuleSets(a, b);
    expect(diff[0]).toMatchObject({ change: 'coverageChanged', summary: { en: 'covers 2026 → 2025–2026' } });
    expect(diff.map((e) => e.summary.en)).toContain('holiday 春节 2025-01-28 – 2025-02-04 added');
    expect(diff.map((e) => e.summary.zh)).toContain('新增调休上班 春节调休 2025-01-26');
    // Only the source note changes generically; no day appears as raw JSON.
    expect(diff.filter((e) => e.change === 'changed').map((e) => e.path)).toEqual(['/description']);
    const text = renderDiffText(diff, 'zh');
    expect(text).toContain('calendar cn-2026\n  ~ 覆盖年份 2026 → 2025–2026\n  + 新增节假日 元旦 2025-01-01');
  });

  it('reports a change of the policy outside coverage in words', () => {
    const a = { id: 'x', documents: [], calendars: [seed] };
    const b = { id: 'x', documents: [], calendars: [{ ...seed, outsideCoverage: 'error' }] };
    expect(diffRuleSets(a, b)).toEqual([
      expect.objectContaining({
        change: 'coverageChanged',
        path: '/outsideCoverage',
        summary: {
          en: 'outside coverage: provisional, weekends only → error',
          zh: '覆盖范围外：暂定，仅周末休息 → 报错',
        },
      }),
    ]);
  });

  it('reports an added or removed calendar as a whole', () => {
    const diff = diffRuleSets({ id: 'x', documents: [] }, { id: 'x', documents: [], calendars: [seed] });
    expect(diff).toEqual([
      expect.objectContaining({ kind: 'calendar', documentId: 'cn-2026', change: 'added' }),
    ]);
  });
});
