/**
 * @module The catalogue of case metrics (办件指标): one entry per metric of a unit-month with zh/en names, what
 * it counts and what it is taken over. The server (indicator inputs, API docs), docs/api-performance.md and
 * the studio's rule builder all read this list; the indicator schema's `metric` enum must name the same ids.
 */
import type { Indicator } from '../../../schemas/types.gen.ts';
import type { LocalizedText } from '../errors.ts';
import type { UnitCaseMetrics } from './metrics.ts';

/** Id of a case metric: a numeric field of {@link UnitCaseMetrics} and a value of the indicator's `metric`. */
export type CaseMetricId = NonNullable<Indicator['metric']>;

/** What a unit that had nothing to measure scores (indicator / assessment policy `whenNoCases`). */
export type NoCasesPolicy = NonNullable<Indicator['whenNoCases']>;

/** The policies, in the order the studio offers them. */
export const NO_CASES_POLICIES: readonly NoCasesPolicy[] = ['exclude', 'fullScore', 'zero', 'carryForward'];

/** Names of the no-cases policies (zh first), for the studio and the docs. */
export const NO_CASES_POLICY_NAMES: Readonly<Record<NoCasesPolicy, LocalizedText>> = {
  exclude: { zh: '不计入（权重分给同级指标）', en: 'Leave out (weight goes to the siblings)' },
  fullScore: { zh: '计满分', en: 'Full score' },
  zero: { zh: '计最低分', en: 'Minimum score' },
  carryForward: { zh: '沿用上月得分', en: 'Carry the last month with cases forward' },
};

/** The no-cases state's own label: not 0 and not "no data" (无数据). */
export const NO_CASES_LABEL: LocalizedText = { zh: '无办件', en: 'No cases' };

/** Field of a case-metric input that marks a unit-month with nothing to measure. */
export const NO_CASES_FIELD = 'noCases';

/** One metric of the catalogue. */
export interface CaseMetricDefinition {
  id: CaseMetricId;
  name: LocalizedText;
  /** What is counted and whom it is charged to. */
  description: LocalizedText;
  /** `rate`: a ratio 0–1 (null without a denominator); `count`: a whole number; `hours`: office hours. */
  kind: 'rate' | 'count' | 'hours';
  /** The count a rate or mean is taken over: when it is 0 the unit had nothing to measure. */
  denominator: CaseMetricId | null;
  /** Which way is better, for hints (`higher`: e.g. satisfaction; `lower`: e.g. returns). */
  better: 'higher' | 'lower' | 'neither';
}

const m = (
  id: CaseMetricId,
  zh: string,
  en: string,
  about: [zh: string, en: string],
  rest: Pick<CaseMetricDefinition, 'kind' | 'denominator' | 'better'>,
): CaseMetricDefinition => ({ id, name: { zh, en }, description: { zh: about[0], en: about[1] }, ...rest });

const count = (better: CaseMetricDefinition['better']) => ({
  kind: 'count' as const,
  denominator: null,
  better,
});
const rate = (denominator: CaseMetricId, better: CaseMetricDefinition['better']) => ({
  kind: 'rate' as const,
  denominator,
  better,
});

