/** @module `baton eval --batch FILE`: evaluates `{rule, data}` pairs, one result or error per pair. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BatonError, messageOf } from '../../../core/errors.ts';
import { compile } from '../../../core/rule-language.ts';
import { type CliCommand, flagValue, usageError } from './types.ts';

/** One line of the batch output. */
export type EvalOutcome = { result: unknown } | { error: { code: string; message: string } };

function outcome(item: unknown): EvalOutcome {
  try {
    if (typeof item !== 'object' || item === null || Array.isArray(item) || !('rule' in item)) {
      return {
        error: { code: 'cli.invalid_item', message: 'Each batch item must be an object {rule, data}' },
      };
    }
    const { rule, data } = item as { rule: unknown; data?: unknown };
    const result = compile(rule)(data);
    return { result: result === undefined ? null : result };
  } catch (error) {
    if (error instanceof BatonError) return { error: { code: error.code, message: error.message } };
    return {
      error: {
        code: 'logic.evaluation_failed',
        message: messageOf(error),
      },
    };
  }
}

/** Evaluates every item independently; a bad item never stops the batch. */
export function evaluateBatch(items: unknown[]): EvalOutcome[] {
  return items.map(outcome);
}

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'Evaluate rules: FILE is a JSON array of {rule, data}; prints a JSON array of {result} or {error}',
  usage: 'eval --batch FILE',
  async run(args, io) {
    const file = flagValue(args, '--batch');
    if (file === undefined) {
      return usageError(io, this.usage);
    }
    let items: unknown;
    try {
      items = JSON.parse(await readFile(path.resolve(io.cwd, file), 'utf8'));
    } catch (error) {
      io.stderr(`baton eval: cannot read ${file}: ${messageOf(error)}\n`);
      return 1;
    }
    if (!Array.isArray(items)) {
      io.stderr('baton eval: the batch file must contain a JSON array of {rule, data}\n');
      return 1;
    }
    io.stdout(`${JSON.stringify(evaluateBatch(items))}\n`);
    return 0;
  },
};
