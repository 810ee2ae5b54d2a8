/** @module Throttles against a real server process: concurrent guesses are reserved atomically, backoff is per (account, IP), proxies are trusted by hops, and nobody is locked out by a stranger. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOverApi } from '../support/live-session.ts';
import { type RunningServer, startServer } from '../support/server.ts';

let server: RunningServer;
beforeAll(async () => {
  // One trusted proxy hop: the client is the rightmost X-Forwarded-For entry. The clock is the test's own.
  server = await startServer({
    env: { BATON_TRUST_PROXY: '1', BATON_NOW: '2026-11-25T10:00:00+08:00' },
  });
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

const login = (username: string, password: string, forwardedFor: string) =>
  fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ username, password }),
  });

const lookup = (number: string, password: string, forwardedFor: string) =>
  fetch(`${server.url}/api/public/cases/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ number, password }),
  });

interface AuditItem {
  action: string;
  details: Record<string, unknown>;
}

describe('sign-in flood from one address', () => {
  it('evaluates at most the 5 free guesses (plus one per elapsed backoff step) of 200 concurrent ones; the rest get 429 with Retry-After', async () => {
    const attacker = '203.0.113.5';
    const started = performance.now();
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => login('admin', `wrong-${i}`, attacker)),
    );
    const elapsedSeconds = (performance.now() - started) / 1000;
    const statuses = responses.map((r) => r.status);
    const evaluated = statuses.filter((s) => s === 401).length;
    const throttled = responses.filter((r) => r.status === 429);
    // Bound: 5 free failures per (account, IP); after that one more only each time the doubling
    // wait (1 s, 2 s, 4 s, …) has passed since the latest failure, i.e. 5 + log2(1 + elapsed s).
    expect(evaluated).toBeGreaterThanOrEqual(1);
    expect(evaluated).toBeLessThanOrEqual(5 + Math.floor(Math.log2(1 + elapsedSeconds)));
    expect(evaluated + throttled.length).toBe(200);
    for (const response of throttled) {
      const retryAfter = Number(response.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      const body = (await response.json()) as { error: { code: string } };
      expect(body.error.code).toBe('auth.throttled');
    }

    // A rotated, client-chosen leftmost X-Forwarded-For does not make a new address.
    for (let i = 0; i < 5; i++) {
      const rotated = await login('admin', server.passwords.admin!, `10.66.0.${i}, ${attacker}`);
      expect(rotated.status).toBe(429);
      expect(Number(rotated.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }

    // The admin signs in from another address during the flood: no account lockout.
    const admin = await login('admin', server.passwords.admin!, '198.51.100.2');
    expect(admin.status).toBe(200);

    // The flood is audited as a handful of rows, not 200.
    const session = await signInOverApi(server, 'admin');
    const audit = await session.apiJson<{ items: AuditItem[] }>(
      '/api/audit?target=username%3Aadmin&limit=500',
    );
    const fromAttacker = audit.items.filter((r) => r.details?.ip === attacker);
    expect(fromAttacker.filter((r) => r.action === 'auth.loginFailed')).toHaveLength(evaluated);
    const throttledRows = fromAttacker.filter((r) => r.action === 'auth.loginThrottled');
    expect(throttledRows.length).toBeGreaterThanOrEqual(1);
    expect(throttledRows.length).toBeLessThanOrEqual(evaluated);
  }, 120_000);
});

describe('citizen lookup', () => {
  it('still finds the citizen’s case after a stranger’s wrong guesses from another address', async () => {
    const dispatcher = await signInOverApi(server, 'dispatcher');
    const created = await dispatcher.apiJson<{ case: { number: string }; queryPassword: string }>(
      '/api/cases',
      {
        method: 'POST',
        json: { channel: 'hotline', category: 'consult.policy', text: '咨询居住证办理流程（限流测试）' },
      },
    );
    const { number } = created.case;
    const wrong = created.queryPassword === '000000' ? '000001' : '000000';
    const stranger = '203.0.113.77';
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await lookup(number, wrong, stranger)).status);
    expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    // The stranger's address stays backed off, even with the right password or a rotated leftmost entry.
    const rotated = await lookup(number, created.queryPassword, `10.1.2.3, ${stranger}`);
    expect(rotated.status).toBe(429);
    expect(Number(rotated.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    const citizen = await lookup(number, created.queryPassword, '198.51.100.30');
    expect(citizen.status).toBe(200);
    const body = (await citizen.json()) as { number: string };
    expect(body.number).toBe(number);
  }, 60_000);
});
