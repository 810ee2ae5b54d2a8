/** @module Performance operations: forms due, entries into the append-only ledger, amendments, third-party values, attachments, scores, lights, rankings, reports, what-if. */
import type { RuleSet } from '../../schemas/types.gen.ts';
import type { Issue, LocalizedText } from '../core/errors.ts';
import { ConflictError, NotFoundError, PermissionError, ValidationError } from '../core/errors.ts';
import { sha256Hex } from '../core/ruleset/canonical.ts';
import type { CaseMetricId } from '../core/routing/metric-catalogue.ts';
import { computeLights, type Light, reportDeadline } from '../core/scoring/lights.ts';
import {
  type CompiledForm,
  type CompiledLeaf,
  compilePerformanceModel,
  entryIssues,
  monthOf,
  type PerformanceModel,
} from '../core/scoring/model.ts';
import {
  computeScores,
  type Entry,
  explainScore,
  type IndicatorInput,
  inputOf,
  type IndicatorScore,
  recomputeAffected,
  resultOf,
  type ScoreChanges,
  type ScoringState,
  scoreOf,
  type UnitResult,
} from '../core/scoring/pipeline.ts';
import {
  type Comparison,
  type DistrictReport,
  districtReport,
  improvement,
  monthOnMonth,
  type RankingRow,
  ranking,
  rankingCsv,
  redBlackLists,
  renderUnitReportHtml,
  toCsv,
  type UnitReport,
  unitReport,
  yearOnYear,
} from '../core/scoring/reports.ts';
import type {
  AmendmentRecord,
  LedgerEntryRecord,
  LedgerEntryView,
  ProjectionRow,
  SourceValueRecord,
} from '../ports/ledger.ts';
import type { Repositories } from '../ports/store.ts';
import { appendAudit, auditActor } from './audit.ts';
import { type RecomputeJob, RecomputeQueue } from './recompute-queue.ts';
import type { AppDeps } from './context.ts';
import { enqueueOutbox } from './outbox.ts';
import { type Actor, isUnitScoped } from './permissions.ts';
import { todayOf } from './district-day.ts';
import { resolveInForce } from './rule-sets/resolve-in-force.ts';
import { subtreeIds } from './units.ts';

/** Days after the deadline during which an entry is still accepted, flagged late; then the period locks. */
export const LATE_GRACE_DAYS = 5;
/** Days before the deadline a form shows as due soon. */
export const DUE_SOON_DAYS = 3;

/** Deadline status of a period's form. */
export type FormStatus = 'notDue' | 'open' | 'dueSoon' | 'late' | 'locked';

const t = (en: string, zh: string): LocalizedText => ({ en, zh });
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// ───────────────────────── scoring state cache ─────────────────────────

