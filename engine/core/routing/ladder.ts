/**
 * @module The reminder → supervision ladder (催办 → 督办) of an SLA policy: which steps a case's running timers have reached at an instant and when the next ones fall due.
 *
 * A step is declared in the policy's `ladder`: at a fraction of the timer's budget (e.g. 催办 at 0.8,
 * 督办 level 1 at 1 = the deadline) or a duration after the deadline (督办 level 2 two working days
 * later), counted on the policy's clock. The deadline worker records each reached step once per timer
 * run (the step's `key`), so this module only says what is due; it keeps nothing.
 */
import type { SlaPolicy, SlaPolicyLadderStep } from '../../../schemas/types.gen.ts';
import type { TimerName } from '../workflow/case-state.ts';
import { instantMs } from '../workflow/case-state.ts';
import { addDuration, type CaseTimers, clockOf, measureTimer } from './sla.ts';

/** One step of the ladder as the SLA policy declares it. */
export type LadderStep = SlaPolicyLadderStep;

/** Where one step stands for one running timer. */
export interface LadderStepStatus {
  step: LadderStep;
  timer: TimerName;
  run: number;
  /** Once-only key of the step for this timer run: `ladder:<step>:<timer>:<run>`. */
  key: string;
  isDue: boolean;
  /** When the step falls due (local ISO of the calendar's zone); null once due. */
  dueAt: string | null;
}

/** The ladder steps of a policy (none when it declares no ladder). */
export function ladderOf(policy: SlaPolicy): LadderStep[] {
  return (policy.ladder ?? []).filter((s) => s.fraction !== undefined || s.afterDeadline !== undefined);
}

/**
 * Status of every ladder step whose timer is running at `at`: due or not, and when it will be.
 * Paused and stopped timers are skipped (a case on hold is neither reminded nor escalated).
 * Throws like `slaStatus` when the policy has no limits for the case's priority.
 */
export function ladderStatus(caseTimers: CaseTimers, at: string): LadderStepStatus[] {
  const atMs = instantMs(at);
  const clock = clockOf(caseTimers.policy);
  const out: LadderStepStatus[] = [];
  for (const step of ladderOf(caseTimers.policy)) {
    const timer = caseTimers.timers[step.timer];
    if (timer?.status !== 'running') continue;
    const m = measureTimer(caseTimers, timer, atMs);
    let dueMs: number;
    if (step.afterDeadline !== undefined)
      dueMs = addDuration(caseTimers.calendar, m.deadline, step.afterDeadline, clock);
    else if (step.fraction! >= 1) {
      // At and past the deadline the step follows the deadline itself (which keeps the time of day of
      // working-day limits), so 督办 at 1 never comes before the timer is overdue.
      const extra = (step.fraction! - 1) * m.budget;
      dueMs =
        extra === 0
          ? m.deadline
          : m.isCalendarTime
            ? m.deadline + extra * 60_000
            : caseTimers.calendar.addWorkingHours(m.deadline, extra / 60);
    } else {
      const minutes = step.fraction! * m.budget - m.elapsed;
      dueMs =
        minutes <= 0
          ? atMs
          : m.isCalendarTime
            ? atMs + minutes * 60_000
            : caseTimers.calendar.addWorkingHours(atMs, minutes / 60);
    }
    const isDue = atMs >= dueMs;
    out.push({
      step,
      timer: step.timer,
      run: timer.run,
      key: `ladder:${step.id}:${step.timer}:${timer.run}`,
      isDue,
      dueAt: isDue ? null : caseTimers.calendar.toLocalIso(dueMs),
    });
  }
  return out;
}
