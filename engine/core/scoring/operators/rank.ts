/** @module Rank operators: competition rank among peers, points by rank table, linear points by rank. */
import type { OperatorDefinition } from '../../logic/operator.ts';
import {
  argsOf,
  badArg,
  directionArg,
  num,
  numberArg,
  numbers,
  numbersArg,
  optDirection,
  optNum,
  plain,
  scoringOperator,
  valueAmongPeersArgs,
} from './args.ts';

function rankNumber(op: string, args: readonly unknown[], index: number, max?: number): number {
  const value = args[index];
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 1 ||
    (max !== undefined && value > max)
  ) {
    return badArg(
      op,
      index,
      max === undefined
        ? { en: 'an integer rank from 1', zh: '从 1 起的整数名次' }
        : { en: `an integer rank from 1 to ${max}`, zh: `1 到 ${max} 之间的整数名次` },
      value,
    );
  }
  return value;
}

/** `rank_of [value, peers, direction='higher']`: 1 + number of peers strictly better. */
export const rankOf: OperatorDefinition = scoringOperator('rank_of', {
  description: {
    en:
      'Competition rank ("1224") of a value among peers. Arguments: [value, peers, direction = "higher"]. ' +
      'Result = 1 + the number of peers strictly better than value (greater for "higher", smaller for ' +
      '"lower"). peers may or may not include the value itself; ties share a rank.',
    zh:
      '名次（并列占位，如 1、2、2、4）。参数：[值, 同组值列表, 方向 = "higher"]。名次 = 1 + 严格优于该值的同组数量' +
      '（"higher" 为更大，"lower" 为更小）。同组列表可含或不含该值本身；相同值名次相同。',
  },
  argsSchema: valueAmongPeersArgs(numberArg('value', 'The value to rank.'), [directionArg()]),
  resultSchema: { type: 'integer', minimum: 1 },
  examples: [
    { rule: { rank_of: [85, [90, 85, 70, 85]] }, expected: 2, description: 'Ties share rank 2.' },
    { rule: { rank_of: [3, [1, 3, 5], 'lower'] }, expected: 2 },
    { rule: { rank_of: [95, [90, 80]] }, expected: 1, description: 'Value not among the peers.' },
  ],
  evaluate(args, op) {
    const value = num(op, args, 0);
    const peers = numbers(op, args, 1);
    const direction = optDirection(op, args, 2);
    const better = peers.filter((p) => (direction === 'higher' ? p > value : p < value)).length;
    return 1 + better;
  },
});

/** `rank_points [rank, table, fallback=0]`: table[rank − 1], or fallback past the table. */
export const rankPoints: OperatorDefinition = scoringOperator('rank_points', {
  description: {
    en:
      'Points by rank from a table. Arguments: [rank, table, fallback = 0]. table lists the points of rank 1, ' +
      '2, 3, …; a rank past the end of the table gives fallback. rank is an integer ≥ 1.',
    zh: '按名次查表计分。参数：[名次, 分值表, 缺省分 = 0]。分值表依次为第 1、2、3… 名的分值；名次超出表长时返回缺省分。名次为不小于 1 的整数。',
  },
  argsSchema: argsOf(
    [
      numberArg('rank', 'Rank, integer ≥ 1.', { type: 'integer', minimum: 1 }),
      numbersArg('table', 'Points for rank 1, 2, 3, ….'),
    ],
    [numberArg('fallback', 'Points past the table. Default 0.')],
  ),
  examples: [
    { rule: { rank_points: [1, [10, 8, 6]] }, expected: 10 },
    { rule: { rank_points: [{ var: 'rank' }, [10, 8, 6]] }, data: { rank: 3 }, expected: 6 },
    { rule: { rank_points: [5, [10, 8, 6]] }, expected: 0, description: 'Past the table.' },
    { rule: { rank_points: [5, [10, 8, 6], 2] }, expected: 2, description: 'Past the table, with fallback.' },
  ],
  evaluate(args, op) {
    const rank = rankNumber(op, args, 0);
    const table = numbers(op, args, 1);
    const fallback = optNum(op, args, 2, 0);
    return table[rank - 1] ?? fallback;
  },
});

/** `rank_linear [rank, n, best=100, worst=60]`: best − (rank − 1) × (best − worst) / (n − 1). */
export const rankLinear: OperatorDefinition = scoringOperator('rank_linear', {
  description: {
    en:
      'Linear points by rank. Arguments: [rank, n, best = 100, worst = 60]. Result = best − (rank − 1) × ' +
      '(best − worst) / (n − 1): rank 1 earns best, rank n earns worst. With n = 1 the only rank earns best. ' +
      'rank is an integer in 1…n.',
    zh:
      '按名次线性计分。参数：[名次, 参评数, 第一名分 = 100, 末名分 = 60]。得分 = 第一名分 − (名次 − 1) × (第一名分 − 末名分) / (参评数 − 1)。' +
      '参评数为 1 时得第一名分。名次为 1 到参评数之间的整数。',
  },
  argsSchema: argsOf(
    [
      numberArg('rank', 'Rank, integer in 1…n.', { type: 'integer', minimum: 1 }),
      numberArg('n', 'Number of ranked units, integer ≥ 1.', { type: 'integer', minimum: 1 }),
    ],
    [
      numberArg('best', 'Points of rank 1. Default 100.'),
      numberArg('worst', 'Points of rank n. Default 60.'),
    ],
  ),
  examples: [
    { rule: { rank_linear: [1, 10] }, expected: 100 },
    { rule: { rank_linear: [10, 10] }, expected: 60 },
    { rule: { rank_linear: [4, 7, 10, 4] }, expected: 7, description: 'One point per place from 10 to 4.' },
    { rule: { rank_linear: [1, 1] }, expected: 100, description: 'A single unit.' },
  ],
  evaluate(args, op) {
    const n = rankNumber(op, args, 1);
    const rank = rankNumber(op, args, 0, n);
    const best = optNum(op, args, 2, 100);
    const worst = optNum(op, args, 3, 60);
    if (n === 1) return best;
    return plain(best - ((rank - 1) * (best - worst)) / (n - 1));
  },
});

/** The rank group, in catalogue order. */
export const rankOperators: OperatorDefinition[] = [rankOf, rankPoints, rankLinear];
