/** @module SQL repositories for the foundation tables, written against a tiny read/write interface so they run on the store or inside a transaction. */
import { type Sql, text, textOrNull } from './sql.ts';
import type { InValue, Row } from '@libsql/client';
import type {
  ApiKey,
  LoginAttempt,
  Repositories,
  Role,
  Session,
  Unit,
  UnitKind,
  User,
} from '../../ports/store.ts';
import {
  createAuditRepository,
  createRuleSetRepository,
  createSettingsRepository,
} from './rule-set-repositories.ts';

import { createCaseRepository } from './case-repositories.ts';
import { createLedgerRepository } from './ledger-repositories.ts';
import { summarizeAttempts } from './attempt-summary.ts';
import { createIntakeRequestRepository, createOutboxRepository } from './plugin-repositories.ts';

const roles = (row: Row, column: string): Role[] => JSON.parse(text(row, column)) as Role[];

const toUnit = (row: Row): Unit => ({
  id: text(row, 'id'),
  code: text(row, 'code'),
  name: text(row, 'name'),
  nameEn: textOrNull(row, 'name_en'),
  kind: text(row, 'kind') as UnitKind,
  parentId: textOrNull(row, 'parent_id'),
  peerGroup: textOrNull(row, 'peer_group'),
});

const toUser = (row: Row): User => ({
  id: text(row, 'id'),
  username: text(row, 'username'),
  displayName: text(row, 'display_name'),
  passwordHash: text(row, 'password_hash'),
  roles: roles(row, 'roles'),
  unitId: textOrNull(row, 'unit_id'),
  disabled: Number(row.disabled) !== 0,
  createdAt: text(row, 'created_at'),
});

/** The values of the columns an update may change: display_name, password_hash, roles, unit_id, disabled. */
const userSettings = (user: User): InValue[] => [
  user.displayName,
  user.passwordHash,
  JSON.stringify(user.roles),
  user.unitId,
  user.disabled ? 1 : 0,
];

const toSession = (row: Row): Session => ({
  id: text(row, 'id'),
  userId: text(row, 'user_id'),
  csrfToken: text(row, 'csrf_token'),
  createdAt: text(row, 'created_at'),
  expiresAt: text(row, 'expires_at'),
});

const toApiKey = (row: Row): ApiKey => ({
  id: text(row, 'id'),
  prefix: text(row, 'prefix'),
  hash: text(row, 'hash'),
  name: text(row, 'name'),
  roles: roles(row, 'roles'),
  unitId: textOrNull(row, 'unit_id'),
  createdAt: text(row, 'created_at'),
  revokedAt: textOrNull(row, 'revoked_at'),
});

const first = <T>(rows: Row[], map: (row: Row) => T): T | null => (rows[0] ? map(rows[0]) : null);
const countOf = (rows: Row[]): number => Number(rows[0]?.n ?? 0);

/**
 * Repositories over `sql`.
 * Long: a factory: its methods are short and share one connection, so they stay together in one closure.
 */
