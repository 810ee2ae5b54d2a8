/** @module Worker thread entry: checks posted rule sets off the event loop (loaded through tsx by `ruleset-check.ts`). */
import { parentPort } from 'node:worker_threads';
import { checkRuleSetBounded } from './ruleset-check-core.ts';
import { serializeError } from './worker-thread.ts';

/** A job from the main thread. */
interface Job {
  id: number;
  ruleSet: unknown;
  steps: number;
}

parentPort!.on('message', (job: Job) => {
  try {
    parentPort!.postMessage({ id: job.id, result: checkRuleSetBounded(job.ruleSet, job.steps) });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: serializeError(error) });
  }
});
// Warm up (schema compilation, first calls) before taking jobs, so a job's timeout measures the
// job and not the start.
try {
  checkRuleSetBounded({});
} catch {
  // An empty object only yields issues; nothing to report.
}
parentPort!.postMessage({ ready: true });
