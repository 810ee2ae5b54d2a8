/** @module Case metrics per unit and month from synthetic case histories produced by the seed workflow. */
import { describe, expect, it } from 'vitest';
import { computeCaseMetrics } from '../../../../engine/core/routing/metrics.ts';
import type { CaseEvent } from '../../../../engine/core/workflow/index.ts';
import { compileWorkflow } from '../../../../engine/core/workflow/index.ts';
import {
  citizen,
  cn2026,
  dispatcher,
  driveStandardCase,
  reviewer,
  seedPolicy,
  seedWorkflow,
  supervisor,
  unitUser,
  type Step,
} from './cases-seed.ts';

const wf = compileWorkflow(seedWorkflow());
const policy = seedPolicy('sla-standard');
const xinhua = unitUser('street-xinhua');
const t = (day: string, time: string) => `2026-${day}T${time}:00+08:00`;

const history = (caseId: string, leadUnitId: string, opened: string, steps: Step[]): CaseEvent[] =>
  driveStandardCase(wf, caseId, leadUnitId, opened, steps).events;

const closeOut = (day: string, satisfaction: string, unit = xinhua): Step[] => [
  { action: 'reply', actor: unit, at: t(day, '16:00'), input: { reply: '已答复' } },
  { action: 'verify', actor: dispatcher, at: t(day, '16:10') },
  { action: 'notifyCitizen', actor: dispatcher, at: t(day, '16:20') },
  { action: 'rate', actor: citizen, at: t(day, '16:30'), input: { satisfaction } },
];

const caseA = history('A', 'street-xinhua', t('03-02', '08:30'), [
  { action: 'accept', actor: dispatcher, at: t('03-02', '08:40') },
  { action: 'dispatch', actor: dispatcher, at: t('03-02', '09:00') },
  { action: 'signFor', actor: xinhua, at: t('03-02', '10:00') },
  { action: 'handle', actor: xinhua, at: t('03-04', '15:00'), input: { result: '已处理' } },
  ...closeOut('03-04', 'satisfied'),
  { action: 'close', actor: dispatcher, at: t('03-04', '17:00') },
]);

const caseB = history('B', 'street-xinhua', t('03-02', '08:30'), [
  { action: 'accept', actor: dispatcher, at: t('03-02', '08:40') },
  { action: 'dispatch', actor: dispatcher, at: t('03-02', '09:00') },
  { action: 'return', actor: xinhua, at: t('03-02', '10:00'), input: { reason: '非本街道职责' } },
  { action: 'rejectReturn', actor: dispatcher, at: t('03-02', '11:00'), input: { reason: '属街道职责' } },
  { action: 'signFor', actor: xinhua, at: t('03-02', '11:30') },
  { action: 'handle', actor: xinhua, at: t('03-10', '10:00'), input: { result: '已处理' } },
  ...closeOut('03-10', 'unsatisfied'),
  { action: 'orderRedo', actor: reviewer, at: t('03-11', '09:00'), input: { opinion: '未解决' } },
  { action: 'handle', actor: xinhua, at: t('03-12', '10:00'), input: { result: '已重新处理' } },
  ...closeOut('03-12', 'satisfied'),
  { action: 'close', actor: dispatcher, at: t('03-12', '17:00') },
]);

const health = unitUser('dept-health');
const caseC = history('C', 'dept-education', t('03-03', '08:30'), [
  { action: 'accept', actor: dispatcher, at: t('03-03', '08:40') },
  { action: 'dispatch', actor: dispatcher, at: t('03-03', '09:00') },
  {
    action: 'return',
    actor: unitUser('dept-education'),
    at: t('03-03', '10:00'),
    input: { reason: '属卫健委职责' },
  },
  { action: 'dispatch', actor: dispatcher, at: t('03-03', '14:00'), input: { leadUnitId: 'dept-health' } },
  { action: 'signFor', actor: health, at: t('03-03', '14:30') },
  {
    action: 'requestSupervision',
    actor: dispatcher,
    at: t('03-04', '09:00'),
    input: { reason: '群众反映强烈' },
  },
  { action: 'approveSupervision', actor: supervisor, at: t('03-04', '09:30') },
  { action: 'handle', actor: health, at: t('03-05', '10:00'), input: { result: '已处理' } },
]);

const caseD = history('D', 'street-xinhua', t('04-01', '08:30'), [
  { action: 'accept', actor: dispatcher, at: t('04-01', '08:40') },
  { action: 'dispatch', actor: dispatcher, at: t('04-01', '09:00') },
  { action: 'signFor', actor: xinhua, at: t('04-01', '10:00') },
  { action: 'handle', actor: xinhua, at: t('04-02', '10:00'), input: { result: '已处理' } },
]);

const metrics = computeCaseMetrics({
  histories: [caseA, caseB, caseC, caseD],
  policies: [policy],
  calendars: [cn2026()],
  month: '2026-03',
});
const of = (unitId: string) => metrics.find((m) => m.unitId === unitId)!;

describe('computeCaseMetrics', () => {
  it('counts handling, on-time completions, satisfaction and redo for a unit', () => {
    expect(of('street-xinhua')).toMatchObject({
      month: '2026-03',
      dispatched: 2,
      handled: 3,
      handledWithTimer: 3,
      handledOnTime: 2,
      rated: 3,
      satisfied: 2,
      redo: 1,
      supervisionCount: 0,
      // B's first handling ended after its deadline; no worker notice, so the completion counts it.
      overdueCount: 1,
    });
    expect(of('street-xinhua').onTimeRate).toBeCloseTo(2 / 3, 10);
    expect(of('street-xinhua').satisfactionRate).toBeCloseTo(2 / 3, 10);
    expect(of('street-xinhua').redoRate).toBeCloseTo(1 / 3, 10);
  });

  it('averages handling time in office hours without the time a case was paused', () => {
    // A: 1110 min; B first run: 2580 min minus 60 paused; B redo: 480 min.
    expect(of('street-xinhua').avgHandlingWorkingHours).toBeCloseTo((1110 + 2520 + 480) / 3 / 60, 10);
  });

  it('charges returns to the returning unit and a rejected return as wrongful', () => {
    expect(of('street-xinhua')).toMatchObject({
      returned: 1,
      wrongfulReturns: 1,
      returnRate: 0.5,
      wrongfulReturnRate: 1,
    });
    expect(of('dept-education')).toMatchObject({
      dispatched: 1,
      returned: 1,
      wrongfulReturns: 0,
      returnRate: 1,
      wrongfulReturnRate: 0,
      handled: 0,
      onTimeRate: null,
      avgHandlingWorkingHours: null,
    });
  });

  it('charges supervision and handling to the unit the case was re-dispatched to', () => {
    expect(of('dept-health')).toMatchObject({
      dispatched: 1,
      handled: 1,
      handledOnTime: 1,
      supervisionCount: 1,
      returned: 0,
      rated: 0,
    });
    expect(of('dept-health').satisfactionRate).toBeNull();
  });

  it('buckets by month and lists units in order', () => {
    expect(metrics.map((m) => m.unitId)).toEqual(['dept-education', 'dept-health', 'street-xinhua']);
    const all = computeCaseMetrics({ histories: [caseA, caseD], policies: [policy], calendars: [cn2026()] });
    expect(all.map((m) => [m.month, m.unitId, m.handled])).toEqual([
      ['2026-03', 'street-xinhua', 1],
      ['2026-04', 'street-xinhua', 1],
    ]);
  });
});
