/** @module How an entry enters the ledger, shared by single entries, the monthly form and approved amendments: the entry with its audit record, outbox event and staged recompute; and the answer of the write. */
import type { IndicatorScore, UnitResult } from '../../core/scoring/pipeline.ts';
import { resultOf, scoreOf } from '../../core/scoring/pipeline.ts';
import type { LedgerEntryRecord, LedgerEntryView } from '../../ports/ledger.ts';
import type { Repositories } from '../../ports/store.ts';
import { appendAudit } from '../audit.ts';
import type { AppDeps } from '../context.ts';
import { enqueueOutbox } from '../outbox.ts';
import type { Actor } from '../permissions.ts';
import { inputOfEntry, type Loaded } from './scoring-cache.ts';
import { isRecomputing, recomputeJobOf, recomputeOf, type StageRecompute } from './scoring-state.ts';

/**
 * What a write returns: the stored record and its score. The scores are recomputed in the
 * background: unless the write asked to `wait`, `recomputing` is true, `score`/`result` are the
 * last computed ones (null when none) and `changed` is null.
 */
export interface EntryWriteResult {
  entry: LedgerEntryView;
  score: IndicatorScore | null;
  result: UnitResult | null;
  changed: { scores: number; results: number } | null;
  recomputing: boolean;
}

/** A unit's submitted entry of (indicator, period), pinned to `loaded`'s version, superseding `previous`. */
export function submittedRecord(
  deps: AppDeps,
  q: {
    loaded: Loaded;
    actor: Actor;
    unitId: string;
    indicatorId: string;
    period: string;
    values: Record<string, unknown>;
    attachments: string[];
    at: string;
    isLate: boolean;
    previous: { id: string } | null;
  },
): LedgerEntryRecord {
  return {
    id: deps.ids.newId('ent'),
    unitId: q.unitId,
    indicatorId: q.indicatorId,
    period: q.period,
    values: q.values,
    ruleSetId: q.loaded.ruleSetId,
    ruleSetVersion: q.loaded.version,
    submittedBy: q.actor.username,
    submittedAt: q.at,
    isLate: q.isLate,
    supersedes: q.previous?.id ?? null,
    kind: 'submitted',
    attachments: q.attachments,
  };
}

/** Appends an entry with its audit record and outbox event, and stages its background recompute. */
export async function commitEntry(q: {
  tx: Repositories;
  stage: StageRecompute;
  loaded: Loaded;
  record: LedgerEntryRecord;
  action: string;
  details?: Record<string, unknown>;
}): Promise<LedgerEntryView> {
  const { tx, loaded, record } = q;
  await tx.ledger.appendEntries([record]);
  await q.stage(recomputeJobOf(loaded, record, inputOfEntry(record)));
  await appendAudit(tx, {
    at: record.submittedAt,
    entry: {
      actor: record.submittedBy,
      action: q.action,
      target: `entry:${record.id}`,
      details: {
        unitId: record.unitId,
        indicatorId: record.indicatorId,
        period: record.period,
        ruleSet: `${record.ruleSetId}@${record.ruleSetVersion}`,
        isLate: record.isLate,
        supersedes: record.supersedes,
        values: record.values,
        ...q.details,
      },
    },
  });
  await enqueueOutbox(tx, {
    topic: 'performance.entrySubmitted',
    payload: {
      entryId: record.id,
      unitId: record.unitId,
      indicatorId: record.indicatorId,
      period: record.period,
    },
    key: record.id,
  });
  return { ...record, status: 'active' };
}

/** The answer of an entry write: the last computed score, or, when asked to wait, the recomputed one. */
export async function answerWrite(
  deps: AppDeps,
  q: {
    loaded: Loaded;
    entry: LedgerEntryView;
    queued: { id: string; seq: number };
    wait?: boolean | undefined;
  },
): Promise<EntryWriteResult> {
  const changed = q.wait ? ((await recomputeOf(deps, q.queued)) ?? null) : null;
  const key = { unitId: q.entry.unitId, indicatorId: q.entry.indicatorId, period: q.entry.period };
  return {
    entry: q.entry,
    score: scoreOf(q.loaded.state, key) ?? null,
    result: resultOf(q.loaded.state, key) ?? null,
    changed,
    recomputing: isRecomputing(deps, q.loaded, { unitId: key.unitId, period: key.period }),
  };
}
