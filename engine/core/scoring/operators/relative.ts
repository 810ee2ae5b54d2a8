/** @module Relative scoring: against the peer mean, against the best peer, and year-over-year change. */
import type { OperatorDefinition } from '../../logic/operator.ts';
import {
  argsOf,
  badArgs,
  clamp,
  directionArg,
  nonNegative,
  num,
  numberArg,
  numbers,
  optDirection,
  optLimit,
  optNum,
  plain,
  positive,
  scoringOperator,
  valueAmongPeersArgs,
} from './args.ts';

/** `relative_to_mean [value, peers, fullScore=100, cap=1]`: fullScore × clamp(value / mean(peers), 0, cap). */
export const relativeToMean: OperatorDefinition = scoringOperator('relative_to_mean', {
  description: {
    en:
      'Score relative to the peer mean. Arguments: [value, peers, fullScore = 100, cap = 1]. Result = ' +
      'fullScore × clamp(value / mean(peers), 0, cap); cap null means no cap. The peer mean must be > 0.',
    zh:
      '与同组平均值比较计分。参数：[值, 同组值列表, 满分 = 100, 封顶比例 = 1]。得分 = 满分 × clamp(值 / 同组平均, 0, 封顶比例)，' +
      '封顶为 null 表示不封顶。同组平均值须大于 0。',
  },
  argsSchema: valueAmongPeersArgs(numberArg('value', 'The unit’s value.'), [
    numberArg('fullScore', 'Points at the mean. Default 100.'),
    numberArg('cap', 'Highest ratio credited; null for none. Default 1.', { type: ['number', 'null'] }),
  ]),
  examples: [
    { rule: { relative_to_mean: [90, [80, 100, 90, 70]] }, expected: 100, description: 'Above the mean 85.' },
    { rule: { relative_to_mean: [68, [80, 100, 90, 70]] }, expected: 80, tolerance: 1e-9 },
    { rule: { relative_to_mean: [102, [80, 100, 90, 70], 100, 1.2] }, expected: 120, tolerance: 1e-9 },
  ],
  evaluate(args, op) {
    const value = num(op, args, 0);
    const peers = numbers(op, args, 1);
    const full = optNum(op, args, 2, 100);
    const cap = args.length > 3 ? optLimit(op, args, 3) : 1;
    const mean = peers.reduce((s, p) => s + p, 0) / peers.length;
    if (mean <= 0)
      badArgs(op, { en: `the peer mean must be > 0, got ${mean}`, zh: `同组平均值须大于 0，实际为 ${mean}` });
    return plain(full * clamp(value / mean, 0, cap ?? Number.POSITIVE_INFINITY));
  },
});

/** `relative_to_best [value, peers, fullScore=100, direction='higher']`. */
export const relativeToBest: OperatorDefinition = scoringOperator('relative_to_best', {
  description: {
    en:
      'Score relative to the best of the group. Arguments: [value, peers, fullScore = 100, direction = "higher"]. ' +
      'The best is taken over peers and value together. "higher": fullScore × value / best (best > 0, value ≥ 0). ' +
      '"lower": fullScore × best / value (value ≥ 0; value 0 is the best and earns fullScore).',
    zh:
      '与组内最优值比较计分。参数：[值, 同组值列表, 满分 = 100, 方向 = "higher"]。最优值在同组与该值中一起取。' +
      '"higher"：满分 × 值 / 最优值（最优值 > 0，值 ≥ 0）；"lower"：满分 × 最优值 / 值（值 ≥ 0，值为 0 即最优，得满分）。',
  },
  argsSchema: valueAmongPeersArgs(numberArg('value', 'The unit’s value, ≥ 0.', { minimum: 0 }), [
    numberArg('fullScore', 'Points of the best. Default 100.'),
    directionArg(),
  ]),
  examples: [
    { rule: { relative_to_best: [45, [60, 50, 45]] }, expected: 75 },
    { rule: { relative_to_best: [60, [60, 50]] }, expected: 100, description: 'The best itself.' },
    { rule: { relative_to_best: [4, [2, 4, 8], 10, 'lower'] }, expected: 5, description: 'Lower is better.' },
  ],
  evaluate(args, op) {
    const value = nonNegative(op, args, 0);
    const peers = numbers(op, args, 1);
    const full = optNum(op, args, 2, 100);
    const direction = optDirection(op, args, 3);
    if (peers.some((p) => p < 0)) {
      badArgs(op, { en: 'peer values must be ≥ 0', zh: '同组值须不小于 0' });
    }
    if (direction === 'higher') {
      const best = Math.max(value, ...peers);
      if (best <= 0) badArgs(op, { en: 'the best value must be > 0', zh: '最优值须大于 0' });
      return plain((full * value) / best);
    }
    if (value === 0) return full;
    return plain((full * Math.min(value, ...peers)) / value);
  },
});

