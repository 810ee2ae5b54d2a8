/** @module Tests of decision-table evaluation: cell syntax, every hit policy, validity dates, traces, indexes and embedded tests. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { undocumentedProperties } from '../schema-docs.ts';
import { parseCell } from '../../../../engine/core/tables/cells.ts';
import { compileTable, runTableTests } from '../../../../engine/core/tables/compile.ts';
import type { DecisionTable, HitPolicy, TableRule } from '../../../../engine/core/tables/types.ts';
import schema from '../../../../schemas/decision-table.schema.json' with { type: 'json' };

/** Age × channel → priority; hand-worked results below. */
function table(
  hitPolicy: HitPolicy,
  rules: TableRule[],
  outputType: 'string' | 'number' = 'string',
): DecisionTable {
  return {
    kind: 'decisionTable',
    id: 't',
    schemaVersion: 1,
    name: 'test',
    hitPolicy,
    inputs: [
      { id: 'age', label: '年龄', expression: 'person.age', type: 'number' },
      { id: 'channel', label: '渠道', expression: 'channel', type: 'string' },
    ],
    outputs: [
      outputType === 'string'
        ? { id: 'level', label: '等级', type: 'string', allowedValues: ['high', 'normal', 'low'] }
        : { id: 'points', label: '分值', type: 'number' },
    ],
    rules,
  };
}
const row = (cells: string[], out: string | number, extra: Partial<TableRule> = {}): TableRule => ({
  cells,
  outputs: [out],
  ...extra,
});
const overlapping = [
  row(['< 18', '-'], 'low'),
  row(['[18..60)', '"hotline","web"'], 'normal'),
  row(['>= 60', '-'], 'high'),
  row(['-', '"hotline"'], 'high'),
];
const data = (age: number, channel: string) => ({ person: { age }, channel });

describe('cell syntax', () => {
  it('parses any, ranges with open and closed bounds, comparisons, lists and not()', () => {
    expect(parseCell('-', 'number')).toEqual({ ok: true, cell: { kind: 'any' } });
    const r = parseCell(']20..39[', 'number');
    expect(r).toEqual({
      ok: true,
      cell: {
        kind: 'test',
        negated: false,
        parts: [
          { kind: 'range', low: { value: 20, inclusive: false }, high: { value: 39, inclusive: false } },
        ],
      },
    });
    expect(parseCell('(20..39]', 'number').ok).toBe(true);
    expect(parseCell('>= 5', 'number').ok).toBe(true);
    expect(parseCell('not("a", "b")', 'string')).toMatchObject({ cell: { negated: true } });
    expect(parseCell('!= "x"', 'string')).toMatchObject({ cell: { negated: true, parts: [{ value: 'x' }] } });
    expect(parseCell('1,2,3', 'number')).toMatchObject({
      cell: { parts: [{ value: 1 }, { value: 2 }, { value: 3 }] },
    });
    expect(parseCell('街道办', 'string')).toMatchObject({ cell: { parts: [{ value: '街道办' }] } });
    expect(parseCell('[2026-01-01..2026-06-30]', 'date').ok).toBe(true);
  });

  it('rejects malformed cells and cells of the wrong type', () => {
    expect(parseCell('[1..', 'number')).toMatchObject({ ok: false, code: 'table.cell_syntax' });
    expect(parseCell('"abc', 'string')).toMatchObject({ ok: false, code: 'table.cell_syntax' });
    expect(parseCell('"x"', 'number')).toMatchObject({ ok: false, code: 'table.cell_type' });
    expect(parseCell('< 5', 'string')).toMatchObject({ ok: false, code: 'table.cell_type' });
    expect(parseCell('2026-02-30', 'date')).toMatchObject({ ok: false, code: 'table.cell_syntax' });
  });

  it('matches open and closed range bounds exactly', () => {
    const t = table('F', [row(['(20..39]', '-'], 'a'), row([']39..50[', '-'], 'b')]);
    const c = compileTable(t);
    expect(c.evaluate(data(20, 'x')).value).toBeNull();
    expect(c.evaluate(data(20.5, 'x')).value).toEqual({ level: 'a' });
    expect(c.evaluate(data(39, 'x')).value).toEqual({ level: 'a' });
    expect(c.evaluate(data(49, 'x')).value).toEqual({ level: 'b' });
    expect(c.evaluate(data(50, 'x')).value).toBeNull();
  });

  it('evaluates JSON Logic cells with the input value as $ and the data under data', () => {
    const t = table('F', [
      { cells: [{ '>': [{ var: '$' }, { var: 'data.limit' }] }, '-'], outputs: ['high'] },
    ]);
    const c = compileTable(t);
    expect(c.evaluate({ person: { age: 70 }, limit: 65 }).value).toEqual({ level: 'high' });
    expect(c.evaluate({ person: { age: 60 }, limit: 65 }).value).toBeNull();
  });
});

