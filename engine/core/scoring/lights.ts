/** @module Warning lights (警示灯): progress against time-proportional expected progress → green/yellow/red/grey/overdue. */
import type { GetApiPerformanceLightsResponse } from '../../../schemas/api-types.gen.ts';
import type { LightRule } from '../../../schemas/types.gen.ts';
import type { CompiledLeaf, PerformanceModel } from './model.ts';
import { monthOf, periodOf } from './model.ts';
import { type IndicatorInput, inputOf, type ScoringState } from './pipeline.ts';

/** A light of one indicator for one unit, as `GET /api/performance/lights` answers it. */
export type Light = GetApiPerformanceLightsResponse['lights'][number];

/** Colour of a light. */
export type LightColour = Light['colour'];

/** Working-day test for the overdue grace period; without it, grace days are calendar days. */
export interface WorkingCalendar {
  isWorkingDay(isoDate: string): boolean;
}

/** Light rule used when an indicator names none. */
export const DEFAULT_LIGHT_RULE: LightRule = {
  kind: 'lightRule',
  id: 'light-default',
  schemaVersion: 1,
  name: { en: 'Default light', zh: '默认亮灯规则' },
  direction: 'higherIsBetter',
  expectedProgress: 'linear',
  tolerances: { green: 0.05, yellow: 0.15 },
  greyWhenNoData: true,
  overdueAfterDays: 0,
};

const pad = (n: number) => String(n).padStart(2, '0');

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * Deadline of a month's report: day `day` of the next month, then `graceDays` more (working days
 * when a calendar is given). The month's data is overdue on the day after.
 */
export function reportDeadline(q: {
  year: number;
  month: number;
  day: number;
  graceDays?: number;
  calendar?: WorkingCalendar;
}): string {
  const y = q.month === 12 ? q.year + 1 : q.year;
  const m = q.month === 12 ? 1 : q.month + 1;
  let date = `${y}-${pad(m)}-${pad(q.day)}`;
  let left = q.graceDays ?? 0;
  while (left > 0) {
    date = addDays(date, 1);
    if (!q.calendar || q.calendar.isWorkingDay(date)) left--;
  }
  return date;
}

function dueMonths(period: CompiledLeaf['period']): number[] {
  if (period === 'monthly') return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  if (period === 'quarterly') return [3, 6, 9, 12];
  return [12];
}

/** Expected cumulative progress after `month` months of a yearly target. */
export function expectedProgress(q: {
  target: number;
  monthly?: readonly number[];
  month: number;
  mode: 'linear' | 'endOfPeriod';
}): number {
  if (q.monthly) return q.monthly[q.month - 1] ?? q.target;
  if (q.mode === 'endOfPeriod') return q.month >= 12 ? q.target : 0;
  return (q.target * q.month) / 12;
}

/**
 * The light of one leaf for one unit on `asOf`: overdue when the report of a due month is missing after
 * its deadline (policy's day of the next month + the light rule's `overdueAfterDays`); grey when there
 * is no report yet; otherwise the relative shortfall of the latest cumulative value (`progressField`)
 * against the expected progress (yearly target × elapsed months / 12, or the month's target) picks
 * green (≤ green tolerance), yellow (≤ yellow tolerance) or red. For lower-is-better indicators the
 * shortfall is how far the value exceeds the expected level.
 */
export function computeLight(q: {
  model: PerformanceModel;
  /** The effective input of (unit, indicator, month), e.g. `(k) => inputOf(state, k)`. */
  inputOf: (q: { unitId: string; indicatorId: string; month: number }) => IndicatorInput | undefined;
  unitId: string;
  indicatorId: string;
  asOf: string;
  calendar?: WorkingCalendar;
}): Light {
  const { model, unitId, indicatorId, asOf } = q;
  const leaf = model.leafById.get(indicatorId);
  const rule = (leaf?.lightRuleId ? model.lightRules.get(leaf.lightRuleId) : undefined) ?? DEFAULT_LIGHT_RULE;
  const direction = rule.direction ?? 'higherIsBetter';
  const light: Light = {
    unitId,
    indicatorId,
    asOf,
    colour: 'grey',
    actual: null,
    expected: null,
    shortfall: null,
    direction,
    reportPeriod: null,
    overduePeriod: null,
  };
  if (!leaf) return light;
  const year = model.year;
  let latest: { month: number; input: IndicatorInput } | null = null;
  for (const m of dueMonths(leaf.period)) {
    const period = periodOf(year, m);
    if (period > asOf.slice(0, 7)) break;
    const input = q.inputOf({ unitId, indicatorId, month: m });
    if (input) latest = { month: m, input };
    else if (light.overduePeriod === null) {
      const deadline = reportDeadline({
        year,
        month: m,
        day: model.policy.deadlineDay,
        graceDays: rule.overdueAfterDays ?? 0,
        calendar: q.calendar,
      });
      if (asOf > deadline) light.overduePeriod = period;
    }
  }
  if (latest) {
    light.reportPeriod = periodOf(year, latest.month);
    const v = latest.input.values[leaf.progressField];
    if (typeof v === 'number' && Number.isFinite(v)) light.actual = v;
  }
  const target = leaf.targets.get(unitId);
  if (light.actual !== null && latest && target) {
    const expected = expectedProgress({
      target: target.value,
      monthly: target.monthly,
      month: latest.month,
      mode: rule.expectedProgress ?? 'linear',
    });
    light.expected = expected;
    const gap = direction === 'higherIsBetter' ? expected - light.actual : light.actual - expected;
    light.shortfall = expected !== 0 ? gap / Math.abs(expected) : gap > 0 ? Number.POSITIVE_INFINITY : 0;
    const { green, yellow } = rule.tolerances;
    light.colour = light.shortfall <= green ? 'green' : light.shortfall <= yellow ? 'yellow' : 'red';
  } else light.colour = rule.greyWhenNoData === false && !latest ? 'red' : 'grey';
  if (light.overduePeriod !== null) light.colour = 'overdue';
  return light;
}

/** Lights of every owned leaf with a light rule, for every unit (or `unitIds`), on `asOf`. */
export function computeLights(q: {
  state: ScoringState;
  asOf: string;
  unitIds?: readonly string[];
  calendar?: WorkingCalendar;
}): Light[] {
  const { model } = q.state;
  const out: Light[] = [];
  // Only leaves with a light rule are tracked against progress; the rest have no light.
  for (const unitId of q.unitIds ?? [...model.units.keys()])
    for (const leaf of model.leavesByUnit.get(unitId) ?? [])
      if (leaf.role === 'scored' && leaf.lightRuleId !== null)
        out.push(
          computeLight({
            model,
            inputOf: (k) => inputOf(q.state, k),
            unitId,
            indicatorId: leaf.id,
            asOf: q.asOf,
            calendar: q.calendar,
          }),
        );
  return out;
}

/** Month (1–12) of a `YYYY-MM-DD` date. */
export const monthOfDate = (iso: string) => monthOf(iso.slice(0, 7));
