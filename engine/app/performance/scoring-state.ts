/**
 * @module The scoring state of the published assessment version a request is about, loaded once per
 * version and kept current (`loadScoring`, `warmScoring`), and the background recompute that writes
 * the projection after a ledger write committed (`writeThenRecompute`, `recomputesSettled`).
 */
import type { RuleSet } from '../../../schemas/types.gen.ts';
import type { LocalizedText } from '../../core/errors.ts';
import { NotFoundError } from '../../core/errors.ts';
import { DATE, PERIOD } from '../../core/performance/requirements.ts';
import { type IndicatorInput, recomputeAffected } from '../../core/scoring/pipeline.ts';
import type { Repositories } from '../../ports/store.ts';
import type { AppDeps } from '../context.ts';
import { type RecomputeJob, RecomputeQueue } from '../recompute-queue.ts';
import { todayOf } from '../../core/time-zone.ts';
import { resolveInForce } from '../rule-sets/resolve-in-force.ts';
import {
  buildState,
  cacheOf,
  compileVersion,
  flushDirty,
  inputOfEntry,
  inputOfSource,
  type Loaded,
  markDirty,
  markRepair,
  type PublishedVersion,
  persistAll,
  type RecomputeInput,
  type RecomputeResult,
  readLedgerYear,
} from './scoring-cache.ts';

const t = (en: string, zh: string): LocalizedText => ({ en, zh });

/** How often (ms) a cached state reads the rows other nodes appended to the ledger since it last looked. */
const CATCH_UP_MS = 1_000;
/** How long (ms) the background recompute gathers entries before it starts, so a burst is written once. */
const RECOMPUTE_GATHER_MS = 25;

