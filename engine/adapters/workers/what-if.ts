/** @module What-if runner on a worker thread: score and case what-ifs evaluate there, one at a time, under a step budget and a time limit; a run that takes too long is stopped (the worker terminated) and fails with `whatIf.timeout`. */
import type { Worker } from 'node:worker_threads';
import { type LocalizedText, RuleError } from '../../core/errors.ts';
import { TooManyRequestsError } from '../../app/errors.ts';
import type {
  CaseReplaySession,
  CaseReplaySummary,
  CaseRulesSource,
  WhatIfProgress,
  WhatIfRunner,
} from '../../ports/what-if-runner.ts';
import { WHAT_IF_RUN_STEPS } from './what-if-core.ts';
import { reviveError, type SerializedError, startTsWorker, stopWorker } from './worker-thread.ts';

export { WHAT_IF_RUN_STEPS } from './what-if-core.ts';

/** Options of `createWhatIfRunner`. */
export interface WhatIfRunnerOptions {
  /** How long one run may take from when it gets the worker, reading included (default 120 s). */
  timeoutMs?: number;
  /** How long the worker may take to start (load the engine through tsx; default 60 s). */
  startTimeoutMs?: number;
  /** Step budget of one run (default `WHAT_IF_RUN_STEPS`). */
  steps?: number;
  /** Runs waiting for the worker beyond this are refused with `whatIf.busy` (default 8). */
  maxQueue?: number;
  /** Inputs of a score what-if sent to the worker per message (default 5000; each is copied on this thread). */
  chunk?: number;
}

/** A what-if runner that can be stopped. */
export interface ClosableWhatIfRunner extends WhatIfRunner {
  /** Stops the worker; waiting and running what-ifs fail. */
  close(): Promise<void>;
}

const failed = (reason: string) =>
  new RuleError(
    'whatIf.failed',
    {
      en: `The what-if could not be computed (${reason}).`,
      zh: `模拟测算无法完成（${reason}）。`,
    },
    { details: { reason } },
  );

const revive = (error: SerializedError): Error => reviveError(error, RuleError, failed);

/** The error of a run stopped at its time limit. */
export const whatIfTimedOut = (ms: number) =>
  new RuleError(
    'whatIf.timeout',
    {
      en: `The what-if took longer than ${Math.round(ms / 1000)} s and was stopped. The draft's rules do too much work (e.g. loops nested over large arrays), or the history is too large: try fewer months.`,
      zh: `模拟测算超过 ${Math.round(ms / 1000)} 秒，已被终止。草案的规则计算量过大（例如在大数组上嵌套循环），或历史数据过多：请减少测算月份。`,
    },
    { details: { timeoutMs: ms } },
  );

const busy = () =>
  new TooManyRequestsError(
    'whatIf.busy',
    {
      en: 'Too many what-ifs are waiting; try again shortly.',
      zh: '等待中的模拟测算过多，请稍后重试。',
    },
    { retryAfterSeconds: 10 },
  );

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** One run's hold on the worker: messages, replies by sequence number, progress, the time limit. */
interface Lease {
  readonly id: number;
  post(message: Record<string, unknown>): void;
  call<T>(message: Record<string, unknown>): Promise<T>;
  onProgress(listener: (progress: WhatIfProgress) => void): void;
  /** Throws the run's error when it failed (time limit, worker stopped). */
  check(): void;
  release(): void;
}

/**
 * Starts a runner; the worker starts on first use and again after a run was stopped.
 * Long: a factory: its steps (start, acquire, run, release) share the one worker and its queue in one closure.
 */
