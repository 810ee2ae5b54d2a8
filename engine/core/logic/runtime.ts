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
 * copies, and operators whose work grows with their values' size charge that size (long texts,
 * arrays converted, custom operators' arguments; see `FREE_TEXT`), so steps bound wall time. One budget may be shared by many evaluations (pass it as `ctx.budget`, or run them
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
      en: `The rule does too much work: it exceeded its budget of ${limit} steps (loop iterations, and the size of the texts and arrays it reads). Make loops smaller, avoid nesting them over large arrays, or work on shorter texts.`,
      zh: `规则计算量过大：超过了 ${limit} 步（循环迭代及所读文本、数组的规模）的预算。请缩小循环规模、避免在大数组上嵌套循环，或处理更短的文本。`,
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
 * Thrown by a size charge (`need`) while no budget is metered: a rule that does not loop carries
 * no budget code, so when it meets a value whose size costs steps (a long text, an array) it stops
 * and the compiled rule evaluates again under a budget (`again`). Never escapes a compiled rule.
 */
export const RETRY: Error = Object.freeze(
  new Error('internal: a size charge outside a step budget (caught by the compiled rule)'),
) as Error;

/** Passed by `again` as the third argument of a compiled rule: this evaluation is metered already. */
export const METERED: object = Object.freeze({});

/**
 * Charges `steps` of size-dependent work (`steps` > 0). Unlike `charge`, it needs a budget: without
 * one it throws `RETRY`, so the rule runs again metered (see `again`).
 */
function need(steps: number): void {
  const m = meter;
  if (m === null) throw RETRY;
  m.remaining -= steps;
  if (m.remaining < 0) throw budgetError(m.limit);
}

/**
 * Evaluates `rule` again under a budget after it threw `RETRY` (the rule is pure, so the first,
 * unmetered attempt left nothing behind). The budget is picked as on entry of a rule that loops.
 */
export function again(
  rule: (data: unknown, ctx: unknown, metered: unknown) => unknown,
  data: unknown,
  ctx: unknown,
  limits: RuntimeLimits,
): unknown {
  const previous = enterBudget(ctx, limits);
  try {
    return rule(data, ctx, METERED);
  } finally {
    exitBudget(previous);
  }
}

/**
 * Size charges: what an operator costs beyond its one step when its values are large, so that a
 * step stays worth about the same wall time as a loop iteration (some 50 ns; rates measured on
 * V8 with Node 20, worst cases). Texts shorter than `FREE_TEXT` characters, numbers, booleans,
 * null and plain objects cost nothing, so ordinary rules never touch the budget for them.
 * - searching, comparing or converting a text (`in`, `==`, `<`, `-`, `substr`, ...): one step per
 *   `TEXT_CHARS` characters (a failing `indexOf` takes up to ~10 ns a character);
 * - converting an array to a primitive (`==`, `<`, `+`, `cat`, ... join it): `ARRAY_ITEM_STEPS`
 *   per element (~400 ns an element for numbers), nested arrays and their texts included;
 * - a strict-equality scan (`in` over an array): one step per `SCAN_ITEMS` items;
 * - a computed `var` path: one step per character (splitting it makes a key per dot, ~35 ns a
 *   character), `missing` one step per key;
 * - a custom operator: `CUSTOM_ITEM_STEPS` per array element or object key of its arguments,
 *   deep (~200 ns an element for `arr_sum`, arguments checked included), their texts as above;
 * - the text `cat` built: one step per `BUILT_CHARS` characters (it is copied when read).
 */
export const FREE_TEXT = 32;
/** Characters of a text one step of searching, comparing or converting pays for. */
export const TEXT_CHARS = 4;
/** Steps one element of an array converted to a primitive costs. */
export const ARRAY_ITEM_STEPS = 8;
/** Array items one step of a strict-equality scan (`in` over an array) pays for. */
export const SCAN_ITEMS = 16;
/** Steps one element or key of a custom operator's arguments costs. */
export const CUSTOM_ITEM_STEPS = 4;
/** Characters of a text `cat` built one step pays for. */
export const BUILT_CHARS = 32;

