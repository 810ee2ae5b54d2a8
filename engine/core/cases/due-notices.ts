/** @module What the deadline worker finds due for a case at an instant: SLA warnings, overdue timers and reminder / supervision ladder steps. */
import type { CaseState } from '../workflow/index.ts';
import { ladderStatus, slaStatus } from '../routing/index.ts';
import { caseTimersOf, type ProjectionRules } from './projection.ts';

/** One thing the deadline worker found due for a case: a warning, an overdue timer or a ladder step (the app names its outbox topic). */
export interface DueNotice {
  /** Recorded once per case in the notices table, so restarts and several nodes do not repeat it. */
  key: string;
  type: 'slaWarning' | 'slaOverdue' | 'reminded' | 'escalated';
  payload: Record<string, unknown>;
  /** For `escalated`: the supervision level the case reaches. */
  level?: number;
}

/** SLA warnings and overdue timers of the running timers (thresholds default to 80 %). */
function slaNoticesOf(caseTimers: NonNullable<ReturnType<typeof caseTimersOf>>, now: string): DueNotice[] {
  const found: DueNotice[] = [];
  const thresholds = caseTimers.policy.warningThresholds ?? [0.8];
  for (const [timer, st] of Object.entries(slaStatus(caseTimers, now))) {
    if (st?.status !== 'running') continue;
    const base = { timer, run: st.run, deadline: st.deadline };
    if (!st.isOverdue)
      for (const threshold of thresholds.slice(0, st.warningLevel))
        found.push({
          key: `${timer}:${st.run}:warning:${threshold}`,
          type: 'slaWarning',
          payload: { ...base, threshold },
        });
    if (st.isOverdue)
      found.push({
        key: `${timer}:${st.run}:overdue`,
        type: 'slaOverdue',
        payload: base,
      });
  }
  return found;
}

/** Due steps of the policy's reminder → supervision ladder. */
function ladderNoticesOf(caseTimers: NonNullable<ReturnType<typeof caseTimersOf>>, now: string): DueNotice[] {
  const status = slaStatus(caseTimers, now);
  const found: DueNotice[] = [];
  for (const l of ladderStatus(caseTimers, now)) {
    if (!l.isDue) continue;
    const payload = {
      step: l.step.id,
      timer: l.timer,
      run: l.run,
      deadline: status[l.timer]?.deadline ?? null,
      ...(l.step.label ? { label: l.step.label } : {}),
    };
    if (l.step.action === 'remind') found.push({ key: l.key, type: 'reminded', payload });
    else
      found.push({
        key: l.key,
        type: 'escalated',
        payload: { ...payload, level: l.step.level ?? 1 },
        level: l.step.level ?? 1,
      });
  }
  return found;
}

/** Everything due for an open case with an SLA policy at `now`; nothing for closed cases. */
export function dueNoticesOf(
  rules: ProjectionRules,
  input: { state: CaseState; slaPolicyId: string | null },
  now: string,
): DueNotice[] {
  if (rules.workflow.finals.has(input.state.state)) return [];
  const caseTimers = caseTimersOf(rules, input.state, input.slaPolicyId);
  if (!caseTimers) return [];
  return [...slaNoticesOf(caseTimers, now), ...ladderNoticesOf(caseTimers, now)];
}
