/** @module Serial write queue with group commit: one write at a time, queued transactions committed together. */
import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';

/**
 * One open database transaction that several queued members share. Each member runs inside its own
 * savepoint; the queue commits once and only then settles the members.
 */
export interface WriteGroup<S> {
  /** What each member's task is handed to run its statements on. */
  readonly scope: S;
  savepoint(name: string): Promise<void>;
  release(name: string): Promise<void>;
  rollbackTo(name: string): Promise<void>;
  /** False once the database has ended the transaction on its own (e.g. disk full, I/O error). */
  isOpen(): boolean;
  commit(): Promise<void>;
  /** Rolls back and gives the connection back; never throws. */
  rollback(): Promise<void>;
}

/** Options of `WriteQueue`. */
export interface WriteQueueOptions<S> {
  /** Opens the transaction a group of members shares (`BEGIN`); required for `runInGroup`. */
  openGroup?: () => Promise<WriteGroup<S>>;
  /** Most members committed together (default 64). */
  maxGroupSize?: number;
}

/** Raised to a member whose own work succeeded but whose group could not be committed. */
export class GroupRolledBackError extends Error {
  constructor(cause: unknown) {
    super('The write was rolled back because the transaction it shared with other writes failed', { cause });
    this.name = 'GroupRolledBackError';
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

// `context` is the caller's async context: each write runs in it (request-scoped stores), not the queue's.
type Job<S> =
  | {
      kind: 'solo';
      task: () => Promise<unknown>;
      context: AsyncResource;
      resolve: (v: unknown) => void;
      reject: (e: unknown) => void;
    }
  | {
      kind: 'member';
      task: (scope: S) => Promise<unknown>;
      context: AsyncResource;
      resolve: (v: unknown) => void;
      reject: (e: unknown) => void;
    };

type Outcome<S> = { job: Job<S>; ok: true; value: unknown } | { job: Job<S>; ok: false; error: unknown };

/**
 * Runs writes one after another, in submission order; a failing write does not stop the queue.
 *
 * Group commit: when several `runInGroup` members are waiting, the queue runs them back to back in
 * ONE database transaction, each in its own savepoint, commits once, and only then resolves each
 * caller, so every write is durable before it is acknowledged. A member that throws is rolled back
 * to its savepoint and rejected; the others proceed. Each member sees its own writes and those of
 * the members before it in the group: exactly what it would have seen had those run and committed
 * serially just before it, which is where the queue order puts them anyway. (Reads made outside the
 * member, straight through the store's readers, see the last commit, which may not yet include
 * earlier members of the same group.) There are no timers and no waiting for a group to fill: a group
 * is whatever is queued when the writer becomes free (after one event-loop turn), up to `maxGroupSize`.
 *
 * Enqueuing from inside a running write would wait for itself forever, so it fails fast instead.
 */
export class WriteQueue<S = never> {
  readonly #jobs: Job<S>[] = [];
  readonly #inside = new AsyncLocalStorage<WriteQueue<S>>();
  readonly #openGroup: (() => Promise<WriteGroup<S>>) | undefined;
  readonly #maxGroupSize: number;
  #running = 0;
  #isPumping = false;
  #idleWaiters: Array<() => void> = [];

  constructor(options: WriteQueueOptions<S> = {}) {
    this.#openGroup = options.openGroup;
    this.#maxGroupSize = Math.max(1, options.maxGroupSize ?? 64);
  }

  /** Enqueues `task` to run alone; resolves or rejects with its result once every earlier write has settled. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const nested = this.#refuseNested<T>();
    if (nested) return nested;
    return new Promise<T>((resolve, reject) => {
      this.#jobs.push({
        kind: 'solo',
        task,
        context: new AsyncResource('baton-write'),
        resolve: resolve as (v: unknown) => void,
        reject,
      });
      this.#pump();
    });
  }

  /**
   * Enqueues `task` as a member of the next group: it runs on the group's shared transaction and
   * resolves only after that transaction has committed. A rejection means nothing it wrote was kept.
   */
  runInGroup<T>(task: (scope: S) => Promise<T>): Promise<T> {
    const nested = this.#refuseNested<T>();
    if (nested) return nested;
    if (!this.#openGroup) return Promise.reject(new Error('This write queue has no group transaction'));
    return new Promise<T>((resolve, reject) => {
      this.#jobs.push({
        kind: 'member',
        task: task as (scope: S) => Promise<unknown>,
        context: new AsyncResource('baton-write'),
        resolve: resolve as (v: unknown) => void,
        reject,
      });
      this.#pump();
    });
  }

  /** Number of writes queued or running. */
  get pending(): number {
    return this.#jobs.length + this.#running;
  }

  /** Resolves once the queue is empty and nothing is running. */
  drain(): Promise<void> {
    if (!this.#isPumping && this.#jobs.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #refuseNested<T>(): Promise<T> | null {
    if (this.#inside.getStore() !== this) return null;
    return Promise.reject(
      new Error(
        'A write was queued from inside a running write (e.g. a store method called inside store.transaction); use the transaction’s repositories instead',
      ),
    );
  }

  #pump(): void {
    if (this.#isPumping) return;
    this.#isPumping = true;
    void this.#drainJobs();
  }

  async #drainJobs(): Promise<void> {
    try {
      // The driver runs statements and COMMIT (with its fsync) synchronously, so no request can queue
      // while a group runs. Yielding one event-loop turn (no timer) lets the requests whose I/O has
      // already completed reach the queue first and share the next commit; a lone write waits only
      // for the callbacks that were already due.
      await yieldToEventLoop();
      while (this.#jobs.length > 0) {
        const head = this.#jobs[0]!;
        if (head.kind === 'solo') {
          this.#jobs.shift();
          this.#running = 1;
          try {
            head.resolve(await head.context.runInAsyncScope(() => this.#inside.run(this, head.task)));
          } catch (error) {
            head.reject(error);
          }
          this.#running = 0;
          continue;
        }
        let size = 1;
        while (size < this.#jobs.length && size < this.#maxGroupSize && this.#jobs[size]!.kind === 'member')
          size++;
        const members = this.#jobs.splice(0, size);
        this.#running = members.length;
        await this.#runGroup(members);
        this.#running = 0;
        await yieldToEventLoop();
      }
    } finally {
      this.#running = 0;
      this.#isPumping = false;
      for (const wake of this.#idleWaiters.splice(0)) wake();
    }
  }

  async #runGroup(members: Job<S>[]): Promise<void> {
    let group: WriteGroup<S>;
    try {
      group = await this.#openGroup!();
    } catch (error) {
      for (const member of members) member.reject(error);
      return;
    }
    // A lone member needs no savepoint: its failure rolls the whole transaction back.
    const isAlone = members.length === 1;
    const outcomes: Outcome<S>[] = [];
    let fatal: unknown = null;
    for (let i = 0; i < members.length; i++) {
      const member = members[i]!;
      const name = `baton_write_${i}`;
      try {
        if (!isAlone) await group.savepoint(name);
      } catch (error) {
        fatal = error;
        outcomes.push({ job: member, ok: false, error });
        // Not started: they may run in a later group.
        this.#jobs.unshift(...members.slice(i + 1));
        break;
      }
      try {
        const value = await member.context.runInAsyncScope(() =>
          this.#inside.run(this, () => (member.task as (scope: S) => Promise<unknown>)(group.scope)),
        );
        if (!isAlone) await group.release(name);
        outcomes.push({ job: member, ok: true, value });
      } catch (error) {
        outcomes.push({ job: member, ok: false, error });
        if (isAlone) break;
        if (!group.isOpen()) fatal = error;
        else {
          try {
            await group.rollbackTo(name);
            await group.release(name);
          } catch (undoError) {
            fatal = undoError;
          }
        }
        if (fatal !== null) {
          this.#jobs.unshift(...members.slice(i + 1));
          break;
        }
      }
    }
    const hasSuccess = outcomes.some((o) => o.ok);
    let commitError: unknown = fatal;
    if (fatal === null && hasSuccess) {
      try {
        await group.commit();
      } catch (error) {
        commitError = error;
      }
    }
    if (commitError !== null || !hasSuccess) await group.rollback();
    // Settled only now: durable before acknowledged.
    for (const outcome of outcomes) {
      if (!outcome.ok) outcome.job.reject(outcome.error);
      else if (commitError !== null)
        outcome.job.reject(isAlone ? commitError : new GroupRolledBackError(commitError));
      else outcome.job.resolve(outcome.value);
    }
  }
}
