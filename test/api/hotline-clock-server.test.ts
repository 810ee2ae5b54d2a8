/** @module The emergency clock against the real server process (`node bin/start.js`, BATON_NOW set): a gas leak received Friday 17:00 before the 清明 holidays must be signed for by 17:30, and the deadline worker escalates it once it is overdue. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInCaller } from '../support/live-session.ts';
import { type RunningServer, startServer } from '../support/server.ts';

// Friday 3 April 2026, 17:00 in the district; 4–6 April are the 清明 holidays.
const FRIDAY_17 = '2026-04-03T17:00:00+08:00';

// One database for both runs: time moves by restarting the server with a later BATON_NOW.
const dataDir = mkdtempSync(join(tmpdir(), 'baton-hotline-'));
const sameDatabase = { BATON_DB_URL: `file:${join(dataDir, 'baton.db')}` };
let server: RunningServer;
let passwords: Record<string, string> = {};
beforeAll(async () => {
  server = await startServer({ env: { ...sameDatabase, BATON_NOW: FRIDAY_17 } });
  passwords = server.passwords;
}, 180_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const signIn = (username: string) => signedInCaller(server.url, username, passwords[username]);

let caseId = '';

describe('emergency clock on the real server', () => {
  it('counts a gas leak 24×7: sign-for due Friday 17:30, handling due Saturday 17:00, not Tuesday', async () => {
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { now: string };
    expect(Date.parse(health.now) - Date.parse(FRIDAY_17)).toBeLessThan(5 * 60_000);
    const call = await signIn('dispatcher');
    const received = await call('/api/cases', {
      channel: 'hotline',
      category: 'utilities.gas',
      text: '楼道里燃气泄漏，气味很浓',
      data: { smellGas: true },
      receivedAt: FRIDAY_17,
    });
    expect(received.status, JSON.stringify(received.body)).toBe(201);
    const id = received.body.case.id;
    caseId = id;
    expect(received.body.case).toMatchObject({ slaPolicyId: 'sla-urgent', priority: 'urgent' });
    // The dispatcher dispatches at once (the process clock has moved on by seconds, not by office hours).
    const dispatched = await call(`/api/cases/${id}/actions/dispatch`, { input: {} });
    expect(dispatched.status, JSON.stringify(dispatched.body)).toBe(200);
    const timers = dispatched.body.case.timers;
    const minutesAfter = (iso: string, from: string) => (Date.parse(iso) - Date.parse(from)) / 60_000;
    const dispatchedAt = timers.accept.startedAt;
    expect(minutesAfter(dispatchedAt, FRIDAY_17)).toBeLessThan(5);
    expect(minutesAfter(timers.accept.deadline, dispatchedAt)).toBeCloseTo(30, 1);
    expect(timers.accept.deadline.startsWith('2026-04-03T17:3')).toBe(true);
    expect(minutesAfter(timers.handle.deadline, dispatchedAt)).toBeCloseTo(24 * 60, 1);
  });

  it('reminds and supervises the overdue gas leak after a restart on Saturday evening, once each', async () => {
    expect(caseId).not.toBe('');
    await server.stop();
    server = await startServer({ env: { ...sameDatabase, BATON_NOW: '2026-04-04T17:30:00+08:00' } });
    const call = await signIn('supervisor');
    const ladder = async () =>
      ((await call(`/api/cases/${caseId}`)).body.history as any[])
        .filter((e) => e.type === 'reminded' || e.type === 'escalated')
        .map((e) => `${e.type}:${e.payload.step}`);
    // The deadline worker runs every few seconds on the restarted node.
    const deadline = Date.now() + 30_000;
    while ((await ladder()).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    expect(await ladder()).toEqual(['reminded:remind', 'escalated:supervise-1']);
    const detail = (await call(`/api/cases/${caseId}`)).body;
    expect(detail).toMatchObject({ supervisionLevel: 1, slaLight: 'overdue' });
    // Supervision level 2 comes one natural day after the deadline: not yet.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await ladder()).toEqual(['reminded:remind', 'escalated:supervise-1']);
  }, 120_000);
});