/** A published version compiled and scored over the ledger. */
interface Loaded {
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
interface DirtyKey {
  unitId: string;
  indicatorId: string | null;
  period: string;
}

/** Where a state's reading of the ledger ended: pass as `after` to read only what was appended since. */
interface LedgerCursors {
  entries: string | null;
  sources: string | null;
}

/** How often (ms) a cached state reads the rows other nodes appended to the ledger since it last looked. */
const CATCH_UP_MS = 1_000;

// One cache per store: the ScoringState of each published version, rebuilt from the ledger when missing.
const caches = new WeakMap<object, Map<string, Loaded>>();
const cacheOf = (deps: AppDeps) => {
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

const yearPrefix = (model: PerformanceModel) => `${model.year}-`;

function inputOfEntry(e: LedgerEntryRecord): Entry {
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

function inputOfSource(v: SourceValueRecord): IndicatorInput {
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

async function persistChanges(tx: Repositories, loaded: Loaded, changes: ScoreChanges): Promise<void> {
  await tx.ledger.putProjection({
    ruleSetId: loaded.ruleSetId,
    version: loaded.version,
    rows: [...changes.scores.map(scoreRow), ...changes.results.map(resultRow)],
  });
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
async function readLedgerYear(
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

async function buildState(
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

/**
 * Brings a cached state up to date with the ledger rows appended since it last read (by another
 * node on the same database, or by this one: re-adding an input it already holds changes nothing).
 * Rows are read in commit order, so the newest input of each slot wins as in a full build.
 */
async function catchUp(deps: AppDeps, loaded: Loaded, force = false): Promise<void> {
  const nowMs = deps.clock.now().getTime();
  if (!force && nowMs - loaded.checkedAt < CATCH_UP_MS && nowMs >= loaded.checkedAt) return;
  loaded.catchingUp ??= (async () => {
    try {
      const read = await readLedgerYear(deps.store, loaded.model, loaded.cursors);
      // This node's own entries still waiting for the background recompute are left to it (it writes
      // their projection); rows of other nodes are only brought into the state.
      const queue = recomputeQueueOf(deps);
      for (const e of read.entries) if (!queue.has(e.id)) recomputeAffected(loaded.state, inputOfEntry(e));
      for (const v of read.sources) recomputeAffected(loaded.state, inputOfSource(v));
      loaded.cursors = read.cursors;
      loaded.checkedAt = nowMs;
    } finally {
      loaded.catchingUp = undefined;
    }
  })();
  await loaded.catchingUp;
}

/** Writes every score and result of a state to the projection (after seeding or for a new version). */
async function persistAll(tx: Repositories, loaded: Loaded): Promise<void> {
  const rows: ProjectionRow[] = [];
  for (const s of loaded.state.scores) if (s) rows.push(scoreRow(s));
  for (const r of loaded.state.results.values()) rows.push(resultRow(r));
  await tx.ledger.putProjection({ ruleSetId: loaded.ruleSetId, version: loaded.version, rows });
}

/** Which assessment version a request is about: the date its data is about, or a named rule set. */
interface LoadQuery {
  /** `id` (its version in force on the date) or `id@n` (that published version). */
  ruleSetId?: string | undefined;
  /** The period (YYYY-MM) the request is about; the version is the one in force on its first day. */
  period?: string | undefined;
  /** A day (YYYY-MM-DD) the request is about, when it is not a period (lights as of a day). */
  at?: string | undefined;
}

/**
 * The published assessment version in force **as of the date the request is about** (the first day
 * of its period, or its day; today only when it names neither), compiled and scored over the ledger.
 * Built once per version inside the write queue, so no entry can land between reading the ledger
 * and caching the state; writes then keep it current.
 */
export async function loadScoring(deps: AppDeps, q: LoadQuery = {}): Promise<Loaded> {
  const at =
    q.at !== undefined && DATE.test(q.at)
      ? q.at
      : q.period !== undefined && PERIOD.test(q.period)
        ? `${q.period}-01`
        : today(deps);
  const active = await resolveInForce(deps, {
    at,
    needs: 'assessment',
    ...(q.ruleSetId !== undefined ? { ruleSetId: q.ruleSetId } : {}),
  });
  if (!active) {
    throw new NotFoundError(
      'performance.no_active_rule_set',
      q.ruleSetId !== undefined
        ? t(
            `No published version of rule set "${q.ruleSetId}" is in force on ${at}.`,
            `规则集“${q.ruleSetId}”在 ${at} 没有生效中的已发布版本。`,
          )
        : t(`No published assessment rule set is in force on ${at}.`, `${at} 没有生效中的已发布考核规则集。`),
      { path: q.period !== undefined ? '/period' : q.at !== undefined ? '/asOf' : '/ruleSetId' },
    );
  }
  const key = `${active.ruleSetId}@${active.number}`;
  const cache = cacheOf(deps);
  const hit = cache.get(key);
  if (hit) {
    await catchUp(deps, hit);
    return hit;
  }
  // One build per version at a time: concurrent first requests (a cold start under load) share it
  // instead of each scoring the whole year on the event loop.
  const builds = buildsOf(deps);
  let building = builds.get(key);
  if (!building) {
    building = buildLoaded(deps, active, key).finally(() => builds.delete(key));
    builds.set(key, building);
  }
  return building;
}

const buildsInFlight = new WeakMap<object, Map<string, Promise<Loaded>>>();
const buildsOf = (deps: AppDeps) => {
  const found = buildsInFlight.get(deps.store);
  if (found) return found;
  const builds = new Map<string, Promise<Loaded>>();
  buildsInFlight.set(deps.store, builds);
  return builds;
};

/** Compiles a published version, scores it over the ledger and caches it (see `loadScoring`). */
async function buildLoaded(
  deps: AppDeps,
  active: NonNullable<Awaited<ReturnType<typeof resolveInForce>>>,
  key: string,
): Promise<Loaded> {
  const cache = cacheOf(deps);
  const content = active.content as unknown as RuleSet;
  const model = compilePerformanceModel({
    ...content,
    version: { ...(active.content as { version?: object }).version, number: active.number } as never,
  });
  // Built outside the write queue (a remote server ends transactions left idle while a year is scored);
  // the catch-up then adds whatever was appended meanwhile, by this node or another.
  const built = await buildState(deps.store, model);
  const made: Loaded = {
    ruleSetId: active.ruleSetId,
    version: active.number,
    content,
    model,
    ...built,
    checkedAt: deps.clock.now().getTime(),
    dirty: new Map(),
  };
  await catchUp(deps, made, true);
  const again = cache.get(key);
  if (again) return again;
  cache.set(key, made);
  if ((await deps.store.ledger.countProjection({ ruleSetId: made.ruleSetId, version: made.version })) === 0)
    await deps.store.transaction(async (tx) => {
      if ((await tx.ledger.countProjection({ ruleSetId: made.ruleSetId, version: made.version })) === 0)
        await persistAll(tx, made);
    });
  await resumeRecomputes(deps, made);
  return made;
}

/**
 * Builds the scoring state of the assessment version in force today (and queues the recomputes a
 * previous process left pending), so the first requests after a start do not wait for a year to be
 * scored. False when no assessment version is in force.
 */
export async function warmScoring(deps: AppDeps): Promise<boolean> {
  try {
    await loadScoring(deps);
    return true;
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    throw error;
  }
}

/** Adds inputs to every cached state of the rule set; persists the changes of `loaded`'s version. */
async function applyInputs(q: {
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
async function ledgerWrite<T>(deps: AppDeps, fn: (tx: Repositories) => Promise<T>): Promise<T> {
  try {
    return await deps.store.transaction(fn);
  } catch (error) {
    forgetScoringStates(deps);
    throw error;
  }
}

// ───────────────────────── background recompute ─────────────────────────

/** What a queued recompute carries: the ledger input, and whether it is a repair after a restart. */
interface RecomputeInput {
  input: IndicatorInput;
  /** The version the input was pinned to. */
  version: number;
  /** Marked pending by an earlier process: the state already holds it, the projection may not. */
  repair: boolean;
}

/** What a recompute tells a write that waited for it: how many rows of its version changed. */
interface RecomputeResult {
  scores: number;
  results: number;
}

const queues = new WeakMap<object, RecomputeQueue<RecomputeInput, RecomputeResult>>();

/** How long (ms) the background recompute gathers entries before it starts, so a burst is written once. */
const RECOMPUTE_GATHER_MS = 25;

/** The background recompute queue of this process and store. */
function recomputeQueueOf(deps: AppDeps): RecomputeQueue<RecomputeInput, RecomputeResult> {
  const found = queues.get(deps.store);
  if (found) return found;
  const queue = new RecomputeQueue<RecomputeInput, RecomputeResult>({
    // A failed batch is retried a few times, then left marked pending for the restart recompute.
    process: (jobs) => recomputeBatch(deps, jobs),
    gatherMs: RECOMPUTE_GATHER_MS,
  });
  queues.set(deps.store, queue);
  return queue;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const dirtyKey = (k: DirtyKey) => `${k.unitId}|${k.period}|${k.indicatorId ?? ''}`;
const markDirty = (loaded: Loaded, k: DirtyKey) => loaded.dirty.set(dirtyKey(k), k);

/** Marks what a restart must rewrite for an input the state already holds: its unit's (or peer group's) rows from its month on. */
function markRepair(loaded: Loaded, input: IndicatorInput): void {
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
async function flushDirty(tx: Repositories, states: readonly Loaded[]): Promise<void> {
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

/**
 * Recomputes a batch of committed inputs, one (version, unit, period) key at a time with a turn of
 * the event loop between keys, into every cached state of their rule set; then writes the changed
 * projection rows and clears the inputs' pending marks in one transaction.
 */
async function recomputeBatch(
  deps: AppDeps,
  jobs: readonly RecomputeJob<RecomputeInput>[],
): Promise<Map<string, RecomputeResult>> {
  const results = new Map<string, RecomputeResult>();
  const byKey = new Map<string, RecomputeJob<RecomputeInput>[]>();
  for (const job of jobs) byKey.set(job.key, [...(byKey.get(job.key) ?? []), job]);
  const touched = new Set<Loaded>();
  for (const group of byKey.values()) {
    const first = group[0]!;
    let states = [...cacheOf(deps).values()].filter((l) => l.ruleSetId === first.ruleSetId);
    if (!states.some((l) => l.version === first.input.version)) {
      // No state of the input's version in this process (e.g. dropped after a failed write): built
      // from the ledger it already holds the input, so its rows are rewritten as a repair.
      const built = await loadScoring(deps, {
        ruleSetId: `${first.ruleSetId}@${first.input.version}`,
        period: first.period,
      });
      for (const job of group) markRepair(built, job.input.input);
      states = [...cacheOf(deps).values()].filter((l) => l.ruleSetId === first.ruleSetId);
    }
    // Of several inputs of one slot in the batch only the newest counts (they are in commit order).
    const newest = new Map<string, RecomputeJob<RecomputeInput>>();
    for (const job of group) newest.set(`${job.input.input.indicatorId}|${job.input.repair}`, job);
    const latest = new Set(newest.values());
    for (const loaded of states) {
      touched.add(loaded);
      for (const job of group) {
        if (!latest.has(job)) continue;
        const { input } = job.input;
        if (job.input.repair) {
          markRepair(loaded, input);
          continue;
        }
        const changes = recomputeAffected(loaded.state, input);
        for (const sc of changes.scores)
          markDirty(loaded, { unitId: sc.unitId, indicatorId: sc.indicatorId, period: sc.period });
        for (const r of changes.results)
          markDirty(loaded, { unitId: r.unitId, indicatorId: null, period: r.period });
        // Also the input's own rows: a state that already held it (a catch-up, a rebuild) reports no change.
        markDirty(loaded, { unitId: input.unitId, indicatorId: input.indicatorId, period: input.period });
        markDirty(loaded, { unitId: input.unitId, indicatorId: null, period: input.period });
        if (loaded.version === job.input.version)
          results.set(job.id, { scores: changes.scores.length, results: changes.results.length });
      }
    }
    await yieldToEventLoop();
  }
  const states = [...touched];
  const flushing = states.map((l) => new Map(l.dirty));
  await deps.store.transaction(async (tx) => {
    await flushDirty(tx, states);
    await tx.ledger.clearRecomputePending(jobs.map((j) => j.id));
  });
  // Written: forget what was flushed (keys dirtied again meanwhile are written by the next batch).
  states.forEach((loaded, i) => {
    for (const key of flushing[i]!.keys()) loaded.dirty.delete(key);
  });
  return results;
}

/** Queues the recompute of the inputs a previous process left pending for this state's rule set. */
async function resumeRecomputes(deps: AppDeps, loaded: Loaded): Promise<void> {
  const queue = recomputeQueueOf(deps);
  for (const row of await deps.store.ledger.listRecomputePending({ ruleSetId: loaded.ruleSetId })) {
    if (queue.has(row.entryId)) continue;
    const entry = await deps.store.ledger.getEntry(row.entryId);
    const input: IndicatorInput = entry
      ? inputOfEntry(entry)
      : { unitId: row.unitId, indicatorId: row.indicatorId, period: row.period, values: {} };
    queue.enqueue({
      id: row.entryId,
      key: `${row.ruleSetId}@${row.ruleSetVersion}|${row.unitId}|${row.period}`,
      ruleSetId: row.ruleSetId,
      unitId: row.unitId,
      period: row.period,
      input: { input, version: row.ruleSetVersion, repair: true },
    });
  }
}

/** A job for a committed ledger input of `loaded`'s rule set. */
function recomputeJobOf(
  loaded: Pick<Loaded, 'ruleSetId'>,
  record: { id: string; ruleSetVersion: number; unitId: string; period: string },
  input: IndicatorInput,
): RecomputeJob<RecomputeInput> {
  return {
    id: record.id,
    key: `${loaded.ruleSetId}@${record.ruleSetVersion}|${record.unitId}|${record.period}`,
    ruleSetId: loaded.ruleSetId,
    unitId: record.unitId,
    period: record.period,
    input: { input, version: record.ruleSetVersion, repair: false },
  };
}

/**
 * Runs a ledger write whose inputs are recomputed in the background: `stage` marks an input pending
 * in the same transaction and reserves its job; once committed the jobs are queued. Resolves with
 * the transaction's value and each job's sequence number (to wait for it).
 */
export async function writeThenRecompute<T>(
  deps: AppDeps,
  fn: (tx: Repositories, stage: (job: RecomputeJob<RecomputeInput>) => Promise<void>) => Promise<T>,
): Promise<{ value: T; queued: { id: string; seq: number }[] }> {
  const queue = recomputeQueueOf(deps);
  const staged: RecomputeJob<RecomputeInput>[] = [];
  try {
    const value = await deps.store.transaction((tx) =>
      fn(tx, async (job) => {
        queue.reserve(job.id);
        staged.push(job);
        await tx.ledger.markRecomputePending([
          {
            entryId: job.id,
            ruleSetId: job.ruleSetId,
            ruleSetVersion: job.input.version,
            unitId: job.unitId,
            indicatorId: job.input.input.indicatorId,
            period: job.period,
            createdAt: job.input.input.submittedAt ?? '',
          },
        ]);
      }),
    );
    return { value, queued: staged.map((job) => ({ id: job.id, seq: queue.enqueue(job) })) };
  } catch (error) {
    for (const job of staged) queue.release(job.id);
    throw error;
  }
}

/**
 * Whether the scores of (unit, period) of a rule set wait for a background recompute: the unit's
 * own inputs, or those of a unit it is ranked with. Without a unit: any unit of the period (or of
 * the rule set, without a period).
 */
function isRecomputing(deps: AppDeps, loaded: Loaded, q: { unitId?: string; period?: string }): boolean {
  const queue = recomputeQueueOf(deps);
  if (q.period === undefined) return queue.hasPending(loaded.ruleSetId);
  const pending = queue.pendingUnits(loaded.ruleSetId, q.period);
  if (pending.size === 0) return false;
  if (q.unitId === undefined) return true;
  if (pending.has(q.unitId)) return true;
  const groups = loaded.model.units.get(q.unitId)?.peerGroups ?? [];
  return groups.some((g) => (loaded.model.peerGroups.get(g) ?? []).some((u) => pending.has(u)));
}

/** Waits until every recompute queued so far in this process is written (reads asked for `fresh`). */
export async function recomputesSettled(deps: AppDeps): Promise<void> {
  await recomputeQueueOf(deps).settled();
}

// ───────────────────────── scope, deadlines, validation ─────────────────────────

async function readableUnits(deps: AppDeps, actor: Actor): Promise<Set<string> | null> {
  if (!isUnitScoped(actor)) return null;
  if (actor.unitId === null) return new Set();
  return subtreeIds(await deps.store.units.list(), actor.unitId);
}

const outOfScope = () =>
  new PermissionError(
    'performance.out_of_scope',
    t('You may only see and fill in your own unit’s data.', '只能查看和填报本单位的数据。'),
  );

/** The unit a request is about: unit users default to (and are limited to) their own unit. */
export async function scopedUnit(q: {
  deps: AppDeps;
  actor: Actor;
  unitId?: string;
  isWrite?: boolean;
}): Promise<string> {
  const { actor } = q;
  if (isUnitScoped(actor)) {
    const unitId = q.unitId ?? actor.unitId;
    if (unitId === null || unitId === undefined) throw outOfScope();
    if (q.isWrite ? unitId !== actor.unitId : !(await readableUnits(q.deps, actor))!.has(unitId))
      throw outOfScope();
    return unitId;
  }
  if (!q.unitId)
    throw new ValidationError(
      'performance.unit_required',
      t('Name the unit (unitId).', '请指定责任单位（unitId）。'),
      {
        path: '/unitId',
      },
    );
  return q.unitId;
}

export function requirePeriod(period: string | undefined, model: PerformanceModel, path = '/period'): string {
  if (!period || !PERIOD.test(period))
    throw new ValidationError(
      'performance.bad_period',
      t('Give the period as YYYY-MM.', '期间格式须为 YYYY-MM。'),
      {
        path,
      },
    );
  if (Number(period.slice(0, 4)) !== model.year)
    throw new ValidationError(
      'performance.period_outside_rule_set',
      t(
        `Period ${period} is outside the rule set's year ${model.year}.`,
        `期间 ${period} 不在规则集年度 ${model.year} 内。`,
      ),
      { path },
    );
  return period;
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Deadline, lock date and status of a period's report on `today` (all `YYYY-MM-DD`). */
export function deadlineStatus(q: { period: string; deadlineDay: number; today: string }): {
  deadline: string;
  lockDate: string;
  status: FormStatus;
} {
  const deadline = reportDeadline({
    year: Number(q.period.slice(0, 4)),
    month: monthOf(q.period),
    day: q.deadlineDay,
  });
  const lockDate = addDays(deadline, LATE_GRACE_DAYS);
  let status: FormStatus;
  if (q.today < `${q.period}-01`) status = 'notDue';
  else if (q.today > lockDate) status = 'locked';
  else if (q.today > deadline) status = 'late';
  else if (q.today >= addDays(deadline, -DUE_SOON_DAYS)) status = 'dueSoon';
  else status = 'open';
  return { deadline, lockDate, status };
}

export const isDueIn = (leaf: CompiledLeaf, month: number) =>
  leaf.period === 'monthly' || (leaf.period === 'quarterly' ? month % 3 === 0 : month === 12);

const AJV_ZH: Record<string, string> = {
  required: '必填项',
  type: '类型不正确',
  minimum: '数值过小',
  maximum: '数值过大',
  exclusiveMinimum: '数值过小',
  exclusiveMaximum: '数值过大',
  enum: '不是允许的取值',
  additionalProperties: '包含表单未定义的字段',
  minLength: '内容过短',
  maxLength: '内容过长',
  pattern: '格式不正确',
  format: '格式不正确',
  const: '取值不正确',
  multipleOf: '数值精度不符合要求',
};

/**
 * Validates values as the client does: the form's JSON Schema (ajv), then computed fields and the
 * cross-field checks. Never throws; issues carry a JSON-pointer `path`, `message` (en) and `messageZh`.
 */
export function validateEntryValues(form: CompiledForm, values: unknown): Issue[] {
  if (!form.validate(values)) {
    return entryIssues(form.validate.errors).map((issue, i) => {
      const error = form.validate.errors?.[i];
      const missing = (error?.params as { missingProperty?: string } | undefined)?.missingProperty;
      const path = error?.keyword === 'required' && missing ? `${error.instancePath}/${missing}` : issue.path;
      const extra = (error?.params as { limit?: unknown } | undefined)?.limit;
      const zh = AJV_ZH[error?.keyword ?? ''] ?? '填写不正确';
      return {
        ...issue,
        path: path.startsWith('/') || path === '' ? path : `/${path}`,
        messageZh: extra !== undefined ? `${zh}（限值 ${String(extra)}）` : zh,
      };
    });
  }
  let data = values as Record<string, unknown>;
  if (form.computed.length > 0) {
    data = { ...data };
    for (const c of form.computed) data[c.field] = c.rule(data);
  }
  const issues: Issue[] = [];
  for (const c of form.checks) {
    let ok = false;
    try {
      ok = c.rule(data) === true;
    } catch {
      ok = false;
    }
    if (!ok)
      issues.push({
        path: c.path,
        code: 'entry.check',
        message: c.message.en,
        messageZh: c.message.zh,
        severity: 'error',
      });
  }
  return issues;
}

function invalidEntry(issues: Issue[]): ValidationError {
  const first = issues[0]!;
  return new ValidationError(
    'entry.invalid',
    {
      en: `The entry is not valid: ${issues.map((i) => `${i.path || '/'} ${i.message}`).join('; ')}`,
      zh: `填报内容有误：${issues.map((i) => `${i.path || '/'} ${i.messageZh ?? i.message}`).join('；')}`,
    },
    { path: first.path, details: { issues } },
  );
}

function requireLeaf(model: PerformanceModel, indicatorId: string): CompiledLeaf {
  const leaf = model.leafById.get(indicatorId);
  if (!leaf)
    throw new NotFoundError(
      'indicator.not_found',
      t(
        `Indicator "${indicatorId}" is not a leaf of the rule set in force.`,
        `指标“${indicatorId}”不是生效规则集中的末级指标。`,
      ),
    );
  return leaf;
}

function requireOwner(leaf: CompiledLeaf, unitId: string): void {
  if (!leaf.owners.has(unitId))
    throw new ValidationError(
      'indicator.not_owned',
      t(
        `Unit "${unitId}" is not assessed on indicator "${leaf.id}".`,
        `责任单位“${unitId}”不承担指标“${leaf.id}”。`,
      ),
      { path: '/indicatorId' },
    );
}

function requireFormLeaf(leaf: CompiledLeaf): CompiledForm {
  if (leaf.dataSource !== 'form' || !leaf.form)
    throw new ValidationError(
      'indicator.not_form',
      t(
        `Indicator "${leaf.id}" is not filled in by a form (${leaf.dataSource}).`,
        `指标“${leaf.id}”的数据不通过表单填报。`,
      ),
      { path: '/indicatorId' },
    );
  return leaf.form;
}

const today = (deps: AppDeps) => todayOf(deps.clock.now());

/**
 * The deadline status of `period` on `today`, refusing a month not open yet (400 `ledger.not_open`)
 * or locked (409 `ledger.locked`: only an amendment changes it). Single entries and the monthly
 * form both write through it.
 */
export function requireOpenPeriod(
  period: string,
  deadlineDay: number,
  today: string,
): ReturnType<typeof deadlineStatus> {
  const result = deadlineStatus({ period, deadlineDay, today });
  const { deadline, lockDate, status } = result;
  if (status === 'locked')
    throw new ConflictError(
      'ledger.locked',
      t(
        `The ledger for ${period} was locked on ${lockDate} (deadline ${deadline}); request an amendment instead.`,
        `${period} 的台帐已于 ${lockDate} 锁定（截止日 ${deadline}），如需更正请提交更正申请。`,
      ),
      { details: { deadline, lockDate } },
    );
  if (status === 'notDue')
    throw new ValidationError(
      'ledger.not_open',
      t(`The form for ${period} opens on ${period}-01.`, `${period} 的表单自 ${period}-01 起开放填报。`),
      { path: '/period' },
    );
  return result;
}

/** The last day (YYYY-MM-DD) of a period YYYY-MM. */
const lastDayOf = (period: string): string => {
  const d = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 0));
  return d.toISOString().slice(0, 10);
};

/**
 * The day a report of `period` shows its lights as of: the period's last day, or today while the
 * period runs — so a month's report reads the same whenever it is opened after the month.
 */
const reportDay = (deps: AppDeps, period: string): string => {
  const end = lastDayOf(period);
  const now = today(deps);
  return now < end ? now : end;
};

// ───────────────────────── unit workspace ─────────────────────────

/** One of a unit's indicators with its weight and target. */
export interface UnitIndicator {
  indicatorId: string;
  code: string;
  name: LocalizedText;
  path: readonly string[];
  role: CompiledLeaf['role'];
  frequency: CompiledLeaf['period'];
  dataSource: CompiledLeaf['dataSource'];
  formId: string | null;
  maxScore: number;
  minScore: number;
  weight: number;
  localWeight: number;
  target: { value: number; monthly?: readonly number[] } | null;
  lightRuleId: string | null;
}

/** The indicators a unit is assessed on, with weights and targets (getUnitIndicators). */
export async function getUnitIndicators(
  deps: AppDeps,
  input: { actor: Actor; unitId?: string; period?: string; ruleSetId?: string },
): Promise<{ ruleSetId: string; ruleSetVersion: number; unitId: string; indicators: UnitIndicator[] }> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.period });
  const unitId = await scopedUnit({ deps, actor: input.actor, unitId: input.unitId });
  const indicators = (loaded.model.leavesByUnit.get(unitId) ?? []).map((leaf) => {
    const target = leaf.targets.get(unitId);
    return {
      indicatorId: leaf.id,
      code: leaf.code,
      name: leaf.name,
      path: leaf.path,
      role: leaf.role,
      frequency: leaf.period,
      dataSource: leaf.dataSource,
      formId: leaf.form?.id ?? null,
      maxScore: leaf.maxScore,
      minScore: leaf.minScore,
      weight: leaf.nominalWeight,
      localWeight: leaf.localWeight,
      target: target ? { value: target.value, ...(target.monthly ? { monthly: target.monthly } : {}) } : null,
      lightRuleId: leaf.lightRuleId,
    };
  });
  return { ruleSetId: loaded.ruleSetId, ruleSetVersion: loaded.version, unitId, indicators };
}

/** A form a unit has to fill for a period. */
export interface FormDue {
  indicatorId: string;
  code: string;
  name: LocalizedText;
  formId: string;
  frequency: CompiledLeaf['period'];
  period: string;
  deadline: string;
  lockDate: string;
  status: FormStatus;
  entry: LedgerEntryView | null;
  pendingAmendment: AmendmentRecord | null;
}

/** A unit's forms for a period (default: the current month) with deadline status and latest entry. */
export async function getFormsDue(
  deps: AppDeps,
  input: { actor: Actor; unitId?: string; period?: string; ruleSetId?: string },
): Promise<{
  ruleSetId: string;
  ruleSetVersion: number;
  unitId: string;
  period: string;
  today: string;
  forms: FormDue[];
}> {
  const loaded = await loadScoring(deps, {
    ruleSetId: input.ruleSetId,
    period: input.period ?? today(deps).slice(0, 7),
  });
  const unitId = await scopedUnit({ deps, actor: input.actor, unitId: input.unitId });
  const now = today(deps);
  const period = requirePeriod(input.period ?? now.slice(0, 7), loaded.model);
  const month = monthOf(period);
  const entries = new Map(
    (await deps.store.ledger.listEntries({ unitId, period, limit: 5000 })).map((e) => [e.indicatorId, e]),
  );
  const pending = new Map(
    (await deps.store.ledger.listAmendments({ unitId, status: 'pending' }))
      .filter((a) => a.period === period)
      .map((a) => [a.indicatorId, a]),
  );
  const forms: FormDue[] = [];
  for (const leaf of loaded.model.leavesByUnit.get(unitId) ?? []) {
    if (leaf.dataSource !== 'form' || !leaf.form || !isDueIn(leaf, month)) continue;
    forms.push({
      indicatorId: leaf.id,
      code: leaf.code,
      name: leaf.name,
      formId: leaf.form.id,
      frequency: leaf.period,
      period,
      ...deadlineStatus({ period, deadlineDay: loaded.model.policy.deadlineDay, today: now }),
      entry: entries.get(leaf.id) ?? null,
      pendingAmendment: pending.get(leaf.id) ?? null,
    });
  }
  return { ruleSetId: loaded.ruleSetId, ruleSetVersion: loaded.version, unitId, period, today: now, forms };
}

/** The form of an indicator from the active rule set: JSON Schema, UI schema, checks, computed fields, status. */
export async function getFormForIndicator(
  deps: AppDeps,
  input: { actor: Actor; indicatorId: string; unitId?: string; period?: string; ruleSetId?: string },
): Promise<Record<string, unknown>> {
  const loaded = await loadScoring(deps, {
    ruleSetId: input.ruleSetId,
    period: input.period ?? today(deps).slice(0, 7),
  });
  const leaf = requireLeaf(loaded.model, input.indicatorId);
  const form = requireFormLeaf(leaf);
  const unitId = await scopedUnit({
    deps,
    actor: input.actor,
    unitId: input.unitId ?? (isUnitScoped(input.actor) ? undefined : [...leaf.owners][0]),
  });
  const doc = (loaded.content.documents ?? []).find((d) => d.kind === 'form' && d.id === form.id) as
    | Record<string, unknown>
    | undefined;
  const now = today(deps);
  const period = requirePeriod(input.period ?? now.slice(0, 7), loaded.model);
  const target = leaf.targets.get(unitId);
  return {
    ruleSetId: loaded.ruleSetId,
    ruleSetVersion: loaded.version,
    indicatorId: leaf.id,
    code: leaf.code,
    unitId,
    formId: form.id,
    name: doc?.name ?? leaf.name,
    schema: doc?.schema ?? {},
    uiSchema: doc?.uiSchema ?? null,
    checks: doc?.checks ?? [],
    computed: doc?.computed ?? [],
    target: target ? target.value : null,
    period,
    ...deadlineStatus({ period, deadlineDay: loaded.model.policy.deadlineDay, today: now }),
  };
}

// ───────────────────────── writes ─────────────────────────

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

export async function requireAttachments(
  deps: AppDeps,
  actor: Actor,
  sha256s: readonly string[],
): Promise<void> {
  if (sha256s.length === 0) return;
  const found = new Set(await deps.store.ledger.hasAttachments(sha256s));
  // Another unit's file is "missing" too: citing its sha256 must not make it readable.
  const missing: string[] = [];
  for (const sha256 of sha256s)
    if (!found.has(sha256) || !(await canReadAttachment(deps, actor, sha256))) missing.push(sha256);
  if (missing.length > 0)
    throw new ValidationError(
      'attachment.not_found',
      t(`Upload the attachments first: ${missing.join(', ')}.`, `请先上传附件：${missing.join('、')}。`),
      { path: '/attachments', details: { missing } },
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
  input: {
    actor: Actor;
    unitId?: string;
    indicatorId: string;
    period: string;
    values: Record<string, unknown>;
    attachments?: string[];
    ruleSetId?: string;
    /** Answer only once the entry's scores are recomputed and written (tests, scripts). */
    wait?: boolean;
  },
): Promise<EntryWriteResult> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.period });
  const { model } = loaded;
  const unitId = await scopedUnit({ deps, actor: input.actor, unitId: input.unitId, isWrite: true });
  const leaf = requireLeaf(model, input.indicatorId);
  const form = requireFormLeaf(leaf);
  requireOwner(leaf, unitId);
  const period = requirePeriod(input.period, model);
  if (!isDueIn(leaf, monthOf(period)))
    throw new ValidationError(
      'ledger.not_due',
      t(
        `Indicator "${leaf.id}" is reported ${leaf.period}; nothing is due for ${period}.`,
        `指标“${leaf.id}”按${leaf.period}填报，${period} 无需填报。`,
      ),
      { path: '/period' },
    );
  const now = today(deps);
  const { status } = requireOpenPeriod(period, model.policy.deadlineDay, now);
  const issues = validateEntryValues(form, input.values);
  if (issues.length > 0) throw invalidEntry(issues);
  const attachments = [...new Set(input.attachments ?? [])];
  await requireAttachments(deps, input.actor, attachments);
  const at = deps.clock.now().toISOString();
  const written = await writeThenRecompute(deps, async (tx, stage) => {
    const previous = await tx.ledger.activeEntry({ unitId, indicatorId: leaf.id, period });
    const record: LedgerEntryRecord = {
      id: deps.ids.newId('ent'),
      unitId,
      indicatorId: leaf.id,
      period,
      values: input.values,
      ruleSetId: loaded.ruleSetId,
      ruleSetVersion: loaded.version,
      submittedBy: input.actor.username,
      submittedAt: at,
      isLate: status === 'late',
      supersedes: previous?.id ?? null,
      kind: 'submitted',
      attachments,
    };
    return commitEntry({ tx, stage, loaded, record, action: 'entry.submit' });
  });
  return answerWrite(deps, { loaded, entry: written.value, queued: written.queued[0]!, wait: input.wait });
}

/** The answer of an entry write: the last computed score, or, when asked to wait, the recomputed one. */
async function answerWrite(
  deps: AppDeps,
  q: {
    loaded: Loaded;
    entry: LedgerEntryView;
    queued: { id: string; seq: number };
    wait?: boolean | undefined;
  },
): Promise<EntryWriteResult> {
  const changed = q.wait ? ((await recomputeQueueOf(deps).waitFor(q.queued.id, q.queued.seq)) ?? null) : null;
  const key = { unitId: q.entry.unitId, indicatorId: q.entry.indicatorId, period: q.entry.period };
  return {
    entry: q.entry,
    score: scoreOf(q.loaded.state, key) ?? null,
    result: resultOf(q.loaded.state, key) ?? null,
    changed,
    recomputing: isRecomputing(deps, q.loaded, { unitId: key.unitId, period: key.period }),
  };
}

/** Appends an entry with its audit record and outbox event, and stages its background recompute. */
export async function commitEntry(q: {
  tx: Repositories;
  stage: (job: RecomputeJob<RecomputeInput>) => Promise<void>;
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
  const unitId =
    input.unitId !== undefined || isUnitScoped(input.actor)
      ? await scopedUnit({ deps, actor: input.actor, unitId: input.unitId })
      : undefined;
  const items = await deps.store.ledger.listEntries({
    unitId,
    indicatorId: input.indicatorId,
    period: input.period,
    includeSuperseded: input.includeSuperseded ?? false,
  });
  return { items };
}

/** One ledger entry; 403 outside a unit user's scope. */
export async function getEntry(deps: AppDeps, input: { actor: Actor; id: string }): Promise<LedgerEntryView> {
  const entry = await deps.store.ledger.getEntry(input.id);
  if (!entry)
    throw new NotFoundError(
      'entry.not_found',
      t(`Entry "${input.id}" does not exist.`, `填报记录“${input.id}”不存在。`),
    );
  await scopedUnit({ deps, actor: input.actor, unitId: entry.unitId });
  return entry;
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
  const entry = await deps.store.ledger.getEntry(input.entryId);
  if (!entry)
    throw new NotFoundError(
      'entry.not_found',
      t(`Entry "${input.entryId}" does not exist.`, `填报记录“${input.entryId}”不存在。`),
    );
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

/** Amendment requests the caller may read, newest first. */
export async function listAmendments(
  deps: AppDeps,
  input: { actor: Actor; status?: string; unitId?: string },
): Promise<{ items: AmendmentRecord[] }> {
  const unitId =
    input.unitId !== undefined || isUnitScoped(input.actor)
      ? await scopedUnit({ deps, actor: input.actor, unitId: input.unitId })
      : undefined;
  return { items: await deps.store.ledger.listAmendments({ status: input.status, unitId }) };
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
    const amendment = await tx.ledger.getAmendment(input.id);
    if (!amendment)
      throw new NotFoundError(
        'amendment.not_found',
        t(`Amendment "${input.id}" does not exist.`, `更正申请“${input.id}”不存在。`),
      );
    if (amendment.status !== 'pending')
      throw new ConflictError(
        'amendment.decided',
        t(`Amendment "${input.id}" was already ${amendment.status}.`, `更正申请“${input.id}”已处理。`),
      );
    const decidedBy = auditActor(input.actor);
    let entry: LedgerEntryView | null = null;
    if (input.decision === 'approve') {
      const old = await tx.ledger.getEntry(amendment.entryId);
      const active = old ? await tx.ledger.activeEntry(old) : null;
      if (!old || active?.id !== old.id)
        throw new ConflictError(
          'amendment.superseded',
          t('A later entry replaced the amended one.', '被更正的记录已被更新的记录取代。'),
        );
      entry = await commitEntry({
        tx,
        stage,
        loaded,
        action: 'entry.amend',
        details: { amendmentId: amendment.id, requestedBy: amendment.requestedBy, approvedBy: decidedBy },
        record: {
          id: deps.ids.newId('ent'),
          unitId: old.unitId,
          indicatorId: old.indicatorId,
          period: old.period,
          values: amendment.values,
          ruleSetId: loaded.ruleSetId,
          ruleSetVersion: loaded.version,
          submittedBy: amendment.requestedBy,
          submittedAt: at,
          isLate: old.isLate,
          supersedes: old.id,
          kind: 'amendment',
          attachments: old.attachments,
        },
      });
    }
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

/** A third party (plugin key or admin) delivers the value of a third-party indicator. */
export async function submitThirdPartyValue(
  deps: AppDeps,
  input: {
    actor: Actor;
    unitId: string;
    indicatorId: string;
    period: string;
    values: Record<string, unknown>;
    ruleSetId?: string;
  },
): Promise<{ value: SourceValueRecord; score: IndicatorScore | null }> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.period });
  const leaf = requireLeaf(loaded.model, input.indicatorId);
  if (leaf.dataSource !== 'thirdParty' && leaf.dataSource !== 'plugin')
    throw new ValidationError(
      'indicator.not_third_party',
      t(`Indicator "${leaf.id}" is not delivered by a third party.`, `指标“${leaf.id}”不由第三方提供数据。`),
      { path: '/indicatorId' },
    );
  requireOwner(leaf, input.unitId);
  const period = requirePeriod(input.period, loaded.model);
  if (leaf.form) {
    const issues = validateEntryValues(leaf.form, input.values);
    if (issues.length > 0) throw invalidEntry(issues);
  }
  const record: SourceValueRecord = {
    id: deps.ids.newId('src'),
    source: 'thirdParty',
    unitId: input.unitId,
    indicatorId: leaf.id,
    period,
    values: input.values,
    ruleSetId: loaded.ruleSetId,
    ruleSetVersion: loaded.version,
    submittedBy: auditActor(input.actor),
    submittedAt: deps.clock.now().toISOString(),
  };
  return ledgerWrite(deps, async (tx) => {
    await tx.ledger.appendSourceValues([record]);
    await applyInputs({ deps, tx, loaded, inputs: [inputOfSource(record)] });
    await appendAudit(tx, {
      at: record.submittedAt,
      entry: {
        actor: record.submittedBy,
        action: 'thirdParty.submit',
        target: `sourceValue:${record.id}`,
        details: { unitId: record.unitId, indicatorId: record.indicatorId, period, values: record.values },
      },
    });
    return {
      value: record,
      score: scoreOf(loaded.state, { unitId: record.unitId, indicatorId: leaf.id, period }) ?? null,
    };
  });
}

/** A leaf fed by case metrics (`dataSource: caseMetrics`) in the assessment version in force. */
export interface CaseMetricIndicator {
  indicatorId: string;
  period: 'monthly' | 'quarterly' | 'yearly';
  owners: string[];
  /** Primary metric (`metric` of the indicator; default `onTimeRate`); the rule reads every metric as `entry.<id>`. */
  metric: CaseMetricId;
  /** Entry field the scoring rule reads the metric from: the form's first required field, else `value`. */
  field: string;
}

/** The `caseMetrics` leaves of the assessment version in force (or of `ruleSetId`). */
export async function listCaseMetricIndicators(
  deps: AppDeps,
  input: { ruleSetId?: string; period?: string } = {},
): Promise<CaseMetricIndicator[]> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.period });
  const docs = (loaded.content.documents ?? []) as unknown as Array<Record<string, unknown>>;
  const formFieldOf = (formId: unknown): string => {
    const form = docs.find((d) => d.kind === 'form' && d.id === formId) as
      | { schema?: { required?: string[]; properties?: Record<string, unknown> } }
      | undefined;
    return form?.schema?.required?.[0] ?? Object.keys(form?.schema?.properties ?? {})[0] ?? 'value';
  };
  return loaded.model.leaves
    .filter((leaf) => leaf.dataSource === 'caseMetrics')
    .map((leaf) => {
      const doc = docs.find((d) => d.kind === 'indicator' && d.id === leaf.id) ?? {};
      return {
        indicatorId: leaf.id,
        period: leaf.period,
        owners: [...leaf.owners],
        metric: leaf.caseMetric ?? 'onTimeRate',
        field: formFieldOf(doc.formId),
      };
    });
}

/**
 * Feeds derived values (e.g. case metrics) into the ledger as `derived` source values and rescores
 * the affected (unit, indicator, period) of every cached state of the rule set. Values equal to the
 * input in force are skipped, so calling it after every case transition writes only real changes.
 * Returns how many values were written.
 */
export async function feedDerivedValues(
  deps: AppDeps,
  input: {
    actor: string;
    ruleSetId?: string;
    values: readonly {
      unitId: string;
      indicatorId: string;
      period: string;
      values: Record<string, unknown>;
    }[];
  },
): Promise<{ written: number; scores: number }> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.values[0]?.period });
  const at = deps.clock.now().toISOString();
  const isChanged = (v: (typeof input.values)[number]) => {
    const current = inputOf(loaded.state, {
      unitId: v.unitId,
      indicatorId: v.indicatorId,
      month: monthOf(v.period),
    });
    return !current || JSON.stringify(current.values) !== JSON.stringify(v.values);
  };
  const records: SourceValueRecord[] = input.values
    .filter((v) => Number(v.period.slice(0, 4)) === loaded.model.year && isChanged(v))
    .map((v) => ({
      id: deps.ids.newId('src'),
      source: 'derived',
      unitId: v.unitId,
      indicatorId: v.indicatorId,
      period: v.period,
      values: v.values,
      ruleSetId: loaded.ruleSetId,
      ruleSetVersion: loaded.version,
      submittedBy: input.actor,
      submittedAt: at,
    }));
  if (records.length === 0) return { written: 0, scores: 0 };
  return ledgerWrite(deps, async (tx) => {
    await tx.ledger.appendSourceValues(records);
    const changed = await applyInputs({ deps, tx, loaded, inputs: records.map(inputOfSource) });
    // Same points count as unchanged to the pipeline, but the trace must show the new values.
    const fed = records
      .map((r) => scoreOf(loaded.state, { unitId: r.unitId, indicatorId: r.indicatorId, period: r.period }))
      .filter((x): x is IndicatorScore => x !== undefined);
    await persistChanges(tx, loaded, { scores: fed, results: [] });
    await appendAudit(tx, {
      at,
      entry: {
        actor: input.actor,
        action: 'derived.feed',
        target: `ruleSet:${loaded.ruleSetId}@${loaded.version}`,
        details: {
          values: records.map((r) => ({ unitId: r.unitId, indicatorId: r.indicatorId, period: r.period })),
        },
      },
    });
    return { written: records.length, scores: changed.scores };
  });
}

