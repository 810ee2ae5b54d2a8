/** @module Authentication operations: password login with throttling, sessions, API keys. */
import { AuthenticationError, NotFoundError } from '../core/errors.ts';
import type { Role, User } from '../ports/store.ts';
import { type AuditEntry, appendAudit, auditActor } from './audit.ts';
import { type AppDeps, DEFAULT_AUTH_SETTINGS } from './context.ts';
import { TooManyRequestsError } from './errors.ts';
import type { Actor } from './permissions.ts';
import { requireKnownRoles, requireUnitIfNamed } from './role-checks.ts';
import { backoffWaitMs } from './throttle.ts';

/** A user as the API shows it: no password hash, no flags. */
export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  unitId: string | null;
}

/** The result of a successful login. `sessionToken` goes into the cookie and nowhere else. */
export interface LoginResult {
  user: PublicUser;
  sessionToken: string;
  csrfToken: string;
  expiresAt: string;
  /** Session lifetime in seconds, for the cookie's Max-Age. */
  maxAgeSeconds: number;
}

/** A live session. */
export interface CurrentUser {
  user: PublicUser;
  csrfToken: string;
  expiresAt: string;
}

/** An API key as listed: the secret is never included. */
export interface ApiKeyInfo {
  id: string;
  prefix: string;
  name: string;
  roles: Role[];
  unitId: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** Refused sign-ins stored per (username, IP) and per IP between two evaluated attempts; counts above it read as this many. */
export const MAX_COUNTED_REFUSALS = 1000;

/** Prefix of every API key: `bk_<prefix>_<secret>`. */
export const API_KEY_PATTERN = /^bk_([0-9a-f]{8})_([0-9a-f]{64})$/;

const INVALID_CREDENTIALS = {
  en: 'Incorrect username or password.',
  zh: '用户名或密码错误。',
};

/** Projects a stored user to the API shape. */
export function toPublicUser(user: User): PublicUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: [...user.roles],
    unitId: user.unitId,
  };
}

/** The actor of a signed-in user. */
export function actorOfUser(user: PublicUser): Actor {
  return { kind: 'user', ...user };
}

const dummyHashes = new WeakMap<object, Promise<string>>();

/** A hash to verify against when the user does not exist, so both paths cost the same. */
function dummyHash(deps: AppDeps): Promise<string> {
  let hash = dummyHashes.get(deps.hasher);
  if (!hash) {
    hash = deps.hasher.hash(deps.tokens.randomToken(16));
    dummyHashes.set(deps.hasher, hash);
  }
  return hash;
}

/**
 * Checks a username and password and opens a session. Throttling never locks an account: each
 * (username, IP) pair gets `maxFailedLogins` free failures inside the window, then waits
 * `loginBackoffBaseMs * 2^k` after its latest failure (capped at the window); an IP gets
 * `maxFailedLoginsPerIp` failures over all usernames before it is backed off the same way. A
 * failure is reserved in the store's write queue before the password is verified, so concurrent
 * guesses cannot all be evaluated; a refused attempt is 429 `auth.throttled` with Retry-After.
 * A flood writes one `auth.loginThrottled` audit row per (username, IP) backoff step, and the next
 * evaluated attempt's row counts the refusals in between.
 */
export async function login(
  deps: AppDeps,
  input: { username: string; password: string; ip?: string | null },
): Promise<LoginResult> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const ip = input.ip ?? null;
  const gate = await reserveAttempt(deps, { username: input.username, ip }, now);
  if (gate.waitMs > 0) {
    const seconds = Math.max(1, Math.ceil(gate.waitMs / 1000));
    throw new TooManyRequestsError(
      'auth.throttled',
      {
        en: `Too many failed sign-in attempts from this address. Try again in ${seconds} seconds.`,
        zh: `此地址登录失败次数过多，请 ${seconds} 秒后再试。`,
      },
      { details: { retryAfterSeconds: seconds }, retryAfterSeconds: seconds },
    );
  }

  const user = await deps.store.users.getByUsername(input.username);
  const isValid = user
    ? await deps.hasher.verify(input.password, user.passwordHash)
    : await deps.hasher.verify(input.password, await dummyHash(deps)).then(() => false);
  if (!user || !isValid || user.disabled) {
    const reason = !user ? 'unknown_user' : !isValid ? 'wrong_password' : 'disabled';
    await deps.store.transaction((tx) =>
      appendAudit(tx, {
        at,
        entry: loginFailureEntry({ username: input.username, ip, reason, refusedBefore: gate.refusedBefore }),
      }),
    );
    throw new AuthenticationError('auth.invalid_credentials', INVALID_CREDENTIALS);
  }
  return openSession(deps, user, ip, now);
}

