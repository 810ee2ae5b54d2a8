/** @module Closure back end: builds nested closures, no `new Function`, for strict CSP pages. */
import type { EvalContext } from './operator.ts';
import type { Node, OpNode, VarNode } from './parse.ts';
import { weightOf } from './parse.ts';
import type { ScopedFn } from './runtime.ts';
import type { RuntimeLimits } from './step-budget.ts';
import {
  asRuleError,
  catCharged,
  EMPTY_CONTEXT,
  isInCharged,
  itemLoop,
  loopReduce,
  merge,
  missingCharged,
  missingSomeCharged,
  readVarCharged,
  substrCharged,
  toFloatCharged as toFloat,
  truthy,
} from './runtime.ts';
import { again, chargeArgs, enterBudget, exitBudget, guard, METERED, RETRY, result } from './step-budget.ts';
import type { Tracer, TraceSite } from './trace.ts';
import type { RawCompiled } from './compile-js.ts';
import { sizeFree, staticType } from './node-facts.ts';

type Ev = (data: unknown, ctx: EvalContext, tracer: Tracer) => unknown;

const hasOwn = Object.hasOwn;
const undef: Ev = () => undefined;

/** What an operator's closure reads: its arguments, the first three (plain and guarded), all values, the limits. */
interface Operands {
  args: Ev[];
  n: number;
  a0: Ev;
  a1: Ev;
  a2: Ev;
  g0: Ev;
  g1: Ev;
  g2: Ev;
  values: (d: unknown, c: EvalContext, S: Tracer) => unknown[];
  /** Argument `i`, its size charged unless it surely costs nothing. */
  guarded: (i: number) => Ev;
  limits: RuntimeLimits;
}

class ClosureBuilder {
  readonly sites: TraceSite[] = [];
  /** Whether the rule loops or merges, so it charges a step budget (see `StepBudget`). */
  usesBudget = false;

  constructor(
    readonly limits: RuntimeLimits,
    readonly trace: boolean,
  ) {}

  traced(path: string, op: string, ev: Ev): Ev {
    if (!this.trace) return ev;
    this.sites.push({ path, op });
    const site = this.sites.length - 1;
    return (d, c, S) => {
      S.o();
      return S.c(site, ev(d, c, S));
    };
  }

  input(ev: Ev): Ev {
    if (!this.trace) return ev;
    return (d, c, S) => S.i(ev(d, c, S));
  }

  build(node: Node): Ev {
    switch (node.kind) {
      case 'const': {
        const value = node.value;
        return () => value;
      }
      case 'array': {
        const items = node.items.map((item) => this.build(item));
        return (d, c, S) => {
          const out = new Array(items.length);
          for (let i = 0; i < items.length; i++) out[i] = items[i]!(d, c, S);
          return out;
        };
      }
      case 'var':
        return this.variable(node);
      case 'op':
        return this.op(node);
    }
  }

