/** @module JSON-lines logger: one object per line with time and level first. */
import type { Clock } from '../../ports/clock.ts';
import type { LogFields, Logger } from '../../ports/logger.ts';
import { systemClock } from '../clock/clock.ts';

/** A logger writing JSON lines to `write` (default stdout), stamped by `clock`; `collect` lines in tests by passing a function. */
export function createJsonLogger(
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  clock: Clock = systemClock,
): Logger {
  const emit = (level: string, msg: string, fields: LogFields = {}) => {
    write(JSON.stringify({ time: clock.now().toISOString(), level, msg, ...fields }));
  };
  return {
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
}

/** A logger that drops everything. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
