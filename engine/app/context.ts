/** @module What every operation depends on: ports and settings. */
import type { Clock } from '../ports/clock.ts';
import type { IdSource } from '../ports/id-source.ts';
import type { SecretBox } from '../ports/plugins.ts';
import type { PasswordHasher, TokenSource } from '../ports/secrets.ts';
import type { Store } from '../ports/store.ts';
import type { WhatIfRunner } from '../ports/what-if-runner.ts';

/** Tunable limits of the auth operations. */
export interface AuthSettings {
  /** Failed logins per (username, IP) evaluated at once before exponential backoff starts (default 5). */
  maxFailedLogins: number;
  /** Failed logins per IP, over all usernames, before that IP is backed off (default 20). */
  maxFailedLoginsPerIp?: number;
  /** First backoff wait once the free attempts are used; doubles per further failure, capped at the window (default 1 s). */
  loginBackoffBaseMs?: number;
  /** Throttling window in milliseconds (default 15 minutes). */
  failureWindowMs: number;
  /** Session lifetime in milliseconds (default 12 hours). */
  sessionTtlMs: number;
}

/** Defaults of `AuthSettings`. */
export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  maxFailedLogins: 5,
  maxFailedLoginsPerIp: 20,
  loginBackoffBaseMs: 1000,
  failureWindowMs: 15 * 60 * 1000,
  sessionTtlMs: 12 * 60 * 60 * 1000,
};

/** The ports and settings handed to every operation. */
export interface AppDeps {
  store: Store;
  clock: Clock;
  ids: IdSource;
  hasher: PasswordHasher;
  tokens: TokenSource;
  auth: AuthSettings;
  /** Bundle signing key (from `BATON_BUNDLE_KEY`); when absent a key is generated once and kept in settings. */
  bundleKey?: { keyId: string; secret: string };
  /** Hasher of citizens' 6-digit query passwords (default `hasher`); main.ts uses an HMAC under the server secret, see docs/api-cases.md. */
  queryPasswordHasher?: PasswordHasher;
  /**
   * Seals event secrets (the citizen's query password and phone) for the outbox under the plugin
   * credential key (main.ts); absent, such secrets are dropped rather than written in plain text.
   */
  outboxSecretBox?: SecretBox;
  /** Rule set carrying the case documents; default: the version of the timeline in force on the case's day that carries a workflow. */
  casesRuleSetId?: string;
  /** The timeline to choose when several timelines qualify on one date (default: none; 409 `ruleset.ambiguous_active`). */
  timeline?: string;
  /**
   * Runs what-if evaluations off the request thread under a step budget and a time limit (main.ts:
   * a worker thread); absent, what-ifs run on this thread, yielding between steps (tests, CLI).
   */
  whatIf?: WhatIfRunner;
}
