/** @module The pure case projection: the view fields (timers, light, due time, waiting queues, next check) of a case state at an instant. */
import { describe, expect, it } from 'vitest';
import { caseTimersOf, laterCheck, projectCase } from '../../../../engine/core/cases/projection.ts';
import { at, dispatchedCase, rulesWith } from './dispatched-case.ts';

const { rules, policy } = rulesWith('sla-standard');
const dispatched = (withPolicy = true) => dispatchedCase(withPolicy ? policy : null);

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
    const view = projectCase(rules, dispatched(false), at('02', '09:30'));
    expect(view).toMatchObject({ timers: {}, slaLight: 'none', dueAt: null, nextCheckAt: null });
    expect(caseTimersOf(rules, dispatched(false), null)).toBeNull();
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
