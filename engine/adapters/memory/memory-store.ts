/** @module In-memory Store: same contract as the libSQL store, for fast app tests; transactions restore a snapshot on failure. */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditRecord } from '../../core/ruleset/audit-chain.ts';
import type { RuleSetRecord, RuleSetVersionRecord } from '../../ports/rule-set-store.ts';
import { summarizeAttemptList } from './attempt-summary.ts';
import type { ApiKey, LoginAttempt, Repositories, Session, Store, Unit, User } from '../../ports/store.ts';
import { createMemoryRuleSetRepositories, type RuleSetState } from './memory-rule-sets.ts';
import { matchesFilters } from './filters.ts';
import { type CaseMemoryState, createMemoryCaseRepository, emptyCaseMemoryState } from './memory-cases.ts';
import {
  createMemoryLedgerRepository,
  emptyLedgerMemoryState,
  type LedgerMemoryState,
} from './memory-ledger.ts';
import {
  createMemoryPluginRepositories,
  emptyPluginMemoryState,
  type PluginMemoryState,
} from './memory-plugins.ts';

interface State extends PluginMemoryState, CaseMemoryState, LedgerMemoryState {
  units: Map<string, Unit>;
  users: Map<string, User>;
  sessions: Map<string, Session>;
  apiKeys: Map<string, ApiKey>;
  loginAttempts: LoginAttempt[];
  ruleSets: Map<string, RuleSetRecord>;
  versions: Map<string, RuleSetVersionRecord>;
  audit: AuditRecord[];
  settings: Map<string, string>;
}

const emptyState = (): State => ({
  ...emptyPluginMemoryState(),
  ...emptyCaseMemoryState(),
  ...emptyLedgerMemoryState(),
  units: new Map(),
  users: new Map(),
  sessions: new Map(),
  apiKeys: new Map(),
  loginAttempts: [],
  ruleSets: new Map(),
  versions: new Map(),
  audit: [],
  settings: new Map(),
});

/** Thrown on a uniqueness or reference violation, like the database would. */
export class MemoryConstraintError extends Error {
  override name = 'MemoryConstraintError';
}

const copy = <T>(value: T): T => structuredClone(value);

/** A Store kept in process memory. Writes are serialised like the libSQL store's. */
export class MemoryStore implements Store {
  #state: State = emptyState();
  #tail: Promise<unknown> = Promise.resolve();
  readonly #inside = new AsyncLocalStorage<true>();
  readonly units;
  readonly users;
  readonly sessions;
  readonly apiKeys;
  readonly loginAttempts;
  readonly ruleSets;
  readonly audit;
  readonly settings;
  readonly outbox;
  readonly intakeRequests;
  readonly cases;
  readonly ledger;

