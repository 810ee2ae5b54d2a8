/**
 * @module Which month the dashboard shows: the latest month whose reporting deadline has passed, from
 * the server's today and the deadline policy of the published assessment versions (the timeline), or
 * the month the user picked; with the deadline of the shown month so the page can say whether its
 * data is complete.
 */
import { createMemo, createResource, createSignal } from 'solid-js';
import { type DeadlinePolicy, latestClosedMonth, nextMonth, previousMonth } from '../dashboard-model.ts';
import { dashboardApi, publishedVersion } from '../../../api/performance-dashboard.ts';

/** What the server says about time and deadlines. */
export interface MonthContext {
  /** The server's today in the district (`YYYY-MM-DD`). */
  today: string;
  policies: DeadlinePolicy[];
  /** The latest month whose deadline passed, or null. */
  closed: { month: string; deadline: string } | null;
}

/** Reads the timeline and the deadline policy of each assessment version of the last two years. */
export async function loadMonthContext(): Promise<MonthContext> {
  const timeline = await dashboardApi.timeline();
  const today = timeline.at;
  const since = `${Number(today.slice(0, 4)) - 2}${today.slice(4)}`;
  const relevant = timeline.items.filter(
    (v) => v.carries.includes('assessment') && v.effectiveFrom <= today && v.effectiveTo >= since,
  );
  const policies = await Promise.all(
    relevant.map(async (v): Promise<DeadlinePolicy> => {
      const version = await publishedVersion(v.ruleSetId, v.number);
      const policy = version.content.documents.find((d) => d.kind === 'assessmentPolicy') as
        | { deadline?: { dayOfNextMonth?: number } }
        | undefined;
      return {
        effectiveFrom: v.effectiveFrom,
        effectiveTo: v.effectiveTo,
        dayOfNextMonth: policy?.deadline?.dayOfNextMonth ?? 15,
      };
    }),
  );
  return { today, policies, closed: latestClosedMonth({ today, policies }) };
}

/** The deadline of a month's data under the policies (null when no version covers the month). */
export const deadlineOf = (month: string, policies: readonly DeadlinePolicy[]): string | null => {
  const first = `${month}-01`;
  const policy = policies.find((p) => p.effectiveFrom <= first && first <= p.effectiveTo);
  return policy ? `${nextMonth(month)}-${String(policy.dayOfNextMonth).padStart(2, '0')}` : null;
};

/**
 * The shown month as signals: the picked one, else the latest closed one (else last month). With
 * `isNeeded` false (a month already named, e.g. in the address) the deadline policy is not read.
 */
export function createDashboardMonth(isNeeded: () => boolean = () => true) {
  const [picked, setPicked] = createSignal('');
  const [context] = createResource(() => isNeeded() || false, loadMonthContext);
  const month = createMemo(() => {
    if (picked()) return picked();
    const c = context();
    if (!c) return '';
    return c.closed?.month ?? previousMonth(c.today);
  });
  const deadline = () => {
    const c = context();
    return c && month() ? deadlineOf(month(), c.policies) : null;
  };
  /** Whether the shown month's deadline has passed (its data is complete). */
  const isClosed = () => {
    const d = deadline();
    const c = context();
    return d !== null && c !== undefined && d < c.today;
  };
  return { picked, setPicked, context, month, deadline, isClosed, today: () => context()?.today ?? '' };
}
