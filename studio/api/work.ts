/** @module HTTP client of the signed-in user's work queues (GET /api/me/work). */
import type { GetApiMeWorkResponse } from './types.gen.ts';
import { request } from './http.ts';

/** Text in both languages. */
export type WorkText = WorkItem['title'];

/** One thing to do, with the studio route that opens it. */
export type WorkItem = WorkQueue['items'][number];

/** One queue of a role's work. */
export type WorkQueue = MyWork['queues'][number];

/** The caller's work as of the server's clock. */
export type MyWork = GetApiMeWorkResponse;

/** The work endpoint the home page uses. */
export const workApi = {
  mine: (): Promise<MyWork> => request<MyWork>('GET', '/api/me/work'),
};
