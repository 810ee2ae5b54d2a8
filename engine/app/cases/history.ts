/** @module The stored event records of a case: core events for replay, records of new events, and who they name as actor. */
import type { CaseEvent } from '../../core/workflow/index.ts';
import type { CaseEventActor, CaseEventRecord } from '../../ports/cases.ts';
import type { Actor } from '../permissions.ts';

const CORE_EVENTS = new Set([
  'caseOpened',
  'transitioned',
  'assigned',
  'timerStarted',
  'timerStopped',
  'timerPaused',
  'timerResumed',
  'timerExtended',
  'escalated',
  'flagSet',
  'assistRecorded',
  'linked',
]);

/** The core events of a stored history (deadline notices left out), for replay and metrics. */
export function coreEventsOf(events: readonly CaseEventRecord[]): CaseEvent[] {
  return events.filter((e) => CORE_EVENTS.has(e.type)).map((e) => e.payload as unknown as CaseEvent);
}

/** Event records of `events` numbered from `firstSeq`; the actor is named on the opening and on transitions. */
export function toRecords(
  caseId: string,
  firstSeq: number,
  events: readonly CaseEvent[],
  actor: CaseEventActor | null,
): CaseEventRecord[] {
  return events.map((event, i) => ({
    caseId,
    seq: firstSeq + i,
    type: event.type,
    actor: event.type === 'transitioned' ? actor : i === 0 && event.type === 'caseOpened' ? actor : null,
    at: event.at,
    payload: event as unknown as Record<string, unknown>,
  }));
}

/** The actor an event records: the caller, else the citizen or the system acting in `role`. */
export const eventActorOf = (actor: Actor | null, role: string): CaseEventActor =>
  actor
    ? { username: actor.username, role, unitId: actor.unitId }
    : { username: role === 'citizen' ? 'citizen' : 'system', role, unitId: null };
