/** @module Limits: nesting depth and iterated array sizes are bounded and fail with a RuleError. */
import { describe, expect, it } from 'vitest';
import { RuleError } from '../../../../engine/core/errors.ts';
import { compile, DEFAULT_MAX_DEPTH } from '../../../../engine/core/rule-language.ts';

function nested(levels: number): unknown {
  let rule: unknown = 1;
  for (let i = 0; i < levels; i++) rule = { '-': rule };
  return rule;
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof RuleError ? error.code : `not a RuleError: ${String(error)}`;
  }
}

describe('limits', () => {
  for (const backend of ['js', 'closure'] as const) {
    it(`accepts rules within the default depth and refuses deeper ones with the ${backend} back end`, () => {
      expect(compile(nested(DEFAULT_MAX_DEPTH - 1), { backend })(null)).toBe(
        DEFAULT_MAX_DEPTH % 2 === 0 ? -1 : 1,
      );
      expect(codeOf(() => compile(nested(DEFAULT_MAX_DEPTH + 1), { backend }))).toBe('logic.too_deep');
    });

    it(`honours a configured maxDepth with the ${backend} back end`, () => {
      expect(codeOf(() => compile(nested(5), { backend, maxDepth: 4 }))).toBe('logic.too_deep');
      expect(compile(nested(3), { backend, maxDepth: 4 })(null)).toBe(-1);
    });

    it(`bounds every loop operator and merge by maxArrayLength with the ${backend} back end`, () => {
      const data = { xs: Array.from({ length: 11 }, (_, i) => i) };
      const rules = [
        { map: [{ var: 'xs' }, { var: '' }] },
        { filter: [{ var: 'xs' }, true] },
        { reduce: [{ var: 'xs' }, { var: 'current' }, 0] },
        { all: [{ var: 'xs' }, true] },
        { some: [{ var: 'xs' }, false] },
        { none: [{ var: 'xs' }, false] },
        { merge: [{ var: 'xs' }, 1] },
      ];
      for (const rule of rules) {
        expect(codeOf(() => compile(rule, { backend, maxArrayLength: 10 })(data))).toBe(
          'logic.array_too_large',
        );
        expect(codeOf(() => compile(rule, { backend, maxArrayLength: 12 })(data))).toBeUndefined();
      }
    });

    it(`stops a merge explosion before it allocates with the ${backend} back end`, () => {
      const big = Array.from({ length: 60_000 }, () => 0);
      const rule = { merge: [{ var: 'a' }, { var: 'a' }] };
      expect(codeOf(() => compile(rule, { backend })({ a: big }))).toBe('logic.array_too_large');
    });

    it(`turns runtime failures into RuleErrors with the ${backend} back end`, () => {
      expect(codeOf(() => compile({ missing_some: [1, { var: 'x' }] }, { backend })({}))).toBe(
        'logic.evaluation_failed',
      );
    });
  }

  it('refuses invalid limit options', () => {
    expect(codeOf(() => compile(1, { maxDepth: 0 }))).toBe('logic.invalid_options');
    expect(codeOf(() => compile(1, { maxArrayLength: -1 }))).toBe('logic.invalid_options');
  });
});
