/** @module Runtime helpers shared by both back ends; they reproduce json-logic-js semantics exactly. */
import type { LocalizedText } from '../errors.ts';
import { messageOf } from '../errors.ts';
import { RuleError } from '../errors.ts';
import type { RuntimeLimits } from './step-budget.ts';
import {
  again,
  built,
  charge,
  chargeArgs,
  enterBudget,
  exitBudget,
  FREE_TEXT,
  guard,
  METERED,
  need,
  RETRY,
  result,
  SCAN_ITEMS,
  textSteps,
} from './step-budget.ts';

/** Property names a `var` path may never read, whatever the data. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const hasOwn = Object.hasOwn;
const isArray = Array.isArray;

/** JSON Logic truthiness: like JS, except that an empty array is falsy. */
export function truthy(value: unknown): boolean {
  return isArray(value) ? value.length !== 0 : !!value;
}

/** `parseFloat` as json-logic-js applies it to every operand of `+` and `*`, with a number fast path. */
export function toFloat(value: unknown): number {
  // parseFloat(String(n)) is n for every number except -0, which becomes 0; `+ 0` does the same.
  return typeof value === 'number' ? value + 0 : Number.parseFloat(value as string);
}

/** Splits a `var` path the way json-logic-js does. */
export function splitPath(path: unknown): string[] {
  return String(path).split('.');
}

/** True when `path` selects the whole data object (`""`, `null` or absent). */
export function isWholeDataPath(path: unknown): boolean {
  return path === undefined || path === '' || path === null;
}

/** Reads own properties along `keys`; `notFound` when any step is missing or forbidden. */
export function readPath(data: unknown, keys: readonly string[], notFound: unknown): unknown {
  let current: any = data;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (current === null || current === undefined || FORBIDDEN_KEYS.has(key) || !hasOwn(current, key)) {
      return notFound;
    }
    current = current[key];
    if (current === undefined) return notFound;
  }
  return current;
}

/** `parseFloat` of a value that is not a number, charging its size (see `guard`). */
function floatOf(value: unknown): number {
  guard(value);
  return Number.parseFloat(value as string);
}

/** `toFloat` for compiled rules: the same value, with the size of non-numbers charged. */
export function toFloatCharged(value: unknown): number {
  return typeof value === 'number' ? value + 0 : floatOf(value);
}

/** `var` with a path computed at run time; forbidden keys read as missing. */
export function readVar(data: unknown, path: unknown, fallback: unknown): unknown {
  const notFound = fallback === undefined ? null : fallback;
  if (isWholeDataPath(path)) return data;
  return readPath(data, splitPath(path), notFound);
}

/**
 * `readVar` for compiled rules: a long path costs a step per character (splitting it makes a key
 * per dot), an array path its conversion.
 */
export function readVarCharged(data: unknown, path: unknown, fallback: unknown): unknown {
  if (typeof path === 'string') {
    if (path.length >= FREE_TEXT) need(path.length);
  } else guard(path);
  return readVar(data, path, fallback);
}

/** `cat`: joins like `Array.prototype.join('')`. */
export function cat(args: readonly unknown[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    const v = args[i];
    if (v !== null && v !== undefined) out += typeof v === 'string' ? v : String(v);
  }
  return out;
}

/** One `cat` operand as a string. */
export function str(value: unknown): string {
  return value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);
}

/** `str` for compiled rules: an array operand's conversion is charged (the joined text is charged by `built`). */
export function strCharged(value: unknown): string {
  return value === null || value === undefined
    ? ''
    : typeof value === 'string'
      ? value
      : String(typeof value === 'object' ? guard(value) : value);
}

/** `cat` for compiled rules: operands as `strCharged`, the result as `built`. */
export function catCharged(args: readonly unknown[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) out += strCharged(args[i]);
  return built(out);
}

/** `in` for compiled rules: a text haystack and the needle by their size, an array by its items. */
export function isInCharged(needle: unknown, haystack: unknown): boolean {
  if (typeof haystack === 'string') {
    if (haystack.length !== 0) {
      guard(needle);
      if (haystack.length >= FREE_TEXT) need(textSteps(haystack));
    }
  } else if (isArray(haystack) && haystack.length >= SCAN_ITEMS)
    need(Math.ceil(haystack.length / SCAN_ITEMS));
  return isIn(needle, haystack);
}

/** `substr` for compiled rules: the source's size is charged. */
export function substrCharged(source: unknown, start: unknown, length: unknown): string {
  guard(source);
  return substr(source, start, length);
}

