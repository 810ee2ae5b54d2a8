/** @module The real `node bin/start.js` process: health, sign-in with a printed demo password, graceful shutdown, clean access log. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/server.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('server process', () => {
  it('serves /api/health, signs in with a printed demo password, stops on SIGTERM with exit 0 and logs no secrets', async () => {
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', db: 'ok' });

    expect(Object.keys(server.passwords).sort()).toEqual(
      [
        'admin',
        'admin2',
        'auditor',
        'dept_user',
        'dispatcher',
        'reviewer',
        'street_user',
        'supervisor',
      ].sort(),
    );
    const password = server.passwords.admin!;
    // the password printed to stdout is the one in the file
    expect(server.logs()).toMatch(new RegExp(`admin\\s+${password.replace(/[-_]/g, '\\$&')}`));

    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(login.status).toBe(200);
    const cookie = /baton_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
    const me = await fetch(`${server.url}/api/me`, { headers: { cookie: `baton_session=${cookie}` } });
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('admin');

    const studio = await fetch(`${server.url}/some/client/route`);
    expect(studio.headers.get('content-type')).toContain('text/html');

    const code = await server.stop();
    expect(code).toBe(0);

    const lines = server
      .logs()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.msg === 'listening')?.url).toBe(server.url);
    const access = lines.filter((line) => line.msg === 'request');
    expect(access.length).toBeGreaterThanOrEqual(4);
    const accessText = JSON.stringify(lines);
    expect(accessText).not.toContain(password);
    expect(accessText).not.toContain(cookie);
    expect(lines.some((line) => line.msg === 'stopped')).toBe(true);
  });
});

describe('server process without seeding', () => {
  it('starts on an empty database with BATON_SEED=none and prints no passwords', async () => {
    const bare = await startServer({ env: { BATON_SEED: 'none' } });
    try {
      expect(bare.passwords).toEqual({});
      expect((await fetch(`${bare.url}/api/health`)).status).toBe(200);
      const login = await fetch(`${bare.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'whatever' }),
      });
      expect(login.status).toBe(401);
      expect(bare.logs()).not.toContain('demo accounts');
    } finally {
      expect(await bare.stop()).toBe(0);
    }
  });
});
