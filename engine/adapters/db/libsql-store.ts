/** @module libSQL store: the only importer of @libsql/client; a serial write queue, WAL, migrations and repositories. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client, Config, InStatement, ResultSet, Row, Transaction } from '@libsql/client';
import { createClient as createFileClient } from '@libsql/client/sqlite3';
import type { AuditRecord } from '../../core/ruleset/audit-chain.ts';
import type { Repositories, Store } from '../../ports/store.ts';
import { loadMigrations, runMigrations } from './migrate.ts';
import { createRepositories } from './repositories.ts';
import type { Sql, SqlArgs } from './sql.ts';
import { type WriteGroup, WriteQueue } from './write-queue.ts';

/** The default database when neither an argument nor `BATON_DB_URL` names one. */
export const DEFAULT_DB_URL = 'file:./data/baton.db';

/** SQL access inside one write transaction. */
export interface SqlTransaction {
  /** Runs one statement and returns its rows and the number of rows it changed. */
  execute(sql: string, args?: SqlArgs): Promise<{ rows: Row[]; rowsAffected: number }>;
}

/** What the members of a write group run their statements on: the group's one transaction. */
interface GroupScope {
  execute(statement: InStatement): Promise<ResultSet>;
}

/** Options of `openStore`. */
export interface OpenStoreOptions {
  /** Apply pending migrations while opening (default true). */
  migrate?: boolean;
  /** Busy timeout of each connection in milliseconds (default 5000). */
  busyTimeoutMs?: number;
}

/** Where a `file:` URL points on disk, or null for in-memory and remote URLs. */
export function filePathOf(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  const withoutQuery = url.split('?')[0]!;
  if (withoutQuery === 'file::memory:' || withoutQuery.endsWith(':memory:')) return null;
  if (withoutQuery.startsWith('file://')) return fileURLToPath(withoutQuery);
  return resolve(withoutQuery.slice('file:'.length));
}

/**
 * A Store on libSQL. Reads go straight to a pool of reader connections; every write (single
 * statements, batches, transactions, migrations) goes through one serial queue onto a single writer
 * connection, because the client's pool cannot run two write transactions at once.
 */
export class LibsqlStore implements Store {
  readonly url: string;
  readonly units;
  readonly users;
  readonly sessions;
  readonly apiKeys;
  readonly loginAttempts;
  readonly outbox;
  readonly intakeRequests;
  readonly cases;
  readonly ruleSets;
  readonly audit;
  readonly settings;
  readonly ledger;
  readonly #writer: Client;
  readonly #reader: Client;
  readonly #queue = new WriteQueue<GroupScope>({ openGroup: () => this.#openGroup() });
  readonly #isLocalFile: boolean;
  readonly #readsThroughQueue: boolean;
  #closed = false;
  // The audit chain's last record, so appending needs no read (see #openGroup). undefined = unknown:
  // read it from the database. The database stays the truth; this only saves the round trip.
  readonly #cachesAuditTail: boolean;
  #auditTail: AuditRecord | null | undefined;
  #groupTail: AuditRecord | null | undefined;
  #dataVersion: number | undefined;

  /** Use `openStore` instead: it also sets WAL and runs migrations. */
  constructor(args: {
    url: string;
    writer: Client;
    reader: Client;
    isLocalFile: boolean;
    isMemory: boolean;
  }) {
    this.url = args.url;
    this.#writer = args.writer;
    this.#reader = args.reader;
    this.#isLocalFile = args.isLocalFile;
    // An in-memory database has one connection, which an open transaction holds.
    this.#readsThroughQueue = args.isMemory;
    // Another process can only append through another connection, which `PRAGMA data_version`
    // reveals for a local file; a remote server gives no such signal, so it is always re-read there.
    this.#cachesAuditTail = args.isLocalFile || args.isMemory;
    const sql: Sql = {
      read: (text, params) => this.read(text, params),
      write: async (text, params) => (await this.write(text, params)).rowsAffected,
    };
    const repos = createRepositories(sql);
    this.units = repos.units;
    this.users = repos.users;
    this.sessions = repos.sessions;
    this.apiKeys = repos.apiKeys;
    this.loginAttempts = repos.loginAttempts;
    this.outbox = repos.outbox;
    this.intakeRequests = repos.intakeRequests;
    this.cases = repos.cases;
    this.ruleSets = repos.ruleSets;
    this.audit = repos.audit;
    this.settings = repos.settings;
    this.ledger = repos.ledger;
  }

  /** Runs a read-only statement outside the write queue. */
  async read(sql: string, args: SqlArgs = []): Promise<Row[]> {
    if (this.#readsThroughQueue)
      return this.#queue.run(async () => (await this.#writer.execute({ sql, args })).rows);
    return (await this.#reader.execute({ sql, args })).rows;
  }

  /**
   * Runs one write statement through the queue. Single statements and batches run alone in autocommit,
   * never inside a group, so they hold no lock across an await (another store on the same file in this
   * process would otherwise block the thread in its busy handler).
   */
  write(
    sql: string,
    args: SqlArgs = [],
  ): Promise<{ rowsAffected: number; lastInsertRowid: bigint | undefined }> {
    return this.#enqueue(async () => {
      const result = await this.#writer.execute({ sql, args });
      return { rowsAffected: result.rowsAffected, lastInsertRowid: result.lastInsertRowid };
    });
  }

  /** Runs statements as one atomic write batch through the queue. */
  async batch(statements: InStatement[]): Promise<Row[][]> {
    const results = await this.#enqueue(() => this.#writer.batch(statements, 'write'));
    return results.map((result) => result.rows);
  }

