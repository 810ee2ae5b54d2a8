/** @module Piecewise lookup: explicit [from, to, points] bands and step thresholds. */
import type { OperatorDefinition } from '../../logic/operator.ts';
import {
  argsOf,
  arr,
  badArg,
  choiceArg,
  directionArg,
  num,
  numberArg,
  optChoice,
  optDirection,
  optNum,
  scoringOperator,
} from './args.ts';

/** One band after validation; null bounds are open-ended. */
interface Band {
  from: number | null;
  to: number | null;
  points: number;
}

const BAND_SHAPE = {
  en: 'an array of bands, each [from, to, points] or {from, to, points} (from/to a number or null, from ≤ to)',
  zh: '分档数组，每档为 [下限, 上限, 分值] 或 {from, to, points}（上下限为数值或 null，下限 ≤ 上限）',
};

function bound(value: unknown): number | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return undefined;
}

function readBands(op: string, args: readonly unknown[], index: number): Band[] {
  const list = arr(op, args, index);
  return list.map((item) => {
    let raw: [unknown, unknown, unknown] | undefined;
    if (Array.isArray(item) && item.length === 3) raw = [item[0], item[1], item[2]];
    else if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
      const o = item as Record<string, unknown>;
      raw = [o.from, o.to, o.points];
    }
    const from = raw ? bound(raw[0]) : undefined;
    const to = raw ? bound(raw[1]) : undefined;
    const points = raw?.[2];
    if (
      from === undefined ||
      to === undefined ||
      typeof points !== 'number' ||
      !Number.isFinite(points) ||
      (from !== null && to !== null && from > to)
    ) {
      return badArg(op, index, BAND_SHAPE, item);
    }
    return { from, to, points };
  });
}

const CLOSED = ['left', 'right'] as const;

/** The band table of the `bands` examples: 10 points from 90, 6 from 80, 3 from 60. */
const RATE_BANDS = [
  [90, null, 10],
  [80, 90, 6],
  [60, 80, 3],
];

/** `bands [value, bands, fallback=0, closed='left']`: points of the first band containing the value. */
export const bands: OperatorDefinition = scoringOperator('bands', {
  description: {
    en:
      'Piecewise lookup. Arguments: [value, bands, fallback = 0, closed = "left"]. bands is a list of ' +
      '[from, to, points] (or {from, to, points}); from/to null means unbounded. With closed "left" (default) a ' +
      'band holds from ≤ value < to; with "right", from < value ≤ to; an unbounded side always holds. ' +
      'The first band in list order that holds gives the points (so overlaps resolve by order); if none ' +
      'holds, the result is fallback.',
    zh:
      '分档查表。参数：[值, 分档, 缺省分 = 0, 闭合端 = "left"]。分档为 [下限, 上限, 分值]（或 {from, to, points}）的列表，' +
      '上下限为 null 表示不设限。闭合端 "left"（默认）时一档包含 下限 ≤ 值 < 上限；"right" 时包含 下限 < 值 ≤ 上限。' +
      '按列表顺序取第一个命中档的分值（重叠时以顺序为准）；均未命中时返回缺省分。',
  },
  argsSchema: argsOf(
    [
      numberArg('value', 'Value to look up.'),
      {
        title: 'bands',
        description: 'List of [from, to, points] or {from, to, points}; null bound = unbounded.',
        type: 'array',
        items: {
          oneOf: [
            {
              type: 'array',
              prefixItems: [{ type: ['number', 'null'] }, { type: ['number', 'null'] }, { type: 'number' }],
              minItems: 3,
              maxItems: 3,
            },
            {
              type: 'object',
              properties: {
                from: { type: ['number', 'null'] },
                to: { type: ['number', 'null'] },
                points: { type: 'number' },
              },
              required: ['points'],
            },
          ],
        },
      },
    ],
    [
      numberArg('fallback', 'Points when no band holds. Default 0.'),
      choiceArg('closed', '"left" (default): [from, to); "right": (from, to].', CLOSED),
    ],
  ),
  examples: [
    {
      rule: {
        bands: [{ var: 'rate' }, RATE_BANDS],
      },
      data: { rate: 90 },
      expected: 10,
      description: 'from is inclusive: 90 falls in [90, ∞).',
    },
    {
      rule: {
        bands: [89.99, RATE_BANDS],
      },
      expected: 6,
      description: 'to is exclusive.',
    },
    {
      rule: {
        bands: [50, RATE_BANDS, -1],
      },
      expected: -1,
      description: 'No band holds: the fallback.',
    },
    {
      rule: {
        bands: [
          80,
          [
            [null, 80, 0],
            [80, 100, 5],
          ],
          0,
          'right',
        ],
      },
      expected: 0,
      description: 'closed "right": 80 belongs to (−∞, 80].',
    },
  ],
  evaluate(args, op) {
    const value = num(op, args, 0);
    const list = readBands(op, args, 1);
    const fallback = optNum(op, args, 2, 0);
    const closed = optChoice(op, args, 3, CLOSED, 'left');
    for (const band of list) {
      const aboveFrom = band.from === null || (closed === 'left' ? value >= band.from : value > band.from);
      const belowTo = band.to === null || (closed === 'left' ? value < band.to : value <= band.to);
      if (aboveFrom && belowTo) return band.points;
    }
    return fallback;
  },
});

