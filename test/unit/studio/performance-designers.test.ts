/** @module Pure helpers of the performance studio pages: indicator tree edits and AHP, form designer schemas, rule blocks, dashboard colours. */
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../engine/core/rule-language.ts';
import { previousMonth, worstColour } from '../../../studio/pages/performance/dashboard-model.ts';
import type { DesignField } from '../../../studio/pages/performance/form-model.ts';
import {
  duplicateKeys,
  fromSchemas,
  localizeUiSchema,
  newField,
  parseOptions,
  toSchemas,
} from '../../../studio/pages/performance/form-model.ts';
import type { IndicatorDoc } from '../../../studio/pages/performance/indicator-tree.ts';
import {
  applyAhp,
  effectiveWeight,
  initialMatrix,
  isUnitSum,
  moveIndicator,
  moveTargets,
  saatyLabel,
  setJudgement,
  siblingSum,
} from '../../../studio/pages/performance/indicator-tree.ts';
import {
  arity,
  kindOf,
  newOperation,
  sampleData,
  variablesOf,
  withChild,
} from '../../../studio/pages/performance/rule-blocks.ts';

const ind = (id: string, extra: Partial<IndicatorDoc>): IndicatorDoc => ({
  kind: 'indicator',
  id,
  name: { zh: id, en: id },
  level: 'unit',
  ...extra,
});

const tree = (): IndicatorDoc[] => [
  ind('a', {
    level: 'city',
    weight: 1,
    ahp: {
      id: 'ahp-a',
      criteria: ['a1', 'a2'],
      matrix: [
        [1, 3],
        [1 / 3, 1],
      ],
    },
  }),
  ind('a1', { level: 'district', parentId: 'a', weight: { ahp: 'ahp-a' } }),
  ind('a2', { level: 'district', parentId: 'a', weight: { ahp: 'ahp-a' } }),
  ind('x', { parentId: 'a1', weight: 0.6 }),
  ind('y', { parentId: 'a1', weight: 0.3 }),
  ind('z', { parentId: 'a2', weight: 1 }),
];

describe('indicator tree helpers', () => {
  it('resolves AHP-referenced weights from the parent’s comparison matrix', () => {
    const docs = tree();
    expect(effectiveWeight(docs, docs[1]!)).toBeCloseTo(0.75, 6);
    expect(effectiveWeight(docs, docs[2]!)).toBeCloseTo(0.25, 6);
    expect(siblingSum(docs, 'a')).toBeCloseTo(1, 9);
  });

  it('flags sibling weights that do not sum to 1', () => {
    const docs = tree();
    expect(siblingSum(docs, 'a1')).toBeCloseTo(0.9, 9);
    expect(isUnitSum(siblingSum(docs, 'a1'))).toBe(false);
    expect(isUnitSum(siblingSum(docs, 'a2'))).toBe(true);
  });

  it('moves a node under another parent of the level above, fixing an AHP weight and shrinking the old matrix', () => {
    const docs = tree();
    expect(moveTargets(docs, docs[3]!).map((d) => d.id)).toEqual(['a2']);
    const changed = moveIndicator(docs, { id: 'a1', newParentId: 'b' });
    expect(changed[0]).toMatchObject({ id: 'a1', parentId: 'b', weight: 0.75 });
    expect(changed[1]?.ahp).toEqual({ id: 'ahp-a', criteria: ['a2'], matrix: [[1]] });
  });

  it('keeps judgements reciprocal and reuses an existing matrix for the same children', () => {
    const docs = tree();
    const matrix = initialMatrix(['a1', 'a2'], docs[0]!.ahp);
    expect(matrix).toEqual([
      [1, 3],
      [1 / 3, 1],
    ]);
    const edited = setJudgement(matrix, { i: 0, j: 1, value: 1 / 5 });
    expect(edited[1]![0]).toBe(5);
    expect(saatyLabel(0.3333333)).toBe('1/3');
    expect(saatyLabel(edited[1]![0]!)).toBe('5');
  });

  it('applies AHP by storing the block on the parent and pointing the children at it', () => {
    const docs = tree();
    const changed = applyAhp(docs, {
      parentId: 'a1',
      matrix: [
        [1, 2],
        [0.5, 1],
      ],
      method: 'geometricMean',
    });
    expect(changed.map((d) => d.id)).toEqual(['a1', 'x', 'y']);
    expect(changed[0]!.ahp).toEqual({
      id: 'ahp-a1',
      method: 'geometricMean',
      criteria: ['x', 'y'],
      matrix: [
        [1, 2],
        [0.5, 1],
      ],
    });
    const next = docs.map((d) => changed.find((c) => c.id === d.id) ?? d);
    expect(siblingSum(next, 'a1')).toBeCloseTo(1, 9);
    expect(effectiveWeight(next, next[3]!)).toBeCloseTo(2 / 3, 6);
  });
});