  /**
   * Runs `fn` in an interactive write transaction on the queue; commits if it resolves, rolls back if
   * it throws. Transactions queued together share one commit (see `WriteQueue`): `fn` still sees its
   * own writes and those of the transactions queued before it, and its promise settles only after the
   * commit, so a resolved transaction is durable.
   */
  sqlTransaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.#queue.runInGroup(async (group) => {
      // Raw SQL may append to the audit log behind the cached end of the chain.
      this.#groupTail = undefined;
      // A leaked handle must not write into a later member of the same group.
      let isOpen = true;
      try {
        return await fn({
          execute: (sql, args = []) => {
            if (!isOpen) return Promise.reject(new Error('The transaction is closed'));
            return group.execute({ sql, args });
          },
        });
      } finally {
        isOpen = false;
      }
    });
  }

  /** See `Store.transaction`: the repositories handed to `fn` run on the transaction. */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    return this.#queue.runInGroup(async (group) => {
      let isOpen = true;
      const sql: Sql = {
        read: async (text, params = []) => {
          if (!isOpen) throw new Error('The transaction is closed');
          return (await group.execute({ sql: text, args: params })).rows;
        },
        write: async (text, params = []) => {
          if (!isOpen) throw new Error('The transaction is closed');
          return (await group.execute({ sql: text, args: params })).rowsAffected;
        },
      };
      const repos = createRepositories(sql);
      // What the chain's end is for this member: the group's so far, then whatever it appends.
      let tail = this.#groupTail;
      const audit = repos.audit;
      repos.audit = {
        ...audit,
        last: async () => {
          if (tail === undefined) tail = await audit.last();
          return tail;
        },
        append: async (record) => {
          await audit.append(record);
          tail = record;
        },
      };
      try {
        const result = await fn(repos);
        this.#groupTail = tail;
        return result;
      } catch (error) {
        // Rolled back to its savepoint; whatever it believed about the chain is void.
        this.#groupTail = undefined;
        throw error;
      } finally {
        isOpen = false;
      }
    });
  }

  /** Applies pending migrations (through the queue); returns the versions applied. */
  async migrate(): Promise<number[]> {
    const migrations = await loadMigrations();
    return this.#enqueue(() => runMigrations(this.#writer, migrations));
  }

  async ping(): Promise<void> {
    await this.read('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue.drain();
    this.#writer.close();
    if (this.#reader !== this.#writer) this.#reader.close();
  }

  async #openGroup(): Promise<WriteGroup<GroupScope>> {
    // PRAGMAs are per connection and a no-op inside a transaction; the connection may have been replaced after an error.
    if (this.#isLocalFile) await this.#writer.execute('PRAGMA foreign_keys = ON');
    const tx: Transaction = await this.#writer.transaction('write');
    let dataVersion: number | undefined;
    if (this.#cachesAuditTail) {
      try {
        // Changes only when another connection commits (our own commits leave it alone).
        dataVersion = Number((await tx.execute('PRAGMA data_version')).rows[0]?.data_version);
      } catch (error) {
        await tx.rollback().catch(() => {});
        tx.close();
        throw error;
      }
      if (dataVersion !== this.#dataVersion) this.#auditTail = undefined;
    }
    this.#groupTail = this.#cachesAuditTail ? this.#auditTail : undefined;
    const run = async (sql: string) => {
      await tx.execute(sql);
    };
    return {
      scope: { execute: (statement) => tx.execute(statement) },
      savepoint: (name) => run(`SAVEPOINT ${name}`),
      release: (name) => run(`RELEASE ${name}`),
      rollbackTo: (name) => run(`ROLLBACK TO ${name}`),
      isOpen: () => !tx.closed,
      commit: async () => {
        try {
          await tx.commit();
        } catch (error) {
          this.#forgetAuditTail();
          throw error;
        }
        this.#auditTail = this.#groupTail;
        this.#dataVersion = dataVersion;
      },
      rollback: async () => {
        this.#forgetAuditTail();
        await tx.rollback().catch(() => {});
        tx.close();
      },
    };
  }

  #forgetAuditTail(): void {
    this.#auditTail = undefined;
    this.#groupTail = undefined;
    this.#dataVersion = undefined;
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    return this.#queue.run(async () => {
      // A write outside a transaction (e.g. store.audit.append, a migration) may move the chain's end.
      this.#forgetAuditTail();
      // PRAGMAs are per connection; the writer's connection may have been replaced after an error.
      if (this.#isLocalFile) await this.#writer.execute('PRAGMA foreign_keys = ON');
      return task();
    });
  }
}

/**
 * Opens the store at `url` (default `BATON_DB_URL`, else `file:./data/baton.db`), creating the folder of
 * a file database, switching it to WAL and applying pending migrations.
 */
export async function openStore(url?: string, options: OpenStoreOptions = {}): Promise<LibsqlStore> {
  const target = url ?? process.env.BATON_DB_URL ?? DEFAULT_DB_URL;
  const path = filePathOf(target);
  const isMemory = target.startsWith('file:') && path === null;
  const timeout = options.busyTimeoutMs ?? 5000;
  if (path !== null) mkdirSync(dirname(path), { recursive: true });
  // Remote clients (http, ws) are loaded only when needed: they pull in a WebSocket stack local files never use.
  const createClient: (config: Config) => Client = target.startsWith('file:')
    ? createFileClient
    : (await import('@libsql/client/node')).createClient;
  const writer = createClient({ url: target, concurrency: 1, timeout });
  const reader = isMemory ? writer : createClient({ url: target, timeout });
  const store = new LibsqlStore({ url: target, writer, reader, isLocalFile: path !== null, isMemory });
  try {
    if (path !== null) await writer.execute('PRAGMA journal_mode = WAL');
    if (options.migrate ?? true) await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
