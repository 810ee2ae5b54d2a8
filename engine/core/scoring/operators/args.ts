/** @module Argument readers and schema builders shared by the scoring operators; every failure is a RuleError. */
import { type LocalizedText, RuleError } from '../../errors.ts';
import type { EvalContext, OperatorDefinition, OperatorExample } from '../../logic/operator.ts';

/** A JSON Schema fragment. */
export type Schema = Record<string, unknown>;

/** Error code for an argument an operator cannot accept. */
export const BAD_ARGS = 'scoring.bad_args';
/** Error code for an operator that needs something from the evaluation context that is absent. */
export const MISSING_CONTEXT = 'scoring.missing_context';

/** Describes a value in error messages without dumping large inputs. */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return typeof value;
  }
}

/** Throws `scoring.bad_args` for argument `index` (0-based) of operator `op`. */
export function badArg(op: string, index: number, expected: LocalizedText, value: unknown): never {
  const shown = show(value);
  throw new RuleError(
    BAD_ARGS,
    {
      en: `${op}: argument ${index + 1} must be ${expected.en}, got ${shown}`,
      zh: `${op}：第 ${index + 1} 个参数应为${expected.zh}，实际为 ${shown}`,
    },
    { path: `/${op}/${index}`, details: { operator: op, argument: index, value } },
  );
}

/** Throws `scoring.bad_args` for a rule that breaks a relation between arguments. */
export function badArgs(op: string, text: LocalizedText, details?: Record<string, unknown>): never {
  throw new RuleError(
    BAD_ARGS,
    { en: `${op}: ${text.en}`, zh: `${op}：${text.zh}` },
    { path: `/${op}`, details: { operator: op, ...details } },
  );
}

const FINITE: LocalizedText = { en: 'a finite number', zh: '有限数值' };

/** Reads a required finite number. */
export function num(op: string, args: readonly unknown[], index: number): number {
  const value = args[index];
  if (typeof value !== 'number' || !Number.isFinite(value)) badArg(op, index, FINITE, value);
  return value;
}

/** Reads an optional finite number; `undefined` and `null` give the fallback. */
export function optNum(op: string, args: readonly unknown[], index: number, fallback: number): number {
  const value = args[index];
  if (value === undefined || value === null) return fallback;
  return num(op, args, index);
}

/** Reads an optional finite number where `null` or absence means "no limit". */
export function optLimit(op: string, args: readonly unknown[], index: number): number | null {
  const value = args[index];
  if (value === undefined || value === null) return null;
  return num(op, args, index);
}

/** Reads a required number that must be strictly positive. */
export function positive(op: string, args: readonly unknown[], index: number): number {
  const value = args[index];
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    badArg(op, index, { en: 'a number greater than 0', zh: '大于 0 的数值' }, value);
  }
  return value;
}

/** Reads a required number that must be zero or more. */
export function nonNegative(op: string, args: readonly unknown[], index: number): number {
  const value = args[index];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    badArg(op, index, { en: 'a number of 0 or more', zh: '不小于 0 的数值' }, value);
  }
  return value;
}

/** Reads an optional integer within [min, max]. */
export function optInt(
  op: string,
  args: readonly unknown[],
  index: number,
  range: { fallback: number; min: number; max: number },
): number {
  const value = args[index];
  if (value === undefined || value === null) return range.fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < range.min || value > range.max) {
    badArg(
      op,
      index,
      {
        en: `an integer from ${range.min} to ${range.max}`,
        zh: `${range.min} 到 ${range.max} 之间的整数`,
      },
      value,
    );
  }
  return value;
}

/** Reads an array argument. */
export function arr(op: string, args: readonly unknown[], index: number): readonly unknown[] {
  const value = args[index];
  if (!Array.isArray(value)) badArg(op, index, { en: 'an array', zh: '数组' }, value);
  return value;
}

/** Reads a non-empty array of finite numbers. */
export function numbers(op: string, args: readonly unknown[], index: number): number[] {
  const list = arr(op, args, index);
  if (list.length === 0) badArg(op, index, { en: 'a non-empty array of numbers', zh: '非空数值数组' }, list);
  return list.map((item) => {
    if (typeof item !== 'number' || !Number.isFinite(item)) {
      badArg(op, index, { en: 'an array of finite numbers only', zh: '只含有限数值的数组' }, list);
    }
    return item;
  });
}

