/** @module One ledger entry (`GET /api/performance/entries/:id`). */
import { NotFoundError } from '../../core/errors.ts';
import type { LedgerEntryView } from '../../ports/ledger.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { scopedUnit } from './scope.ts';

/** The entry `id`, else 404 `entry.not_found`. */
export async function requireEntry(deps: AppDeps, id: string): Promise<LedgerEntryView> {
  const entry = await deps.store.ledger.getEntry(id);
  if (!entry)
    throw new NotFoundError('entry.not_found', {
      en: `Entry "${id}" does not exist.`,
      zh: `填报记录“${id}”不存在。`,
    });
  return entry;
}

/** One ledger entry; 403 outside a unit user's scope. */
export async function getEntry(deps: AppDeps, input: { actor: Actor; id: string }): Promise<LedgerEntryView> {
  const entry = await requireEntry(deps, input.id);
  await scopedUnit({ deps, actor: input.actor, unitId: entry.unitId });
  return entry;
}
