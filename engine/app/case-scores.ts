/** @module Case metrics feed scores: after a case transition the month's `caseMetrics` indicator inputs are recomputed and rescored. */
import type { UnitCaseMetrics } from '../core/routing/index.ts';
import { caseMetricsSource } from './case-metrics.ts';
import { todayOf } from './rule-sets.ts';
import { type CaseDetail, type PublicCase, performCaseAction, rateCase } from './cases.ts';
import type { AppDeps } from './context.ts';
import { feedDerivedValues, listCaseMetricIndicators } from './performance.ts';
import type { Actor } from './permissions.ts';

const isRate = (metric: string) => metric.endsWith('Rate');

/** Entry values of a case-metric indicator: the scored field plus every metric, so the score trace shows them. */
function valuesOf(m: UnitCaseMetrics, q: { metric: string; field: string }): Record<string, unknown> | null {
  const raw = (m as unknown as Record<string, unknown>)[q.metric];
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return null;
  // Forms ask for percentages (e.g. 按时办结率 %), metrics give ratios.
  const value = isRate(q.metric) ? Math.round(raw * 10_000) / 100 : raw;
  return {
    [q.field]: value,
    metric: q.metric,
    dispatched: m.dispatched,
    handled: m.handled,
    handledWithTimer: m.handledWithTimer,
    handledOnTime: m.handledOnTime,
    onTimeRate: m.onTimeRate,
    returned: m.returned,
    wrongfulReturns: m.wrongfulReturns,
    rated: m.rated,
    satisfied: m.satisfied,
    satisfactionRate: m.satisfactionRate,
    redo: m.redo,
    supervisionCount: m.supervisionCount,
  };
}

/**
 * Recomputes the case metrics of `month` (`YYYY-MM`, district time) with `caseMetricsSource` and
 * feeds them, as derived inputs, into every monthly `caseMetrics` indicator the unit owns (all units
 * when `unitId` is absent). A metric without a value (e.g. no timed completion yet) leaves the input
 * in force. Returns how many indicator values changed; 0 when no assessment rule set is in force.
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
  const values = [];
  for (const m of metrics)
    for (const ind of indicators) {
      if (!ind.owners.includes(m.unitId)) continue;
      const v = valuesOf(m, ind);
      if (v) values.push({ unitId: m.unitId, indicatorId: ind.indicatorId, period: input.month, values: v });
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
