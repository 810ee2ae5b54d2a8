/** @module getCase: one case as staff see it. */
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { requireCase } from './access.ts';
import { rulesOfCase } from './rules.ts';
import { type CaseDetail, detailOf } from './view.ts';

/** A case with its history, routing trace, SLA status and the caller's actions. Unit users: only their unit's cases. */
export async function getCase(deps: AppDeps, input: { actor: Actor; id: string }): Promise<CaseDetail> {
  const record = await requireCase(deps, input);
  const rules = await rulesOfCase(deps, record);
  return detailOf(deps, rules, record, input.actor);
}
