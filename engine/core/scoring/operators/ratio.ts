/** @module Ratio operators: completion ratio (higher is better) and its lower-is-better mirror, both capped. */
import type { OperatorDefinition } from '../../logic/operator.ts';
import {
  argsOf,
  badArgs,
  clamp,
  nonNegative,
  num,
  numberArg,
  optLimit,
  optNum,
  plain,
  positive,
  scoringOperator,
} from './args.ts';

const fullScoreArg = numberArg('fullScore', 'Points for exactly meeting the target (ratio 1). Default 100.');
const capArg = numberArg(
  'cap',
  'Highest ratio credited, e.g. 1.2 for 120%. Default 1 (no credit above the target); null means no cap.',
  { type: ['number', 'null'], exclusiveMinimum: 0 },
);

function readCap(op: string, args: readonly unknown[], index: number): number {
  if (args.length <= index) return 1;
  const cap = optLimit(op, args, index);
  if (cap === null) return Number.POSITIVE_INFINITY;
  return positive(op, args, index);
}

/** What both ratios read after `actual`: target (> 0), fullScore (default 100) and cap (default 1). */
function ratioTerms(op: string, args: readonly unknown[]): { target: number; full: number; cap: number } {
  return { target: positive(op, args, 1), full: optNum(op, args, 2, 100), cap: readCap(op, args, 3) };
}

/** `completion_ratio [actual, target, fullScore=100, cap=1]`: fullScore × clamp(actual / target, 0, cap). */
export const completionRatio: OperatorDefinition = scoringOperator('completion_ratio', {
  description: {
    en:
      'Completion ratio, higher is better. Arguments: [actual, target, fullScore = 100, cap = 1]. ' +
      'Result = fullScore × clamp(actual / target, 0, cap). target must be > 0; cap is the highest ratio ' +
      'credited (1.2 = 120%), null for no cap. A negative actual scores 0.',
    zh:
      '完成率（越高越好）。参数：[实际值, 目标值, 满分 = 100, 封顶比例 = 1]。' +
      '得分 = 满分 × clamp(实际值 / 目标值, 0, 封顶比例)。目标值须大于 0；封顶比例如 1.2 表示最多按 120% 计，null 表示不封顶；实际值为负时得 0 分。',
  },
  argsSchema: argsOf(
    [
      numberArg('actual', 'Achieved value.'),
      numberArg('target', 'Target value, > 0.', { exclusiveMinimum: 0 }),
    ],
    [fullScoreArg, capArg],
  ),
  examples: [
    {
      rule: { completion_ratio: [{ var: 'done' }, 200, 100, 1.2] },
      data: { done: 150 },
      expected: 75,
      description: '150 of 200 is 75%.',
    },
    {
      rule: { completion_ratio: [300, 200, 100, 1.2] },
      expected: 120,
      description: '150% is capped at 120%.',
    },
    { rule: { completion_ratio: [300, 200, 10] }, expected: 10, description: 'The default cap is 100%.' },
    { rule: { completion_ratio: [-5, 200] }, expected: 0, description: 'A negative actual scores 0.' },
  ],
  evaluate(args, op) {
    const actual = num(op, args, 0);
    const { target, full, cap } = ratioTerms(op, args);
    return plain(full * clamp(actual / target, 0, cap));
  },
});

/** `lower_better_ratio [actual, target, fullScore=100, cap=1]`: fullScore × min(target / actual, cap). */
export const lowerBetterRatio: OperatorDefinition = scoringOperator('lower_better_ratio', {
  description: {
    en:
      'Ratio for indicators where lower is better (time taken, complaints, cost). Arguments: ' +
      '[actual, target, fullScore = 100, cap = 1]. Result = fullScore × min(target / actual, cap). ' +
      'target must be > 0 and actual ≥ 0; actual = 0 earns the cap (so a cap is required then).',
    zh:
      '越低越好类指标的比率（用时、投诉量、成本）。参数：[实际值, 目标值, 满分 = 100, 封顶比例 = 1]。' +
      '得分 = 满分 × min(目标值 / 实际值, 封顶比例)。目标值须大于 0，实际值不小于 0；实际值为 0 时按封顶比例计（此时必须有封顶）。',
  },
  argsSchema: argsOf(
    [
      numberArg('actual', 'Achieved value, ≥ 0.', { minimum: 0 }),
      numberArg('target', 'Target value (the most allowed for full score), > 0.', { exclusiveMinimum: 0 }),
    ],
    [fullScoreArg, capArg],
  ),
  examples: [
    {
      rule: { lower_better_ratio: [{ var: 'days' }, 5] },
      data: { days: 8 },
      expected: 62.5,
      description: 'Took 8 days against a 5-day target.',
    },
    {
      rule: { lower_better_ratio: [4, 5, 100] },
      expected: 100,
      description: 'Better than target is capped.',
    },
    {
      rule: { lower_better_ratio: [0, 5, 100, 1.2] },
      expected: 120,
      description: 'Zero earns the cap.',
    },
    { rule: { lower_better_ratio: [10, 5, 20] }, expected: 10 },
  ],
  evaluate(args, op) {
    const actual = nonNegative(op, args, 0);
    const { target, full, cap } = ratioTerms(op, args);
    if (actual === 0) {
      if (cap === Number.POSITIVE_INFINITY) {
        badArgs(op, {
          en: 'actual is 0 and there is no cap, so the ratio is unbounded',
          zh: '实际值为 0 且未设封顶，比率无上限',
        });
      }
      return plain(full * cap);
    }
    return plain(full * Math.min(target / actual, cap));
  },
});

/** The ratio group, in catalogue order. */
export const ratioOperators: OperatorDefinition[] = [completionRatio, lowerBetterRatio];
