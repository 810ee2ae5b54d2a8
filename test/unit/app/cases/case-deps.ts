/** @module App dependencies for case operation tests: a memory store with the demo district, its 2026 rule sets and calendar, on a clock at 2026-05-11 09:00 (UTC+8). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createScryptHasher, nodeTokens, uuidIds } from '../../../../engine/adapters/crypto/node-crypto.ts';
import { MemoryStore } from '../../../../engine/adapters/memory/memory-store.ts';
import { type AppDeps, DEFAULT_AUTH_SETTINGS } from '../../../../engine/app/context.ts';
import type { Actor } from '../../../../engine/app/permissions.ts';
import { seedDemo } from '../../../../engine/app/seed-demo.ts';
import { demoUnits, type FakeClock, fakeClock } from '../../../support/api-app.ts';

const root = join(import.meta.dirname, '../../../..');
const read = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as unknown;

/** Memory-store deps seeded with the demo district and the 2026 district and case rule sets. */
export async function caseDeps(): Promise<AppDeps & { store: MemoryStore; clock: FakeClock }> {
  const deps = {
    store: new MemoryStore(),
    clock: fakeClock('2026-05-11T01:00:00.000Z'),
    ids: uuidIds,
    // cheap parameters: the tests exercise the flow, not the cost
    hasher: createScryptHasher({ N: 1024, r: 8, p: 1, keyLength: 32, saltLength: 16 }),
    tokens: nodeTokens,
    auth: DEFAULT_AUTH_SETTINGS,
  };
  await seedDemo(deps, {
    units: demoUnits(),
    ruleSets: [read('seeds/rulesets/district-2026-full.json'), read('seeds/rulesets/cases-2026.json')],
    calendars: [read('seeds/calendars/cn-2026.json')],
  });
  return deps;
}

/** A signed-in staff member with `roles` (and a unit for unit users). */
export const staff = (username: string, roles: Actor['roles'], unitId: string | null = null): Actor => ({
  kind: 'user',
  id: `user_${username}`,
  username,
  displayName: username,
  roles,
  unitId,
});

/** The error a promise rejects with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** A night-time construction-noise complaint a dispatcher takes on the hotline (routed to housing, urban management assisting). */
export const noiseIntake = {
  actor: staff('dispatcher', ['dispatcher']),
  channel: 'hotline',
  category: 'environment.noise',
  text: '楼下工地夜间打桩施工噪音很大',
  data: { period: '夜间（22时至次日6时）' },
  location: { streetId: 'street-xinhua' },
};