/** Every case metric of a unit-month, in the order the studio lists them. */
export const CASE_METRICS: readonly CaseMetricDefinition[] = [
  m(
    'satisfactionRate',
    '满意率',
    'Satisfaction rate',
    [
      '满意评价数 ÷ 评价数（0–1），评价计入当时的主办单位',
      'satisfied ÷ rated (0–1), charged to the lead unit at rating',
    ],
    rate('rated', 'higher'),
  ),
  m(
    'onTimeRate',
    '按时办结率',
    'On-time rate',
    [
      '按时办结数 ÷ 计时办结数（0–1）',
      'completions by the handling deadline ÷ completions with a handling timer (0–1)',
    ],
    rate('handledWithTimer', 'higher'),
  ),
  m(
    'returnRate',
    '退单率',
    'Return rate',
    ['退单数 ÷ 派单数（0–1）', 'returns ÷ dispatches to the unit as lead (0–1)'],
    rate('dispatched', 'lower'),
  ),
  m(
    'redoRate',
    '重办率',
    'Redo rate',
    ['重办数 ÷ 办结数（0–1）', 'redo orders after review ÷ completions (0–1)'],
    rate('handled', 'lower'),
  ),
  m(
    'wrongfulReturnRate',
    '错退率',
    'Wrongful return rate',
    ['被驳回的退单数 ÷ 退单数（0–1）', 'returns the dispatcher rejected ÷ returns (0–1)'],
    rate('returned', 'lower'),
  ),
  m(
    'supervisionCount',
    '督办次数',
    'Supervision count',
    [
      '作为主办单位时办件被督办（各级升级）的次数',
      'escalations (督办, every level) of cases while the unit was lead',
    ],
    count('lower'),
  ),
  m(
    'overdueCount',
    '超期件数',
    'Overdue count',
    [
      '作为主办单位时办理时限超期的办件数（每件每次计时一次，按时限到期月份计）',
      'handling timers that went overdue while the unit was lead (once per case and timer run, in the month of the deadline)',
    ],
    count('lower'),
  ),
  m(
    'dispatched',
    '派单数',
    'Dispatches',
    ['作为主办单位收到的派单次数', 'dispatches to the unit as lead'],
    count('neither'),
  ),
  m(
    'handled',
    '办结数',
    'Completions',
    ['办理完成次数（含重办）', 'handling completions (redo included)'],
    count('neither'),
  ),
  m(
    'handledWithTimer',
    '计时办结数',
    'Timed completions',
    ['有办理时限的办结数', 'completions with a handling timer'],
    count('neither'),
  ),
  m(
    'handledOnTime',
    '按时办结数',
    'On-time completions',
    ['在办理时限内的办结数', 'completions by the handling deadline'],
    count('higher'),
  ),
  m('returned', '退单数', 'Returns', ['单位退回的办件次数', 'returns by the unit'], count('lower')),
  m(
    'wrongfulReturns',
    '错退数',
    'Wrongful returns',
    ['被调度员驳回的退单次数', 'returns the dispatcher rejected'],
    count('lower'),
  ),
  m('rated', '评价数', 'Ratings', ['满意度评价次数', 'satisfaction ratings'], count('neither')),
  m(
    'satisfied',
    '满意数',
    'Satisfied ratings',
    ['评价为满意的次数', 'ratings that were satisfied'],
    count('higher'),
  ),
  m(
    'redo',
    '重办数',
    'Redo orders',
    ['专业评价后责令重办的次数', 'redo orders after review'],
    count('lower'),
  ),
  m(
    'avgHandlingWorkingHours',
    '平均办理工时',
    'Mean handling office hours',
    [
      '从办理计时开始到办结的平均工作小时（不含暂停）',
      'mean office hours from handling start to completion, pauses excluded',
    ],
    { kind: 'hours', denominator: 'handledWithTimer', better: 'lower' },
  ),
];

const byId = new Map(CASE_METRICS.map((d) => [d.id, d]));

/** The catalogue entry of a metric id, if it is one. */
export const caseMetricOf = (id: string): CaseMetricDefinition | undefined => byId.get(id as CaseMetricId);

/** Value of a metric in a unit-month (`null`: a rate without a denominator). */
export function caseMetricValue(metrics: UnitCaseMetrics, id: CaseMetricId): number | null {
  return metrics[id];
}

/**
 * Whether a unit-month has something to measure for `metric`: the unit had case activity in the month
 * (`metrics` present) and, for a rate or mean, its denominator is above 0.
 */
export function hasCasesFor(metrics: UnitCaseMetrics | undefined, metric: CaseMetricId): boolean {
  if (!metrics) return false;
  const def = byId.get(metric);
  return !def?.denominator || (metrics[def.denominator] ?? 0) > 0;
}

/**
 * The indicator input of a unit-month: every metric by its id (`entry.<id>` in a scoring rule; rates as
 * ratios 0–1, null without a denominator), `metric` (the primary one), `field` (the form field the
 * primary metric fills; rates as percentages, rounded to 2 decimals) and, when there is nothing to
 * measure for the primary metric, `noCases: true` with `field` null. A unit without any case activity
 * (`metrics` undefined) reads zeros and nulls.
 */
