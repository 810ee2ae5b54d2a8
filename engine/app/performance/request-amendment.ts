/** @module A unit asks the assessment office to change a locked entry (`POST /api/performance/amendments`). */
import type { LocalizedText } from '../../core/errors.ts';
import { ConflictError, ValidationError } from '../../core/errors.ts';
import { invalidEntry, validateEntryValues } from '../../core/performance/entry-values.ts';
import { requireFormLeaf, requireLeaf } from '../../core/performance/requirements.ts';
import type { AmendmentRecord, LedgerEntryView } from '../../ports/ledger.ts';
import type { Repositories } from '../../ports/store.ts';
import { appendAudit, auditActor } from '../audit.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { requireEntry } from './get-entry.ts';
import { scopedUnit } from './scope.ts';
import { loadScoring } from './scoring-state.ts';

const t = (en: string, zh: string): LocalizedText => ({ en, zh });

/** Refuses (409) an amendment of an entry a later one replaced, or one already waiting for a decision. */
async function requireAmendable(tx: Repositories, entry: LedgerEntryView): Promise<void> {
  const active = await tx.ledger.activeEntry(entry);
  if (active?.id !== entry.id)
    throw new ConflictError(
      'amendment.superseded',
      t(
        'A later entry replaced this one; amend the latest.',
        '该记录已被更新的记录取代，请对最新记录申请更正。',
      ),
    );
  if ((await tx.ledger.listAmendments({ entryId: entry.id, status: 'pending' })).length > 0)
    throw new ConflictError(
      'amendment.pending',
      t('An amendment of this entry is already waiting for a decision.', '该记录已有待审批的更正申请。'),
    );
}

/** Asks the assessment office to change an entry (validated like an entry). */
export async function requestAmendment(
  deps: AppDeps,
  input: {
    actor: Actor;
    entryId: string;
    values: Record<string, unknown>;
    reason: string;
    ruleSetId?: string;
  },
): Promise<AmendmentRecord> {
  const entry = await requireEntry(deps, input.entryId);
  // The entry's period chooses the version: last year's amendments are judged by last year's rules.
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: entry.period });
  await scopedUnit({ deps, actor: input.actor, unitId: entry.unitId, isWrite: true });
  if (!input.reason || input.reason.trim() === '')
    throw new ValidationError(
      'amendment.reason_required',
      t('Give a reason for the amendment.', '请填写更正理由。'),
      { path: '/reason' },
    );
  const leaf = requireLeaf(loaded.model, entry.indicatorId);
  const issues = validateEntryValues(requireFormLeaf(leaf), input.values);
  if (issues.length > 0) throw invalidEntry(issues);
  const at = deps.clock.now().toISOString();
  return deps.store.transaction(async (tx) => {
    await requireAmendable(tx, entry);
    const record: AmendmentRecord = {
      id: deps.ids.newId('amd'),
      entryId: entry.id,
      unitId: entry.unitId,
      indicatorId: entry.indicatorId,
      period: entry.period,
      values: input.values,
      reason: input.reason.trim(),
      status: 'pending',
      requestedBy: auditActor(input.actor),
      requestedAt: at,
      decidedBy: null,
      decidedAt: null,
      note: null,
      newEntryId: null,
    };
    await tx.ledger.insertAmendment(record);
    await appendAudit(tx, {
      at,
      entry: {
        actor: record.requestedBy,
        action: 'entry.amendmentRequest',
        target: `amendment:${record.id}`,
        details: { entryId: entry.id, reason: record.reason, values: record.values },
      },
    });
    return record;
  });
}
