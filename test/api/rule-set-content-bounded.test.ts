/**
 * @module The rule-set content routes run a draft's embedded tests on the event loop under a small,
 * size-aware step budget, through the real server process: saving, editing and reading a draft
 * whose embedded test runs a hostile rule answers at once with a `rule.budget_exceeded` issue (or
 * 422 for validate) while `/api/health` keeps answering, and a read does not run the tests again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveSession, signInOverApi } from '../support/live-session.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const NOW = '2026-11-25T10:00:00+08:00';
/**
 * Each health probe must answer within this. A loop blocked by the hostile rule stays blocked for its whole
 * run (tens of seconds); the bound is loose so a full parallel `npm test` on 2 cores does not trip it
 * (a loaded run measured 690 ms for one probe). Latency itself is measured by `npm run bench`.
 */
const HEALTH_BOUND_MS = 2_000;
const ID = 'hostile-tests';

type Doc = Record<string, any>;
type Issue = { path: string; code: string; message: string; messageZh?: string; severity?: string };

let server: RunningServer;
let admin: LiveSession;

beforeAll(async () => {
  server = await startServer({ env: { BATON_NOW: NOW } });
  admin = await signInOverApi(server, 'admin');
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

/**
 * 1000 × 100 searches of a 100,000-character text the rule builds each time: ~1e10 character
 * comparisons, a minute or more of work for one evaluation; the loops alone are only 1e5 steps.
 */
function hostileRule(needle: string): unknown {
  const outer = Array.from({ length: 1000 }, (_, i) => i);
  const xs = Array.from({ length: 100 }, (_, i) => i);
  return {
    some: [outer, { some: [xs, { in: [needle, { cat: ['a'.repeat(100_000), { var: 'current' }] }] }] }],
  };
}

function scoringRule(rule: unknown): Doc {
  return {
    kind: 'scoringRule',
    id: 'score-hostile',
    schemaVersion: 1,
    name: { zh: '恶意计分规则', en: 'Hostile scoring rule' },
    rule,
    tests: [{ name: 'never found', input: { entry: { done: 1 } }, expected: false }],
  };
}

function content(rule: unknown): Doc {
  return {
    kind: 'ruleSet',
    id: ID,
    schemaVersion: 1,
    name: { zh: '恶意内嵌测试', en: 'Hostile embedded test' },
    period: { from: '2027-01-01', to: '2027-12-31' },
    documents: [scoringRule(rule)],
  };
}

/** Sends one request while probing /api/health every few ms; returns its answer and the probes' latencies. */
async function whileProbing(
  send: () => Promise<{ status: number; text: string }>,
): Promise<{ status: number; body: any; took: number; latencies: number[] }> {
  const latencies: number[] = [];
  let done = false;
  const started = performance.now();
  const request = send().finally(() => {
    done = true;
  });
  const probing = (async () => {
    while (!done) {
      const t0 = performance.now();
      const response = await fetch(`${server.url}/api/health`);
      await response.arrayBuffer();
      expect(response.status).toBe(200);
      latencies.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const { status, text } = await request;
  const took = performance.now() - started;
  await probing;
  return { status, body: JSON.parse(text), took, latencies };
}

const budgetIssues = (issues: Issue[]) => issues.filter((i) => i.code === 'rule.budget_exceeded');

describe('rule-set content routes with a hostile embedded test', () => {
  let revision = 0;

  it('creates the draft at once with a rule.budget_exceeded issue while /api/health answers', async () => {
    const created = await whileProbing(() =>
      admin.api('/api/rule-sets', { method: 'POST', json: content(hostileRule('ab')) }),
    );
    expect(created.status, JSON.stringify(created.body).slice(0, 500)).toBe(201);
    const issues = created.body.issues as Issue[];
    expect(budgetIssues(issues)).toHaveLength(1);
    expect(budgetIssues(issues)[0]).toMatchObject({ path: '', severity: 'error' });
    expect(budgetIssues(issues)[0]!.messageZh).toContain('预算');
    // The test itself stopped with the budget error too.
    expect(issues.some((i) => i.path === '/documents/0/tests/0' && i.message.includes('budget'))).toBe(true);
    console.info(
      `create: ${Math.round(created.took)} ms; health: ${created.latencies.length} probes, max ${Math.round(Math.max(0, ...created.latencies))} ms`,
    );
    expect(created.took).toBeLessThan(10_000);
    expect(Math.max(0, ...created.latencies)).toBeLessThan(HEALTH_BOUND_MS);
    revision = created.body.revision;
  }, 60_000);

  it('reads the version with the same issues, without running the tests again', async () => {
    const read = await whileProbing(() => admin.api(`/api/rule-sets/${ID}/versions/1`));
    expect(read.status).toBe(200);
    expect(budgetIssues(read.body.issues)).toHaveLength(1);
    expect(Math.max(0, ...read.latencies)).toBeLessThan(HEALTH_BOUND_MS);
    // Cached by (version, revision, content hash): a second read is as fast as an ordinary one.
    const t0 = performance.now();
    const again = await admin.apiJson<{ issues: Issue[] }>(`/api/rule-sets/${ID}/versions/1`);
    expect(again.issues).toEqual(read.body.issues);
    expect(performance.now() - t0).toBeLessThan(HEALTH_BOUND_MS);
  }, 60_000);

  it('saves a document edit and the whole content with the issue; submitting is refused', async () => {
    const edited = await whileProbing(() =>
      admin.api(`/api/rule-sets/${ID}/versions/1/documents/scoringRule/score-hostile`, {
        method: 'PUT',
        json: { revision, document: scoringRule(hostileRule('zz')) },
      }),
    );
    expect(edited.status, JSON.stringify(edited.body).slice(0, 500)).toBe(200);
    expect(budgetIssues(edited.body.issues)).toHaveLength(1);
    expect(Math.max(0, ...edited.latencies)).toBeLessThan(HEALTH_BOUND_MS);

    const replaced = await whileProbing(() =>
      admin.api(`/api/rule-sets/${ID}/versions/1/content`, {
        method: 'PUT',
        json: { revision: edited.body.revision, content: content(hostileRule('yy')) },
      }),
    );
    expect(replaced.status, JSON.stringify(replaced.body).slice(0, 500)).toBe(200);
    expect(budgetIssues(replaced.body.issues)).toHaveLength(1);
    expect(Math.max(0, ...replaced.latencies)).toBeLessThan(HEALTH_BOUND_MS);

    const submit = await admin.api(`/api/rule-sets/${ID}/versions/1/submit`, {
      method: 'POST',
      json: { revision: replaced.body.revision },
    });
    expect(submit.status, submit.text).toBe(422);
    expect(JSON.parse(submit.text).error.code).toBe('ruleset.has_errors');
  }, 60_000);

  it('refuses to validate the content with 422 rule.budget_exceeded while /api/health answers', async () => {
    const validated = await whileProbing(() =>
      admin.api('/api/rule-sets/validate', { method: 'POST', json: content(hostileRule('ab')) }),
    );
    expect(validated.status).toBe(422);
    expect(validated.body.error.code).toBe('rule.budget_exceeded');
    expect(Math.max(0, ...validated.latencies)).toBeLessThan(HEALTH_BOUND_MS);
  }, 60_000);

  it('still reports an ordinary embedded test as before (a failing test is an issue, no budget issue)', async () => {
    const ordinary = content({ '*': [{ var: 'entry.done' }, 2] });
    ordinary.id = 'ordinary-tests';
    ordinary.documents[0].tests = [
      { name: 'doubles', input: { entry: { done: 3 } }, expected: 6 },
      { name: 'wrong on purpose', input: { entry: { done: 3 } }, expected: 7 },
    ];
    const created = await admin.apiJson<{ issues: Issue[] }>('/api/rule-sets', {
      method: 'POST',
      json: ordinary,
    });
    expect(budgetIssues(created.issues)).toHaveLength(0);
    const failed = created.issues.filter((i) => i.path.startsWith('/documents/0/tests/'));
    expect(failed.map((i) => [i.path, i.code])).toEqual([
      ['/documents/0/tests/1', 'scoringRule.test_failed'],
    ]);
  }, 60_000);
});
