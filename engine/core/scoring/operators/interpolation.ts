/** @module Linear scoring between two anchors: baseline→target, efficacy coefficient, goal/red flag, within range. */
import type { OperatorDefinition } from '../../logic/operator.ts';
import {
  argsOf,
  badArgs,
  choiceArg,
  clamp,
  nullableNumberArg,
  num,
  numberArg,
  optChoice,
  optLimit,
  optNum,
  plain,
  positive,
  scoringOperator,
} from './args.ts';

const DIRECTIONS = ['auto', 'higher', 'lower'] as const;

/** `interpolate_target [actual, baseline, target, fullScore=100, direction='auto']`. */
export const interpolateTarget: OperatorDefinition = scoringOperator('interpolate_target', {
  description: {
    en:
      'Linear interpolation from a baseline (0 points) to a target (full points), clamped. Arguments: ' +
      '[actual, baseline, target, fullScore = 100, direction = "auto"]. Result = fullScore × ' +
      'clamp((actual − baseline) / (target − baseline), 0, 1). direction "auto" reads it from target vs baseline ' +
      '("higher" if target > baseline, "lower" if below); an explicit "higher"/"lower" must agree with them. ' +
      'If baseline = target an explicit direction is required and the score is a step: full points when the ' +
      'target is met, 0 otherwise.',
    zh:
      '从基准值（0 分）到目标值（满分）的线性插值，超出两端按端点计。参数：[实际值, 基准值, 目标值, 满分 = 100, 方向 = "auto"]。' +
      '得分 = 满分 × clamp((实际值 − 基准值) / (目标值 − 基准值), 0, 1)。方向 "auto" 由目标值与基准值的大小关系判断；' +
      '显式指定 "higher"/"lower" 时须与之一致。基准值等于目标值时必须显式指定方向，得分为阶跃：达到目标得满分，否则 0 分。',
  },
  argsSchema: argsOf(
    [
      numberArg('actual', 'Achieved value.'),
      numberArg('baseline', 'Value worth 0 points (e.g. last year).'),
      numberArg('target', 'Value worth full points.'),
    ],
    [
      nullableNumberArg('fullScore', 'Points at the target. Default 100.'),
      choiceArg('direction', '"higher", "lower" or "auto" (default).', DIRECTIONS),
    ],
  ),
  examples: [
    {
      rule: { interpolate_target: [{ var: 'rate' }, 80, 90] },
      data: { rate: 85 },
      expected: 50,
      description: 'Halfway from baseline 80 to target 90.',
    },
    {
      rule: { interpolate_target: [12, 20, 10, 10] },
      expected: 8,
      description: 'Lower is better: from 20 down to 10, 12 is 80% of the way.',
    },
    {
      rule: { interpolate_target: [95, 80, 90] },
      expected: 100,
      description: 'Beyond the target is clamped.',
    },
    {
      rule: { interpolate_target: [89.9, 90, 90, 100, 'higher'] },
      expected: 0,
      description: 'baseline = target is a step.',
    },
  ],
  evaluate(args, op) {
    const actual = num(op, args, 0);
    const baseline = num(op, args, 1);
    const target = num(op, args, 2);
    const full = optNum(op, args, 3, 100);
    const direction = optChoice(op, args, 4, DIRECTIONS, 'auto');
    if (baseline === target) {
      if (direction === 'auto') {
        badArgs(op, {
          en: 'baseline equals target, so a direction ("higher" or "lower") is required',
          zh: '基准值等于目标值，须指定方向（"higher" 或 "lower"）',
        });
      }
      const met = direction === 'higher' ? actual >= target : actual <= target;
      return met ? full : 0;
    }
    if ((direction === 'higher' && target < baseline) || (direction === 'lower' && target > baseline)) {
      badArgs(
        op,
        {
          en: `direction "${direction}" contradicts baseline ${baseline} and target ${target}`,
          zh: `方向 "${direction}" 与基准值 ${baseline}、目标值 ${target} 矛盾`,
        },
        { baseline, target, direction },
      );
    }
    return plain(full * clamp((actual - baseline) / (target - baseline), 0, 1));
  },
});

