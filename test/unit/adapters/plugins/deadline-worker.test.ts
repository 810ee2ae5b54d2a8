/** @module Deadline worker: one lease holder at a time, and SLA warnings / overdue notices emitted exactly once across a restart. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScryptHasher, nodeTokens, uuidIds } from '../../../../engine/adapters/crypto/node-crypto.ts';
import { type LibsqlStore, openStore } from '../../../../engine/adapters/db/libsql-store.ts';
import { LibsqlPluginStore } from '../../../../engine/adapters/db/plugin-store.ts';
import { createJsonLogger } from '../../../../engine/adapters/log/json-logger.ts';
import { createDeadlineWorker } from '../../../../engine/adapters/plugins/deadline-worker.ts';
import { DEFAULT_AUTH_SETTINGS } from '../../../../engine/app/context.ts';
import { createOperations, type Operations } from '../../../../engine/app/operations.ts';
import type { Actor } from '../../../../engine/app/permissions.ts';
import { demoUnits, fakeClock } from '../../../support/api-app.ts';

const root = join(import.meta.dirname, '../../../..');
const read = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as unknown;
const MINUTE = 60_000;

const dispatcher: Actor = {
  kind: 'user',
  id: 'usr-dispatcher',
  username: 'dispatcher',
  displayName: 'Dispatcher',
  roles: ['dispatcher'],
  unitId: null,
};

const dir = mkdtempSync(join(tmpdir(), 'baton-deadlines-'));
const url = `file:${join(dir, 'baton.db')}`;
// Monday 2026-05-11 09:00 district time.
const clock = fakeClock('2026-05-11T01:00:00.000Z');
const logs: string[] = [];
let store: LibsqlStore;

function node(s: LibsqlStore): { ops: Operations; leases: LibsqlPluginStore } {
  const ops = createOperations({
    store: s,
    clock,
    ids: uuidIds,
    hasher: createScryptHasher({ N: 1024, r: 8, p: 1, keyLength: 32, saltLength: 16 }),
    tokens: nodeTokens,
    auth: DEFAULT_AUTH_SETTINGS,
  });
  return { ops, leases: new LibsqlPluginStore(s) };
}

const worker = (n: ReturnType<typeof node>, owner: string) =>
  createDeadlineWorker({
    ops: n.ops,
    leases: n.leases,
    clock,
    logger: createJsonLogger((line) => logs.push(line)),
    owner,
    leaseMs: MINUTE,
  });

async function notices(s: LibsqlStore, caseId: string) {
  const rows = await s.read(
    "SELECT topic, dedupe_key FROM outbox WHERE topic LIKE 'case.sla.%' AND dedupe_key LIKE ? ORDER BY id",
    [`${caseId}:%`],
  );
  return rows.map((r) => ({ topic: String(r.topic), key: String(r.dedupe_key) }));
}

let caseId = '';

beforeAll(async () => {
  store = await openStore(url);
  const { ops } = node(store);
  await ops.seedDemo({
    units: demoUnits(),
    ruleSets: [read('seeds/rulesets/district-2026-full.json'), read('seeds/rulesets/cases-2026.json')],
    calendars: [read('seeds/calendars/cn-2026.json')],
  });
  const { case: opened } = await ops.intakeCase({
    actor: dispatcher,
    channel: 'hotline',
    category: 'education.school',
    text: '学校门口道路积水严重，学生上学不便',
  });
  caseId = opened.id;
  await ops.performCaseAction({ actor: dispatcher, id: caseId, action: 'dispatch' });
}, 120_000);

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('deadline worker', () => {
  it('lets only the lease holder check deadlines until the lease expires', async () => {
    const a = worker(node(store), 'node-a');
    const b = worker(node(store), 'node-b');
    expect(await a.tick()).not.toBeNull();
    expect(await b.tick()).toBeNull();
    clock.advance(MINUTE / 2);
    // The holder renews; the other node still waits.
    expect(await a.tick()).not.toBeNull();
    expect(await b.tick()).toBeNull();
    expect(await new LibsqlPluginStore(store).leaseOf('case-deadlines')).toMatchObject({ owner: 'node-a' });
  });

  it('emits each warning and overdue notice exactly once across a restart', async () => {
    const a = worker(node(store), 'node-a');
    // Within the 4-working-hour sign-for limit, past its warning threshold.
    clock.advance(3 * 60 * MINUTE + 30 * MINUTE);
    const first = await a.tick();
    expect(first?.notices).toBeGreaterThan(0);
    const warned = await notices(store, caseId);
    expect(warned.length).toBeGreaterThan(0);
    expect(warned.every((n) => n.topic === 'case.sla.warning')).toBe(true);

    // Restart: the process ends without releasing the lease; a new one opens the same database.
    await store.close();
    store = await openStore(url);
    const c = worker(node(store), 'node-c');
    expect(await c.tick()).toBeNull();
    clock.advance(2 * MINUTE);
    const afterRestart = await c.tick();
    expect(afterRestart).not.toBeNull();
    expect(afterRestart!.notices).toBe(0);
    expect(await notices(store, caseId)).toEqual(warned);

    clock.advance(30 * 24 * 60 * MINUTE);
    expect((await c.tick())!.notices).toBeGreaterThan(0);
    expect((await c.tick())!.notices).toBe(0);
    const all = await notices(store, caseId);
    expect(all.slice(0, warned.length)).toEqual(warned);
    expect(all.some((n) => n.topic === 'case.sla.overdue')).toBe(true);
    expect(new Set(all.map((n) => n.key)).size).toBe(all.length);

    const events = await store.read(
      "SELECT type, payload FROM case_events WHERE case_id = ? AND type IN ('slaWarning', 'slaOverdue')",
      [caseId],
    );
    expect(events.length).toBe(all.length);
  });
});
