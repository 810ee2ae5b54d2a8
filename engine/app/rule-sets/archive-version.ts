/** @module Archiving a version (a published one stops being in force). */
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { type VersionDetail, toDetail, transition, changeState } from './shared.ts';
import { noteInForceChanged } from './in-force.ts';

/** Archives a version (a published one stops being in force). */
export async function archiveVersion(
  deps: AppDeps,
  input: { actor: Actor; ruleSetId: string; number: number; ifRevision?: number },
): Promise<VersionDetail> {
  const after = await transition(
    deps,
    { actor: input.actor, ref: input, ifRevision: input.ifRevision, action: 'ruleSet.archive' },
    async (tx, v, at) => {
      return changeState(tx, v, ['draft', 'inReview', 'approved', 'published'], {
        status: 'archived',
        archivedAt: at,
      });
    },
  );
  noteInForceChanged();
  return toDetail(after);
}
