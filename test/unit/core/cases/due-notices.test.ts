/** @module What the deadline worker finds due: SLA warnings and overdue timers once per threshold, and the reminder → supervision ladder. */
import { describe, expect, it } from 'vitest';
import { dueNoticesOf } from '../../../../engine/core/cases/due-notices.ts';
import { at, dispatchedCase, rulesWith } from './dispatched-case.ts';

const { rules, policy } = rulesWith('sla-consult');
const dispatched = () => dispatchedCase(policy);

describe('dueNoticesOf', () => {
  it('finds nothing due right after dispatch', () => {
    expect(dueNoticesOf(rules, { state: dispatched(), slaPolicyId: policy.id }, at('02', '09:05'))).toEqual(
      [],
    );
  });

  it('finds the overdue timers and the due ladder steps after the deadline, each with a distinct key', () => {
    const found = dueNoticesOf(rules, { state: dispatched(), slaPolicyId: policy.id }, at('20', '09:00'));
    const types = new Set(found.map((f) => f.type));
    expect(types).toContain('slaOverdue');
    expect(types).toContain('reminded');
    expect(types).toContain('escalated');
    expect(found.find((f) => f.type === 'escalated')).toMatchObject({ level: 1 });
    expect(new Set(found.map((f) => f.key)).size).toBe(found.length);
    // An overdue timer is not also warned about.
    for (const f of found.filter((n) => n.type === 'slaWarning'))
      expect(
        found.some(
          (o) =>
            o.type === 'slaOverdue' && o.payload.timer === f.payload.timer && o.payload.run === f.payload.run,
        ),
      ).toBe(false);
  });

  it('finds nothing without a policy', () => {
    expect(dueNoticesOf(rules, { state: dispatched(), slaPolicyId: null }, at('20', '09:00'))).toEqual([]);
  });
});
