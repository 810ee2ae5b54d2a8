/**
 * @module Size-aware step budget: operators whose work grows with the size of their values (texts
 * searched or compared, arrays converted, custom operators over large arrays, computed paths)
 * charge it, so hostile rules stop with `rule.budget_exceeded` quickly on both back ends, while
 * ordinary rules keep their results.
 */
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { RuleError } from '../../../../engine/core/errors.ts';
import { compile, compileTraced, runWithBudget, StepBudget } from '../../../../engine/core/rule-language.ts';

const backends = ['js', 'closure'] as const;

function outcome(run: () => unknown): { value: unknown } | { code: string } {
  try {
    return { value: run() };
  } catch (error) {
    return { code: error instanceof RuleError ? error.code : `not a RuleError: ${String(error)}` };
  }
}

/**
 * Runs `run` and expects it to stop with `rule.budget_exceeded`. No wall-clock bound: without size
 * charges these rules either answer (no error, so this fails) or run for minutes, past the runner's
 * test timeout; speed itself is measured by `npm run bench`, not asserted here.
 */
function stopsOnBudget(run: () => unknown): void {
  expect(outcome(run)).toEqual({ code: 'rule.budget_exceeded' });
}

/** Steps `run` takes from a fresh budget of `limit` (shared by every evaluation inside it). */
function stepsOf(run: () => unknown, limit = 1e9): number {
  const budget = new StepBudget(limit);
  runWithBudget(budget, run);
  return limit - budget.remaining;
}

const MEGA = 'a'.repeat(1_000_000);
const ITEMS = Array.from({ length: 10_000 }, (_, i) => i);
/** 1e5 numbers: converting it to a primitive (`==`, `+`, `cat`) joins 1e5 number texts. */
const BIG_ARRAY = Array.from({ length: 100_000 }, (_, i) => i * 7);

