/** @module The audit log in libSQL: appendAudit inside transactions, append-only triggers, verification naming the broken record. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveAuditKey } from '../../../../engine/adapters/crypto/audit-key.ts';
import { type LibsqlStore, openStore } from '../../../../engine/adapters/db/libsql-store.ts';
import { LibsqlPluginStore } from '../../../../engine/adapters/db/plugin-store.ts';
import { MemoryStore } from '../../../../engine/adapters/memory/memory-store.ts';
import { appendAudit, listAudit, verifyAudit, withAuditKey } from '../../../../engine/app/audit.ts';
import type { AppDeps } from '../../../../engine/app/context.ts';
import { GENESIS_HASH } from '../../../../engine/core/ruleset/audit-chain.ts';
import type { Store } from '../../../../engine/ports/store.ts';

let dir: string;
let store: LibsqlStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baton-audit-'));
  store = await openStore(`file:${join(dir, 'baton.db')}`);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const depsOf = (s: Store) => ({ store: s }) as unknown as AppDeps;

async function appendThree(s: Store): Promise<void> {
  for (const [i, action] of ['ruleSet.create', 'ruleSet.submit', 'ruleSet.approve'].entries()) {
    await s.transaction((tx) =>
      appendAudit(tx, {
        at: `2026-03-0${i + 1}T09:00:00.000Z`,
        entry: { actor: i === 2 ? 'admin2' : 'admin', action, target: 'ruleSet:x@1', details: { i } },
      }),
    );
  }
}

describe.each([
  ['libSQL file', () => store as Store],
  ['memory', () => new MemoryStore() as Store],
])('the audit log on the %s store', (_name, make) => {
  it('chains records from the genesis hash and verifies them', async () => {
    const s = make();
    await appendThree(s);
    const { items, total } = await listAudit(depsOf(s), { order: 'asc' });
    expect(total).toBe(3);
    expect(items.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(items[0]!.prevHash).toBe(GENESIS_HASH);
    expect(items[1]!.prevHash).toBe(items[0]!.hash);
    expect(items[2]!.details).toEqual({ i: 2 });
    expect(await verifyAudit(depsOf(s), { pageSize: 2 })).toMatchObject({
      ok: true,
      count: 3,
      lastSeq: 3,
      lastHash: items[2]!.hash,
      // No key configured: plain records, and no checkpoint on this store.
      keyed: false,
      checkpoint: null,
      message: { zh: '审计链完整：3 条记录', en: 'Audit chain intact: 3 records' },
    });
  });

  it('rolls the record back with the transaction that wrote it', async () => {
    const s = make();
    await expect(
      s.transaction(async (tx) => {
        await appendAudit(tx, {
          at: '2026-03-01T00:00:00Z',
          entry: { actor: 'a', action: 'b', target: 'c' },
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await listAudit(depsOf(s))).total).toBe(0);
  });

  it('filters by actor, action, target prefix and a whole-day upper bound', async () => {
    const s = make();
    await appendThree(s);
    const deps = depsOf(s);
    expect((await listAudit(deps, { actor: 'admin2' })).items.map((r) => r.seq)).toEqual([3]);
    expect((await listAudit(deps, { action: 'ruleSet.submit' })).total).toBe(1);
    expect((await listAudit(deps, { target: 'ruleSet:x' })).total).toBe(3);
    expect((await listAudit(deps, { target: 'ruleSet:y' })).total).toBe(0);
    expect((await listAudit(deps, { to: '2026-03-02' })).items.map((r) => r.seq)).toEqual([2, 1]);
    expect((await listAudit(deps, { from: '2026-03-02', limit: 1 })).items.map((r) => r.seq)).toEqual([3]);
  });
});

describe('the audit log table', () => {
  it('refuses UPDATE and DELETE through its triggers', async () => {
    await appendThree(store);
    await expect(store.write("UPDATE audit_log SET actor = 'x' WHERE seq = 2")).rejects.toThrow(
      /append-only/,
    );
    await expect(store.write('DELETE FROM audit_log WHERE seq = 2')).rejects.toThrow(/append-only/);
  });

  it.each([
    {
      name: 'names the first broken record after the row is rewritten behind the triggers’ back',
      trigger: 'audit_log_no_update',
      tamper: 'UPDATE audit_log SET details = \'{"i":99}\' WHERE seq = 2',
      reason: 'hash_mismatch',
    },
    {
      name: 'names a deleted record as a gap',
      trigger: 'audit_log_no_delete',
      tamper: 'DELETE FROM audit_log WHERE seq = 2',
      reason: 'seq_gap',
    },
  ])('$name', async ({ trigger, tamper, reason }) => {
    await appendThree(store);
    await store.write(`DROP TRIGGER ${trigger}`);
    await store.write(tamper);
    expect(await verifyAudit(depsOf(store))).toMatchObject({ ok: false, firstBrokenSeq: 2, reason });
  });
});

describe('audit chain under group commit', () => {
  const entry = (i: number) => ({
    at: `2026-04-01T09:00:${String(i % 60).padStart(2, '0')}.000Z`,
    entry: { actor: 'admin', action: 'case.intake', target: `case:${i}` },
  });

  /** Twenty transactions at once on `on`, each appending a record; every fifth (i % 5 === 2) then fails. */
  const appendTwentyOneInFiveFailing = (on: Pick<typeof store, 'transaction'>) =>
    Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        on.transaction(async (tx) => {
          await appendAudit(tx, entry(i));
          if (i % 5 === 2) throw new Error(`member ${i} fails after appending`);
        }),
      ),
    );

  it('keeps the chain intact when a member of a group appends and then fails', async () => {
    const outcomes = await appendTwentyOneInFiveFailing(store);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(16);
    // and the next appends still continue the chain
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => store.transaction((tx) => appendAudit(tx, entry(100 + i)))),
    );
    expect(await verifyAudit(depsOf(store))).toMatchObject({ ok: true, count: 21, lastSeq: 21 });
  });

  it('under the audit key, rolls a failed member’s checkpoint back with its record', async () => {
    const keyed = withAuditKey(store, deriveAuditKey(randomBytes(32)));
    const outcomes = await appendTwentyOneInFiveFailing(keyed);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(16);
    const checkpoints = await store.read('SELECT count FROM audit_checkpoints ORDER BY count');
    expect(checkpoints.map((r) => Number(r.count))).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(await verifyAudit({ store: keyed })).toMatchObject({
      ok: true,
      count: 16,
      keyed: true,
      checkpoint: { count: 16 },
    });
    // the same chain read without the key cannot pass its keyed records
    expect(await verifyAudit({ store })).toMatchObject({
      ok: false,
      firstBrokenSeq: 1,
      reason: 'key_unavailable',
    });
  });

  it('keys the records a plugin state change writes through the plugin store’s own transaction', async () => {
    const keyed = withAuditKey(store, deriveAuditKey(randomBytes(32)));
    await keyed.transaction((tx) => appendAudit(tx, entry(1)));
    await new LibsqlPluginStore(keyed).saveState(
      { name: 'approval', updatedAt: '2026-04-01T09:00:00.000Z', isEnabled: true },
      (tx) => appendAudit(tx, entry(2)),
    );
    const schemes = await store.read('SELECT scheme FROM audit_log ORDER BY seq');
    expect(schemes.map((r) => r.scheme)).toEqual(['hmac-sha256', 'hmac-sha256']);
    expect(await verifyAudit({ store: keyed })).toMatchObject({
      ok: true,
      count: 2,
      checkpoint: { count: 2 },
    });
  });

  it('verifies ok while keyed records are being appended (no false truncation or missing checkpoint)', async () => {
    const keyed = withAuditKey(store, deriveAuditKey(randomBytes(32)));
    await keyed.transaction((tx) => appendAudit(tx, entry(0)));
    const turn = () => new Promise((resolveTurn) => setImmediate(resolveTurn));
    // Each read waits a turn, so commits land in the middle of a walk and between walk and head.
    const slowPages = {
      ...keyed.audit,
      range: async (afterSeq: number, limit: number) => {
        await turn();
        return keyed.audit.range(afterSeq, limit);
      },
      lastCheckpoint: async () => {
        await turn();
        return keyed.audit.lastCheckpoint!();
      },
    };
    let isWriting = true;
    const writes = (async () => {
      for (let i = 1; i <= 40; i++) await keyed.transaction((tx) => appendAudit(tx, entry(i)));
      isWriting = false;
    })();
    const results = [];
    while (isWriting && results.length < 200) {
      results.push(await verifyAudit({ store: { audit: slowPages } as unknown as Store }, { pageSize: 4 }));
      await turn();
    }
    await writes;
    expect(results.length).toBeGreaterThan(0);
    // walks overlapped the appends: they saw different lengths
    expect(new Set(results.map((r) => r.count)).size).toBeGreaterThan(1);
    for (const result of results) expect(result).toMatchObject({ ok: true, keyed: true });
    expect(await verifyAudit({ store: keyed })).toMatchObject({
      ok: true,
      count: 41,
      checkpoint: { count: 41 },
    });
  });

  it('continues the chain after another connection appended to the same file', async () => {
    await store.transaction((tx) => appendAudit(tx, entry(1)));
    const other = await openStore(store.url);
    try {
      await other.transaction((tx) => appendAudit(tx, entry(2)));
      await other.transaction((tx) => appendAudit(tx, entry(3)));
    } finally {
      await other.close();
    }
    await store.transaction((tx) => appendAudit(tx, entry(4)));
    expect(await verifyAudit(depsOf(store))).toMatchObject({ ok: true, count: 4, lastSeq: 4 });
  });

  it('continues the chain after an append made outside a transaction', async () => {
    await store.transaction((tx) => appendAudit(tx, entry(1)));
    await appendAudit(store, entry(2));
    await store.transaction((tx) => appendAudit(tx, entry(3)));
    expect(await verifyAudit(depsOf(store))).toMatchObject({ ok: true, count: 3, lastSeq: 3 });
  });
});
