/** @module Migration runner: numbered SQL files applied once each, inside a write transaction, tracked in schema_migrations. */
import { readdir, readFile } from 'node:fs/promises';
import type { Client } from '@libsql/client';
import { systemClock } from '../clock/clock.ts';

/** One migration file. */
export interface Migration {
  /** The number at the start of the file name, e.g. 1 for `001-foundation.sql`. */
  version: number;
  name: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d{3,})-([a-z0-9-]+)\.sql$/;

/** The default migrations folder, next to this module. */
export const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

/** Reads every `NNN-name.sql` in `dir`, ordered by number; throws on a duplicate number. */
export async function loadMigrations(dir: URL | string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => MIGRATION_FILE.test(file));
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = MIGRATION_FILE.exec(file)!;
    const sql = await readFile(new URL(file, typeof dir === 'string' ? `file://${dir}/` : dir), 'utf8');
    migrations.push({ version: Number(match[1]), name: match[2]!, sql });
  }
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version === migrations[i - 1]!.version) {
      throw new Error(`Two migrations share number ${migrations[i]!.version}`);
    }
  }
  return migrations;
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, each in its own write transaction.
 * The caller must hold the write queue. Returns the versions applied now.
 */
export async function runMigrations(client: Client, migrations: Migration[]): Promise<number[]> {
  await client.execute(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const applied: number[] = [];
  for (const migration of migrations) {
    const tx = await client.transaction('write');
    try {
      // Checked inside the write transaction so two processes starting together cannot both apply it.
      const seen = await tx.execute({
        sql: 'SELECT 1 FROM schema_migrations WHERE version = ?',
        args: [migration.version],
      });
      if (seen.rows.length > 0) {
        await tx.rollback();
        continue;
      }
      await tx.executeMultiple(migration.sql);
      await tx.execute({
        sql: 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
        args: [migration.version, migration.name, systemClock.now().toISOString()],
      });
      await tx.commit();
      applied.push(migration.version);
    } catch (error) {
      await tx.rollback().catch(() => {});
      throw error;
    } finally {
      tx.close();
    }
  }
  return applied;
}
