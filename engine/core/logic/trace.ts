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
