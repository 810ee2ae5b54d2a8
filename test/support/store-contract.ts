/** @module Contract suite of the Store port; every implementation runs it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store, Unit, User } from '../../engine/ports/store.ts';

/** A valid unit; override any field. */
export function aUnit(overrides: Partial<Unit> = {}): Unit {
  return {
    id: 'street-a',
    code: 'S01',
    name: '甲街道办事处',
    nameEn: 'A Street Office',
    kind: 'street',
    parentId: null,
    peerGroup: 'streets',
    ...overrides,
  };
}

/** A valid user; override any field. */
export function aUser(overrides: Partial<User> = {}): User {
  return {
    id: 'usr_1',
    username: 'alice',
    displayName: 'Alice',
    passwordHash: 'scrypt$1$1$1$x$y',
    roles: ['admin'],
    unitId: null,
    disabled: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A valid, unrevoked API key of the plugin role. */
function aKey() {
  return {
    id: 'key_1',
    prefix: 'abcd1234',
    hash: 'f'.repeat(64),
    name: 'bridge',
    roles: ['plugin' as const],
    unitId: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    revokedAt: null,
  };
}

/** Runs the Store contract against stores made by `open` and disposed by `dispose`. */
export function describeStoreContract(
  name: string,
  open: () => Promise<Store>,
  dispose: (store: Store) => Promise<void> = (store) => store.close(),
): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await dispose(store);
    });

    it('stores units and reads them back in code order', async () => {
      await store.units.insert(aUnit({ id: 'b', code: 'S02' }));
      await store.units.insert(aUnit({ id: 'a', code: 'S01' }));
      await store.units.insert(aUnit({ id: 'a-1', code: 'S01C01', kind: 'community', parentId: 'a' }));
      expect((await store.units.list()).map((unit) => unit.id)).toEqual(['a', 'a-1', 'b']);
      expect(await store.units.get('a-1')).toEqual(
        aUnit({ id: 'a-1', code: 'S01C01', kind: 'community', parentId: 'a' }),
      );
      expect(await store.units.get('missing')).toBeNull();
      expect(await store.units.count()).toBe(3);
    });

    it('refuses a second user with the same username', async () => {
      await store.users.insert(aUser());
      await expect(store.users.insert(aUser({ id: 'usr_2' }))).rejects.toThrow();
      expect(await store.users.count()).toBe(1);
    });

    it('round-trips users with roles and flags', async () => {
      await store.units.insert(aUnit());
      const user = aUser({ roles: ['unit', 'reviewer'], unitId: 'street-a', disabled: true });
      await store.users.insert(user);
      expect(await store.users.get(user.id)).toEqual(user);
      expect(await store.users.getByUsername('alice')).toEqual(user);
      expect(await store.users.getByUsername('bob')).toBeNull();
    });

    it('lands every one of 50 concurrent writes', async () => {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store.units.insert(aUnit({ id: `u${i}`, code: `C${String(i).padStart(3, '0')}` })),
        ),
      );
      expect(await store.units.count()).toBe(50);
    });

    it('runs 50 concurrent transactions without losing any', async () => {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store.transaction(async (tx) => {
            await tx.units.insert(aUnit({ id: `t${i}`, code: `T${String(i).padStart(3, '0')}` }));
            await tx.loginAttempts.insert({
              username: `u${i}`,
              ip: null,
              succeeded: false,
              at: '2026-01-01T00:00:00Z',
            });
          }),
        ),
      );
      expect(await store.units.count()).toBe(50);
    });

    it('rolls back every write of a transaction that throws', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.units.insert(aUnit());
          await tx.users.insert(aUser());
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.units.count()).toBe(0);
      expect(await store.users.count()).toBe(0);
    });

    it('rolls back when a statement inside a transaction violates a constraint', async () => {
      await store.users.insert(aUser());
      await expect(
        store.transaction(async (tx) => {
          await tx.units.insert(aUnit());
          await tx.users.insert(aUser({ id: 'usr_2' }));
        }),
      ).rejects.toThrow();
      expect(await store.units.count()).toBe(0);
      // the store keeps working after the failure
      await store.units.insert(aUnit());
      expect(await store.units.count()).toBe(1);
    });

    it('returns the value of a committed transaction and sees its own writes inside it', async () => {
      const seen = await store.transaction(async (tx) => {
        await tx.units.insert(aUnit());
        return tx.units.count();
      });
      expect(seen).toBe(1);
    });

    it('fails fast instead of deadlocking when a store write is made inside a transaction', async () => {
      await expect(
        store.transaction(async () => {
          await store.units.insert(aUnit());
        }),
      ).rejects.toThrow(/inside a running write/);
      expect(await store.units.count()).toBe(0);
    });

    it('refuses a user whose unit does not exist', async () => {
      await expect(store.users.insert(aUser({ unitId: 'nowhere' }))).rejects.toThrow();
    });

    it('keeps sessions until deleted or expired', async () => {
      await store.users.insert(aUser());
      const session = {
        id: 'h1',
        userId: 'usr_1',
        csrfToken: 'c',
        createdAt: '2026-01-01T00:00:00.000Z',
        expiresAt: '2026-01-01T12:00:00.000Z',
      };
      await store.sessions.insert(session);
      await store.sessions.insert({ ...session, id: 'h2', expiresAt: '2026-01-02T12:00:00.000Z' });
      expect(await store.sessions.get('h1')).toEqual(session);
      expect(await store.sessions.deleteExpired('2026-01-01T13:00:00.000Z')).toBe(1);
      expect(await store.sessions.get('h1')).toBeNull();
      await store.sessions.delete('h2');
      expect(await store.sessions.get('h2')).toBeNull();
    });

    it('finds API keys by prefix and lists them', async () => {
      const key = aKey();
      await store.apiKeys.insert(key);
      expect(await store.apiKeys.getByPrefix('abcd1234')).toEqual(key);
      expect(await store.apiKeys.getByPrefix('00000000')).toBeNull();
      expect(await store.apiKeys.list()).toEqual([key]);
      expect(await store.apiKeys.get('key_1')).toEqual(key);
      expect(await store.apiKeys.get('key_2')).toBeNull();
    });

    it('revokes an API key once and keeps the first revocation time', async () => {
      const key = aKey();
      await store.apiKeys.insert(key);
      expect(await store.apiKeys.revoke({ id: 'key_1', at: '2026-01-02T00:00:00.000Z' })).toBe(true);
      expect(await store.apiKeys.revoke({ id: 'key_1', at: '2026-01-03T00:00:00.000Z' })).toBe(false);
      expect(await store.apiKeys.revoke({ id: 'key_2', at: '2026-01-03T00:00:00.000Z' })).toBe(false);
      expect((await store.apiKeys.get('key_1'))?.revokedAt).toBe('2026-01-02T00:00:00.000Z');
    });

    it('lists users by username, updates their mutable fields and ends all their sessions', async () => {
      await store.units.insert(aUnit());
      await store.users.insert(aUser({ id: 'usr_2', username: 'bob' }));
      await store.users.insert(aUser());
      expect((await store.users.list()).map((u) => u.username)).toEqual(['alice', 'bob']);
      const changed = aUser({
        displayName: 'Alice B.',
        passwordHash: 'scrypt$new',
        roles: ['unit'],
        unitId: 'street-a',
        disabled: true,
      });
      await store.users.update(changed);
      expect(await store.users.get('usr_1')).toEqual(changed);
      const session = {
        csrfToken: 'c',
        createdAt: '2026-01-01T00:00:00.000Z',
        expiresAt: '2026-01-02T00:00:00.000Z',
      };
      await store.sessions.insert({ ...session, id: 's1', userId: 'usr_1' });
      await store.sessions.insert({ ...session, id: 's2', userId: 'usr_1' });
      await store.sessions.insert({ ...session, id: 's3', userId: 'usr_2' });
      expect(await store.sessions.deleteForUser('usr_1')).toBe(2);
      expect(await store.sessions.get('s1')).toBeNull();
      expect(await store.sessions.get('s3')).not.toBeNull();
    });

    it('counts failed logins per username and per IP inside a window and clears them per username', async () => {
      const at = (minute: number) => `2026-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`;
      await store.loginAttempts.insert({ username: 'alice', ip: '10.0.0.1', succeeded: false, at: at(1) });
      await store.loginAttempts.insert({ username: 'alice', ip: '10.0.0.2', succeeded: false, at: at(10) });
      await store.loginAttempts.insert({ username: 'bob', ip: '10.0.0.1', succeeded: false, at: at(11) });
      await store.loginAttempts.insert({ username: 'alice', ip: '10.0.0.1', succeeded: true, at: at(12) });
      expect(await store.loginAttempts.countFailures({ username: 'alice', since: at(0) })).toBe(2);
      expect(await store.loginAttempts.countFailures({ username: 'alice', since: at(5) })).toBe(1);
      expect(await store.loginAttempts.countFailures({ ip: '10.0.0.1', since: at(0) })).toBe(2);
      await store.loginAttempts.clearFailures('alice');
      expect(await store.loginAttempts.countFailures({ username: 'alice', since: at(0) })).toBe(0);
      expect(await store.loginAttempts.countFailures({ username: 'bob', since: at(0) })).toBe(1);
    });

    it('summarizes failures and later refusals per (username, IP), and clears only that pair', async () => {
      const at = (minute: number) => `2026-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`;
      const attempt = (ip: string | null, minute: number, extra: { refused?: boolean } = {}) =>
        store.loginAttempts.insert({ username: 'carol', ip, succeeded: false, at: at(minute), ...extra });
      await attempt('10.0.0.1', 1);
      await attempt('10.0.0.1', 3);
      await attempt('10.0.0.1', 2, { refused: true });
      await attempt('10.0.0.1', 4, { refused: true });
      await attempt('10.0.0.1', 5, { refused: true });
      await attempt('10.0.0.2', 6);
      await attempt(null, 7);
      expect(
        await store.loginAttempts.summarize({ username: 'carol', ip: '10.0.0.1', since: at(0) }),
      ).toEqual({
        failures: 2,
        lastFailureAt: at(3),
        refusedSinceFailure: 2,
      });
      expect(await store.loginAttempts.summarize({ ip: '10.0.0.1', since: at(2) })).toEqual({
        failures: 1,
        lastFailureAt: at(3),
        refusedSinceFailure: 2,
      });
      expect(
        await store.loginAttempts.summarize({ username: 'carol', ip: null, since: at(0) }),
      ).toMatchObject({
        failures: 1,
      });
      expect(await store.loginAttempts.countFailures({ username: 'carol', since: at(0) })).toBe(4);
      await store.loginAttempts.clearFailures('carol', '10.0.0.1');
      expect(await store.loginAttempts.summarize({ username: 'carol', since: at(0) })).toEqual({
        failures: 2,
        lastFailureAt: at(7),
        refusedSinceFailure: 0,
      });
    });
  });
}