/** The thresholds of the `threshold_points` examples: 10 points at 95, 8 at 90, 5 at 80. */
const RATE_THRESHOLDS = [
  [95, 10],
  [90, 8],
  [80, 5],
];

/** `threshold_points [value, thresholds, fallback=0, direction='higher']`: step function over thresholds. */
export const thresholdPoints: OperatorDefinition = scoringOperator('threshold_points', {
  description: {
    en:
      'Step thresholds. Arguments: [value, thresholds, fallback = 0, direction = "higher"]. thresholds is a ' +
      'list of [threshold, points] in any order. direction "higher": the points of the largest threshold ≤ value ' +
      '(reaching a threshold counts). direction "lower": the points of the smallest threshold ≥ value. If no ' +
      'threshold is reached, the result is fallback.',
    zh:
      '阶梯门槛。参数：[值, 门槛表, 缺省分 = 0, 方向 = "higher"]。门槛表为 [门槛, 分值] 列表，顺序不限。方向 "higher"：' +
      '取不大于该值的最大门槛的分值（达到门槛即算）；方向 "lower"：取不小于该值的最小门槛的分值。未达任何门槛时返回缺省分。',
  },
  argsSchema: argsOf(
    [
      numberArg('value', 'Value to look up.'),
      {
        title: 'thresholds',
        description: 'List of [threshold, points].',
        type: 'array',
        items: {
          type: 'array',
          prefixItems: [{ type: 'number' }, { type: 'number' }],
          minItems: 2,
          maxItems: 2,
        },
      },
    ],
    [numberArg('fallback', 'Points when no threshold is reached. Default 0.'), directionArg()],
  ),
  examples: [
    {
      rule: {
        threshold_points: [{ var: 'rate' }, RATE_THRESHOLDS],
      },
      data: { rate: 92 },
      expected: 8,
    },
    {
      rule: {
        threshold_points: [
          95,
          [
            [80, 5],
            [95, 10],
            [90, 8],
          ],
        ],
      },
      expected: 10,
      description: 'Inclusive.',
    },
    {
      rule: {
        threshold_points: [70, RATE_THRESHOLDS],
      },
      expected: 0,
      description: 'Below all.',
    },
    {
      rule: {
        threshold_points: [
          1,
          [
            [0, 10],
            [2, 6],
            [5, 2],
          ],
          0,
          'lower',
        ],
      },
      expected: 6,
      description: 'Lower is better: at most 2 complaints earn 6.',
    },
  ],
  evaluate(args, op) {
    const value = num(op, args, 0);
    const list = arr(op, args, 1);
    const fallback = optNum(op, args, 2, 0);
    const direction = optDirection(op, args, 3);
    let best: { threshold: number; points: number } | null = null;
    for (const item of list) {
      const [threshold, points] = Array.isArray(item) ? item : [];
      if (
        !Array.isArray(item) ||
        item.length !== 2 ||
        typeof threshold !== 'number' ||
        !Number.isFinite(threshold) ||
        typeof points !== 'number' ||
        !Number.isFinite(points)
      ) {
        return badArg(
          op,
          1,
          { en: 'a list of [threshold, points] pairs', zh: '[门槛, 分值] 对的列表' },
          item,
        );
      }
      const reached = direction === 'higher' ? threshold <= value : threshold >= value;
      const closer =
        best === null || (direction === 'higher' ? threshold > best.threshold : threshold < best.threshold);
      if (reached && closer) best = { threshold, points };
    }
    return best === null ? fallback : best.points;
  },
});

/** The bands group, in catalogue order. */
export const bandOperators: OperatorDefinition[] = [bands, thresholdPoints];
