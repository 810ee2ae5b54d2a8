/**
 * @module The in-memory scoring states of the published assessment versions (one cache per store) and
 * what reads and writes them without loading one: the ledger read page by page into a state, the
 * projection rows written from it, the rows a background recompute marks dirty, and a ledger write
 * that drops the cached states when its transaction fails. Loading lives in scoring-state.ts.
 */
import type { RuleSet } from '../../../schemas/types.gen.ts';
import { compilePerformanceModel, type PerformanceModel } from '../../core/scoring/model.ts';
import {
  computeScores,
  type Entry,
  type IndicatorInput,
  type IndicatorScore,
  recomputeAffected,
  resultOf,
  type ScoreChanges,
  type ScoringState,
  scoreOf,
  type UnitResult,
} from '../../core/scoring/pipeline.ts';
import type { LedgerEntryRecord, ProjectionRow, SourceValueRecord } from '../../ports/ledger.ts';
import type { Repositories } from '../../ports/store.ts';
import type { AppDeps } from '../context.ts';

/** A published version compiled and scored over the ledger. */
export interface Loaded {
  ruleSetId: string;
  version: number;
  content: RuleSet;
  model: PerformanceModel;
  state: ScoringState;
  /** How far the state has read the ledger's entries and source values (page cursors); see `catchUp`. */
  cursors: LedgerCursors;
  /** When (product clock, ms) the state last caught up with rows other nodes appended. */
  checkedAt: number;
  /** The catch-up under way, so concurrent requests share one read. */
  catchingUp?: Promise<void> | undefined;
  /** Scores and results the background recompute changed and has not written to the projection yet. */
  dirty: Map<string, DirtyKey>;
}

/** A projection row to write from the state: a score (indicatorId) or a unit result (indicatorId null). */
export interface DirtyKey {
  unitId: string;
  indicatorId: string | null;
  period: string;
}

/** Where a state's reading of the ledger ended: pass as `after` to read only what was appended since. */
export interface LedgerCursors {
  entries: string | null;
  sources: string | null;
}

/** What a queued recompute carries: the ledger input, and whether it is a repair after a restart. */
export interface RecomputeInput {
  input: IndicatorInput;
  /** The version the input was pinned to. */
  version: number;
  /** Marked pending by an earlier process: the state already holds it, the projection may not. */
  repair: boolean;
}

/** What a recompute tells a write that waited for it: how many rows of its version changed. */
export interface RecomputeResult {
  scores: number;
  results: number;
}

/** A published version as `resolveInForce` finds it: what `compileVersion` compiles. */
export interface PublishedVersion {
  ruleSetId: string;
  number: number;
  content: unknown;
}

// One cache per store: the ScoringState of each published version, rebuilt from the ledger when missing.
const caches = new WeakMap<object, Map<string, Loaded>>();

/** The cached states of this process and store, by `ruleSetId@version`. */
export const cacheOf = (deps: AppDeps): Map<string, Loaded> => {
  const found = caches.get(deps.store);
  if (found) return found;
  const cache = new Map<string, Loaded>();
  caches.set(deps.store, cache);
  return cache;
};

/** Forgets the in-memory scoring states (they are rebuilt from the ledger on next use). */
export function forgetScoringStates(deps: AppDeps): void {
  caches.delete(deps.store);
}

/** `YYYY-`: the prefix of the periods of the model's year. */
export const yearPrefix = (model: PerformanceModel): string => `${model.year}-`;

/** A published version's content compiled for scoring, stamped with its version number. */
export function compileVersion(active: PublishedVersion): PerformanceModel {
  return compilePerformanceModel({
    ...(active.content as RuleSet),
    version: { ...(active.content as { version?: object }).version, number: active.number } as never,
  });
}

/** A ledger entry as the scoring pipeline reads it. */
export function inputOfEntry(e: LedgerEntryRecord): Entry {
  return {
    unitId: e.unitId,
    indicatorId: e.indicatorId,
    period: e.period,
    values: e.values,
    submittedAt: e.submittedAt,
    late: e.isLate,
    ruleSetVersion: e.ruleSetVersion,
  };
}

/** A third-party or derived source value as the scoring pipeline reads it. */
export function inputOfSource(v: SourceValueRecord): IndicatorInput {
  return {
    unitId: v.unitId,
    indicatorId: v.indicatorId,
    period: v.period,
    values: v.values,
    submittedAt: v.submittedAt,
    ruleSetVersion: v.ruleSetVersion,
  };
}

const scoreRow = (s: IndicatorScore): ProjectionRow => ({
  unitId: s.unitId,
  period: s.period,
  indicatorId: s.indicatorId,
  status: s.status,
  points: s.points,
  weighted: s.weighted,
  gradeId: null,
  data: s,
});
const resultRow = (r: UnitResult): ProjectionRow => ({
  unitId: r.unitId,
  period: r.period,
  indicatorId: null,
  status: 'result',
  points: r.total,
  weighted: r.weightedTotal,
  gradeId: r.gradeId,
  data: r,
});

/** Writes the scores and results a recompute changed to the projection of `loaded`'s version. */
export async function persistChanges(tx: Repositories, loaded: Loaded, changes: ScoreChanges): Promise<void> {
  await tx.ledger.putProjection({
    ruleSetId: loaded.ruleSetId,
    version: loaded.version,
    rows: [...changes.scores.map(scoreRow), ...changes.results.map(resultRow)],
  });
}

