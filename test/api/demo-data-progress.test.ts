/**
 * @module The demo year of cases loads after the server listens; /api/health reports its progress
 * (cases, then months scored) so the studio can say so, and says nothing when no demo data loads.
 * A smaller demo (`BATON_DEMO_CASES=300`) keeps the run short; the load is the same code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/server.ts';

type Health = { status: string; demoData?: { isLoading: boolean; done: number; total: number } };

const health = async (server: RunningServer): Promise<Health> =>
  (await fetch(`${server.url}/api/health`)).json() as Promise<Health>;

describe('demo data progress in /api/health', () => {
  let demo: RunningServer;
  let plain: RunningServer;
  beforeAll(async () => {
    [demo, plain] = await Promise.all([startServer({ env: { BATON_DEMO_CASES: '300' } }), startServer()]);
  }, 240_000);
  afterAll(async () => {
    await Promise.all([demo?.stop(), plain?.stop()]);
  });

  it('reports the load while it runs and its steps advancing, then that it is done', async () => {
    const first = await health(demo);
    expect(first.status).toBe('ok');
    expect(first.demoData).toBeDefined();
    if (first.demoData!.isLoading) {
      const seen = [first.demoData!.done];
      // Progress moves on: a later answer has done more steps (or the load has finished).
      await expect
        .poll(
          async () => {
            const next = (await health(demo)).demoData!;
            seen.push(next.done);
            return !next.isLoading || next.done > seen[0]!;
          },
          { timeout: 120_000, interval: 1000 },
        )
        .toBe(true);
      const latest = (await health(demo)).demoData!;
      expect(latest.total).toBeGreaterThan(0);
      expect(latest.done).toBeLessThanOrEqual(latest.total);
    }
    await expect
      .poll(async () => (await health(demo)).demoData!.isLoading, { timeout: 400_000, interval: 2000 })
      .toBe(false);
    const done = (await health(demo)).demoData!;
    expect(done.total).toBeGreaterThan(0);
    expect(done.done).toBe(done.total);
  }, 600_000);

  it('says nothing about demo data when none loads', async () => {
    const answer = await health(plain);
    expect(answer.status).toBe('ok');
    expect(answer.demoData).toBeUndefined();
  });
});
