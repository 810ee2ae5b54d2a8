/**
 * @module Entries acknowledged before their scores are recomputed, against a real server process:
 * concurrent entries are all in the ledger, a score read while their recompute is pending answers
 * at once from the last projection with `recomputing: true`, the background projection equals a
 * full recompute from the ledger, and a projection a crashed process left stale is rewritten on restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../engine/adapters/db/libsql-store.ts';
import { type LiveSession, signInOverApi } from '../support/live-session.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const PERIOD = '2026-11';
/** Two forms both demo unit users fill: a plain one and one scored against the peer group. */
const FORMS = [
  { indicatorId: 'ind-econ-1-1', field: 'done' },
  { indicatorId: 'ind-econ-2-1', field: 'value' },
] as const;
const WRITERS = [
  { username: 'street_user', unitId: 'street-xinhua' },
  { username: 'dept_user', unitId: 'dept-education' },
] as const;

interface ScoresReply {
  ruleSet: string;
  unitId: string;
  result: Record<string, unknown> | null;
  scores: { indicatorId: string; points: number }[];
  recomputing: boolean;
}

const dir = mkdtempSync(join(tmpdir(), 'baton-entries-recompute-'));
let server: RunningServer | null = null;

const start = async () => {
  server = await startServer({ dataDir: dir, env: { BATON_SEED: 'demo' }, timeoutMs: 180_000 });
  return server;
};
const stop = async () => {
  await server?.stop();
  server = null;
};

