/** @module Logger port: structured, one JSON object per event. */

/** Fields of one structured log event. */
export type LogFields = Record<string, unknown>;

/** Writes structured log events. Callers must never pass secrets (passwords, cookies, keys). */
export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}
