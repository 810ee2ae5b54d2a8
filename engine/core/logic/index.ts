/** @module Rule language public API: compile (JS source or closures), evaluate, trace, check. */
import { RuleError } from '../errors.ts';
import type { RawCompiled } from './compile-js.ts';
import { compileClosure } from './compile-closure.ts';
import { compileJs } from './compile-js.ts';
import type { EvalContext } from './operator.ts';
import { parseRule } from './parse.ts';
import type { OperatorRegistry } from './registry.ts';
import { defaultRegistry } from './registry.ts';
import type { TraceNode } from './trace.ts';
import { LazyTracedResult, Tracer } from './trace.ts';

export type { Issue } from '../errors.ts';
export { checkRule } from './check.ts';
export type { EvalContext, OperatorDefinition, OperatorExample } from './operator.ts';
export type { DefineOperatorOptions } from './registry.ts';
export { defaultRegistry, defineOperator, OperatorRegistry } from './registry.ts';
export { runWithBudget, setAmbientBudget, StepBudget } from './step-budget.ts';
export { STANDARD_OPERATORS } from './standard-operators.ts';
export type { TraceNode } from './trace.ts';

/** Default bound on rule nesting (objects and arrays). */
export const DEFAULT_MAX_DEPTH = 64;
/** Default bound on arrays handled by loop operators and `merge`. */
export const DEFAULT_MAX_ARRAY_LENGTH = 100_000;
/**
 * Default step budget of one evaluation when neither the caller (`ctx.budget`, `runWithBudget`)
 * nor `maxSteps` gives one: 10 million steps (loop iterations; long texts and arrays are charged by
 * their size, see `FREE_TEXT` in runtime.ts), well under a second of work.
 */
export const DEFAULT_MAX_STEPS = 10_000_000;

/** Options of `compile`. */
export interface CompileOptions {
  /** `js` (default): generated source via `new Function`, fastest. `closure`: no code generation, CSP-safe. */
  backend?: 'js' | 'closure';
  /** When true, `compile` returns a `TracedRule` instead (same as `compileTraced`). */
  trace?: boolean;
  /** Maximum nesting depth of the rule; deeper rules are refused with `logic.too_deep`. Default 64. */
  maxDepth?: number;
  /** Maximum array length for map/filter/reduce/all/some/none/merge; else `logic.array_too_large`. Default 100 000. */
  maxArrayLength?: number;
  /**
   * Steps (loop iterations, merged items, the size of long texts and arrays) one evaluation may take when the caller gives no budget
   * of its own (`ctx.budget` or `runWithBudget`); beyond it `rule.budget_exceeded`. Default 10 million.
   */
  maxSteps?: number;
  /** Operators the rule may use. Default: the default registry. */
  registry?: OperatorRegistry;
}

/** A compiled rule: evaluates against data (and an optional context). Throws `RuleError` on failure. */
export type CompiledRule = (data: unknown, ctx?: EvalContext) => unknown;

/** Result of a traced evaluation. */
export interface TracedResult {
  result: unknown;
  trace: TraceNode;
}

/** A compiled rule that also returns its evaluation trace. */
export type TracedRule = (data: unknown, ctx?: EvalContext) => TracedResult;

function settings(options: CompileOptions) {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxArrayLength = options.maxArrayLength ?? DEFAULT_MAX_ARRAY_LENGTH;
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  if (
    !Number.isInteger(maxDepth) ||
    maxDepth < 1 ||
    !Number.isInteger(maxArrayLength) ||
    maxArrayLength < 0 ||
    !(maxSteps >= 0)
  ) {
    throw new RuleError('logic.invalid_options', {
      en: 'maxDepth must be a positive integer, maxArrayLength and maxSteps non-negative',
      zh: 'maxDepth 必须为正整数，maxArrayLength 与 maxSteps 必须为非负数',
    });
  }
  return {
    registry: options.registry ?? defaultRegistry,
    maxDepth,
    limits: Object.freeze({ maxArrayLength, maxSteps }),
    backend: options.backend ?? 'js',
  };
}

function compileRaw(rule: unknown, options: CompileOptions, trace: boolean) {
  const s = settings(options);
  const root = parseRule(rule, { registry: s.registry, maxDepth: s.maxDepth });
  return s.backend === 'closure'
    ? { ...compileClosure(root, s.limits, trace), plans: null }
    : { ...compileJs(root, s.limits, trace), sites: null };
}

/**
 * Compiles `rule` once and returns a traced evaluator: `(data, ctx?) => {result, trace}`. It is a
 * separate compiled variant, so untraced rules carry no tracing code at all.
 */
export function compileTraced(rule: unknown, options: CompileOptions = {}): TracedRule {
  const { fn, sites, plans } = compileRaw(rule, options, true);
  const traced: RawCompiled = fn;
  if (plans !== null) {
    // JS back end: the compiled variant returns a flat record of the values it computed; the tree
    // is built from it only when the caller reads `trace`.
    return (data, ctx) => new LazyTracedResult(rule, plans, traced(data, ctx) as unknown[]);
  }
  return (data, ctx) => {
    const tracer = new Tracer(sites!);
    const result = traced(data, ctx, tracer);
    return { result, trace: tracer.root(rule, result) };
  };
}

/**
 * Compiles `rule` (throws `RuleError`: `logic.unknown_operator`, `logic.forbidden_path`,
 * `logic.too_deep`, ...). Returns `(data, ctx?) => result`; with `trace: true` the function returns
 * `{result, trace}` instead (prefer `compileTraced` for a precise type).
 */
export function compile(rule: unknown, options: CompileOptions = {}): CompiledRule {
  if (options.trace) return compileTraced(rule, options);
  const { fn } = compileRaw(rule, options, false);
  return fn as CompiledRule;
}

/** Compiles and evaluates once (use `compile` for rules evaluated many times). */
export function evaluate(
  rule: unknown,
  data?: unknown,
  ctx?: EvalContext,
  options: CompileOptions = {},
): unknown {
  return compile(rule, { ...options, trace: false })(data, ctx);
}

/** Compiles and evaluates once with a trace of every operator application. */
export function evaluateWithTrace(
  rule: unknown,
  data?: unknown,
  ctx?: EvalContext,
  options: CompileOptions = {},
): TracedResult {
  return compileTraced(rule, options)(data, ctx);
}