// Each case takes many seconds to minutes without size charges; with them each stops with
// rule.budget_exceeded well within the default 10M-step budget of one evaluation. Without charges
// the rules answer (no error) or run for minutes, past the runner's test timeout.
describe('size-aware step budget: hostile rules', () => {
  for (const backend of backends) {
    it(`stops \`in\` over a 1e6-character text inside map over 1e4 items (${backend})`, () => {
      const fn = compile({ map: [{ var: 'xs' }, { in: ['ab', MEGA] }] }, { backend });
      stopsOnBudget(() => fn({ xs: ITEMS }));
      // The same text from the data, one shared string per item.
      const fromData = compile({ map: [{ var: 'xs' }, { in: ['ab', { var: '' }] }] }, { backend });
      stopsOnBudget(() => fromData({ xs: ITEMS.map(() => MEGA) }));
    });

    it(`stops == and < converting a large array in a loop (${backend})`, () => {
      const data = { xs: ITEMS.map(() => BIG_ARRAY) };
      for (const op of ['==', '<', '-']) {
        const fn = compile({ map: [{ var: 'xs' }, { [op]: [{ var: '' }, 1] }] }, { backend });
        stopsOnBudget(() => fn(data));
      }
      const strict = compile({ filter: [{ var: 'xs' }, { '===': [{ var: '' }, MEGA] }] }, { backend });
      const other = `${MEGA.slice(1)}b`;
      stopsOnBudget(() => strict({ xs: ITEMS.map(() => other) }));
    });

    it(`stops a rule without loops that converts a large array at many places (${backend})`, () => {
      // 200 distinct divisions of a 1e5-item array: 2e7 element conversions, no loop at all.
      const terms = Array.from({ length: 200 }, (_, i) => ({ '/': [{ var: 'a' }, i + 1] }));
      const fn = compile({ '+': terms }, { backend });
      stopsOnBudget(() => fn({ a: BIG_ARRAY }));
      // Small data: the same rule answers, and the rule is metered from then on.
      expect(fn({ a: [3] })).toBeCloseTo(
        terms.reduce((s, _, i) => s + 3 / (i + 1), 0),
        9,
      );
      expect(fn({ a: 6 })).toBeCloseTo(
        terms.reduce((s, _, i) => s + 6 / (i + 1), 0),
        9,
      );
    });

    it(`stops cat growing a text that in searches each time (${backend})`, () => {
      // Quadratic: the accumulator grows by 1 KiB per item and is searched every time.
      const kib = 'x'.repeat(1024);
      const fn = compile(
        {
          reduce: [
            { var: 'xs' },
            {
              if: [{ in: ['zz', { var: 'accumulator' }] }, 'found', { cat: [{ var: 'accumulator' }, kib] }],
            },
            '',
          ],
        },
        { backend },
      );
      stopsOnBudget(() => fn({ xs: ITEMS }));
      // cat alone charges the texts it builds.
      const building = compile(
        { reduce: [{ var: 'xs' }, { cat: [{ var: 'accumulator' }, kib] }, ''] },
        { backend },
      );
      stopsOnBudget(() => building({ xs: ITEMS }));
    });

    it(`stops custom operators, substr and computed var paths over large values (${backend})`, () => {
      const sum = compile({ map: [{ var: 'xs' }, { arr_sum: [{ var: '' }] }] }, { backend });
      stopsOnBudget(() => sum({ xs: ITEMS.map(() => BIG_ARRAY) }));
      const cut = compile({ map: [{ var: 'xs' }, { substr: [{ var: '' }, 1, 2] }] }, { backend });
      stopsOnBudget(() => cut({ xs: ITEMS.map(() => MEGA) }));
      // A computed path of 5e5 keys, read for every item.
      const path = 'a.'.repeat(500_000);
      const read = compile({ map: [{ var: 'xs' }, { var: [{ cat: [path, 'b'] }] }] }, { backend });
      stopsOnBudget(() => read({ xs: ITEMS }));
    });

    it(`stops a result that shares one array exponentially often (${backend})`, () => {
      // 60 doublings: a result of 2^60 leaves built in 181 steps; reading it (JSON, comparing a
      // test's expectation) would never end. The result is charged by its arrays, deep.
      const doubling = { reduce: [{ var: 'xs' }, [{ var: 'accumulator' }, { var: 'accumulator' }], 0] };
      const fn = compile(doubling, { backend });
      stopsOnBudget(() => fn({ xs: ITEMS.slice(0, 60) }));
      stopsOnBudget(() => compileTraced(doubling, { backend })({ xs: ITEMS.slice(0, 60) }));
      expect(fn({ xs: [1, 2] })).toEqual([
        [0, 0],
        [0, 0],
      ]);
      // A rule without loops returning nested arrays: a step per nested element; flat costs nothing.
      expect(stepsOf(() => compile([{ var: 'a' }, [1, 2]], { backend })({ a: 3 }))).toBe(2);
      expect(stepsOf(() => compile([{ var: 'a' }, 1], { backend })({ a: 3 }))).toBe(0);
    });

    it(`charges by size, the same on both back ends and in the traced variant (${backend})`, () => {
      const text = 'q'.repeat(3200); // 800 steps of 4 characters
      const inText = compile({ in: ['zz', { var: 's' }] }, { backend });
      expect(stepsOf(() => inText({ s: text }))).toBe(800);
      expect(stepsOf(() => compileTraced({ in: ['zz', { var: 's' }] }, { backend })({ s: text }))).toBe(800);
      // Converting an array: 8 steps per element, nested arrays and long texts included.
      const eq = compile({ '==': [{ var: 'a' }, 1] }, { backend });
      expect(stepsOf(() => eq({ a: [1, 2, [3, 4], text] }))).toBe(4 * 8 + 2 * 8 + 800);
      // cat charges what it built (a step per 32 characters); in over an array a step per 16 items.
      expect(stepsOf(() => compile({ cat: [{ var: 's' }, { var: 's' }] }, { backend })({ s: text }))).toBe(
        200,
      );
      expect(
        stepsOf(() => compile({ in: [3, { var: 'a' }] }, { backend })({ a: BIG_ARRAY.slice(0, 160) })),
      ).toBe(10);
      // A custom operator's arguments, deep, 4 steps per element; missing a step per key.
      expect(stepsOf(() => compile({ arr_sum: [{ var: 'a' }] }, { backend })({ a: [1, 2, 3] }))).toBe(12);
      const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
      expect(stepsOf(() => compile({ missing: { var: 'keys' } }, { backend })({ keys, a: 1 }))).toBe(8);
      // Ordinary values cost nothing: numbers, booleans, null, objects and texts under 32 characters.
      const ordinary = compile(
        {
          and: [
            { '==': [{ var: 'code' }, 'A-17'] },
            { in: [{ var: 'code' }, 'A-17 B-3 C-9'] },
            { '<': [0, { '+': [{ var: 'n' }, '2'] }, 100] },
            { '!=': [{ var: 'obj' }, null] },
            { cat: ['n=', { var: 'n' }] },
          ],
        },
        { backend },
      );
      expect(stepsOf(() => ordinary({ code: 'A-17', n: 5, obj: { x: 1 } }))).toBe(0);
      expect(ordinary({ code: 'A-17', n: 5, obj: { x: 1 } }, { budget: 0 })).toBe('n=5');
    });

    it(`a rule without loops is metered only when a value's size costs steps (${backend})`, () => {
      const fn = compile({ '==': [{ var: 's' }, 'abc'] }, { backend, maxSteps: 0 });
      expect(fn({ s: 'abc' })).toBe(true);
      expect(outcome(() => fn({ s: 'a'.repeat(64) }))).toEqual({ code: 'rule.budget_exceeded' });
      // Metered from then on, and still right.
      expect(fn({ s: 'abc' })).toBe(true);
      expect(compile({ '==': [{ var: 's' }, 'abc'] }, { backend, maxSteps: 16 })({ s: 'a'.repeat(64) })).toBe(
        false,
      );
    });
  }
});