/** Steps of reading a text's characters (0 under `FREE_TEXT`). */
function textSteps(text: string): number {
  return text.length < FREE_TEXT ? 0 : Math.ceil(text.length / TEXT_CHARS);
}

/**
 * Charges `root` deep: an array converted to a primitive (`custom` false: arrays and their texts
 * only, `ARRAY_ITEM_STEPS` per element), or a custom operator's argument (`custom` true: arrays
 * and objects, `CUSTOM_ITEM_STEPS` per element or key, and their texts).
 */
function chargeDeep(
  root: object,
  custom: boolean,
  perItem = custom ? CUSTOM_ITEM_STEPS : ARRAY_ITEM_STEPS,
): void {
  const stack: unknown[] = [root];
  while (stack.length !== 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      const steps = textSteps(value);
      if (steps !== 0) need(steps);
    } else if (isArray(value)) {
      if (value.length === 0) continue;
      need(value.length * perItem);
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        if (typeof item === 'object' ? item !== null && (custom || isArray(item)) : typeof item === 'string')
          stack.push(item);
      }
    } else if (custom && typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      if (keys.length === 0) continue;
      need(keys.length * CUSTOM_ITEM_STEPS);
      for (let i = 0; i < keys.length; i++) {
        const item = (value as Record<string, unknown>)[keys[i]!];
        if (typeof item === 'object' ? item !== null : typeof item === 'string') stack.push(item);
      }
    }
  }
}

/**
 * Charges the size of an operand that an operator may convert to a primitive or compare (`==`,
 * `<`, `-`, `/`, `min`, ...), then returns it unchanged: a long text by its length, an array deep.
 */
export function guard(value: unknown): unknown {
  if (typeof value === 'string') {
    if (value.length >= FREE_TEXT) need(textSteps(value));
  } else if (typeof value === 'object' && value !== null && isArray(value) && value.length !== 0) {
    chargeDeep(value, false);
  }
  return value;
}

/** Charges the arguments of a custom operator, deep (arrays, objects and texts), before it runs. */
export function chargeArgs(values: unknown[]): unknown[] {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value === 'string') {
      if (value.length >= FREE_TEXT) need(textSteps(value));
    } else if (typeof value === 'object' && value !== null) chargeDeep(value, true);
  }
  return values;
}

/**
 * Charges a rule's result by the arrays nested in it, deep, a step per element (and long texts in
 * them), then returns it. Rules can share one array many times (`[acc, acc]` in a reduce doubles
 * per step), so a result can be exponentially larger than the steps that built it, and whoever
 * reads it afterwards (JSON, comparing a test's expectation) would walk all of it. The top level
 * was paid for when it was built (loops and merge charge their items), so a flat array costs nothing.
 */
export function result(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (typeof item === 'object' && item !== null && isArray(item) && item.length !== 0)
        chargeDeep(item, false, 1);
    }
  }
  return value;
}

/** Charges the text a `cat` built (its length), then returns it. */
export function built(text: string): string {
  if (text.length >= FREE_TEXT) need(Math.ceil(text.length / BUILT_CHARS));
  return text;
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

/** `missing` for compiled rules: a step per key from 4 keys on, and each path as `readVarCharged`. */
export function missingCharged(data: unknown, args: readonly unknown[]): unknown[] {
  const keys: readonly unknown[] = isArray(args[0]) ? (args[0] as unknown[]) : args;
  if (keys.length >= 4) need(keys.length);
  const out: unknown[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = readVarCharged(data, key, undefined);
    if (value === null || value === '') out.push(key);
  }
  return out;
}

/** `missing_some` for compiled rules, charged as `missingCharged`. */
export function missingSomeCharged(data: unknown, wanted: unknown, options: unknown): unknown[] {
  const list = isArray(options) ? options : [options];
  const absent = missingCharged(data, list);
  const count = (options as { length: number }).length;
  return count - absent.length >= (wanted as number) ? [] : absent;
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