export function createRepositories(sql: Sql): Repositories {
  return {
    units: {
      list: async () => (await sql.read('SELECT * FROM units ORDER BY code')).map(toUnit),
      get: async (id) => first(await sql.read('SELECT * FROM units WHERE id = ?', [id]), toUnit),
      insert: async (unit) => {
        await sql.write(
          'INSERT INTO units (id, code, name, name_en, kind, parent_id, peer_group) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [unit.id, unit.code, unit.name, unit.nameEn, unit.kind, unit.parentId, unit.peerGroup],
        );
      },
      count: async () => countOf(await sql.read('SELECT count(*) AS n FROM units')),
    },
    users: {
      get: async (id) => first(await sql.read('SELECT * FROM users WHERE id = ?', [id]), toUser),
      getByUsername: async (username) =>
        first(await sql.read('SELECT * FROM users WHERE username = ?', [username]), toUser),
      insert: async (user) => {
        await sql.write(
          'INSERT INTO users (id, username, display_name, password_hash, roles, unit_id, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          [user.id, user.username, ...userSettings(user), user.createdAt],
        );
      },
      count: async () => countOf(await sql.read('SELECT count(*) AS n FROM users')),
      list: async () => (await sql.read('SELECT * FROM users ORDER BY username')).map(toUser),
      update: async (user) => {
        await sql.write(
          'UPDATE users SET display_name = ?, password_hash = ?, roles = ?, unit_id = ?, disabled = ? WHERE id = ?',
          [...userSettings(user), user.id],
        );
      },
    },
    sessions: {
      get: async (id) => first(await sql.read('SELECT * FROM sessions WHERE id = ?', [id]), toSession),
      insert: async (session) => {
        await sql.write(
          'INSERT INTO sessions (id, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
          [session.id, session.userId, session.csrfToken, session.createdAt, session.expiresAt],
        );
      },
      delete: async (id) => {
        await sql.write('DELETE FROM sessions WHERE id = ?', [id]);
      },
      deleteExpired: (now) => sql.write('DELETE FROM sessions WHERE expires_at < ?', [now]),
      deleteForUser: (userId) => sql.write('DELETE FROM sessions WHERE user_id = ?', [userId]),
    },
    apiKeys: {
      getByPrefix: async (prefix) =>
        first(await sql.read('SELECT * FROM api_keys WHERE prefix = ?', [prefix]), toApiKey),
      get: async (id) => first(await sql.read('SELECT * FROM api_keys WHERE id = ?', [id]), toApiKey),
      insert: async (key) => {
        await sql.write(
          'INSERT INTO api_keys (id, prefix, hash, name, roles, unit_id, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          [
            key.id,
            key.prefix,
            key.hash,
            key.name,
            JSON.stringify(key.roles),
            key.unitId,
            key.createdAt,
            key.revokedAt,
          ],
        );
      },
      list: async () => (await sql.read('SELECT * FROM api_keys ORDER BY created_at, id')).map(toApiKey),
      revoke: async ({ id, at }) =>
        (await sql.write('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [
          at,
          id,
        ])) > 0,
    },
    loginAttempts: {
      insert: async (attempt: LoginAttempt) => {
        await sql.write(
          'INSERT INTO login_attempts (username, ip, succeeded, refused, at) VALUES (?, ?, ?, ?, ?)',
          [attempt.username, attempt.ip, attempt.succeeded ? 1 : 0, attempt.refused ? 1 : 0, attempt.at],
        );
      },
      countFailures: async ({ username, ip, since }) => {
        if (username === undefined && ip === undefined) return 0;
        const column = username !== undefined ? 'username' : 'ip';
        const rows = await sql.read(
          `SELECT count(*) AS n FROM login_attempts WHERE ${column} = ? AND succeeded = 0 AND refused = 0 AND at >= ?`,
          [username ?? ip ?? null, since],
        );
        return countOf(rows);
      },
      clearFailures: async (username, ip) => {
        if (ip === undefined)
          await sql.write('DELETE FROM login_attempts WHERE username = ? AND succeeded = 0', [username]);
        else
          await sql.write(
            `DELETE FROM login_attempts WHERE username = ? AND ${ip === null ? 'ip IS NULL' : 'ip = ?'} AND succeeded = 0`,
            ip === null ? [username] : [username, ip],
          );
      },
      summarize: ({ username, ip, since }) =>
        summarizeAttempts(sql, 'login_attempts', { username, ip }, since),
    },
    ruleSets: createRuleSetRepository(sql),
    audit: createAuditRepository(sql),
    settings: createSettingsRepository(sql),
    outbox: createOutboxRepository(sql),
    intakeRequests: createIntakeRequestRepository(sql),
    cases: createCaseRepository(sql),
    ledger: createLedgerRepository(sql),
  };
}