afterAll(async () => {
  await stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Every unit's scores of the period, as the admin reads them (`fresh`: after the queued recomputes). */
async function allScores(admin: LiveSession, unitIds: readonly string[]): Promise<Map<string, ScoresReply>> {
  const replies = new Map<string, ScoresReply>();
  for (const unitId of unitIds)
    replies.set(
      unitId,
      await admin.apiJson<ScoresReply>(
        `/api/performance/scores?unitId=${unitId}&period=${PERIOD}&fresh=true`,
      ),
    );
  return replies;
}

/** What a full recompute must reproduce: each score and the unit result, without `recomputing`. */
const figures = (reply: ScoresReply) => ({
  ruleSet: reply.ruleSet,
  result: reply.result,
  scores: reply.scores,
});

describe('entries are acknowledged before their recompute', () => {
  const acknowledged: { id: string; unitId: string; indicatorId: string }[] = [];
  let unitIds: string[] = [];
  let incremental = new Map<string, ScoresReply>();

  it('acknowledges concurrent entries, keeps each in the ledger, and answers a score read during the recompute from the last projection with recomputing: true', async () => {
    const running = await start();
    const admin = await signInOverApi(running, 'admin');
    const writers = await Promise.all(
      WRITERS.map(async (w) => ({ ...w, session: await signInOverApi(running, w.username) })),
    );
    const ranking = await admin.apiJson<{ groups: { rows: { unitId: string }[] }[] }>(
      // Every ranked unit (November has no results before its first entries).
      '/api/performance/rankings?period=2026-10',
    );
    unitIds = [...new Set(ranking.groups.flatMap((g) => g.rows.map((r) => r.unitId)))].sort();
    expect(unitIds).toEqual(expect.arrayContaining(WRITERS.map((w) => w.unitId)));
    const before = await admin.apiJson<ScoresReply>(
      `/api/performance/scores?unitId=street-xinhua&period=${PERIOD}&fresh=true`,
    );
    expect(before.recomputing).toBe(false);

    let seenRecomputing: ScoresReply | null = null;
    for (let round = 0; round < 40 && !seenRecomputing; round++) {
      // 16 entries at once: each unit user posts each form four times with different values.
      const writes = writers.flatMap((w) =>
        FORMS.flatMap((form) =>
          [0, 1, 2, 3].map(async (k) => {
            const reply = await w.session.api(`/api/performance/entries`, {
              method: 'POST',
              json: {
                indicatorId: form.indicatorId,
                period: PERIOD,
                values: { [form.field]: 100 * round + 7 * k + 1 },
              },
            });
            expect(reply.status, reply.text).toBe(201);
            const body = JSON.parse(reply.text) as {
              entry: { id: string };
              recomputing: boolean;
              changed: unknown;
            };
            // Acknowledged without waiting for the recompute.
            expect(body.changed).toBeNull();
            acknowledged.push({ id: body.entry.id, unitId: w.unitId, indicatorId: form.indicatorId });
          }),
        ),
      );
      // A read sent as soon as the first entry is acknowledged, while the others are still arriving.
      await Promise.race(writes);
      const read = await admin.api(`/api/performance/scores?unitId=street-xinhua&period=${PERIOD}`);
      expect(read.status).toBe(200);
      const reply = JSON.parse(read.text) as ScoresReply;
      // Whatever the moment, the read answers with a full projection of the unit.
      expect(reply.scores.length).toBe(before.scores.length);
      if (reply.recomputing) seenRecomputing = reply;
      await Promise.all(writes);
    }
    // A read that answered while the recompute was pending did not wait behind it.
    expect(seenRecomputing).not.toBeNull();
    expect(seenRecomputing!.unitId).toBe('street-xinhua');

    for (const w of WRITERS)
      for (const form of FORMS) {
        const listed = await admin.apiJson<{ items: { id: string }[] }>(
          `/api/performance/entries?unitId=${w.unitId}&indicatorId=${form.indicatorId}&period=${PERIOD}&includeSuperseded=true`,
        );
        const ids = new Set(listed.items.map((e) => e.id));
        const mine = acknowledged.filter((a) => a.unitId === w.unitId && a.indicatorId === form.indicatorId);
        expect(mine.length).toBeGreaterThan(0);
        expect(mine.filter((a) => !ids.has(a.id))).toEqual([]);
      }

    incremental = await allScores(admin, unitIds);
    for (const reply of incremental.values()) expect(reply.recomputing).toBe(false);
    // The entries moved the figures (so agreeing below is not agreeing on unchanged numbers).
    expect(figures(incremental.get('street-xinhua')!)).not.toEqual(figures(before));
  }, 240_000);

  it('rewrites on restart a projection a crashed process left stale (its pending mark survived)', async () => {
    await stop();
    const db = await openStore(`file:${join(dir, 'baton.db')}`);
    const latest = acknowledged.findLast(
      (a) => a.unitId === 'street-xinhua' && a.indicatorId === 'ind-econ-1-1',
    )!;
    // What a process killed between the entry's commit and its recompute leaves: the mark, an old row.
    const tampered = await db.write(
      `UPDATE score_projection SET points = -1, score_json = json_set(score_json, '$.points', -1)
       WHERE unit_id = 'street-xinhua' AND indicator_id = 'ind-econ-1-1' AND period = ?`,
      [PERIOD],
    );
    expect(tampered.rowsAffected).toBe(1);
    const [entry] = await db.read('SELECT rule_set_id, rule_set_version FROM ledger_entries WHERE id = ?', [
      latest.id,
    ]);
    await db.write(
      `INSERT INTO score_recompute_pending (entry_id, rule_set_id, rule_set_version, unit_id, indicator_id, period, created_at)
       VALUES (?, ?, ?, 'street-xinhua', 'ind-econ-1-1', ?, '')`,
      [latest.id, entry!.rule_set_id!, entry!.rule_set_version!, PERIOD],
    );
    await db.close();

    const running = await start();
    const admin = await signInOverApi(running, 'admin');
    const repaired = await admin.apiJson<ScoresReply>(
      `/api/performance/scores?unitId=street-xinhua&period=${PERIOD}&fresh=true`,
    );
    expect(repaired.scores.find((s) => s.indicatorId === 'ind-econ-1-1')!.points).not.toBe(-1);
    expect(figures(repaired)).toEqual(figures(incremental.get('street-xinhua')!));
    await stop();
    const after = await openStore(`file:${join(dir, 'baton.db')}`);
    expect((await after.read('SELECT count(*) AS n FROM score_recompute_pending'))[0]!.n).toBe(0);
    await after.close();
  }, 240_000);

  it('leaves the projection equal to a full recompute from the ledger', async () => {
    await stop();
    // Without a projection, a starting process scores the whole ledger and writes every row.
    const db = await openStore(`file:${join(dir, 'baton.db')}`);
    await db.write('DELETE FROM score_projection');
    await db.write('DELETE FROM result_projection');
    await db.close();
    const running = await start();
    const admin = await signInOverApi(running, 'admin');
    const full = await allScores(admin, unitIds);
    expect(full.size).toBe(incremental.size);
    expect(full.size).toBeGreaterThan(10);
    for (const unitId of unitIds)
      expect(figures(full.get(unitId)!), unitId).toEqual(figures(incremental.get(unitId)!));
  }, 240_000);
});
