/** @module Auth routes: login, logout, current user. */
import { deleteCookie, setCookie } from 'hono/cookie';
import { defineRoute, type RouteDefinition } from '../route.ts';
import { sessionSchema } from '../schemas.ts';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'baton_session';

/** Routes under /api/auth and /api/me. */
export function authRoutes(): RouteDefinition[] {
  return [
    defineRoute<{ username: string; password: string }>({
      method: 'post',
      path: '/api/auth/login',
      permission: 'public',
      summary: 'Sign in with username and password',
      description:
        'Sets the `baton_session` cookie (HttpOnly, SameSite=Lax, 12 h). Five failures per username or IP within 15 minutes lock sign-in with 429 `auth.throttled` until the window passes.',
      tags: ['auth'],
      request: {
        body: {
          type: 'object',
          required: ['username', 'password'],
          additionalProperties: false,
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 100, examples: ['admin'] },
            password: { type: 'string', minLength: 1, maxLength: 1000 },
          },
        },
      },
      responses: {
        200: { description: 'Signed in', schema: sessionSchema },
        401: { description: '`auth.invalid_credentials`' },
        429: { description: '`auth.throttled`' },
      },
      handler: async ({ c, ops, body, ip, isHttps }) => {
        const result = await ops.login({ username: body.username, password: body.password, ip });
        setCookie(c, SESSION_COOKIE, result.sessionToken, {
          httpOnly: true,
          sameSite: 'Lax',
          path: '/',
          secure: isHttps,
          expires: new Date(result.expiresAt),
          maxAge: result.maxAgeSeconds,
        });
        return { user: result.user, csrfToken: result.csrfToken };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/logout',
      permission: 'session.self',
      summary: 'Sign out (ends the cookie session)',
      tags: ['auth'],
      responses: { 204: { description: 'Signed out' } },
      handler: async ({ c, ops, auth, isHttps }) => {
        if (auth?.sessionToken) await ops.logout({ sessionToken: auth.sessionToken });
        deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps, httpOnly: true, sameSite: 'Lax' });
        return c.body(null, 204);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/me',
      permission: 'session.self',
      summary: 'The signed-in user and the CSRF token of the session',
      tags: ['auth'],
      responses: { 200: { description: 'Current user', schema: sessionSchema } },
      handler: ({ auth }) => {
        const { kind: _kind, ...user } = auth!.actor;
        return { user, csrfToken: auth!.csrfToken ?? null };
      },
    }),
  ];
}
