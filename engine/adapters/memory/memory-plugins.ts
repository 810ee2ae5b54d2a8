/** @module In-memory outbox and intake-request repositories for MemoryStore (same contract as the libSQL ones). */
import type { IntakeRequest, IntakeRequestRepository } from '../../ports/case-intake.ts';
import type { OutboxEventInput, OutboxRepository } from '../../ports/outbox.ts';
import { systemClock } from '../clock/clock.ts';

/** The part of the memory state these repositories own. */
export interface PluginMemoryState {
  outbox: Array<OutboxEventInput & { id: number; createdAt: string }>;
  intakeRequests: IntakeRequest[];
}

/** Empty plugin state. */
export const emptyPluginMemoryState = (): PluginMemoryState => ({ outbox: [], intakeRequests: [] });

/** Outbox and intake repositories over `state()`, writing through `write`. */
export function createMemoryPluginRepositories(
  state: () => PluginMemoryState,
  write: <T>(task: () => Promise<T>) => Promise<T>,
): { outbox: OutboxRepository; intakeRequests: IntakeRequestRepository } {
  const copy = <T>(value: T): T => structuredClone(value);
  return {
    outbox: {
      append: (event) =>
        write(async () => {
          const isDuplicate =
            event.key != null && state().outbox.some((e) => e.topic === event.topic && e.key === event.key);
          if (isDuplicate) return false;
          const createdAt = event.createdAt ?? systemClock.now().toISOString();
          state().outbox.push({ ...copy(event), createdAt, id: state().outbox.length + 1 });
          return true;
        }),
    },
    intakeRequests: {
      findByExternalId: async (channel, externalId) =>
        copy(
          state().intakeRequests.find((r) => r.channel === channel && r.externalId === externalId) ?? null,
        ),
      insert: (request) =>
        write(async () => {
          const isTaken = state().intakeRequests.some(
            (r) =>
              r.id === request.id ||
              r.caseNumber === request.caseNumber ||
              (r.channel === request.channel && r.externalId === request.externalId),
          );
          if (isTaken) throw new Error('duplicate intake request');
          state().intakeRequests.push(copy(request));
        }),
      list: async () => state().intakeRequests.map(copy),
      count: async () => state().intakeRequests.length,
    },
  };
}
