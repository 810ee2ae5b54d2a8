/**
 * @module Two Baton nodes (real `bin/start.js` processes) on one real libSQL server (sqld): intake and
 * form entries through both, reads agreeing on both, outbox deliveries exactly once across nodes, and
 * a node killed with SIGKILL under load losing no acknowledged write.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveSession, setUpPlugin, signInOverApi, until } from '../support/live-session.ts';
import { type OutsideSystem, startOutsideSystem } from '../support/outside-system.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { type RunningSqld, startSqld } from './sqld.ts';

const NOW = '2026-11-25T10:00:00+08:00';
const SMS_KEY = 'sms-two-nodes-key-0123456789';
const USERS = ['admin', 'admin2', 'dispatcher', 'street_user'] as const;
type User = (typeof USERS)[number];

let sqld: RunningSqld;
let sms: OutsideSystem;
const nodes: RunningServer[] = [];
const as: Record<'a' | 'b', Record<User, LiveSession>> = { a: {} as never, b: {} as never };

// One server secret for every node, as docs/deploy.md requires (plugin credentials, query passwords).
const SECRET_KEY = randomBytes(32).toString('hex');

const nodeEnv = (id: string, dbUrl: string): Record<string, string> => ({
  BATON_DB_URL: dbUrl,
  BATON_SECRET_KEY: SECRET_KEY,
  BATON_NOW: NOW,
  BATON_NODE_ID: id,
  BATON_OUTBOX_BASE_DELAY_MS: '300',
  BATON_OUTBOX_MAX_DELAY_MS: '1000',
  BATON_OUTBOX_POLL_MS: '100',
  BATON_PLUGIN_TIMEOUT_MS: '2000',
});

beforeAll(async () => {
  [sqld, sms] = await Promise.all([startSqld(), startOutsideSystem('sms-gateway', { SMS_API_KEY: SMS_KEY })]);
  // Node A seeds the district (and a year of ledger history) into sqld; node B starts on it afterwards.
  const a = await startServer({ env: nodeEnv('node-a', sqld.url), timeoutMs: 110_000 });
  nodes.push(a);
  const b = await startServer({ env: { ...nodeEnv('node-b', sqld.url), BATON_SEED: 'none' } });
  nodes.push(b);
  for (const user of USERS) {
    as.a[user] = await signInOverApi(a, user);
    as.b[user] = await signInOverApi({ ...b, passwords: a.passwords }, user);
  }
}, 240_000);

afterAll(async () => {
  // BATON_SQLD_LOGS=<file> keeps both nodes' logs for a failed run.
  if (process.env.BATON_SQLD_LOGS)
    writeFileSync(process.env.BATON_SQLD_LOGS, nodes.map((n) => n.logs()).join('\n=====\n'));
  await Promise.all([...nodes.map((n) => n.stop()), sms?.stop()]);
  await sqld?.stop();
});

let phone = 0;
const intakeBody = () => ({
  channel: 'hotline',
  category: 'environment.noise',
  text: `夜间施工噪音扰民，第 ${++phone} 次反映`,
  data: { period: '夜间（22时至次日6时）' },
  location: { streetId: 'street-xinhua' },
  requester: { phone: `1390000${String(phone).padStart(4, '0')}` },
});

const intake = async (node: 'a' | 'b') => {
  const { status, text } = await as[node].dispatcher.api('/api/cases', {
    method: 'POST',
    json: intakeBody(),
  });
  expect(status, text).toBe(201);
  return (JSON.parse(text) as { case: { id: string; number: string } }).case;
};

interface ScoreReply {
  ruleSet: string;
  scores: { points: number; status: string }[];
}
const scoreOn = async (node: 'a' | 'b') =>
  (
    await as[node].admin.apiJson<ScoreReply>(
      '/api/performance/scores?unitId=street-xinhua&period=2026-11&indicatorId=ind-econ-1-1',
    )
  ).scores[0]?.points;

/** Xinhua street's total in the November ranking: computed from the node's in-memory scoring state. */
const totalOn = async (node: 'a' | 'b') => {
  const reply = await as[node].admin.apiJson<{ groups: { rows: { unitId: string; total: number }[] }[] }>(
    '/api/performance/rankings?period=2026-11',
  );
  return reply.groups.flatMap((g) => g.rows).find((r) => r.unitId === 'street-xinhua')?.total;
};