/** `in`: substring or array membership; false for anything else. */
export function isIn(needle: unknown, haystack: unknown): boolean {
  // json-logic-js: `if (!b || typeof b.indexOf === "undefined") return false`, so "" contains nothing.
  if (!haystack) return false;
  if (typeof haystack === 'string') return haystack.indexOf(needle as string) !== -1;
  if (isArray(haystack)) return haystack.indexOf(needle) !== -1;
  return false;
}

/** `substr` with PHP-style negative length. */
export function substr(source: unknown, start: unknown, length: unknown): string {
  const s = String(source);
  if ((length as number) < 0) {
    const temp = s.substr(start as number);
    return temp.substr(0, temp.length + (length as number));
  }
  return s.substr(start as number, length as number);
}

function limitError(what: string, length: number, max: number): RuleError {
  const text: LocalizedText = {
    en: `${what}: array of ${length} items exceeds the limit of ${max}`,
    zh: `${what}：数组长度 ${length} 超过上限 ${max}`,
  };
  return new RuleError('logic.array_too_large', text, { details: { length, max } });
}

/** Throws when an iterated array is larger than the configured limit. */
export function checkLength(
  array: readonly unknown[],
  limits: RuntimeLimits,
  what: string,
  weight = 1,
): void {
  if (array.length > limits.maxArrayLength) throw limitError(what, array.length, limits.maxArrayLength);
  charge(array.length * weight + 1);
}

/** `merge`: flattens one level, bounded. */
export function merge(args: readonly unknown[], limits: RuntimeLimits): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (isArray(a)) {
      if (out.length + a.length > limits.maxArrayLength) {
        throw limitError('merge', out.length + a.length, limits.maxArrayLength);
      }
      charge(a.length);
      for (let j = 0; j < a.length; j++) out.push(a[j]);
    } else {
      if (out.length + 1 > limits.maxArrayLength)
        throw limitError('merge', out.length + 1, limits.maxArrayLength);
      out.push(a);
    }
  }
  return out;
}

/** The keys `missing` reads: its one array argument, else its arguments. */
const missingKeys = (args: readonly unknown[]): readonly unknown[] =>
  isArray(args[0]) ? (args[0] as unknown[]) : args;

/** The keys whose value `read` finds null, undefined or empty. */
function absentKeys(
  read: (data: unknown, path: unknown, fallback: unknown) => unknown,
  data: unknown,
  keys: readonly unknown[],
): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = read(data, key, undefined);
    if (value === null || value === '') out.push(key);
  }
  return out;
}

/** `missing_some` over a `missing`: empty when at least `wanted` of the keys are present, else the missing ones. */
function someAbsent(
  missingOf: (data: unknown, args: readonly unknown[]) => unknown[],
  q: { data: unknown; wanted: unknown; options: unknown },
): unknown[] {
  const list = isArray(q.options) ? q.options : [q.options];
  const absent = missingOf(q.data, list);
  const count = (q.options as { length: number }).length;
  return count - absent.length >= (q.wanted as number) ? [] : absent;
}

/** `missing`: the keys whose value is null, missing or the empty string. */
export function missing(data: unknown, args: readonly unknown[]): unknown[] {
  return absentKeys(readVar, data, missingKeys(args));
}

/** `missing_some`: empty when at least `need` of the keys are present, else the missing ones. */
export function missingSome(data: unknown, need: unknown, options: unknown): unknown[] {
  return someAbsent(missing, { data, wanted: need, options });
}

/** `missing` for compiled rules: a step per key from 4 keys on, and each path as `readVarCharged`. */
export function missingCharged(data: unknown, args: readonly unknown[]): unknown[] {
  const keys = missingKeys(args);
  if (keys.length >= 4) need(keys.length);
  return absentKeys(readVarCharged, data, keys);
}

/** `missing_some` for compiled rules, charged as `missingCharged`. */
export function missingSomeCharged(data: unknown, wanted: unknown, options: unknown): unknown[] {
  return someAbsent(missingCharged, { data, wanted, options });
}

/**
 * A compiled sub-rule evaluated per item by the loop operators. Each loop charges the step budget
 * `weight` (the body's static work, see `weightOf`) per item, plus one.
 */
export type ScopedFn = (data: unknown, ctx: any, tracer: any) => unknown;

/** The signature the loop operators share (`reduce` adds its initial value after `fn`). */
export type Loop<R> = (
  array: unknown,
  fn: ScopedFn,
  ctx: unknown,
  limits: RuntimeLimits,
  weight: number,
  tracer?: unknown,
) => R;

