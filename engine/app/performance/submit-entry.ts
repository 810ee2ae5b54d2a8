/** @module A unit's form entry appended to the append-only ledger (`POST /api/performance/entries`). */
import type {
  PostApiPerformanceEntriesBody,
  PostApiPerformanceEntriesQuery,
} from '../../../schemas/api-types.gen.ts';
import type { LocalizedText } from '../../core/errors.ts';
import { ValidationError } from '../../core/errors.ts';
import { isDueIn, requireOpenPeriod } from '../../core/performance/deadlines.ts';
import { invalidEntry, validateEntryValues } from '../../core/performance/entry-values.ts';
import {
  requireFormLeaf,
  requireLeaf,
  requireOwner,
  requirePeriod,
} from '../../core/performance/requirements.ts';
import { type CompiledLeaf, monthOf } from '../../core/scoring/model.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { todayOf } from '../../core/time-zone.ts';
import { requireAttachments } from './attachment-access.ts';
import { answerWrite, commitEntry, type EntryWriteResult, submittedRecord } from './entry-write.ts';
import { scopedUnit } from './scope.ts';
import { loadScoring, writeThenRecompute } from './scoring-state.ts';

const t = (en: string, zh: string): LocalizedText => ({ en, zh });

/** Refuses (400 `ledger.not_due`) a period the leaf does not report in. */
function requireDue(leaf: CompiledLeaf, period: string): void {
  if (!isDueIn(leaf, monthOf(period)))
    throw new ValidationError(
      'ledger.not_due',
      t(
        `Indicator "${leaf.id}" is reported ${leaf.period}; nothing is due for ${period}.`,
        `指标“${leaf.id}”按${leaf.period}填报，${period} 无需填报。`,
      ),
      { path: '/period' },
    );
}

/**
 * Appends a unit's entry for (indicator, period) to the ledger, pinned to the version in force, after the
 * same validation as the client; flagged late inside the grace window, refused once the period is
 * locked (409 `ledger.locked`: only an amendment changes it). The entry, its audit record, its
 * outbox event and its "recompute pending" mark commit in one transaction and the write answers;
 * the affected scores are recomputed in the background (`wait: true` answers after that instead).
 */
export async function submitEntry(
  deps: AppDeps,
  input: PostApiPerformanceEntriesBody & PostApiPerformanceEntriesQuery & { actor: Actor },
): Promise<EntryWriteResult> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.period });
  const { model } = loaded;
  const unitId = await scopedUnit({ deps, actor: input.actor, unitId: input.unitId, isWrite: true });
  const leaf = requireLeaf(model, input.indicatorId);
  const form = requireFormLeaf(leaf);
  requireOwner(leaf, unitId);
  const period = requirePeriod(input.period, model);
  requireDue(leaf, period);
  const { status } = requireOpenPeriod({ period, policy: model.policy, today: todayOf(deps.clock.now()) });
  const issues = validateEntryValues(form, input.values);
  if (issues.length > 0) throw invalidEntry(issues);
  const attachments = [...new Set(input.attachments ?? [])];
  await requireAttachments(deps, input.actor, attachments);
  const at = deps.clock.now().toISOString();
  const written = await writeThenRecompute(deps, async (tx, stage) => {
    const previous = await tx.ledger.activeEntry({ unitId, indicatorId: leaf.id, period });
    const record = submittedRecord(deps, {
      loaded,
      actor: input.actor,
      unitId,
      indicatorId: leaf.id,
      period,
      values: input.values,
      attachments,
      at,
      isLate: status === 'late',
      previous,
    });
    return commitEntry({ tx, stage, loaded, record, action: 'entry.submit' });
  });
  return answerWrite(deps, { loaded, entry: written.value, queued: written.queued[0]!, wait: input.wait });
}
