/** @module The district report as JSON, or CSV of the ranking of every unit (`GET /api/performance/reports/district`). */
import { reportDayOf } from '../../core/performance/deadlines.ts';
import { requirePeriod } from '../../core/performance/requirements.ts';
import { computeLights } from '../../core/scoring/lights.ts';
import { type DistrictReport, districtReport, ranking, rankingCsv } from '../../core/scoring/reports.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { todayOf } from '../../core/time-zone.ts';
import { loadScoring } from './scoring-state.ts';

/** The district report as JSON or CSV (the ranking of every unit). */
export async function getDistrictReport(
  deps: AppDeps,
  input: { actor: Actor; period: string; format?: 'json' | 'csv'; ruleSetId?: string },
): Promise<DistrictReport | { contentType: string; body: string }> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.period });
  const period = requirePeriod(input.period, loaded.model);
  if (input.format === 'csv')
    return { contentType: 'text/csv; charset=utf-8', body: rankingCsv(ranking(loaded.state, { period })) };
  const lights = computeLights({ state: loaded.state, asOf: reportDayOf(period, todayOf(deps.clock.now())) });
  return districtReport(loaded.state, { period, lights });
}
