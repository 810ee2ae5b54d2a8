/** @module JS back end: generates source for `new Function`; only JSON constants and table calls are emitted. */
import type { EvalContext, OperatorDefinition } from './operator.ts';
import type { Node, OpNode, VarNode } from './parse.ts';
import { weightOf } from './parse.ts';
import type { RuntimeLimits } from './step-budget.ts';
import { helpers, itemLoop } from './runtime.ts';
import type { StaticType } from './node-facts.ts';
import {
  LOOP_OPS,
  literal,
  memoKey,
  neverNegativeZero,
  neverUndefined,
  sizeFree,
  staticType,
} from './node-facts.ts';
import type { ArgPlan, TracePlan, ValueRef } from './trace.ts';

/** A compiled rule as the back ends produce it; `tracer` is only passed to traced variants. */
export type RawCompiled = (data: unknown, ctx?: EvalContext, tracer?: unknown) => unknown;

/** Local names bound to helpers at the top of the generated factory. */
const HELPER_ALIASES: Record<string, keyof typeof helpers> = {
  T: 'truthy',
  N: 'toFloat',
  VAR: 'readVar',
  HO: 'hasOwn',
  STR: 'str',
  IN: 'isIn',
  SUB: 'substr',
  MERGE: 'merge',
  MISS: 'missing',
  MSOME: 'missingSome',
  MAP: 'loopMap',
  FILTER: 'loopFilter',
  REDUCE: 'loopReduce',
  ALL: 'loopAll',
  SOME: 'loopSome',
  NONE: 'loopNone',
  WRAP: 'asRuleError',
  ENTER: 'enterBudget',
  EXIT: 'exitBudget',
  EMPTY: 'emptyContext',
  NO: 'noData',
  MIN: 'min',
  MAX: 'max',
  W: 'guard',
  CB: 'built',
  CA: 'chargeArgs',
  RES: 'result',
  AGAIN: 'again',
  RETRY: 'retry',
  MT: 'metered',
};

class Scope {
  temps = 0;
  memos = 0;
  /** Whether some read needs `o`, the data or an empty object standing in for null data. */
  guarded = false;
  /** Memo names surely assigned wherever code is being generated (per branch while generating). */
  assigned = new Set<string>();
  /** Traced variant: locals copied into the evaluation's record, after the result at index 0. */
  readonly recorded: string[] = [];
  readonly recordIndexes = new Map<string, number>();
  slots = 0;
  readonly prelude: string[] = [];
  readonly hoisted = new Map<string, string>();
  readonly counts = new Map<string, number>();
  readonly memoNames = new Map<string, string>();
  /** Hoisted single-key reads: local of the checked value → local of the raw property value. */
  readonly raws = new Map<string, string>();

  /** Counts memoisable sub-expressions of `root`, not descending into loop bodies (their own scope). */
  constructor(root: Node | undefined, memoise: boolean) {
    if (root === undefined || !memoise) return;
    const visit = (node: Node): void => {
      if (node.kind === 'op') {
        const key = memoKey(node);
        if (key !== null) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
        node.args.forEach((arg, i) => {
          if (!(node.standard && LOOP_OPS.has(node.name) && i === 1)) visit(arg);
        });
      } else if (node.kind === 'array') node.items.forEach(visit);
      else if (node.kind === 'var' && node.fallback) visit(node.fallback);
    };
    visit(root);
  }

  temp(): string {
    return `t${this.temps++}`;
  }

  /**
   * Generates code evaluated only on some paths: memos it assigns are not known to be assigned
   * afterwards. Returns what `generate` returned.
   */
  conditional<T>(generate: () => T): T {
    const saved = new Set(this.assigned);
    const out = generate();
    this.assigned = saved;
    return out;
  }

  /** Statements run before the expression: the null-data guard, then hoisted reads. */
  preamble(): string {
    return (this.guarded ? 'const o=d!=null?d:NO;' : '') + this.prelude.join('');
  }