export function caseMetricInputs(
  metrics: UnitCaseMetrics | undefined,
  q: { metric: CaseMetricId; field: string },
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const d of CASE_METRICS)
    values[d.id] = metrics ? caseMetricValue(metrics, d.id) : d.kind === 'count' ? 0 : null;
  const def = byId.get(q.metric);
  const primary = metrics ? caseMetricValue(metrics, q.metric) : null;
  const isMeasured =
    hasCasesFor(metrics, q.metric) && typeof primary === 'number' && Number.isFinite(primary);
  const out: Record<string, unknown> = {
    ...values,
    metric: q.metric,
    [q.field]: !isMeasured
      ? null
      : def?.kind === 'rate'
        ? Math.round((primary as number) * 10_000) / 100
        : (primary as number),
  };
  if (!isMeasured) out[NO_CASES_FIELD] = true;
  return out;
}

/** Whether an indicator input is the no-cases state (see {@link caseMetricInputs}). */
export const isNoCasesInput = (values: Record<string, unknown> | null | undefined): boolean =>
  values?.[NO_CASES_FIELD] === true;

/** Variables a scoring rule of a `caseMetrics` indicator may read: `entry.<metric>` with the metric's entry. */
export const caseMetricVariables = (): { path: string; metric: CaseMetricDefinition }[] =>
  CASE_METRICS.map((d) => ({ path: `entry.${d.id}`, metric: d }));

/** A sample input for trying a rule: plausible values of a unit-month with cases. */
export function sampleCaseMetricInputs(q: { metric: CaseMetricId; field: string }): Record<string, unknown> {
  const sample: UnitCaseMetrics = {
    unitId: 'sample',
    month: 'sample',
    dispatched: 10,
    handled: 9,
    handledWithTimer: 9,
    handledOnTime: 8,
    onTimeRate: 8 / 9,
    returned: 1,
    wrongfulReturns: 0,
    returnRate: 0.1,
    wrongfulReturnRate: 0,
    rated: 8,
    satisfied: 7,
    satisfactionRate: 7 / 8,
    redo: 1,
    redoRate: 1 / 9,
    supervisionCount: 1,
    overdueCount: 1,
    avgHandlingWorkingHours: 12,
  };
  return caseMetricInputs(sample, q);
}

/**
 * JSON Schema of the `entry` a `caseMetrics` indicator's rule reads: every metric by its id (with its
 * zh name as title) plus `metric` and `noCases`, on top of the form's fields (`formEntry`, if any), so
 * rule checks and the studio know the named inputs.
 */
export function caseMetricEntrySchema(formEntry?: Record<string, unknown>): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    ...((formEntry?.properties as Record<string, unknown> | undefined) ?? {}),
  };
  for (const d of CASE_METRICS)
    properties[d.id] = {
      type: 'number',
      ...(d.kind === 'rate' ? { minimum: 0, maximum: 1 } : { minimum: 0 }),
      title: d.name.zh,
      description: `${d.name.en}: ${d.description.en}`,
    };
  properties.metric = { type: 'string', enum: CASE_METRICS.map((d) => d.id), title: '主指标' };
  properties[NO_CASES_FIELD] = { type: 'boolean', title: NO_CASES_LABEL.zh };
  return { type: 'object', properties };
}

/** Markers around the generated catalogue table in docs/api-performance.md. */
export const CASE_METRICS_DOC_MARKERS = {
  begin: '<!-- case-metrics:begin (generated by scripts/gen-case-metric-docs.ts from CASE_METRICS) -->',
  end: '<!-- case-metrics:end -->',
} as const;

/** The catalogue as a Markdown table (metrics) and a list (no-cases policies), between the doc markers. */
export function renderCaseMetricsMarkdown(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const kind = { rate: 'rate 0–1', count: 'count', hours: 'office hours' } as const;
  const rows = CASE_METRICS.map(
    (d) =>
      `| \`entry.${d.id}\` | ${d.name.zh} | ${d.name.en} | ${kind[d.kind]} | ${d.denominator ? `\`${d.denominator}\`` : 'any case activity'} | ${cell(d.description.zh)} / ${cell(d.description.en)} |`,
  );
  const policies = NO_CASES_POLICIES.map(
    (p) => `- \`${p}\`: ${NO_CASES_POLICY_NAMES[p].zh} / ${NO_CASES_POLICY_NAMES[p].en}`,
  );
  return [
    CASE_METRICS_DOC_MARKERS.begin,
    '| variable | 中文 | en | kind | over (no cases when 0) | what it counts |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    `No-cases policies (\`whenNoCases\`; status \`noCases\`, shown as ${NO_CASES_LABEL.zh} / ${NO_CASES_LABEL.en}):`,
    '',
    ...policies,
    CASE_METRICS_DOC_MARKERS.end,
  ].join('\n');
}
