/**
 * @module The published stamp: a version published through one store handle (another node) changes
 * the stamp every handle reads, draft edits do not; `publishedVersions` reads the list again only
 * when the stamp moved, checked at most every PUBLISHED_CHECK_MS of the product clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../engine/adapters/db/libsql-store.ts';
import { MemoryStore } from '../../../engine/adapters/memory/memory-store.ts';
import type { AppDeps } from '../../../engine/app/context.ts';
import { PUBLISHED_CHECK_MS, publishedVersions } from '../../../engine/app/rule-sets/in-force.ts';
import { insertDraft, versionStateOf } from '../../../engine/app/rule-sets/shared.ts';
import type { RuleSetVersionRecord, VersionState } from '../../../engine/ports/rule-set-store.ts';
import type { Repositories, Store } from '../../../engine/ports/store.ts';

const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const AT = '2026-01-05T00:00:00.000Z';

/** Inserts draft version `number` of rule set rs inside `tx`, as the app's draft writers do. */
const draft = (tx: Repositories, number: number) =>
  insertDraft(tx, {
    ruleSetId: 'rs',
    number,
    content: { id: 'rs', n: number },
    basedOn: null,
    actor: 'test',
    at: AT,
    action: 'ruleSet.create',
    details: null,
  });

/** Creates rule set rs with its draft version 1 through `store`. */
const createRuleSet = (store: Store) =>
  store.transaction(async (tx) => {
    await tx.ruleSets.insert({ id: 'rs', name: { en: 'R', zh: 'R' }, createdBy: 'test', createdAt: AT });
    await draft(tx, 1);
  });

const stateOf = (v: RuleSetVersionRecord, change: Partial<VersionState>): VersionState => ({
  ...versionStateOf(v),
  ...change,
});

/** Two handles on one database (two nodes on one sqld), or one memory store seen twice. */
async function twoNodes(kind: 'libsql' | 'memory'): Promise<[Store, Store]> {
  if (kind === 'memory') {
    const store = new MemoryStore();
    return [store, store];
  }
  const dir = mkdtempSync(join(tmpdir(), 'baton-stamp-'));
  dirs.push(dir);
  const a = await openStore(`file:${join(dir, 'baton.db')}`);
  const b = await openStore(`file:${join(dir, 'baton.db')}`);
  closers.push(
    () => a.close(),
    () => b.close(),
  );
  return [a, b];
}

/** Publishes version `n` of rs for 2026 through `store`. */
const publish2026 = (store: Store, n: number) =>
  setState(store, n, {
    status: 'published',
    publishedBy: 'test',
    publishedAt: AT,
    effectiveFrom: '2026-01-01',
    effectiveTo: '2026-12-31',
  });

/** Applies `change` to version `n` of `rs` through `store`. */
async function setState(store: Store, n: number, change: Partial<VersionState>): Promise<void> {
  const v = (await store.ruleSets.getVersion('rs', n))!;
  const ok = await store.transaction((tx) =>
    tx.ruleSets.updateState({
      ruleSetId: 'rs',
      number: n,
      state: stateOf(v, change),
      expectedRevision: v.revision,
    }),
  );
  expect(ok).toBe(true);
}

describe.each(['libsql', 'memory'] as const)('published stamp (%s)', (kind) => {
  it('changes when a version is published, trimmed or archived on another node, not on draft edits', async () => {
    const [a, b] = await twoNodes(kind);
    await createRuleSet(a);
    const initial = await b.ruleSets.publishedStamp();
    expect(
      await a.transaction((tx) =>
        tx.ruleSets.replaceContent({
          ruleSetId: 'rs',
          number: 1,
          content: { id: 'rs', edited: true },
          sha256: 'e'.repeat(64),
          expectedRevision: 1,
        }),
      ),
    ).toBe(true);
    await setState(a, 1, { status: 'inReview', submittedBy: 'test', submittedAt: AT });
    expect(await b.ruleSets.publishedStamp()).toBe(initial);

    const seen = new Set([initial]);
    const expectNew = async () => {
      const stamp = await b.ruleSets.publishedStamp();
      expect(seen.has(stamp), `stamp ${stamp} is new`).toBe(false);
      seen.add(stamp);
    };
    await publish2026(a, 1);
    await expectNew();
    await setState(a, 1, { effectiveTo: '2026-06-30' });
    await expectNew();
    await setState(a, 1, { status: 'archived', archivedAt: AT });
    await expectNew();
    // Nothing published any more: later draft work leaves the stamp alone.
    const last = await b.ruleSets.publishedStamp();
    await a.transaction((tx) => draft(tx, 2));
    expect(await b.ruleSets.publishedStamp()).toBe(last);
  });

  it('publishedVersions re-reads the list only when the stamp moved, checking it at most every PUBLISHED_CHECK_MS', async () => {
    const [a, b] = await twoNodes(kind);
    await createRuleSet(a);
    let lists = 0;
    let stamps = 0;
    const ruleSets = new Proxy(b.ruleSets, {
      get(target, prop, receiver) {
        if (prop === 'listPublished') lists++;
        if (prop === 'publishedStamp') stamps++;
        return Reflect.get(target, prop, receiver);
      },
    });
    const store = new Proxy(b, {
      get: (target, prop, receiver) => (prop === 'ruleSets' ? ruleSets : Reflect.get(target, prop, receiver)),
    });
    let now = Date.parse('2026-03-02T02:00:00Z');
    const deps = { store, clock: { now: () => new Date(now) } } as unknown as AppDeps;

    const first = await publishedVersions(deps);
    expect(first).toEqual([]);
    expect(lists).toBe(1);
    now += PUBLISHED_CHECK_MS / 2;
    expect(await publishedVersions(deps)).toBe(first);
    expect([lists, stamps]).toEqual([1, 1]);

    // Published on the other node: not seen before the check interval is over…
    await publish2026(a, 1);
    expect(await publishedVersions(deps)).toBe(first);
    // …and seen at the first read after it.
    now += PUBLISHED_CHECK_MS;
    const second = await publishedVersions(deps);
    expect(second.map((v) => `${v.ruleSetId}@${v.number}`)).toEqual(['rs@1']);
    expect([lists, stamps]).toEqual([2, 2]);

    // Nothing changed since: one stamp read, no list read, the same array.
    now += PUBLISHED_CHECK_MS + 1;
    expect(await publishedVersions(deps)).toBe(second);
    expect([lists, stamps]).toEqual([2, 3]);
  });
});
