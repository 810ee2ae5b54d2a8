/** @module runDeadlineCheck: the deadline worker's pass over cases whose next check is due (SLA notices and the reminder → supervision ladder). */
import { type DueNotice, dueNoticesOf } from '../../core/cases/due-notices.ts';
import { laterCheck } from '../../core/cases/projection.ts';
import { applyCaseEvent, type CaseEvent } from '../../core/workflow/index.ts';
import type { CaseEventRecord, CaseRecord } from '../../ports/cases.ts';
import type { Repositories } from '../../ports/store.ts';
import type { AppDeps } from '../context.ts';
import { enqueueOutbox } from '../outbox.ts';
import { type CaseRules, rulesOfCase } from './rules.ts';
import { projectRecord } from './view.ts';

/** The outbox event each kind of notice emits. */
const OUTBOX_OF: Record<DueNotice['type'], { topic: string }> = {
  slaWarning: { topic: 'case.sla.warning' },
  slaOverdue: { topic: 'case.sla.overdue' },
  reminded: { topic: 'case.reminded' },
  escalated: { topic: 'case.supervised' },
};

/** Records the notices not recorded yet (events, outbox) and reschedules the case; answers how many were written. */
async function recordNotices(
  tx: Repositories,
  input: { rules: CaseRules; record: CaseRecord; found: DueNotice[]; now: string },
): Promise<number> {
  const { rules, record, found, now } = input;
  const fresh = await tx.cases.get(record.id);
  if (!fresh || fresh.eventCount !== record.eventCount) return 0;
  const events: CaseEventRecord[] = [];
  let state = record.state;
  for (const f of found) {
    if (!(await tx.cases.recordNotice(record.id, f.key, now))) continue;
    const seq = record.eventCount + events.length + 1;
    if (f.type === 'escalated') {
      // A core event: the case's supervision level rises, as a supervisor's 督办 would raise it.
      const event: CaseEvent = {
        type: 'escalated',
        caseId: record.id,
        at: now,
        level: f.level!,
        step: String(f.payload.step),
      };
      state = applyCaseEvent(state, event);
      events.push({
        caseId: record.id,
        seq,
        type: 'escalated',
        actor: null,
        at: now,
        payload: { ...f.payload, ...event } as unknown as Record<string, unknown>,
      });
    } else events.push({ caseId: record.id, seq, type: f.type, actor: null, at: now, payload: f.payload });
    await enqueueOutbox(tx, {
      topic: OUTBOX_OF[f.type].topic,
      key: `${record.id}:${f.key}`,
      createdAt: now,
      payload: { caseId: record.id, caseNumber: record.number, leadUnitId: record.leadUnitId, ...f.payload },
    });
  }
  await tx.cases.appendEvents(events);
  const projected = projectRecord(rules, record, state, now);
  // Only future instants are scheduled; reached ones are now recorded.
  const next = projected.nextCheckAt !== null && projected.nextCheckAt > now ? projected.nextCheckAt : null;
  const futureNext = next ?? laterCheck(rules, { state, slaPolicyId: record.slaPolicyId }, now);
  await tx.cases.update(
    {
      ...projected,
      eventCount: record.eventCount + events.length,
      nextCheckAt: futureNext,
      updatedAt: record.updatedAt,
    },
    record.eventCount,
  );
  return events.length;
}

/**
 * Deadline check (run by the deadline worker under a lease): for each case whose next check is due,
 * emits `slaWarning` / `slaOverdue` case events and `case.sla.warning` / `case.sla.overdue` outbox
 * events once each per timer run and threshold, and runs the SLA policy's reminder → supervision
 * ladder: a `remind` step appends a `reminded` event (outbox `case.reminded`), a `supervise` step an
 * `escalated` event with its level (the case's supervision level rises; outbox `case.supervised`).
 * Each is recorded once in the notices table, so restarts and several nodes do not repeat them; then
 * the next check is scheduled.
 */
export async function runDeadlineCheck(
  deps: AppDeps,
  input: { limit?: number } = {},
): Promise<{ checked: number; notices: number }> {
  const now = deps.clock.now().toISOString();
  const due = await deps.store.cases.dueForCheck(now, input.limit ?? 200);
  let notices = 0;
  for (const record of due) {
    const rules = await rulesOfCase(deps, record);
    const found = dueNoticesOf(rules, { state: record.state, slaPolicyId: record.slaPolicyId }, now);
    notices += await deps.store.transaction((tx) => recordNotices(tx, { rules, record, found, now }));
  }
  return { checked: due.length, notices };
}
