/** @module defineOperator validates definitions and registries keep operators apart. */
import { describe, expect, it } from 'vitest';
import { RuleError, ValidationError } from '../../../../engine/core/errors.ts';
import type { OperatorDefinition } from '../../../../engine/core/rule-language.ts';
import {
  compile,
  defaultRegistry,
  defineOperator,
  evaluateWithTrace,
} from '../../../../engine/core/rule-language.ts';

function twice(overrides: Partial<OperatorDefinition> = {}): OperatorDefinition {
  return {
    name: 'twice',
    category: 'test',
    description: { en: 'Doubles a number', zh: '数值加倍' },
    argsSchema: { type: 'array', prefixItems: [{ type: 'number' }] },
    resultSchema: { type: 'number' },
    examples: [{ rule: { twice: [2] }, expected: 4 }],
    evaluate: ([x]) => (x as number) * 2,
    ...overrides,
  };
}

describe('defineOperator', () => {
  it('registers a valid operator that both back ends and traces can call', () => {
    const registry = defaultRegistry.clone();
    defineOperator(twice(), registry);
    for (const backend of ['js', 'closure'] as const) {
      expect(compile({ twice: [{ var: 'x' }] }, { backend, registry })({ x: 5 })).toBe(10);
    }
    const { trace } = evaluateWithTrace({ twice: 3 }, null, undefined, { registry });
    expect(trace).toMatchObject({ op: 'twice', inputs: [3], output: 6 });
    expect(defaultRegistry.has('twice')).toBe(false);
  });

  it('passes the evaluation context to the operator', () => {
    const registry = defaultRegistry.clone();
    defineOperator(twice({ name: 'asOf', evaluate: (_args, ctx) => ctx.asOf ?? 'none' }), registry);
    expect(compile({ asOf: [] }, { registry })(null, { asOf: '2026-01-01' })).toBe('2026-01-01');
    expect(compile({ asOf: [] }, { registry, backend: 'closure' })(null)).toBe('none');
  });

  it('refuses bad names, missing descriptions, schemas or examples', () => {
    const registry = defaultRegistry.clone();
    const bad: Partial<OperatorDefinition>[] = [
      { name: 'has space' },
      { name: '__proto__' },
      { name: '});x(//' },
      { description: { en: 'only english', zh: '' } },
      { argsSchema: undefined as never },
      { examples: [] },
      { evaluate: undefined as never },
    ];
    for (const overrides of bad)
      expect(() => defineOperator(twice(overrides), registry)).toThrow(ValidationError);
  });

  it('refuses to replace an existing operator unless asked to', () => {
    const registry = defaultRegistry.clone();
    expect(() => defineOperator(twice({ name: 'max' }), registry)).toThrow(RuleError);
    defineOperator(twice({ name: 'max' }), registry, { replace: true });
    expect(compile({ max: [21] }, { registry })(null)).toBe(42);
    expect(compile({ max: [21] })(null)).toBe(21);
  });

  it('describes standard operators in the same shape as every other operator', () => {
    const plus = defaultRegistry.get('+')!;
    expect(plus.category).toBe('standard');
    expect(plus.evaluate([1, '2'], {})).toBe(3);
    expect(defaultRegistry.get('if')!.evaluate([false, 1, 2], {})).toBe(2);
  });
});