/** Largest attachment accepted (bytes). */
export const MAX_ATTACHMENT_BYTES = 700 * 1024;

/** Stores a file once per content hash (sha256); uploading the same bytes again stores nothing new. */
export async function uploadAttachment(
  deps: AppDeps,
  input: { actor: Actor; name: string; mime: string; content: Uint8Array },
): Promise<{ sha256: string; name: string; mime: string; size: number; isDuplicate: boolean }> {
  if (input.content.byteLength === 0 || input.content.byteLength > MAX_ATTACHMENT_BYTES)
    throw new ValidationError(
      'attachment.bad_size',
      t(
        `An attachment must hold 1 byte to ${MAX_ATTACHMENT_BYTES} bytes.`,
        `附件大小须在 1 字节到 ${MAX_ATTACHMENT_BYTES} 字节之间。`,
      ),
      { path: '/contentBase64' },
    );
  const sha256 = sha256Hex(input.content);
  const at = deps.clock.now().toISOString();
  const meta = {
    sha256,
    name: input.name,
    mime: input.mime,
    size: input.content.byteLength,
    uploadedBy: auditActor(input.actor),
    uploadedAt: at,
  };
  const isNew = await deps.store.transaction(async (tx) => {
    const stored = await tx.ledger.putAttachment(meta, input.content);
    await appendAudit(tx, {
      at,
      entry: {
        actor: meta.uploadedBy,
        action: 'attachment.upload',
        target: `attachment:${sha256}`,
        details: { name: meta.name, size: meta.size, isDuplicate: !stored },
      },
    });
    return stored;
  });
  return { sha256, name: meta.name, mime: meta.mime, size: meta.size, isDuplicate: !isNew };
}