describe('form designer model', () => {
  const fields = (): DesignField[] => {
    const amount = {
      ...newField('number', []),
      key: 'amount',
      titleZh: '金额',
      titleEn: 'Amount',
      isRequired: true,
      min: 0,
    };
    const note = { ...newField('textarea', []), key: 'note', titleZh: '说明', pattern: '^\\S' };
    const kind = { ...newField('choice', []), key: 'kind', titleZh: '类别' };
    const rows = {
      ...newField('table', []),
      key: 'rows',
      titleZh: '明细',
      min: 1,
      children: [{ ...newField('date', []), key: 'day', titleZh: '日期', isRequired: true }],
    };
    return [amount, note, kind, rows];
  };

  it('generates a JSON Schema that validates the data the fields describe', () => {
    const { schema } = toSchemas(fields());
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(schema);
    expect(validate({ amount: 3, note: 'ok', kind: 'a', rows: [{ day: '2026-11-01' }] })).toBe(true);
    expect(validate({ amount: -1, rows: [{ day: '2026-11-01' }] })).toBe(false);
    expect(validate({ rows: [{ day: '2026-11-01' }] })).toBe(false);
    expect(validate({ amount: 1, kind: 'zzz', rows: [{ day: '2026-11-01' }] })).toBe(false);
    expect(validate({ amount: 1, rows: [] })).toBe(false);
  });

  it('generates a UI schema with bilingual labels and a multi-line control for text areas', () => {
    const { uiSchema } = toSchemas(fields());
    const elements = uiSchema.elements as Record<string, unknown>[];
    expect(elements[0]).toEqual({
      type: 'Control',
      scope: '#/properties/amount',
      label: '金额',
      options: { labelEn: 'Amount' },
    });
    expect(elements[1]).toMatchObject({ scope: '#/properties/note', options: { multi: true } });
    expect((localizeUiSchema(uiSchema, 'en') as { elements: { label: string }[] }).elements[0]!.label).toBe(
      'Amount',
    );
  });

  it('reads its own output back into the same fields', () => {
    const original = fields();
    const { schema, uiSchema } = toSchemas(original);
    const read = fromSchemas(schema, uiSchema);
    expect(toSchemas(read)).toEqual(toSchemas(original));
    expect(read.map((f) => f.kind)).toEqual(['number', 'textarea', 'choice', 'table']);
  });

  it('parses choice options and reports duplicate keys', () => {
    expect(parseOptions('a=甲=A\nb=乙\n')).toEqual([
      { value: 'a', zh: '甲', en: 'A' },
      { value: 'b', zh: '乙', en: '' },
    ]);
    const list = fields();
    expect(duplicateKeys([...list, { ...list[0]! }])).toEqual(['amount']);
  });
});

describe('rule blocks', () => {
  it('classifies rule nodes and fills a catalogue operator’s required arguments', () => {
    expect(kindOf(3)).toBe('const');
    expect(kindOf({ var: 'entry.done' })).toBe('var');
    expect(kindOf([1, 2])).toBe('list');
    expect(kindOf({ completion_ratio: [1, 2] })).toBe('op');
    const { min, max } = arity('completion_ratio');
    expect([min, max]).toEqual([2, 4]);
    expect(newOperation('completion_ratio')).toEqual({ completion_ratio: [0, 0] });
    expect(newOperation('completion_ratio', [{ var: 'entry.done' }])).toEqual({
      completion_ratio: [{ var: 'entry.done' }, 0],
    });
  });

  it('edits a nested argument and the result still evaluates', () => {
    const rule = withChild({ completion_ratio: [0, 200] }, 0, { var: 'entry.done' });
    expect(rule).toEqual({ completion_ratio: [{ var: 'entry.done' }, 200] });
    expect(evaluate(rule, { entry: { done: 150 } })).toBe(75);
  });

  it('offers the form’s fields as variables and builds sample data from the form schema', () => {
    const schema = {
      type: 'object',
      properties: { done: { type: 'number', minimum: 0 }, ok: { type: 'boolean' } },
    };
    expect(variablesOf(schema)).toEqual(['entry.done', 'entry.ok', 'target', 'month', 'params']);
    expect(sampleData(schema, 200)).toEqual({
      entry: { done: 180, ok: true },
      target: 200,
      month: 11,
      elapsed: 11 / 12,
      params: {},
      peers: { done: [144, 180, 216] },
    });
  });
});

describe('dashboard helpers', () => {
  it('takes the most severe light of a category and the month before a date', () => {
    expect(worstColour(['green', 'grey', 'yellow'])).toBe('yellow');
    expect(worstColour(['red', 'overdue'])).toBe('overdue');
    expect(worstColour(['grey', 'grey'])).toBe('grey');
    expect(previousMonth('2026-11-25')).toBe('2026-10');
    expect(previousMonth('2027-01-03')).toBe('2026-12');
  });
});