/** `efficacy [actual, satisfactory, disallowed, floor=0, ceiling=100]`: 功效系数 60 + 40·(a−xs)/(xh−xs). */
export const efficacy: OperatorDefinition = scoringOperator('efficacy', {
  description: {
    en:
      'Efficacy coefficient score (功效系数法). Arguments: [actual, satisfactory, disallowed, floor = 0, ' +
      'ceiling = 100]. Result = clamp(60 + 40 × (actual − disallowed) / (satisfactory − disallowed), floor, ' +
      'ceiling). The satisfactory value earns 100 and the disallowed value 60; values between the two anchors ' +
      'are NOT clamped to them, so an actual a little below the disallowed value scores a little below 60 ' +
      '(5.81 with satisfactory 12 and disallowed 6 gives 58.7333…). Only the final score is clamped, by default ' +
      'into [0, 100]; pass null as floor or ceiling for no bound. Lower-is-better works by giving a satisfactory ' +
      'value below the disallowed one. The result is not rounded: wrap it in round_half_up.',
    zh:
      '功效系数法得分。参数：[实际值, 满意值, 不允许值, 下限 = 0, 上限 = 100]。' +
      '得分 = clamp(60 + 40 × (实际值 − 不允许值) / (满意值 − 不允许值), 下限, 上限)。满意值得 100 分，不允许值得 60 分；' +
      '实际值不会被截断到两值之间，略低于不允许值时得分略低于 60（实际 5.81、满意 12、不允许 6 得 58.7333…）。' +
      '只对最终得分截断，默认 [0, 100]，下限或上限传 null 表示不截断。满意值小于不允许值即为越低越好。结果不取整，可外套 round_half_up。',
  },
  argsSchema: argsOf(
    [
      numberArg('actual', 'Achieved value.'),
      numberArg('satisfactory', 'Satisfactory value xh (earns 100).'),
      numberArg('disallowed', 'Disallowed value xs (earns 60); must differ from satisfactory.'),
    ],
    [
      nullableNumberArg('floor', 'Lowest score returned. Default 0; null for none.'),
      nullableNumberArg('ceiling', 'Highest score returned. Default 100; null for none.'),
    ],
  ),
  examples: [
    {
      rule: { efficacy: [{ var: 'a' }, 12, 6] },
      data: { a: 5.81 },
      expected: 58.733333333333334,
      tolerance: 1e-9,
      description: 'Slightly below the disallowed value: 60 − 40 × 0.19 / 6.',
    },
    {
      rule: { round_half_up: [{ efficacy: [5.81, 12, 6] }, 2] },
      expected: 58.73,
      description: 'Rounded for the report.',
    },
    { rule: { efficacy: [15, 12, 6] }, expected: 100, description: 'Above satisfactory is clamped to 100.' },
    {
      rule: { efficacy: [3, 2, 6, null, null] },
      expected: 90,
      description: 'Lower is better (satisfactory 2 < disallowed 6), unbounded.',
    },
  ],
  evaluate(args, op) {
    const actual = num(op, args, 0);
    const satisfactory = num(op, args, 1);
    const disallowed = num(op, args, 2);
    const floor = args.length > 3 ? optLimit(op, args, 3) : 0;
    const ceiling = args.length > 4 ? optLimit(op, args, 4) : 100;
    if (satisfactory === disallowed) {
      badArgs(op, { en: 'satisfactory and disallowed values must differ', zh: '满意值与不允许值不能相等' });
    }
    if (floor !== null && ceiling !== null && floor > ceiling) {
      badArgs(op, { en: 'floor is above ceiling', zh: '下限高于上限' }, { floor, ceiling });
    }
    const raw = 60 + (40 * (actual - disallowed)) / (satisfactory - disallowed);
    return plain(clamp(raw, floor ?? Number.NEGATIVE_INFINITY, ceiling ?? Number.POSITIVE_INFINITY));
  },
});

