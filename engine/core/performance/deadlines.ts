/** @module Reporting deadlines of a period's forms: deadline, lock date and status on a day, which periods a leaf is due in, and the refusal of a month not open or locked. Pure: days are `YYYY-MM-DD` arguments. */
import { ConflictError, type LocalizedText, ValidationError } from '../errors.ts';
import { reportDeadline } from '../scoring/lights.ts';
import { type CompiledLeaf, monthOf, type ResolvedPolicy } from '../scoring/model.ts';

/** Deadline status of a period's form. */
export type FormStatus = 'notDue' | 'open' | 'dueSoon' | 'late' | 'locked';

/** The policy figures a deadline status is counted from (`assessmentPolicy.deadline`, defaults filled). */
export type DeadlinePolicy = Pick<ResolvedPolicy, 'deadlineDay' | 'lateGraceDays' | 'dueSoonDays'>;

/** A period's deadline, the day it locks and its status on a day. */
export interface DeadlineStatus {
  deadline: string;
  lockDate: string;
  status: FormStatus;
}

const t = (en: string, zh: string): LocalizedText => ({ en, zh });

/** The day `days` after (before, when negative) `iso` (`YYYY-MM-DD`). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from day `from` to day `to` (`YYYY-MM-DD`; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The last day (YYYY-MM-DD) of a period YYYY-MM. */
export function lastDayOf(period: string): string {
  const d = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 0));
  return d.toISOString().slice(0, 10);
}

/**
 * The day a report of `period` shows its lights as of: the period's last day, or `today` while the
 * period runs — so a month's report reads the same whenever it is opened after the month.
 */
export function reportDayOf(period: string, today: string): string {
  const end = lastDayOf(period);
  return today < end ? today : end;
}

/**
 * Deadline, lock date and status of a period's report on `today` (all `YYYY-MM-DD`): entries are
 * accepted, flagged late, for `lateGraceDays` after the deadline, then the period locks; the form
 * shows as due soon from `dueSoonDays` before the deadline.
 */
export function deadlineStatus(q: { period: string; policy: DeadlinePolicy; today: string }): DeadlineStatus {
  const { policy } = q;
  const deadline = reportDeadline({
    year: Number(q.period.slice(0, 4)),
    month: monthOf(q.period),
    day: policy.deadlineDay,
  });
  const lockDate = addDays(deadline, policy.lateGraceDays);
  let status: FormStatus;
  if (q.today < `${q.period}-01`) status = 'notDue';
  else if (q.today > lockDate) status = 'locked';
  else if (q.today > deadline) status = 'late';
  else if (q.today >= addDays(deadline, -policy.dueSoonDays)) status = 'dueSoon';
  else status = 'open';
  return { deadline, lockDate, status };
}

/** Whether a leaf reports in month `month` (1–12): monthly always, quarterly in quarter ends, yearly in December. */
export const isDueIn = (leaf: Pick<CompiledLeaf, 'period'>, month: number): boolean =>
  leaf.period === 'monthly' || (leaf.period === 'quarterly' ? month % 3 === 0 : month === 12);

/**
 * The deadline status of `period` on `today`, refusing a month not open yet (400 `ledger.not_open`)
 * or locked (409 `ledger.locked`: only an amendment changes it). Single entries and the monthly
 * form both write through it.
 */
export function requireOpenPeriod(q: {
  period: string;
  policy: DeadlinePolicy;
  today: string;
}): DeadlineStatus {
  const { period } = q;
  const result = deadlineStatus(q);
  const { deadline, lockDate, status } = result;
  if (status === 'locked')
    throw new ConflictError(
      'ledger.locked',
      t(
        `The ledger for ${period} was locked on ${lockDate} (deadline ${deadline}); request an amendment instead.`,
        `${period} 的台帐已于 ${lockDate} 锁定（截止日 ${deadline}），如需更正请提交更正申请。`,
      ),
      { details: { deadline, lockDate } },
    );
  if (status === 'notDue')
    throw new ValidationError(
      'ledger.not_open',
      t(`The form for ${period} opens on ${period}-01.`, `${period} 的表单自 ${period}-01 起开放填报。`),
      { path: '/period' },
    );
  return result;
}
