/** @module performCaseAction: a staff or plugin caller takes a workflow action on a case. */
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { requireCase, workflowActorsOf } from './access.ts';
import { eventActorOf } from './history.ts';
import { transition } from './transition.ts';
import { type CaseDetail, detailOf } from './view.ts';

/**
 * Takes a workflow action on a case as `actor` (any of its roles that the transition allows; admins
 * act as dispatcher, supervisor or reviewer). Unit users may act only on their unit's cases
 * (`case.out_of_scope`); the workflow enforces roles, unit scope (lead / assisting) and guards.
 * `at` (ISO instant) is for imports and the demo generator; the HTTP API always uses now.
 */
export async function performCaseAction(
  deps: AppDeps,
  input: { actor: Actor; id: string; action: string; input?: Record<string, unknown>; at?: string },
): Promise<CaseDetail> {
  const record = await requireCase(deps, input);
  const { rules, next } = await transition(deps, {
    record,
    candidates: workflowActorsOf(input.actor),
    eventActor: (role) => eventActorOf(input.actor, role),
    action: input.action,
    input: input.input ?? {},
    at: input.at ?? deps.clock.now().toISOString(),
  });
  return detailOf(deps, rules, next, input.actor);
}
