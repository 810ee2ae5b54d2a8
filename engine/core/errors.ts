/** @module Error types shared by every layer; core knows no HTTP, adapters map codes to statuses. */

/** A message in both languages Baton speaks. */
export interface LocalizedText {
  en: string;
  zh: string;
}

export interface BatonErrorOptions {
  /** JSON-pointer-like path of the offending input, e.g. `/rows/3/cells/1`. */
  path?: string;
  details?: unknown;
  cause?: unknown;
}

/**
 * Base error of Baton. `code` is a stable machine-readable identifier (e.g. `logic.unknown_operator`);
 * `text` carries the message in English and Chinese; `message` is the English text.
 */
export class BatonError extends Error {
  readonly code: string;
  readonly text: LocalizedText;
  readonly path: string | undefined;
  readonly details: unknown;

  constructor(code: string, text: LocalizedText, options: BatonErrorOptions = {}) {
    super(text.en, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BatonError';
    this.code = code;
    this.text = text;
    this.path = options.path;
    this.details = options.details;
  }
}

/** The message of something thrown: an Error's message, anything else as a string. */
export const messageOf = (thrown: unknown): string =>
  thrown instanceof Error ? thrown.message : String(thrown);

/** A BatonError subclass whose instances carry `name` (what logs and `err.name` show). */
function namedError(name: string) {
  return class extends BatonError {
    override name = name;
  };
}

/** Input that does not match what was expected (maps to HTTP 400/422). */
export class ValidationError extends namedError('ValidationError') {}

/** A rule or document that cannot be compiled or evaluated. */
export class RuleError extends namedError('RuleError') {}

/** A referenced thing does not exist (maps to HTTP 404). */
export class NotFoundError extends namedError('NotFoundError') {}

/** A write that conflicts with the current state (maps to HTTP 409). */
export class ConflictError extends namedError('ConflictError') {}

/** Caller is not authenticated (401). */
export class AuthenticationError extends namedError('AuthenticationError') {}

/** Caller is authenticated but not allowed (403). */
export class PermissionError extends namedError('PermissionError') {}

/** A validation issue, as returned by `validate`/`check` functions that never throw. */
export interface Issue {
  path: string;
  code: string;
  message: string;
  messageZh?: string;
  severity?: 'error' | 'warning';
}

/** An issue with its English and Chinese messages; an error unless `severity` says otherwise. */
export function issueOf(
  path: string,
  code: string,
  en: string,
  zh: string,
  severity: 'error' | 'warning' = 'error',
): Issue {
  return { path, code, message: en, messageZh: zh, severity };
}
