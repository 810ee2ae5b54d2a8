/** @module Tests of decision-table CSV export/import: exact round trips, quoting and Chinese text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, tableFromCsv, tableToCsv } from '../../../../engine/core/tables/csv.ts';
import type { DecisionTable } from '../../../../engine/core/tables/types.ts';
import { HIT_POLICIES } from '../../../../engine/core/tables/types.ts';

const sample: DecisionTable = {
  kind: 'decisionTable',
  id: 'case-routing',
  schemaVersion: 1,
  name: '案件派单表, "测试"',
  description: '第一行\n第二行',
  hitPolicy: 'F',
  inputs: [
    {
      id: 'category',
      label: '类别',
      expression: 'category',
      type: 'string',
      allowedValues: ['住房', '交通'],
    },
    {
      id: 'amount',
      label: '金额',
      expression: { '+': [{ var: 'a' }, 1] },
      type: 'number',
      range: '[0..100]',
    },
  ],
  outputs: [
    { id: 'unit', label: '主办单位', type: 'string' },
    { id: 'days', label: '时限', type: 'number' },
  ],
  rules: [
    { id: 'r1', cells: ['"住房","交通"', '[0..10)'], outputs: ['街道办', 3], annotation: '依据"第三条"' },
    { cells: ['-', { '>': [{ var: '$' }, 5] }], outputs: ['', null], validFrom: '2026-01-01' },
  ],
  tests: [{ input: { category: '住房', a: 1 }, expected: { unit: '街道办', days: 3 } }],
};

describe('decision table CSV', () => {
  it('round-trips a table with quotes, commas, newlines, rule cells and Chinese text', () => {
    const csv = tableToCsv(sample);
    expect(csv.split('\r\n')[0]).toBe('kind,decisionTable');
    expect(csv).toContain('input,category,类别,string,category,');
    expect(tableFromCsv(csv)).toEqual(sample);
    expect(tableFromCsv(tableToCsv(sample, { bom: true, newline: '\n' }))).toEqual(sample);
  });

  it('parses RFC 4180 quoting', () => {
    expect(parseCsv('a,"b,c","d""e"\r\n,""\n').map((r) => r.map((f) => [f.text, f.quoted]))).toEqual([
      [
        ['a', false],
        ['b,c', true],
        ['d"e', true],
      ],
      [
        ['', false],
        ['', true],
      ],
    ]);
  });

  it('refuses text that is not a decision table', () => {
    expect(() => tableFromCsv('a,b\r\n')).toThrow(expect.objectContaining({ code: 'table.csv' }));
    expect(() => tableFromCsv('"abc')).toThrow(expect.objectContaining({ code: 'table.csv' }));
  });

  it('round-trips generated tables exactly', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', '街', '道', '{', '-', 'j'),
    });
    const scalar = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null));
    const arb = fc
      .record({
        nIn: fc.integer({ min: 1, max: 3 }),
        nOut: fc.integer({ min: 1, max: 2 }),
        nRows: fc.integer({ min: 0, max: 5 }),
        hitPolicy: fc.constantFrom(...HIT_POLICIES),
      })
      .chain(({ nIn, nOut, nRows, hitPolicy }) =>
        fc.record(
          {
            kind: fc.constant('decisionTable' as const),
            id: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
            schemaVersion: fc.constant(1 as const),
            name: text,
            description: text,
            hitPolicy: fc.constant(hitPolicy),
            inputs: fc.tuple(
              ...Array.from({ length: nIn }, (_, k) =>
                fc.record(
                  {
                    id: fc.constant(`in${k}`),
                    label: text,
                    expression: fc.oneof(text, fc.constant({ var: 'x.y' })),
                    type: fc.constantFrom('number', 'string', 'boolean', 'date' as const),
                    allowedValues: fc.array(fc.oneof(text, fc.integer()), { maxLength: 3 }),
                    range: text,
                  },
                  { requiredKeys: ['id', 'label', 'expression', 'type'] },
                ),
              ),
            ),
            outputs: fc.tuple(
              ...Array.from({ length: nOut }, (_, k) =>
                fc.record(
                  {
                    id: fc.constant(`out${k}`),
                    label: text,
                    type: fc.constantFrom('number', 'string', 'boolean', 'date' as const),
                    description: text,
                  },
                  { requiredKeys: ['id', 'label', 'type'] },
                ),
              ),
            ),
            rules: fc.array(
              fc.record(
                {
                  id: text,
                  cells: fc.tuple(
                    ...Array.from({ length: nIn }, () =>
                      fc.oneof(text, fc.constant({ '>': [{ var: '$' }, 1] })),
                    ),
                  ),
                  outputs: fc.tuple(...Array.from({ length: nOut }, () => scalar)),
                  annotation: text,
                  validFrom: fc.constant('2026-01-01'),
                  validTo: text,
                },
                { requiredKeys: ['cells', 'outputs'] },
              ),
              { minLength: nRows, maxLength: nRows },
            ),
            tests: fc.array(fc.record({ input: fc.dictionary(text, scalar), expected: scalar }), {
              maxLength: 2,
            }),
          },
          {
            requiredKeys: ['kind', 'id', 'schemaVersion', 'name', 'hitPolicy', 'inputs', 'outputs', 'rules'],
          },
        ),
      );
    fc.assert(
      fc.property(arb, (t) => {
        const table = t as unknown as DecisionTable;
        expect(tableFromCsv(tableToCsv(table))).toEqual(table);
      }),
      { numRuns: 300 },
    );
  });
});
