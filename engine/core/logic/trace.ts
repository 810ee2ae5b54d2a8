/** @module Evaluation traces: one node per operator application, with inputs, output and children. */

/** One evaluated operator. `path` is a JSON pointer into the rule (`""` is the rule itself). */
export interface TraceNode {
  path: string;
  op: string;
  inputs: unknown[];
  output: unknown;
  children: TraceNode[];
}

/** What the tracer needs to know about a traced rule node. */
export interface TraceSite {
  path: string;
  op: string;
}

interface Frame {
  inputs: unknown[];
  children: TraceNode[];
}

/**
 * Collects trace nodes while a traced compiled rule runs. Compiled code calls `o()` when an
 * operator starts, `i(v)` for each evaluated input and `c(site, output)` when it finishes.
 */
export class Tracer {
  readonly #sites: readonly TraceSite[];
  readonly #stack: Frame[] = [{ inputs: [], children: [] }];

  constructor(sites: readonly TraceSite[]) {
    this.#sites = sites;
  }

  /** Opens a node. */
  o(): void {
    this.#stack.push({ inputs: [], children: [] });
  }

  /** Records an input of the open node and passes it through. */
  i<T>(value: T): T {
    this.#stack[this.#stack.length - 1]!.inputs.push(value);
    return value;
  }

  /** Closes the open node with its output and passes the output through. */
  c<T>(site: number, output: T): T {
    const frame = this.#stack.pop()!;
    const { path, op } = this.#sites[site]!;
    this.#stack[this.#stack.length - 1]!.children.push({
      path,
      op,
      inputs: frame.inputs,
      output,
      children: frame.children,
    });
    return output;
  }

  /** The trace of the whole rule; literals and arrays at the top get a synthetic node. */
  root(rule: unknown, output: unknown): TraceNode {
    const top = this.#stack[0]!;
    if (top.children.length === 1 && top.children[0]!.path === '') return top.children[0]!;
    return {
      path: '',
      op: Array.isArray(rule) ? 'array' : 'literal',
      inputs: [],
      output,
      children: top.children,
    };
  }
}

/** Where a traced value is: an index into the evaluation's record, or a constant of the rule. */
export type ValueRef = number | { value: unknown };

/** One evaluated argument of a traced node: its value and the trace nodes evaluating it produced. */
export interface ArgPlan {
  ref: ValueRef;
  nested: TracePlan[];
}

/**
 * Static description of one traced rule node, made by the JS back end. Evaluation only stores
 * values into a flat record (an array of the generated function's locals); which nodes ran, their
 * inputs and their children are derived from the plan and those values when the tree is read.
 * `eager`: every argument ran. `if`/`and`/`or`: the arguments that ran follow from the recorded
 * conditions. `loop`: `iterations` holds one record per item, laid out by `body`.
 */
export type TracePlan =
  | { kind: 'eager' | 'if' | 'and' | 'or'; path: string; op: string; out: number; args: ArgPlan[] }
  | {
      kind: 'var';
      path: string;
      source: unknown;
      out: number;
      fallback: { used: number; arg: ArgPlan } | null;
    }
  | {
      kind: 'loop';
      path: string;
      op: string;
      out: number;
      args: ArgPlan[];
      iterations: number;
      body: TracePlan[];
    };

type Rec = readonly unknown[];

function recorded(ref: ValueRef, record: Rec): unknown {
  return typeof ref === 'number' ? record[ref] : ref.value;
}

/** JSON Logic truthiness (as in the runtime; repeated to keep this module dependency-free). */
function isTruthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length !== 0 : !!value;
}

/** The arguments of a lazy operator that ran, from the recorded values. */
function ranArgs(plan: TracePlan & { args: ArgPlan[] }, record: Rec): ArgPlan[] {
  const args = plan.args;
  const n = args.length;
  if (plan.kind === 'if') {
    const ran: ArgPlan[] = [];
    let i = 0;
    for (; i < n - 1; i += 2) {
      ran.push(args[i]!);
      if (isTruthy(recorded(args[i]!.ref, record))) {
        ran.push(args[i + 1]!);
        return ran;
      }
    }
    if (n === i + 1) ran.push(args[i]!);
    return ran;
  }
  if (plan.kind === 'and' || plan.kind === 'or') {
    const ran: ArgPlan[] = [];
    for (const arg of args) {
      ran.push(arg);
      if (isTruthy(recorded(arg.ref, record)) !== (plan.kind === 'and')) break;
    }
    return ran;
  }
  return args;
}

function buildAll(plans: readonly TracePlan[], record: Rec, out: TraceNode[]): void {
  for (const plan of plans) out.push(buildNode(plan, record));
}

function buildNode(plan: TracePlan, record: Rec): TraceNode {
  const children: TraceNode[] = [];
  if (plan.kind === 'var') {
    const inputs: unknown[] = [plan.source];
    const fallback = plan.fallback;
    if (fallback !== null && record[fallback.used] !== undefined) {
      inputs.push(record[fallback.used]);
      buildAll(fallback.arg.nested, record, children);
    }
    return { path: plan.path, op: 'var', inputs, output: record[plan.out], children };
  }
  const ran = ranArgs(plan, record);
  const inputs = ran.map((arg) => recorded(arg.ref, record));
  for (const arg of ran) buildAll(arg.nested, record, children);
  if (plan.kind === 'loop') {
    const iterations = record[plan.iterations] as Rec[];
    for (const item of iterations) buildAll(plan.body, item, children);
  }
  return { path: plan.path, op: plan.op, inputs, output: record[plan.out], children };
}

/** Builds the trace tree of one evaluation from its record; literals and arrays at the top get a synthetic node. */
export function buildTrace(rule: unknown, plans: readonly TracePlan[], record: Rec): TraceNode {
  const top: TraceNode[] = [];
  buildAll(plans, record, top);
  if (top.length === 1 && top[0]!.path === '') return top[0]!;
  return {
    path: '',
    op: Array.isArray(rule) ? 'array' : 'literal',
    inputs: [],
    output: record[0],
    children: top,
  };
}

/**
 * Result of a traced evaluation by the JS back end: the record is kept as evaluated (values by
 * reference) and the tree is built the first time `trace` is read.
 */
export class LazyTracedResult {
  readonly result: unknown;
  #record: Rec;
  #plans: readonly TracePlan[];
  #rule: unknown;
  #tree: TraceNode | undefined;

  constructor(rule: unknown, plans: readonly TracePlan[], record: Rec) {
    this.result = record[0];
    this.#record = record;
    this.#plans = plans;
    this.#rule = rule;
  }

  /** The trace tree, built on first read. */
  get trace(): TraceNode {
    this.#tree ??= buildTrace(this.#rule, this.#plans, this.#record);
    return this.#tree;
  }

  /** Serialises like a plain `{result, trace}`. */
  toJSON(): { result: unknown; trace: TraceNode } {
    return { result: this.result, trace: this.trace };
  }
}
