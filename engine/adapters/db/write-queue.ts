/** @module Serial write queue: one promise chain so that at most one write runs at a time. */

/** Runs tasks one after another, in submission order; a failing task does not stop the queue. */
export class WriteQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /** Enqueues `task`; resolves or rejects with its result once every earlier task has settled. */
  run<T>(task: () => Promise<T>): Promise<T> {
    this.#pending++;
    const result = this.#tail.then(task, task);
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
