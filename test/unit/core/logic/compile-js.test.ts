/** @module JS back end specifics: null-data guard, memoised subexpressions in branches, numeric reads, -0. */
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { generateSource } from '../../../../engine/core/logic/compile-js.ts';
import { parseRule } from '../../../../engine/core/logic/parse.ts';
import { compile, defaultRegistry } from '../../../../engine/core/rule-language.ts';

const ratio = { '/': [{ var: 'a' }, { var: 'b' }] };
/** The same subexpression in a first condition, later conditions and branches. */
const repeated = {
  if: [
    { '>=': [ratio, 1] },
    { '*': [ratio, 2] },
    { or: [{ '>': [{ var: 'c' }, 5] }, { '>=': [ratio, 0.5] }] },
    { '+': [ratio, { var: 'c' }] },
    { '-': [ratio, 0.25] },
  ],
};

const cases: [string, unknown, unknown][] = [
  ['null data', repeated, null],
  ['undefined data', repeated, undefined],
  ['a number as data', { '+': [{ var: 'a' }, 1] }, 5],
  ['a string as data', { var: 'length' }, 'abc'],
  ['the first branch', repeated, { a: 4, b: 2, c: 1 }],
  ['the second branch through or', repeated, { a: 1, b: 2, c: 9 }],
  ['the second branch through the ratio', repeated, { a: 3, b: 4, c: 0 }],
  ['the last branch', repeated, { a: 1, b: 8, c: 0 }],
  ['string operands', repeated, { a: '3', b: '4', c: '2.5x' }],
  ['missing operands', repeated, { a: 1 }],
  ['boolean and null operands', { '*': [{ var: 'a' }, { var: 'b' }] }, { a: true, b: null }],
  ['-0 through parseFloat', { '*': [{ var: 'a' }, 2] }, { a: -0 }],
  ['-0 in a sum', { '+': [{ var: 'a' }] }, { a: -0 }],
  ['-0 from a division', { '*': [{ '/': [{ var: 'a' }, 5] }, 3] }, { a: -0 }],
  ['an array operand', { '+': [{ var: 'a' }, 1] }, { a: [7] }],
  ['an inherited method name', { '+': [{ var: 'toString' }, 1] }, {}],
];

describe('the JS back end', () => {
  for (const [what, rule, data] of cases) {
    it(`agrees with json-logic-js on ${what}`, () => {
      const expected = jsonLogic.apply(rule as never, data);
      const js = compile(rule, { backend: 'js' })(data);
      const closure = compile(rule, { backend: 'closure' })(data);
      if (what === 'an inherited method name') {
        // json-logic-js reads inherited members; we read own properties only: null, so NaN.
        expect(js).toBeNaN();
      } else expect(js).toBe(expected);
      expect(Object.is(js, closure)).toBe(true);
    });
  }

  it('reads a memoised subexpression as a plain local once an earlier evaluation surely ran', () => {
    const root = parseRule(repeated, { registry: defaultRegistry, maxDepth: 64 });
    const { source } = generateSource(root, false);
    // Computed once in the first condition; the branches and later conditions just read m0.
    expect(source.match(/m0=/g)).toHaveLength(1);
    expect(source).not.toContain('m0!==void 0');
  });

  it('recomputes a memoised subexpression only when no earlier occurrence surely ran', () => {
    const rule = { if: [{ var: 'x' }, { '+': [ratio, 1] }, { '+': [ratio, 2] }] };
    const root = parseRule(rule, { registry: defaultRegistry, maxDepth: 64 });
    const { source } = generateSource(root, false);
    expect(source).toContain('m0!==void 0');
    expect(compile(rule)({ x: true, a: 6, b: 3 })).toBe(3);
    expect(compile(rule)({ x: false, a: 6, b: 3 })).toBe(4);
  });

  it('defaults the context only when some operator reads it', () => {
    const plain = parseRule(repeated, { registry: defaultRegistry, maxDepth: 64 });
    expect(generateSource(plain, false).source).not.toContain('EMPTY;');
    const looping = parseRule({ map: [{ var: 'xs' }, 1] }, { registry: defaultRegistry, maxDepth: 64 });
    expect(generateSource(looping, false).source).toContain('c=EMPTY;');
  });
});
