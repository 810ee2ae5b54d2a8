/**
 * @module Seeded fuzzer (issue 13): every route of a real server's /openapi.json, anonymous and as
 * admin, gets hostile variants (wrong types, 1e309, huge and negative numbers, deep nesting, long
 * strings, null bodies, unknown ids, bad JSON); no answer may be a 5xx, and every error is the JSON
 * `{error:{code,message}}`. Also: a hostile rule set posted to validate neither blocks the server
 * nor succeeds. Set FUZZ_SEED to replay a run, FUZZ_VARIANTS for more variants per route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom as generator } from '../../seeds/generators/random.ts';
import { hostileRuleSet } from '../support/hostile-rule-set.ts';
import { signInOverApi, type LiveSession } from '../support/live-session.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const VARIANTS = Number(process.env.FUZZ_VARIANTS ?? 6);

const deep = (levels: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = i % 2 === 0 ? [v] : { a: v };
  return v;
};

/** Hostile path and query values (as text). */
const HOSTILE_TEXT = [
  'no-such-id-7f3a',
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '99999999999999999999',
  '1.5',
  '',
  'x'.repeat(4000),
  '../../etc/passwd',
  '%00',
  '\u202e\u0000',
  'null',
  'true',
  '[]',
  '{}',
  '2026-13-45',
  '中文标识',
];

/** Hostile JSON values, for fields and whole bodies. */
const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  -1,
  0,
  1.5,
  1e20,
  -1e20,
  Number.MAX_SAFE_INTEGER + 2,
  'x'.repeat(20_000),
  '',
  'no-such-id-7f3a',
  [],
  {},
  [null],
  { a: null },
  deep(40),
];

/** Raw bodies that are not a JSON value JSON.stringify would write. */
const RAW_BODIES = ['null', '1e309', '-1e309', '[1e309]', '{"a":1e309}', '{', '', '"', '{"a":', '[[[[[[[['];

interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  query: Record<string, any>;
  bodySchema: Record<string, any> | null;
}

interface Attempt {
  method: string;
  url: string;
  body?: string;
  contentType?: string;
}

function operationsOf(openapi: any): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<any>(openapi.paths ?? {})) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params: any[] = op.parameters ?? [];
      out.push({
        method: method.toUpperCase(),
        path,
        // Every `{name}` of the path, declared as a parameter or not.
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!),
        query: Object.fromEntries(
          params.filter((p) => p.in === 'query').map((p) => [p.name, p.schema ?? {}]),
        ),
        bodySchema: op.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  }
  return out;
}

/** An object shaped like `schema` (its declared properties) with hostile values. */
function hostileObject(
  schema: Record<string, any>,
  pick: <T>(xs: readonly T[]) => T,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const properties = Object.keys(schema.properties ?? {});
  for (const name of properties) out[name] = pick(HOSTILE_VALUES);
  // Sometimes a field the schema does not know.
  if (properties.length === 0 || pick([true, false])) out.__proto__x = pick(HOSTILE_VALUES);
  return out;
}

function attemptsFor(op: Operation, random: () => number, count: number): Attempt[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const attempts: Attempt[] = [];
  for (let i = 0; i < count; i++) {
    let path = op.path;
    for (const name of op.pathParams)
      path = path.replace(`{${name}}`, encodeURIComponent(pick(HOSTILE_TEXT)));
    const query = new URLSearchParams();
    for (const name of Object.keys(op.query)) if (random() < 0.7) query.set(name, pick(HOSTILE_TEXT));
    if (random() < 0.2) query.set('unknownParam', pick(HOSTILE_TEXT));
    const qs = query.toString();
    const url = `${path}${qs ? `?${qs}` : ''}`;
    if (op.method === 'GET' || op.method === 'DELETE') {
      attempts.push({ method: op.method, url });
      continue;
    }
    const kind = random();
    let body: string;
    if (kind < 0.3) body = pick(RAW_BODIES);
    else if (kind < 0.55) body = JSON.stringify(pick(HOSTILE_VALUES));
    else body = JSON.stringify(hostileObject(op.bodySchema ?? {}, pick));
    const contentType =
      random() < 0.9 ? 'application/json' : pick(['text/plain', 'application/x-www-form-urlencoded']);
    attempts.push({ method: op.method, url, body, contentType });
  }
  return attempts;
}

/**
 * Whether `text` is the error body of the route: `{error:{code,message}}`, except under /open311,
 * whose clients expect the GeoReport v2 errors (`[{code,description}]`, or `<errors>` in XML).
 */
function isErrorBody(url: string, contentType: string | null, text: string): boolean {
  if (url.startsWith('/open311/')) {
    if (/xml/.test(contentType ?? '')) return /<errors>[\s\S]*<description>[\s\S]*<\/errors>/.test(text);
    try {
      const list = JSON.parse(text);
      return (
        Array.isArray(list) &&
        list.length > 0 &&
        list.every((e) => typeof e?.code === 'number' && typeof e?.description === 'string')
      );
    } catch {
      return false;
    }
  }
  if (!/application\/json/.test(contentType ?? '')) return false;
  try {
    const error = JSON.parse(text).error;
    return typeof error?.code === 'string' && typeof error?.message === 'string';
  } catch {
    return false;
  }
}