/** An attachment's bytes and metadata. */
export async function getAttachment(
  deps: AppDeps,
  input: { actor: Actor; sha256: string },
): Promise<{ meta: { sha256: string; name: string; mime: string; size: number }; content: Uint8Array }> {
  const found = await deps.store.ledger.getAttachment(input.sha256);
  // Out of scope answers like a missing file, so a sha256 does not tell whether another unit holds it.
  if (!found || !(await canReadAttachment(deps, input.actor, input.sha256)))
    throw new NotFoundError('attachment.not_found', t('No such attachment.', '附件不存在。'));
  return found;
}

/**
 * Whether `actor` may read attachment `sha256`. Roles that read every unit (admin, auditor, reviewer,
 * supervisor, dispatcher; `isUnitScoped` false) read all; a unit-scoped actor reads a file that it
 * or a user of its unit subtree uploaded (a repeat upload of the same bytes counts: the uploader
 * holds them), or that an entry of its unit subtree cites.
 */
async function canReadAttachment(deps: AppDeps, actor: Actor, sha256: string): Promise<boolean> {
  const units = await readableUnits(deps, actor);
  if (units === null) return true;
  const self = auditActor(actor);
  const uploads = await deps.store.audit.list({
    action: 'attachment.upload',
    target: `attachment:${sha256}`,
    limit: 500,
    offset: 0,
    order: 'asc',
  });
  for (const uploader of new Set(uploads.items.map((record) => record.actor))) {
    if (uploader === self) return true;
    const user = await deps.store.users.getByUsername(uploader);
    if (user?.unitId && units.has(user.unitId)) return true;
  }
  for (const unitId of units) {
    const entries = await deps.store.ledger.listEntries({ unitId, includeSuperseded: true, limit: 5000 });
    if (entries.some((entry) => entry.attachments.includes(sha256))) return true;
  }
  return false;
}

