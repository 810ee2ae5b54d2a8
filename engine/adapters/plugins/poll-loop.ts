/** @module A background loop on a timer, shared by the lease-holding workers (deadline check, plugin outbox): one tick at a time, the next `pollMs` after the last ends. */

/** A started/stoppable loop. */
export interface PollLoop {
  /** Starts ticking (no-op when running). */
  start(): void;
  /** Stops the timer and waits for the running tick. */
  stop(): Promise<void>;
}

/** Runs `tick` now and again `pollMs` after each one settles; a failing tick goes to `onError` and the loop goes on. */
export function createPollLoop(options: {
  tick: () => Promise<unknown>;
  pollMs: number;
  onError: (error: unknown) => void;
}): PollLoop {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<unknown> | null = null;
  let isStopped = true;
  const loop = () => {
    if (isStopped) return;
    running = options
      .tick()
      .catch(options.onError)
      .finally(() => {
        running = null;
        if (!isStopped) timer = setTimeout(loop, options.pollMs);
      });
  };
  return {
    start() {
      if (!isStopped) return;
      isStopped = false;
      loop();
    },
    async stop() {
      isStopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

/** The arguments of `acquireLease` for holding `name` for `leaseMs` from `now`. */
export function leaseRequest(name: string, owner: string, now: Date, leaseMs: number) {
  return { name, owner, now: now.toISOString(), expiresAt: new Date(now.getTime() + leaseMs).toISOString() };
}
