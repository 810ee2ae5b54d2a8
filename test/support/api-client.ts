/** @module A signed-in JSON client over a test app: one session per demo user, CSRF header, parsed replies. */
import type { TestApp } from './api-app.ts';

/** A reply: status, raw text and parsed JSON body (null when empty). */
export interface ApiReply<T> {
  status: number;
  text: string;
  body: T;
}

/** Calls the app as a demo user, or signed out (`null`); `forget()` drops the sessions (e.g. after moving the clock by days). */
export interface ApiClient {
  <T = any>(
    user: string | null,
    path: string,
    init?: { method?: string; json?: unknown; ip?: string },
  ): Promise<ApiReply<T>>;
  forget(): void;
}

/** A client for `app()` (read lazily, so it can be made before the app is built), calling from `ip` with `headers` on every request. */
export function apiClient(
  app: () => TestApp,
  ip = '198.51.100.20',
  headers: Record<string, string> = {},
): ApiClient {
  const sessions = new Map<string, { cookie: string; csrfToken: string }>();
  const call = async (
    user: string | null,
    path: string,
    init: { method?: string; json?: unknown; ip?: string } = {},
  ) => {
    const t = app();
    const sent: Record<string, string> = { ...headers, 'x-forwarded-for': init.ip ?? ip };
    if (user !== null) {
      let session = sessions.get(user);
      if (!session) {
        session = await t.login(user);
        sessions.set(user, session);
      }
      sent.cookie = session.cookie;
      sent['x-csrf-token'] = session.csrfToken;
    }
    const response = await t.request(path, {
      method: init.method ?? (init.json !== undefined ? 'POST' : 'GET'),
      headers: sent,
      ...(init.json !== undefined ? { json: init.json } : {}),
    });
    const text = await response.text();
    return { status: response.status, text, body: text ? JSON.parse(text) : null };
  };
  return Object.assign(call, { forget: () => sessions.clear() }) as ApiClient;
}
