/** @module The demo at any date: the seed year as written, plus a copy moved to the clock's year with an honest provisional calendar. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planDemoYears, shiftYear } from '../../../seeds/generators/demo-years.ts';
import { type CalendarDocument, compileCalendar } from '../../../engine/core/calendar/calendar.ts';

const root = join(import.meta.dirname, '../../..');
const read = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as any;
const ruleSets = [read('seeds/rulesets/district-2026-full.json'), read('seeds/rulesets/cases-2026.json')];
const calendars = [read('seeds/calendars/cn-2026.json')];

describe('planDemoYears', () => {
  it('seeds the files as written when the clock is in the seed year', () => {
    const plan = planDemoYears({ ruleSets, calendars, today: '2026-12-03' });
    expect(plan.seedYear).toBe(2026);
    expect(plan.extraYear).toBeNull();
    expect(plan.ruleSets).toHaveLength(2);
    expect(plan.calendars).toHaveLength(1);
  });

  it('adds the clock year on the same timeline, names and periods moved, the seed files untouched', () => {
    const plan = planDemoYears({ ruleSets, calendars, today: '2027-03-01' });
    expect(plan.extraYear).toBe(2027);
    const copy = plan.ruleSets[2] as any;
    expect(copy.id).toBe('district-2027');
    expect(copy.timeline).toBe('district');
    expect(copy.period).toEqual({ from: '2027-01-01', to: '2027-12-31' });
    expect(copy.name.zh).toContain('2027');
    expect((plan.ruleSets[3] as any).partOf).toBe('district-2027');
    expect(ruleSets[0].id).toBe('district-2026');
    const policies = (plan.ruleSets[3] as any).documents.filter((d: any) => d.kind === 'slaPolicy');
    expect(new Set(policies.map((p: any) => p.calendarId))).toEqual(new Set(['cn-2027']));
  });

  it('gives the new year a calendar that counts it provisionally, keeping the seed year’s real holidays', () => {
    const plan = planDemoYears({ ruleSets, calendars, today: '2027-03-01' });
    const doc = plan.calendars.find((c: any) => c.id === 'cn-2027') as CalendarDocument;
    expect(doc.coverage).toEqual(calendars[0].coverage);
    expect(doc.holidays).toEqual(calendars[0].holidays);
    expect(doc.outsideCoverage).toBe('weekendsOnly');
    const calendar = compileCalendar(doc);
    const thursday = Date.parse('2027-01-07T10:00:00+08:00');
    expect(calendar.isProvisional(thursday, calendar.addWorkingDays(thursday, 1))).toBe(true);
    const inSeedYear = Date.parse('2026-09-29T10:00:00+08:00');
    // 2026 National Day holidays still count: not provisional, and skipped.
    expect(calendar.isProvisional(inSeedYear, calendar.addWorkingDays(inSeedYear, 2))).toBe(false);
  });

  it('uses an imported calendar of the new year when the seeds carry one', () => {
    const imported = { ...calendars[0], id: 'cn-2027', coverage: { from: 2027, to: 2027 }, holidays: [] };
    const plan = planDemoYears({ ruleSets, calendars: [...calendars, imported], today: '2027-03-01' });
    expect(plan.calendars.filter((c: any) => c.id === 'cn-2027')).toEqual([imported]);
  });
});

describe('shiftYear', () => {
  it('moves only standalone years in strings, never numbers or longer digit runs', () => {
    const moved = shiftYear(
      { id: 'x-2026', n: 2026, code: 'A20261', at: '2026-03-01T08:00:00Z' },
      2026,
      2028,
    );
    expect(moved).toEqual({ id: 'x-2028', n: 2026, code: 'A20261', at: '2028-03-01T08:00:00Z' });
  });

  it('moves a ledger history with its rule-set id', () => {
    const history = {
      ruleSetId: 'district-2026',
      entries: [{ period: '2026-04', submittedAt: '2026-05-10T01:00:00Z' }],
    };
    expect(shiftYear(history, 2026, 2027)).toEqual({
      ruleSetId: 'district-2027',
      entries: [{ period: '2027-04', submittedAt: '2027-05-10T01:00:00Z' }],
    });
  });
});
