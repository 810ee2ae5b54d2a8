/** @module Deductions from a full score: per unit of shortfall and per incident, never below a floor. */
import type { OperatorDefinition } from '../../logic/operator.ts';
import {
  argsOf,
  badArg,
  badArgs,
  nonNegative,
  nullableNumberArg,
  num,
  numberArg,
  optLimit,
  optNum,
  plain,
  scoringOperator,
} from './args.ts';

/** Removes binary noise (e.g. 90 − 89.8 = 0.20000000000000284) before counting whole units. */
function denoise(value: number): number {
  return Number(value.toPrecision(12));
}

/** `shortfall_deduction [actual, target, pointsPerUnit, fullScore=100, floor=0, unit=null]`. */
export const shortfallDeduction: OperatorDefinition = scoringOperator('shortfall_deduction', {
  description: {
    en:
      'Deduct per unit short of a target. Arguments: [actual, target, pointsPerUnit, fullScore = 100, ' +
      'floor = 0, unit = null]. shortfall = max(0, target − actual). With unit null the deduction is prorated: ' +
      'shortfall × pointsPerUnit. With unit > 0 every started unit counts whole ("less than one unit counts as ' +
      'one"): ceil(shortfall / unit) × pointsPerUnit. Result = max(floor, fullScore − deduction).',
    zh:
      '按差距扣分。参数：[实际值, 目标值, 每单位扣分, 满分 = 100, 保底分 = 0, 计扣单位 = null]。差距 = max(0, 目标值 − 实际值)。' +
      '计扣单位为 null 时按比例扣：差距 × 每单位扣分；计扣单位 > 0 时不足一个单位按一个单位计：ceil(差距 / 单位) × 每单位扣分。' +
      '得分 = max(保底分, 满分 − 扣分)。',
  },
  argsSchema: argsOf(
    [
      numberArg('actual', 'Achieved value.'),
      numberArg('target', 'Target value.'),
      numberArg('pointsPerUnit', 'Points deducted per unit of shortfall, ≥ 0.', { minimum: 0 }),
    ],
    [
      numberArg('fullScore', 'Score with no shortfall. Default 100.'),
      numberArg('floor', 'Lowest score. Default 0.'),
      nullableNumberArg('unit', 'Size of one counted unit (e.g. 1 percentage point); null = prorated.', {
        exclusiveMinimum: 0,
      }),
    ],
  ),
  examples: [
    {
      rule: { shortfall_deduction: [{ var: 'rate' }, 95, 2] },
      data: { rate: 92 },
      expected: 94,
      description: '3 points short, 2 points each.',
    },
    {
      rule: { shortfall_deduction: [92.5, 95, 2, 100, 0, 1] },
      expected: 94,
      description: '2.5 points short counts as 3 whole units.',
    },
    { rule: { shortfall_deduction: [50, 95, 2, 10] }, expected: 0, description: 'Not below the floor.' },
    { rule: { shortfall_deduction: [98, 95, 2, 10] }, expected: 10, description: 'No shortfall.' },
  ],
  evaluate(args, op) {
    const actual = num(op, args, 0);
    const target = num(op, args, 1);
    const perUnit = nonNegative(op, args, 2);
    const full = optNum(op, args, 3, 100);
    const floor = optNum(op, args, 4, 0);
    const unit = optLimit(op, args, 5);
    if (unit !== null && unit <= 0)
      badArg(op, 5, { en: 'a number greater than 0 or null', zh: '大于 0 的数值或 null' }, unit);
    if (floor > full) badArgs(op, { en: 'floor is above fullScore', zh: '保底分高于满分' }, { floor, full });
    const shortfall = Math.max(0, target - actual);
    const units = unit === null ? shortfall : Math.ceil(denoise(shortfall / unit));
    return plain(Math.max(floor, full - units * perUnit));
  },
});

/** `incident_deduction [incidents, pointsEach, fullScore=100, floor=0]`. */
export const incidentDeduction: OperatorDefinition = scoringOperator('incident_deduction', {
  description: {
    en:
      'Deduct per incident. Arguments: [incidents, pointsEach, fullScore = 100, floor = 0]. incidents is a ' +
      'count ≥ 0 or an array whose length is the count. Result = max(floor, fullScore − incidents × pointsEach).',
    zh:
      '按次扣分。参数：[次数, 每次扣分, 满分 = 100, 保底分 = 0]。次数为不小于 0 的数，或以数组长度计。' +
      '得分 = max(保底分, 满分 − 次数 × 每次扣分)。',
  },
  argsSchema: argsOf(
    [
      {
        title: 'incidents',
        description: 'Number of incidents, or a list of them.',
        type: ['number', 'array'],
        minimum: 0,
      },
      numberArg('pointsEach', 'Points deducted per incident, ≥ 0.', { minimum: 0 }),
    ],
    [
      numberArg('fullScore', 'Score with no incident. Default 100.'),
      numberArg('floor', 'Lowest score. Default 0.'),
    ],
  ),
  examples: [
    {
      rule: { incident_deduction: [{ var: 'complaints' }, 2, 10] },
      data: { complaints: 3 },
      expected: 4,
    },
    {
      rule: { incident_deduction: [{ var: 'cases' }, 0.5, 5] },
      data: { cases: ['A-1', 'A-2', 'A-3'] },
      expected: 3.5,
      description: 'A list counts by its length.',
    },
    { rule: { incident_deduction: [8, 2, 10] }, expected: 0, description: 'Not below the default floor 0.' },
    { rule: { incident_deduction: [8, 2, 10, 2] }, expected: 2, description: 'An explicit floor.' },
  ],
  evaluate(args, op) {
    const count = Array.isArray(args[0]) ? args[0].length : nonNegative(op, args, 0);
    const each = nonNegative(op, args, 1);
    const full = optNum(op, args, 2, 100);
    const floor = optNum(op, args, 3, 0);
    if (floor > full) badArgs(op, { en: 'floor is above fullScore', zh: '保底分高于满分' }, { floor, full });
    return plain(Math.max(floor, full - count * each));
  },
});

/** The deduction group, in catalogue order. */
export const deductionOperators: OperatorDefinition[] = [shortfallDeduction, incidentDeduction];
