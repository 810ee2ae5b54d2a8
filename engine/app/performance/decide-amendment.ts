/** @module The assessment office approves or rejects an amendment (`POST /api/performance/amendments/:id/decision`). */
import type { LocalizedText } from '../../core/errors.ts';
import { ConflictError, NotFoundError } from '../../core/errors.ts';
import type { IndicatorScore } from '../../core/scoring/pipeline.ts';
import type { AmendmentRecord, LedgerEntryView } from '../../ports/ledger.ts';
import type { Repositories } from '../../ports/store.ts';
import { appendAudit, auditActor } from '../audit.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { answerWrite, commitEntry } from './entry-write.ts';
import type { Loaded } from './scoring-cache.ts';
import { loadScoring, type StageRecompute, writeThenRecompute } from './scoring-state.ts';

const t = (en: string, zh: string): LocalizedText => ({ en, zh });

/** The pending amendment `id`, else 404 `amendment.not_found` / 409 `amendment.decided`. */
async function requirePending(tx: Repositories, id: string): Promise<AmendmentRecord> {
  const amendment = await tx.ledger.getAmendment(id);
  if (!amendment)
    throw new NotFoundError(
      'amendment.not_found',
      t(`Amendment "${id}" does not exist.`, `更正申请“${id}”不存在。`),
    );
  if (amendment.status !== 'pending')
    throw new ConflictError(
      'amendment.decided',
      t(`Amendment "${id}" was already ${amendment.status}.`, `更正申请“${id}”已处理。`),
    );
  return amendment;
}

/** Appends the amended values as a new entry superseding the amended one (409 when a later entry replaced it). */
async function appendAmended(q: {
  deps: AppDeps;
  tx: Repositories;
  stage: StageRecompute;
  loaded: Loaded;
  amendment: AmendmentRecord;
  decidedBy: string;
  at: string;
}): Promise<LedgerEntryView> {
  const { tx, loaded, amendment } = q;
  const old = await tx.ledger.getEntry(amendment.entryId);
  const active = old ? await tx.ledger.activeEntry(old) : null;
  if (!old || active?.id !== old.id)
    throw new ConflictError(
      'amendment.superseded',
      t('A later entry replaced the amended one.', '被更正的记录已被更新的记录取代。'),
    );
  return commitEntry({
    tx,
    stage: q.stage,
    loaded,
    action: 'entry.amend',
    details: { amendmentId: amendment.id, requestedBy: amendment.requestedBy, approvedBy: q.decidedBy },
    record: {
      id: q.deps.ids.newId('ent'),
      unitId: old.unitId,
      indicatorId: old.indicatorId,
      period: old.period,
      values: amendment.values,
      ruleSetId: loaded.ruleSetId,
      ruleSetVersion: loaded.version,
      submittedBy: amendment.requestedBy,
      submittedAt: q.at,
      isLate: old.isLate,
      supersedes: old.id,
      kind: 'amendment',
      attachments: old.attachments,
    },
  });
}

/**
 * The office decides an amendment. Approving appends a new entry superseding the old one (both kept)
 * and recomputes the scores in the same transaction; rejecting only records the decision.
 */
export async function decideAmendment(
  deps: AppDeps,
  input: {
    actor: Actor;
    id: string;
    decision: 'approve' | 'reject';
    note?: string;
    ruleSetId?: string;
    /** Answer only once the new entry's scores are recomputed and written. */
    wait?: boolean;
  },
): Promise<{
  amendment: AmendmentRecord;
  entry: LedgerEntryView | null;
  score: IndicatorScore | null;
  recomputing: boolean;
}> {
  // The amended entry's period chooses the version (read again inside the transaction below).
  const period = (await deps.store.ledger.getAmendment(input.id))?.period;
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period });
  const at = deps.clock.now().toISOString();
  const written = await writeThenRecompute(deps, async (tx, stage) => {
    const amendment = await requirePending(tx, input.id);
    const decidedBy = auditActor(input.actor);
    const entry =
      input.decision === 'approve'
        ? await appendAmended({ deps, tx, stage, loaded, amendment, decidedBy, at })
        : null;
    const decided = {
      id: amendment.id,
      status: input.decision === 'approve' ? ('approved' as const) : ('rejected' as const),
      decidedBy,
      decidedAt: at,
      note: input.note ?? null,
      newEntryId: entry?.id ?? null,
    };
    await tx.ledger.decideAmendment(decided);
    await appendAudit(tx, {
      at,
      entry: {
        actor: decidedBy,
        action: 'entry.amendmentDecide',
        target: `amendment:${amendment.id}`,
        details: { decision: decided.status, note: decided.note, newEntryId: decided.newEntryId },
      },
    });
    return { amendment: { ...amendment, ...decided }, entry };
  });
  const { amendment, entry } = written.value;
  if (!entry) return { amendment, entry, score: null, recomputing: false };
  const answer = await answerWrite(deps, { loaded, entry, queued: written.queued[0]!, wait: input.wait });
  return { amendment, entry, score: answer.score, recomputing: answer.recomputing };
}
