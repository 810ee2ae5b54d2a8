/** @module Listing rule-set versions reads documents in chunks, yet returns every version once, in the listing's order. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openStore } from '../../../../engine/adapters/db/libsql-store.ts';
import { type RuleSetVersionRecord, UNSUBMITTED } from '../../../../engine/ports/rule-set-store.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const AT = '2026-01-05T00:00:00.000Z';

const version = (
  ruleSetId: string,
  number: number,
  effectiveFrom: string,
  status: string,
): RuleSetVersionRecord =>
  ({
    ruleSetId,
    number,
    content: { id: ruleSetId, n: number, padding: 'x'.repeat(1000) },
    sha256: 'f'.repeat(64),
    revision: 1,
    basedOn: null,
    createdBy: 'test',
    createdAt: AT,
    status,
    ...UNSUBMITTED,
    publishedBy: status === 'published' ? 'test' : null,
    publishedAt: status === 'published' ? AT : null,
    effectiveFrom,
  }) as RuleSetVersionRecord;

it('lists 23 versions of one rule set newest first and the published ones of two sets by start date', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-rs-list-'));
  dirs.push(dir);
  const store = await openStore(`file:${join(dir, 'baton.db')}`);
  const name = { en: 'R', zh: 'R' };
  const inserted: RuleSetVersionRecord[] = [];
  await store.transaction(async (tx) => {
    for (const id of ['rs-a', 'rs-b'])
      await tx.ruleSets.insert({ id, name, createdBy: 'test', createdAt: AT });
    for (let n = 1; n <= 23; n++) {
      // Start dates out of number order, so the published listing's order is not insertion order.
      const day = String(((n * 7) % 28) + 1).padStart(2, '0');
      for (const id of ['rs-a', 'rs-b']) {
        const v = version(
          id,
          n,
          `2026-${id === 'rs-a' ? '01' : '02'}-${day}`,
          n % 3 === 0 ? 'draft' : 'published',
        );
        inserted.push(v);
        await tx.ruleSets.insertVersion(v);
      }
    }
  });
  const listed = await store.ruleSets.listVersions('rs-a');
  expect(listed.map((v) => v.number)).toEqual(Array.from({ length: 23 }, (_, i) => 23 - i));
  expect(listed[0]!.content).toEqual(
    inserted.find((v) => v.ruleSetId === 'rs-a' && v.number === 23)!.content,
  );
  const published = await store.ruleSets.listPublished();
  const expected = inserted
    .filter((v) => v.status === 'published')
    .sort(
      (x, y) =>
        x.effectiveFrom!.localeCompare(y.effectiveFrom!) ||
        x.ruleSetId.localeCompare(y.ruleSetId) ||
        x.number - y.number,
    )
    .map((v) => `${v.ruleSetId}@${v.number}`);
  expect(published.map((v) => `${v.ruleSetId}@${v.number}`)).toEqual(expected);
  expect(published.every((v) => v.status === 'published')).toBe(true);
  await store.close();
});
