/**
 * @module What-ifs evaluate off the event loop, bounded by steps and time, through the real server
 * process: a hostile draft fails its job with `whatIf.timeout` (or `rule.budget_exceeded`) while
 * `/api/health` keeps answering, and an ordinary draft still gets its result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nightNoiseCase } from '../support/case-bodies.ts';
import { type LiveSession, signInOverApi, until } from '../support/live-session.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const NOW = '2026-11-25T10:00:00+08:00';
/** The time limit the server is started with (the default is 120 s). */
const TIMEOUT_MS = 15_000;
const CHANGED = 'ind-econ-1-1';
/**
 * Each health probe must answer within this. A loop blocked by the hostile rule stays blocked for its whole
 * run (tens of seconds); the bound is loose so a full parallel `npm test` on 2 cores does not trip it
 * (a loaded run measured 690 ms for one probe). Latency itself is measured by `npm run bench`.
 */
const HEALTH_BOUND_MS = 2_000;

type Doc = Record<string, any>;
type Job = {
  id: string;
  status: 'running' | 'done' | 'failed';
  progress: { done: number; total: number };
  result: any;
  error: { code: string; message: string; text?: { en: string; zh: string } } | null;
};

let server: RunningServer;
let admin: LiveSession;
let published: { ruleSetId: string; number: number; content: Doc };

