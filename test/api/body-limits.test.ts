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
