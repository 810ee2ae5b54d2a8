/** @module Auth over HTTP: health, sessions and cookies, throttling, CSRF, API keys. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/api-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const MINUTE = 60_000;

describe('health', () => {
  it('reports ok with the version, the database state and the product clock', async () => {
    const response = await t.request('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      version: '9.9.9-test',
      db: 'ok',
      now: t.clock.now().toISOString(),
      today: '2026-03-02',
      timeZone: 'Asia/Shanghai',
    });
    // The clock is the test's: moving it moves what the server says, in the district's time zone.
    t.clock.advance(Date.parse('2026-03-02T16:30:00Z') - t.clock.now().getTime());
    expect(((await (await t.request('/api/health')).json()) as { today: string }).today).toBe('2026-03-03');
  });

  it('echoes a well-formed x-request-id and generates one otherwise', async () => {
    const echoed = await t.request('/api/health', { headers: { 'x-request-id': 'abc-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('abc-123');
    const generated = await t.request('/api/health', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('sessions', () => {
  it('answers an anonymous /api/me with 401 in Chinese by default and in English on request', async () => {
    const zh = await t.request('/api/me');
    expect(zh.status).toBe(401);
    expect(await zh.json()).toEqual({ error: { code: 'auth.required', message: '请先登录。' } });
    const en = await t.request('/api/me', { headers: { 'accept-language': 'en-US,en;q=0.9,zh;q=0.5' } });
    expect(await en.json()).toEqual({ error: { code: 'auth.required', message: 'Please sign in.' } });
    const zhPreferred = await t.request('/api/me', { headers: { 'accept-language': 'en;q=0.3, zh-CN' } });
    expect(((await zhPreferred.json()) as { error: { message: string } }).error.message).toBe('请先登录。');
  });

  it('signs in, sets a hardened session cookie and returns the user and a CSRF token', async () => {
    const response = await t.request('/api/auth/login', {
      method: 'POST',
      json: { username: 'admin', password: t.passwords.admin },
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^baton_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('Max-Age=43200');
    expect(cookie).not.toContain('Secure');
    const body = (await response.json()) as { user: Record<string, unknown>; csrfToken: string };
    expect(body.user).toMatchObject({ username: 'admin', roles: ['admin'], unitId: null });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const response = await t.app.request('https://baton.example/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: t.passwords.admin }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toContain('Secure');
  });

  it('stores only a hash of the session token', async () => {
    const { cookie } = await t.login('admin');
    const token = cookie.split('=')[1]!;
    const rows = await t.store.read('SELECT id FROM sessions');
    expect(rows).toHaveLength(1);
    expect(String(rows[0]!.id)).not.toBe(token);
    expect(String(rows[0]!.id)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('returns the user and the same CSRF token from /api/me', async () => {
    const { cookie, csrfToken } = await t.login('street_user');
    const response = await t.request('/api/me', { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      user: {
        id: expect.any(String),
        username: 'street_user',
        displayName: expect.any(String),
        roles: ['unit'],
        unitId: 'street-xinhua',
      },
      csrfToken,
    });
  });

  it('rejects a wrong password and an unknown user with the same 401', async () => {
    const wrong = await t.request('/api/auth/login', {
      method: 'POST',
      headers: { 'accept-language': 'en' },
      json: { username: 'admin', password: 'not-the-password' },
    });
    expect(wrong.status).toBe(401);
    const unknown = await t.request('/api/auth/login', {
      method: 'POST',
      headers: { 'accept-language': 'en' },
      json: { username: 'nobody', password: 'x' },
    });
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('expires a session after 12 hours', async () => {
    const { cookie } = await t.login('admin');
    t.clock.advance(12 * 60 * MINUTE - 1000);
    expect((await t.request('/api/me', { headers: { cookie } })).status).toBe(200);
    t.clock.advance(2000);
    expect((await t.request('/api/me', { headers: { cookie } })).status).toBe(401);
  });

  it('requires the CSRF header to sign out with a cookie, then forgets the session', async () => {
    const { cookie, csrfToken } = await t.login('admin');
    const missing = await t.request('/api/auth/logout', { method: 'POST', headers: { cookie } });
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('auth.csrf');
    const wrong = await t.request('/api/auth/logout', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': `${csrfToken}x` },
    });
    expect(wrong.status).toBe(403);
    const ok = await t.request('/api/auth/logout', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('set-cookie')).toMatch(/baton_session=;.*Max-Age=0/);
    expect((await t.request('/api/me', { headers: { cookie } })).status).toBe(401);
  });
});

describe('login throttling', () => {
  const attempt = (username: string, password: string, ip = '198.51.100.7') =>
    t.request('/api/auth/login', {
      method: 'POST',
      headers: { 'x-forwarded-for': ip },
      json: { username, password },
    });

  it('backs a (username, IP) pair off exponentially after 5 failures, even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('admin', 'wrong', '192.0.2.1')).status).toBe(401);
    const locked = await attempt('admin', t.passwords.admin!, '192.0.2.1');
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe('auth.throttled');
    expect(locked.headers.get('retry-after')).toBe('1');
    t.clock.advance(1000);
    expect((await attempt('admin', 'wrong', '192.0.2.1')).status).toBe(401);
    // The 6th failure doubles the wait to 2 s.
    t.clock.advance(1500);
    const again = await attempt('admin', t.passwords.admin!, '192.0.2.1');
    expect([again.status, again.headers.get('retry-after')]).toEqual([429, '1']);
    t.clock.advance(500);
    expect((await attempt('admin', t.passwords.admin!, '192.0.2.1')).status).toBe(200);
  });

  it('never locks the account: failures from elsewhere leave another address alone', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('admin', 'wrong', `192.0.2.${i}`)).status).toBe(401);
    for (let i = 0; i < 5; i++) expect((await attempt('admin', 'wrong', '192.0.2.66')).status).toBe(401);
    expect((await attempt('admin', 'wrong', '192.0.2.66')).status).toBe(429);
    expect((await attempt('admin', t.passwords.admin!, '192.0.2.99')).status).toBe(200);
  });

  it('backs an IP off after 20 failures across usernames, leaving other IPs alone', async () => {
    for (let i = 0; i < 20; i++) expect((await attempt(`user${i}`, 'wrong')).status).toBe(401);
    expect((await attempt('admin', t.passwords.admin!)).status).toBe(429);
    expect((await attempt('admin', t.passwords.admin!, '198.51.100.8')).status).toBe(200);
  });

  it('resets the pair’s count after a successful sign-in from that address', async () => {
    for (let i = 0; i < 4; i++) expect((await attempt('admin', 'wrong', '192.0.2.5')).status).toBe(401);
    expect((await attempt('admin', t.passwords.admin!, '192.0.2.5')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt('admin', 'wrong', '192.0.2.5')).status).toBe(401);
    expect((await attempt('admin', t.passwords.admin!, '192.0.2.5')).status).toBe(200);
  });

  it('forgets failures once the window has passed', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('admin', 'wrong', '192.0.2.7')).status).toBe(401);
    expect((await attempt('admin', 'wrong', '192.0.2.7')).status).toBe(429);
    t.clock.advance(15 * MINUTE + 1);
    expect((await attempt('admin', t.passwords.admin!, '192.0.2.7')).status).toBe(200);
  });
});

describe('API keys', () => {
  const createKey = async (body: unknown = { name: 'hotline bridge' }) => {
    const { cookie, csrfToken } = await t.login('admin');
    return t.request('/api/api-keys', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken },
      json: body,
    });
  };

  it('creates a key once, authenticates with it and never stores or lists the plaintext', async () => {
    const created = await createKey();
    expect(created.status).toBe(201);
    const { key, apiKey } = (await created.json()) as {
      key: string;
      apiKey: { prefix: string; roles: string[] };
    };
    expect(key).toMatch(/^bk_[0-9a-f]{8}_[0-9a-f]{64}$/);
    expect(key.startsWith(`bk_${apiKey.prefix}_`)).toBe(true);
    expect(apiKey.roles).toEqual(['plugin']);

    const units = await t.request('/api/units', { headers: { authorization: `Bearer ${key}` } });
    expect(units.status).toBe(200);
    expect(((await units.json()) as unknown[]).length).toBe(76);

    const secret = key.split('_')[2]!;
    const rows = await t.store.read('SELECT * FROM api_keys');
    expect(JSON.stringify(rows)).not.toContain(secret);
    const { cookie } = await t.login('auditor');
    const listed = await t.request('/api/api-keys', { headers: { cookie } });
    expect(listed.status).toBe(200);
    const text = await listed.text();
    expect(text).not.toContain(secret);
    expect(text).not.toContain('hash');
    expect(t.logs.join('\n')).not.toContain(secret);
  });

  it('skips CSRF for API-key requests', async () => {
    const { key } = (await (await createKey({ name: 'admin robot', roles: ['admin'] })).json()) as {
      key: string;
    };
    const response = await t.request('/api/api-keys', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      json: { name: 'made by a robot' },
    });
    expect(response.status).toBe(201);
  });

  it('rejects a malformed or unknown bearer key with 401', async () => {
    for (const header of ['Bearer nope', `Bearer bk_00000000_${'0'.repeat(64)}`, 'Basic YWRtaW46eA==']) {
      const response = await t.request('/api/units', { headers: { authorization: header } });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'auth.invalid_api_key',
      );
    }
  });

  it('lets only admins create keys and keeps the auditor read-only', async () => {
    for (const username of ['dispatcher', 'auditor', 'street_user']) {
      const { cookie, csrfToken } = await t.login(username);
      const response = await t.request('/api/api-keys', {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken },
        json: { name: 'x' },
      });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('auth.forbidden');
    }
  });

  it('refuses an unknown unit for a key with 404', async () => {
    const response = await createKey({ name: 'x', unitId: 'nowhere' });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { path: string } }).error.path).toBe('/unitId');
  });
});

describe('access log', () => {
  it('writes one JSON line per request without passwords, cookies or keys', async () => {
    const { cookie, csrfToken } = await t.login('admin');
    await t.request('/api/me', { headers: { cookie } });
    const lines = t.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests).toHaveLength(2);
    for (const line of requests) {
      expect(Object.keys(line).sort()).toEqual([
        'level',
        'method',
        'ms',
        'msg',
        'path',
        'reqId',
        'status',
        'time',
      ]);
    }
    const all = t.logs.join('\n');
    expect(all).not.toContain(t.passwords.admin!);
    expect(all).not.toContain(cookie.split('=')[1]!);
    expect(all).not.toContain(csrfToken);
  });
});
