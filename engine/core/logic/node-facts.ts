/** @module What is known about a rule expression before it runs: literals, static types, memo keys, values it can never take. */
import { RuleError } from '../errors.ts';
import type { Node } from './parse.ts';
import { FREE_TEXT } from './step-budget.ts';
/** Serialises a primitive as a JS literal; strings go through JSON with line separators escaped. */
export function literal(value: unknown): string {
  if (value === undefined) return '(void 0)';
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '(0/0)';
    if (value === Number.POSITIVE_INFINITY) return '(1/0)';
    if (value === Number.NEGATIVE_INFINITY) return '(-1/0)';
    if (Object.is(value, -0)) return '(-0)';
    return `(${JSON.stringify(value)})`;
  }
  if (typeof value === 'string') {
    return JSON.stringify(value)
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029');
  }
  throw new RuleError('logic.internal', { en: 'Not a primitive constant', zh: '不是原始常量' });
}

/** Expressions that can never evaluate to `undefined` (so `-` needs no unary check). */
export function neverUndefined(node: Node | undefined): boolean {
  if (node === undefined) return false;
  if (node.kind === 'const') return node.value !== undefined;
  if (node.kind === 'var' || node.kind === 'array') return true;
  return node.standard && NEVER_UNDEFINED_OPS.has(node.name);
}

export type StaticType = 'number' | 'boolean' | 'string' | 'unknown';

/** A constant whose size costs no steps (`guard` charges nothing for it): no array, no long text. */
export function sizeFree(value: unknown): boolean {
  return typeof value === 'string' ? value.length < FREE_TEXT : value === null || typeof value !== 'object';
}

export const NUMBER_OPS = new Set(['+', '-', '/', '%', 'min', 'max']);
export const BOOLEAN_OPS = new Set([
  '==',
  '===',
  '!=',
  '!==',
  '<',
  '<=',
  '>',
  '>=',
  '!',
  '!!',
  'in',
  'all',
  'some',
  'none',
]);
/** Pure, cheap, never-throwing-on-JSON operators whose repeated occurrences are computed once. */
export const MEMO_OPS = new Set([
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '<=',
  '>',
  '>=',
  '==',
  '===',
  '!=',
  '!==',
  '!',
  '!!',
  'min',
  'max',
]);
/** Operators whose result is never `undefined`: the memoisable ones, `cat` and `in`. */
const NEVER_UNDEFINED_OPS: ReadonlySet<string> = new Set([...MEMO_OPS, 'cat', 'in']);
export const LOOP_OPS = new Set(['map', 'filter', 'reduce', 'all', 'some', 'none']);

/** The type an expression always has, when it can be known statically. */
export function staticType(node: Node): StaticType {
  if (node.kind === 'const') {
    const t = typeof node.value;
    return t === 'number' || t === 'boolean' || t === 'string' ? t : 'unknown';
  }
  if (node.kind !== 'op' || !node.standard) return 'unknown';
  if (NUMBER_OPS.has(node.name)) return 'number';
  if (node.name === '*') return node.args.length >= 2 ? 'number' : staticType(node.args[0]!);
  if (BOOLEAN_OPS.has(node.name)) return 'boolean';
  if (node.name === 'cat' || node.name === 'substr') return 'string';
  if (node.name === 'if' || node.name === '?:') {
    const n = node.args.length;
    if (n % 2 === 0) return 'unknown';
    const branches = node.args.filter((_, i) => i % 2 === 1 || i === n - 1).map(staticType);
    return branches.every((t) => t === branches[0]) ? branches[0]! : 'unknown';
  }
  return 'unknown';
}

/** A structural key for common-subexpression detection; null when the node may not be memoised. */
const memoKeys = new WeakMap<Node, string | null>();

export function memoKey(node: Node): string | null {
  let key = memoKeys.get(node);
  if (key === undefined) {
    key = computeMemoKey(node);
    memoKeys.set(node, key);
  }
  return key;
}

export function computeMemoKey(node: Node): string | null {
  if (node.kind === 'const') {
    return node.value === null || typeof node.value !== 'object' ? `k${literal(node.value)}` : null;
  }
  if (node.kind === 'var') {
    if (node.fallback !== null && node.fallback.kind !== 'const') return null;
    return `v${JSON.stringify(node.keys)}${node.fallback === null ? '' : memoKey(node.fallback)}`;
  }
  if (node.kind !== 'op' || !node.standard || !MEMO_OPS.has(node.name)) return null;
  const parts: string[] = [];
  for (const arg of node.args) {
    const key = memoKey(arg);
    if (key === null) return null;
    parts.push(key);
  }
  return `o${JSON.stringify(node.name)}(${parts.join(',')})`;
}

/** Numeric expressions that can never be -0, so `parseFloat`'s -0 to 0 needs no `+0`. */
export function neverNegativeZero(node: Node): boolean {
  if (node.kind === 'const') return typeof node.value === 'number' && !Object.is(node.value, -0);
  if (node.kind !== 'op' || !node.standard) return false;
  // A sum starts from +0, and +0 + -0 is +0.
  if (node.name === '+') return true;
  // x - k with a constant k other than 0 is exactly zero only when x equals k, and that zero is +0.
  if (node.name === '-' && node.args.length === 2) {
    const k = node.args[1]!;
    return k.kind === 'const' && typeof k.value === 'number' && k.value !== 0;
  }
  return false;
}
