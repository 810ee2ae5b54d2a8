/** @module A unit's analysis report as JSON, CSV (weak points) or a printable HTML page (`GET /api/performance/reports/unit`). */
import { reportDayOf } from '../../core/performance/deadlines.ts';
import { requirePeriod } from '../../core/performance/requirements.ts';
import { computeLights } from '../../core/scoring/lights.ts';
import { renderUnitReportHtml, toCsv, type UnitReport, unitReport } from '../../core/scoring/reports.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { todayOf } from '../../core/time-zone.ts';
import { scopedUnit } from './scope.ts';
import { loadScoring } from './scoring-state.ts';

const WEAK_POINT_COLUMNS = [
  'unitId',
  'period',
  'indicatorId',
  'code',
  'nameZh',
  'nameEn',
  'points',
  'maxScore',
  'pointsLost',
  'status',
];

/** The report's weak points as CSV rows under `WEAK_POINT_COLUMNS`. */
const weakPointsCsv = (report: UnitReport, unitId: string, period: string): string =>
  toCsv(
    WEAK_POINT_COLUMNS,
    report.weakPoints.map((w) => [
      unitId,
      period,
      w.indicatorId,
      w.code,
      w.name.zh,
      w.name.en,
      w.points,
      w.maxScore,
      w.pointsLost,
      w.status,
    ]),
  );

/** A unit's analysis report as JSON, CSV (weak points) or a printable HTML page. */
export async function getUnitReport(
  deps: AppDeps,
  input: {
    actor: Actor;
    unitId?: string;
    period: string;
    format?: 'json' | 'csv' | 'html';
    lang?: 'zh' | 'en';
    ruleSetId?: string;
  },
): Promise<UnitReport | { contentType: string; body: string }> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.period });
  const unitId = await scopedUnit({ deps, actor: input.actor, unitId: input.unitId });
  const period = requirePeriod(input.period, loaded.model);
  const asOf = reportDayOf(period, todayOf(deps.clock.now()));
  const lights = computeLights({ state: loaded.state, asOf, unitIds: [unitId] });
  const report = unitReport(loaded.state, { unitId, period, lights });
  if (input.format === 'html')
    return {
      contentType: 'text/html; charset=utf-8',
      body: renderUnitReportHtml(report, input.lang ?? 'zh'),
    };
  if (input.format === 'csv')
    return { contentType: 'text/csv; charset=utf-8', body: weakPointsCsv(report, unitId, period) };
  return report;
}
