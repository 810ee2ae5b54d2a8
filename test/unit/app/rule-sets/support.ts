/** @module Deps and actors for the rule-set operation tests: a memory store, a fixed clock, the district fixture. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createScryptHasher, nodeTokens, uuidIds } from '../../../../engine/adapters/crypto/node-crypto.ts';
import { MemoryStore } from '../../../../engine/adapters/memory/memory-store.ts';
import { type AppDeps, DEFAULT_AUTH_SETTINGS } from '../../../../engine/app/context.ts';
import { type Actor, userActor } from '../../../../engine/app/permissions.ts';

const root = resolve(import.meta.dirname, '../../../..');

/** The district rule set fixture without its `version` block. */
export function districtContent(): Record<string, unknown> {
  const { version: _version, ...content } = JSON.parse(
    readFileSync(resolve(root, 'test/fixtures/rulesets/district-2026.v1.json'), 'utf8'),
  ) as Record<string, unknown>;
  return content;
}

/** Operation deps on a fresh memory store, the clock fixed at `now`. */
export function memoryDeps(now = '2026-03-02T09:00:00Z'): AppDeps {
  return {
    store: new MemoryStore(),
    clock: { now: () => new Date(now) },
    ids: uuidIds,
    hasher: createScryptHasher({ N: 1024, r: 8, p: 1, keyLength: 32, saltLength: 16 }),
    tokens: nodeTokens,
    auth: DEFAULT_AUTH_SETTINGS,
  };
}

/** An administrator named `username`. */
export const admin = (username: string): Actor => userActor(username, ['admin'], { id: `u-${username}` });
