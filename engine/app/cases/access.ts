/** @module Who may see and act on a case: the workflow roles a caller acts as, the unit scope of unit users, and case lookup by id or number. */
import { NotFoundError, PermissionError } from '../../core/errors.ts';
import type { Actor as WorkflowActor } from '../../core/workflow/index.ts';
import type { CaseRecord } from '../../ports/cases.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';

/** A message in both languages. */
export const text = (en: string, zh: string) => ({ en, zh });
const notFound = () => new NotFoundError('case.not_found', text('No such case.', '办件不存在。'));
const outOfScope = () =>
  new PermissionError(
    'case.out_of_scope',
    text('This case is not handled by your unit.', '该办件不属于本单位办理。'),
  );

/** Workflow actors the caller may act as, in the order tried. */
export function workflowActorsOf(actor: Actor): WorkflowActor[] {
  const out: WorkflowActor[] = [];
  const add = (role: WorkflowActor['role']) => {
    if (!out.some((a) => a.role === role))
      out.push({ role, userId: actor.username, ...(actor.unitId ? { unitId: actor.unitId } : {}) });
  };
  for (const role of actor.roles) {
    if (role === 'admin') {
      add('dispatcher');
      add('supervisor');
      add('reviewer');
    } else if (role !== 'auditor') add(role as WorkflowActor['role']);
  }
  return out;
}

/** A user of a unit only (no office role): sees and acts on the cases of that unit alone. */
export function isUnitUser(actor: Actor): boolean {
  return (
    actor.roles.includes('unit') &&
    !actor.roles.some((r) => ['admin', 'dispatcher', 'supervisor', 'reviewer', 'auditor'].includes(r))
  );
}

/** Whether `unitId` leads or assists on the case. */
export function involves(
  record: Pick<CaseRecord, 'leadUnitId' | 'assistingUnitIds'>,
  unitId: string | null,
): boolean {
  return unitId !== null && (record.leadUnitId === unitId || record.assistingUnitIds.includes(unitId));
}

/** The case of `id` (or case number) the caller may see; `case.not_found` / `case.out_of_scope` otherwise. */
export async function requireCase(deps: AppDeps, input: { actor?: Actor; id: string }): Promise<CaseRecord> {
  const record = (await deps.store.cases.get(input.id)) ?? (await deps.store.cases.getByNumber(input.id));
  if (!record) throw notFound();
  if (input.actor && isUnitUser(input.actor) && !involves(record, input.actor.unitId)) throw outOfScope();
  return record;
}
