/** @module Rule-set checks in a worker thread with a timeout, so a hostile document cannot block the event loop. */
import type { Worker } from 'node:worker_threads';
import { RuleError, ValidationError } from '../../core/errors.ts';
import { RULESET_CHECK_STEPS, type RuleSetCheckResult } from './ruleset-check-core.ts';
import { reviveError, type SerializedError, startTsWorker, stopWorker } from './worker-thread.ts';

export type { RuleSetCheckResult } from './ruleset-check-core.ts';
export { checkRuleSetBounded, RULESET_CHECK_STEPS } from './ruleset-check-core.ts';

/** Options of `createRuleSetChecker`. */
export interface RuleSetCheckerOptions {
  /** How long one check may run in the worker before it is stopped (default 10 s). */
  timeoutMs?: number;
  /** How long the worker may take to start (load the engine through tsx; default 60 s). */
  startTimeoutMs?: number;
  /** Step budget of one check (default `RULESET_CHECK_STEPS`). */
  steps?: number;
  /** Checks waiting beyond this are refused with `ruleset.check_busy` (default 16). */
  maxQueue?: number;
}

/** Checks rule sets off the main thread, one at a time. */
export interface RuleSetChecker {
  /** Validates and checks `ruleSet`; rejects with `ruleset.check_timeout` (422) when it takes too long. */
  check(ruleSet: unknown): Promise<RuleSetCheckResult>;
  /** Stops the worker. */
  close(): Promise<void>;
}

interface Pending {
  id: number;
  ruleSet: unknown;
  resolve(result: RuleSetCheckResult): void;
  reject(error: unknown): void;
}

const failed = (reason: string) =>
  new RuleError(
    'ruleset.check_failed',
    {
      en: `The rule set could not be checked (${reason}).`,
      zh: `无法检查该规则集（${reason}）。`,
    },
    { details: { reason } },
  );

const timedOut = (ms: number) =>
  new RuleError(
    'ruleset.check_timeout',
    {
      en: `Checking the rule set took longer than ${ms} ms and was stopped. Its rules or embedded tests do too much work.`,
      zh: `规则集检查超过 ${ms} 毫秒，已被终止。其规则或内嵌测试的计算量过大。`,
    },
    { details: { timeoutMs: ms } },
  );

const revive = (error: SerializedError): Error => reviveError(error, ValidationError, failed);

/**
 * Starts a checker; the worker starts on first use and again after a timeout.
 * Long: a factory: its methods are short and share the one worker and its time-out in one closure.
 */
export function createRuleSetChecker(options: RuleSetCheckerOptions = {}): RuleSetChecker {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const steps = options.steps ?? RULESET_CHECK_STEPS;
  const maxQueue = options.maxQueue ?? 16;
  const queue: Pending[] = [];
  let worker: Worker | null = null;
  let ready = false;
  let current: Pending | null = null;
  let timer: NodeJS.Timeout | null = null;
  let nextId = 1;
  let closed = false;

  const clearTimer = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };

  const kill = () => {
    const w = worker;
    worker = null;
    ready = false;
    clearTimer();
    stopWorker(w);
  };

  const finish = (settle: (job: Pending) => void) => {
    const job = current;
    current = null;
    clearTimer();
    if (job) settle(job);
    pump();
  };

  /** The worker did not start: every waiting check fails (a later check starts a new worker). */
  const failAll = (error: Error) => {
    kill();
    const waiting = queue.splice(0);
    if (current) waiting.unshift(current);
    current = null;
    for (const job of waiting) job.reject(error);
  };

  const start = () => {
    const w = startTsWorker(new URL('./ruleset-check.worker.ts', import.meta.url));
    worker = w;
    ready = false;
    timer = setTimeout(() => failAll(failed('the checker did not start')), startTimeoutMs);
    w.on('message', (message: Record<string, unknown>) => {
      if (w !== worker) return;
      if (message.bootError !== undefined) {
        failAll(failed('the checker did not start'));
        return;
      }
      if (message.ready) {
        ready = true;
        clearTimer();
        pump();
        return;
      }
      if (current && message.id === current.id) {
        if (message.error) {
          const error = revive(message.error as SerializedError);
          finish((job) => job.reject(error));
        } else {
          const result = message.result as RuleSetCheckResult;
          finish((job) => job.resolve(result));
        }
      }
    });
    w.on('error', (error) => {
      if (w !== worker) return;
      if (!ready) return failAll(failed(error.message));
      kill();
      finish((job) => job.reject(failed(error.message)));
    });
    w.on('exit', () => {
      if (w !== worker) return;
      if (!ready) return failAll(failed('the checker stopped'));
      kill();
      finish((job) => job.reject(failed('the checker stopped')));
    });
  };

  const pump = () => {
    if (closed || current !== null || queue.length === 0) return;
    if (worker === null) {
      // The start timeout covers the jobs that wait; the first is taken once the worker is ready.
      start();
      return;
    }
    if (!ready) return;
    const job = queue.shift()!;
    current = job;
    worker.ref();
    timer = setTimeout(() => {
      kill();
      finish((j) => j.reject(timedOut(timeoutMs)));
    }, timeoutMs);
    worker.postMessage({ id: job.id, ruleSet: job.ruleSet, steps });
  };

  return {
    check(ruleSet) {
      if (closed) return Promise.reject(failed('the checker is closed'));
      if (queue.length >= maxQueue) {
        return Promise.reject(
          new RuleError('ruleset.check_busy', {
            en: 'Too many rule-set checks are waiting; try again shortly.',
            zh: '等待中的规则集检查过多，请稍后重试。',
          }),
        );
      }
      return new Promise<RuleSetCheckResult>((resolve, reject) => {
        queue.push({ id: nextId++, ruleSet, resolve, reject });
        pump();
      }).finally(() => {
        if (current === null && queue.length === 0) worker?.unref();
      });
    },
    async close() {
      closed = true;
      const waiting = queue.splice(0);
      for (const job of waiting) job.reject(failed('the checker is closed'));
      if (current) finish((job) => job.reject(failed('the checker is closed')));
      kill();
    },
  };
}

let shared: RuleSetChecker | null = null;

/** The process's checker (10 s timeout), started on first use; its worker does not keep the process alive. */
export function sharedRuleSetChecker(): RuleSetChecker {
  shared ??= createRuleSetChecker();
  return shared;
}
