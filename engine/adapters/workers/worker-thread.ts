/**
 * @module What the engine's worker threads share: starting a TypeScript entry through tsx, stopping a
 * worker, and carrying Baton errors across the thread boundary (serialized in the worker, revived on
 * the main thread with their class, code, bilingual text, path and details).
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  BatonError,
  ConflictError,
  type LocalizedText,
  NotFoundError,
  RuleError,
  ValidationError,
} from '../../core/errors.ts';

/** An error as it crosses from a worker to the main thread. */
export interface SerializedError {
  name: string;
  code?: string;
  text?: LocalizedText;
  path?: string;
  details?: unknown;
  message?: string;
}

const ERROR_CLASSES: Record<string, typeof BatonError> = {
  ValidationError,
  RuleError,
  NotFoundError,
  ConflictError,
};

/** In the worker: the error as a message the main thread can revive. */
export const serializeError = (error: unknown): SerializedError =>
  error instanceof BatonError
    ? { name: error.name, code: error.code, text: error.text, path: error.path, details: error.details }
    : { name: 'Error', message: String((error as Error)?.message ?? error) };

/**
 * On the main thread: the Baton error a worker reported (of `fallback` class when its class is not
 * one the engine sends), or `failed(message)` for a plain error.
 */
export function reviveError(
  error: SerializedError,
  fallback: typeof BatonError,
  failed: (reason: string) => Error,
): Error {
  if (error.code && error.text) {
    const Class = ERROR_CLASSES[error.name] ?? fallback;
    return new Class(error.code, error.text, { path: error.path, details: error.details });
  }
  return failed(error.message ?? 'unknown error');
}

/**
 * Starts a worker on the TypeScript module `entry` (registering tsx first, as bin/start.js does).
 * The worker does not keep the process alive (`unref`); a failed start posts `{ bootError }`.
 */
export function startTsWorker(entry: URL): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const href = pathToFileURL(entry.pathname).href;
  const source = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(href)}); }).catch((e) => { require('node:worker_threads').parentPort.postMessage({ bootError: String(e && e.stack || e) }); });`;
  const worker = new Worker(source, { eval: true });
  worker.unref();
  return worker;
}

/** Stops a worker and ignores what it still says. */
export function stopWorker(worker: Worker | null): void {
  if (!worker) return;
  worker.removeAllListeners();
  worker.on('error', () => {});
  void worker.terminate();
}
