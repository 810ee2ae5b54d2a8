/** @module Year reads of the ledger are keyset pages: every row once, in order, whatever the page size, on both stores. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../../engine/adapters/db/libsql-store.ts';
import { MemoryStore } from '../../../../engine/adapters/memory/memory-store.ts';
import type { LedgerEntryRecord, Page, SourceValueRecord } from '../../../../engine/ports/ledger.ts';
import type { Store } from '../../../../engine/ports/store.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** What a ledger entry and a source value share: row i's value, submitted for `period` under rule set rs v1. */
const submitted = (i: number, period: string) => ({
  period,
  values: { n: i },
  ruleSetId: 'rs',
  ruleSetVersion: 1,
  submittedBy: 'tester',
  submittedAt: `${period}-10T00:00:00Z`,
});

const entry = (i: number, period: string): LedgerEntryRecord => ({
  id: `e-${i}`,
  unitId: `u-${i % 7}`,
  indicatorId: `ind-${i % 3}`,
  ...submitted(i, period),
  isLate: false,
  supersedes: null,
  kind: 'seeded',
  attachments: [],
});

const source = (i: number, period: string): SourceValueRecord => ({
  id: `s-${i}`,
  source: i % 2 === 0 ? 'thirdParty' : 'derived',
  unitId: `u-${i % 5}`,
  indicatorId: 'ind-x',
  ...submitted(i, period),
});

// Periods of three years interleaved, so a year's rows are not contiguous in insertion order.
const periodOf = (i: number) => `${2025 + (i % 3)}-${String((i % 12) + 1).padStart(2, '0')}`;

async function readAll<T>(
  page: (after: string | null) => Promise<Page<T>>,
): Promise<{ rows: T[]; pages: number }> {
  const rows: T[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const result = await page(after);
    pages++;
    rows.push(...result.items);
    after = result.next;
  } while (after !== null);
  return { rows, pages };
}

const stores: [string, () => Promise<Store>][] = [
  ['in-memory', async () => new MemoryStore()],
  [
    'libSQL file',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'baton-paging-'));
      dirs.push(dir);
      return openStore(`file:${join(dir, 'baton.db')}`);
    },
  ],
];

describe.each(stores)('ledger year pages (%s)', (_name, open) => {
  it('returns every entry and source value of the year exactly once, oldest first, in bounded pages', async () => {
    const store = await open();
    const entries = Array.from({ length: 257 }, (_, i) => entry(i, periodOf(i)));
    const sources = Array.from({ length: 61 }, (_, i) => source(i, periodOf(i)));
    await store.ledger.appendEntries(entries);
    await store.ledger.appendSourceValues(sources);
    const wanted = entries.filter((e) => e.period.startsWith('2026-')).map((e) => e.id);
    for (const limit of [1, 7, 50, 2000]) {
      const { rows, pages } = await readAll((after) =>
        store.ledger.entriesOfYearPage({ yearPrefix: '2026-', after, limit }),
      );
      expect(rows.map((e) => e.id)).toEqual(wanted);
      expect(pages).toBeGreaterThanOrEqual(Math.ceil(wanted.length / limit));
      expect(pages).toBeLessThanOrEqual(Math.ceil(wanted.length / limit) + 1);
    }
    const first = await store.ledger.entriesOfYearPage({ yearPrefix: '2026-', limit: 5 });
    expect(first.items).toEqual(entries.filter((e) => e.period.startsWith('2026-')).slice(0, 5));
    const { rows: sourceRows } = await readAll((after) =>
      store.ledger.sourceValuesOfYearPage({ yearPrefix: '2025-', after, limit: 4 }),
    );
    expect(sourceRows).toEqual(sources.filter((s) => s.period.startsWith('2025-')));
    expect(await store.ledger.hasEntriesOfYear('2027-')).toBe(true);
    expect(await store.ledger.hasEntriesOfYear('2028-')).toBe(false);
    expect((await store.ledger.entriesOfYearPage({ yearPrefix: '2028-' })).items).toEqual([]);
    // The cursor where a full read ended finds only what is appended afterwards.
    const { cursor } = await store.ledger.entriesOfYearPage({ yearPrefix: '2026-', limit: 2000 });
    expect(cursor).not.toBeNull();
    const nothingYet = await store.ledger.entriesOfYearPage({ yearPrefix: '2026-', after: cursor });
    expect(nothingYet).toEqual({ items: [], next: null, cursor });
    const later = [entry(900, '2026-05'), entry(901, '2025-05'), entry(902, '2026-06')];
    await store.ledger.appendEntries(later);
    const since = await store.ledger.entriesOfYearPage({ yearPrefix: '2026-', after: cursor });
    expect(since.items.map((e) => e.id)).toEqual(['e-900', 'e-902']);
    expect(since.next).toBeNull();
    expect(
      (await store.ledger.entriesOfYearPage({ yearPrefix: '2026-', after: since.cursor })).items,
    ).toEqual([]);
    await store.close();
  });
});
