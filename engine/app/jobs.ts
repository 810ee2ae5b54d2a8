/** @module Long-running operations (what-if runs) as jobs with progress, so a request answers at once and the studio can poll. */
import type { GetApiJobsIdResponse } from '../../schemas/api-types.gen.ts';
import { BatonError, NotFoundError } from '../core/errors.ts';
import type { AppDeps } from './context.ts';

/** What a job reports while it runs. */
export type JobProgress = GetApiJobsIdResponse['progress'];

/** A job as the API shows it (`GET /api/jobs/{id}`), with the result of its kind. */
export type JobView<T = unknown> = Omit<GetApiJobsIdResponse, 'result'> & { result: T | null };

const jobs = new Map<string, JobView>();
const MAX_KEPT = 50;

/** Yields to the event loop so other requests run between chunks of a long computation. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Starts `work` as a job and returns its view at once. `work` reports progress through the
 * callback and should `await yieldToLoop()` between chunks. Jobs live in this process's memory
 * (the last 50 are kept); they are results of a computation that can be run again, not data.
 */
export function startJob<T>(
  deps: Pick<AppDeps, 'clock' | 'ids'>,
  input: {
    kind: string;
    startedBy: string;
    work: (report: (progress: JobProgress) => void) => Promise<T>;
  },
): JobView<T> {
  const job: JobView<T> = {
    id: deps.ids.newId('job'),
    kind: input.kind,
    status: 'running',
    startedBy: input.startedBy,
    startedAt: deps.clock.now().toISOString(),
    finishedAt: null,
    progress: { done: 0, total: 0 },
    result: null,
    error: null,
  };
  jobs.set(job.id, job as JobView);
  while (jobs.size > MAX_KEPT) {
    const oldest = jobs.keys().next().value as string;
    jobs.delete(oldest);
  }
  void (async () => {
    try {
      const result = await input.work((progress) => {
        job.progress = { ...progress };
      });
      job.result = result;
      job.status = 'done';
      job.progress = { ...job.progress, done: job.progress.total || job.progress.done };
    } catch (error) {
      job.status = 'failed';
      job.error =
        error instanceof BatonError
          ? { code: error.code, message: error.message, text: error.text }
          : { code: 'job.failed', message: 'The computation failed. / 计算失败。' };
    } finally {
      job.finishedAt = deps.clock.now().toISOString();
    }
  })();
  return job;
}

/** One job by id; 404 `job.not_found` when unknown (or forgotten). */
export function getJob(id: string): JobView {
  const job = jobs.get(id);
  if (!job)
    throw new NotFoundError('job.not_found', {
      en: `No job "${id}" (jobs are kept in memory for a while only).`,
      zh: `没有编号为“${id}”的计算任务（任务只在内存中保留一段时间）。`,
    });
  return job;
}
