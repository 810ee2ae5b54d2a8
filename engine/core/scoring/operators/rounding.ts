/** @module Decimal-safe rounding to N decimals: half up, half even, half down, floor, ceil, truncate. */
import type { OperatorDefinition } from '../../logic/operator.ts';
import { argsOf, choiceArg, num, NUMBER_RESULT, numberArg, optChoice, optInt } from './args.ts';

/** Rounding modes. `half_up` rounds ties away from zero (四舍五入), as government reports expect. */
export const ROUNDING_MODES = ['half_up', 'half_even', 'half_down', 'floor', 'ceil', 'truncate'] as const;
/** One rounding mode. */
export type RoundingMode = (typeof ROUNDING_MODES)[number];

/** Significant digits a number is read with before rounding; absorbs binary noise of earlier arithmetic. */
export const SIGNIFICANT_DIGITS = 15;

/**
 * Rounds `value` to `decimals` places (negative rounds to tens, hundreds…) in decimal arithmetic.
 * The number is first read as its 15-significant-digit decimal (as spreadsheets show it), so 2.675 is
 * 2.675 — not 2.67499999999999982236431605997495353221893310546875 — and 1.005 × 1000 noise disappears.
 */
export function roundDecimal(value: number, decimals: number, mode: RoundingMode): number {
  if (!Number.isFinite(value) || value === 0) return value === 0 ? 0 : value;
  const negative = value < 0;
  const [mantissa = '0', exponentText = '0'] = Math.abs(value).toPrecision(SIGNIFICANT_DIGITS).split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  // |value| = digits × 10^exponent exactly, in decimal.
  const digits = BigInt(whole + fraction);
  const exponent = Number(exponentText) - fraction.length;
  const shift = exponent + decimals;
  if (shift >= 0) return value;
  const divisor = 10n ** BigInt(-shift);
  let quotient = digits / divisor;
  const remainder = digits % divisor;
  if (remainder !== 0n) {
    const twice = remainder * 2n;
    const away = negative ? mode === 'floor' : mode === 'ceil';
    let up: boolean;
    switch (mode) {
      case 'half_up':
        up = twice >= divisor;
        break;
      case 'half_down':
        up = twice > divisor;
        break;
      case 'half_even':
        up = twice > divisor || (twice === divisor && quotient % 2n === 1n);
        break;
      case 'floor':
      case 'ceil':
        up = away;
        break;
      default:
        up = false;
    }
    if (up) quotient += 1n;
  }
  const result = Number(`${negative ? '-' : ''}${quotient}e${-decimals}`);
  return result === 0 ? 0 : result;
}

const VALUE_ARG = numberArg('value', 'Number to round.');
const DECIMALS_ARG = numberArg(
  'decimals',
  'Decimal places, integer −10…15 (negative: tens, hundreds…). Default 0.',
  {
    type: ['integer', 'null'],
    minimum: -10,
    maximum: 15,
  },
);

function readDecimals(op: string, args: readonly unknown[]): number {
  return optInt(op, args, 1, { fallback: 0, min: -10, max: 15 });
}

const DECIMAL_SAFE_EN =
  'Decimal-safe: the number is read as its 15-significant-digit decimal, so 2.675 rounds as 2.675, not as ' +
  'its binary approximation 2.67499999….';
const DECIMAL_SAFE_ZH =
  '按十进制计算：先按 15 位有效数字读取数值，因此 2.675 按 2.675 处理，而不是其二进制近似值 2.67499999…。';

/** `round_to [value, decimals=0, mode='half_up']`. */
export const roundTo: OperatorDefinition = {
  name: 'round_to',
  category: 'rounding',
  description: {
    en:
      'Rounds to N decimals with a named mode. Arguments: [value, decimals = 0, mode = "half_up"]. Modes: ' +
      'half_up (ties away from zero, 四舍五入), half_even (ties to even, banker’s), half_down (ties toward ' +
      `zero), floor (toward −∞), ceil (toward +∞), truncate (toward zero). ${DECIMAL_SAFE_EN}`,
    zh:
      '按指定方式保留 N 位小数。参数：[数值, 小数位 = 0, 方式 = 四舍五入]。方式：四舍五入（half_up，逢五远离零）、银行家舍入（half_even，逢五取偶）、' +
      `五舍六入（half_down，逢五向零）、向下取（floor）、向上取（ceil）、截断（truncate）。${DECIMAL_SAFE_ZH}`,
  },
  argsSchema: argsOf(
    [VALUE_ARG],
    [DECIMALS_ARG, choiceArg('mode', 'Rounding mode. Default "half_up".', ROUNDING_MODES)],
  ),
  resultSchema: NUMBER_RESULT,
  examples: [
    { rule: { round_to: [2.675, 2] }, expected: 2.68, description: 'Half up by default, decimal-safe.' },
    { rule: { round_to: [2.665, 2, 'half_even'] }, expected: 2.66 },
    { rule: { round_to: [-1.234, 1, 'floor'] }, expected: -1.3 },
    { rule: { round_to: [1234.5, -2] }, expected: 1200, description: 'Negative decimals round to hundreds.' },
  ],
  evaluate(args) {
    const op = 'round_to';
    return roundDecimal(
      num(op, args, 0),
      readDecimals(op, args),
      optChoice(op, args, 2, ROUNDING_MODES, 'half_up'),
    );
  },
};