/** `map` over an array; anything else gives `[]`. */
export const loopMap: Loop<unknown[]> = (array, fn, ctx, limits, weight, tracer) => {
  if (!isArray(array)) return [];
  checkLength(array, limits, 'map', weight);
  const out = new Array(array.length);
  for (let i = 0; i < array.length; i++) out[i] = fn(array[i], ctx, tracer);
  return out;
};

/** `filter`: keeps items whose sub-rule result is truthy. */
export const loopFilter: Loop<unknown[]> = (array, fn, ctx, limits, weight, tracer) => {
  if (!isArray(array)) return [];
  checkLength(array, limits, 'filter', weight);
  const out: unknown[] = [];
  for (let i = 0; i < array.length; i++) if (truthy(fn(array[i], ctx, tracer))) out.push(array[i]);
  return out;
};

/** `reduce` with `{current, accumulator}` as the data of each step. */
export function loopReduce(
  array: unknown,
  fn: ScopedFn,
  initial: unknown,
  ctx: unknown,
  limits: RuntimeLimits,
  weight: number,
  tracer?: unknown,
): unknown {
  if (!isArray(array)) return initial;
  checkLength(array, limits, 'reduce', weight);
  let accumulator = initial;
  for (let i = 0; i < array.length; i++) accumulator = fn({ current: array[i], accumulator }, ctx, tracer);
  return accumulator;
}

/**
 * Builds a quantifier loop (`all`, `some`, `none`): `empty` for an empty or non-array input; it stops
 * with `stopWith` at the first item whose truthiness is `stopOn`, and otherwise gives `!stopWith`.
 */
function quantifier(name: string, empty: boolean, stopOn: boolean, stopWith: boolean): Loop<boolean> {
  return (array, fn, ctx, limits, weight, tracer) => {
    if (!isArray(array) || array.length === 0) return empty;
    checkLength(array, limits, name, weight);
    for (let i = 0; i < array.length; i++) if (truthy(fn(array[i], ctx, tracer)) === stopOn) return stopWith;
    return !stopWith;
  };
}

/** `all`: false for an empty or non-array input. */
export const loopAll = quantifier('all', false, false, false);

/** `some`: false for an empty or non-array input. */
export const loopSome = quantifier('some', false, true, true);

/** `none`: true for an empty or non-array input. */
export const loopNone = quantifier('none', true, true, false);

/** The loops that run a rule once per item, by operator name (`reduce`, with its accumulator, is apart). */
const ITEM_LOOPS = { map: loopMap, filter: loopFilter, all: loopAll, some: loopSome, none: loopNone };

/** The item loop of operator `name` (`map`, `filter`, `all`, `some`, `none`); undefined for any other. */
export function itemLoop(name: string): (typeof ITEM_LOOPS)[keyof typeof ITEM_LOOPS] | undefined {
  return Object.hasOwn(ITEM_LOOPS, name) ? ITEM_LOOPS[name as keyof typeof ITEM_LOOPS] : undefined;
}

/** Turns any failure during evaluation into a `RuleError`; `RuleError`s pass through. */
export function asRuleError(error: unknown): unknown {
  if (error instanceof RuleError) return error;
  if (error instanceof Error && 'code' in error && 'text' in error) return error;
  const message = messageOf(error);
  return new RuleError(
    'logic.evaluation_failed',
    { en: `Rule evaluation failed: ${message}`, zh: `规则求值失败：${message}` },
    { cause: error },
  );
}

/** Context used when the caller gives none. */
export const EMPTY_CONTEXT = Object.freeze({});

/** Stands in for null or undefined data: an empty object without prototype, so every read misses. */
export const NO_DATA = Object.freeze(Object.create(null));

/** Minimal helpers exposed to generated code; frozen so rules cannot alter them. */
export const helpers = Object.freeze({
  truthy,
  toFloat: toFloatCharged,
  readVar: readVarCharged,
  readPath,
  hasOwn,
  isArray,
  str: strCharged,
  built,
  guard,
  chargeArgs,
  result,
  isIn: isInCharged,
  substr: substrCharged,
  merge,
  missing: missingCharged,
  missingSome: missingSomeCharged,
  again,
  retry: RETRY,
  metered: METERED,
  checkLength,
  enterBudget,
  exitBudget,
  loopMap,
  loopFilter,
  loopReduce,
  loopAll,
  loopSome,
  loopNone,
  asRuleError,
  emptyContext: EMPTY_CONTEXT,
  noData: NO_DATA,
  min: Math.min,
  max: Math.max,
});

export type Helpers = typeof helpers;
