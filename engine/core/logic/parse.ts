/** @module Parses a JSON Logic rule into a checked tree: operators resolved, paths vetted, depth bounded. */
import type { Issue } from '../errors.ts';
import { RuleError } from '../errors.ts';
import type { OperatorDefinition } from './operator.ts';
import type { OperatorRegistry } from './registry.ts';
import { FORBIDDEN_KEYS, isWholeDataPath, splitPath } from './runtime.ts';
import { isStandard } from './standard-operators.ts';

/** A constant (anything that is not an operator or an array). */
export interface ConstNode {
  kind: 'const';
  path: string;
  value: unknown;
  /** Set by checkRule's collecting parse when this stands in for a sub-rule with an issue. */
  invalid?: boolean;
}

/** An array whose items are evaluated. */
export interface ArrayNode {
  kind: 'array';
  path: string;
  items: Node[];
}

/** `var` with a path known at compile time; `keys` null means the whole data. */
export interface VarNode {
  kind: 'var';
  path: string;
  /** The path as written, for traces. */
  source: unknown;
  keys: string[] | null;
  fallback: Node | null;
}

/** An operator application. `standard` is true when the registry holds the built-in definition. */
export interface OpNode {
  kind: 'op';
  path: string;
  name: string;
  def: OperatorDefinition;
  standard: boolean;
  args: Node[];
}

export type Node = ConstNode | ArrayNode | VarNode | OpNode;

/** Limits applied when parsing. */
export interface ParseOptions {
  registry: OperatorRegistry;
  maxDepth: number;
}

/** Escapes one JSON pointer segment. */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

function isLogic(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1
  );
}

function tooDeep(path: string, maxDepth: number): RuleError {
  return new RuleError(
    'logic.too_deep',
    { en: `Rule nesting exceeds the limit of ${maxDepth} levels`, zh: `规则嵌套超过 ${maxDepth} 层的上限` },
    { path, details: { maxDepth } },
  );
}

class Parser {
  constructor(
    readonly options: ParseOptions,
    readonly issues: Issue[] | undefined,
  ) {}

  fail(error: RuleError, path: string): Node {
    if (this.issues === undefined) throw error;
    this.issues.push({
      path,
      code: error.code,
      message: error.text.en,
      messageZh: error.text.zh,
      severity: 'error',
    });
    return { kind: 'const', path, value: null, invalid: true };
  }

