/** @module The seed workflow's hotline controls in core: fresh clocks for a re-dispatched unit (onRedispatch), the 挂起 pause state, the return limit and the link effect of a merge. */
import { describe, expect, it } from 'vitest';
import { computeDeadlines } from '../../../../engine/core/routing/sla.ts';
import { compileWorkflow, openCase, replayCase } from '../../../../engine/core/workflow/index.ts';
import {
  actOn,
  cn2026,
  dispatcher,
  drive,
  seedPolicy,
  seedWorkflow,
  type Step,
  unitUser,
} from '../routing/cases-seed.ts';

const wf = compileWorkflow(seedWorkflow());
const act = actOn(wf);
const policy = seedPolicy('sla-standard');
const street = unitUser('street-xinhua');
const at = (day: string, time: string) => `2026-03-${day}T${time}:00+08:00`;

function open(onRedispatch: 'fresh' | 'continue') {
  return openCase(wf, {
    caseId: 'C-9',
    at: at('02', '08:30'),
    routing: {
      leadUnitId: 'street-xinhua',
      priority: 'normal',
      slaPolicyId: policy.id,
      ruleSetVersion: 3,
    },
    pauseInStates: policy.pauseInStates ?? [],
    onRedispatch,
    data: { category: 'urban.street-vending', channel: 'hotline', text: '路口有流动摊贩占道经营' },
  });
}

const returnedThenRedispatched: Step[] = [
  { action: 'accept', actor: dispatcher, at: at('02', '08:40') },
  { action: 'dispatch', actor: dispatcher, at: at('02', '09:00') },
  { action: 'return', actor: street, at: at('03', '09:00'), input: { reason: '非本街道职责' } },
  { action: 'dispatch', actor: dispatcher, at: at('03', '14:00'), input: { leadUnitId: 'street-dongcheng' } },
];

const deadlines = (state: ReturnType<typeof drive>['state']) =>
  computeDeadlines({ timers: state.timers, priority: state.priority, policy, calendar: cn2026() });

describe('clocks of a re-dispatched case', () => {
  it('gives the new unit fresh accept and handle clocks when the policy says fresh', () => {
    const run = drive(wf, open('fresh'), returnedThenRedispatched);
    expect(run.state.leadUnitId).toBe('street-dongcheng');
    expect(run.state.timers.handle).toMatchObject({
      status: 'running',
      run: 2,
      startedAt: at('03', '14:00'),
      pauses: [],
    });
    expect(run.state.timers.accept).toMatchObject({
      status: 'running',
      run: 2,
      startedAt: at('03', '14:00'),
    });
    // Five working days from the re-dispatch, not from the first dispatch.
    expect(deadlines(run.state).handle?.deadline).toBe('2026-03-10T14:00:00+08:00');
    expect(replayCase(run.events)).toEqual(run.state);
  });

  it('lets the new unit inherit the paused clock when the policy says continue', () => {
    const run = drive(wf, open('continue'), returnedThenRedispatched);
    expect(run.state.timers.handle).toMatchObject({
      status: 'running',
      run: 1,
      startedAt: at('02', '09:00'),
    });
    // Five working days from the first dispatch, plus the 3.5 office hours the case waited returned.
    expect(deadlines(run.state).handle?.deadline).toBe('2026-03-09T14:00:00+08:00');
  });

  it('does not restart the clocks when the dispatcher rejects a return (same unit)', () => {
    const run = drive(wf, open('fresh'), [
      ...returnedThenRedispatched.slice(0, 3),
      { action: 'rejectReturn', actor: dispatcher, at: at('03', '10:00'), input: { reason: '属街道职责' } },
    ]);
    expect(run.state.timers.handle).toMatchObject({ status: 'running', run: 1 });
  });
});

describe('挂起 and the return limit', () => {
  const toHandling: Step[] = [
    { action: 'accept', actor: dispatcher, at: at('02', '08:40') },
    { action: 'dispatch', actor: dispatcher, at: at('02', '09:00') },
    { action: 'signFor', actor: street, at: at('02', '10:00') },
  ];

  it('pauses every running timer while the case is on hold and resumes them after', () => {
    const run = drive(wf, open('fresh'), [
      ...toHandling,
      { action: 'requestSuspension', actor: street, at: at('02', '11:00'), input: { reason: '等待鉴定' } },
      { action: 'approveSuspension', actor: dispatcher, at: at('02', '13:30') },
    ]);
    expect(run.state.state).toBe('onHold');
    expect(run.state.timers.handle).toMatchObject({
      status: 'paused',
      pauses: [{ from: at('02', '13:30') }],
    });
    const resumed = act(run.state, 'resume', street, at('04', '13:30'));
    expect(resumed.state.timers.handle).toMatchObject({
      status: 'running',
      pauses: [{ from: at('02', '13:30'), to: at('04', '13:30') }],
    });
    expect(resumed.effects).toContainEqual({ type: 'resumeTimer', timer: 'handle' });
  });

  it('refuses a third return and a return after sign-for, offering arbitration instead', () => {
    let state = drive(wf, open('fresh'), toHandling.slice(0, 2)).state;
    for (const hour of ['10', '12']) {
      state = act(state, 'return', street, at('02', `${hour}:00`), { reason: '非本单位' }).state;
      state = act(state, 'rejectReturn', dispatcher, at('02', `${hour}:30`), { reason: '属本单位' }).state;
    }
    expect(state.flags.returnCount).toBe(2);
    expect(() => act(state, 'return', street, at('02', '14:00'), { reason: 'x' })).toThrow(
      expect.objectContaining({ code: 'workflow.guard_failed' }),
    );
    const signed = act(state, 'signFor', street, at('02', '14:00')).state;
    expect(() => act(signed, 'return', street, at('02', '15:00'), { reason: 'x' })).toThrow(
      expect.objectContaining({ code: 'workflow.action_unavailable' }),
    );
  });
});

describe('merge', () => {
  it('links the repeat to the case that carries it and ends it in the merged state', () => {
    const pending = drive(wf, open('fresh'), [
      { action: 'accept', actor: dispatcher, at: at('02', '08:40') },
    ]);
    const merged = act(pending.state, 'merge', dispatcher, at('02', '08:45'), { caseNumber: '2026-000007' });
    expect(merged.state.state).toBe('merged');
    expect(wf.finals.has('merged')).toBe(true);
    expect(merged.state.links).toEqual([
      { caseId: '2026-000007', number: null, relation: 'mergedInto', at: at('02', '08:45') },
    ]);
    expect(merged.effects).toContainEqual({ type: 'link', relation: 'mergedInto', caseRef: '2026-000007' });
  });
});
