/**
 * @module Background recompute queue (one per process and store): ledger inputs whose scores are
 * not written yet. A write reserves its job inside its transaction and enqueues it once committed;
 * the queue hands the jobs, oldest first and in batches, to `process`, which recomputes them
 * (yielding to the event loop between pieces) and writes their projection; a job is done only once
 * that write committed. Reads ask whether a key is still pending, or wait for what is queued now.
 */

/** One ledger input waiting for its recompute. */
export interface RecomputeJob<I> {
  /** The entry (or source value) id: one job per input. */
  id: string;
  /** Coalescing key, e.g. `ruleSetId@version|unitId|period`: jobs of one key are recomputed together. */
  key: string;
  /** Rule set whose cached states the input changes. */
  ruleSetId: string;
  unitId: string;
  period: string;
  input: I;
}

/** Options of a `RecomputeQueue`. */
export interface RecomputeQueueOptions<I, R> {
  /** Recomputes and persists a batch (oldest first); resolves with a result per job id, once committed. */
  process(jobs: readonly RecomputeJob<I>[]): Promise<Map<string, R>>;
  /** Called with an error of `process`; the batch is retried (at most `maxAttempts` times in a row). */
  onError?(error: unknown): void;
  /** Most jobs handed to `process` at once (default 256). */
  maxBatch?: number;
  /** Attempts of one batch before it is given up (left to the restart recompute; default 5). */
  maxAttempts?: number;
  /**
   * How long (ms) the queue gathers jobs after the first one before it starts (default 0: the next
   * turn of the event loop): jobs of one key that arrive together are recomputed and written once.
   */
  gatherMs?: number;
}

interface Waiter<R> {
  seq: number;
  id: string | null;
  resolve(value: R | undefined): void;
}

/** A per-process queue of background recomputes; see the module comment. */
export class RecomputeQueue<I, R = unknown> {
  readonly #options: RecomputeQueueOptions<I, R>;
  readonly #reserved = new Set<string>();
  readonly #queued: Array<RecomputeJob<I> & { seq: number }> = [];
  readonly #queuedIds = new Set<string>();
  /** ruleSetId|period → unitId → jobs pending (reserved ones are not counted: not acknowledged yet). */
  readonly #byPeriod = new Map<string, Map<string, number>>();
  #waiters: Waiter<R>[] = [];
  #seq = 0;
  #doneThrough = 0;
  #isRunning = false;
  #attempts = 0;

  constructor(options: RecomputeQueueOptions<I, R>) {
    this.#options = options;
  }

  /** Marks an input as on its way (inside its transaction): catch-ups leave it to the queue. */
  reserve(id: string): void {
    this.#reserved.add(id);
  }

  /** Drops a reservation whose transaction failed. */
  release(id: string): void {
    this.#reserved.delete(id);
  }

  /** Whether the input is reserved, queued or being recomputed. */
  has(id: string): boolean {
    return this.#reserved.has(id) || this.#queuedIds.has(id);
  }

  /** Queues a committed input; returns its sequence number. A job already queued is not queued twice. */
  enqueue(job: RecomputeJob<I>): number {
    this.#reserved.delete(job.id);
    if (this.#queuedIds.has(job.id)) return this.#seq;
    const seq = ++this.#seq;
    this.#queued.push({ ...job, seq });
    this.#queuedIds.add(job.id);
    const slot = `${job.ruleSetId}|${job.period}`;
    const units = this.#byPeriod.get(slot) ?? new Map<string, number>();
    units.set(job.unitId, (units.get(job.unitId) ?? 0) + 1);
    this.#byPeriod.set(slot, units);
    this.#kick();
    return seq;
  }

  /** Units with pending recomputes in (rule set, period); empty when none. */
  pendingUnits(ruleSetId: string, period: string): ReadonlySet<string> {
    return new Set(this.#byPeriod.get(`${ruleSetId}|${period}`)?.keys() ?? []);
  }

  /** Whether any recompute of the rule set is pending. */
  hasPending(ruleSetId: string): boolean {
    for (const [slot, units] of this.#byPeriod)
      if (slot.startsWith(`${ruleSetId}|`) && units.size > 0) return true;
    return false;
  }

  /** Jobs queued or running. */
  get size(): number {
    return this.#queued.length;
  }

  /** Resolves once every job queued before this call is recomputed and written. */
  settled(): Promise<void> {
    const seq = this.#seq;
    if (this.#doneThrough >= seq) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ seq, id: null, resolve: () => resolve() }));
  }

  /**
   * Resolves with the result of job `id` (enqueued as `seq`) once it is written; undefined when given
   * up, or when asked after it was written (call it right after `enqueue` to get the result).
   */
  waitFor(id: string, seq: number): Promise<R | undefined> {
    if (this.#doneThrough >= seq) return Promise.resolve(undefined);
    return new Promise((resolve) => this.#waiters.push({ seq, id, resolve }));
  }

  #kick(): void {
    if (this.#isRunning) return;
    this.#isRunning = true;
    const gatherMs = this.#options.gatherMs ?? 0;
    if (gatherMs > 0) setTimeout(() => void this.#run(), gatherMs);
    else setImmediate(() => void this.#run());
  }

  async #run(): Promise<void> {
    try {
      while (this.#queued.length > 0) {
        const batch = this.#queued.slice(0, this.#options.maxBatch ?? 256);
        let results: Map<string, R> | null = null;
        try {
          results = await this.#options.process(batch);
          this.#attempts = 0;
        } catch (error) {
          this.#options.onError?.(error);
          this.#attempts++;
          if (this.#attempts < (this.#options.maxAttempts ?? 5)) {
            await new Promise<void>((resolve) => setTimeout(resolve, 100 * this.#attempts).unref?.());
            continue;
          }
          // Given up: the rows stay marked pending in the store and are recomputed after a restart.
          this.#attempts = 0;
        }
        this.#finish(batch, results ?? new Map());
      }
    } finally {
      this.#isRunning = false;
      if (this.#queued.length > 0) this.#kick();
    }
  }

  #finish(batch: ReadonlyArray<RecomputeJob<I> & { seq: number }>, results: Map<string, R>): void {
    this.#queued.splice(0, batch.length);
    for (const job of batch) {
      this.#queuedIds.delete(job.id);
      const slot = `${job.ruleSetId}|${job.period}`;
      const units = this.#byPeriod.get(slot);
      const left = (units?.get(job.unitId) ?? 1) - 1;
      if (left > 0) units!.set(job.unitId, left);
      else units?.delete(job.unitId);
      if (units?.size === 0) this.#byPeriod.delete(slot);
    }
    this.#doneThrough = batch.at(-1)!.seq;
    const waiting = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiting) {
      if (waiter.seq <= this.#doneThrough)
        waiter.resolve(waiter.id === null ? undefined : results.get(waiter.id));
      else this.#waiters.push(waiter);
    }
  }
}
