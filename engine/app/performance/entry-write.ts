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
import { scopedUnit } from './scope.ts';
import {
  isRecomputing,
  loadScoring,
  recomputeJobOf,
  recomputeOf,
  type StageRecompute,
} from './scoring-state.ts';

/** What every write to a unit's month names besides its values. */
export interface UnitWriteInput {
  actor: Actor;
  /** The unit written for; a unit's own user names none. */
  unitId?: string;
  period: string;
  ruleSetId?: string;
  /** Answer only once the scores the write touches are recomputed and written (tests, scripts). */
  wait?: boolean;
}

/** The first steps of a write to a unit's month: the scoring state of the period, and the unit the actor may write for. */
export async function openUnitWrite(deps: AppDeps, input: UnitWriteInput) {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.period });
  const unitId = await scopedUnit({ deps, actor: input.actor, unitId: input.unitId, isWrite: true });
  return { loaded, model: loaded.model, unitId };
}

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

/** What one write to a unit's month shares across the entries it appends. */
export interface SubmitContext {
  loaded: Loaded;
  actor: Actor;
  unitId: string;
  period: string;
  /** When the write was made (ISO instant). */
  at: string;
  /** The month is inside its grace days: the entries are flagged late. */
  isLate: boolean;
}

/**
 * Appends the unit's own entry for one indicator inside a write (`entry.submit`): pinned to the
 * version in force, replacing `previous`, with its audit record, outbox event and staged recompute.
 */
export function submitIndicator(
  deps: AppDeps,
  w: { tx: Repositories; stage: StageRecompute; details?: Record<string, unknown> },
  ctx: SubmitContext,
  entry: {
    indicatorId: string;
    values: Record<string, unknown>;
    attachments: string[];
    previous: { id: string } | null;
  },
): Promise<LedgerEntryView> {
  const record: LedgerEntryRecord = {
    id: deps.ids.newId('ent'),
    unitId: ctx.unitId,
    indicatorId: entry.indicatorId,
    period: ctx.period,
    values: entry.values,
    ruleSetId: ctx.loaded.ruleSetId,
    ruleSetVersion: ctx.loaded.version,
    submittedBy: ctx.actor.username,
    submittedAt: ctx.at,
    isLate: ctx.isLate,
    supersedes: entry.previous?.id ?? null,
    kind: 'submitted',
    attachments: entry.attachments,
  };
  return commitEntry({ ...w, loaded: ctx.loaded, record, action: 'entry.submit' });
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
