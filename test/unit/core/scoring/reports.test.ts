/** @module Reports: rankings, red/black lists, month-on-month, analysis reports, CSV quoting and escaped HTML. */
import { describe, expect, it } from 'vitest';
import { compilePerformanceModel, computeScores } from '../../../../engine/core/scoring/pipeline.ts';
import {
  csvField,
  districtReport,
  monthOnMonth,
  ranking,
  rankingCsv,
  redBlackLists,
  renderUnitReportHtml,
  toCsv,
  unitReport,
  yearOnYear,
} from '../../../../engine/core/scoring/reports.ts';
import { entry, fixtureRuleSet } from './performance-fixture.ts';

const model = compilePerformanceModel(fixtureRuleSet());
const state = computeScores(model, {
  entries: [
    entry('s1', 'a', '2026-01', { done: 100 }),
    entry('s2', 'a', '2026-01', { done: 50 }),
    entry('s3', 'a', '2026-01', { done: 50 }),
    entry('s1', 'a', '2026-02', { done: 40 }),
    entry('s2', 'a', '2026-02', { done: 100 }),
    entry('s3', 'a', '2026-02', { done: 90 }),
    entry('d1', 'a', '2026-02', { done: 100 }),
  ],
});

describe('reports', () => {
  it('ranks a peer group with shared ranks for ties', () => {
    expect(ranking(state, { period: '2026-01', group: 'streets' }).map((r) => [r.unitId, r.rank])).toEqual([
      ['s1', 1],
      ['s2', 2],
      ['s3', 2],
    ]);
  });

  it('lists the bottom of each peer group in red and low totals in black', () => {
    const lists = redBlackLists(state, { period: '2026-01', redBottom: 1, blackBelow: 40 });
    expect(lists.red.filter((r) => r.group === 'streets').map((r) => r.unitId)).toEqual(['s2', 's3']);
    expect(lists.black.map((r) => r.unitId).sort()).toEqual(['d1', 'd2', 's2', 's3']);
  });

  it('compares month on month with rank improvement, and year on year when a previous year is given', () => {
    const s1 = monthOnMonth(state, { period: '2026-02', unitIds: ['s1'] })[0]!;
    expect(s1).toMatchObject({ basePeriod: '2026-01', rank: 3, baseRank: 1, rankImprovement: -2 });
    expect(s1.change).toBeLessThan(0);
    expect(yearOnYear(state, { period: '2026-02', unitIds: ['s1'] })[0]).toMatchObject({
      basePeriod: '2025-02',
      change: null,
    });
  });

  it('ranks a unit’s weak points by weighted points lost and writes findings', () => {
    const report = unitReport(state, { unitId: 's1', period: '2026-02' });
    // Quarterly c is not due in February, so A carries the whole total: a (40 of 100) loses
    // 0.5 × 100 × 0.6 = 30, b at its floor (10 of 50) loses 0.5 × 100 × 0.8 = 40.
    expect(report.weakPoints.map((w) => [w.indicatorId, Math.round(w.pointsLost)])).toEqual([
      ['b', 40],
      ['a', 30],
    ]);
    expect(report.findings.map((f) => f.en).join(' ')).toContain('Down 2 places');
    expect(report.trend.map((t) => t.period)).toEqual(['2026-01', '2026-02']);
  });

  it('summarises the district by grade, peer group and weakest indicators', () => {
    const report = districtReport(state, { period: '2026-02' });
    expect(report.unitCount).toBe(5);
    expect(Object.values(report.gradeCounts).reduce((a, b) => a + b, 0)).toBe(5);
    expect(report.weakIndicators[0]!.indicatorId).toBe('b');
    expect(report.groups.map((g) => g.group)).toEqual(['departments', 'streets']);
  });

  it('quotes CSV fields with commas, quotes and newlines and defuses formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('x\ny')).toBe('"x\ny"');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField(-3)).toBe('-3');
    expect(toCsv(['a'], [[null]])).toBe('a\r\n\r\n');
    expect(rankingCsv(ranking(state, { period: '2026-01', group: 'streets' })).split('\r\n')[1]).toBe(
      '1,s1,单位s1,Unit s1,60,pass,false',
    );
  });

  it('renders a printable HTML page with every value escaped', () => {
    const report = unitReport(state, { unitId: 's1', period: '2026-02' });
    const html = renderUnitReportHtml({ ...report, name: { zh: '<script>alert(1)</script>', en: 'x' } });
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html.startsWith('<!doctype html>')).toBe(true);
  });
});
