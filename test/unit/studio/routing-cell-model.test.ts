/**
 * @module The routing editor's cell model: every cell of the seed routing table reads into a picker or
 * builder model and writes back to the same cell (or stays raw); keyword cells become chips; a rule the
 * builder cannot show stays raw with its reason; picked values and condition rows write the cells the
 * engine reads.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCell } from '../../../engine/core/tables/cells.ts';
import type { DecisionTable, TableInput } from '../../../engine/core/tables/types.ts';
import {
  cellModel,
  columnKind,
  modelToCell,
  ruleToRows,
  rowsToRule,
} from '../../../studio/pages/case-config/cell-model.ts';

const seed = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../seeds/rulesets/cases-2026.json'), 'utf8'),
);
const table = seed.documents.find((d: { kind: string }) => d.kind === 'routingTable').table as DecisionTable;
const input = (id: string): TableInput => table.inputs.find((i) => i.id === id)!;

/** The same cell for the engine: equal parsed meaning. */
const meaning = (cell: unknown, type: TableInput['type']) => parseCell(cell as never, type);

describe('routing cell model', () => {
  it('reads every seed cell and writes back a cell of the same meaning', () => {
    let conditions = 0;
    for (const rule of table.rules)
      table.inputs.forEach((column, i) => {
        const cell = rule.cells[i];
        const model = cellModel(cell, column);
        if (model.mode === 'conditions') conditions++;
        expect(model.mode).not.toBe('raw');
        expect(meaning(modelToCell(model), column.type)).toEqual(meaning(cell ?? '-', column.type));
      });
    expect(conditions).toBeGreaterThan(5);
  });

  it('shows keyword cells as chips and names the column kinds from their expressions', () => {
    const cell = table.rules.find((r) => r.id === 'r-noise-construction')!.cells[
      table.inputs.indexOf(input('text'))
    ];
    expect(cellModel(cell, input('text'))).toEqual({
      mode: 'conditions',
      join: 'and',
      rows: [{ field: '$', op: 'keyword_match', value: ['施工', '工地', '打桩', '渣土车'], match: 'any' }],
    });
    expect(columnKind(input('category'))).toBe('category');
    expect(columnKind(input('street'))).toBe('unit');
    expect(columnKind(input('channel'))).toBe('choice');
    expect(columnKind(input('danger'))).toBe('boolean');
    expect(columnKind(input('grid'))).toBe('values');
  });

  it('leaves rules the builder cannot show raw, with the reason', () => {
    expect(cellModel({ in: ['噪音', { var: '$' }] }, input('text'))).toMatchObject({
      mode: 'raw',
      reason: 'rule',
    });
    // Extra argument the rows would drop: raw, not silently changed.
    expect(cellModel({ keyword_match: [{ var: '$' }, ['a'], 'any', true] }, input('text'))).toMatchObject({
      mode: 'raw',
    });
    expect(cellModel('not("hotline")', input('channel'))).toMatchObject({ mode: 'raw', reason: 'negated' });
    expect(cellModel('"unterminated', input('channel'))).toMatchObject({ mode: 'raw', reason: 'syntax' });
  });

  it('writes picked values and condition rows as the cells the engine reads', () => {
    expect(modelToCell({ mode: 'values', values: ['environment.noise', 'urban.street-vending'] })).toBe(
      '"environment.noise","urban.street-vending"',
    );
    expect(modelToCell({ mode: 'values', values: [] })).toBe('-');
    expect(modelToCell({ mode: 'bool', value: true })).toBe('true');
    const rule = rowsToRule('or', [
      { field: '$', op: 'keyword_match', value: ['广场舞'], match: 'all' },
      { field: 'data.case.channel', op: '==', value: 'hotline' },
    ]);
    expect(rule).toEqual({
      or: [
        { keyword_match: [{ var: '$' }, ['广场舞'], 'all'] },
        { '==': [{ var: 'data.case.channel' }, 'hotline'] },
      ],
    });
    expect(ruleToRows(rule)).toEqual({
      join: 'or',
      rows: [
        { field: '$', op: 'keyword_match', value: ['广场舞'], match: 'all' },
        { field: 'data.case.channel', op: '==', value: 'hotline' },
      ],
    });
  });
});