  /** Traced variant: the record index of local `name`. */
  record(name: string): number {
    let index = this.recordIndexes.get(name);
    if (index === undefined) {
      this.recorded.push(name);
      index = this.recorded.length;
      this.recordIndexes.set(name, index);
    }
    return index;
  }

  /** Traced variant: a fresh local that goes into the record. */
  slot(): { name: string; index: number } {
    const name = `R${this.slots++}`;
    return { name, index: this.record(name) };
  }

  /** Traced variant: the record literal, the result first. */
  recordLiteral(result: string): string {
    return `[${[result, ...this.recorded].join(',')}]`;
  }

  declarations(): string {
    const names = [
      ...Array.from({ length: this.temps }, (_, i) => `t${i}`),
      ...Array.from({ length: this.memos }, (_, i) => `m${i}`),
      ...Array.from({ length: this.slots }, (_, i) => `R${i}`),
    ];
    return names.length > 0 ? `let ${names.join(',')};` : '';
  }
}

class JsGenerator {
  readonly constants: unknown[] = [];
  readonly customs: OperatorDefinition['evaluate'][] = [];
  readonly functions: string[] = [];
  /** Traced variant: where plans of the nodes being generated go (the enclosing node's argument). */
  sink: TracePlan[] = [];
  /** Traced variant: where the value of the expression generated last is recorded. */
  ref: ValueRef = { value: undefined };
  /** Whether generated code reads `c` (custom operators and loops), so it must default it. */
  usesContext = false;
  /** Whether generated code loops or merges, so it charges a step budget (see `StepBudget`). */
  usesBudget = false;

  constructor(readonly trace: boolean) {}

  constant(value: unknown): string {
    if (value === null || typeof value !== 'object') return literal(value);
    this.constants.push(value);
    return `K[${this.constants.length - 1}]`;
  }

  /**
   * Generates an argument. Traced variant: also returns where its value is recorded and the plans
   * of the nodes its evaluation traces, so the enclosing node can list inputs and children.
   */
  arg(node: Node, scope: Scope): { code: string; plan: ArgPlan } {
    const saved = this.sink;
    const nested: TracePlan[] = [];
    this.sink = nested;
    const code = this.expr(node, scope);
    this.sink = saved;
    return { code, plan: { ref: this.ref, nested } };
  }

  /** Traced variant: records an operator's output in a fresh local and adds its plan. */
  traced(
    node: OpNode,
    scope: Scope,
    body: string,
    args: ArgPlan[],
    loop?: { iterations: number; body: TracePlan[] },
  ): string {
    if (!this.trace) return body;
    const { name, index } = scope.slot();
    this.ref = index;
    const lazy = node.standard && ['if', '?:', 'and', 'or'].includes(node.name);
    const kind = lazy ? (node.name === '?:' ? 'if' : (node.name as 'if' | 'and' | 'or')) : 'eager';
    if (loop) this.sink.push({ kind: 'loop', path: node.path, op: node.name, out: index, args, ...loop });
    else this.sink.push({ kind, path: node.path, op: node.name, out: index, args });
    return `(${name}=${body})`;
  }

  /**
   * A function for a loop body, hoisted to the factory so it is created once. Traced variant: each
   * call pushes its own record onto `S`, the loop's list of iterations.
   */
  scoped(node: Node | undefined): { name: string; plans: TracePlan[] } {
    const scope = new Scope(node, !this.trace);
    const saved = this.sink;
    const plans: TracePlan[] = [];
    this.sink = plans;
    const body = node === undefined ? '(void 0)' : this.expr(node, scope);
    this.sink = saved;
    const name = `f${this.functions.length}`;
    const tail = this.trace
      ? `const r=${scope.recordLiteral(body)};S.push(r);return r[0];`
      : `return ${body};`;
    this.functions.push(`function ${name}(d,c,S){${scope.declarations()}${scope.preamble()}${tail}}`);
    return { name, plans };
  }

