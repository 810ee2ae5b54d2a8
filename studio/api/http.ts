/** @module HTTP client of the engine API: cookies, CSRF header, Accept-Language and the error envelope. */
import type { GetApiMeResponse, GetApiUnitsResponse } from './types.gen.ts';
import { locale, t } from '../i18n/index.ts';

/** A user as the server returns it. */
export type User = Session['user'];

/** A role a user can hold. */
export type Role = User['roles'][number];

/** Body of login and `GET /api/me`. */
export type Session = GetApiMeResponse;

/** One responsible unit. */
/** One responsible unit; `kind` stays a string because pages also test for kinds the schema does not list. */
export type Unit = Omit<GetApiUnitsResponse[number], 'kind'> & { kind: string };

/** Text in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** An error reply `{error:{code, message, path?, details?}}`, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly path?: string;
  readonly details?: unknown;

  constructor(init: { status: number; code: string; message: string; path?: string; details?: unknown }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.path = init.path;
    this.details = init.details;
  }
}

let csrfToken: string | undefined;

/** Remembers the token the server issued with the session; sent on every non-GET request. */
export const setCsrfToken = (token: string | null | undefined): void => {
  csrfToken = token ?? undefined;
};

const isErrorEnvelope = (
  body: unknown,
): body is { error: { code: string; message: string; path?: string; details?: unknown } } =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as { error?: { code?: unknown } }).error?.code === 'string';

/** Extra options of {@link request}: headers to add (e.g. If-Match) and a hook that sees the reply's headers (e.g. ETag). */
export interface RequestOptions {
  headers?: Record<string, string>;
  onHeaders?: (headers: Headers) => void;
}

/** Sends a request; resolves the parsed JSON body (undefined for 204) or throws ApiError. */
export const request = async <T>(
  method: string,
  url: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> => {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': locale(),
    ...options.headers,
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'include',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ status: 0, code: 'network', message: t('error.network') });
  }
  options.onHeaders?.(response.headers);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    if (isErrorEnvelope(parsed)) throw new ApiError({ status: response.status, ...parsed.error });
    throw new ApiError({
      status: response.status,
      code: `http.${response.status}`,
      message: t('error.unexpected', { status: response.status }),
    });
  }
  return parsed as T;
};

/** The endpoints the studio uses. */
export const api = {
  login: async (username: string, password: string): Promise<Session> => {
    const session = await request<Session>('POST', '/api/auth/login', { username, password });
    setCsrfToken(session.csrfToken);
    return session;
  },
  logout: async (): Promise<void> => {
    try {
      await request<void>('POST', '/api/auth/logout');
    } finally {
      setCsrfToken(undefined);
    }
  },
  /** The current session, or null when not signed in. */
  me: async (): Promise<Session | null> => {
    try {
      const session = await request<Session>('GET', '/api/me');
      setCsrfToken(session.csrfToken);
      return session;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  /** Units in the caller's scope; accepts `{items}` (the documented shape) or a bare array. */
  units: async (): Promise<{ items: Unit[] }> => {
    const body = await request<{ items: Unit[] } | Unit[]>('GET', '/api/units');
    return Array.isArray(body) ? { items: body } : { items: body?.items ?? [] };
  },
  health: (): Promise<{
    status: string;
    now?: string;
    today?: string;
    timeZone?: string;
    demoData?: { isLoading: boolean; done: number; total: number };
  }> => request('GET', '/api/health'),
};
