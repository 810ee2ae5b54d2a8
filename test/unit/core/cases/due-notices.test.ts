/** @module What the deadline worker finds due: SLA warnings and overdue timers once per threshold, and the reminder → supervision ladder. */
import { describe, expect, it } from 'vitest';
import type { SlaPolicy } from '../../../../schemas/types.gen.ts';
import { dueNoticesOf } from '../../../../engine/core/cases/due-notices.ts';
import type { ProjectionRules } from '../../../../engine/core/cases/projection.ts';
import { applyTransition, compileWorkflow, openCase } from '../../../../engine/core/workflow/index.ts';
import { cn2026, dispatcher, seedPolicy, seedWorkflow } from '../routing/cases-seed.ts';

const wf = compileWorkflow(seedWorkflow());
const policy = seedPolicy('sla-consult');
const rules: ProjectionRules = {
  workflow: wf,
  policies: new Map<string, SlaPolicy>([[policy.id, policy]]),
  calendars: new Map([['cn-2026', cn2026()]]),
  defaultCalendar: cn2026(),
};
const at = (day: string, time: string) => new Date(`2026-03-${day}T${time}:00+08:00`).toISOString();

function dispatched() {
  const opened = openCase(wf, {
    caseId: 'C-2',
    at: at('02', '08:30'),
    routing: { leadUnitId: 'street-xinhua', priority: 'normal', slaPolicyId: policy.id, ruleSetVersion: 3 },
    data: { category: 'consult.policy', channel: 'hotline', text: '咨询社保缴费政策' },
  });
  const accepted = applyTransition(wf, opened.state, {
    action: 'accept',
    actor: dispatcher,
    at: at('02', '08:40'),
  });
  return applyTransition(wf, accepted.state, { action: 'dispatch', actor: dispatcher, at: at('02', '09:00') })
    .state;
}

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
    expect(found.find((f) => f.type === 'escalated')).toMatchObject({ topic: 'case.supervised', level: 1 });
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