  /** Copies a literal, refusing non-JSON values and excessive depth (also catches cycles). */
  literal(value: unknown, path: string, depth: number): unknown {
    if (depth > this.options.maxDepth) throw tooDeep(path, this.options.maxDepth);
    const type = typeof value;
    if (type === 'function' || type === 'symbol' || type === 'bigint') {
      throw new RuleError(
        'logic.invalid_rule',
        {
          en: `A rule may only contain JSON values, found ${type}`,
          zh: `规则只能包含 JSON 值，发现 ${type}`,
        },
        { path },
      );
    }
    if (Array.isArray(value))
      return Object.freeze(value.map((v, i) => this.literal(v, `${path}/${i}`, depth + 1)));
    if (value !== null && type === 'object') {
      const copy: Record<string, unknown> = {};
      for (const key of Object.keys(value as object)) {
        // defineProperty keeps a `__proto__` key an ordinary own property.
        Object.defineProperty(copy, key, {
          value: this.literal(
            (value as Record<string, unknown>)[key],
            `${path}/${pointerSegment(key)}`,
            depth + 1,
          ),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      // Frozen: a compiled rule hands the same literal to every caller.
      return Object.freeze(copy);
    }
    return value;
  }

  parse(rule: unknown, path: string, depth: number): Node {
    if (depth > this.options.maxDepth) return this.fail(tooDeep(path, this.options.maxDepth), path);
    if (Array.isArray(rule)) {
      return {
        kind: 'array',
        path,
        items: rule.map((item, i) => this.parse(item, `${path}/${i}`, depth + 1)),
      };
    }
    if (!isLogic(rule)) {
      try {
        return { kind: 'const', path, value: this.literal(rule, path, depth) };
      } catch (error) {
        if (error instanceof RuleError) return this.fail(error, path);
        throw error;
      }
    }
    const name = Object.keys(rule)[0]!;
    const raw = rule[name];
    const opPath = `${path}/${pointerSegment(name)}`;
    const wasArray = Array.isArray(raw);
    const rawArgs: unknown[] = wasArray ? (raw as unknown[]) : [raw];
    const argPath = (i: number) => (wasArray ? `${opPath}/${i}` : opPath);
    const def = this.options.registry.get(name);
    if (def === undefined) {
      return this.fail(
        new RuleError(
          'logic.unknown_operator',
          { en: `Unknown operator ${JSON.stringify(name)}`, zh: `未知运算符 ${JSON.stringify(name)}` },
          { path, details: { operator: name } },
        ),
        path,
      );
    }
    const standard = isStandard(def);
    if (standard && name === 'var' && !isLogic(rawArgs[0]) && !Array.isArray(rawArgs[0])) {
      const source = rawArgs[0];
      const keys = isWholeDataPath(source) ? null : splitPath(source);
      const bad = keys?.find((k) => FORBIDDEN_KEYS.has(k));
      if (bad !== undefined) {
        return this.fail(
          new RuleError(
            'logic.forbidden_path',
            {
              en: `Variable path ${JSON.stringify(String(source))} uses the forbidden key ${JSON.stringify(bad)}`,
              zh: `变量路径 ${JSON.stringify(String(source))} 使用了禁止的键 ${JSON.stringify(bad)}`,
            },
            { path: argPath(0) },
          ),
          argPath(0),
        );
      }
      const fallback = rawArgs.length > 1 ? this.parse(rawArgs[1], argPath(1), depth + 1) : null;
      return { kind: 'var', path, source, keys, fallback };
    }
    if (standard && name === '*' && rawArgs.length === 0) {
      return this.fail(
        new RuleError(
          'logic.arity',
          { en: 'Operator * needs at least one argument', zh: '运算符 * 至少需要一个参数' },
          { path },
        ),
        path,
      );
    }
    const args = rawArgs.map((a, i) => this.parse(a, argPath(i), depth + 1));
    return { kind: 'op', path, name, def, standard, args };
  }
}

/**
 * Parses `rule`. Without `issues`, the first problem throws a `RuleError`; with it, problems are
 * collected and the offending sub-rule reads as `null`.
 */
export function parseRule(rule: unknown, options: ParseOptions, issues?: Issue[]): Node {
  return new Parser(options, issues).parse(rule, '', 1);
}

/** Walks a parsed tree, parents first. */
export function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  if (node.kind === 'array') for (const item of node.items) walk(item, visit);
  else if (node.kind === 'op') for (const arg of node.args) walk(arg, visit);
  else if (node.kind === 'var' && node.fallback) walk(node.fallback, visit);
}

const LOOPS = new Set(['map', 'filter', 'reduce', 'all', 'some', 'none']);

/**
 * The static work of evaluating `node` once, for the step budget: one per node plus the length of
 * constant arrays (an operator may walk them), leaving out the bodies of nested loops, which charge
 * their own iterations. A loop charges its body's weight for every item.
 */
export function weightOf(node: Node | undefined): number {
  if (node === undefined) return 1;
  switch (node.kind) {
    case 'const': {
      const v = node.value;
      return Array.isArray(v)
        ? 1 + v.length
        : v !== null && typeof v === 'object'
          ? 1 + Object.keys(v).length
          : 1;
    }
    case 'array': {
      let w = 1;
      for (const item of node.items) w += weightOf(item);
      return w;
    }
    case 'var':
      return node.fallback === null ? 1 : 1 + weightOf(node.fallback);
    case 'op': {
      let w = 1;
      const loop = node.standard && LOOPS.has(node.name);
      node.args.forEach((arg, i) => {
        if (!(loop && i === 1)) w += weightOf(arg);
      });
      return w;
    }
  }
}
