/** @module Store port: records and repositories for identity, sessions, API keys and units. */
import type { IntakeRequestRepository } from './case-intake.ts';
import type { CaseRepository } from './cases.ts';
import type { LedgerRepository } from './ledger.ts';
import type { OutboxRepository } from './outbox.ts';
import type { AuditRepository, RuleSetRepository, SettingsRepository } from './rule-set-store.ts';

/** Kinds of responsible unit. */
export type UnitKind = 'department' | 'street' | 'community' | 'third_party' | 'city_office';

/** Every role Baton knows; `citizen` is not a stored account. */
export type Role = 'admin' | 'dispatcher' | 'supervisor' | 'unit' | 'reviewer' | 'auditor' | 'plugin';

/** A responsible unit (责任单位); units form a tree through `parentId`. */
export interface Unit {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: UnitKind;
  parentId: string | null;
  peerGroup: string | null;
}

/** A stored user account. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  unitId: string | null;
  disabled: boolean;
  /** ISO-8601 instant. */
  createdAt: string;
}

/** A login session; `id` is the SHA-256 of the cookie token, never the token itself. */
export interface Session {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

/** An API key; `hash` is the SHA-256 of the full key, the plaintext is never stored. */
export interface ApiKey {
  id: string;
  prefix: string;
  hash: string;
  name: string;
  roles: Role[];
  unitId: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** One login attempt, for throttling. */
export interface LoginAttempt {
  username: string;
  ip: string | null;
  succeeded: boolean;
  /** Refused by the throttle without being evaluated (kept to count a flood, never a failure). */
  refused?: boolean;
  at: string;
}

/** Recent attempts of one key inside a window (see app/throttle.ts). */
export interface AttemptSummaryRow {
  failures: number;
  lastFailureAt: string | null;
  refusedSinceFailure: number;
}

/** Units repository. */
export interface UnitRepository {
  list(): Promise<Unit[]>;
  get(id: string): Promise<Unit | null>;
  insert(unit: Unit): Promise<void>;
  count(): Promise<number>;
}

/** Users repository. */
export interface UserRepository {
  get(id: string): Promise<User | null>;
  getByUsername(username: string): Promise<User | null>;
  insert(user: User): Promise<void>;
  count(): Promise<number>;
  /** Every user, ordered by username. */
  list(): Promise<User[]>;
  /** Replaces the mutable fields (display name, password hash, roles, unit, disabled) of user `id`. */
  update(user: User): Promise<void>;
}

/** Sessions repository. */
export interface SessionRepository {
  get(id: string): Promise<Session | null>;
  insert(session: Session): Promise<void>;
  delete(id: string): Promise<void>;
  /** Removes sessions that expired before `now`; returns how many. */
  deleteExpired(now: string): Promise<number>;
  /** Removes every session of a user (disabled, password reset); returns how many. */
  deleteForUser(userId: string): Promise<number>;
}

/** API keys repository. */
export interface ApiKeyRepository {
  getByPrefix(prefix: string): Promise<ApiKey | null>;
  get(id: string): Promise<ApiKey | null>;
  insert(key: ApiKey): Promise<void>;
  list(): Promise<ApiKey[]>;
  /** Sets `revokedAt` of a key that is not yet revoked; returns whether a key changed. */
  revoke(input: { id: string; at: string }): Promise<boolean>;
}

/** Login attempts repository. */
export interface LoginAttemptRepository {
  insert(attempt: LoginAttempt): Promise<void>;
  /** Failed attempts since `since` (inclusive), for a username or an IP. */
  countFailures(query: { username?: string; ip?: string; since: string }): Promise<number>;
  /** Forgets the failed (and refused) attempts of a username, or of (username, ip) when `ip` is given. */
  clearFailures(username: string, ip?: string | null): Promise<void>;
  /**
   * Failures (not refusals) since `since` of a username, an IP, or the (username, ip) pair when both are
   * given (`ip: null` matches attempts without an IP), with the latest failure and the refusals after it.
   */
  summarize(query: { username?: string; ip?: string | null; since: string }): Promise<AttemptSummaryRow>;
}

/** All repositories; inside `Store.transaction` they are bound to the transaction. */
export interface Repositories {
  units: UnitRepository;
  users: UserRepository;
  sessions: SessionRepository;
  apiKeys: ApiKeyRepository;
  loginAttempts: LoginAttemptRepository;
  /** Domain events for plugins; append inside the transaction of the change (see app `enqueueOutbox`). */
  outbox: OutboxRepository;
  intakeRequests: IntakeRequestRepository;
  /** Cases, their event history, numbers, deadline notices and citizen lookup attempts. */
  cases: CaseRepository;
  ruleSets: RuleSetRepository;
  audit: AuditRepository;
  settings: SettingsRepository;
  /** Ledger entries, attachments, amendments, source values and score projections. */
  ledger: LedgerRepository;
}

/** The persistent store. Writes are serialised; a transaction commits all or nothing. */
export interface Store extends Repositories {
  /** Runs `fn` in one write transaction; rolls back if it throws. Do not nest. */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Throws if the store cannot answer a trivial query. */
  ping(): Promise<void>;
  /** Waits for queued writes and releases connections. */
  close(): Promise<void>;
}
