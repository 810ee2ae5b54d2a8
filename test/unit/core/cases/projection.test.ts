/** @module The pure case projection: the view fields (timers, light, due time, waiting queues, next check) of a case state at an instant. */
import { describe, expect, it } from 'vitest';
import type { SlaPolicy } from '../../../../schemas/types.gen.ts';
import {
  caseTimersOf,
  laterCheck,
  projectCase,
  type ProjectionRules,
} from '../../../../engine/core/cases/projection.ts';
import { applyTransition, compileWorkflow, openCase } from '../../../../engine/core/workflow/index.ts';
import { cn2026, dispatcher, seedPolicy, seedWorkflow } from '../routing/cases-seed.ts';

const wf = compileWorkflow(seedWorkflow());
const policy = seedPolicy('sla-standard');
const rules: ProjectionRules = {
  workflow: wf,
  policies: new Map<string, SlaPolicy>([[policy.id, policy]]),
  calendars: new Map([['cn-2026', cn2026()]]),
  defaultCalendar: cn2026(),
};
// Monday 2 March 2026, a working day.
const at = (day: string, time: string) => new Date(`2026-03-${day}T${time}:00+08:00`).toISOString();

function dispatched(slaPolicyId: string | null = policy.id) {
  const opened = openCase(wf, {
    caseId: 'C-1',
    at: at('02', '08:30'),
    routing: { leadUnitId: 'street-xinhua', priority: 'normal', slaPolicyId, ruleSetVersion: 3 },
    pauseInStates: policy.pauseInStates ?? [],
    data: { category: 'urban.street-vending', channel: 'hotline', text: '路口有流动摊贩占道经营' },
  });
  const accepted = applyTransition(wf, opened.state, {
    action: 'accept',
    actor: dispatcher,
    at: at('02', '08:40'),
  });
  return applyTransition(wf, accepted.state, { action: 'dispatch', actor: dispatcher, at: at('02', '09:00') })
    .state;
}

describe('projectCase', () => {
  it('shows a freshly dispatched case green, in the lead unit queue, due at its nearest deadline', () => {
    const state = dispatched();
    const view = projectCase(rules, state, at('02', '09:30'));
    expect(view.status).toBe(state.state);
    expect(view.leadUnitId).toBe('street-xinhua');
    expect(view.waitingRoles).toContain('unit');
    expect(view.waitingUnitIds).toEqual(['street-xinhua']);
    expect(view.slaLight).toBe('green');
    expect(view.dueAt).not.toBeNull();
    const running = Object.values(view.timers as Record<string, { status: string; deadline: string }>).filter(
      (t) => t.status === 'running',
    );
    expect(running.length).toBeGreaterThan(0);
    const nearest = running.map((t) => new Date(t.deadline).toISOString()).sort()[0];
    expect(view.dueAt).toBe(nearest);
    // The worker looks again no later than the nearest deadline, and not before now.
    expect(view.nextCheckAt! > at('02', '09:30')).toBe(true);
    expect(view.nextCheckAt! <= view.dueAt!).toBe(true);
  });

  it('turns overdue after the deadline and asks the worker to look at once', () => {
    const state = dispatched();
    const now = at('31', '09:00');
    const view = projectCase(rules, state, now);
    expect(view.slaLight).toBe('overdue');
    expect(view.nextCheckAt).toBe(now);
  });

  it('has no timers, light or next check without an SLA policy', () => {
    const view = projectCase(rules, dispatched(null), at('02', '09:30'));
    expect(view).toMatchObject({ timers: {}, slaLight: 'none', dueAt: null, nextCheckAt: null });
    expect(caseTimersOf(rules, dispatched(null), null)).toBeNull();
  });
});

describe('laterCheck', () => {
  it('is the first future instant a running timer needs a look, and null without a policy', () => {
    const state = dispatched();
    const now = at('02', '09:30');
    const next = laterCheck(rules, { state, slaPolicyId: policy.id }, now);
    expect(next).not.toBeNull();
    expect(next! > now).toBe(true);
    expect(next).toBe(projectCase(rules, state, now).nextCheckAt);
    expect(laterCheck(rules, { state, slaPolicyId: null }, now)).toBeNull();
  });
});
