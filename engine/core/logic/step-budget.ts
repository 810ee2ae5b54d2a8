/** @module Step budgets: what a rule's work may cost, the size charges of large values, and entering/leaving a metered evaluation. */
import { RuleError } from '../errors.ts';

const isArray = Array.isArray;
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
export function need(steps: number): void {
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
export function textSteps(text: string): number {
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