/** `yoy_change [current, previous]`: (current − previous) / |previous|. */
export const yoyChange: OperatorDefinition = scoringOperator('yoy_change', {
  description: {
    en:
      'Year-over-year change rate. Arguments: [current, previous]. Result = (current − previous) / |previous| ' +
      '(0.1 = +10%). previous must not be 0.',
    zh: '同比变化率。参数：[本期值, 上年同期值]。结果 = (本期值 − 上年同期值) / |上年同期值|（0.1 即增长 10%）。上年同期值不能为 0。',
  },
  argsSchema: argsOf([
    numberArg('current', 'This period.'),
    numberArg('previous', 'Same period last year, ≠ 0.'),
  ]),
  examples: [
    { rule: { yoy_change: [110, 100] }, expected: 0.1 },
    {
      rule: { yoy_change: [{ var: 'now' }, { var: 'before' }] },
      data: { now: 90, before: 100 },
      expected: -0.1,
    },
    { rule: { yoy_change: [-50, -100] }, expected: 0.5, description: 'A negative base uses its magnitude.' },
  ],
  evaluate(args, op) {
    const current = num(op, args, 0);
    const previous = num(op, args, 1);
    if (previous === 0) badArgs(op, { en: 'previous must not be 0', zh: '上年同期值不能为 0' });
    return plain((current - previous) / Math.abs(previous));
  },
});

/** `yoy_score [current, previous, targetRate, fullScore=100, direction='higher']`. */
export const yoyScore: OperatorDefinition = scoringOperator('yoy_score', {
  description: {
    en:
      'Year-over-year improvement score. Arguments: [current, previous, targetRate, fullScore = 100, ' +
      'direction = "higher"]. improvement = (current − previous) / |previous| for "higher", its negative for ' +
      '"lower". Result = fullScore × clamp(improvement / targetRate, 0, 1): full points at the target rate ' +
      '(e.g. 0.1 = 10% better), 0 for no improvement or worse. previous ≠ 0, targetRate > 0.',
    zh:
      '同比改善计分。参数：[本期值, 上年同期值, 目标改善率, 满分 = 100, 方向 = "higher"]。改善率 = (本期值 − 上年同期值) / |上年同期值|' +
      '（"lower" 时取相反数）。得分 = 满分 × clamp(改善率 / 目标改善率, 0, 1)：达到目标改善率（如 0.1 即改善 10%）得满分，未改善或变差得 0。' +
      '上年同期值不能为 0，目标改善率须大于 0。',
  },
  argsSchema: argsOf(
    [
      numberArg('current', 'This period.'),
      numberArg('previous', 'Same period last year, ≠ 0.'),
      numberArg('targetRate', 'Improvement rate earning full points, > 0.', { exclusiveMinimum: 0 }),
    ],
    [numberArg('fullScore', 'Points at the target rate. Default 100.'), directionArg()],
  ),
  examples: [
    { rule: { yoy_score: [105, 100, 0.1] }, expected: 50, tolerance: 1e-9 },
    { rule: { yoy_score: [120, 100, 0.1] }, expected: 100, description: 'Beyond the target rate.' },
    {
      rule: { yoy_score: [90, 100, 0.2, 10, 'lower'] },
      expected: 5,
      tolerance: 1e-9,
      description: 'Lower is better.',
    },
    { rule: { yoy_score: [95, 100, 0.1] }, expected: 0, description: 'Worse than last year.' },
  ],
  evaluate(args, op) {
    const current = num(op, args, 0);
    const previous = num(op, args, 1);
    const targetRate = positive(op, args, 2);
    const full = optNum(op, args, 3, 100);
    const direction = optDirection(op, args, 4);
    if (previous === 0) badArgs(op, { en: 'previous must not be 0', zh: '上年同期值不能为 0' });
    const change = (current - previous) / Math.abs(previous);
    const improvement = direction === 'higher' ? change : -change;
    return plain(full * clamp(improvement / targetRate, 0, 1));
  },
});

/** The relative group, in catalogue order. */
export const relativeOperators: OperatorDefinition[] = [relativeToMean, relativeToBest, yoyChange, yoyScore];