// ───────────────────────── reads ─────────────────────────

/** Scores of a unit for a month from the projection, with traces naming `ruleSetId@version`; `explain` adds the operator trace. */
export async function getScores(
  deps: AppDeps,
  input: {
    actor: Actor;
    unitId?: string;
    period: string;
    indicatorId?: string;
    explain?: boolean;
    ruleSetId?: string;
    /** Wait for the background recomputes queued so far before reading (otherwise the last projection). */
    fresh?: boolean;
  },
): Promise<{
  ruleSetId: string;
  ruleSetVersion: number;
  ruleSet: string;
  unitId: string;
  period: string;
  result: UnitResult | null;
  scores: IndicatorScore[];
  /** True while entries of this unit (or of a unit it is ranked with) wait for their recompute: the figures are the last projection. */
  recomputing: boolean;
}> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.period });
  // After loading: a version loaded now queues what a previous process left pending.
  if (input.fresh) await recomputesSettled(deps);
  const unitId = await scopedUnit({ deps, actor: input.actor, unitId: input.unitId });
  const period = requirePeriod(input.period, loaded.model);
  const recomputing = isRecomputing(deps, loaded, { unitId, period });
  const rows = await deps.store.ledger.getProjection({
    ruleSetId: loaded.ruleSetId,
    version: loaded.version,
    unitId,
    period,
  });
  const result = (rows.find((r) => r.indicatorId === null)?.data as UnitResult | undefined) ?? null;
  let scores = rows.filter((r) => r.indicatorId !== null).map((r) => r.data as IndicatorScore);
  if (input.indicatorId !== undefined) {
    scores = scores.filter((s) => s.indicatorId === input.indicatorId);
    if (input.explain) {
      const explained = explainScore(loaded.state, { unitId, indicatorId: input.indicatorId, period });
      if (explained) scores = [explained];
    }
  }
  const order = new Map(loaded.model.leaves.map((l, i) => [l.id, i]));
  scores.sort((a, b) => (order.get(a.indicatorId) ?? 0) - (order.get(b.indicatorId) ?? 0));
  return {
    ruleSetId: loaded.ruleSetId,
    ruleSetVersion: loaded.version,
    ruleSet: loaded.model.ruleSetRef,
    unitId,
    period,
    result,
    scores,
    recomputing,
  };
}