/**
 * In one write: the wait the (username, IP) pair and the IP must still serve, and — when none — the
 * attempt reserved as a failure (a success clears it). A refusal is counted (up to a cap) and audited
 * once per backoff step.
 */
async function reserveAttempt(
  deps: AppDeps,
  who: { username: string; ip: string | null },
  now: Date,
): Promise<{ waitMs: number; refusedBefore: number }> {
  const { auth } = deps;
  const at = now.toISOString();
  const { username, ip } = who;
  const since = new Date(now.getTime() - auth.failureWindowMs).toISOString();
  const baseMs = auth.loginBackoffBaseMs ?? DEFAULT_AUTH_SETTINGS.loginBackoffBaseMs!;
  const perIp = auth.maxFailedLoginsPerIp ?? DEFAULT_AUTH_SETTINGS.maxFailedLoginsPerIp!;
  return deps.store.transaction(async (tx) => {
    const pair = await tx.loginAttempts.summarize({ username, ip, since });
    const byIp = ip === null ? null : await tx.loginAttempts.summarize({ ip, since });
    const waitMs = Math.max(
      backoffWaitMs(pair, { free: auth.maxFailedLogins, baseMs, maxMs: auth.failureWindowMs }, now),
      byIp ? backoffWaitMs(byIp, { free: perIp, baseMs, maxMs: auth.failureWindowMs }, now) : 0,
    );
    if (waitMs > 0) {
      // Refusals are counted (for the audit) up to a cap, so a flood cannot grow the table without bound.
      if (Math.max(pair.refusedSinceFailure, byIp?.refusedSinceFailure ?? 0) < MAX_COUNTED_REFUSALS)
        await tx.loginAttempts.insert({ username, ip, succeeded: false, refused: true, at });
      // One audit row per backoff step of the pair, not one per refused guess.
      if (pair.refusedSinceFailure === 0)
        await appendAudit(tx, {
          at,
          entry: {
            actor: username,
            action: 'auth.loginThrottled',
            target: `username:${username}`,
            details: { ip, failures: pair.failures, retryAfterSeconds: Math.ceil(waitMs / 1000) },
          },
        });
      return { waitMs, refusedBefore: 0 };
    }
    // The reservation: counted as a failure until a success clears it.
    await tx.loginAttempts.insert({ username, ip, succeeded: false, at });
    return { waitMs: 0, refusedBefore: pair.refusedSinceFailure };
  });
}

/** Opens the session of a verified user: clears this address's failures, stores the hashed token, audits. */
async function openSession(deps: AppDeps, user: User, ip: string | null, now: Date): Promise<LoginResult> {
  const { auth } = deps;
  const at = now.toISOString();
  const sessionToken = deps.tokens.randomToken(32);
  const csrfToken = deps.tokens.randomToken(32);
  const expiresAt = new Date(now.getTime() + auth.sessionTtlMs).toISOString();
  await deps.store.transaction(async (tx) => {
    // Only this address's failures: guesses from elsewhere keep their own backoff.
    await tx.loginAttempts.clearFailures(user.username, ip);
    await tx.loginAttempts.insert({ username: user.username, ip, succeeded: true, at });
    await tx.sessions.deleteExpired(at);
    await tx.sessions.insert({
      id: deps.tokens.sha256(sessionToken),
      userId: user.id,
      csrfToken,
      createdAt: at,
      expiresAt,
    });
    await appendAudit(tx, {
      at,
      entry: { actor: user.username, action: 'auth.login', target: `user:${user.id}`, details: { ip } },
    });
  });
  const maxAgeSeconds = Math.floor(auth.sessionTtlMs / 1000);
  return { user: toPublicUser(user), sessionToken, csrfToken, expiresAt, maxAgeSeconds };
}

/** The audit entry of a refused sign-in; the attempted password is never part of it. */
function loginFailureEntry(input: {
  username: string;
  ip: string | null;
  reason: string;
  refusedBefore: number;
}): AuditEntry {
  return {
    actor: input.username,
    action: 'auth.loginFailed',
    target: `username:${input.username}`,
    details: {
      ip: input.ip,
      reason: input.reason,
      ...(input.refusedBefore > 0 ? { throttledSincePrevious: input.refusedBefore } : {}),
    },
  };
}

