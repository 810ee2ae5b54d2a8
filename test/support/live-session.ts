/** @module A signed-in HTTP session against a real server process, plugin set-up over the API, and polling, for tests that drive outside systems. */
import { afterAll, beforeAll, expect } from 'vitest';
import { type RunningServer, startServer } from './server.ts';

/** What a request of the session sends: the method (GET by default) and an optional JSON body. */
export interface SessionRequest {
  method?: string;
  json?: unknown;
}

/** A session of one user: every request carries its cookie and CSRF token. */
export interface LiveSession {
  readonly cookie: string;
  readonly csrf: string;
  /** Sends the request; resolves the status and the raw body text. */
  api(path: string, init?: SessionRequest): Promise<{ status: number; text: string }>;
  /** Sends the request and parses the JSON answer; throws (with status and body) on a status of 300 or more. */
  apiJson<T>(path: string, init?: SessionRequest): Promise<T>;
}

/** POST /api/auth/login at `url` with `username` and `password`: the answer. */
const logIn = (url: string, username: string, password: string | undefined) =>
  fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

/** The session cookie (`baton_session=…`) and CSRF token a login answer hands out. */
const sessionOf = async (login: Response) => ({
  cookie: `baton_session=${/baton_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!}`,
  csrf: ((await login.json()) as { csrfToken: string }).csrfToken,
});

