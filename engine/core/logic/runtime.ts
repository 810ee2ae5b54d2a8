/** @module Runtime helpers shared by both back ends; they reproduce json-logic-js semantics exactly. */
import type { LocalizedText } from '../errors.ts';
import { RuleError } from '../errors.ts';

/** Property names a `var` path may never read, whatever the data. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Limits enforced while evaluating; exceeding one throws a `RuleError`. */
export interface RuntimeLimits {
  /** Largest array a loop operator (map, filter, reduce, all, some, none) or merge may handle. */
  maxArrayLength: number;
}

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

/** `var` with a path computed at run time; forbidden keys read as missing. */
export function readVar(data: unknown, path: unknown, fallback: unknown): unknown {
  const notFound = fallback === undefined ? null : fallback;
  if (isWholeDataPath(path)) return data;
  return readPath(data, splitPath(path), notFound);
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
export function checkLength(array: readonly unknown[], limits: RuntimeLimits, what: string): void {
  if (array.length > limits.maxArrayLength) throw limitError(what, array.length, limits.maxArrayLength);
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
      for (let j = 0; j < a.length; j++) out.push(a[j]);
    } else {
      if (out.length + 1 > limits.maxArrayLength)
        throw limitError('merge', out.length + 1, limits.maxArrayLength);
      out.push(a);
    }
  }
  return out;
}

/** `missing`: the keys whose value is null, missing or the empty string. */
export function missing(data: unknown, args: readonly unknown[]): unknown[] {
  const keys: readonly unknown[] = isArray(args[0]) ? (args[0] as unknown[]) : args;
  const out: unknown[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = readVar(data, key, undefined);
    if (value === null || value === '') out.push(key);
  }
  return out;
}

/** `missing_some`: empty when at least `need` of the keys are present, else the missing ones. */
export function missingSome(data: unknown, need: unknown, options: unknown): unknown[] {
  const list = isArray(options) ? options : [options];
  const absent = missing(data, list);
  const count = (options as { length: number }).length;
  return count - absent.length >= (need as number) ? [] : absent;
}

/** A compiled sub-rule evaluated per item by the loop operators. */
export type ScopedFn = (data: unknown, ctx: any, tracer: any) => unknown;

/** `map` over an array; anything else gives `[]`. */
export function loopMap(
  array: unknown,
  fn: ScopedFn,
  ctx: unknown,
  limits: RuntimeLimits,
  tracer?: unknown,
): unknown[] {
  if (!isArray(array)) return [];
  checkLength(array, limits, 'map');
  const out = new Array(array.length);
  for (let i = 0; i < array.length; i++) out[i] = fn(array[i], ctx, tracer);
  return out;
}

/** `filter`: keeps items whose sub-rule result is truthy. */
export function loopFilter(
  array: unknown,
  fn: ScopedFn,
  ctx: unknown,
  limits: RuntimeLimits,
  tracer?: unknown,
): unknown[] {
  if (!isArray(array)) return [];
  checkLength(array, limits, 'filter');
  const out: unknown[] = [];
  for (let i = 0; i < array.length; i++) if (truthy(fn(array[i], ctx, tracer))) out.push(array[i]);
  return out;
}

/** `reduce` with `{current, accumulator}` as the data of each step. */
export function loopReduce(
  array: unknown,
  fn: ScopedFn,
  initial: unknown,
  ctx: unknown,
  limits: RuntimeLimits,
  tracer?: unknown,
): unknown {
  if (!isArray(array)) return initial;
  checkLength(array, limits, 'reduce');
  let accumulator = initial;
  for (let i = 0; i < array.length; i++) accumulator = fn({ current: array[i], accumulator }, ctx, tracer);
  return accumulator;
}

/** `all`: false for an empty or non-array input. */
export function loopAll(
  array: unknown,
  fn: ScopedFn,
  ctx: unknown,
  limits: RuntimeLimits,
  tracer?: unknown,
): boolean {
  if (!isArray(array) || array.length === 0) return false;
  checkLength(array, limits, 'all');
  for (let i = 0; i < array.length; i++) if (!truthy(fn(array[i], ctx, tracer))) return false;
  return true;
}

/** `some`: false for an empty or non-array input. */
export function loopSome(
  array: unknown,
  fn: ScopedFn,
  ctx: unknown,
  limits: RuntimeLimits,
  tracer?: unknown,
): boolean {
  if (!isArray(array) || array.length === 0) return false;
  checkLength(array, limits, 'some');
  for (let i = 0; i < array.length; i++) if (truthy(fn(array[i], ctx, tracer))) return true;
  return false;
}

/** `none`: true for an empty or non-array input. */
export function loopNone(
  array: unknown,
  fn: ScopedFn,
  ctx: unknown,
  limits: RuntimeLimits,
  tracer?: unknown,
): boolean {
  if (!isArray(array) || array.length === 0) return true;
  checkLength(array, limits, 'none');
  for (let i = 0; i < array.length; i++) if (truthy(fn(array[i], ctx, tracer))) return false;
  return true;
}

/** Turns any failure during evaluation into a `RuleError`; `RuleError`s pass through. */
export function asRuleError(error: unknown): unknown {
  if (error instanceof RuleError) return error;
  if (error instanceof Error && 'code' in error && 'text' in error) return error;
  const message = error instanceof Error ? error.message : String(error);
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
  toFloat,
  readVar,
  readPath,
  hasOwn,
  isArray,
  cat,
  str,
  isIn,
  substr,
  merge,
  missing,
  missingSome,
  checkLength,
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
