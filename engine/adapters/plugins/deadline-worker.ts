/** @module Deadline worker: runs the case deadline check every few seconds on the one node holding the `case-deadlines` lease. */
import type { Operations } from '../../app/operations.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import type { LibsqlPluginStore } from '../db/plugin-store.ts';
import { createPollLoop, leaseRequest } from './poll-loop.ts';

/** A started/stoppable background loop. */
export interface DeadlineWorker {
  start(): void;
  stop(): Promise<void>;
  /** One pass (also used by tests): takes the lease, then checks due cases. */
  tick(): Promise<{ checked: number; notices: number } | null>;
}

/**
 * Creates the worker. Notices are recorded once per case, timer run and threshold in the database,
 * so a restart or a lease moving to another node never repeats one.
 */
export function createDeadlineWorker(options: {
  ops: Operations;
  leases: Pick<LibsqlPluginStore, 'acquireLease'>;
  clock: Clock;
  logger: Logger;
  owner: string;
  pollMs?: number;
  leaseMs?: number;
}): DeadlineWorker {
  const pollMs = options.pollMs ?? 15_000;
  const leaseMs = options.leaseMs ?? 60_000;
  const tick = async () => {
    const held = await options.leases.acquireLease(
      leaseRequest('case-deadlines', options.owner, options.clock.now(), leaseMs),
    );
    if (!held) return null;
    return options.ops.runDeadlineCheck({ limit: 500 });
  };
  const loop = createPollLoop({
    tick,
    pollMs,
    onError: (error) => options.logger.error('deadline check failed', { error: String(error) }),
  });
  return { start: loop.start, stop: loop.stop, tick };
}
