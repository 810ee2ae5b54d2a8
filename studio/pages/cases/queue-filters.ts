/** @module Queue filters of the case consoles: the values offered (docs/api-cases.md) and the list query they make. */
import type { CaseQuery } from '../../cases-api.ts';

/** SLA lights a queue can be filtered by, most urgent first. */
export const slaLights = ['overdue', 'red', 'yellow', 'green', 'none'] as const;

/** Workflow states of the 2026 workflow, in the order a case passes them. */
export const caseStatuses = [
  'registered',
  'pendingDispatch',
  'dispatched',
  'returned',
  'handling',
  'extensionRequested',
  'handled',
  'replied',
  'verified',
  'notified',
  'reviewPending',
  'rated',
  'closed',
  'rejected',
] as const;

/** Intake channels (canonical codes). */
export const caseChannels = [
  'hotline',
  'web',
  'app',
  'wechat',
  'community',
  'cityTransfer',
  'grid',
  'deputy',
  'police110',
  'approval',
] as const;

/** The filter selects of a queue; '' means any. */
export interface QueueFilters {
  slaLight: string;
  status: string;
  channel: string;
  category: string;
}

/** No filter set. */
export const noFilters: QueueFilters = { slaLight: '', status: '', channel: '', category: '' };

/** The list query of a queue with its search text and filters; empty ones are left out. */
export const queueQuery = (input: {
  queue: NonNullable<CaseQuery['queue']>;
  search: string;
  filters: QueueFilters;
}): CaseQuery => {
  const query: CaseQuery = { queue: input.queue, limit: 200 };
  const q = input.search.trim();
  if (q) query.q = q;
  for (const key of ['slaLight', 'status', 'channel', 'category'] as const) {
    if (input.filters[key]) query[key] = input.filters[key];
  }
  return query;
};
