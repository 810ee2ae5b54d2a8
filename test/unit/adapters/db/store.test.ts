/** @module The libSQL store passes the Store contract on a temp file, and keeps its own promises: migrations, WAL, queue, durability. */
import { AsyncLocalStorage } from 'node:async_hooks';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filePathOf, type LibsqlStore, openStore } from '../../../../engine/adapters/db/libsql-store.ts';
import { loadMigrations } from '../../../../engine/adapters/db/migrate.ts';
import { aUnit, aUser, describeStoreContract } from '../../../support/store-contract.ts';

const dirs: string[] = [];
const tempUrl = () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-store-'));
  dirs.push(dir);
  return `file:${join(dir, 'nested', 'baton.db')}`;
};

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describeStoreContract('libSQL file', () => openStore(tempUrl()));
describeStoreContract('libSQL in-memory', () => openStore('file::memory:'));

describe('libSQL store', () => {
  let url: string;
  let store: LibsqlStore;
  beforeEach(async () => {
    url = tempUrl();
    store = await openStore(url);
  });
  afterEach(async () => {
    await store.close();
  });

  it('creates the folder of the database file and switches it to WAL', async () => {
    const rows = await store.read('PRAGMA journal_mode');
    expect(String(rows[0]?.journal_mode)).toBe('wal');
    expect(filePathOf(url)).toMatch(/nested[/\\]baton\.db$/);
  });

  it('records every migration once, and a second run applies nothing', async () => {
    const migrations = await loadMigrations();
    const recorded = await store.read('SELECT version FROM schema_migrations ORDER BY version');
    expect(recorded.map((row) => Number(row.version))).toEqual(migrations.map((m) => m.version));
    expect(await store.migrate()).toEqual([]);
    await store.close();
    store = await openStore(url);
    expect(await store.migrate()).toEqual([]);
    expect((await store.read('SELECT count(*) AS n FROM schema_migrations'))[0]?.n).toBe(migrations.length);
  });

  it('numbers migrations uniquely starting at 1', async () => {
    const migrations = await loadMigrations();
    expect(migrations[0]?.version).toBe(1);
    expect(new Set(migrations.map((m) => m.version)).size).toBe(migrations.length);
  });

  it('keeps committed data after the store is closed and reopened', async () => {
    await store.units.insert(aUnit());
    await store.transaction(async (tx) => {
      await tx.users.insert(aUser({ unitId: 'street-a' }));
    });
    await store.close();
    store = await openStore(url);
    expect(await store.units.get('street-a')).toEqual(aUnit());
    expect((await store.users.getByUsername('alice'))?.unitId).toBe('street-a');
  });

  it('enforces foreign keys on the writer connection, even after a failed transaction', async () => {
    await expect(
      store.write(
        "INSERT INTO users (id, username, display_name, password_hash, unit_id, created_at) VALUES ('x', 'x', 'x', 'x', 'nowhere', 'now')",
      ),
    ).rejects.toThrow(/FOREIGN KEY/i);
    await expect(
      store.transaction(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(
      store.write(
        "INSERT INTO units (id, code, name, kind, parent_id) VALUES ('y', 'y', 'y', 'street', 'nowhere')",
      ),
    ).rejects.toThrow(/FOREIGN KEY/i);
  });

  it('runs an atomic batch: one bad statement leaves nothing behind', async () => {
    await expect(
      store.batch([
        { sql: "INSERT INTO units (id, code, name, kind) VALUES ('a', 'A', 'a', 'street')", args: [] },
        { sql: "INSERT INTO units (id, code, name, kind) VALUES ('b', 'A', 'b', 'street')", args: [] },
      ]),
    ).rejects.toThrow();
    expect(await store.units.count()).toBe(0);
  });

  it('lets reads proceed while an interactive write transaction is open', async () => {
    await store.units.insert(aUnit());
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const writing = store.sqlTransaction(async (tx) => {
      await tx.execute("INSERT INTO units (id, code, name, kind) VALUES ('z', 'Z', 'z', 'street')");
      await gate;
    });
    // a reader does not see uncommitted rows and does not wait for the writer
    expect(await store.units.count()).toBe(1);
    release();
    await writing;
    expect(await store.units.count()).toBe(2);
  });

  it('serialises writes from two store instances on the same file', async () => {
    const other = await openStore(url);
    try {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? store : other).units.insert(
            aUnit({ id: `p${i}`, code: `P${String(i).padStart(2, '0')}` }),
          ),
        ),
      );
      expect(await store.units.count()).toBe(20);
    } finally {
      await other.close();
    }
  });

  describe('group commit', () => {
    const unitRow = (i: number) =>
      aUnit({ id: `g${i}`, code: `G${String(i).padStart(3, '0')}`, name: `g${i}` });

    it('rolls back only the failing transactions of a group and commits the others', async () => {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          store.transaction(async (tx) => {
            await tx.units.insert(unitRow(i));
            if (i === 3) throw new Error('member 3 fails');
            // a statement error inside a member: its savepoint is rolled back, the group goes on
            if (i === 7) await tx.units.insert(unitRow(0));
            return i;
          }),
        ),
      );
      expect(outcomes.map((o) => o.status)).toEqual(
        Array.from({ length: 12 }, (_, i) => (i === 3 || i === 7 ? 'rejected' : 'fulfilled')),
      );
      expect((outcomes[3] as PromiseRejectedResult).reason).toMatchObject({ message: 'member 3 fails' });
      const ids = (await store.units.list()).map((u) => u.id).sort();
      expect(ids).toEqual(
        Array.from({ length: 12 }, (_, i) => `g${i}`)
          .filter((id) => id !== 'g3' && id !== 'g7')
          .sort(),
      );
    });

    it('shows each transaction of a group its own writes and those queued before it', async () => {
      const seen = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.transaction(async (tx) => {
            await tx.units.insert(unitRow(i));
            return tx.units.count();
          }),
        ),
      );
      expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    });

    it('resolves each transaction only after its group is committed', async () => {
      const visibleOnResolve = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          store
            .transaction(async (tx) => {
              await tx.units.insert(unitRow(i));
            })
            // the reader connection sees only committed data
            .then(async () => (await store.read('SELECT id FROM units WHERE id = ?', [`g${i}`])).length),
        ),
      );
      expect(visibleOnResolve).toEqual(Array.from({ length: 30 }, () => 1));
    });

    it('keeps acknowledged transactions in the files even when the process never closes the store', async () => {
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => store.transaction((tx) => tx.units.insert(unitRow(i)))),
      );
      // Copy the database and its WAL as they are on disk now, as if the process had been killed.
      const path = filePathOf(url)!;
      const crashDir = join(dirname(dirname(path)), 'crashed');
      mkdirSync(crashDir, { recursive: true });
      for (const suffix of ['', '-wal']) {
        if (existsSync(`${path}${suffix}`))
          copyFileSync(`${path}${suffix}`, join(crashDir, `baton.db${suffix}`));
      }
      const reopened = await openStore(`file:${join(crashDir, 'baton.db')}`);
      try {
        expect(await reopened.units.count()).toBe(40);
      } finally {
        await reopened.close();
      }
    });

    it('runs each grouped transaction in the async context of its caller', async () => {
      const request = new AsyncLocalStorage<string>();
      const seen = await Promise.all(
        ['a', 'b', 'c'].map((id) => request.run(id, () => store.transaction(async () => request.getStore()))),
      );
      expect(seen).toEqual(['a', 'b', 'c']);
    });

    it('lands every one of 200 concurrent transactions', async () => {
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          store.transaction(async (tx) => {
            await tx.units.insert(unitRow(i));
            return i;
          }),
        ),
      );
      expect(results).toEqual(Array.from({ length: 200 }, (_, i) => i));
      expect(await store.units.count()).toBe(200);
    });

    it('still fails fast on a store write made inside a grouped transaction, without harming the group', async () => {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 5 }, (_, i) =>
          store.transaction(async (tx) => {
            await tx.units.insert(unitRow(i));
            if (i === 2) await store.units.insert(unitRow(100));
          }),
        ),
      );
      expect(outcomes.map((o) => o.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/inside a running write/);
      expect(await store.units.count()).toBe(4);
    });
  });
});
