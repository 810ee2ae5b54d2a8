/** @module Every operator in the default registry (standard and Baton) is documented and its examples pass. */
import { describe, expect, it } from 'vitest';
import { compile, defaultRegistry } from '../../../../engine/core/rule-language.ts';

const operators = defaultRegistry.list();

function close(actual: unknown, expected: unknown, tolerance: number | undefined): void {
  if (tolerance !== undefined && typeof expected === 'number') {
    expect(typeof actual).toBe('number');
    expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tolerance);
  } else expect(actual).toEqual(expected);
}

describe('operator catalogue', () => {
  it('includes every standard JSON Logic operator', () => {
    const names = new Set(operators.map((o) => o.name));
    for (const name of ['var', 'if', '+', 'map', 'reduce', 'missing_some', 'merge', 'substr']) {
      expect(names.has(name)).toBe(true);
    }
  });

  for (const op of operators) {
    describe(`operator ${op.name}`, () => {
      it('has a bilingual description, an argsSchema and at least one example', () => {
        expect(op.description.en.length).toBeGreaterThan(0);
        expect(op.description.zh.length).toBeGreaterThan(0);
        expect(typeof op.argsSchema).toBe('object');
        expect(op.examples.length).toBeGreaterThanOrEqual(1);
      });

      it('gives the expected result for every example on both back ends', () => {
        for (const example of op.examples) {
          for (const backend of ['js', 'closure'] as const) {
            close(compile(example.rule, { backend })(example.data), example.expected, example.tolerance);
          }
        }
      });
    });
  }
});
