/** @module Property: any sequence of allowed actions keeps a case in a defined state with consistent timers and a replayable history. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatonError } from '../../../../engine/core/errors.ts';
import { slaStatus } from '../../../../engine/core/routing/sla.ts';
import type { Actor, CaseEvent, CaseState } from '../../../../engine/core/workflow/index.ts';
import {
  applyTransition,
  availableActions,
  compileWorkflow,
  openCase,
  replayCase,
} from '../../../../engine/core/workflow/index.ts';
import { cn2026, seedPolicy, seedWorkflow, unitUser } from '../routing/cases-seed.ts';

const wf = compileWorkflow(seedWorkflow());
const policy = seedPolicy('sla-standard');
const actors: Actor[] = [
  { role: 'dispatcher', userId: 'd' },
  { role: 'supervisor', userId: 's' },
  { role: 'reviewer', userId: 'r' },
  { role: 'citizen' },
  { role: 'plugin', userId: 'p' },
  unitUser('street-xinhua'),
  unitUser('dept-urban-management'),
  unitUser('street-dongcheng'),
];
const inputs: Record<string, unknown>[] = [
  {},
  // The answers of outside systems to a hand-off (行政审批, 110), so walks leave those states too.
  { decision: 'approved', outcome: 'handled', result: '已处置', reason: '理由' },
  { decision: 'rejected', outcome: 'returned', result: '非警情', reason: '材料不全' },
  {
    reason: '理由',
    result: '已处理',
    reply: '已答复',
    opinion: '意见',
    workingDays: 2,
    satisfaction: 'satisfied',
  },
  {
    reason: '理由',
    leadUnitId: 'street-dongcheng',
    satisfaction: 'unsatisfied',
    opinion: '重办',
    result: '已处理',
    reply: '已答复',
  },
  {
    reason: '理由',
    leadUnitId: 'street-xinhua',
    assistingUnitIds: ['dept-urban-management'],
    workingDays: 1,
  },
  { satisfaction: 'basicallySatisfied', workingDays: -1, result: '' },
];

function checkInvariants(state: CaseState, events: CaseEvent[], at: string): void {
  expect(wf.states.has(state.state)).toBe(true);
  expect(state.version).toBe(events.length);
  expect(replayCase(events)).toEqual(state);
  const pausing = state.pauseInStates.includes(state.state) || wf.stateTypes.get(state.state) === 'paused';
  for (const timer of Object.values(state.timers)) {
    if (!timer) continue;
    expect(['running', 'paused', 'stopped']).toContain(timer.status);
    if (pausing) expect(timer.status).not.toBe('running');
    else expect(timer.status).not.toBe('paused');
    const open = timer.pauses.filter((p) => p.to === undefined);
    expect(open.length).toBe(timer.status === 'paused' ? 1 : 0);
    if (open.length === 1) expect(timer.pauses.at(-1)!.to).toBeUndefined();
    for (const p of timer.pauses)
      if (p.to !== undefined) expect(Date.parse(p.to)).toBeGreaterThanOrEqual(Date.parse(p.from));
    if (timer.stoppedAt !== undefined)
      expect(Date.parse(timer.stoppedAt)).toBeGreaterThanOrEqual(Date.parse(timer.startedAt));
    expect(timer.status === 'stopped').toBe(timer.stoppedAt !== undefined);
  }
  const status = slaStatus(
    { timers: state.timers, priority: state.priority, policy, calendar: cn2026() },
    at,
  );
  for (const s of Object.values(status)) {
    expect(Date.parse(s!.deadline)).toBeGreaterThan(Date.parse(s!.startedAt));
    expect(s!.elapsedMinutes).toBeGreaterThanOrEqual(0);
  }
}

describe('the seed workflow under random allowed actions', () => {
  it('keeps the case in a defined state with consistent timers and a replayable history', () => {
    const visited = new Set<string>();
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            actor: fc.nat(actors.length - 1),
            pick: fc.nat(20),
            input: fc.nat(inputs.length - 1),
            minutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
          }),
          { minLength: 10, maxLength: 200, size: 'large' },
        ),
        (steps) => {
          let ms = Date.parse('2026-09-28T09:00:00+08:00');
          const iso = () => new Date(ms).toISOString();
          const opened = openCase(wf, {
            caseId: 'P-1',
            at: iso(),
            routing: {
              leadUnitId: 'street-xinhua',
              assistingUnitIds: ['dept-urban-management'],
              slaPolicyId: policy.id,
            },
            pauseInStates: policy.pauseInStates ?? [],
            data: { category: 'urban.street-vending' },
          });
          let state = opened.state;
          const events = [...opened.events];
          for (const step of steps) {
            ms += step.minutes * 60_000;
            // Choose among every (actor, action) pair offered now, so walks make progress.
            const options = actors.flatMap((a) =>
              availableActions(wf, state, a).map((x) => ({ actor: a, action: x.action })),
            );
            if (options.length === 0) break;
            const { actor, action } = options[(step.actor * 21 + step.pick) % options.length]!;
            try {
              const r = applyTransition(wf, state, { action, actor, at: iso(), input: inputs[step.input] });
              expect(r.events[0]).toMatchObject({
                type: 'transitioned',
                action,
                from: state.state,
                to: r.state.state,
              });
              state = r.state;
              events.push(...r.events);
              visited.add(state.state);
            } catch (error) {
              // Only input-dependent refusals are allowed for an action offered as available.
              expect(error).toBeInstanceOf(BatonError);
              expect(['workflow.guard_failed', 'workflow.effect_value', 'workflow.invalid_input']).toContain(
                (error as BatonError).code,
              );
            }
            checkInvariants(state, events, iso());
          }
        },
      ),
      // A fixed seed (BATON_PROPERTY_SEED to try others): since the hand-off detours (110, 行政审批)
      // joined the workflow, only some seeds' walks reach 专业评价 within 200 steps, and the coverage
      // check below must not depend on luck. Invariants are checked on every walk either way.
      { numRuns: 200, seed: Number(process.env.BATON_PROPERTY_SEED ?? 20261204) },
    );
    // The random walks really explore the branches, not just the first states.
    for (const name of ['returned', 'extensionRequested', 'reviewPending', 'closed', 'rejected'])
      expect(visited).toContain(name);
  });
});
