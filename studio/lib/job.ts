/** @module Follows a long computation the server runs as a job (`GET /api/jobs/{id}`) until it is done or failed. */
import { request } from '../api/http.ts';

/** What a running job reports: work units done of total (0: not known yet) and the current stage. */
export interface JobProgress {
  done: number;
  total: number;
  stage?: { en: string; zh: string };
}

/** The part of a job view (`GET /api/jobs/{id}`) the pages read. */
export interface Job<T> {
  id: string;
  status: 'running' | 'done' | 'failed';
  progress: JobProgress;
  result: T | null;
  error: { code: string; message: string; text?: { en: string; zh: string } } | null;
}

/** Time between two looks at a running job. */
const POLL_MS = 250;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `job` until it stops running, telling `onProgress` each progress seen (the first at once); answers the finished job. */
export async function awaitJob<T>(job: Job<T>, onProgress: (progress: JobProgress) => void): Promise<Job<T>> {
  let current = job;
  onProgress(current.progress);
  while (current.status === 'running') {
    await sleep(POLL_MS);
    current = await request<Job<T>>('GET', `/api/jobs/${encodeURIComponent(current.id)}`);
    onProgress(current.progress);
  }
  return current;
}
