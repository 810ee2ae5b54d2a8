/** @module Rule builder helpers: sample test data derived from a form schema gives each seed indicator's rule a real score; fields by title; catalogue names of operators, arguments and choices. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../engine/core/rule-language.ts';
import {
  argName,
  argSchema,
  choicesOf,
  defaultArg,
  editKindOf,
  fieldVariablesOf,
  operatorName,
  sampleData,
  sampleForRule,
  scoreOf,
  starterRule,
  testContext,
} from '../../../studio/pages/performance/rule-blocks.ts';

interface Doc {
  kind: string;
  id: string;
  level?: string;
  formId?: string;
  dataSource?: string;
  scoringRule?: unknown;
  targets?: { value: number }[];
  schema?: unknown;
}

const seed = JSON.parse(readFileSync('seeds/rulesets/district-2026-full.json', 'utf8')) as {
  documents?: Doc[];
  content?: { documents: Doc[] };
};
const docs = seed.documents ?? seed.content?.documents ?? [];
const forms = new Map(docs.filter((d) => d.kind === 'form').map((d) => [d.id, d]));

describe('rule builder sample data', () => {
  it('gives every seed form indicator’s inline rule a finite, non-zero score', () => {
    const leaves = docs.filter(
      (d) => d.kind === 'indicator' && d.level === 'unit' && d.dataSource === 'form' && d.scoringRule,
    );
    expect(leaves.length).toBeGreaterThan(20);
    const zero: string[] = [];
    for (const leaf of leaves) {
      const schema = forms.get(leaf.formId ?? '')?.schema;
      const data = sampleForRule(leaf.scoringRule, evaluate, schema, leaf.targets?.[0]?.value ?? null);
      let result: unknown;
      try {
        result = evaluate(leaf.scoringRule, data, testContext());
      } catch (error) {
        result = String(error);
      }
      const score = scoreOf(result);
      if (score === undefined || score === 0) zero.push(`${leaf.id}: ${JSON.stringify(result)}`);
    }
    expect(zero).toEqual([]);
  });

  it('takes examples and defaults first and keeps numbers inside their bounds', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'number', examples: [42] },
        b: { type: 'integer', default: 7 },
        c: { type: 'number', minimum: 0, maximum: 10 },
        d: { type: 'string', enum: ['x', 'y'] },
        e: { type: 'integer', minimum: 0 },
      },
    };
    const { entry, target } = sampleData(schema, 1000);
    expect(target).toBe(1000);
    expect(entry).toMatchObject({ a: 42, b: 7, d: 'x' });
    const { c, e } = entry as { c: number; e: number };
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThanOrEqual(10);
    expect(Number.isInteger(e)).toBe(true);
    expect(e).toBe(800);
  });

  it('starts a new indicator with a completion ratio of its first number field that scores', () => {
    const schema = {
      type: 'object',
      properties: {
        note: { type: 'string', title: '说明' },
        done: { type: 'number', title: '完成量', minimum: 0 },
      },
    };
    const rule = starterRule(schema);
    expect(JSON.stringify(rule)).toContain('entry.done');
    const score = evaluate(rule, sampleForRule(rule, evaluate, schema, 50), testContext());
    expect(score).toBe(90);
  });
});

describe('rule builder names', () => {
  it('lists form fields by their titles, nested objects too', () => {
    const fields = fieldVariablesOf({
      type: 'object',
      properties: {
        done: { type: 'number', title: '本月完成量', 'x-title-en': 'Done this month' },
        extra: { type: 'object', title: '补充', properties: { n: { type: 'integer', title: '件数' } } },
      },
    });
    expect(fields.map((f) => [f.path, f.label.zh])).toEqual([
      ['entry.done', '本月完成量'],
      ['entry.extra', '补充'],
      ['entry.extra.n', '补充 · 件数'],
    ]);
    expect(fields[0]!.label.en).toBe('Done this month');
  });

  it('names operators, arguments and enumerated choices from the catalogue', () => {
    expect(operatorName('round_to').zh).toBe('保留小数');
    expect(operatorName('completion_ratio').zh).toBe('完成率得分');
    expect(argName('round_to', 2)?.zh).toBe('方式');
    const modes = choicesOf(argSchema('round_to', 2));
    expect(modes.map((m) => m.value)).toContain('half_even');
    expect(modes.find((m) => m.value === 'half_even')?.label.zh).toContain('银行家');
    expect(defaultArg(argSchema('round_to', 2))).toBeNull();
    expect(editKindOf('half_even')).toBe('text');
    expect(editKindOf(null)).toBe('number');
    expect(editKindOf({ var: 'target' })).toBe('var');
  });
});
