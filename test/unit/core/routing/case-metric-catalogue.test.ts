/** @module The case-metric catalogue (zh/en names, denominators, the no-cases input) and the overdue and supervision counts from synthetic seed-workflow histories. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CASE_METRICS,
  caseMetricInputs,
  caseMetricOf,
  hasCasesFor,
  isNoCasesInput,
  renderCaseMetricsMarkdown,
} from '../../../../engine/core/routing/metric-catalogue.ts';
import { type CaseMetricEvent, computeCaseMetrics } from '../../../../engine/core/routing/metrics.ts';
import { slaStatus } from '../../../../engine/core/routing/sla.ts';
import type { CaseEvent } from '../../../../engine/core/workflow/index.ts';
import { compileWorkflow } from '../../../../engine/core/workflow/index.ts';
import {
  cn2026,
  dispatcher,
  driveStandardCase,
  seedPolicy,
  seedWorkflow,
  type Step,
  unitUser,
} from './cases-seed.ts';

const root = join(import.meta.dirname, '../../../..');
const wf = compileWorkflow(seedWorkflow());
const policy = seedPolicy('sla-standard');
const calendar = cn2026();
const t = (day: string, time: string) => `2026-${day}T${time}:00+08:00`;

const run = (caseId: string, leadUnitId: string, opened: string, steps: Step[]) =>
  driveStandardCase(wf, caseId, leadUnitId, opened, steps);

/** The deadline worker's notice for the case's running handle timer, as `runDeadlineCheck` records it. */
function overdueNotice(r: ReturnType<typeof run>, at: string): CaseMetricEvent {
  const status = slaStatus({ timers: r.state.timers, priority: r.state.priority, policy, calendar }, at)
    .handle!;
  expect(status.isOverdue).toBe(true);
  return {
    type: 'slaOverdue',
    caseId: r.state.caseId,
    at,
    timer: 'handle',
    run: status.run,
    deadline: status.deadline,
  };
}

const metricsOf = (histories: CaseMetricEvent[][], month?: string) =>
  computeCaseMetrics({ histories, policies: [policy], calendars: [calendar], ...(month ? { month } : {}) });

const xinhua = unitUser('street-xinhua');
const signedFor = (day: string): Step[] => [
  { action: 'accept', actor: dispatcher, at: t(day, '08:40') },
  { action: 'dispatch', actor: dispatcher, at: t(day, '09:00') },
  { action: 'signFor', actor: xinhua, at: t(day, '10:00') },
];