beforeAll(async () => {
  server = await startServer({ env: { BATON_NOW: NOW, BATON_WHATIF_TIMEOUT_MS: String(TIMEOUT_MS) } });
  admin = await signInOverApi(server, 'admin');
  const active = await admin.apiJson<{ ruleSetId: string; number: number }>(
    `/api/rule-sets/active?at=${NOW.slice(0, 10)}`,
  );
  const version = await admin.apiJson<{ content: Doc }>(
    `/api/rule-sets/${active.ruleSetId}/versions/${active.number}`,
  );
  published = { ...active, content: version.content };
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

/** A new rule set (draft v1) copying the version in force, with `CHANGED`'s scoring rule replaced. */
async function draftWith(id: string, scoringRule: unknown): Promise<number> {
  const content = structuredClone(published.content);
  content.id = id;
  content.name = { zh: `测算草案 ${id}`, en: `What-if draft ${id}` };
  const indicator = (content.documents as Doc[]).find((d) => d.id === CHANGED);
  expect(indicator, CHANGED).toBeDefined();
  indicator!.scoringRule = scoringRule;
  delete indicator!.scoringRuleRef;
  const created = await admin.apiJson<{ number: number }>('/api/rule-sets', {
    method: 'POST',
    json: content,
  });
  return created.number;
}

const body = (id: string, n: number) => ({
  ruleSetId: published.ruleSetId,
  draftRuleSetId: id,
  draftVersion: n,
  periods: ['2026-10'],
});

async function startJob(id: string, n: number): Promise<Job> {
  const { status, text } = await admin.api('/api/performance/what-if/jobs', {
    method: 'POST',
    json: body(id, n),
  });
  expect(status, text).toBe(202);
  return JSON.parse(text) as Job;
}

/** One health probe: its latency in ms (the answer must be 200). */
async function healthLatency(): Promise<number> {
  const t0 = performance.now();
  const response = await fetch(`${server.url}/api/health`);
  await response.arrayBuffer();
  expect(response.status).toBe(200);
  return performance.now() - t0;
}

/** Polls the job to its end, probing /api/health between polls; returns the job and every probe's latency. */
async function finishWhileProbing(job: Job): Promise<{ job: Job; latencies: number[] }> {
  const latencies: number[] = [];
  const end = await until(
    async () => {
      latencies.push(await healthLatency());
      const seen = await admin.apiJson<Job>(`/api/jobs/${job.id}`);
      return seen.status === 'running' ? null : seen;
    },
    `what-if job ${job.id}`,
    120_000,
  );
  return { job: end, latencies };
}

/**
 * Loops of 1000 × 100 over a substring search, ~100 s per evaluation. The step budget charges the
 * search by the text's length (a step per 4 characters), but a needle like "ab" in a run of "a"s
 * is V8's slowest search (~10 ns a character), so the 1e9-step budget would last ~35 s: the time
 * limit stops the run first.
 */
function slowRule(): unknown {
  const outer = Array.from({ length: 1000 }, (_, i) => i);
  const xs = Array.from({ length: 100 }, (_, i) => i);
  const needle = 'ab';
  const haystack = 'a'.repeat(100_000);
  return {
    if: [{ some: [outer, { some: [xs, { in: [needle, { cat: [haystack, { var: 'current' }] }] }] }] }, 1, 0],
  };
}

/** The rule: map over 1e5 items of a reduce over 1e5 items (1e10 steps). */
function hugeRule(): unknown {
  const xs = Array.from({ length: 100_000 }, (_, i) => i % 10);
  return {
    reduce: [
      { map: [xs, { reduce: [xs, { '+': [{ var: 'accumulator' }, { var: 'current' }] }, 0] }] },
      { '+': [{ var: 'accumulator' }, { var: 'current' }] },
      0,
    ],
  };
}

describe('bounded what-if on the real server', () => {
  it('computes an ordinary draft in the worker: the halved indicator lowers scores', async () => {
    const n = await draftWith('whatif-halved', {
      '*': [0.5, (published.content.documents as Doc[]).find((d) => d.id === CHANGED)!.scoringRule],
    });
    const { job } = await finishWhileProbing(await startJob('whatif-halved', n));
    expect(job.error).toBeNull();
    expect(job.status).toBe('done');
    expect(job.result.maxAbsDelta).toBeGreaterThan(0);
    const units = job.result.units as { historyPeriod: string; delta: number | null }[];
    expect(units.length).toBeGreaterThan(0);
    expect(units.every((u) => u.historyPeriod === '2026-10')).toBe(true);
    expect(units.some((u) => u.delta !== null && u.delta < 0)).toBe(true);
    expect(units.every((u) => u.delta === null || u.delta <= 1e-9)).toBe(true);
  }, 120_000);

  it('stops a draft whose rule runs too long: the job fails with whatIf.timeout while /api/health keeps answering', async () => {
    const n = await draftWith('whatif-slow', slowRule());
    const started = performance.now();
    const { job, latencies } = await finishWhileProbing(await startJob('whatif-slow', n));
    const took = performance.now() - started;
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('whatIf.timeout');
    expect(job.error?.text?.zh).toContain('模拟测算超过');
    expect(job.error?.text?.en).toContain('was stopped');
    // The run was cut at its limit, not left to finish (76 units × ~4 s each).
    expect(took).toBeGreaterThanOrEqual(TIMEOUT_MS - 500);
    expect(took).toBeLessThan(90_000);
    // The server answered throughout: many probes, none held up by the rule.
    console.info(
      `health while the what-if ran: ${latencies.length} probes, max ${Math.round(Math.max(...latencies))} ms`,
    );
    expect(latencies.length).toBeGreaterThan(5);
    expect(Math.max(...latencies)).toBeLessThan(HEALTH_BOUND_MS);
  }, 120_000);

  it('fails a draft over its step budget with rule.budget_exceeded, as a job and when awaited (422)', async () => {
    const n = await draftWith('whatif-huge', hugeRule());
    const { job, latencies } = await finishWhileProbing(await startJob('whatif-huge', n));
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('rule.budget_exceeded');
    expect(Math.max(...latencies)).toBeLessThan(HEALTH_BOUND_MS);

    const awaited = await admin.api('/api/performance/what-if', {
      method: 'POST',
      json: body('whatif-huge', n),
    });
    expect(awaited.status).toBe(422);
    expect(JSON.parse(awaited.text).error.code).toBe('rule.budget_exceeded');
  }, 120_000);

  it('replays cases in the worker, and stops a draft whose routing input runs too long', async () => {
    const dispatcher = await signInOverApi(server, 'dispatcher');
    for (const text of ['楼下工地夜间打桩施工噪音很大', '隔壁工地打桩噪音']) {
      const { status, text: answer } = await dispatcher.api('/api/cases', {
        method: 'POST',
        json: nightNoiseCase(text),
      });
      expect(status, answer).toBe(201);
    }
    const { ruleSetId } = published;
    const draft = await admin.apiJson<{ number: number; revision: number; content: Doc }>(
      `/api/rule-sets/${ruleSetId}/drafts`,
      { method: 'POST', json: { basedOn: published.number } },
    );
    const casesJob = async (): Promise<Job> => {
      const { status, text } = await admin.api(
        `/api/rule-sets/${ruleSetId}/versions/${draft.number}/what-if/cases`,
        { method: 'POST', json: { months: 1 } },
      );
      expect(status, text).toBe(202);
      return JSON.parse(text) as Job;
    };

    // The unchanged draft: every case replayed in the worker, none moved.
    const same = await finishWhileProbing(await casesJob());
    expect(same.job.error).toBeNull();
    expect(same.job.status).toBe('done');
    expect(same.job.result.totals.cases).toBeGreaterThanOrEqual(2);
    expect(same.job.result.totals.moved).toBe(0);
    expect(same.job.result.failures.count).toBe(0);

    // A routing input whose expression searches a long text 100,000 times per case (~100 s each, far
    // beyond the time limit even for two cases on a fast machine).
    const routing = (draft.content.documents as Doc[]).find((d) => d.kind === 'routingTable')!;
    const hostile = structuredClone(routing);
    const outer = Array.from({ length: 1000 }, (_, i) => i);
    const xs = Array.from({ length: 100 }, (_, i) => i);
    const danger = (hostile.table.inputs as Doc[]).find((i) => i.type === 'boolean')!;
    danger.expression = {
      some: [outer, { some: [xs, { in: ['ab', { cat: ['a'.repeat(100_000), { var: 'current' }] }] }] }],
    };
    await admin.apiJson(
      `/api/rule-sets/${ruleSetId}/versions/${draft.number}/documents/routingTable/${routing.id}`,
      {
        method: 'PUT',
        json: { revision: draft.revision, document: hostile },
      },
    );
    const slow = await finishWhileProbing(await casesJob());
    expect(slow.job.status).toBe('failed');
    expect(slow.job.error?.code).toBe('whatIf.timeout');
    expect(slow.latencies.length).toBeGreaterThan(5);
    expect(Math.max(...slow.latencies)).toBeLessThan(HEALTH_BOUND_MS);
  }, 180_000);

  it('runs again after a run was stopped (a fresh worker)', async () => {
    const n = await draftWith(
      'whatif-again',
      (published.content.documents as Doc[]).find((d) => d.id === CHANGED)!.scoringRule,
    );
    const { job } = await finishWhileProbing(await startJob('whatif-again', n));
    expect(job.error).toBeNull();
    expect(job.status).toBe('done');
    // The same rules as in force: nothing moves.
    expect(job.result.maxAbsDelta).toBe(0);
  }, 120_000);
});
