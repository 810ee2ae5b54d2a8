/** @module HTTP client of the signed-in user's work queues (GET /api/me/work). */
import { request } from './http.ts';

/** Text in both languages. */
export interface WorkText {
  en: string;
  zh: string;
}

/** One thing to do, with the studio route that opens it. */
export interface WorkItem {
  key: string;
  title: WorkText;
  detail: WorkText | null;
  unit: { id: string; name: string } | null;
  category: WorkText | null;
  state: WorkText | null;
  period: string | null;
  deadline: string | null;
  /** Whole district days to the deadline; negative when overdue. */
  daysLeft: number | null;
  waitingDays: number | null;
  tone: 'overdue' | 'urgent' | 'normal';
  counts: { empty: number; total: number } | null;
  link: string;
}

/** One queue of a role's work. */
export interface WorkQueue {
  id: string;
  label: WorkText;
  link: string;
  total: number;
  items: WorkItem[];
}

/** The caller's work as of the server's clock. */
export interface MyWork {
  now: string;
  today: string;
  unit: { id: string; name: string } | null;
  queues: WorkQueue[];
}

/** The work endpoint the home page uses. */
export const workApi = {
  mine: (): Promise<MyWork> => request<MyWork>('GET', '/api/me/work'),
};
