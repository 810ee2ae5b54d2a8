/** @module Every catalogue example, registered through `defineOperator`, gives its expected result on both back ends. */
import { describe, expect, it } from 'vitest';
import { compile, defaultRegistry, defineOperator } from '../../../../engine/core/logic/index.ts';
import type { OperatorExample } from '../../../../engine/core/logic/operator.ts';
import { batonOperators } from '../../../../engine/core/scoring/operators/index.ts';

const registry = defaultRegistry.clone();
for (const op of batonOperators) defineOperator(op, registry);

const cases = batonOperators.flatMap((op) =>
  op.examples.map((example, i) => [`${op.name} example ${i + 1}`, example] as [string, OperatorExample]),
);

describe('the catalogue registered in the rule compiler', () => {
  it('registers every operator without clashing with a standard one', () => {
    for (const op of batonOperators) expect(registry.get(op.name)?.name).toBe(op.name);
  });

  for (const backend of ['js', 'closure'] as const) {
    it.each(cases)(`runs %s on the ${backend} back end`, (_title, example) => {
      const result = compile(example.rule, { registry, backend })(example.data ?? {}, {});
      if (typeof example.tolerance === 'number') {
        expect(Math.abs((result as number) - (example.expected as number))).toBeLessThanOrEqual(
          example.tolerance,
        );
      } else {
        expect(result).toEqual(example.expected);
      }
    });
  }

  it('passes the evaluation context through to operators that need it', () => {
    const rule = { working_days_between: [{ var: 'from' }, { var: 'to' }] };
    const run = compile(rule, { registry });
    const ctx = { calendar: { isWorkingDay: (iso: string) => iso !== '2025-03-11' } };
    expect(run({ from: '2025-03-09', to: '2025-03-12' }, ctx)).toBe(2);
    expect(() => run({ from: '2025-03-09', to: '2025-03-12' }, {})).toThrow(/working calendar/);
  });
});
