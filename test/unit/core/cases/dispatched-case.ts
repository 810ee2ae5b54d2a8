/** @module A seed-workflow case dispatched on Monday 2 March 2026 to street-xinhua, and projection rules holding one seed SLA policy and the cn-2026 calendar. */
import type { SlaPolicy } from '../../../../schemas/types.gen.ts';
import type { ProjectionRules } from '../../../../engine/core/cases/projection.ts';
import {
  applyTransition,
  type CaseState,
  compileWorkflow,
  openCase,
} from '../../../../engine/core/workflow/index.ts';
import { cn2026, dispatcher, seedPolicy, seedWorkflow } from '../routing/cases-seed.ts';

const wf = compileWorkflow(seedWorkflow());

/** A UTC instant of a March 2026 day and district time (`hh:mm`). */
export const at = (day: string, time: string) => new Date(`2026-03-${day}T${time}:00+08:00`).toISOString();

/** Projection rules with the seed workflow, the seed SLA policy `policyId` and the cn-2026 calendar. */
export function rulesWith(policyId: string): { rules: ProjectionRules; policy: SlaPolicy } {
  const policy = seedPolicy(policyId);
  return {
    policy,
    rules: {
      workflow: wf,
      policies: new Map<string, SlaPolicy>([[policy.id, policy]]),
      calendars: new Map([['cn-2026', cn2026()]]),
      defaultCalendar: cn2026(),
    },
  };
}

/** A normal-priority case opened 08:30, accepted 08:40 and dispatched 09:00 on 2 March, on `policy` (or none). */
export function dispatchedCase(policy: SlaPolicy | null): CaseState {
  const opened = openCase(wf, {
    caseId: 'C-1',
    at: at('02', '08:30'),
    routing: {
      leadUnitId: 'street-xinhua',
      priority: 'normal',
      slaPolicyId: policy?.id ?? null,
      ruleSetVersion: 3,
    },
    pauseInStates: policy?.pauseInStates ?? [],
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