  expr(node: Node, scope: Scope): string {
    if (node.kind === 'op' && !this.trace) {
      const key = memoKey(node);
      if (key !== null && (scope.counts.get(key) ?? 0) > 1) {
        let name = scope.memoNames.get(key);
        if (name === undefined) {
          name = `m${scope.memos++}`;
          scope.memoNames.set(key, name);
          const code = `(${name}=${this.plain(node, scope)})`;
          scope.assigned.add(name);
          return code;
        }
        // A later occurrence that an earlier one surely preceded (e.g. the first condition of an
        // `if` before its branches) just reads the local. Memoised operators never yield undefined.
        if (scope.assigned.has(name)) return name;
        // Else: computed already if an earlier occurrence ran, else compute now.
        const code = `(${name}!==void 0?${name}:(${name}=${this.plain(node, scope)}))`;
        scope.assigned.add(name);
        return code;
      }
    }
    return this.plain(node, scope);
  }

  plain(node: Node, scope: Scope): string {
    switch (node.kind) {
      case 'const':
        this.ref = { value: node.value };
        return this.constant(node.value);
      case 'array': {
        const items = `[${node.items.map((item) => this.expr(item, scope)).join(',')}]`;
        if (!this.trace) return items;
        const { name, index } = scope.slot();
        this.ref = index;
        return `(${name}=${items})`;
      }
      case 'var':
        return this.variable(node, scope);
      case 'op':
        return node.standard ? this.standard(node, scope) : this.custom(node, scope);
    }
  }

  variable(node: VarNode, scope: Scope): string {
    let fallback = 'null';
    let fallbackPlan: { used: number; arg: ArgPlan } | null = null;
    if (node.fallback !== null) {
      const fallbackNode = node.fallback;
      const { code: f, plan } = scope.conditional(() => this.arg(fallbackNode, scope));
      if (node.fallback.kind === 'const' && node.fallback.value !== undefined) fallback = f;
      else {
        const t = scope.temp();
        fallback = `((${t}=${f})===void 0?null:${t})`;
      }
      if (this.trace) {
        // The fallback as used, in a local of its own: never undefined, so set means it ran.
        const used = scope.slot();
        fallbackPlan = { used: used.index, arg: { ref: used.index, nested: plan.nested } };
        fallback = `(${used.name}=${fallback})`;
      }
    }
    let body: string;
    if (node.keys === null) body = 'd';
    else {
      const t = scope.temp();
      const p = scope.temp();
      // Read, then prove ownership only for functions: plain JSON containers inherit nothing else
      // (`__proto__`, `constructor`, `prototype` are refused at compile time). Much faster than
      // calling Object.hasOwn at every step.
      // The first step reads `o`, checked for null once per evaluation: null or undefined data is
      // replaced by an empty object without prototype, whose reads all miss.
      scope.guarded = true;
      const steps = node.keys.map((key, i) => {
        const k = literal(key);
        if (i === 0) return `(${t}=o[${k}])!==void 0&&(typeof ${t}!=="function"||HO(o,${k}))`;
        return `(${p}=${t})!=null&&(${t}=${p}[${k}])!==void 0&&(typeof ${t}!=="function"||HO(${p},${k}))`;
      });
      body = `((${steps.join('&&')})?${t}:${fallback})`;
      const hoistable = node.fallback === null || (node.fallback.kind === 'const' && !this.trace);
      if (hoistable) {
        // Lookups are pure and cannot throw on JSON data, so they run once, up front.
        const key = JSON.stringify([node.keys, fallback]);
        let name = scope.hoisted.get(key);
        if (name === undefined) {
          name = `v${scope.hoisted.size}`;
          scope.hoisted.set(key, name);
          if (node.keys.length === 1 && !this.trace) {
            // Keep the raw property value too: numeric operators test it for a number before it
            // is merged with the not-found value (see `numeric`).
            const k = literal(node.keys[0]);
            const raw = `r${scope.hoisted.size - 1}`;
            scope.raws.set(name, raw);
            scope.prelude.push(
              `const ${raw}=o[${k}];const ${name}=${raw}!==void 0&&(typeof ${raw}!=="function"||HO(o,${k}))?${raw}:${fallback};`,
            );
          } else scope.prelude.push(`const ${name}=${body};`);
        }
        body = name;
      }
    }
    if (!this.trace) return body;
    let out: number;
    if (/^v\d+$/.test(body)) out = scope.record(body);
    else {
      const slot = scope.slot();
      out = slot.index;
      body = `(${slot.name}=${body})`;
    }
    this.ref = out;
    this.sink.push({ kind: 'var', path: node.path, source: node.source, out, fallback: fallbackPlan });
    return body;
  }