  variable(node: VarNode): Ev {
    const fallbackNode = node.fallback;
    let fallback: Ev = () => null;
    if (fallbackNode !== null) {
      const inner = this.input(this.build(fallbackNode));
      fallback = (d, c, S) => {
        const v = inner(d, c, S);
        return v === undefined ? null : v;
      };
    }
    let ev: Ev;
    const keys = node.keys;
    if (keys === null) ev = (d) => d;
    else if (keys.length === 1) {
      const k = keys[0]!;
      ev = (d: any, c, S) => {
        if (d !== null && d !== undefined && hasOwn(d, k)) {
          const v = d[k];
          if (v !== undefined) return v;
        }
        return fallback(d, c, S);
      };
    } else {
      ev = (d, c, S) => {
        let t: any = d;
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i]!;
          if (t === null || t === undefined || !hasOwn(t, k)) return fallback(d, c, S);
          t = t[k];
          if (t === undefined) return fallback(d, c, S);
        }
        return t;
      };
    }
    if (!this.trace) return ev;
    this.sites.push({ path: node.path, op: 'var' });
    const site = this.sites.length - 1;
    const source = node.source;
    return (d, c, S) => {
      S.o();
      S.i(source);
      return S.c(site, ev(d, c, S));
    };
  }

  scoped(node: Node | undefined): ScopedFn {
    return node === undefined ? undef : (this.build(node) as ScopedFn);
  }

  op(node: OpNode): Ev {
    const args = node.args.map((a) => this.input(this.build(a)));
    const n = args.length;
    const at = (i: number): Ev => args[i] ?? undef;
    const [a0, a1, a2] = [at(0), at(1), at(2)];
    const limits = this.limits;
    if (!node.standard) {
      const evaluate = node.def.evaluate;
      const ev: Ev = (d, c, S) => {
        const values = new Array(n);
        for (let i = 0; i < n; i++) values[i] = args[i]!(d, c, S);
        return evaluate(chargeArgs(values), c);
      };
      return this.traced(node.path, node.name, ev);
    }
    const values = (d: unknown, c: EvalContext, S: Tracer): unknown[] => {
      const out = new Array(n);
      for (let i = 0; i < n; i++) out[i] = args[i]!(d, c, S);
      return out;
    };
    // Operands an operator may convert to a primitive or compare: their size is charged (`guard`),
    // in evaluation order, as the JS back end does (it skips the same operands: surely numbers or
    // booleans, or constants that cost nothing, for which `guard` charges nothing either).
    const guarded = (i: number): Ev => {
      const ev = at(i);
      const arg = node.args[i];
      if (arg === undefined) return ev;
      const t = staticType(arg);
      if (t === 'number' || t === 'boolean' || (arg.kind === 'const' && sizeFree(arg.value))) return ev;
      return (d, c, S) => guard(ev(d, c, S));
    };
    const [g0, g1, g2] = [guarded(0), guarded(1), guarded(2)];
    const o: Operands = { args, n, a0, a1, a2, g0, g1, g2, values, guarded, limits };
    const ev =
      this.comparison(node, o) ??
      this.arithmetic(node, o) ??
      this.dataOp(node, o) ??
      this.control(node, o) ??
      this.registered(node, values);
    return this.traced(node.path, node.name, ev);
  }

  /** Any other operator the registry holds: its arguments charged, then its own `evaluate`. */
  private registered(node: OpNode, values: Operands['values']): Ev {
    const evaluate = node.def.evaluate;
    return (d, c, S) => evaluate(chargeArgs(values(d, c, S)), c);
  }

  /** Comparisons: `==`, `===`, `!=`, `!==`, `<`, `<=`, `>`, `>=` (operands guarded). */
  private comparison(node: OpNode, o: Operands): Ev | undefined {
    const { n, g0, g1, g2 } = o;
    let ev: Ev | undefined;
    switch (node.name) {
      case '==':
        // biome-ignore lint/suspicious/noDoubleEquals: JSON Logic defines == and != as JS loose equality
        ev = (d, c, S) => g0(d, c, S) == g1(d, c, S);
        break;
      case '===':
        ev = (d, c, S) => g0(d, c, S) === g1(d, c, S);
        break;
      case '!=':
        // biome-ignore lint/suspicious/noDoubleEquals: JSON Logic defines == and != as JS loose equality
        ev = (d, c, S) => g0(d, c, S) != g1(d, c, S);
        break;
      case '!==':
        ev = (d, c, S) => g0(d, c, S) !== g1(d, c, S);
        break;
      case '>':
        ev = (d, c, S) => (g0(d, c, S) as number) > (g1(d, c, S) as number);
        break;
      case '>=':
        ev = (d, c, S) => (g0(d, c, S) as number) >= (g1(d, c, S) as number);
        break;
      case '<':
        ev =
          n <= 2
            ? (d, c, S) => (g0(d, c, S) as number) < (g1(d, c, S) as number)
            : (d, c, S) => {
                const x = g0(d, c, S) as number;
                const y = g1(d, c, S) as number;
                const z = g2(d, c, S) as number;
                return z === undefined ? x < y : x < y && y < z;
              };
        break;
      case '<=':
        ev =
          n <= 2
            ? (d, c, S) => (g0(d, c, S) as number) <= (g1(d, c, S) as number)
            : (d, c, S) => {
                const x = g0(d, c, S) as number;
                const y = g1(d, c, S) as number;
                const z = g2(d, c, S) as number;
                return z === undefined ? x <= y : x <= y && y <= z;
              };
        break;
    }
    return ev;
  }

  /** Arithmetic and negation: `%`, `/`, `!!`, `!`, `+`, `*`, `-`, `min`, `max`. */
  private arithmetic(node: OpNode, o: Operands): Ev | undefined {
    const { args, n, a0, a1, g0, g1, guarded } = o;
    let ev: Ev | undefined;
    switch (node.name) {
      case '%':
        ev = (d, c, S) => (g0(d, c, S) as number) % (g1(d, c, S) as number);
        break;
      case '/':
        ev = (d, c, S) => (g0(d, c, S) as number) / (g1(d, c, S) as number);
        break;
      case '!!':
        ev = (d, c, S) => truthy(a0(d, c, S));
        break;
      case '!':
        ev = (d, c, S) => !truthy(a0(d, c, S));
        break;
      case '+':
        ev =
          n === 2
            ? (d, c, S) => 0 + toFloat(a0(d, c, S)) + toFloat(a1(d, c, S))
            : (d, c, S) => {
                let acc = 0;
                for (let i = 0; i < n; i++) acc = acc + toFloat(args[i]!(d, c, S));
                return acc;
              };
        break;
      case '*':
        ev =
          n === 1
            ? a0
            : (d, c, S) => {
                let acc: unknown = a0(d, c, S);
                for (let i = 1; i < n; i++) acc = toFloat(acc) * toFloat(args[i]!(d, c, S));
                return acc;
              };
        break;
      case '-':
        ev =
          n === 1
            ? (d, c, S) => -(g0(d, c, S) as number)
            : (d, c, S) => {
                const x = g0(d, c, S) as number;
                const y = g1(d, c, S) as number;
                return y === undefined ? -x : x - y;
              };
        break;
      case 'min':
      case 'max': {
        const pick = node.name === 'min' ? Math.min : Math.max;
        const operands = args.map((_, i) => guarded(i));
        ev = (d, c, S) => {
          const out = new Array(n);
          for (let i = 0; i < n; i++) out[i] = operands[i]!(d, c, S);
          return pick(...(out as number[]));
        };
        break;
      }
    }
    return ev;
  }

  /** Text and data: `cat`, `in`, `substr`, `merge`, `missing`, `missing_some`, `var`. */
  private dataOp(node: OpNode, o: Operands): Ev | undefined {
    const { a0, a1, a2, values, limits } = o;
    let ev: Ev | undefined;
    switch (node.name) {
      case 'cat':
        ev = (d, c, S) => catCharged(values(d, c, S));
        break;
      case 'in':
        ev = (d, c, S) => isInCharged(a0(d, c, S), a1(d, c, S));
        break;
      case 'substr':
        ev = (d, c, S) => substrCharged(a0(d, c, S), a1(d, c, S), a2(d, c, S));
        break;
      case 'merge':
        this.usesBudget = true;
        ev = (d, c, S) => merge(values(d, c, S), limits);
        break;
      case 'missing':
        ev = (d, c, S) => missingCharged(d, values(d, c, S));
        break;
      case 'missing_some':
        ev = (d, c, S) => missingSomeCharged(d, a0(d, c, S), a1(d, c, S));
        break;
      case 'var':
        ev = (d, c, S) => readVarCharged(d, a0(d, c, S), a1(d, c, S));
        break;
    }
    return ev;
  }

  /** Branches and loops: `if`/`?:`, `and`, `or`, `map`, `filter`, `all`, `some`, `none`, `reduce`. */
  private control(node: OpNode, o: Operands): Ev | undefined {
    const { args, n, a0, a2, limits } = o;
    let ev: Ev | undefined;
    switch (node.name) {
      case 'if':
      case '?:':
        ev = (d, c, S) => {
          let i = 0;
          for (; i < n - 1; i += 2) if (truthy(args[i]!(d, c, S))) return args[i + 1]!(d, c, S);
          return n === i + 1 ? args[i]!(d, c, S) : null;
        };
        break;
      case 'and':
        ev = (d, c, S) => {
          let current: unknown;
          for (let i = 0; i < n; i++) {
            current = args[i]!(d, c, S);
            if (!truthy(current)) return current;
          }
          return current;
        };
        break;
      case 'or':
        ev = (d, c, S) => {
          let current: unknown;
          for (let i = 0; i < n; i++) {
            current = args[i]!(d, c, S);
            if (truthy(current)) return current;
          }
          return current;
        };
        break;
      case 'reduce': {
        this.usesBudget = true;
        const fn = this.scoped(node.args[1]);
        const weight = weightOf(node.args[1]);
        ev = (d, c, S) => loopReduce(a0(d, c, S), fn, n > 2 ? a2(d, c, S) : null, c, limits, weight, S);
        break;
      }
      default: {
        const loop = itemLoop(node.name);
        if (!loop) break;
        this.usesBudget = true;
        const fn = this.scoped(node.args[1]);
        const weight = weightOf(node.args[1]);
        ev = (d, c, S) => loop(a0(d, c, S), fn, c, limits, weight, S);
        break;
      }
    }
    return ev;
  }
}

