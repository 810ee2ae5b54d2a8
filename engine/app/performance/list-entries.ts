/** @module Ledger entries the caller may read, newest first (`GET /api/performance/entries`). */
import type { LedgerEntryView } from '../../ports/ledger.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { listedUnit } from './scope.ts';

/** Entries of the ledger the caller may read, newest first. */
export async function listEntries(
  deps: AppDeps,
  input: {
    actor: Actor;
    unitId?: string;
    indicatorId?: string;
    period?: string;
    includeSuperseded?: boolean;
  },
): Promise<{ items: LedgerEntryView[] }> {
  const unitId = await listedUnit({ deps, actor: input.actor, unitId: input.unitId });
  const items = await deps.store.ledger.listEntries({
    unitId,
    indicatorId: input.indicatorId,
    period: input.period,
    includeSuperseded: input.includeSuperseded ?? false,
  });
  return { items };
}
