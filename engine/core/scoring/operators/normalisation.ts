/** @module Normalisation of a value among its peers: z-score and min-max. */
import type { OperatorDefinition } from '../../logic/operator.ts';
import {
  badArgs,
  choiceArg,
  directionArg,
  num,
  numberArg,
  numbers,
  optChoice,
  optDirection,
  plain,
  scoringOperator,
  valueAmongPeersArgs,
} from './args.ts';

const SPREADS = ['population', 'sample'] as const;
/** `z_score [value, peers, spread='population']`: (value − mean) / standard deviation. */
export const zScore: OperatorDefinition = scoringOperator('z_score', {
  description: {
    en:
      'Z-score of a value among peers. Arguments: [value, peers, spread = "population"]. Result = ' +
      '(value − mean(peers)) / sd(peers), sd with divisor n ("population") or n − 1 ("sample", needs ≥ 2 ' +
      'peers). When every peer is equal (sd = 0) the result is 0.',
    zh:
      '标准分（Z 分数）。参数：[值, 同组值列表, 口径 = "population"]。结果 = (值 − 同组平均) / 同组标准差；标准差除数为 n（"population"）' +
      '或 n − 1（"sample"，至少 2 个值）。同组值全相等（标准差为 0）时结果为 0。',
  },
  argsSchema: valueAmongPeersArgs(numberArg('value', 'The value.'), [
    choiceArg('spread', '"population" (default) or "sample" standard deviation.', SPREADS),
  ]),
  examples: [
    { rule: { z_score: [90, [70, 80, 90]] }, expected: 1.224744871391589, tolerance: 1e-9 },
    { rule: { z_score: [90, [70, 80, 90], 'sample'] }, expected: 1, tolerance: 1e-9 },
    { rule: { z_score: [80, [80, 80]] }, expected: 0, description: 'No spread.' },
  ],
  evaluate(args, op) {
    const value = num(op, args, 0);
    const peers = numbers(op, args, 1);
    const spread = optChoice(op, args, 2, SPREADS, 'population');
    const divisor = spread === 'population' ? peers.length : peers.length - 1;
    if (divisor < 1) {
      badArgs(op, {
        en: 'a sample standard deviation needs at least 2 peers',
        zh: '样本标准差至少需要 2 个同组值',
      });
    }
    const mean = peers.reduce((s, p) => s + p, 0) / peers.length;
    const variance = peers.reduce((s, p) => s + (p - mean) ** 2, 0) / divisor;
    const sd = Math.sqrt(variance);
    return sd === 0 ? 0 : plain((value - mean) / sd);
  },
});

/** `min_max_norm [value, peers, direction='higher']`: (value − min) / (max − min) in [0, 1]. */
export const minMaxNorm: OperatorDefinition = scoringOperator('min_max_norm', {
  description: {
    en:
      'Min-max normalisation into [0, 1]. Arguments: [value, peers, direction = "higher"]. min and max are taken ' +
      'over peers and value together, so the result is always in [0, 1]. "higher": (value − min) / (max − min); ' +
      '"lower": (max − value) / (max − min). When all are equal the result is 1 (nobody is behind).',
    zh:
      '极差标准化到 [0, 1]。参数：[值, 同组值列表, 方向 = "higher"]。最小、最大值在同组与该值中一起取，因此结果总在 [0, 1]。' +
      '"higher"：(值 − 最小) / (最大 − 最小)；"lower"：(最大 − 值) / (最大 − 最小)。全部相等时为 1（无人落后）。',
  },
  argsSchema: valueAmongPeersArgs(numberArg('value', 'The value.'), [directionArg()]),
  resultSchema: { type: 'number', minimum: 0, maximum: 1 },
  examples: [
    { rule: { min_max_norm: [85, [70, 100]] }, expected: 0.5 },
    { rule: { min_max_norm: [70, [70, 100], 'lower'] }, expected: 1, description: 'Lowest is best.' },
    { rule: { min_max_norm: [5, [5, 5]] }, expected: 1, description: 'All equal.' },
    {
      rule: { min_max_norm: [120, [70, 100]] },
      expected: 1,
      description: 'The value itself extends the range.',
    },
  ],
  evaluate(args, op) {
    const value = num(op, args, 0);
    const peers = numbers(op, args, 1);
    const direction = optDirection(op, args, 2);
    const min = Math.min(value, ...peers);
    const max = Math.max(value, ...peers);
    if (max === min) return 1;
    const share = direction === 'higher' ? (value - min) / (max - min) : (max - value) / (max - min);
    return plain(Math.min(1, Math.max(0, share)));
  },
});

/** The normalisation group, in catalogue order. */
export const normalisationOperators: OperatorDefinition[] = [zScore, minMaxNorm];
