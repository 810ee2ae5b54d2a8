/** @module Case metrics feed scores: after a case transition the month's `caseMetrics` indicator inputs are recomputed and rescored. */
import { caseMetricInputs } from '../../core/routing/metric-catalogue.ts';
import { caseMetricsSource } from './metrics.ts';
import { todayOf } from '../../core/time-zone.ts';
import { performCaseAction } from './perform-case-action.ts';
import type { PublicCase } from './public-case.ts';
import { rateCase } from './rate-case.ts';
import { runDeadlineCheck } from './run-deadline-check.ts';
import type { CaseDetail } from './view.ts';
import type { AppDeps } from '../context.ts';
import { feedDerivedValues } from '../performance/feed-derived-values.ts';
import { listCaseMetricIndicators } from '../performance/list-case-metric-indicators.ts';
import type { Actor } from '../permissions.ts';

/**
 * Recomputes the case metrics of `month` (`YYYY-MM`, district time) with `caseMetricsSource` and
 * feeds them, as derived inputs, into every monthly `caseMetrics` indicator, for each of its owners
 * (only `unitId` when given). Each input holds every metric of the unit-month by its id (the scoring
 * rule reads `entry.satisfactionRate`, …; see `caseMetricInputs`) and the primary metric in the form's
 * field. An owner with nothing to measure for the primary metric (no case activity in the month, or a
 * rate without a denominator) gets the no-cases input (`noCases: true`), which scoring turns into the
 * indicator's `whenNoCases` policy instead of 0. Returns how many indicator values changed; 0 when no
 * assessment rule set is in force.
 */
export async function refreshCaseMetricScores(
  deps: AppDeps,
  input: { month: string; unitId?: string; ruleSetId?: string },
): Promise<{ written: number; scores: number }> {
  const indicators = (
    await listCaseMetricIndicators(deps, {
      period: input.month,
      ...(input.ruleSetId ? { ruleSetId: input.ruleSetId } : {}),
    }).catch(() => [])
  ).filter((i) => i.period === 'monthly');
  if (indicators.length === 0) return { written: 0, scores: 0 };
  const metrics = await caseMetricsSource(deps, {
    month: input.month,
    ...(input.unitId !== undefined ? { unitId: input.unitId } : {}),
  });
  const byUnit = new Map(metrics.map((m) => [m.unitId, m]));
  const values = [];
  for (const ind of indicators)
    for (const unitId of ind.owners) {
      if (input.unitId !== undefined && unitId !== input.unitId) continue;
      values.push({
        unitId,
        indicatorId: ind.indicatorId,
        period: input.month,
        values: caseMetricInputs(byUnit.get(unitId), ind),
      });
    }
  if (values.length === 0) return { written: 0, scores: 0 };
  return feedDerivedValues(deps, {
    actor: 'system:caseMetrics',
    values,
    ...(input.ruleSetId ? { ruleSetId: input.ruleSetId } : {}),
  });
}

/** The month (district time) an instant falls in: the period its case metrics count for. */
const monthOf = (at: string): string => todayOf(new Date(at)).slice(0, 7);

// The transition is committed: a failed rescore must not turn it into an error (the next one retries).
async function rescoreAfter(deps: AppDeps, at: string): Promise<void> {
  try {
    await refreshCaseMetricScores(deps, { month: monthOf(at) });
  } catch {
    // scores catch up on the next transition of the month
  }
}

/** {@link performCaseAction}, then the month's case-metric scores are refreshed (`POST /api/cases/:id/actions/:action`). */
export async function performCaseActionAndRescore(
  deps: AppDeps,
  input: { actor: Actor; id: string; action: string; input?: Record<string, unknown>; at?: string },
): Promise<CaseDetail> {
  const at = input.at ?? deps.clock.now().toISOString();
  const detail = await performCaseAction(deps, { ...input, at });
  await rescoreAfter(deps, at);
  return detail;
}

/** {@link rateCase} (citizen rating), then the month's case-metric scores are refreshed. */
export async function rateCaseAndRescore(
  deps: AppDeps,
  input: { number: string; password: string; ip: string | null; satisfaction: string; comment?: string },
): Promise<PublicCase> {
  const at = deps.clock.now().toISOString();
  const result = await rateCase(deps, input);
  await rescoreAfter(deps, at);
  return result;
}

/** The month before a `YYYY-MM` month. */
const previousMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

/**
 * {@link runDeadlineCheck} (the deadline worker's pass), then, when it recorded a notice, the case-metric
 * scores of the current month and the one before are refreshed: an `slaOverdue` notice changes
 * `overdueCount` of its deadline's month, which is the previous one when the worker caught up late.
 */
export async function runDeadlineCheckAndRescore(
  deps: AppDeps,
  input: { limit?: number } = {},
): Promise<{ checked: number; notices: number }> {
  const result = await runDeadlineCheck(deps, input);
  if (result.notices > 0) {
    const month = monthOf(deps.clock.now().toISOString());
    for (const m of [previousMonth(month), month])
      try {
        await refreshCaseMetricScores(deps, { month: m });
      } catch {
        // the notices are recorded; scores catch up on the month's next refresh
      }
  }
  return result;
}