function requireDate(value: string | undefined, fallback: string): string {
  const date = value ?? fallback;
  if (!DATE.test(date))
    throw new ValidationError(
      'performance.bad_date',
      t('Give the date as YYYY-MM-DD.', '日期格式须为 YYYY-MM-DD。'),
      { path: '/asOf' },
    );
  return date;
}

/** Light matrix unit × indicator on `asOf` (default today); unit users get their own rows. */
export async function getLights(
  deps: AppDeps,
  input: { actor: Actor; asOf?: string; unitId?: string; ruleSetId?: string; fresh?: boolean },
): Promise<{
  asOf: string;
  ruleSet: string;
  units: { id: string; name: LocalizedText }[];
  indicators: { id: string; code: string; name: LocalizedText }[];
  lights: Light[];
  /** True while entries of the rule set wait for their recompute (the lights are from the last state). */
  recomputing: boolean;
}> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, at: input.asOf });
  if (input.fresh) await recomputesSettled(deps);
  const asOf = requireDate(input.asOf, today(deps));
  const visible = await readableUnits(deps, input.actor);
  let unitIds = [...loaded.model.units.keys()];
  if (input.unitId !== undefined) {
    const unitId = await scopedUnit({ deps, actor: input.actor, unitId: input.unitId });
    // An id the rule set does not know (found by the fuzzer: it was a TypeError, 500).
    if (!loaded.model.units.has(unitId)) {
      throw new NotFoundError(
        'unit.not_found',
        t(`No unit "${unitId}" in this rule set.`, `该规则集中没有责任单位“${unitId}”。`),
        { path: '/unitId' },
      );
    }
    unitIds = [unitId];
  } else if (visible) unitIds = unitIds.filter((u) => visible.has(u));
  const lights = computeLights({ state: loaded.state, asOf, unitIds });
  const used = new Set(lights.map((l) => l.indicatorId));
  return {
    asOf,
    ruleSet: loaded.model.ruleSetRef,
    units: unitIds.map((id) => ({ id, name: loaded.model.units.get(id)!.name })),
    indicators: loaded.model.leaves
      .filter((l) => used.has(l.id))
      .map((l) => ({ id: l.id, code: l.code, name: l.name })),
    lights,
    recomputing: isRecomputing(deps, loaded, {}),
  };
}