/** Ends the session of `sessionToken` and audits it; a no-op for an unknown token. */
export async function logout(deps: AppDeps, input: { sessionToken: string }): Promise<void> {
  const id = deps.tokens.sha256(input.sessionToken);
  const at = deps.clock.now().toISOString();
  await deps.store.transaction(async (tx) => {
    const session = await tx.sessions.get(id);
    if (!session) return;
    await tx.sessions.delete(id);
    const user = await tx.users.get(session.userId);
    await appendAudit(tx, {
      at,
      entry: {
        actor: user?.username ?? session.userId,
        action: 'auth.logout',
        target: `user:${session.userId}`,
      },
    });
  });
}

/** The user behind a session cookie, or null if the session is unknown, expired or the user disabled. */
export async function getCurrentUser(
  deps: AppDeps,
  input: { sessionToken: string },
): Promise<CurrentUser | null> {
  const session = await deps.store.sessions.get(deps.tokens.sha256(input.sessionToken));
  if (!session) return null;
  if (session.expiresAt <= deps.clock.now().toISOString()) {
    await deps.store.sessions.delete(session.id);
    return null;
  }
  const user = await deps.store.users.get(session.userId);
  if (!user || user.disabled) return null;
  return { user: toPublicUser(user), csrfToken: session.csrfToken, expiresAt: session.expiresAt };
}

/** Creates an API key. The returned `key` is shown once; only its SHA-256 is stored. */
export async function createApiKey(
  deps: AppDeps,
  input: { actor: Actor; name: string; roles?: Role[]; unitId?: string | null },
): Promise<{ apiKey: ApiKeyInfo; key: string }> {
  const roles = input.roles && input.roles.length > 0 ? [...new Set(input.roles)] : (['plugin'] as Role[]);
  requireKnownRoles(roles, 'apiKey.unknown_role');
  const unitId = input.unitId ?? null;
  await requireUnitIfNamed(deps, unitId);
  const prefix = deps.tokens.randomHex(4);
  const key = `bk_${prefix}_${deps.tokens.randomHex(32)}`;
  const apiKey = {
    id: deps.ids.newId('key'),
    prefix,
    name: input.name,
    roles,
    unitId,
    createdAt: deps.clock.now().toISOString(),
    revokedAt: null,
  };
  await deps.store.transaction(async (tx) => {
    await tx.apiKeys.insert({ ...apiKey, hash: deps.tokens.sha256(key) });
    // Name, prefix and scope only: the secret and its hash stay out of the log.
    await appendAudit(tx, {
      at: apiKey.createdAt,
      entry: {
        actor: auditActor(input.actor),
        action: 'apiKey.create',
        target: `apiKey:${apiKey.id}`,
        details: { name: apiKey.name, prefix, roles, unitId },
      },
    });
  });
  return { apiKey, key };
}

/**
 * Revokes an API key; it is refused from the next request on (authentication reads the store every
 * time). 404 `apiKey.not_found`; revoking a revoked key returns it unchanged and records nothing.
 */
export async function revokeApiKey(deps: AppDeps, input: { actor: Actor; id: string }): Promise<ApiKeyInfo> {
  const at = deps.clock.now().toISOString();
  return deps.store.transaction(async (tx) => {
    const stored = await tx.apiKeys.get(input.id);
    if (!stored) {
      throw new NotFoundError('apiKey.not_found', {
        en: `API key "${input.id}" does not exist.`,
        zh: `API 密钥“${input.id}”不存在。`,
      });
    }
    if (await tx.apiKeys.revoke({ id: input.id, at })) {
      await appendAudit(tx, {
        at,
        entry: {
          actor: auditActor(input.actor),
          action: 'apiKey.revoke',
          target: `apiKey:${stored.id}`,
          details: { name: stored.name, prefix: stored.prefix },
        },
      });
      stored.revokedAt = at;
    }
    const { hash: _hash, ...info } = stored;
    return info;
  });
}

/** Lists API keys without secrets or hashes. */
export async function listApiKeys(deps: AppDeps): Promise<ApiKeyInfo[]> {
  return (await deps.store.apiKeys.list()).map(({ hash: _hash, ...info }) => info);
}

/** The actor of a presented API key, or null if it is malformed, unknown or revoked. */
export async function authenticateApiKey(deps: AppDeps, input: { key: string }): Promise<Actor | null> {
  const match = API_KEY_PATTERN.exec(input.key);
  if (!match) return null;
  const stored = await deps.store.apiKeys.getByPrefix(match[1]!);
  if (!stored || stored.revokedAt !== null) return null;
  if (!deps.tokens.safeEqual(stored.hash, deps.tokens.sha256(input.key))) return null;
  return {
    kind: 'apiKey',
    id: stored.id,
    username: `apikey:${stored.name}`,
    displayName: stored.name,
    roles: [...stored.roles],
    unitId: stored.unitId,
  };
}