describe('hit policies', () => {
  it('U returns the single match and fails when two rows match', () => {
    const c = compileTable(table('U', overlapping));
    expect(c.evaluate(data(10, 'web')).value).toEqual({ level: 'low' });
    expect(c.evaluate(data(30, 'grid')).value).toBeNull();
    expect(() => c.evaluate(data(30, 'hotline'))).toThrow(
      expect.objectContaining({ code: 'table.unique_violation' }),
    );
  });

  it('A returns the agreed output and fails on disagreement', () => {
    const c = compileTable(table('A', overlapping));
    expect(c.evaluate(data(70, 'hotline')).value).toEqual({ level: 'high' });
    expect(() => c.evaluate(data(30, 'hotline'))).toThrow(
      expect.objectContaining({ code: 'table.any_conflict' }),
    );
  });

  it('P picks the match with the highest-priority output value', () => {
    const c = compileTable(table('P', overlapping));
    expect(c.evaluate(data(30, 'hotline')).value).toEqual({ level: 'high' });
    expect(c.evaluate(data(10, 'hotline')).value).toEqual({ level: 'high' });
    expect(c.evaluate(data(30, 'web')).value).toEqual({ level: 'normal' });
  });

  it('F returns the first match in rule order', () => {
    const c = compileTable(table('F', overlapping));
    expect(c.evaluate(data(30, 'hotline'))).toEqual({ value: { level: 'normal' }, matchedRows: [1] });
    expect(c.evaluate(data(10, 'hotline')).value).toEqual({ level: 'low' });
  });

  it('R and C collect all matches in rule order; O sorts them by output priority', () => {
    expect(compileTable(table('R', overlapping)).evaluate(data(10, 'hotline')).value).toEqual([
      { level: 'low' },
      { level: 'high' },
    ]);
    expect(compileTable(table('C', overlapping)).evaluate(data(30, 'hotline')).value).toEqual([
      { level: 'normal' },
      { level: 'high' },
    ]);
    expect(compileTable(table('O', overlapping)).evaluate(data(10, 'hotline')).value).toEqual([
      { level: 'high' },
      { level: 'low' },
    ]);
  });

  it('C+, C<, C> and C# aggregate the matches', () => {
    const rules = [row(['< 18', '-'], 5), row(['-', '"hotline"'], 3), row(['< 30', '-'], 10)];
    const d = data(10, 'hotline');
    expect(compileTable(table('C+', rules, 'number')).evaluate(d).value).toBe(18);
    expect(compileTable(table('C<', rules, 'number')).evaluate(d).value).toBe(3);
    expect(compileTable(table('C>', rules, 'number')).evaluate(d).value).toBe(10);
    expect(compileTable(table('C#', rules, 'number')).evaluate(d).value).toBe(3);
    expect(compileTable(table('C+', rules, 'number')).evaluate(data(50, 'web')).value).toBeNull();
    expect(compileTable(table('C#', rules, 'number')).evaluate(data(50, 'web')).value).toBe(0);
  });

  it('refuses P without priorities and sums without a number output', () => {
    const t = table('P', overlapping);
    t.outputs[0] = { id: 'level', label: 'l', type: 'string' };
    expect(() => compileTable(t)).toThrow(expect.objectContaining({ code: 'table.priority_missing' }));
    expect(() => compileTable(table('C+', overlapping))).toThrow(
      expect.objectContaining({ code: 'table.aggregation_output' }),
    );
  });

  it('refuses a table with a bad cell, naming its path', () => {
    expect(() => compileTable(table('F', [row(['[1..', '-'], 'low')]))).toThrow(
      expect.objectContaining({ code: 'table.cell_syntax', path: '/rules/0/cells/0' }),
    );
  });
});

describe('validity dates and traces', () => {
  const versioned = table('F', [
    row(['-', '-'], 'low', { validTo: '2025-12-31' }),
    row(['-', '-'], 'normal', { validFrom: '2026-01-01' }),
  ]);

  it('skips rows outside their validity as of a date', () => {
    const c = compileTable(versioned);
    expect(c.evaluate(data(1, 'x'), { asOf: '2025-06-01' }).value).toEqual({ level: 'low' });
    expect(c.evaluate(data(1, 'x'), { asOf: '2026-06-01' }).value).toEqual({ level: 'normal' });
    expect(c.evaluate(data(1, 'x'), { ctx: { asOf: '2026-06-01' } }).value).toEqual({ level: 'normal' });
    expect(c.evaluate(data(1, 'x')).value).toEqual({ level: 'low' });
  });

  it('traces matched rows and near misses with the failing cell and input value', () => {
    const c = compileTable(table('F', overlapping));
    const r = c.evaluate(data(30, 'grid'), { trace: true });
    expect(r.value).toBeNull();
    expect(r.trace!.inputs).toEqual({ age: 30, channel: 'grid' });
    expect(r.trace!.nearMisses.map((m) => [m.row, m.inputId, m.cellSource, m.value])).toEqual([
      [0, 'age', '< 18', 30],
      [1, 'channel', '"hotline","web"', 'grid'],
      [2, 'age', '>= 60', 30],
      [3, 'channel', '"hotline"', 'grid'],
    ]);
    const hit = c.evaluate(data(30, 'hotline'), { trace: true });
    expect(hit.trace!.matched.map((m) => m.row)).toEqual([1, 3]);
    expect(hit.value).toEqual({ level: 'normal' });
  });
});