const jsonLogicApply = (rule: unknown, data: unknown) => jsonLogic.apply(rule as never, data as never);

/** Ordinary rules over texts and arrays: results must not change (budget only). */
const ORDINARY: { rule: unknown; data: unknown }[] = [
  { rule: { in: ['Spring', { var: 'city' }] }, data: { city: 'Springfield, a long enough name of a city' } },
  { rule: { in: [{ var: 'x' }, ['a', 'b', 'c']] }, data: { x: 'b' } },
  { rule: { '==': [{ var: 'a' }, '1,2,3'] }, data: { a: [1, 2, 3] } },
  { rule: { '+': [{ var: 'a' }, 1] }, data: { a: ['41'] } },
  { rule: { '<': [{ var: 'a' }, { var: 'b' }] }, data: { a: 'x'.repeat(40), b: 'x'.repeat(41) } },
  { rule: { cat: [{ var: 'a' }, '-', { var: 'b' }] }, data: { a: [1, [2, 3]], b: 'y'.repeat(100) } },
  { rule: { substr: [{ var: 's' }, -5] }, data: { s: `${'z'.repeat(90)}tail!` } },
  { rule: { var: [{ cat: ['a.', { var: 'k' }] }] }, data: { a: { bb: 7 }, k: 'bb' } },
  { rule: { missing: [{ var: 'keys' }] }, data: { keys: ['a', 'b', 'c', 'd', 'e'], a: 1, c: '' } },
  { rule: { min: [{ var: 'a' }, 3] }, data: { a: [2] } },
  {
    rule: {
      map: [{ var: 'rows' }, { if: [{ in: ['!', { var: 'note' }] }, { cat: [{ var: 'note' }, '?'] }, 0] }],
    },
    data: { rows: [{ note: `${'n'.repeat(50)}!` }, { note: 'plain' }] },
  },
  {
    rule: { reduce: [{ var: 'xs' }, { cat: [{ var: 'accumulator' }, { var: 'current' }] }, ''] },
    data: { xs: ITEMS.slice(0, 50) },
  },
  { rule: { '===': [{ var: 'a' }, { var: 'a' }] }, data: { a: 'w'.repeat(100) } },
];

describe('size-aware step budget: ordinary rules keep their results', () => {
  it('gives json-logic-js results on both back ends, traced or not, metered or not', () => {
    for (const { rule, data } of ORDINARY) {
      const expected = jsonLogicApply(rule, data);
      for (const backend of backends) {
        const fn = compile(rule, { backend });
        // Twice: the first run may switch the rule to metered, the second then starts metered.
        expect(fn(data), JSON.stringify(rule)).toEqual(expected);
        expect(fn(data), JSON.stringify(rule)).toEqual(expected);
        expect(runWithBudget(new StepBudget(1e6), () => fn(data))).toEqual(expected);
        expect(compileTraced(rule, { backend })(data).result).toEqual(expected);
      }
    }
  });

  it('agrees with json-logic-js on random rules over long texts and arrays', () => {
    const text = fc.oneof(fc.string({ maxLength: 8 }), fc.string({ minLength: 30, maxLength: 120 }));
    const value = fc.oneof(
      text,
      fc.integer({ min: -50, max: 50 }),
      fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), text), { maxLength: 40 }),
      fc.constant(null),
    );
    const operand = fc.oneof(fc.constantFrom({ var: 'a' }, { var: 'b' }, { var: 'c' }), value);
    const rule = fc.oneof(
      fc
        .tuple(
          fc.constantFrom(
            '==',
            '!=',
            '===',
            '!==',
            '<',
            '>',
            '<=',
            '>=',
            '-',
            '/',
            '%',
            '+',
            '*',
            'min',
            'max',
            'in',
            'cat',
          ),
          operand,
          operand,
        )
        .map(([op, x, y]) => ({ [op]: [x, y] })),
      fc.tuple(operand, fc.integer({ min: -40, max: 40 })).map(([x, k]) => ({ substr: [x, k] })),
      operand.map((x) => ({ map: [{ var: 'list' }, { cat: [{ var: '' }, x] }] })),
    );
    const data = fc.record({ a: value, b: value, c: value, list: fc.array(value, { maxLength: 5 }) });
    fc.assert(
      fc.property(rule, data, (r, d) => {
        const expected = outcome(() => jsonLogicApply(r, d));
        for (const backend of backends) {
          const fn = compile(r, { backend });
          const first = outcome(() => fn(d));
          const again = outcome(() => fn(d));
          if ('value' in expected) {
            expect(first).toEqual(expected);
            expect(again).toEqual(expected);
          }
          expect(again).toEqual(first);
        }
      }),
      { numRuns: 400 },
    );
  });
});
