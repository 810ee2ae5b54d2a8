/** @module Every operator, argument title and enumerated choice of the catalogue has a Chinese and English name in labels.ts. */
import { describe, expect, it } from 'vitest';
import { STANDARD_OPERATORS } from '../../../../engine/core/logic/standard-operators.ts';
import { batonOperators } from '../../../../engine/core/scoring/operators/index.ts';
import {
  ARGUMENT_LABELS,
  CATEGORY_LABELS,
  CHOICE_LABELS,
  OPERATOR_LABELS,
  operatorLabel,
  STANDARD_OPERATOR_LABELS,
} from '../../../../engine/core/scoring/operators/labels.ts';

const named = (text: { zh: string; en: string } | undefined): boolean =>
  !!text && /[\u4e00-\u9fff]/.test(text.zh) && text.en.trim().length > 0;

describe('operator labels', () => {
  it('names every Baton operator in Chinese and English, and nothing else', () => {
    const missing = batonOperators.filter((op) => !named(OPERATOR_LABELS[op.name])).map((op) => op.name);
    expect(missing).toEqual([]);
    const extra = Object.keys(OPERATOR_LABELS).filter(
      (name) => !batonOperators.some((op) => op.name === name),
    );
    expect(extra).toEqual([]);
  });

  it('names every argument title and every enumerated choice', () => {
    const titles = new Set<string>();
    const choices = new Set<string>();
    for (const op of batonOperators) {
      const items = (op.argsSchema.prefixItems ?? []) as { title?: string; enum?: unknown[] }[];
      for (const item of items) {
        if (item.title) titles.add(item.title);
        for (const value of item.enum ?? []) if (typeof value === 'string') choices.add(value);
      }
    }
    expect([...titles].filter((t) => !named(ARGUMENT_LABELS[t]))).toEqual([]);
    expect([...choices].filter((c) => !named(CHOICE_LABELS[c]))).toEqual([]);
    expect(choices.has('half_even')).toBe(true);
    expect(CHOICE_LABELS.half_even?.zh).toContain('银行家');
  });

  it('names every category of the catalogue', () => {
    const categories = [...new Set(batonOperators.map((op) => op.category))];
    expect(categories.filter((c) => !named(CATEGORY_LABELS[c]))).toEqual([]);
  });

  it('names standard operators that exist in the rule language', () => {
    const standard = new Set(STANDARD_OPERATORS.map((op) => op.name));
    const unknown = Object.keys(STANDARD_OPERATOR_LABELS).filter((name) => !standard.has(name));
    expect(unknown).toEqual([]);
    expect(operatorLabel('round_to')?.zh).toBe('保留小数');
    expect(operatorLabel('+')?.zh).toContain('加');
    expect(operatorLabel('no_such_operator')).toBeUndefined();
  });
});
