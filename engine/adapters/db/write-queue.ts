/** @module Serial write queue: one promise chain so that at most one write runs at a time. */
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Runs tasks one after another, in submission order; a failing task does not stop the queue.
 * Enqueuing from inside a running task would wait for itself forever, so it throws instead.
 */
export class WriteQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;
  readonly #inside = new AsyncLocalStorage<WriteQueue>();

  /** Enqueues `task`; resolves or rejects with its result once every earlier task has settled. */
  run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#inside.getStore() === this) {
      return Promise.reject(
        new Error(
          'A write was queued from inside a running write (e.g. a store method called inside store.transaction); use the transaction’s repositories instead',
        ),
      );
    }
    this.#pending++;
    const inside = () => this.#inside.run(this, task);
    const result = this.#tail.then(inside, inside);
    this.#tail = result.then(
      () => this.#pending--,
      () => this.#pending--,
    );
    return result;
  }

  /** Number of tasks queued or running. */
  get pending(): number {
    return this.#pending;
  }

  /** Resolves once every task enqueued so far has settled. */
  async drain(): Promise<void> {
    await this.#tail;
  }
}