/** Which assessment version a request is about: the date its data is about, or a named rule set. */
export interface LoadQuery {
  /** `id` (its version in force on the date) or `id@n` (that published version). */
  ruleSetId?: string | undefined;
  /** The period (YYYY-MM) the request is about; the version is the one in force on its first day. */
  period?: string | undefined;
  /** A day (YYYY-MM-DD) the request is about, when it is not a period (lights as of a day). */
  at?: string | undefined;
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

/** The 404 `performance.no_active_rule_set` of a query no published version answers. */
function noActiveRuleSet(q: LoadQuery, at: string): NotFoundError {
  return new NotFoundError(
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
        : todayOf(deps.clock.now());
  const active = await resolveInForce(deps, {
    at,
    needs: 'assessment',
    ...(q.ruleSetId !== undefined ? { ruleSetId: q.ruleSetId } : {}),
  });
  if (!active) throw noActiveRuleSet(q, at);
  const key = `${active.ruleSetId}@${active.number}`;
  const hit = cacheOf(deps).get(key);
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
async function buildLoaded(deps: AppDeps, active: PublishedVersion, key: string): Promise<Loaded> {
  const cache = cacheOf(deps);
  // Built outside the write queue (a remote server ends transactions left idle while a year is scored);
  // the catch-up then adds whatever was appended meanwhile, by this node or another.
  const model = compileVersion(active);
  const built = await buildState(deps.store, model);
  const made: Loaded = {
    ruleSetId: active.ruleSetId,
    version: active.number,
    content: active.content as RuleSet,
    model,
    ...built,
    checkedAt: deps.clock.now().getTime(),
    dirty: new Map(),
  };
  await catchUp(deps, made, true);
  const again = cache.get(key);
  if (again) return again;
  cache.set(key, made);
  const version = { ruleSetId: made.ruleSetId, version: made.version };
  if ((await deps.store.ledger.countProjection(version)) === 0)
    await deps.store.transaction(async (tx) => {
      if ((await tx.ledger.countProjection(version)) === 0) await persistAll(tx, made);
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

// ───────────────────────── background recompute ─────────────────────────

const queues = new WeakMap<object, RecomputeQueue<RecomputeInput, RecomputeResult>>();

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

/** The cached states of a rule set, building the one of `version` when this process has none. */
async function statesFor(deps: AppDeps, group: readonly RecomputeJob<RecomputeInput>[]): Promise<Loaded[]> {
  const first = group[0]!;
  const ofRuleSet = () => [...cacheOf(deps).values()].filter((l) => l.ruleSetId === first.ruleSetId);
  if (ofRuleSet().some((l) => l.version === first.input.version)) return ofRuleSet();
  // No state of the input's version in this process (e.g. dropped after a failed write): built
  // from the ledger it already holds the input, so its rows are rewritten as a repair.
  const built = await loadScoring(deps, {
    ruleSetId: `${first.ruleSetId}@${first.input.version}`,
    period: first.period,
  });
  for (const job of group) markRepair(built, job.input.input);
  return ofRuleSet();
}

/** Recomputes one job's input into a state and marks the rows to write; the job's result when `loaded` is its version. */
function recomputeJob(loaded: Loaded, job: RecomputeJob<RecomputeInput>): RecomputeResult | null {
  const { input } = job.input;
  if (job.input.repair) {
    markRepair(loaded, input);
    return null;
  }
  const changes = recomputeAffected(loaded.state, input);
  for (const sc of changes.scores)
    markDirty(loaded, { unitId: sc.unitId, indicatorId: sc.indicatorId, period: sc.period });
  for (const r of changes.results)
    markDirty(loaded, { unitId: r.unitId, indicatorId: null, period: r.period });
  // Also the input's own rows: a state that already held it (a catch-up, a rebuild) reports no change.
  markDirty(loaded, { unitId: input.unitId, indicatorId: input.indicatorId, period: input.period });
  markDirty(loaded, { unitId: input.unitId, indicatorId: null, period: input.period });
  if (loaded.version !== job.input.version) return null;
  return { scores: changes.scores.length, results: changes.results.length };
}

/** Writes the dirty rows of the states and clears the jobs' pending marks in one transaction, then forgets what was written. */
async function flushBatch(
  deps: AppDeps,
  states: readonly Loaded[],
  jobs: readonly RecomputeJob<RecomputeInput>[],
): Promise<void> {
  const flushing = states.map((l) => new Map(l.dirty));
  await deps.store.transaction(async (tx) => {
    await flushDirty(tx, states);
    await tx.ledger.clearRecomputePending(jobs.map((j) => j.id));
  });
  // Written: forget what was flushed (keys dirtied again meanwhile are written by the next batch).
  states.forEach((loaded, i) => {
    for (const key of flushing[i]!.keys()) loaded.dirty.delete(key);
  });
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
    const states = await statesFor(deps, group);
    // Of several inputs of one slot in the batch only the newest counts (they are in commit order).
    const newest = new Map<string, RecomputeJob<RecomputeInput>>();
    for (const job of group) newest.set(`${job.input.input.indicatorId}|${job.input.repair}`, job);
    const latest = new Set(newest.values());
    for (const loaded of states) {
      touched.add(loaded);
      for (const job of group) {
        if (!latest.has(job)) continue;
        const result = recomputeJob(loaded, job);
        if (result) results.set(job.id, result);
      }
    }
    await yieldToEventLoop();
  }
  await flushBatch(deps, [...touched], jobs);
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
    const record = {
      id: row.entryId,
      ruleSetVersion: row.ruleSetVersion,
      unitId: row.unitId,
      period: row.period,
    };
    queue.enqueue(recomputeJobOf(row, record, input, true));
  }
}

/** A job for a committed ledger input of `loaded`'s rule set (`repair`: one an earlier process left pending). */
export function recomputeJobOf(
  loaded: Pick<Loaded, 'ruleSetId'>,
  record: { id: string; ruleSetVersion: number; unitId: string; period: string },
  input: IndicatorInput,
  repair = false,
): RecomputeJob<RecomputeInput> {
  return {
    id: record.id,
    key: `${loaded.ruleSetId}@${record.ruleSetVersion}|${record.unitId}|${record.period}`,
    ruleSetId: loaded.ruleSetId,
    unitId: record.unitId,
    period: record.period,
    input: { input, version: record.ruleSetVersion, repair },
  };
}

/** Stages a job inside a ledger write: marks its input pending in the same transaction. */
export type StageRecompute = (job: RecomputeJob<RecomputeInput>) => Promise<void>;

/**
 * Runs a ledger write whose inputs are recomputed in the background: `stage` marks an input pending
 * in the same transaction and reserves its job; once committed the jobs are queued. Resolves with
 * the transaction's value and each job's sequence number (to wait for it).
 */
export async function writeThenRecompute<T>(
  deps: AppDeps,
  fn: (tx: Repositories, stage: StageRecompute) => Promise<T>,
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

/** Waits for a queued job's recompute; its result (rows of its version changed), if any. */
export async function recomputeOf(
  deps: AppDeps,
  queued: { id: string; seq: number },
): Promise<RecomputeResult | undefined> {
  return recomputeQueueOf(deps).waitFor(queued.id, queued.seq);
}

/**
 * Whether the scores of (unit, period) of a rule set wait for a background recompute: the unit's
 * own inputs, or those of a unit it is ranked with. Without a unit: any unit of the period (or of
 * the rule set, without a period).
 */
export function isRecomputing(
  deps: AppDeps,
  loaded: Loaded,
  q: { unitId?: string; period?: string },
): boolean {
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