describe('two Baton nodes on one sqld', () => {
  it('takes cases in through both nodes; each reads the other’s at once', async () => {
    const fromA = await intake('a');
    const fromB = await intake('b');
    expect(fromA.number).not.toBe(fromB.number);
    for (const [node, c] of [
      ['b', fromA],
      ['a', fromB],
    ] as const) {
      const read = await as[node].dispatcher.apiJson<{ id: string; number: string }>(`/api/cases/${c.id}`);
      expect(read).toMatchObject({ id: c.id, number: c.number });
    }
  });

  it('takes form entries through both nodes; scores and each node’s in-memory rankings agree (polled, no timing assertion)', async () => {
    // Both nodes have built the scoring state of the version in force before either entry: rankings
    // come from that per-node state, scores from the projection table.
    const before = await totalOn('a');
    expect(await totalOn('b')).toBe(before);
    for (const [writer, reader, done] of [
      ['a', 'b', 4000],
      ['b', 'a', 1000],
    ] as const) {
      // `wait`: the writer answers once its background recompute wrote the projection.
      const { status, text } = await as[writer].street_user.api('/api/performance/entries?wait=true', {
        method: 'POST',
        json: { indicatorId: 'ind-econ-1-1', period: '2026-11', values: { done } },
      });
      expect(status, text).toBe(201);
      const written = { score: await scoreOn(writer), total: await totalOn(writer) };
      const entries = await as[reader].street_user.apiJson<{ items: { values: { done: number } }[] }>(
        '/api/performance/entries?indicatorId=ind-econ-1-1&period=2026-11',
      );
      expect(entries.items[0]?.values.done).toBe(done);
      expect(await scoreOn(reader)).toBe(written.score);
      const started = performance.now();
      await until(
        async () => (await totalOn(reader)) === written.total,
        `the ranking on node ${reader}`,
        20_000,
      );
      console.info(
        `ranking total written on ${writer} seen on ${reader} after ${Math.round(performance.now() - started)} ms`,
      );
    }
    // The two entries moved the total, so agreeing was not agreeing on an unchanged number.
    expect(await totalOn('a')).not.toBe(before);
  }, 60_000);

  it('a version published on one node is in force on the other (bound: the published stamp, checked at most every 1 s)', async () => {
    const active = await as.a.admin.apiJson<{ ruleSetId: string; number: number }>(
      '/api/rule-sets/active?at=2026-11-25',
    );
    const draft = await as.a.admin.apiJson<{ number: number }>(`/api/rule-sets/${active.ruleSetId}/drafts`, {
      method: 'POST',
      json: { basedOn: active.number },
    });
    const base = `/api/rule-sets/${active.ruleSetId}/versions/${draft.number}`;
    await as.a.admin.apiJson(`${base}/submit`, { method: 'POST', json: {} });
    await as.b.admin2.apiJson(`${base}/approve`, { method: 'POST', json: {} });
    await as.a.admin.apiJson(`${base}/publish`, { method: 'POST', json: {} });
    const started = performance.now();
    const seen = await until(async () => {
      const now = await as.b.admin.apiJson<{ number: number }>('/api/rule-sets/active?at=2026-11-25');
      return now.number === draft.number ? now : null;
    }, 'the new version on node b');
    const elapsed = Math.round(performance.now() - started);
    console.info(`version published on a in force on b after ${elapsed} ms`);
    expect(seen.number).toBe(draft.number);
    // A generous ceiling over the 1 s check (requests on a loaded machine take their time).
    expect(elapsed).toBeLessThan(4_000);
  });

  it('delivers each outbox event exactly once although both nodes run the outbox worker', async () => {
    await setUpPlugin(as.a.admin, {
      name: 'sms',
      config: { baseUrl: sms.url, signName: '测试区' },
      credentials: { apiKey: SMS_KEY },
      grantPersonalData: ['requesterPhone'],
    });
    const cases = [];
    for (let i = 0; i < 10; i++) cases.push(await intake(i % 2 === 0 ? 'a' : 'b'));
    type Delivery = { id: string; status: string };
    const delivered = await until(async () => {
      const list = await as.b.admin.apiJson<Delivery[]>('/api/plugins/deliveries?plugin=sms&limit=1000');
      return list.length >= cases.length && list.every((d) => d.status === 'delivered') ? list : null;
    }, 'every SMS delivered');
    const received = await sms.admin<{ keyCounts: Record<string, number>; messages: { text: string }[] }>(
      'received',
    );
    for (const d of delivered) expect(received.keyCounts[d.id], d.id).toBe(1);
    expect(Object.keys(received.keyCounts).sort()).toEqual(delivered.map((d) => d.id).sort());
    for (const c of cases) expect(received.messages.filter((m) => m.text.includes(c.number))).toHaveLength(1);
  });

  it('loses no acknowledged write when a node is killed with SIGKILL under load', async () => {
    const acknowledged: { id: string; number: string }[] = [];
    let killed = false;
    let failedAfterKill = 0;
    const stream = async () => {
      while (!killed || acknowledged.length === 0) {
        try {
          const { status, text } = await as.a.dispatcher.api('/api/cases', {
            method: 'POST',
            json: intakeBody(),
          });
          if (status === 201)
            acknowledged.push((JSON.parse(text) as { case: { id: string; number: string } }).case);
        } catch {
          failedAfterKill++;
          return;
        }
      }
    };
    const streams = Array.from({ length: 6 }, stream);
    await until(async () => acknowledged.length >= 30, '30 acknowledged intakes before the kill', 60_000);
    const exited = new Promise((r) => nodes[0]!.process.once('exit', r));
    nodes[0]!.process.kill('SIGKILL');
    killed = true;
    await Promise.all([...streams, exited]);
    expect(nodes[0]!.process.signalCode).toBe('SIGKILL');
    expect(failedAfterKill).toBeGreaterThan(0);
    console.info(
      `${acknowledged.length} intakes acknowledged by node a before its SIGKILL; all read back on b`,
    );
    for (const c of acknowledged) {
      const read = await as.b.dispatcher.apiJson<{ id: string; number: string }>(`/api/cases/${c.id}`);
      expect(read).toMatchObject({ id: c.id, number: c.number });
    }
    // Node b keeps taking writes on the same database.
    const after = await intake('b');
    expect(acknowledged.map((c) => c.number)).not.toContain(after.number);
  });

  it('runs each deadline notice once when two later nodes both run the deadline worker', async () => {
    // A gas leak (24×7 clock, sign-for due in 30 minutes) taken in and dispatched on node b now…
    const received = await as.b.dispatcher.apiJson<{ case: { id: string } }>('/api/cases', {
      method: 'POST',
      json: {
        channel: 'hotline',
        category: 'utilities.gas',
        text: '楼道里燃气泄漏，气味很浓',
        data: { smellGas: true },
      },
    });
    const id = received.case.id;
    await as.b.dispatcher.apiJson(`/api/cases/${id}/actions/dispatch`, {
      method: 'POST',
      json: { input: {} },
    });
    // …is overdue for two more nodes started a day later on the same database, both with deadline workers.
    const later = { BATON_NOW: '2026-11-26T12:00:00+08:00', BATON_SEED: 'none' };
    const [c, d] = await Promise.all([
      startServer({ env: { ...nodeEnv('node-c', sqld.url), ...later } }),
      startServer({ env: { ...nodeEnv('node-d', sqld.url), ...later } }),
    ]);
    nodes.push(c, d);
    const supervisor = await signInOverApi({ ...c, passwords: nodes[0]!.passwords }, 'supervisor');
    const ladder = async () =>
      (
        await supervisor.apiJson<{ history: { type: string; payload: { step?: string } }[] }>(
          `/api/cases/${id}`,
        )
      ).history
        .filter((e) => e.type === 'reminded' || e.type === 'escalated')
        .map((e) => `${e.type}:${e.payload.step}`);
    const steps = await until(async () => {
      const now = await ladder();
      return now.length >= 2 ? now : null;
    }, 'the overdue ladder on the gas leak');
    // Both workers have had their first pass (each node runs one at start); no step was recorded twice.
    await until(
      async () => c.logs().includes('"listening"') && d.logs().includes('"listening"'),
      'both later nodes up',
    );
    const final = await ladder();
    expect(new Set(final).size).toBe(final.length);
    expect(final.slice(0, steps.length)).toEqual(steps);
    expect(final).toContain('reminded:remind');
  }, 180_000);
});