export function createWhatIfRunner(options: WhatIfRunnerOptions = {}): ClosableWhatIfRunner {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const steps = options.steps ?? WHAT_IF_RUN_STEPS;
  const maxQueue = options.maxQueue ?? 8;
  const chunk = options.chunk ?? 5000;

  let worker: Worker | null = null;
  let ready: Promise<Worker> | null = null;
  let active: {
    id: number;
    fail(error: Error): void;
    onMessage(message: Record<string, unknown>): void;
  } | null = null;
  const waiting: (() => void)[] = [];
  /** A run holds the worker (from acquiring to releasing). */
  let held = false;
  let nextId = 1;
  let closed = false;

  const kill = () => {
    const w = worker;
    worker = null;
    ready = null;
    stopWorker(w);
  };

  const boot = (): Promise<Worker> => {
    if (ready) return ready;
    const w = startTsWorker(new URL('./what-if.worker.ts', import.meta.url));
    worker = w;
    ready = new Promise<Worker>((resolve, reject) => {
      const timer = setTimeout(() => {
        kill();
        reject(failed('the what-if worker did not start'));
      }, startTimeoutMs);
      const stopped = (reason: string) => {
        if (w !== worker) return;
        clearTimeout(timer);
        kill();
        const error = failed(reason);
        reject(error);
        active?.fail(error);
      };
      w.on('message', (message: Record<string, unknown>) => {
        if (w !== worker) return;
        if (message.bootError !== undefined) return stopped('the what-if worker did not start');
        if (message.ready) {
          clearTimeout(timer);
          resolve(w);
          return;
        }
        if (active && message.id === active.id) active.onMessage(message);
      });
      w.on('error', (error) => stopped(error.message));
      w.on('exit', () => stopped('the what-if worker stopped'));
    });
    // A failed start is reported to the run that waited for it; the next run starts a new worker.
    ready.catch(() => {});
    return ready;
  };

  /**
   * Waits for the worker to be free (one run at a time), then for it to be ready.
   * Long: the lease's closures (fail, release, call, progress) share the run's state, and are each a few lines.
   */
  const acquire = async (): Promise<Lease> => {
    if (closed) throw failed('the what-if runner is closed');
    if (held) {
      if (waiting.length >= maxQueue) throw busy();
      // Woken by the run before, which hands its hold over.
      await new Promise<void>((resolve) => waiting.push(resolve));
      if (closed) throw failed('the what-if runner is closed');
    } else held = true;
    const id = nextId++;
    let error: Error | null = null;
    let timer: NodeJS.Timeout | null = null;
    const pending = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
    let listener: (progress: WhatIfProgress) => void = () => {};
    let seq = 1;
    const fail = (e: Error) => {
      if (error) return;
      error = e;
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    };
    const release = () => {
      if (active?.id !== id) return;
      if (timer) clearTimeout(timer);
      active = null;
      worker?.unref();
      const next = waiting.shift();
      if (next) next();
      else held = false;
    };
    active = {
      id,
      fail,
      onMessage(message) {
        if (message.progress) {
          listener(message.progress as WhatIfProgress);
          return;
        }
        const reply = typeof message.seq === 'number' ? pending.get(message.seq) : undefined;
        if (message.error) {
          const e = revive(message.error as SerializedError);
          if (reply) {
            pending.delete(message.seq as number);
            reply.reject(e);
          } else fail(e);
          return;
        }
        if (reply) {
          pending.delete(message.seq as number);
          reply.resolve(message.result);
        }
      },
    };
    let w: Worker;
    try {
      w = await boot();
    } catch (e) {
      release();
      throw e;
    }
    if (closed) {
      release();
      throw failed('the what-if runner is closed');
    }
    w.ref();
    timer = setTimeout(() => {
      // The worker may be deep in a rule: stop it; the next run starts a fresh one.
      if (active?.id === id) kill();
      fail(whatIfTimedOut(timeoutMs));
    }, timeoutMs);
    const check = () => {
      if (error) throw error;
    };
    return {
      id,
      post(message) {
        check();
        worker!.postMessage({ ...message, id });
      },
      call<T>(message: Record<string, unknown>) {
        check();
        const n = seq++;
        return new Promise<T>((resolve, reject) => {
          pending.set(n, { resolve: resolve as (value: unknown) => void, reject });
          worker!.postMessage({ ...message, id, seq: n });
        });
      },
      onProgress(l) {
        listener = l;
      },
      check,
      release,
    };
  };

  return {
    async scores(task, report) {
      const lease = await acquire();
      try {
        lease.onProgress(report);
        lease.post({
          type: 'scores',
          published: task.published,
          draft: task.draft,
          ...(task.periods ? { periods: [...task.periods] } : {}),
          steps,
        });
        // Copying the inputs to the worker is done here, on the event loop: in slices, yielding between.
        for (let i = 0; i < task.inputs.length; i += chunk) {
          lease.post({ type: 'inputs', items: task.inputs.slice(i, i + chunk) });
          await yieldToLoop();
        }
        return await lease.call({ type: 'runScores' });
      } finally {
        lease.release();
      }
    },

    async cases(task) {
      const lease = await acquire();
      try {
        await lease.call({ type: 'cases', task, steps });
      } catch (error) {
        lease.release();
        throw error;
      }
      const sent = new Set<string>();
      const session: CaseReplaySession = {
        async page(cases, rulesOf) {
          try {
            for (const c of cases) {
              if (sent.has(c.rulesKey)) continue;
              sent.add(c.rulesKey);
              let source: CaseRulesSource | null = null;
              let error: { code: string; en: string; zh: string } | undefined;
              try {
                source = await rulesOf(c.rulesKey);
              } catch (e) {
                const x = e as { code?: string; text?: LocalizedText; message?: string };
                error = {
                  code: x.code ?? 'whatIf.failed',
                  en: x.text?.en ?? String(x.message),
                  zh: x.text?.zh ?? String(x.message),
                };
              }
              lease.post({ type: 'rules', key: c.rulesKey, source, ...(error ? { error } : {}) });
            }
            await lease.call({ type: 'page', cases });
          } catch (error) {
            lease.release();
            throw error;
          }
        },
        async finish() {
          try {
            return await lease.call<CaseReplaySummary>({ type: 'finishCases' });
          } finally {
            lease.release();
          }
        },
        abandon() {
          lease.release();
        },
      };
      return session;
    },

    async close() {
      closed = true;
      active?.fail(failed('the what-if runner is closed'));
      active = null;
      for (const wake of waiting.splice(0)) wake();
      kill();
    },
  };
}

/** Runner options from the environment: `BATON_WHATIF_TIMEOUT_MS` (a positive integer; otherwise the default). */
export function whatIfRunnerOptions(env: Record<string, string | undefined>): WhatIfRunnerOptions {
  const ms = Number(env.BATON_WHATIF_TIMEOUT_MS);
  return Number.isSafeInteger(ms) && ms > 0 ? { timeoutMs: ms } : {};
}
