/** @module Builds the real HTTP app on a temp libSQL file with the demo district, a movable clock and captured logs, for `app.request()` tests. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createScryptHasher, nodeTokens, uuidIds } from '../../engine/adapters/crypto/node-crypto.ts';
import { createQueryPasswordHasher } from '../../engine/adapters/crypto/query-password-hasher.ts';
import { type LibsqlStore, openStore } from '../../engine/adapters/db/libsql-store.ts';
import { createHttpApp, type HttpAppOptions, routesOf } from '../../engine/adapters/http/app.ts';
import { createJsonLogger } from '../../engine/adapters/log/json-logger.ts';
import { type AppDeps, DEFAULT_AUTH_SETTINGS } from '../../engine/app/context.ts';
import { createOperations, type Operations } from '../../engine/app/operations.ts';
import type { SeedUnit } from '../../engine/app/seed-demo.ts';
import { createResponseChecker, type ResponseChecker } from './response-contract.ts';
import { createSecretBox, loadSecretKey } from '../../engine/adapters/plugins/secret-box.ts';

const root = resolve(import.meta.dirname, '../..');

/** The demo units of seeds/units.json. */
export const demoUnits = (): SeedUnit[] =>
  JSON.parse(readFileSync(join(root, 'seeds/units.json'), 'utf8')) as SeedUnit[];

/** A clock tests can move. */
export interface FakeClock {
  now(): Date;
  advance(ms: number): void;
}

/** A fake clock starting at `start`. */
export function fakeClock(start = '2026-03-02T09:00:00.000Z'): FakeClock {
  let time = Date.parse(start);
  return {
    now: () => new Date(time),
    advance: (ms) => {
      time += ms;
    },
  };
}

/** A test app and the handles around it. */
export interface TestApp {
  app: ReturnType<typeof createHttpApp>;
  ops: Operations;
  store: LibsqlStore;
  clock: FakeClock;
  passwords: Record<string, string>;
  /** Log lines written so far. */
  logs: string[];
  dir: string;
  /** Checks each response of `request` against its route's declared schema. */
  contract: ResponseChecker;
  /** `app.request` with JSON conveniences; throws when a response breaks its declared schema. */
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** Signs in a demo user; returns the cookie header value and the CSRF token. */
  login(username: string, ip?: string): Promise<{ cookie: string; csrfToken: string }>;
  close(): Promise<void>;
}

/**
 * The operations over `store` on `clock` wired as the tests wire them: uuid ids, scrypt with cheap
 * parameters (the tests exercise the flow, not the cost), node tokens and the default auth settings;
 * `more` adds what else main.ts wires.
 */
export function testOperations(
  store: AppDeps['store'],
  clock: AppDeps['clock'],
  more: Partial<AppDeps> = {},
): Operations {
  return createOperations({
    store,
    clock,
    ids: uuidIds,
    hasher: createScryptHasher({ N: 1024, r: 8, p: 1, keyLength: 32, saltLength: 16 }),
    tokens: nodeTokens,
    auth: DEFAULT_AUTH_SETTINGS,
    ...more,
  });
}

/** Builds the app on a fresh temp database seeded with the demo district. */
export async function createTestApp(
  options: Partial<Omit<HttpAppOptions, 'ops' | 'logger'>> = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-api-'));
  const store = await openStore(`file:${join(dir, 'baton.db')}`);
  const clock = fakeClock();
  const ops = testOperations(store, clock, {
    // as main.ts wires it, under a per-app random server secret
    queryPasswordHasher: createQueryPasswordHasher({ secretKey: randomBytes(32) }),
    // as main.ts wires it: event secrets sealed under the plugin credential key of the data folder
    outboxSecretBox: createSecretBox(loadSecretKey({ dataDir: dir })),
  });
  const passwords = (await ops.seedDemo({ units: demoUnits() }))!;
  const logs: string[] = [];
  const app = createHttpApp({
    ops,
    logger: createJsonLogger((line) => logs.push(line)),
    version: '9.9.9-test',
    trustProxy: true,
    studioDir: join(dir, 'studio'),
    ...options,
  });
  const contract = createResponseChecker(routesOf(app));
  const request: TestApp['request'] = async (path, init = {}) => {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (json !== undefined) headers.set('content-type', 'application/json');
    const response = await app.request(path, {
      ...rest,
      headers,
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
    await contract.check(rest.method ?? 'GET', path, response);
    return response;
  };
  return {
    app,
    ops,
    store,
    clock,
    passwords,
    logs,
    dir,
    contract,
    request,
    async login(username, ip = '203.0.113.1') {
      const response = await request('/api/auth/login', {
        method: 'POST',
        headers: { 'x-forwarded-for': ip },
        json: { username, password: passwords[username] },
      });
      if (response.status !== 200)
        throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
      const cookie = /baton_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')![1]!;
      const body = (await response.json()) as { csrfToken: string };
      return { cookie: `baton_session=${cookie}`, csrfToken: body.csrfToken };
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
