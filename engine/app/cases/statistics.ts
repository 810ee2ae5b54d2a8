/**
 * @module Case statistics over a range of months (`GET /api/case-statistics`): cases received per month by
 * category and by channel, and SLA compliance per month (handling completions by their deadline), for the
 * dashboard's charts. Every figure is counted on the data's own dates — a case's received time, a
 * completion's time — in the district's zone, never on "today".
 */
import type { GetApiCaseStatisticsResponse } from '../../../schemas/api-types.gen.ts';
import { ValidationError } from '../../core/errors.ts';
import { computeCaseMetrics } from '../../core/routing/index.ts';
import { districtMonthStart, nextMonthOf } from '../../core/time-zone.ts';
import { metricEventsOf } from './metrics.ts';
import { isUnitUser } from './access.ts';
import { activeCaseRules, type CaseRules, rulesByVersion } from './rules.ts';
import type { CaseEventRecord, CaseRecord } from '../../ports/cases.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { todayOf } from '../../core/time-zone.ts';

/** What `GET /api/case-statistics` answers, as its response schema describes it. */
export type CaseStatistics = GetApiCaseStatisticsResponse;

/** One month of case statistics. */
export type CaseStatisticsMonth = CaseStatistics['months'][number];

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** The longest range one request may ask for. */
const MAX_MONTHS = 24;

const badRange = (code: string, en: string, zh: string, path: string) =>
  new ValidationError(code, { en, zh }, { path });

/** One case with its stored events. */
type CaseHistory = { record: CaseRecord; events: CaseEventRecord[] };

/** The months `from`…`to`; `caseStatistics.bad_month` / `caseStatistics.bad_range` otherwise. */
function monthsOf(input: { from: string; to: string }): string[] {
  if (!MONTH.test(input.from))
    throw badRange(
      'caseStatistics.bad_month',
      'Give the month as YYYY-MM.',
      '月份格式须为 YYYY-MM。',
      '/from',
    );
  if (!MONTH.test(input.to))
    throw badRange('caseStatistics.bad_month', 'Give the month as YYYY-MM.', '月份格式须为 YYYY-MM。', '/to');
  const months: string[] = [];
  for (let m = input.from; m <= input.to && months.length <= MAX_MONTHS; m = nextMonthOf(m)) months.push(m);
  if (months.length === 0 || months.length > MAX_MONTHS)
    throw badRange(
      'caseStatistics.bad_range',
      `From must not be after to, and the range may span at most ${MAX_MONTHS} months.`,
      `起始月份不能晚于结束月份，且范围最多 ${MAX_MONTHS} 个月。`,
      '/from',
    );
  return months;
}

/** Month rows with the cases received in each, by category and channel. */
function receivedRows(months: readonly string[], histories: readonly CaseHistory[]) {
  const rows = new Map<string, CaseStatisticsMonth>(
    months.map((month) => [
      month,
      {
        month,
        received: 0,
        byCategory: {},
        byChannel: {},
        handledWithTimer: 0,
        handledOnTime: 0,
        onTimeRate: null,
        overdueCount: 0,
      },
    ]),
  );
  for (const { record } of histories) {
    const row = rows.get(todayOf(new Date(record.createdAt)).slice(0, 7));
    if (!row) continue;
    row.received++;
    row.byCategory[record.category] = (row.byCategory[record.category] ?? 0) + 1;
    row.byChannel[record.channel] = (row.byChannel[record.channel] ?? 0) + 1;
  }
  return rows;
}

/** Adds SLA compliance by the month of the deadline (only the unit's own share for unit users). */
function addCompliance(input: {
  rows: Map<string, CaseStatisticsMonth>;
  rules: readonly CaseRules[];
  histories: readonly CaseHistory[];
  ownUnit: string | null;
}): void {
  const { rows, rules, histories, ownUnit } = input;
  const first = rules[0];
  if (first) {
    const policies = new Map(rules.flatMap((r) => [...r.policies.values()]).map((p) => [p.id, p]));
    const calendars = new Map(rules.flatMap((r) => [...r.calendars.values()]).map((c) => [c.id, c]));
    const metrics = computeCaseMetrics({
      histories: histories.map((h) => metricEventsOf(h.events)),
      policies: [...policies.values()],
      calendars: [
        first.defaultCalendar,
        ...[...calendars.values()].filter((c) => c !== first.defaultCalendar),
      ],
    });
    for (const m of metrics) {
      const row = rows.get(m.month);
      if (!row || (ownUnit !== null && m.unitId !== ownUnit)) continue;
      row.handledWithTimer += m.handledWithTimer;
      row.handledOnTime += m.handledOnTime;
      row.overdueCount += m.overdueCount;
    }
  }
  for (const row of rows.values())
    row.onTimeRate = row.handledWithTimer > 0 ? row.handledOnTime / row.handledWithTimer : null;
}

/** Names of the categories and channels counted, from the newest rules (codes stand in for unknown ones). */
function labelsOf(rules: readonly CaseRules[], rows: Map<string, CaseStatisticsMonth>) {
  const categories = new Map<string, CaseStatistics['categories'][number]>();
  const channels = new Map<string, CaseStatistics['channels'][number]>();
  // Newest rules first: a name changed during the range reads as it does now.
  for (const r of [...rules].reverse()) {
    for (const c of r.categories.values())
      if (!categories.has(c.code)) categories.set(c.code, { code: c.code, name: c.name, group: c.group });
    for (const c of r.workflowDoc.channels ?? [])
      if (!channels.has(c.code)) channels.set(c.code, { code: c.code, label: c.label });
  }
  for (const row of rows.values()) {
    for (const code of Object.keys(row.byCategory))
      if (!categories.has(code))
        categories.set(code, { code, name: { zh: code, en: code }, group: { zh: code, en: code } });
    for (const code of Object.keys(row.byChannel))
      if (!channels.has(code)) channels.set(code, { code, label: { zh: code, en: code } });
  }
  return { categories: [...categories.values()], channels: [...channels.values()] };
}

/**
 * Case statistics of the months `from`…`to` (`YYYY-MM`, at most 24): volumes by received month,
 * category and channel, and SLA compliance by the month of the deadline. Unit users count only the
 * cases their unit led or assisted. Throws `ValidationError` `caseStatistics.bad_month` /
 * `caseStatistics.bad_range`.
 */
export async function getCaseStatistics(
  deps: AppDeps,
  input: { actor: Actor; from: string; to: string },
): Promise<CaseStatistics> {
  const months = monthsOf(input);
  const ownUnit = isUnitUser(input.actor) ? (input.actor.unitId ?? '\u0000none') : null;

  const since = districtMonthStart(input.from);
  const before = districtMonthStart(nextMonthOf(input.to));
  const all = await deps.store.cases.histories({ since, before });
  const histories =
    ownUnit === null
      ? all
      : all.filter((h) => h.record.leadUnitId === ownUnit || h.record.assistingUnitIds.includes(ownUnit));

  const byVersion = await rulesByVersion(deps, histories);
  const inForce = await activeCaseRules(deps, `${input.to}-01`).catch(() => null);
  const rules = [...byVersion.values(), ...(inForce ? [inForce] : [])];

  const rows = receivedRows(months, histories);
  addCompliance({ rows, rules, histories, ownUnit });
  const { categories, channels } = labelsOf(rules, rows);
  return {
    from: input.from,
    to: input.to,
    months: [...rows.values()],
    categories,
    channels,
  };
}