  custom(node: OpNode, scope: Scope): string {
    this.usesContext = true;
    this.customs.push(node.def.evaluate);
    const fn = `F${this.customs.length - 1}`;
    const args = node.args.map((a) => this.arg(a, scope));
    // The arguments' size is charged before the operator runs (see `chargeArgs`).
    const body = `${fn}(CA([${args.map((a) => a.code).join(',')}]),c)`;
    return this.traced(
      node,
      scope,
      body,
      args.map((a) => a.plan),
    );
  }

  /**
   * JS of a standard operator. Long on purpose: one case per operator of the JSON Logic table, and
   * the helpers above the switch (`a`, `g`, `float`, `loopList`) share this call's argument plans,
   * which must be recorded in evaluation order for the trace; splitting the cases would pass that
   * state around. The closure back end's `op` groups the same operators.
   */
  standard(node: OpNode, scope: Scope): string {
    const n = node.args.length;
    // Arguments in the order they are generated, which is the order they are evaluated in.
    const plans: ArgPlan[] = [];
    const a = (i: number): string => {
      if (i >= n) return '(void 0)';
      const { code, plan } = this.arg(node.args[i]!, scope);
      plans.push(plan);
      return code;
    };
    let loop: { iterations: number; body: TracePlan[] } | undefined;
    const loopList = (plansOfBody: TracePlan[]): string => {
      if (!this.trace) return '';
      const list = scope.slot();
      loop = { iterations: list.index, body: plansOfBody };
      return `,${list.name}=[]`;
    };
    const all = (): string[] => node.args.map((_, i) => a(i));
    const type = (i: number): StaticType => (i < n ? staticType(node.args[i]!) : 'unknown');
    const isTrue = (i: number): string => (type(i) === 'boolean' ? a(i) : `T(${a(i)})`);
    // An operand that may be converted to a primitive or compared: its size is charged (`guard`),
    // unless it is surely a number or boolean or a constant that costs nothing (`guard` would
    // charge nothing either, so both back ends charge alike). A hoisted read tests its raw value
    // for a number first, which keeps the reference rule's numbers on their own path.
    const g = (i: number): string => {
      if (i >= n) return '(void 0)';
      const t = type(i);
      const arg = node.args[i]!;
      if (t === 'number' || t === 'boolean' || (arg.kind === 'const' && sizeFree(arg.value))) return a(i);
      const code = a(i);
      const raw = this.trace ? undefined : scope.raws.get(code);
      return raw === undefined ? `W(${code})` : `(typeof ${raw}==="number"?${raw}:W(${code}))`;
    };
    // parseFloat(x) for a number is x with -0 turned into 0, which `+0` does.
    // parseFloat of a value of unknown type. A hoisted read is tested for a number on its raw
    // property value: V8 then keeps numbers on a path of their own instead of merging them with
    // null (the not-found value) and testing the merged value, which costs about a fifth of the
    // reference rule's time. A number is never undefined nor a function, so it is the checked value.
    const numeric = (i: number, plus: string): string => {
      const code = a(i);
      const raw = this.trace ? undefined : scope.raws.get(code);
      return raw === undefined ? `N(${code})` : `(typeof ${raw}==="number"?${raw}${plus}:N(${code}))`;
    };
    const float = (i: number): string => {
      const arg = node.args[i]!;
      if (type(i) !== 'number') return numeric(i, '+0');
      return neverNegativeZero(arg) ? a(i) : `(${a(i)}+0)`;
    };
    // In a sum starting from 0, a -0 operand changes nothing, so numbers need no `+0`.
    const addend = (i: number): string => (type(i) === 'number' ? a(i) : numeric(i, ''));
    let body: string;
    switch (node.name) {
      case '==':
      case '===':
      case '!=':
      case '!==':
      case '>':
      case '>=':
      case '%':
      case '/':
        body = `(${g(0)}${node.name}${g(1)})`;
        break;
      case '<':
      case '<=':
        if (n <= 2) body = `(${g(0)}${node.name}${g(1)})`;
        else {
          const [x, y, z] = [scope.temp(), scope.temp(), scope.temp()];
          body = `(${x}=${g(0)},${y}=${g(1)},${z}=${g(2)},${z}===void 0?${x}${node.name}${y}:${x}${node.name}${y}&&${y}${node.name}${z})`;
        }
        break;
      case '!!':
        body = type(0) === 'boolean' ? a(0) : `T(${a(0)})`;
        break;
      case '!':
        body = `(!${isTrue(0)})`;
        break;
      case '+':
        body = `(${['0', ...node.args.map((_, i) => addend(i))].join('+')})`;
        break;
      case '*': {
        let acc = n === 1 ? a(0) : `${float(0)}*${float(1)}`;
        for (let i = 2; i < n; i++) acc = `((${acc})+0)*${float(i)}`;
        body = `(${acc})`;
        break;
      }
      case '-':
        if (n === 0) body = '(0/0)';
        else if (n === 1) body = `(-${g(0)})`;
        else if (neverUndefined(node.args[1])) body = `(${g(0)}-${g(1)})`;
        else {
          const [x, y] = [scope.temp(), scope.temp()];
          body = `(${x}=${g(0)},${y}=${g(1)},${y}===void 0?-${x}:${x}-${y})`;
        }
        break;
      case 'min':
        body = `MIN(${node.args.map((_, i) => g(i)).join(',')})`;
        break;
      case 'max':
        body = `MAX(${node.args.map((_, i) => g(i)).join(',')})`;
        break;
      case 'cat':
        body = `CB(${['""', ...all().map((x) => `STR(${x})`)].join('+')})`;
        break;
      case 'in':
        body = `IN(${a(0)},${a(1)})`;
        break;
      case 'substr':
        body = `SUB(${a(0)},${a(1)},${a(2)})`;
        break;
      case 'merge':
        this.usesBudget = true;
        body = `MERGE([${all().join(',')}],L)`;
        break;
      case 'missing':
        body = `MISS(d,[${all().join(',')}])`;
        break;
      case 'missing_some':
        body = `MSOME(d,${a(0)},${a(1)})`;
        break;
      case 'var':
        body = `VAR(d,${a(0)},${a(1)})`;
        break;
      case 'if':
      case '?:': {
        // Generated in evaluation order: only the first condition surely runs; each later
        // condition runs after the earlier ones; a branch runs after its own condition only.
        const first = n > 1 ? isTrue(0) : '';
        body = scope.conditional(() => {
          let i = 0;
          const parts: string[] = [];
          for (; i < n - 1; i += 2) {
            const condition = i === 0 ? first : isTrue(i);
            parts.push(`${condition}?${scope.conditional(() => a(i + 1))}:`);
          }
          const otherwise = n === i + 1 ? a(i) : 'null';
          return `(${parts.join('')}${otherwise})`;
        });
        break;
      }
      case 'and':
      case 'or': {
        if (n === 0) body = '(void 0)';
        else {
          const t = scope.temp();
          // Operands in evaluation order: each later one runs only after all earlier ones.
          const first = a(0);
          const operands = scope.conditional(() => [first, ...node.args.slice(1).map((_, i) => a(i + 1))]);
          let acc = operands[n - 1]!;
          for (let i = n - 2; i >= 0; i--) {
            const x = operands[i]!;
            acc = node.name === 'and' ? `(T(${t}=${x})?${acc}:${t})` : `(T(${t}=${x})?${t}:${acc})`;
          }
          body = acc;
        }
        break;
      }
      case 'reduce': {
        this.usesContext = true;
        this.usesBudget = true;
        const array = a(0);
        const initial = n > 2 ? a(2) : 'null';
        const fn = this.scoped(node.args[1]);
        body = `REDUCE(${array},${fn.name},${initial},c,L,${weightOf(node.args[1])}${loopList(fn.plans)})`;
        break;
      }
      default: {
        if (!itemLoop(node.name)) return this.custom(node, scope);
        this.usesContext = true;
        this.usesBudget = true;
        // The item loops' helpers are named after them in capitals: MAP, FILTER, ALL, SOME, NONE.
        const helper = node.name.toUpperCase();
        const array = a(0);
        const fn = this.scoped(node.args[1]);
        body = `${helper}(${array},${fn.name},c,L,${weightOf(node.args[1])}${loopList(fn.plans)})`;
        break;
      }
    }
    return this.traced(node, scope, body, plans, loop);
  }
}

