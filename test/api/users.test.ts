/** @module User administration, API key revocation, audit records of sign-in and keys, and Retry-After on throttling. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/api-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

type Json = Record<string, any>;

/** A signed-in caller: `call(method, path, json?)` → status and parsed body. */
async function as(username: string, password?: string) {
  const response = await t.request('/api/auth/login', {
    method: 'POST',
    headers: { 'x-forwarded-for': '203.0.113.9' },
    json: { username, password: password ?? t.passwords[username] },
  });
  expect(response.status).toBe(200);
  const cookie = /baton_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')![1]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return async (method: string, path: string, json?: unknown) => {
    const res = await t.request(path, {
      method,
      headers: { cookie: `baton_session=${cookie}`, 'x-csrf-token': csrfToken },
      ...(json !== undefined ? { json } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
  };
}

const signIn = (username: string, password: string, ip = '203.0.113.10') =>
  t.request('/api/auth/login', {
    method: 'POST',
    headers: { 'x-forwarded-for': ip },
    json: { username, password },
  });

async function auditActions(): Promise<Json[]> {
  return (await t.ops.listAudit({ order: 'asc', limit: 500 })).items as unknown as Json[];
}

describe('user administration', () => {
  it('lets an admin create a unit user with a generated password that signs in, scoped to its unit', async () => {
    const admin = await as('admin');
    const created = await admin('POST', '/api/users', {
      username: 'edu-clerk',
      displayName: 'Education clerk',
      roles: ['unit'],
      unitId: 'street-xinhua',
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({
      username: 'edu-clerk',
      roles: ['unit'],
      unitId: 'street-xinhua',
      disabled: false,
    });
    const { password } = created.body;
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);

    const clerk = await as('edu-clerk', password);
    const units = await clerk('GET', '/api/units');
    expect(units.body.length).toBeGreaterThan(1);
    expect(units.body.every((u: Json) => u.id === 'street-xinhua' || u.parentId === 'street-xinhua')).toBe(
      true,
    );
    expect((await clerk('GET', '/api/units/comm-xinhua-1')).status).toBe(200);
    expect((await clerk('GET', '/api/units/dept-education')).status).toBe(403);
  });

  it('generates a different password for every new user, never a fixed one', async () => {
    const admin = await as('admin');
    const a = await admin('POST', '/api/users', { username: 'a1', roles: ['dispatcher'] });
    const b = await admin('POST', '/api/users', { username: 'b1', roles: ['dispatcher'] });
    expect(a.body.password).not.toBe(b.body.password);
  });

  it('lists users without password hashes, filtered by unit subtree and role', async () => {
    const admin = await as('admin');
    await admin('POST', '/api/users', { username: 'heping', roles: ['unit'], unitId: 'comm-xinhua-1' });
    const all = await admin('GET', '/api/users');
    expect(all.status).toBe(200);
    expect(all.body.map((u: Json) => u.username)).toContain('dept_user');
    expect(JSON.stringify(all.body)).not.toMatch(/passwordHash|scrypt/);
    const street = await admin('GET', '/api/users?unitId=street-xinhua');
    expect(street.body.map((u: Json) => u.username).sort()).toEqual(['heping', 'street_user']);
    const auditors = await admin('GET', '/api/users?role=auditor');
    expect(auditors.body.map((u: Json) => u.username)).toEqual(['auditor']);
  });

  it('refuses a unit user without a unit, an unknown unit, an unknown role and a taken username', async () => {
    const admin = await as('admin');
    const noUnit = await admin('POST', '/api/users', { username: 'x', roles: ['unit'] });
    expect([noUnit.status, noUnit.body.error.code]).toEqual([400, 'user.unit_required']);
    const badUnit = await admin('POST', '/api/users', { username: 'x', roles: ['unit'], unitId: 'nowhere' });
    expect([badUnit.status, badUnit.body.error.code]).toEqual([404, 'unit.not_found']);
    expect((await admin('POST', '/api/users', { username: 'x', roles: ['wizard'] })).status).toBe(400);
    const taken = await admin('POST', '/api/users', { username: 'dept_user', roles: ['auditor'] });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'user.username_taken']);
  });

  it('disables a user at once (sessions end, sign-in refused) and enables them again', async () => {
    const admin = await as('admin');
    const dept = await as('dept_user');
    const id = (await admin('GET', '/api/users?role=unit')).body.find(
      (u: Json) => u.username === 'dept_user',
    ).id;
    const disabled = await admin('POST', `/api/users/${id}/disable`);
    expect([disabled.status, disabled.body.disabled]).toEqual([200, true]);
    expect((await dept('GET', '/api/me')).status).toBe(401);
    expect((await signIn('dept_user', t.passwords.dept_user!)).status).toBe(401);
    const enabled = await admin('POST', `/api/users/${id}/enable`);
    expect([enabled.status, enabled.body.disabled]).toEqual([200, false]);
    expect((await signIn('dept_user', t.passwords.dept_user!)).status).toBe(200);
  });

  it('keeps an admin from disabling their own account', async () => {
    const admin = await as('admin');
    const me = (await admin('GET', '/api/me')).body.user;
    const refused = await admin('POST', `/api/users/${me.id}/disable`);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'user.self_disable']);
  });

  it('resets a password to a new one-time password: the old one stops working and sessions end', async () => {
    const admin = await as('admin');
    const dept = await as('dept_user');
    const id = (await admin('GET', '/api/users?unitId=dept-education')).body[0].id;
    const reset = await admin('POST', `/api/users/${id}/reset-password`);
    expect(reset.status).toBe(200);
    expect(reset.body.password).not.toBe(t.passwords.dept_user);
    expect((await dept('GET', '/api/me')).status).toBe(401);
    expect((await signIn('dept_user', t.passwords.dept_user!)).status).toBe(401);
    expect((await signIn('dept_user', reset.body.password)).status).toBe(200);
    expect((await admin('POST', '/api/users/usr_missing/reset-password')).status).toBe(404);
  });

  it('answers 403 to every non-admin writing users, and lets only the auditor read them', async () => {
    const admin = await as('admin');
    const id = (await admin('GET', '/api/users?role=auditor')).body[0].id;
    for (const username of ['dispatcher', 'supervisor', 'reviewer', 'auditor', 'dept_user', 'street_user']) {
      const caller = await as(username);
      expect(
        (await caller('POST', '/api/users', { username: `u-${username}`, roles: ['admin'] })).status,
      ).toBe(403);
      expect((await caller('POST', `/api/users/${id}/disable`)).status).toBe(403);
      expect((await caller('POST', `/api/users/${id}/reset-password`)).status).toBe(403);
      expect((await caller('GET', '/api/users')).status).toBe(username === 'auditor' ? 200 : 403);
    }
    expect((await t.request('/api/users')).status).toBe(401);
  });

  it('audits user changes without ever recording a password', async () => {
    const admin = await as('admin');
    const created = await admin('POST', '/api/users', { username: 'aud', roles: ['auditor'] });
    const id = created.body.user.id;
    await admin('POST', `/api/users/${id}/disable`);
    await admin('POST', `/api/users/${id}/enable`);
    const reset = await admin('POST', `/api/users/${id}/reset-password`);
    const records = (await auditActions()).filter((r) => r.target === `user:${id}`);
    expect(records.map((r) => [r.actor, r.action])).toEqual([
      ['admin', 'user.create'],
      ['admin', 'user.disable'],
      ['admin', 'user.enable'],
      ['admin', 'user.resetPassword'],
    ]);
    const text = JSON.stringify(records);
    expect(text).not.toContain(created.body.password);
    expect(text).not.toContain(reset.body.password);
  });
});

