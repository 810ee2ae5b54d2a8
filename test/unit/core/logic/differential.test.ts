/** @module Property-based differential tests: both back ends against json-logic-js on random well-typed rules. */
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { compile } from '../../../../engine/core/rule-language.ts';

type Rule = unknown;

/** Deep equality where NaN equals NaN and 0 differs from -0 (we reproduce the reference exactly). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => same((a as any)[k], (b as any)[k]));
  }
  return a === b;
}

function outcome(run: () => unknown): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: run() };
  } catch {
    return { ok: false };
  }
}

const num = fc.oneof(
  fc.integer({ min: -20, max: 20 }),
  fc.constantFrom(0, -0, 0.5, 1.25, -3.75, 1e21, 0.1),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
);
const str = fc.oneof(
  fc.constantFrom('', 'a', 'ab', 'abc', '3', '2.5', 'x y', '0'),
  fc.string({ maxLength: 6 }),
);
const data = fc.record({
  a: num,
  b: num,
  c: fc.oneof(num, str, fc.boolean(), fc.constant(null)),
  s: str,
  flag: fc.boolean(),
  arr: fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 6 }),
  words: fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 4 }),
  nested: fc.record({ x: num, y: str }),
  empty: fc.constantFrom('', null),
});

const itemNum = fc.oneof(
  fc.constant({ var: '' }),
  num.map((k) => ({ '*': [{ var: '' }, k] })),
  num.map((k) => ({ '+': [{ var: '' }, k] })),
  num.map((k) => ({ '-': [{ var: '' }, k] })),
);
const itemBool = fc.oneof(
  fc
    .tuple(fc.constantFrom('>', '<', '>=', '<=', '==', '!='), num)
    .map(([op, k]) => ({ [op]: [{ var: '' }, k] })),
  num.map((k) => ({ '%': [{ var: '' }, k === 0 ? 2 : k] })),
);

const rules = fc.letrec<{ num: Rule; bool: Rule; str: Rule; arr: Rule; any: Rule }>((tie) => ({
  num: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    num,
    fc.constantFrom({ var: 'a' }, { var: 'b' }, { var: 'nested.x' }, { var: ['missing', 3] }, { var: 'c' }),
    fc.array(tie('num'), { minLength: 0, maxLength: 4 }).map((xs) => ({ '+': xs })),
    fc.array(tie('num'), { minLength: 1, maxLength: 4 }).map((xs) => ({ '*': xs })),
    fc.array(tie('num'), { minLength: 1, maxLength: 2 }).map((xs) => ({ '-': xs })),
    fc.tuple(tie('num'), tie('num')).map((xs) => ({ '/': xs })),
    fc.tuple(tie('num'), tie('num')).map((xs) => ({ '%': xs })),
    fc.array(tie('num'), { minLength: 1, maxLength: 3 }).map((xs) => ({ min: xs })),
    fc.array(tie('num'), { minLength: 1, maxLength: 3 }).map((xs) => ({ max: xs })),
    fc.tuple(tie('bool'), tie('num'), tie('num')).map((xs) => ({ if: xs })),
    fc.tuple(tie('bool'), tie('num'), tie('bool'), tie('num'), tie('num')).map((xs) => ({ if: xs })),
    tie('str').map((s) => ({ '+': [s] })),
    tie('num').map((x) => ({
      reduce: [{ var: 'arr' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, x],
    })),
    fc.constant({ reduce: [{ var: 'arr' }, { '*': [{ var: 'current' }, { var: 'accumulator' }] }] }),
  ),
  bool: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.boolean(),
    fc.constant({ var: 'flag' }),
    fc
      .tuple(fc.constantFrom('<', '<=', '>', '>=', '==', '!=', '===', '!=='), tie('num'), tie('num'))
      .map(([op, x, y]) => ({ [op]: [x, y] })),
    fc
      .tuple(fc.constantFrom('<', '<='), tie('num'), tie('num'), tie('num'))
      .map(([op, ...xs]) => ({ [op]: xs })),
    fc
      .tuple(fc.constantFrom('==', '===', '!=', '!=='), tie('any'), tie('any'))
      .map(([op, x, y]) => ({ [op]: [x, y] })),
    tie('any').map((x) => ({ '!': [x] })),
    tie('any').map((x) => ({ '!!': [x] })),
    fc.array(tie('bool'), { maxLength: 3 }).map((xs) => ({ and: xs })),
    fc.array(tie('bool'), { maxLength: 3 }).map((xs) => ({ or: xs })),
    fc.tuple(tie('str'), tie('str')).map((xs) => ({ in: xs })),
    tie('str').map((x) => ({ in: [x, { var: 'words' }] })),
    fc
      .tuple(fc.constantFrom('all', 'some', 'none'), itemBool)
      .map(([op, f]) => ({ [op]: [{ var: 'arr' }, f] })),
  ),
  str: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    str,
    fc.constantFrom({ var: 's' }, { var: 'nested.y' }, { var: 'empty' }),
    fc.array(fc.oneof(tie('str'), tie('num')), { maxLength: 3 }).map((xs) => ({ cat: xs })),
    fc
      .tuple(
        tie('str'),
        fc.integer({ min: -4, max: 4 }),
        fc.option(fc.integer({ min: -4, max: 4 }), { nil: undefined }),
      )
      .map(([s, a, b]) => ({ substr: b === undefined ? [s, a] : [s, a, b] })),
    fc.tuple(tie('bool'), tie('str'), tie('str')).map((xs) => ({ if: xs })),
  ),
  arr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom({ var: 'arr' }, { var: 'words' }),
    fc.array(fc.oneof(tie('arr'), tie('num')), { maxLength: 3 }).map((xs) => ({ merge: xs })),
    itemNum.map((f) => ({ map: [{ var: 'arr' }, f] })),
    itemBool.map((f) => ({ filter: [{ var: 'arr' }, f] })),
    fc
      .array(fc.constantFrom('a', 'b', 's', 'empty', 'nope', 'nested.x', 'nested.z'), { maxLength: 3 })
      .map((xs) => ({
        missing: xs,
      })),
    fc
      .tuple(
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.constantFrom('a', 'empty', 'nope', 'c'), { maxLength: 3 }),
      )
      .map(([n, xs]) => ({ missing_some: [n, xs] })),
    fc.array(tie('num'), { maxLength: 3 }),
  ),
  any: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('num'),
    tie('bool'),
    tie('str'),
    tie('arr'),
    fc.array(tie('any'), { maxLength: 3 }).map((xs) => ({ or: xs })),
    fc.array(tie('any'), { maxLength: 3 }).map((xs) => ({ and: xs })),
    fc.tuple(tie('any'), tie('any')).map((xs) => ({ '?:': [xs[0], xs[1], null] })),
  ),
}));

function agree(rule: Rule, input: unknown): void {
  const reference = outcome(() => jsonLogic.apply(rule as never, input));
  for (const backend of ['js', 'closure'] as const) {
    const ours = outcome(() => compile(rule, { backend })(input));
    if (
      !(
        reference.ok === ours.ok &&
        (!reference.ok || same(reference.value, (ours as { value: unknown }).value))
      )
    ) {
      throw new Error(
        `${backend} differs on ${JSON.stringify(rule)} with ${JSON.stringify(input)}: ${JSON.stringify(ours)} vs ${JSON.stringify(reference)}`,
      );
    }
  }
}

describe('differential testing against json-logic-js', () => {
  for (const kind of ['num', 'bool', 'str', 'arr', 'any'] as const) {
    it(`agrees on random ${kind}-valued rules for both back ends`, () => {
      let checked = 0;
      fc.assert(
        fc.property(rules[kind], data, (rule, input) => {
          agree(rule, input);
          checked++;
        }),
        { numRuns: 400, seed: 20_261_125 },
      );
      expect(checked).toBeGreaterThanOrEqual(400);
    });
  }

  it('agrees with random data shapes fed to a fixed set of variable rules', () => {
    const anyJson = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(
        anyJson,
        fc.constantFrom('', 'a', 'a.b', '0', '1.0', 'length', 'a.length'),
        (input, path) => {
          agree({ var: path }, input);
          agree({ var: [path, 'fallback'] }, input);
          agree({ missing: [path] }, input);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
    expect(compile({ var: 'a.b' })({ a: { b: 2 } })).toBe(2);
  });

  it('gives identical results on both back ends and in traced variants', () => {
    fc.assert(
      fc.property(rules.any, data, (rule, input) => {
        const js = outcome(() => compile(rule, { backend: 'js' })(input));
        const closure = outcome(() => compile(rule, { backend: 'closure' })(input));
        const traced = outcome(() => (compile(rule, { trace: true })(input) as { result: unknown }).result);
        expect(same(js, closure)).toBe(true);
        expect(same(js, traced)).toBe(true);
      }),
      { numRuns: 300, seed: 99 },
    );
  });
});
