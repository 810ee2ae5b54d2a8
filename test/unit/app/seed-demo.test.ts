/** @module Demo seeding: random passwords, hashed, only into an empty store. */
import { describe, expect, it } from 'vitest';
import { createScryptHasher, nodeTokens, uuidIds } from '../../../engine/adapters/crypto/node-crypto.ts';
import { MemoryStore } from '../../../engine/adapters/memory/memory-store.ts';
import { DEFAULT_AUTH_SETTINGS } from '../../../engine/app/context.ts';
import { createOperations } from '../../../engine/app/operations.ts';
import { orderUnits } from '../../../engine/app/seed-demo.ts';
import { demoUnits, fakeClock } from '../../support/api-app.ts';

const setup = () => {
  const store = new MemoryStore();
  const ops = createOperations({
    store,
    clock: fakeClock(),
    ids: uuidIds,
    hasher: createScryptHasher({ N: 1024, r: 8, p: 1, keyLength: 32, saltLength: 16 }),
    tokens: nodeTokens,
    auth: DEFAULT_AUTH_SETTINGS,
  });
  return { store, ops };
};

describe('seedDemo', () => {
  it('seeds the demo units and accounts with different random passwords each time', async () => {
    const a = setup();
    const b = setup();
    const first = (await a.ops.seedDemo({ units: demoUnits() }))!;
    const second = (await b.ops.seedDemo({ units: demoUnits() }))!;
    expect(Object.keys(first)).toEqual([
      'admin',
      'admin2',
      'dispatcher',
      'supervisor',
      'reviewer',
      'auditor',
      'street_user',
      'dept_user',
    ]);
    expect(first.admin).not.toBe(second.admin);
    expect(new Set(Object.values(first)).size).toBe(8);
    expect(await a.store.units.count()).toBe(76);
    const admin = (await a.store.users.getByUsername('admin'))!;
    expect(admin.passwordHash).toMatch(/^scrypt\$/);
    expect(admin.passwordHash).not.toContain(first.admin!);
    expect((await a.ops.login({ username: 'admin', password: first.admin! })).user.roles).toEqual(['admin']);
  });

  it('does nothing when the store already holds data', async () => {
    const { ops, store } = setup();
    await ops.seedDemo({ units: demoUnits() });
    expect(await ops.seedDemo({ units: demoUnits() })).toBeNull();
    expect(await store.users.count()).toBe(8);
  });

  it('orders parents before children and rejects unknown parents', () => {
    const ordered = orderUnits([
      { id: 'c', code: 'C', name: 'c', kind: 'community', parentId: 's' },
      { id: 's', code: 'S', name: 's', kind: 'street' },
    ]);
    expect(ordered.map((unit) => unit.id)).toEqual(['s', 'c']);
    expect(() => orderUnits([{ id: 'c', code: 'C', name: 'c', kind: 'community', parentId: 'x' }])).toThrow(
      /unknown parent/,
    );
  });

  it('has a unique code and id for every demo unit and parents that exist', () => {
    const units = demoUnits();
    expect(new Set(units.map((unit) => unit.id)).size).toBe(units.length);
    expect(new Set(units.map((unit) => unit.code)).size).toBe(units.length);
    expect(() => orderUnits(units)).not.toThrow();
    expect(units.filter((unit) => unit.kind === 'department').length).toBe(30);
    expect(units.filter((unit) => unit.kind === 'street').length).toBe(10);
    expect(units.filter((unit) => unit.kind === 'community').length).toBe(30);
  });
});