/** Rankings of a month per peer group (or one group), competition ranks with ties. */
export async function getRankings(
  deps: AppDeps,
  input: { actor: Actor; period: string; group?: string; ruleSetId?: string; fresh?: boolean },
): Promise<{
  period: string;
  ruleSet: string;
  groups: { group: string; rows: RankingRow[] }[];
  /** True while entries of the period wait for their recompute (the ranks are from the last state). */
  recomputing: boolean;
}> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.period });
  if (input.fresh) await recomputesSettled(deps);
  const period = requirePeriod(input.period, loaded.model);
  const names = input.group !== undefined ? [input.group] : [...loaded.model.peerGroups.keys()].sort();
  if (input.group !== undefined && !loaded.model.peerGroups.has(input.group))
    throw new NotFoundError(
      'performance.no_such_group',
      t(`No peer group "${input.group}".`, `没有比较组“${input.group}”。`),
    );
  return {
    period,
    ruleSet: loaded.model.ruleSetRef,
    groups: names.map((group) => ({ group, rows: ranking(loaded.state, { period, group }) })),
    recomputing: isRecomputing(deps, loaded, { period }),
  };
}

/** Comparisons over time: month on month, year on year, or improvement since `basePeriod`. */
export async function getComparisons(
  deps: AppDeps,
  input: {
    actor: Actor;
    period: string;
    kind: 'monthOnMonth' | 'yearOnYear' | 'improvement';
    basePeriod?: string;
    ruleSetId?: string;
  },
): Promise<{ period: string; kind: string; items: Comparison[] }> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.period });
  const period = requirePeriod(input.period, loaded.model);
  const visible = await readableUnits(deps, input.actor);
  let items: Comparison[];
  if (input.kind === 'improvement')
    items = improvement(loaded.state, {
      period,
      basePeriod: requirePeriod(input.basePeriod ?? `${loaded.model.year}-01`, loaded.model, '/basePeriod'),
    });
  else if (input.kind === 'yearOnYear') items = yearOnYear(loaded.state, { period });
  else items = monthOnMonth(loaded.state, { period });
  if (visible) items = items.filter((c) => visible.has(c.unitId));
  return { period, kind: input.kind, items };
}