  constructor() {
    const repos = this.#repositories((task) => this.#serial(task));
    this.units = repos.units;
    this.users = repos.users;
    this.sessions = repos.sessions;
    this.apiKeys = repos.apiKeys;
    this.loginAttempts = repos.loginAttempts;
    this.ruleSets = repos.ruleSets;
    this.audit = repos.audit;
    this.settings = repos.settings;
    this.outbox = repos.outbox;
    this.intakeRequests = repos.intakeRequests;
    this.cases = repos.cases;
    this.ledger = repos.ledger;
  }

  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    return this.#serial(async () => {
      const snapshot = copy(this.#state);
      try {
        return await fn(this.#repositories((task) => task()));
      } catch (error) {
        this.#state = snapshot;
        throw error;
      }
    });
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    await this.#tail;
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    if (this.#inside.getStore()) {
      return Promise.reject(
        new Error('A write was queued from inside a running write; use the transaction’s repositories'),
      );
    }
    const inside = () => this.#inside.run(true, task);
    const result = this.#tail.then(inside, inside);
    this.#tail = result.catch(() => {});
    return result;
  }

  #repositories(write: <T>(task: () => Promise<T>) => Promise<T>): Repositories {
    const s = () => this.#state;
    const requireUnit = (id: string | null) => {
      if (id !== null && !s().units.has(id)) throw new MemoryConstraintError(`unknown unit ${id}`);
    };
    /** Stores a copy of `row` as the UNIQUE constraints of its table allow: a new id, a new `key` value, a known unit. */
    const insertUnique = <T extends { id: string }>(
      table: Map<string, T>,
      row: T,
      key: keyof T,
      duplicate: string,
      unitId: string | null,
    ) => {
      if (table.has(row.id) || [...table.values()].some((other) => other[key] === row[key])) {
        throw new MemoryConstraintError(duplicate);
      }
      requireUnit(unitId);
      table.set(row.id, copy(row));
    };
    return {
      ...createMemoryRuleSetRepositories(() => this.#state as RuleSetState, write),
      ...createMemoryPluginRepositories(() => this.#state, write),
      cases: createMemoryCaseRepository(() => this.#state, write),
      ledger: createMemoryLedgerRepository(() => this.#state, write),
      units: {
        list: async () => [...s().units.values()].sort((a, b) => a.code.localeCompare(b.code)).map(copy),
        get: async (id) => copy(s().units.get(id) ?? null),
        insert: (unit) =>
          write(async () =>
            insertUnique(s().units, unit, 'code', `duplicate unit ${unit.id}`, unit.parentId),
          ),
        count: async () => s().units.size,
      },
      users: {
        get: async (id) => copy(s().users.get(id) ?? null),
        getByUsername: async (username) =>
          copy([...s().users.values()].find((u) => u.username === username) ?? null),
        insert: (user) =>
          write(async () =>
            insertUnique(s().users, user, 'username', `duplicate user ${user.username}`, user.unitId),
          ),
        count: async () => s().users.size,
        list: async () =>
          [...s().users.values()]
            .sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0))
            .map(copy),
        update: (user) =>
          write(async () => {
            const current = s().users.get(user.id);
            if (!current) return;
            requireUnit(user.unitId);
            // Identity fields stay: only what the SQL adapter updates changes here too.
            s().users.set(user.id, {
              ...copy(user),
              username: current.username,
              createdAt: current.createdAt,
            });
          }),
      },
      sessions: {
        get: async (id) => copy(s().sessions.get(id) ?? null),
        insert: (session) =>
          write(async () => {
            if (s().sessions.has(session.id)) throw new MemoryConstraintError('duplicate session');
            if (!s().users.has(session.userId)) throw new MemoryConstraintError('unknown user');
            s().sessions.set(session.id, copy(session));
          }),
        delete: (id) =>
          write(async () => {
            s().sessions.delete(id);
          }),
        deleteExpired: (now) =>
          write(async () => {
            let removed = 0;
            for (const [id, session] of s().sessions) {
              if (session.expiresAt < now) {
                s().sessions.delete(id);
                removed++;
              }
            }
            return removed;
          }),
        deleteForUser: (userId) =>
          write(async () => {
            let removed = 0;
            for (const [id, session] of s().sessions) {
              if (session.userId === userId) {
                s().sessions.delete(id);
                removed++;
              }
            }
            return removed;
          }),
      },
      apiKeys: {
        getByPrefix: async (prefix) =>
          copy([...s().apiKeys.values()].find((k) => k.prefix === prefix) ?? null),
        get: async (id) => copy(s().apiKeys.get(id) ?? null),
        insert: (key) =>
          write(async () => {
            if (s().apiKeys.has(key.id) || [...s().apiKeys.values()].some((k) => k.prefix === key.prefix)) {
              throw new MemoryConstraintError('duplicate api key');
            }
            requireUnit(key.unitId);
            s().apiKeys.set(key.id, copy(key));
          }),
        list: async () =>
          [...s().apiKeys.values()]
            .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
            .map(copy),
        revoke: ({ id, at }) =>
          write(async () => {
            const key = s().apiKeys.get(id);
            if (!key || key.revokedAt !== null) return false;
            key.revokedAt = at;
            return true;
          }),
      },
      loginAttempts: {
        insert: (attempt) =>
          write(async () => {
            s().loginAttempts.push(copy(attempt));
          }),
        countFailures: async ({ username, ip, since }) => {
          if (username === undefined && ip === undefined) return 0;
          return s().loginAttempts.filter(
            (a) =>
              !a.succeeded &&
              !a.refused &&
              a.at >= since &&
              (username !== undefined ? a.username === username : a.ip === ip),
          ).length;
        },
        clearFailures: (username, ip) =>
          write(async () => {
            s().loginAttempts = s().loginAttempts.filter(
              (a) => a.succeeded || a.username !== username || (ip !== undefined && a.ip !== ip),
            );
          }),
        summarize: async ({ username, ip, since }) =>
          summarizeAttemptList(
            s().loginAttempts.filter((a) => matchesFilters(a, { username, ip })),
            since,
          ),
      },
    };
  }
}