/** Reads a plain object (not an array, not null). */
export function record(
  op: string,
  args: readonly unknown[],
  index: number,
): Readonly<Record<string, unknown>> {
  const value = args[index];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    badArg(op, index, { en: 'an object', zh: '对象' }, value);
  }
  return value as Record<string, unknown>;
}

/** Reads an optional string that must be one of `choices`. */
export function optChoice<T extends string>(
  op: string,
  args: readonly unknown[],
  index: number,
  choices: readonly T[],
  fallback: T,
): T {
  const value = args[index];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    const list = choices.map((c) => `"${c}"`).join(', ');
    badArg(op, index, { en: `one of ${list}`, zh: `${list} 之一` }, value);
  }
  return value as T;
}

/** JSON Logic truthiness (json-logic-js): empty arrays are false, everything else as in JavaScript. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value) && value.length === 0) return false;
  return Boolean(value);
}

/** Clamps `value` into [lo, hi]. */
export function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

/** Turns -0 into 0 so results serialise and compare plainly. */
export function plain(value: number): number {
  return value === 0 ? 0 : value;
}

/** Builds the JSON Schema (2020-12) of a positional argument array. */
export function argsOf(required: Schema[], optional: Schema[] = []): Schema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'array',
    prefixItems: [...required, ...optional],
    minItems: required.length,
    maxItems: required.length + optional.length,
  };
}

/** Schema of a number argument. */
export function numberArg(title: string, description: string, extra: Schema = {}): Schema {
  return { title, description, type: 'number', ...extra };
}

/** Schema of a number argument that may be `null` (meaning "no limit" or "use the default"). */
export function nullableNumberArg(title: string, description: string, extra: Schema = {}): Schema {
  return { title, description, type: ['number', 'null'], ...extra };
}

/** Schema of an array-of-numbers argument. */
export function numbersArg(title: string, description: string): Schema {
  return { title, description, type: 'array', items: { type: 'number' }, minItems: 1 };
}

/** Schema of an enumerated string argument. */
export function choiceArg(title: string, description: string, choices: readonly string[]): Schema {
  return { title, description, type: ['string', 'null'], enum: [...choices, null] };
}

/** Schema of an ISO date argument. */
export function dateArg(title: string, description: string): Schema {
  return { title, description, type: 'string', format: 'date' };
}

/** Which way is better, the `direction` argument of the peer and band operators ("higher" by default). */
export const DIRECTIONS = ['higher', 'lower'] as const;

/** Schema of the `direction` argument. */
export function directionArg(): Schema {
  return choiceArg('direction', '"higher" (default) or "lower" is better.', DIRECTIONS);
}

/** Reads the optional `direction` argument; "higher" when absent. */
export function optDirection(op: string, args: readonly unknown[], index: number): 'higher' | 'lower' {
  return optChoice(op, args, index, DIRECTIONS, 'higher');
}

/** Schema of the arguments of an operator on a value among its peers: [value, peers, ...optional]. */
export function valueAmongPeersArgs(value: Schema, optional: Schema[]): Schema {
  return argsOf([value, numbersArg('peers', 'Values of the peer group.')], optional);
}

/** Result schema of a number. */
export const NUMBER_RESULT: Schema = { type: 'number' };

/** What a catalogue operator states besides its name and category; its result is a number unless `resultSchema` says otherwise. */
export interface ScoringOperatorSpec {
  description: LocalizedText;
  argsSchema: Schema;
  resultSchema?: Schema;
  examples: OperatorExample[];
  /** Evaluates the operator; `op` is its name, for the messages of the errors it raises. */
  evaluate(args: unknown[], op: string, ctx: EvalContext): unknown;
}

/** An operator of the catalogue group `category` (`scoring`, `date`, `text` …) named `name`. */
export function catalogueOperator(
  category: string,
  name: string,
  spec: ScoringOperatorSpec,
): OperatorDefinition {
  const { description, argsSchema, resultSchema = NUMBER_RESULT, examples } = spec;
  return {
    name,
    category,
    description,
    argsSchema,
    resultSchema,
    examples,
    evaluate: (args, ctx) => spec.evaluate(args, name, ctx),
  };
}

/** An operator of the `scoring` category named `name`. */
export function scoringOperator(name: string, spec: ScoringOperatorSpec): OperatorDefinition {
  return catalogueOperator('scoring', name, spec);
}