/** Compiles a parsed rule to nested closures. */
export function compileClosure(
  root: Node,
  limits: RuntimeLimits,
  trace: boolean,
): { fn: RawCompiled; sites: TraceSite[] } {
  const builder = new ClosureBuilder(limits, trace);
  const built = builder.build(root);
  // The result is charged by its nested arrays (`result`), unless it surely is a primitive.
  const ev: Ev = staticType(root) === 'unknown' ? (d, c, S) => result(built(d, c, S)) : built;
  // A traced evaluation is always metered: running it again after RETRY would trace twice.
  if (trace) builder.usesBudget = true;
  if (!builder.usesBudget) {
    // As in the JS back end: unmetered until a size charge needs a budget (RETRY), then metered.
    let metered = false;
    const rule = (data: unknown, ctx: unknown, flag: unknown): unknown => {
      const c = (ctx ?? EMPTY_CONTEXT) as EvalContext;
      if (metered && flag !== METERED) return again(rule, data, c, limits);
      try {
        return ev(data, c, undefined as unknown as Tracer);
      } catch (error) {
        if (error === RETRY && flag !== METERED) {
          metered = true;
          return again(rule, data, c, limits);
        }
        throw asRuleError(error);
      }
    };
    return { fn: rule as RawCompiled, sites: builder.sites };
  }
  const fn: RawCompiled = (data, ctx, tracer) => {
    const c = ctx ?? EMPTY_CONTEXT;
    const previous = enterBudget(c, limits);
    try {
      return ev(data, c, tracer as Tracer);
    } catch (error) {
      throw asRuleError(error);
    } finally {
      exitBudget(previous);
    }
  };
  return { fn, sites: builder.sites };
}