/** Signs `username` in with its demo password through POST /api/auth/login. */
export const signInOverApi = async (server: RunningServer, username: string): Promise<LiveSession> => {
  const { cookie, csrf } = await sessionOf(await logIn(server.url, username, server.passwords[username]));
  const api: LiveSession['api'] = async (path, init = {}) => {
    const response = await fetch(`${server.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        cookie,
        'x-csrf-token': csrf,
        ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    });
    return { status: response.status, text: await response.text() };
  };
  const apiJson = async <T>(path: string, init: SessionRequest = {}): Promise<T> => {
    const { status, text } = await api(path, init);
    if (status >= 300) throw new Error(`${path}: ${status} ${text}`);
    return JSON.parse(text) as T;
  };
  return { cookie, csrf, api, apiJson };
};

/** Signs `username` in at `url` with `password` (the login must answer 200): its session cookie and CSRF token. */
export async function signInAt(
  url: string,
  username: string,
  password: string | undefined,
): Promise<{ cookie: string; csrf: string }> {
  const login = await logIn(url, username, password);
  expect(login.status).toBe(200);
  return sessionOf(login);
}

/** A signed-in caller: GETs `path`, or POSTs `json` to it; resolves the status and the parsed JSON body. */
export type JsonCall = (path: string, json?: unknown) => Promise<{ status: number; body: any }>;

/**
 * Signs `username` in at `url` with `password` (the login must answer 200) and returns its caller;
 * `inspect` sees every answer (a clone may be read) before the caller parses it.
 */
export async function signedInCaller(
  url: string,
  username: string,
  password: string | undefined,
  inspect?: (path: string, response: Response) => Promise<void>,
): Promise<JsonCall> {
  const { cookie, csrf } = await signInAt(url, username, password);
  return async (path, json) => {
    const response = await fetch(`${url}${path}`, {
      method: json === undefined ? 'GET' : 'POST',
      headers: {
        cookie,
        'x-csrf-token': csrf,
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    await inspect?.(path, response);
    return { status: response.status, body: (await response.json()) as any };
  };
}

/**
 * Sets a plugin up as an admin would: PUT its config, then its write-only credentials, then enables it
 * (granting `grantPersonalData`, the personal fields its manifest declares); each answer must be 200.
 */
export const setUpPlugin = async (
  session: LiveSession,
  plugin: {
    name: string;
    config: Record<string, unknown>;
    credentials: Record<string, string>;
    grantPersonalData?: string[];
  },
): Promise<void> => {
  const grant = plugin.grantPersonalData ? { grantPersonalData: plugin.grantPersonalData } : {};
  const steps: [string, unknown][] = [
    ['config', plugin.config],
    ['credentials', plugin.credentials],
    ['enabled', { isEnabled: true, ...grant }],
  ];
  for (const [step, json] of steps) {
    const path = `/api/plugins/${plugin.name}/${step}`;
    const { status, text } = await session.api(path, { method: 'PUT', json });
    if (status !== 200) throw new Error(`${path}: ${status} ${text}`);
  }
};

/** Polls `probe` every 100 ms until it returns a value (no timing assertions: only a generous ceiling, 25 s by default). */
export async function until<T>(
  probe: () => Promise<T | null | undefined | false>,
  what: string,
  ms = 25_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A real server for the test file on the product's clock `now` (BATON_NOW) and its `users` signed in. */
export interface SignedInServer {
  /** The sessions of `users`, by username (filled before the tests run). */
  as: Record<string, LiveSession>;
  /** The running server (once started). */
  server(): RunningServer;
}

/** Starts a real server on the clock `now` before the file's tests (within `timeoutMs`), signs `users` in, and stops it after. */
export function useSignedInServer(now: string, users: string[], timeoutMs = 120_000): SignedInServer {
  const as: Record<string, LiveSession> = {};
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startServer({ env: { BATON_NOW: now } });
    for (const user of users) as[user] = await signInOverApi(server, user);
  }, timeoutMs);
  afterAll(async () => {
    await server?.stop();
  });
  return { as, server: () => server! };
}

/** The dispatcher takes a case in (`body` is the intake body); resolves the case. */
export async function intakeAs(
  dispatcher: LiveSession,
  body: Record<string, unknown>,
): Promise<{ id: string; leadUnitId: string }> {
  const created = await dispatcher.apiJson<{ case: { id: string; leadUnitId: string } }>('/api/cases', {
    method: 'POST',
    json: body,
  });
  return created.case;
}

/** Takes the workflow actions `steps` (`[user, action, input?]`) on the case in turn, each as its user in `as`; each must answer 200. */
export async function actSteps(
  as: Record<string, LiveSession>,
  id: string,
  steps: [string, string, Record<string, unknown>?][],
): Promise<void> {
  for (const [user, action, input] of steps) {
    const { status, text } = await as[user]!.api(`/api/cases/${id}/actions/${action}`, {
      method: 'POST',
      json: { input: input ?? {} },
    });
    expect(status, `${action}: ${text}`).toBe(200);
  }
}

/** What a plugin is set up with: see {@link setUpPlugin}. */
export type PluginSetUp = Parameters<typeof setUpPlugin>[1];

/** Starts a real server with `env`, signs the admin in and sets `plugins` up as the admin, in turn. */
export async function startWithPlugins(
  env: Record<string, string>,
  plugins: PluginSetUp[],
): Promise<{ server: RunningServer; admin: LiveSession }> {
  const server = await startServer({ env });
  const admin = await signInOverApi(server, 'admin');
  for (const plugin of plugins) await setUpPlugin(admin, plugin);
  return { server, admin };
}

/** One outbox delivery to a plugin, as GET /api/plugins/deliveries lists it. */
export interface PluginDelivery {
  id: string;
  plugin: string;
  topic: string;
  status: string;
  attempts: number;
  attemptLog: Array<{ outcome: string; error: string | null; statusCode: number | null }>;
}

/** The outbox deliveries to `plugin` (up to 1000), as the admin `session` sees them. */
export const deliveriesOf = (session: LiveSession, plugin: string) =>
  session.apiJson<PluginDelivery[]>(`/api/plugins/deliveries?plugin=${plugin}&limit=1000`);

/** POST /api/plugins/<plugin>/test-connection as the admin `session`: what the plugin's connection check answered. */
export const testConnection = (session: LiveSession, plugin: string) =>
  session.apiJson<{ ok: boolean; message: string }>(`/api/plugins/${plugin}/test-connection`, {
    method: 'POST',
    json: {},
  });
