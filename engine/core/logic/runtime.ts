/** @module Runtime helpers shared by both back ends; they reproduce json-logic-js semantics exactly. */
import type { LocalizedText } from '../errors.ts';
import { RuleError } from '../errors.ts';

/** Property names a `var` path may never read, whatever the data. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Limits enforced while evaluating; exceeding one throws a `RuleError`. */
export interface RuntimeLimits {
  /** Largest array a loop operator (map, filter, reduce, all, some, none) or merge may handle. */
  maxArrayLength: number;
  /** Steps one evaluation may take when the caller gives no budget (see `StepBudget`). */
  maxSteps: number;
}

/**
 * A step budget: the work rules may do before they stop with `rule.budget_exceeded`. Every loop
 * (map, filter, reduce, all, some, none) charges its array's length plus one, `merge` the items it
 * copies. One budget may be shared by many evaluations (pass it as `ctx.budget`, or run them
 * inside `runWithBudget`), so a request's whole rule work is bounded, not only each evaluation.
 */
export class StepBudget {
  /** Steps left; below zero once exceeded. */
  remaining: number;
  constructor(readonly limit: number) {
    if (!(limit >= 0)) {
      throw new RuleError('logic.invalid_options', {
        en: 'A step budget must be a non-negative number',
        zh: '步数预算必须为非负数',
      });
    }
    this.remaining = limit;
  }
  /** Whether some evaluation ran out of this budget. */
  get exceeded(): boolean {
    return this.remaining < 0;
  }
}

/** The budget of the evaluation running now (rules are synchronous, so one at a time). */
let meter: StepBudget | null = null;

/** Where an evaluation that names no budget looks for one that spans awaits (e.g. the request's). */
let ambient: (() => StepBudget | undefined) | null = null;

/**
 * Installs (or, with null, removes) the provider of the ambient budget: the budget of whatever
 * unit of work is running (an adapter keeps one per HTTP request in async-local storage), shared
 * by every evaluation that gives none of its own, across awaits. Core stays free of Node APIs.
 */
export function setAmbientBudget(provider: (() => StepBudget | undefined) | null): void {
  ambient = provider;
}

/** The error of an exhausted budget. */
export function budgetError(limit: number): RuleError {
  return new RuleError(
    'rule.budget_exceeded',
    {
      en: `The rule does too much work: it exceeded its budget of ${limit} steps (loop iterations). Make loops smaller or avoid nesting them over large arrays.`,
      zh: `规则计算量过大：超过了 ${limit} 步（循环迭代）的预算。请缩小循环规模，或避免在大数组上嵌套循环。`,
    },
    { details: { limit } },
  );
}

/** Charges `steps` to the current budget; throws `rule.budget_exceeded` when it runs out. */
export function charge(steps: number): void {
  const m = meter;
  if (m === null) return;
  m.remaining -= steps;
  if (m.remaining < 0) throw budgetError(m.limit);
}

/**
 * Called on entry of a compiled rule that loops: picks the budget (the context's, else the one of
 * an enclosing evaluation or `runWithBudget`, else the ambient one, else a fresh one of
 * `limits.maxSteps`) and returns the previous one for `exitBudget`.
 */
export function enterBudget(ctx: unknown, limits: RuntimeLimits): StepBudget | null {
  const previous = meter;
  const given = ctx === null || ctx === undefined ? undefined : (ctx as { budget?: unknown }).budget;
  if (given instanceof StepBudget) meter = given;
  else if (typeof given === 'number') meter = new StepBudget(given);
  else if (previous === null) meter = ambient?.() ?? new StepBudget(limits.maxSteps);
  if (meter!.remaining < 0) {
    const limit = meter!.limit;
    meter = previous;
    throw budgetError(limit);
  }
  return previous;
}

/** Restores the budget `enterBudget` replaced. */
export function exitBudget(previous: StepBudget | null): void {
  meter = previous;
}

/**
 * Runs `fn` (synchronous) with `budget` shared by every rule it evaluates, whatever the call
 * site; returns its result. Read `budget.exceeded` afterwards: callers that turn rule errors into
 * issues (embedded tests) still stop each evaluation quickly once the budget is gone.
 */
export function runWithBudget<T>(budget: StepBudget, fn: () => T): T {
  const previous = meter;
  meter = budget;
  try {
    return fn();
  } finally {
    meter = previous;
  }
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
export function checkLength(
  array: readonly unknown[],
  limits: RuntimeLimits,
  what: string,
  weight = 1,
): void {
  if (array.length > limits.maxArrayLength) throw limitError(what, array.length, limits.maxArrayLength);
  const m = meter;
  if (m === null) return;
  m.remaining -= array.length * weight + 1;
  if (m.remaining < 0) throw budgetError(m.limit);
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

/**
 * A compiled sub-rule evaluated per item by the loop operators. Each loop charges the step budget
 * `weight` (the body's static work, see `weightOf`) per item, plus one.
 */
export type ScopedFn = (data: unknown, ctx: any, tracer: any) => unknown;

/** `map` over an array; anything else gives `[]`. */
export function loopMap(
  array: unknown,
  fn: ScopedFn,
  ctx: unknown,
  limits: RuntimeLimits,
  weight: number,
  tracer?: unknown,
): unknown[] {
  if (!isArray(array)) return [];
  checkLength(array, limits, 'map', weight);
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
  weight: number,
  tracer?: unknown,
): unknown[] {
  if (!isArray(array)) return [];
  checkLength(array, limits, 'filter', weight);
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
  weight: number,
  tracer?: unknown,
): unknown {
  if (!isArray(array)) return initial;
  checkLength(array, limits, 'reduce', weight);
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
  weight: number,
  tracer?: unknown,
): boolean {
  if (!isArray(array) || array.length === 0) return false;
  checkLength(array, limits, 'all', weight);
  for (let i = 0; i < array.length; i++) if (!truthy(fn(array[i], ctx, tracer))) return false;
  return true;
}

/** `some`: false for an empty or non-array input. */
export function loopSome(
  array: unknown,
  fn: ScopedFn,
  ctx: unknown,
  limits: RuntimeLimits,
  weight: number,
  tracer?: unknown,
): boolean {
  if (!isArray(array) || array.length === 0) return false;
  checkLength(array, limits, 'some', weight);
  for (let i = 0; i < array.length; i++) if (truthy(fn(array[i], ctx, tracer))) return true;
  return false;
}

/** `none`: true for an empty or non-array input. */
export function loopNone(
  array: unknown,
  fn: ScopedFn,
  ctx: unknown,
  limits: RuntimeLimits,
  weight: number,
  tracer?: unknown,
): boolean {
  if (!isArray(array) || array.length === 0) return true;
  checkLength(array, limits, 'none', weight);
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