/** Red list (bottom of each peer group) and black list (below the threshold or vetoed). */
export async function getLists(
  deps: AppDeps,
  input: { actor: Actor; period: string; ruleSetId?: string },
): Promise<ReturnType<typeof redBlackLists> & { period: string }> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.period });
  const period = requirePeriod(input.period, loaded.model);
  return { period, ...redBlackLists(loaded.state, { period }) };
}

/** A unit's analysis report as JSON, CSV (weak points) or a printable HTML page. */
export async function getUnitReport(
  deps: AppDeps,
  input: {
    actor: Actor;
    unitId?: string;
    period: string;
    format?: 'json' | 'csv' | 'html';
    lang?: 'zh' | 'en';
    ruleSetId?: string;
  },
): Promise<UnitReport | { contentType: string; body: string }> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.period });
  const unitId = await scopedUnit({ deps, actor: input.actor, unitId: input.unitId });
  const period = requirePeriod(input.period, loaded.model);
  const lights = computeLights({ state: loaded.state, asOf: reportDay(deps, period), unitIds: [unitId] });
  const report = unitReport(loaded.state, { unitId, period, lights });
  if (input.format === 'html')
    return {
      contentType: 'text/html; charset=utf-8',
      body: renderUnitReportHtml(report, input.lang ?? 'zh'),
    };
  if (input.format === 'csv')
    return {
      contentType: 'text/csv; charset=utf-8',
      body: toCsv(
        [
          'unitId',
          'period',
          'indicatorId',
          'code',
          'nameZh',
          'nameEn',
          'points',
          'maxScore',
          'pointsLost',
          'status',
        ],
        report.weakPoints.map((w) => [
          unitId,
          period,
          w.indicatorId,
          w.code,
          w.name.zh,
          w.name.en,
          w.points,
          w.maxScore,
          w.pointsLost,
          w.status,
        ]),
      ),
    };
  return report;
}

/** The district report as JSON or CSV (the ranking of every unit). */
export async function getDistrictReport(
  deps: AppDeps,
  input: { actor: Actor; period: string; format?: 'json' | 'csv'; ruleSetId?: string },
): Promise<DistrictReport | { contentType: string; body: string }> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.period });
  const period = requirePeriod(input.period, loaded.model);
  if (input.format === 'csv')
    return { contentType: 'text/csv; charset=utf-8', body: rankingCsv(ranking(loaded.state, { period })) };
  const lights = computeLights({ state: loaded.state, asOf: reportDay(deps, period) });
  return districtReport(loaded.state, { period, lights });
}

// ───────────────────────── seeding ─────────────────────────

/** The generated history file (seeds/history/*.json). */
export interface SeedHistory {
  ruleSetId: string;
  entries: readonly (IndicatorInput & { late?: boolean })[];
  thirdParty?: readonly IndicatorInput[];
  derived?: readonly IndicatorInput[];
}

/**
 * Loads a generated history into an empty ledger: only what was submitted up to the clock's now (so
 * periods still before their deadline stay fillable), in one transaction with batch inserts, then
 * scores it and writes the projection. Returns counts; does nothing when the ledger holds entries.
 */
export async function seedPerformanceHistory(
  deps: AppDeps,
  input: { history: SeedHistory },
): Promise<{ entries: number; sourceValues: number; scores: number; skippedFuture: number } | null> {
  const { history } = input;
  const first = history.entries[0]?.period;
  if (first === undefined || !PERIOD.test(first)) return null;
  // The version in force for the history's own periods, whatever today is.
  const active = await resolveInForce(deps, {
    at: `${first}-01`,
    needs: 'assessment',
    ruleSetId: history.ruleSetId,
  });
  if (!active) return null;
  const model = compilePerformanceModel({
    ...(active.content as unknown as RuleSet),
    version: { ...(active.content as { version?: object }).version, number: active.number } as never,
  });
  const now = deps.clock.now().toISOString();
  let skippedFuture = 0;
  const isPast = (x: IndicatorInput) => {
    const ok = (x.submittedAt ?? '') <= now;
    if (!ok) skippedFuture++;
    return ok;
  };
  const entries: LedgerEntryRecord[] = history.entries.filter(isPast).map((e) => ({
    id: deps.ids.newId('ent'),
    unitId: e.unitId,
    indicatorId: e.indicatorId,
    period: e.period,
    values: e.values,
    ruleSetId: active.ruleSetId,
    ruleSetVersion: active.number,
    submittedBy: 'seed',
    submittedAt: e.submittedAt ?? now,
    isLate: e.late === true,
    supersedes: null,
    kind: 'seeded',
    attachments: [],
  }));
  const source =
    (kind: SourceValueRecord['source']) =>
    (v: IndicatorInput): SourceValueRecord => ({
      id: deps.ids.newId('src'),
      source: kind,
      unitId: v.unitId,
      indicatorId: v.indicatorId,
      period: v.period,
      values: v.values,
      ruleSetId: active.ruleSetId,
      ruleSetVersion: active.number,
      submittedBy: 'seed',
      submittedAt: v.submittedAt ?? now,
    });
  const sources = [
    ...(history.thirdParty ?? []).filter(isPast).map(source('thirdParty')),
    ...(history.derived ?? []).filter(isPast).map(source('derived')),
  ];
  const result = await ledgerWrite(deps, async (tx) => {
    // Seeds once per year: a ledger that already holds entries of the history's year is left alone.
    if (await tx.ledger.hasEntriesOfYear(yearPrefix(model))) return null;
    await tx.ledger.appendEntries(entries);
    await tx.ledger.appendSourceValues(sources);
    const built = await buildState(tx, model);
    const loaded: Loaded = {
      ruleSetId: active.ruleSetId,
      version: active.number,
      content: active.content as unknown as RuleSet,
      model,
      ...built,
      checkedAt: deps.clock.now().getTime(),
      dirty: new Map(),
    };
    await persistAll(tx, loaded);
    await appendAudit(tx, {
      at: now,
      entry: {
        actor: 'system',
        action: 'ledger.seed',
        target: `ruleSet:${active.ruleSetId}@${active.number}`,
        details: { entries: entries.length, sourceValues: sources.length, skippedFuture },
      },
    });
    cacheOf(deps).set(`${active.ruleSetId}@${active.number}`, loaded);
    let scores = 0;
    for (const s of loaded.state.scores) if (s) scores++;
    return { entries: entries.length, sourceValues: sources.length, scores, skippedFuture };
  });
  return result;
}