/** Writes every score and result of a state to the projection (after seeding or for a new version). */
export async function persistAll(tx: Repositories, loaded: Loaded): Promise<void> {
  const rows: ProjectionRow[] = [];
  for (const s of loaded.state.scores) if (s) rows.push(scoreRow(s));
  for (const r of loaded.state.results.values()) rows.push(resultRow(r));
  await tx.ledger.putProjection({ ruleSetId: loaded.ruleSetId, version: loaded.version, rows });
}

/**
 * Every row of a keyset-paged read after `from`, page by page (no single response holds a whole
 * year), and the cursor where it ended.
 */
async function readAllPages<T>(
  from: string | null,
  page: (after: string | null) => Promise<{ items: T[]; next: string | null; cursor: string | null }>,
): Promise<{ rows: T[]; cursor: string | null }> {
  const rows: T[] = [];
  let after = from;
  let cursor = from;
  do {
    const result = await page(after);
    for (const item of result.items) rows.push(item);
    cursor = result.cursor ?? cursor;
    after = result.next;
  } while (after !== null);
  return { rows, cursor };
}

/** The entries and source values of the model's year appended after `from` (all of them from null cursors). */
export async function readLedgerYear(
  tx: Pick<Repositories, 'ledger'>,
  model: PerformanceModel,
  from: LedgerCursors,
) {
  const year = yearPrefix(model);
  const entries = await readAllPages(from.entries, (after) =>
    tx.ledger.entriesOfYearPage({ yearPrefix: year, after }),
  );
  const sources = await readAllPages(from.sources, (after) =>
    tx.ledger.sourceValuesOfYearPage({ yearPrefix: year, after }),
  );
  return {
    entries: entries.rows,
    sources: sources.rows,
    cursors: { entries: entries.cursor, sources: sources.cursor },
  };
}

/** Scores the model over the whole of its year in the ledger. */
export async function buildState(
  tx: Pick<Repositories, 'ledger'>,
  model: PerformanceModel,
): Promise<{ state: ScoringState; cursors: LedgerCursors }> {
  const read = await readLedgerYear(tx, model, { entries: null, sources: null });
  const state = computeScores(model, {
    entries: read.entries.map(inputOfEntry),
    thirdParty: read.sources.filter((s) => s.source === 'thirdParty').map(inputOfSource),
    derived: read.sources.filter((s) => s.source === 'derived').map(inputOfSource),
  });
  return { state, cursors: read.cursors };
}

/** Adds inputs to every cached state of the rule set; persists the changes of `loaded`'s version. */
export async function applyInputs(q: {
  deps: AppDeps;
  tx: Repositories;
  loaded: Loaded;
  inputs: readonly IndicatorInput[];
}): Promise<{ scores: number; results: number }> {
  let scores = 0;
  let results = 0;
  const targets = new Set([q.loaded, ...cacheOf(q.deps).values()]);
  for (const other of targets) {
    if (other.ruleSetId !== q.loaded.ruleSetId) continue;
    for (const input of q.inputs) {
      const changes = recomputeAffected(other.state, input);
      await persistChanges(q.tx, other, changes);
      if (other === q.loaded) {
        scores += changes.scores.length;
        results += changes.results.length;
      }
    }
  }
  return { scores, results };
}

/** Runs a ledger write; a failed transaction drops the cached states it may have advanced. */
export async function ledgerWrite<T>(deps: AppDeps, fn: (tx: Repositories) => Promise<T>): Promise<T> {
  try {
    return await deps.store.transaction(fn);
  } catch (error) {
    forgetScoringStates(deps);
    throw error;
  }
}

const dirtyKey = (k: DirtyKey) => `${k.unitId}|${k.period}|${k.indicatorId ?? ''}`;

/** Marks a projection row of `loaded` to be written from its state by the next flush. */
export const markDirty = (loaded: Loaded, k: DirtyKey): void => {
  loaded.dirty.set(dirtyKey(k), k);
};

/** Marks what a restart must rewrite for an input the state already holds: its unit's (or peer group's) rows from its month on. */
export function markRepair(loaded: Loaded, input: IndicatorInput): void {
  const { model, state } = loaded;
  const leaf = model.leafById.get(input.indicatorId);
  if (!leaf || Number(input.period.slice(0, 4)) !== model.year) return;
  const groups = model.units.get(input.unitId)?.peerGroups ?? [];
  const units =
    leaf.peerFields.length > 0
      ? [...new Set(groups.flatMap((g) => model.peerGroups.get(g) ?? []))].filter((u) => leaf.owners.has(u))
      : [input.unitId];
  const ranked = new Set(groups.flatMap((g) => model.peerGroups.get(g) ?? []));
  ranked.add(input.unitId);
  for (const period of state.periods) {
    if (period < input.period) continue;
    for (const unitId of units)
      for (const l of model.leavesByUnit.get(unitId) ?? [])
        markDirty(loaded, { unitId, indicatorId: l.id, period });
    for (const unitId of ranked) markDirty(loaded, { unitId, indicatorId: null, period });
  }
}

/** Writes the dirty rows of every cached state from the state as it is now, and forgets them. */
export async function flushDirty(tx: Repositories, states: readonly Loaded[]): Promise<void> {
  for (const loaded of states) {
    const rows: ProjectionRow[] = [];
    for (const k of loaded.dirty.values()) {
      if (k.indicatorId === null) {
        const r = resultOf(loaded.state, { unitId: k.unitId, period: k.period });
        if (r) rows.push(resultRow(r));
      } else {
        const sc = scoreOf(loaded.state, { unitId: k.unitId, indicatorId: k.indicatorId, period: k.period });
        if (sc) rows.push(scoreRow(sc));
      }
    }
    if (rows.length > 0)
      await tx.ledger.putProjection({ ruleSetId: loaded.ruleSetId, version: loaded.version, rows });
  }
}