/** Generated source and the tables it closes over (exposed for tests and debugging). */
export interface GeneratedSource {
  source: string;
  constants: unknown[];
  customs: OperatorDefinition['evaluate'][];
  /** Traced variant: plans of the top-level traced nodes, to build trees from records. */
  plans: TracePlan[];
}

/** Generates the factory source for a parsed rule. */
export function generateSource(root: Node, trace: boolean): GeneratedSource {
  const gen = new JsGenerator(trace);
  const scope = new Scope(root, !trace);
  const body = gen.expr(root, scope);
  // The result is charged by its nested arrays (`result`), unless it surely is a primitive.
  const out = staticType(root) === 'unknown' ? `RES(${body})` : body;
  const aliases = Object.entries(HELPER_ALIASES)
    .map(([alias, key]) => `${alias}=H.${key}`)
    .join(',');
  const customs = gen.customs.map((_, i) => `F${i}=F[${i}]`).join(',');
  const source = [
    '"use strict";',
    `const ${aliases}${customs ? `,${customs}` : ''};`,
    ...gen.functions,
    // Traced variant: returns the record (result first) instead of the result. Rules that loop
    // take a step budget on entry and give it back on exit. Rules that do not loop run unmetered:
    // when one meets a value whose size costs steps (a long text, an array), the charge throws
    // RETRY and the rule runs again under a budget (`X` is then METERED), and every later
    // evaluation is metered from the start (`B.m`: a property, because V8 reads a reassigned
    // closure `let` much slower on the hot path).
    gen.usesBudget ? '' : 'const B={m:false};',
    `return function rule(d,c,X){${gen.usesContext || gen.usesBudget ? 'if(c===void 0)c=EMPTY;' : ''}${gen.usesBudget ? '' : 'if(B.m&&X!==MT)return AGAIN(rule,d,c,L);'}${scope.declarations()}${gen.usesBudget ? 'const P=ENTER(c,L);' : ''}try{${scope.preamble()}return ${trace ? scope.recordLiteral(out) : out};}catch(e){${gen.usesBudget ? '' : 'if(e===RETRY&&X!==MT){B.m=true;return AGAIN(rule,d,c,L);}'}throw WRAP(e);}${gen.usesBudget ? 'finally{EXIT(P);}' : ''}};`,
  ].join('\n');
  return { source, constants: gen.constants, customs: gen.customs, plans: gen.sink };
}

/** Compiles a parsed rule to a function through generated source. */
export function compileJs(
  root: Node,
  limits: RuntimeLimits,
  trace: boolean,
): { fn: RawCompiled; plans: TracePlan[]; source: string } {
  const generated = generateSource(root, trace);
  const factory = new Function('H', 'F', 'K', 'L', generated.source);
  const fn = factory(
    helpers,
    Object.freeze([...generated.customs]),
    Object.freeze(generated.constants),
    limits,
  );
  return { fn, plans: generated.plans, source: generated.source };
}