/** `goal_red_flag [actual, goal, redFlag, scale=10]`: 0 at the red flag, scale at the goal, linear between. */
export const goalRedFlag: OperatorDefinition = scoringOperator('goal_red_flag', {
  description: {
    en:
      'Goal / red-flag scale. Arguments: [actual, goal, redFlag, scale = 10]. Result = scale × ' +
      'clamp((actual − redFlag) / (goal − redFlag), 0, 1): 0 at or beyond the red flag, scale at or beyond the ' +
      'goal, linear between. A goal below the red flag means lower is better. goal must differ from redFlag.',
    zh:
      '目标值 / 红线值量表。参数：[实际值, 目标值, 红线值, 量程 = 10]。得分 = 量程 × clamp((实际值 − 红线值) / (目标值 − 红线值), 0, 1)：' +
      '达到或劣于红线得 0，达到或优于目标得满量程，其间线性。目标值低于红线值表示越低越好；两者不能相等。',
  },
  argsSchema: argsOf(
    [
      numberArg('actual', 'Achieved value.'),
      numberArg('goal', 'Value earning the full scale.'),
      numberArg('redFlag', 'Value earning 0; must differ from goal.'),
    ],
    [numberArg('scale', 'Points at the goal. Default 10.')],
  ),
  examples: [
    { rule: { goal_red_flag: [60, 100, 80] }, expected: 0, description: 'Worse than the red flag.' },
    {
      rule: { goal_red_flag: [{ var: 'a' }, 100, 80] },
      data: { a: 90 },
      expected: 5,
      description: 'Halfway.',
    },
    { rule: { goal_red_flag: [120, 100, 80] }, expected: 10, description: 'Beyond the goal.' },
    { rule: { goal_red_flag: [15, 10, 20, 100] }, expected: 50, description: 'Lower is better.' },
  ],
  evaluate(args, op) {
    const actual = num(op, args, 0);
    const goal = num(op, args, 1);
    const redFlag = num(op, args, 2);
    const scale = optNum(op, args, 3, 10);
    if (goal === redFlag) badArgs(op, { en: 'goal and red flag must differ', zh: '目标值与红线值不能相等' });
    return plain(scale * clamp((actual - redFlag) / (goal - redFlag), 0, 1));
  },
});

/** `within_range [value, lo, hi, tolerance, fullScore=100]`: full inside [lo, hi], linear fall-off outside. */
export const withinRange: OperatorDefinition = scoringOperator('within_range', {
  description: {
    en:
      'Target range. Arguments: [value, lo, hi, tolerance, fullScore = 100]. Full points when lo ≤ value ≤ hi ' +
      '(both bounds inclusive). Outside, with d the distance to the nearer bound, result = fullScore × ' +
      'max(0, 1 − d / tolerance): 0 once the value is tolerance or more outside. lo ≤ hi, tolerance > 0.',
    zh:
      '区间达标。参数：[值, 下界, 上界, 容差, 满分 = 100]。下界 ≤ 值 ≤ 上界（两端均含）得满分；区间外以 d 表示到最近边界的距离，' +
      '得分 = 满分 × max(0, 1 − d / 容差)，超出容差及以上得 0。要求下界 ≤ 上界，容差 > 0。',
  },
  argsSchema: argsOf(
    [
      numberArg('value', 'Measured value.'),
      numberArg('lo', 'Lower bound of the full-score range, inclusive.'),
      numberArg('hi', 'Upper bound of the full-score range, inclusive.'),
      numberArg('tolerance', 'Distance outside the range at which the score reaches 0; > 0.', {
        exclusiveMinimum: 0,
      }),
    ],
    [numberArg('fullScore', 'Points inside the range. Default 100.')],
  ),
  examples: [
    { rule: { within_range: [{ var: 'ph' }, 6.5, 8.5, 1] }, data: { ph: 7 }, expected: 100 },
    { rule: { within_range: [9, 6.5, 8.5, 1] }, expected: 50, description: 'Half the tolerance above.' },
    { rule: { within_range: [4, 6.5, 8.5, 1, 10] }, expected: 0, description: 'Beyond the tolerance.' },
    { rule: { within_range: [6, 6.5, 8.5, 2, 10] }, expected: 7.5 },
  ],
  evaluate(args, op) {
    const value = num(op, args, 0);
    const lo = num(op, args, 1);
    const hi = num(op, args, 2);
    const tolerance = positive(op, args, 3);
    const full = optNum(op, args, 4, 100);
    if (lo > hi) badArgs(op, { en: `lo ${lo} is above hi ${hi}`, zh: `下界 ${lo} 高于上界 ${hi}` });
    const distance = value < lo ? lo - value : value > hi ? value - hi : 0;
    return plain(full * Math.max(0, 1 - distance / tolerance));
  },
});

/** The interpolation group, in catalogue order. */
export const interpolationOperators: OperatorDefinition[] = [
  interpolateTarget,
  efficacy,
  goalRedFlag,
  withinRange,
];
