/** @module Body limits per route class (checked before auth and parsing) and non-finite numbers refused at the route layer (issue 13). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/api-app.ts';
import { fixtureRuleSet, hostileRuleSet } from '../support/hostile-rule-set.ts';

let t: TestApp;
let admin: { cookie: string; csrfToken: string };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(async () => {
  await t.close();
});

const send = (
  path: string,
  init: { method?: string; body?: string; as?: 'admin'; headers?: Record<string, string> } = {},
) =>
  t.app.request(path, {
    method: init.method ?? 'POST',
    headers: {
      'accept-language': 'en',
      'x-forwarded-for': '203.0.113.9',
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.as === 'admin' ? { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken } : {}),
      ...init.headers,
    },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });

const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; path?: string } }).error;

describe('body limits', () => {
  it('refuses a declared Content-Length over the limit before authentication', async () => {
    const response = await send('/api/rule-sets', {
      body: '{}',
      headers: { 'content-length': String(9 * 1024 * 1024) },
    });
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('request.too_large');
  });

  it('checks authentication before reading the body of a keyed route', async () => {
    const response = await send('/api/rule-sets', { body: '{"broken' });
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('auth.required');
  });

  it('lets rule-set content routes take more than the default 1 MiB, and no other route', async () => {
    const big = JSON.stringify({ ...fixtureRuleSet(), padding: 'x'.repeat(1536 * 1024) });
    const validate = await send('/api/rule-sets/validate', { body: big, as: 'admin' });
    expect(validate.status).toBe(200);
    expect(((await validate.json()) as { ok: boolean }).ok).toBe(false);
    const login = await send('/api/auth/login', { body: big });
    expect(login.status).toBe(413);
    const tooBig = JSON.stringify({ padding: 'x'.repeat(9 * 1024 * 1024) });
    const refused = await send('/api/rule-sets/validate', { body: tooBig, as: 'admin' });
    expect(refused.status).toBe(413);
  }, 60_000);
});

describe('non-finite and out-of-range numbers', () => {
  it('answers 1e309 and unsafe integers in query and path with 400 request.invalid', async () => {
    for (const [path, at] of [
      ['/api/cases?offset=1e309', '/query/offset'],
      ['/api/cases?offset=1e20', '/query/offset'],
      ['/api/audit?offset=Infinity', '/query/offset'],
      ['/api/rule-sets/district-2026/versions/1e309', '/params/n'],
    ] as const) {
      const response = await send(path, { method: 'GET', as: 'admin' });
      expect(response.status, path).toBe(400);
      const error = await errorOf(response);
      expect(error.code, path).toBe('request.invalid');
      expect(error.path, path).toBe(at);
    }
  });

  it('answers 1e309 in a JSON body with 400 request.invalid at its path', async () => {
    const response = await send('/api/rule-sets/district-2026/drafts', {
      body: '{"basedOn":1e309}',
      as: 'admin',
    });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 'request.invalid', path: '/basedOn' });
  });
});

describe('bounded rule-set validation', () => {
  it('answers a small hostile rule set with 422 rule.budget_exceeded on the request thread', async () => {
    // 3000 × 3000 steps: small enough to be checked inline, over the check's budget.
    const body = JSON.stringify(hostileRuleSet(3000));
    expect(body.length).toBeLessThan(64 * 1024);
    const response = await send('/api/rule-sets/validate', { body, as: 'admin' });
    expect(response.status).toBe(422);
    expect((await errorOf(response)).code).toBe('rule.budget_exceeded');
  });

  it('answers a large hostile rule set with 422 rule.budget_exceeded from the worker', async () => {
    const response = await send('/api/rule-sets/validate', {
      body: JSON.stringify(hostileRuleSet()),
      as: 'admin',
    });
    expect(response.status).toBe(422);
    expect((await errorOf(response)).code).toBe('rule.budget_exceeded');
  }, 60_000);
});

describe('request step budget', () => {
  it('bounds all the rule work of one request across awaits: 422 rule.budget_exceeded', async () => {
    const { defineRoute } = await import('../../engine/adapters/http/route.ts');
    const { compile } = await import('../../engine/core/rule-language.ts');
    const rule = compile({ map: [{ var: 'xs' }, { '+': [{ var: '' }, 1] }] });
    let caught = 0;
    const app = await createTestApp({
      routes: [
        defineRoute({
          method: 'get',
          path: '/api/test/loops',
          permission: 'public',
          summary: 'Evaluates a looping rule ten times, awaiting between, swallowing rule errors',
          tags: ['test'],
          ruleSteps: 500,
          responses: { 200: { description: 'done' } },
          handler: async () => {
            for (let i = 0; i < 10; i++) {
              await new Promise((r) => setTimeout(r, 1));
              try {
                rule({ xs: Array.from({ length: 20 }, (_, j) => j) });
              } catch {
                caught++;
              }
            }
            return { ok: true };
          },
        }),
      ],
    });
    try {
      // Each evaluation: 20 items × weight 3 + 1 = 61 steps; 500 last eight of them.
      const response = await app.app.request('/api/test/loops', { headers: { 'accept-language': 'en' } });
      expect(response.status).toBe(422);
      expect((await errorOf(response)).code).toBe('rule.budget_exceeded');
      expect(caught).toBe(2);
    } finally {
      await app.close();
    }
  });
});