function fixedMode(
  name: string,
  mode: RoundingMode,
  text: { en: string; zh: string },
  examples: OperatorDefinition['examples'],
): OperatorDefinition {
  return {
    name,
    category: 'rounding',
    description: {
      en: `${text.en} Arguments: [value, decimals = 0]. ${DECIMAL_SAFE_EN}`,
      zh: `${text.zh}参数：[数值, 小数位 = 0]。${DECIMAL_SAFE_ZH}`,
    },
    argsSchema: argsOf([VALUE_ARG], [DECIMALS_ARG]),
    resultSchema: NUMBER_RESULT,
    examples,
    evaluate(args) {
      return roundDecimal(num(name, args, 0), readDecimals(name, args), mode);
    },
  };
}

/** `round_half_up [value, decimals=0]`: ties away from zero. */
export const roundHalfUp = fixedMode(
  'round_half_up',
  'half_up',
  { en: 'Rounds half up (ties away from zero, 四舍五入).', zh: '四舍五入（逢五远离零）。' },
  [
    {
      rule: { round_half_up: [2.675, 2] },
      expected: 2.68,
      description: 'Not 2.67 as binary floats would give.',
    },
    { rule: { round_half_up: [{ var: 'score' }, 2] }, data: { score: 58.733333333333334 }, expected: 58.73 },
    { rule: { round_half_up: [-2.5] }, expected: -3, description: 'Ties go away from zero.' },
    { rule: { round_half_up: [1.005, 2] }, expected: 1.01 },
  ],
);

/** `round_half_even [value, decimals=0]`: ties to the even neighbour. */
export const roundHalfEven = fixedMode(
  'round_half_even',
  'half_even',
  { en: 'Rounds half to even (banker’s rounding).', zh: '银行家舍入（逢五取偶）。' },
  [
    { rule: { round_half_even: [2.5] }, expected: 2 },
    { rule: { round_half_even: [3.5] }, expected: 4 },
    { rule: { round_half_even: [2.675, 2] }, expected: 2.68, description: '7 is odd, so the tie goes up.' },
    { rule: { round_half_even: [2.6751, 2] }, expected: 2.68, description: 'Not a tie.' },
  ],
);

/** `round_floor [value, decimals=0]`: toward −∞. */
export const roundFloor = fixedMode(
  'round_floor',
  'floor',
  { en: 'Rounds down toward −∞.', zh: '向下取（趋向负无穷）。' },
  [
    { rule: { round_floor: [2.679, 2] }, expected: 2.67 },
    { rule: { round_floor: [-2.671, 2] }, expected: -2.68 },
    {
      rule: { round_floor: [{ '*': [0.1, 3] }, 1] },
      expected: 0.3,
      description: '0.30000000000000004 is read as 0.3.',
    },
  ],
);

/** `round_ceil [value, decimals=0]`: toward +∞. */
export const roundCeil = fixedMode(
  'round_ceil',
  'ceil',
  { en: 'Rounds up toward +∞.', zh: '向上取（趋向正无穷）。' },
  [
    { rule: { round_ceil: [2.671, 2] }, expected: 2.68 },
    { rule: { round_ceil: [-2.679, 2] }, expected: -2.67 },
    {
      rule: { round_ceil: [{ '*': [0.1, 3] }, 1] },
      expected: 0.3,
      description: 'Binary noise does not push it up.',
    },
  ],
);

/** The rounding group, in catalogue order. */
export const roundingOperators: OperatorDefinition[] = [
  roundTo,
  roundHalfUp,
  roundHalfEven,
  roundFloor,
  roundCeil,
];
