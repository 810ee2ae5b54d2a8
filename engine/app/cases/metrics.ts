/** @module Case metrics per unit and month from the stored case histories: an operation and the `caseMetrics` indicator data source. */
import { ValidationError } from '../../core/errors.ts';
import { computeCaseMetrics, type UnitCaseMetrics } from '../../core/routing/index.ts';
import type { CaseMetricEvent } from '../../core/routing/metrics.ts';
import { districtMonthStart, nextMonthOf } from '../../core/time-zone.ts';
import type { CaseEventRecord } from '../../ports/cases.ts';
import { activeCaseRules, rulesByVersion } from './rules.ts';
import { coreEventsOf } from './history.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';

/**
 * A stored history as metrics read it: the core events plus the deadline worker's `slaOverdue`
 * notices (for `overdueCount`), in their stored order.
 */
export function metricEventsOf(events: readonly CaseEventRecord[]): CaseMetricEvent[] {
  return events.flatMap((e): CaseMetricEvent[] => {
    if (e.type !== 'slaOverdue') return coreEventsOf([e]);
    const p = e.payload;
    if (typeof p.timer !== 'string' || typeof p.run !== 'number') return [];
    return [
      {
        type: 'slaOverdue',
        caseId: e.caseId,
        at: e.at,
        timer: p.timer,
        run: p.run,
        ...(typeof p.deadline === 'string' ? { deadline: p.deadline } : {}),
      },
    ];
  });
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function monthRange(month: string): { since: string; before: string } {
  return { since: districtMonthStart(month), before: districtMonthStart(nextMonthOf(month)) };
}

/**
 * Indicator data source `caseMetrics`: the metrics of every unit (or of `unitId`) in `month`
 * (`YYYY-MM`, district time), computed with `computeCaseMetrics` over the stored event histories of
 * the cases open during that month. Call it from the scoring pipeline as
 * `await caseMetricsSource(deps, { month: '2026-05', unitId: 'street-xinhua' })`; read fields such as
 * `onTimeRate`, `satisfactionRate`, `returned`, `redo`, `supervisionCount`, `overdueCount` (the
 * catalogue: `CASE_METRICS` in engine/core/routing/metric-catalogue.ts). Units without cases in the
 * month are absent (their indicators take the no-cases state). Throws `ValidationError` `caseMetrics.bad_month`.
 */
export async function caseMetricsSource(
  deps: AppDeps,
  input: { month: string; unitId?: string },
): Promise<UnitCaseMetrics[]> {
  if (!MONTH.test(input.month))
    throw new ValidationError(
      'caseMetrics.bad_month',
      { en: 'Give the month as YYYY-MM.', zh: '月份格式须为 YYYY-MM。' },
      { path: '/month' },
    );
  const histories = await deps.store.cases.histories(monthRange(input.month));
  const byVersion = await rulesByVersion(deps, histories);
  const all = [...byVersion.values()];
  const rules = all[0] ?? (await activeCaseRules(deps, `${input.month}-01`).catch(() => null));
  if (!rules) return [];
  const policies = new Map(all.flatMap((r) => [...r.policies.values()]).map((p) => [p.id, p]));
  const calendars = new Map(all.flatMap((r) => [...r.calendars.values()]).map((c) => [c.id, c]));
  const metrics = computeCaseMetrics({
    histories: histories.map((h) => metricEventsOf(h.events)),
    policies: [...policies.values()],
    calendars: [rules.defaultCalendar, ...[...calendars.values()].filter((c) => c !== rules.defaultCalendar)],
    month: input.month,
  });
  return input.unitId === undefined ? metrics : metrics.filter((m) => m.unitId === input.unitId);
}

/** `GET /api/case-metrics`: metrics of a month; unit users see only their own unit. */
export async function getCaseMetrics(
  deps: AppDeps,
  input: { actor: Actor; month: string; unitId?: string },
): Promise<{ month: string; items: UnitCaseMetrics[] }> {
  const isUnitOnly =
    input.actor.roles.includes('unit') &&
    !input.actor.roles.some((r) => ['admin', 'dispatcher', 'supervisor', 'reviewer', 'auditor'].includes(r));
  const unitId = isUnitOnly ? (input.actor.unitId ?? '\u0000none') : input.unitId;
  return {
    month: input.month,
    items: await caseMetricsSource(deps, { month: input.month, ...(unitId !== undefined ? { unitId } : {}) }),
  };
}