let server: RunningServer;
let admin: LiveSession;

beforeAll(async () => {
  server = await startServer();
  admin = await signInOverApi(server, 'admin');
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('fuzzer', () => {
  it('never answers a hostile request with a 5xx or a non-JSON error', async () => {
    const openapi = await (await fetch(`${server.url}/openapi.json`)).json();
    const operations = operationsOf(openapi);
    expect(operations.length).toBeGreaterThan(50);
    const random = generator(SEED);
    const failures: string[] = [];
    let sent = 0;
    for (const op of operations) {
      // Signing the fuzzing admin out would turn the rest of the run into anonymous requests.
      const identities = op.path === '/api/auth/logout' ? ['anonymous'] : ['anonymous', 'admin'];
      for (const identity of identities) {
        for (const attempt of attemptsFor(op, random, VARIANTS)) {
          const headers: Record<string, string> = { 'accept-language': 'en' };
          if (attempt.contentType) headers['content-type'] = attempt.contentType;
          if (identity === 'admin') {
            headers.cookie = admin.cookie;
            headers['x-csrf-token'] = admin.csrf;
          }
          const response = await fetch(`${server.url}${attempt.url}`, {
            method: attempt.method,
            headers,
            ...(attempt.body !== undefined ? { body: attempt.body } : {}),
          });
          sent++;
          const text = await response.text();
          const describe = () =>
            `seed ${SEED} ${identity} ${attempt.method} ${attempt.url.slice(0, 200)} ` +
            `body ${JSON.stringify((attempt.body ?? '').slice(0, 200))} → ${response.status} ${text.slice(0, 300)}`;
          if (response.status >= 500) {
            failures.push(describe());
            continue;
          }
          if (
            response.status >= 400 &&
            !isErrorBody(attempt.url, response.headers.get('content-type'), text)
          ) {
            failures.push(`not an error body: ${describe()}`);
          }
        }
      }
    }
    if (failures.length > 0) console.error(failures.join('\n'));
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(operations.length * VARIANTS);
    // The fuzzing admin is still signed in: the run exercised the authenticated routes.
    expect((await admin.api('/api/me')).status).toBe(200);
  }, 240_000);

  it('answers the outside probe’s non-finite and out-of-range numbers with 4xx errors', async () => {
    const probes: [string, string, unknown?][] = [
      ['GET', '/api/cases?offset=1e309'],
      ['GET', '/api/cases?offset=1e20'],
      ['GET', '/api/audit?offset=1e309'],
      ['GET', '/api/audit?offset=Infinity'],
      ['GET', '/api/rule-sets/district-2026/versions/1e309'],
      ['GET', '/api/rule-sets/district-2026/versions/1e309/bundle'],
      ['POST', '/api/rule-sets/district-2026/versions/1e309/submit', {}],
      ['POST', '/api/rule-sets/district-2026/versions/1e309/archive', {}],
      ['POST', '/api/rule-sets/district-2026/versions/1e309/restore', {}],
      ['POST', '/api/rule-sets/district-2026/drafts', '{"basedOn":1e309}'],
      ['POST', '/api/performance/what-if', '{"draftVersion":1e309}'],
      ['GET', '/api/performance/lights?unitId=1e309'],
      ['POST', '/api/rule-sets/validate', '{"name":-1e309}'],
    ];
    for (const [method, path, body] of probes) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          'accept-language': 'en',
          cookie: admin.cookie,
          'x-csrf-token': admin.csrf,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      const what = `${method} ${path} → ${response.status} ${text.slice(0, 200)}`;
      expect(response.status >= 400 && response.status < 500, what).toBe(true);
      expect(isErrorBody(path, response.headers.get('content-type'), text), what).toBe(true);
    }
  });

  it('keeps answering /api/health while a hostile rule set is validated, and refuses it', async () => {
    const body = JSON.stringify(hostileRuleSet());
    let pending = true;
    const hostile = fetch(`${server.url}/api/rule-sets/validate`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-language': 'en',
        cookie: admin.cookie,
        'x-csrf-token': admin.csrf,
      },
      body,
    }).then(async (response) => {
      pending = false;
      return { status: response.status, json: (await response.json()) as any };
    });
    const healthWhilePending: number[] = [];
    while (pending) {
      const health = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(30_000) });
      await health.arrayBuffer();
      if (pending) healthWhilePending.push(health.status);
      if (healthWhilePending.length >= 3) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const { status, json } = await hostile;
    expect(healthWhilePending.length).toBeGreaterThan(0);
    expect(healthWhilePending.every((s) => s === 200)).toBe(true);
    expect(status).toBe(422);
    expect(['rule.budget_exceeded', 'ruleset.check_timeout']).toContain(json.error.code);
  }, 120_000);
});
