/** @module checkRule: static issues found against the data schema, with paths into the rule. */
import { describe, expect, it } from 'vitest';
import type { OperatorDefinition } from '../../../../engine/core/rule-language.ts';
import { checkRule, defaultRegistry, defineOperator } from '../../../../engine/core/rule-language.ts';

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    score: { type: 'number' },
    target: { type: 'integer' },
    done: { type: 'boolean' },
    unit: { $ref: '#/$defs/unit' },
    items: { type: 'array', items: { type: 'object', properties: { qty: { type: 'integer' } } } },
  },
  $defs: { unit: { type: 'object', properties: { id: { type: 'string' } } } },
};

const codes = (rule: unknown) => checkRule(rule, schema).map((i) => [i.code, i.path]);

describe('checkRule', () => {
  it('accepts a well-typed rule', () => {
    const rule = {
      if: [
        { and: [{ '>=': [{ '/': [{ var: 'score' }, { var: 'target' }] }, 1] }, { var: 'done' }] },
        { cat: ['ok ', { var: 'unit.id' }] },
        { reduce: [{ var: 'items' }, { '+': [{ var: 'current.qty' }, { var: 'accumulator' }] }, 0] },
      ],
    };
    expect(checkRule(rule, schema)).toEqual([]);
  });

  it('reports unknown operators with the path of the operator', () => {
    expect(codes({ '+': [1, { nope: [2] }] })).toEqual([['logic.unknown_operator', '/+/1']]);
  });

  it('reports variables that are not in the schema, following $ref', () => {
    expect(codes({ '+': [{ var: 'scroe' }, { var: 'unit.code' }] })).toEqual([
      ['logic.unknown_variable', '/+/0'],
      ['logic.unknown_variable', '/+/1'],
    ]);
  });

  it('does not report a missing variable that has a default', () => {
    expect(codes({ var: ['bonus', 0] })).toEqual([]);
  });

  it('reports arithmetic on a string field', () => {
    const issues = checkRule({ '*': [{ var: 'name' }, 2] }, schema);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'logic.type_mismatch', path: '/*/0', severity: 'error' });
    expect(issues[0]!.messageZh).toContain('number');
  });

  it('reports comparing a number with a boolean', () => {
    expect(codes({ '==': [{ var: 'score' }, true] })).toEqual([['logic.type_mismatch', '/==/1']]);
    expect(codes({ '<': [{ var: 'score' }, { var: 'done' }] })).toEqual([['logic.type_mismatch', '/</1']]);
  });

  it('reports looping over a non-array and checks the body against the item schema', () => {
    expect(codes({ map: [{ var: 'score' }, 1] })).toEqual([['logic.type_mismatch', '/map/0']]);
    expect(codes({ filter: [{ var: 'items' }, { '>': [{ var: 'qtty' }, 1] }] })).toEqual([
      ['logic.unknown_variable', '/filter/1/>/0'],
    ]);
  });

  it('reports forbidden paths and excessive depth instead of throwing', () => {
    expect(codes({ var: '__proto__.x' })).toEqual([['logic.forbidden_path', '/var']]);
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = { '!': [deep] };
    expect(checkRule(deep, schema).map((i) => i.code)).toContain('logic.too_deep');
  });

  it('checks custom operators against their argsSchema and uses their resultSchema', () => {
    const registry = defaultRegistry.clone();
    const ratio: OperatorDefinition = {
      name: 'safeRatio',
      category: 'test',
      description: { en: 'a / b, 0 when b is 0', zh: 'a / b，b 为 0 时为 0' },
      argsSchema: {
        type: 'array',
        prefixItems: [{ type: 'number' }, { type: 'number' }],
        minItems: 2,
        maxItems: 2,
      },
      resultSchema: { type: 'number' },
      examples: [{ rule: { safeRatio: [1, 0] }, expected: 0 }],
      evaluate: ([a, b]) => ((b as number) === 0 ? 0 : (a as number) / (b as number)),
    };
    defineOperator(ratio, registry);
    const check = (rule: unknown) => checkRule(rule, schema, { registry }).map((i) => [i.code, i.path]);
    expect(check({ safeRatio: [{ var: 'score' }, { var: 'target' }] })).toEqual([]);
    expect(check({ safeRatio: [{ var: 'name' }, 1] })).toEqual([['logic.type_mismatch', '/safeRatio/0']]);
    expect(check({ safeRatio: [1] })).toEqual([['logic.arity', '']]);
    expect(check({ cat: [{ '+': [{ safeRatio: [1, 2] }, { var: 'done' }] }] })).toEqual([
      ['logic.type_mismatch', '/cat/0/+/1'],
    ]);
  });
});
