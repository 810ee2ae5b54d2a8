/** @module Queue filters of the case consoles: the SLA lights offered (statuses and channels come from the workflow in force, case-workflow.ts) and the list query they make. */
import type { CaseQuery } from '../../api/cases.ts';

/** SLA lights a queue can be filtered by, most urgent first. */
export const slaLights = ['overdue', 'red', 'yellow', 'green', 'none'] as const;

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