describe('the case-metric catalogue', () => {
  it('names exactly the metrics the indicator schema allows and the metrics computation returns, in zh and en', () => {
    const schema = JSON.parse(readFileSync(join(root, 'schemas/indicator.schema.json'), 'utf8'));
    const allowed: string[] = schema.properties.metric.enum;
    expect(CASE_METRICS.map((m) => m.id).sort()).toEqual([...allowed].sort());
    const computed = metricsOf([
      run('A', 'street-xinhua', t('03-02', '08:30'), signedFor('03-02')).events,
    ])[0]!;
    for (const m of CASE_METRICS) {
      expect(Object.hasOwn(computed, m.id), m.id).toBe(true);
      expect(m.name.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(m.name.en.length).toBeGreaterThan(2);
      if (m.denominator) expect(caseMetricOf(m.denominator)?.kind).toBe('count');
    }
    expect(caseMetricOf('satisfactionRate')?.name.zh).toBe('满意率');
    expect(caseMetricOf('overdueCount')?.name.zh).toBe('超期件数');
    expect(caseMetricOf('nope')).toBeUndefined();
  });

  it('is the table docs/api-performance.md shows (npx tsx scripts/gen-case-metric-docs.ts rewrites it)', () => {
    const docs = readFileSync(join(root, 'docs/api-performance.md'), 'utf8');
    const table = renderCaseMetricsMarkdown();
    expect(docs).toContain(table);
    for (const m of CASE_METRICS)
      expect(table).toContain(`| \`entry.${m.id}\` | ${m.name.zh} | ${m.name.en} |`);
  });

  it('marks a unit without cases, and a rate without its denominator, as the no-cases state instead of 0', () => {
    const none = caseMetricInputs(undefined, { metric: 'satisfactionRate', field: 'rate' });
    expect(none).toMatchObject({
      noCases: true,
      rate: null,
      satisfactionRate: null,
      dispatched: 0,
      overdueCount: 0,
    });
    expect(isNoCasesInput(none)).toBe(true);

    // Dispatched and signed for, nothing rated yet: counts are measured, satisfaction is not.
    const m = metricsOf([run('A', 'street-xinhua', t('03-02', '08:30'), signedFor('03-02')).events])[0]!;
    expect(m.rated).toBe(0);
    expect(hasCasesFor(m, 'satisfactionRate')).toBe(false);
    expect(hasCasesFor(m, 'supervisionCount')).toBe(true);
    expect(hasCasesFor(m, 'returnRate')).toBe(true);
    expect(isNoCasesInput(caseMetricInputs(m, { metric: 'satisfactionRate', field: 'rate' }))).toBe(true);
    const returns = caseMetricInputs(m, { metric: 'returnRate', field: 'rate' });
    expect(returns).toMatchObject({ rate: 0, returnRate: 0, dispatched: 1, metric: 'returnRate' });
    expect(returns.noCases).toBeUndefined();
  });

  it('writes a rate into the form field as a percentage and keeps every metric under its id as a ratio', () => {
    const r = run('A', 'street-xinhua', t('03-02', '08:30'), [
      // A unit returns before signing for (after it, only arbitration is left).
      ...signedFor('03-02').slice(0, 2),
      { action: 'return', actor: xinhua, at: t('03-02', '11:00'), input: { reason: '非本街道职责' } },
    ]);
    const m = metricsOf([r.events])[0]!;
    const values = caseMetricInputs(m, { metric: 'returnRate', field: 'rate' });
    expect(values).toMatchObject({ rate: 100, returnRate: 1, returned: 1, dispatched: 1 });
  });
});

describe('overdue and supervision counts', () => {
  it('counts a handle timer the deadline worker found overdue once, for the lead unit, in the month of its deadline', () => {
    const r = run('A', 'street-xinhua', t('03-30', '08:30'), signedFor('03-30'));
    const later = t('04-20', '09:00');
    const notice = overdueNotice(r, later);
    const deadlineMonth = calendar.localDate((notice as { deadline: string }).deadline).slice(0, 7);
    expect(deadlineMonth).toBe('2026-04');
    // The same run noticed twice (e.g. a replayed notice) and then completed late counts once.
    const handled = run('A', 'street-xinhua', t('03-30', '08:30'), [
      ...signedFor('03-30'),
      { action: 'handle', actor: xinhua, at: t('04-21', '10:00'), input: { result: '已处理' } },
    ]);
    const history: CaseMetricEvent[] = [
      ...r.events,
      notice,
      { ...notice, at: t('04-20', '09:05') },
      ...handled.events.slice(r.events.length),
    ];
    const april = metricsOf([history], '2026-04');
    expect(april.find((m) => m.unitId === 'street-xinhua')).toMatchObject({
      overdueCount: 1,
      handled: 1,
      handledOnTime: 0,
    });
    expect(metricsOf([history], '2026-03')[0]?.overdueCount ?? 0).toBe(0);
  });

  it('counts a late completion the worker never recorded, and ignores overdue accept timers', () => {
    const r = run('B', 'street-xinhua', t('03-02', '08:30'), [
      ...signedFor('03-02'),
      { action: 'handle', actor: xinhua, at: t('03-20', '10:00'), input: { result: '已处理' } },
    ]);
    const acceptNotice: CaseMetricEvent = {
      type: 'slaOverdue',
      caseId: 'B',
      at: t('03-02', '08:35'),
      timer: 'accept',
      run: 1,
      deadline: t('03-02', '08:31'),
    };
    const [opened, ...rest] = r.events as CaseEvent[];
    const m = metricsOf([[opened!, acceptNotice, ...rest]], '2026-03')[0]!;
    expect(m).toMatchObject({ unitId: 'street-xinhua', overdueCount: 1, handled: 1, handledOnTime: 0 });

    const onTime = run('C', 'street-xinhua', t('03-02', '08:30'), [
      ...signedFor('03-02'),
      { action: 'handle', actor: xinhua, at: t('03-03', '10:00'), input: { result: '已处理' } },
    ]);
    expect(metricsOf([onTime.events], '2026-03')[0]).toMatchObject({ overdueCount: 0, handledOnTime: 1 });
  });

  it('counts every escalated event as supervision, whatever its level', () => {
    const r = run('D', 'street-xinhua', t('03-02', '08:30'), signedFor('03-02'));
    const escalations: CaseEvent[] = [1, 2, 3].map((level, i) => ({
      type: 'escalated',
      caseId: 'D',
      at: t(`03-1${i + 1}`, '09:00'),
      level,
    }));
    const m = metricsOf([[...r.events, ...escalations]], '2026-03')[0]!;
    expect(m.supervisionCount).toBe(3);
  });
});
