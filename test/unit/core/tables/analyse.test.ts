/** @module Tests of decision-table static analysis on hand-worked tables. */
import { describe, expect, it } from 'vitest';
import { analyseTable } from '../../../../engine/core/tables/analyse.ts';
import type { DecisionTable, HitPolicy, TableRule } from '../../../../engine/core/tables/types.ts';

function table(hitPolicy: HitPolicy, rules: [string, string, string][], allowed = true): DecisionTable {
  return {
    kind: 'decisionTable',
    id: 't',
    schemaVersion: 1,
    name: 't',
    hitPolicy,
    inputs: [
      {
        id: 'category',
        label: '类别',
        expression: 'category',
        type: 'string',
        ...(allowed ? { allowedValues: ['housing', 'traffic'] } : {}),
      },
      { id: 'amount', label: '金额', expression: 'amount', type: 'number', range: '[0..1000]' },
    ],
    outputs: [{ id: 'unit', label: '单位', type: 'string' }],
    rules: rules.map(([a, b, out]): TableRule => ({ cells: [a, b], outputs: [out] })),
  };
}
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('gap analysis', () => {
  it('finds no gap when the rows cover the declared domain', () => {
    const t = table('U', [
      ['"housing"', '[0..500)', 'a'],
      ['"housing"', '[500..1000]', 'b'],
      ['"traffic"', '-', 'c'],
    ]);
    expect(analyseTable(t)).toEqual([]);
  });

  it('reports an uncovered numeric interval with an example', () => {
    const t = table('F', [
      ['"housing"', '[0..500)', 'a'],
      ['"housing"', '(500..1000]', 'b'],
      ['"traffic"', '-', 'c'],
    ]);
    const gaps = analyseTable(t).filter((i) => i.code === 'table.gap');
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.example).toEqual({ category: '"housing"', amount: '500' });
  });

  it('reports an uncovered enumerated value, and "any other value" without allowedValues', () => {
    const t = table('F', [['"housing"', '-', 'a']]);
    expect(analyseTable(t).find((i) => i.code === 'table.gap')!.example).toEqual({
      category: '"traffic"',
      amount: '-',
    });
    const open = table('F', [['"housing"', '-', 'a']], false);
    expect(analyseTable(open).find((i) => i.code === 'table.gap')!.example!.category).toBe('any other value');
  });

  it('reports no gaps for multi-hit policies', () => {
    expect(codes(analyseTable(table('C', [['"housing"', '< 10', 'a']])))).toEqual([]);
  });

  it('treats rows with validity dates as covering only their period', () => {
    const t = table('F', [['-', '-', 'a']]);
    t.rules[0]!.validTo = '2026-06-30';
    t.rules.push({ cells: ['-', '-'], outputs: ['b'], validFrom: '2026-07-02', validTo: '2026-12-31' });
    const gap = analyseTable(t).find((i) => i.code === 'table.gap')!;
    expect(gap.example!.asOf).toBe('2026-07-01');
  });
});

describe('overlaps, conflicts and shadowed rows', () => {
  const rules: [string, string, string][] = [
    ['"housing"', '[0..500]', 'a'],
    ['"housing"', '[400..1000]', 'b'],
    ['"traffic"', '-', 'c'],
    ['-', '[450..460]', 'a'],
  ];
  /** The issues of `code` that the analysis finds in these rules under `hitPolicy`. */
  const found = (hitPolicy: HitPolicy, code: string) =>
    analyseTable(table(hitPolicy, rules)).filter((i) => i.code === code);

  it('reports overlapping rows under U', () => {
    const overlaps = found('U', 'table.overlap');
    expect(overlaps.map((i) => i.rows)).toEqual([
      [0, 1],
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    expect(overlaps[0]!.path).toBe('/rules/1');
  });

  it('reports only overlaps with different outputs under A', () => {
    const conflicts = found('A', 'table.conflict');
    expect(conflicts.map((i) => i.rows)).toEqual([
      [0, 1],
      [1, 3],
      [2, 3],
    ]);
  });

  it('reports a row covered by earlier rows as shadowed under F', () => {
    const shadowed = found('F', 'table.shadowed');
    expect(shadowed).toHaveLength(1);
    expect(shadowed[0]!.rows).toEqual([3, 0, 2]);
    expect(shadowed[0]!.path).toBe('/rules/3');
  });

  it('does not report a row that is only partly covered', () => {
    const t = table('F', [
      ['"housing"', '< 100', 'a'],
      ['"housing"', '< 200', 'b'],
      ['-', '-', 'c'],
    ]);
    expect(codes(analyseTable(t))).toEqual([]);
  });

  it('warns about a row that can never match', () => {
    const t = table('F', [
      ['-', '[600..400]', 'a'],
      ['-', '-', 'b'],
    ]);
    expect(codes(analyseTable(t))).toEqual(['table.empty_row']);
  });
});

describe('type checks', () => {
  it('reports cells that do not fit the input type and outputs that do not fit theirs', () => {
    const t = table('F', [['< 5', '"x"', 'a']]);
    t.rules[0]!.outputs = [3];
    const issues = analyseTable(t);
    expect(issues.filter((i) => i.code !== 'table.gap').map((i) => `${i.code}@${i.path}`)).toEqual([
      'table.output_type@/rules/0/outputs/0',
      'table.cell_type@/rules/0/cells/0',
      'table.cell_type@/rules/0/cells/1',
    ]);
  });

  it('checks input expressions against the JSON Schema of the data', () => {
    const t = table('F', [['-', '-', 'a']]);
    t.inputs[1]!.expression = 'claim.amount';
    const dataSchema = {
      type: 'object',
      properties: {
        category: { type: 'integer' },
        claim: { type: 'object', properties: { total: { type: 'number' } } },
      },
    };
    const issues = analyseTable(t, { dataSchema });
    expect(issues.map((i) => `${i.code}@${i.path}`)).toContain('table.input_type@/inputs/0/expression');
    // The unknown field is reported once, by the rule checker or by the table analysis.
    expect(issues.filter((i) => i.path === '/inputs/1/expression')).toHaveLength(1);
    expect(issues.every((i) => i.path.startsWith('/inputs/'))).toBe(true);
  });

  it('leaves rows with rule cells out of coverage analysis with a warning', () => {
    const t = table('F', [['-', '-', 'a']]);
    t.rules.unshift({ cells: [{ '==': [{ var: '$' }, 'housing'] }, '-'], outputs: ['b'] });
    expect(codes(analyseTable(t))).toEqual(['table.analysis_skipped_row']);
  });
});
