/** @module The tiny read/write interface the SQL repositories are written against, so they run on the store or inside a transaction. */
import type { InArgs, Row } from '@libsql/client';

/** Positional or named statement arguments. */
export type SqlArgs = InArgs;

/** What the repositories need from a connection. */
export interface Sql {
  read(sql: string, args?: SqlArgs): Promise<Row[]>;
  /** Returns the number of rows changed. */
  write(sql: string, args?: SqlArgs): Promise<number>;
}

/** A column's value as text. */
export const text = (row: Row, column: string): string => String(row[column]);

/** A column's value as text, or null where it is NULL. */
export const textOrNull = (row: Row, column: string): string | null =>
  row[column] === null || row[column] === undefined ? null : String(row[column]);
