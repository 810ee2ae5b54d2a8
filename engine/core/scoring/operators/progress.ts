/** @module Time-proportional expected progress of an annual target, by elapsed fraction or by month. */
import { type LocalizedText, RuleError } from '../../errors.ts';
import type { EvalContext, OperatorDefinition, OperatorExample } from '../../logic/operator.ts';
import type { Schema } from './args.ts';
import { argsOf, badArg, MISSING_CONTEXT, num, numberArg, plain, scoringOperator } from './args.ts';
import { isoDayNumber } from './dates.ts';

/** The `ctx.asOf` date as [year, month, day number], or a `scoring.missing_context` error. */
function asOf(op: string, index: number, ctx: EvalContext): { year: number; month: number; day: number } {
  const text = ctx?.asOf;
  const day = typeof text === 'string' ? isoDayNumber(text) : null;
  if (text === undefined || text === null) {
    throw new RuleError(
      MISSING_CONTEXT,
      {
        en: `${op}: argument ${index + 1} is missing and the evaluation context has no asOf date to fall back on`,
        zh: `${op}：缺少第 ${index + 1} 个参数，且求值上下文中没有可替代的 asOf 日期`,
      },
      { path: `/${op}`, details: { operator: op, missing: 'asOf' } },
    );
  }
  if (day === null || typeof text !== 'string') {
    throw new RuleError(
      MISSING_CONTEXT,
      {
        en: `${op}: ctx.asOf is not an ISO date: ${String(text)}`,
        zh: `${op}：ctx.asOf 不是 ISO 日期：${String(text)}`,
      },
      { path: `/${op}`, details: { operator: op, asOf: text } },
    );
  }
  return { year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)), day };
}

/** The `ctx.asOf` date, as `asOf` reads it. */
type Today = ReturnType<typeof asOf>;

/** How a progress operator reads the part of the year gone and turns it into the expected amount. */
interface PartOfYear {
  /** Schema of argument 2 (title, description, bounds). */
  arg: [title: string, description: string, bounds: Schema];
  /** The part from argument 2 when it is given (neither undefined nor null). */
  read: (op: string, args: readonly unknown[]) => number;
  /** The part when argument 2 is absent or null. */
  fromAsOf: (today: Today) => number;
  /** The expected amount of `target` for that part. */
  expected: (target: number, part: number) => number;
}

/** A progress operator `[annualTarget, part?]`: the part of the year gone comes from argument 2 or ctx.asOf. */
function progressOperator(
  name: string,
  description: LocalizedText,
  part: PartOfYear,
  examples: OperatorExample[],
): OperatorDefinition {
  return scoringOperator(name, {
    description,
    argsSchema: argsOf(
      [numberArg('annualTarget', 'Target for the whole year.')],
      [numberArg(part.arg[0], part.arg[1], part.arg[2])],
    ),
    examples,
    evaluate(args, op, ctx) {
      const target = num(op, args, 0);
      const given = args[1] !== undefined && args[1] !== null;
      const gone = given ? part.read(op, args) : part.fromAsOf(asOf(op, 1, ctx));
      return plain(part.expected(target, gone));
    },
  });
}

/** `expected_progress [annualTarget, elapsed?]`: annualTarget × elapsed fraction of the year. */
export const expectedProgress: OperatorDefinition = progressOperator(
  'expected_progress',
  {
    en:
      'Time-proportional expected progress. Arguments: [annualTarget, elapsed?]. Result = annualTarget × ' +
      'elapsed, elapsed being the fraction of the period gone, 0–1. When elapsed is absent or null the ' +
      'fraction of the calendar year up to and including ctx.asOf is used (day of year / days in the year); ' +
      'without asOf it fails with scoring.missing_context.',
    zh:
      '按时间进度的应完成量。参数：[年度目标, 时间进度?]。结果 = 年度目标 × 时间进度（0–1 的已过比例）。时间进度缺省或为 null 时，' +
      '用 ctx.asOf 当日（含）在自然年中的比例（年内第几天 / 全年天数）；上下文也没有 asOf 时报 scoring.missing_context。',
  },
  {
    arg: [
      'elapsed',
      'Fraction of the period gone, 0–1; null = from ctx.asOf.',
      { type: ['number', 'null'], minimum: 0, maximum: 1 },
    ],
    read: (op, args) => {
      const fraction = num(op, args, 1);
      if (fraction < 0 || fraction > 1)
        badArg(op, 1, { en: 'a fraction from 0 to 1', zh: '0 到 1 之间的比例' }, fraction);
      return fraction;
    },
    fromAsOf: (today) => {
      const jan1 = isoDayNumber(`${today.year}-01-01`) ?? today.day;
      const next = isoDayNumber(`${today.year + 1}-01-01`) ?? jan1 + 365;
      return (today.day - jan1 + 1) / (next - jan1);
    },
    expected: (target, fraction) => target * fraction,
  },
  [
    { rule: { expected_progress: [1200, 0.25] }, expected: 300 },
    {
      rule: { expected_progress: [{ var: 'target' }, 1] },
      data: { target: 80 },
      expected: 80,
      description: 'Year end.',
    },
    { rule: { expected_progress: [1200, 0] }, expected: 0, description: 'Start of the period.' },
  ],
);

/** `expected_by_month [annualTarget, month?]`: annualTarget × month / 12. */
export const expectedByMonth: OperatorDefinition = progressOperator(
  'expected_by_month',
  {
    en:
      'Expected cumulative progress at the end of a month. Arguments: [annualTarget, month?]. Result = ' +
      'annualTarget × month / 12, month an integer 1–12. When month is absent or null the month of ctx.asOf ' +
      'is used; without asOf it fails with scoring.missing_context.',
    zh:
      '按月的累计应完成量。参数：[年度目标, 月份?]。结果 = 年度目标 × 月份 / 12，月份为 1–12 的整数。月份缺省或为 null 时用 ctx.asOf 所在月份；' +
      '上下文也没有 asOf 时报 scoring.missing_context。',
  },
  {
    arg: [
      'month',
      'Month 1–12; null = month of ctx.asOf.',
      { type: ['integer', 'null'], minimum: 1, maximum: 12 },
    ],
    read: (op, args) => {
      const value = args[1];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 12) {
        return badArg(op, 1, { en: 'a month number 1–12', zh: '1–12 的月份' }, value);
      }
      return value;
    },
    fromAsOf: (today) => today.month,
    expected: (target, month) => (target * month) / 12,
  },
  [
    { rule: { expected_by_month: [1200, 3] }, expected: 300 },
    {
      rule: { expected_by_month: [{ var: 'target' }, { var: 'month' }] },
      data: { target: 100, month: 6 },
      expected: 50,
    },
    { rule: { expected_by_month: [100, 12] }, expected: 100, description: 'December: the whole target.' },
  ],
);

/** The progress group, in catalogue order. */
export const progressOperators: OperatorDefinition[] = [expectedProgress, expectedByMonth];