describe('API key revocation', () => {
  it('rejects a revoked key on the very next request and audits creation and revocation without the secret', async () => {
    const admin = await as('admin');
    const created = await admin('POST', '/api/api-keys', { name: 'bridge', roles: ['plugin'] });
    const { key, apiKey } = created.body;
    const bearer = { headers: { authorization: `Bearer ${key}` } };
    expect((await t.request('/api/units', bearer)).status).toBe(200);

    const revoked = await admin('DELETE', `/api/api-keys/${apiKey.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toBe(t.clock.now().toISOString());
    const refused = await t.request('/api/units', bearer);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as Json).error.code).toBe('auth.invalid_api_key');

    const again = await admin('DELETE', `/api/api-keys/${apiKey.id}`);
    expect([again.status, again.body.revokedAt]).toEqual([200, revoked.body.revokedAt]);
    expect((await admin('DELETE', '/api/api-keys/key_missing')).status).toBe(404);

    const records = (await auditActions()).filter((r) => r.target === `apiKey:${apiKey.id}`);
    expect(records.map((r) => [r.actor, r.action])).toEqual([
      ['admin', 'apiKey.create'],
      ['admin', 'apiKey.revoke'],
    ]);
    const text = JSON.stringify(records);
    expect(text).not.toContain(key.split('_')[2]);
    expect(text).not.toContain(key);
  });

  it('lets only admins revoke keys', async () => {
    const admin = await as('admin');
    const { apiKey, key } = (await admin('POST', '/api/api-keys', { name: 'k', roles: ['admin'] })).body;
    const auditor = await as('auditor');
    expect((await auditor('DELETE', `/api/api-keys/${apiKey.id}`)).status).toBe(403);
    const plugin = (await admin('POST', '/api/api-keys', { name: 'p' })).body.key;
    const byPlugin = await t.request(`/api/api-keys/${apiKey.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${plugin}` },
    });
    expect(byPlugin.status).toBe(403);
    expect((await t.request('/api/units', { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
  });
});

describe('sign-in audit and throttling', () => {
  it('audits sign-in success, failure and sign-out, never with the password', async () => {
    expect((await signIn('admin', 'not-the-password-123')).status).toBe(401);
    expect((await signIn('ghost', 'another-secret-456')).status).toBe(401);
    const admin = await as('admin');
    expect((await admin('POST', '/api/auth/logout')).status).toBe(204);
    const records = (await auditActions()).filter((r) => String(r.action).startsWith('auth.'));
    expect(records.map((r) => [r.actor, r.action, r.details?.reason ?? null])).toEqual([
      ['admin', 'auth.loginFailed', 'wrong_password'],
      ['ghost', 'auth.loginFailed', 'unknown_user'],
      ['admin', 'auth.login', null],
      ['admin', 'auth.logout', null],
    ]);
    const text = JSON.stringify(records);
    expect(text).not.toContain('not-the-password-123');
    expect(text).not.toContain('another-secret-456');
    expect(text).not.toContain(t.passwords.admin!);
    expect((await t.ops.verifyAudit()).ok).toBe(true);
  });

  it('sends Retry-After with the throttling 429 and audits a flood as one row with a count', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn('admin', 'wrong', '192.0.2.1')).status).toBe(401);
    const locked = await signIn('admin', t.passwords.admin!, '192.0.2.1');
    expect(locked.status).toBe(429);
    // The first wait after the 5 free failures is 1 s (doubling each further failure).
    expect(locked.headers.get('retry-after')).toBe('1');
    for (let i = 0; i < 9; i++) expect((await signIn('admin', 'wrong', '192.0.2.1')).status).toBe(429);
    const rows = (await auditActions()).filter((r) => String(r.action).startsWith('auth.'));
    expect(rows.map((r) => r.action)).toEqual([...Array(5).fill('auth.loginFailed'), 'auth.loginThrottled']);
    expect(rows.at(-1)!.details).toMatchObject({ ip: '192.0.2.1', failures: 5, retryAfterSeconds: 1 });
    t.clock.advance(1000);
    expect((await signIn('admin', 'wrong', '192.0.2.1')).status).toBe(401);
    const last = (await auditActions()).at(-1)!;
    expect([last.action, last.details.reason, last.details.throttledSincePrevious]).toEqual([
      'auth.loginFailed',
      'wrong_password',
      10,
    ]);
    expect((await t.ops.verifyAudit()).ok).toBe(true);
  });
});
