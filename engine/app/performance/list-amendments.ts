/** @module Amendment requests the caller may read, newest first (`GET /api/performance/amendments`). */
import type { AmendmentRecord } from '../../ports/ledger.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { listedUnit } from './scope.ts';

/** Amendment requests the caller may read, newest first. */
export async function listAmendments(
  deps: AppDeps,
  input: { actor: Actor; status?: string; unitId?: string },
): Promise<{ items: AmendmentRecord[] }> {
  const unitId = await listedUnit({ deps, actor: input.actor, unitId: input.unitId });
  return { items: await deps.store.ledger.listAmendments({ status: input.status, unitId }) };
}