describe('indexes', () => {
  const categories = ['housing', 'traffic', 'environment', 'health', 'education'];
  const big = (): DecisionTable => {
    const rules: TableRule[] = [];
    for (const cat of categories) {
      for (let g = 0; g < 20; g++) {
        for (let b = 0; b < 5; b++) {
          rules.push({
            cells: [`"${cat}"`, `"G${g}"`, `[${b * 100}..${b * 100 + 100})`],
            outputs: [`${cat}-${g}-${b}`],
          });
        }
      }
    }
    rules.splice(37, 0, { cells: ['not("health")', '-', '> 450'], outputs: ['big'] });
    rules.push({ cells: ['-', '-', '-'], outputs: ['default'] });
    return {
      kind: 'decisionTable',
      id: 'big',
      schemaVersion: 1,
      name: 'big',
      hitPolicy: 'F',
      inputs: [
        { id: 'cat', label: 'c', expression: 'cat', type: 'string' },
        { id: 'grid', label: 'g', expression: 'grid', type: 'string' },
        { id: 'amount', label: 'a', expression: 'amount', type: 'number' },
      ],
      outputs: [{ id: 'unit', label: 'u', type: 'string' }],
      rules,
    };
  };

  it('gives the same results with and without indexes on random inputs', () => {
    const t = big();
    const indexed = compileTable(t);
    const plain = compileTable(t, { noIndex: true });
    expect(indexed.indexedInputs).toEqual(['cat', 'grid', 'amount']);
    fc.assert(
      fc.property(
        fc.constantFrom(...categories, 'other'),
        fc.integer({ min: -1, max: 21 }),
        fc.oneof(fc.integer({ min: -50, max: 600 }), fc.constant(100), fc.constant(450)),
        (cat, g, amount) => {
          const d = { cat, grid: `G${g}`, amount };
          expect(indexed.evaluate(d)).toEqual(plain.evaluate(d));
        },
      ),
    );
    expect(indexed.evaluate({ cat: 'health', grid: 'G3', amount: 460 }).value).toEqual({
      unit: 'health-3-4',
    });
    expect(indexed.evaluate({ cat: 'housing', grid: 'G15', amount: 460 }).value).toEqual({ unit: 'big' });
    expect(indexed.evaluate({ cat: 'x', grid: 'G3', amount: 10 }).value).toEqual({ unit: 'default' });
  });
});

describe('embedded tests', () => {
  it('runs a table’s tests and reports failures with actual values', () => {
    const t = table('F', overlapping);
    t.tests = [
      { name: '未成年', input: data(10, 'web'), expected: { level: 'low' } },
      { input: data(70, 'web'), expected: { level: 'low' } },
    ];
    const report = runTableTests(t);
    expect(report.passed).toBe(1);
    expect(report.failed).toEqual([{ index: 1, expected: { level: 'low' }, actual: { level: 'high' } }]);
  });

  it('reports evaluation errors of a test as failures', () => {
    const t = table('U', overlapping);
    t.tests = [{ input: data(30, 'hotline'), expected: null }];
    expect(runTableTests(t).failed[0]!.error!.code).toBe('table.unique_violation');
  });
});

describe('decision table schema', () => {
  it('keeps the TypeScript type and the schema properties in sync', () => {
    const keys: (keyof DecisionTable)[] = [
      'kind',
      'id',
      'schemaVersion',
      'name',
      'description',
      'hitPolicy',
      'inputs',
      'outputs',
      'rules',
      'tests',
    ];
    expect(Object.keys(schema.properties).sort()).toEqual([...keys].sort());
    const rowKeys: (keyof TableRule)[] = ['id', 'cells', 'outputs', 'annotation', 'validFrom', 'validTo'];
    expect(Object.keys(schema.properties.rules.items.properties).sort()).toEqual([...rowKeys].sort());
  });

  it('documents every property with a description and examples', () => {
    expect(undocumentedProperties(schema)).toEqual([]);
  });
});
