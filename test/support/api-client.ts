/** @module A signed-in JSON client over a test app: one session per demo user, CSRF header, parsed replies. */
import type { TestApp } from './api-app.ts';

/** A reply: status and parsed JSON body (null when empty). */
export interface ApiReply<T> {
  status: number;
  body: T;
}

/** Calls the app as a demo user; `forget()` drops the sessions (e.g. after moving the clock by days). */
export interface ApiClient {
  <T = any>(user: string, path: string, init?: { method?: string; json?: unknown }): Promise<ApiReply<T>>;
  forget(): void;
}

/** A client for `app()` (read lazily, so it can be made before the app is built). */
export function apiClient(app: () => TestApp, ip = '198.51.100.20'): ApiClient {
  const sessions = new Map<string, { cookie: string; csrfToken: string }>();
  const call = async (user: string, path: string, init: { method?: string; json?: unknown } = {}) => {
    const t = app();
    let session = sessions.get(user);
    if (!session) {
      session = await t.login(user);
      sessions.set(user, session);
    }
    const response = await t.request(path, {
      method: init.method ?? (init.json !== undefined ? 'POST' : 'GET'),
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'x-forwarded-for': ip },
      ...(init.json !== undefined ? { json: init.json } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  return Object.assign(call, { forget: () => sessions.clear() }) as ApiClient;
}
