/** @module The background recompute queue: batches in order, pending state per (rule set, period, unit), waits, reservations, retries. */
import { describe, expect, it } from 'vitest';
import { type RecomputeJob, RecomputeQueue } from '../../../engine/app/recompute-queue.ts';

const job = (id: string, unitId = 'u1', period = '2026-11'): RecomputeJob<string> => ({
  id,
  key: `rs@1|${unitId}|${period}`,
  ruleSetId: 'rs',
  unitId,
  period,
  input: id,
});

describe('RecomputeQueue', () => {
  it('hands jobs over oldest first, in one batch when they arrive together, and clears their pending state once processed', async () => {
    const batches: string[][] = [];
    const queue = new RecomputeQueue<string, number>({
      process: async (jobs) => {
        batches.push(jobs.map((j) => j.id));
        return new Map(jobs.map((j, i) => [j.id, i]));
      },
    });
    const a = queue.enqueue(job('a'));
    const b = queue.enqueue(job('b', 'u2'));
    queue.enqueue(job('c', 'u1', '2026-10'));
    expect([...queue.pendingUnits('rs', '2026-11')].sort()).toEqual(['u1', 'u2']);
    expect(queue.hasPending('rs')).toBe(true);
    expect(queue.has('b')).toBe(true);
    // Waiters registered before the batch runs get each job's result.
    const [resultA, resultB] = await Promise.all([queue.waitFor('a', a), queue.waitFor('b', b)]);
    expect([resultA, resultB]).toEqual([0, 1]);
    // Asked after the job is done, there is nothing to wait for and no result.
    expect(await queue.waitFor('a', a)).toBeUndefined();
    await queue.settled();
    expect(batches).toEqual([['a', 'b', 'c']]);
    expect(queue.pendingUnits('rs', '2026-11').size).toBe(0);
    expect(queue.hasPending('rs')).toBe(false);
    expect(queue.has('b')).toBe(false);
  });

  it('settles a fresh read only after every job queued before it, including those queued while a batch runs', async () => {
    let release: () => void = () => {};
    const order: string[] = [];
    const queue = new RecomputeQueue<string>({
      process: async (jobs) => {
        if (jobs[0]!.id === 'first') await new Promise<void>((resolve) => (release = resolve));
        order.push(...jobs.map((j) => j.id));
        return new Map();
      },
    });
    queue.enqueue(job('first'));
    await new Promise((resolve) => setImmediate(resolve));
    queue.enqueue(job('second'));
    let isSettled = false;
    const settled = queue.settled().then(() => {
      isSettled = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(isSettled).toBe(false);
    release();
    await settled;
    expect(order).toEqual(['first', 'second']);
  });

  it('keeps a reserved input out of the pending state until it is queued, and forgets a released one', async () => {
    const queue = new RecomputeQueue<string>({ process: async () => new Map() });
    queue.reserve('r');
    expect(queue.has('r')).toBe(true);
    expect(queue.hasPending('rs')).toBe(false);
    queue.release('r');
    expect(queue.has('r')).toBe(false);
    await queue.settled();
  });

  it('retries a failed batch and gives it up after the last attempt (left to the restart recompute)', async () => {
    let attempts = 0;
    const errors: unknown[] = [];
    const queue = new RecomputeQueue<string, string>({
      process: async () => {
        attempts++;
        throw new Error('disk full');
      },
      onError: (error) => errors.push(error),
      maxAttempts: 3,
    });
    const seq = queue.enqueue(job('x'));
    expect(await queue.waitFor('x', seq)).toBeUndefined();
    expect(attempts).toBe(3);
    expect(errors).toHaveLength(3);
    expect(queue.hasPending('rs')).toBe(false);
  });

  it('recovers after a failure: the retried batch succeeds and answers its waiters', async () => {
    let attempts = 0;
    const queue = new RecomputeQueue<string, string>({
      process: async (jobs) => {
        attempts++;
        if (attempts === 1) throw new Error('busy');
        return new Map(jobs.map((j) => [j.id, `done ${j.id}`]));
      },
    });
    const seq = queue.enqueue(job('y'));
    expect(await queue.waitFor('y', seq)).toBe('done y');
    expect(attempts).toBe(2);
  });

  it('does not queue the same input twice', async () => {
    const seen: string[] = [];
    const queue = new RecomputeQueue<string>({
      process: async (jobs) => {
        seen.push(...jobs.map((j) => j.id));
        return new Map();
      },
    });
    queue.enqueue(job('d'));
    queue.enqueue(job('d'));
    await queue.settled();
    expect(seen).toEqual(['d']);
  });
});
