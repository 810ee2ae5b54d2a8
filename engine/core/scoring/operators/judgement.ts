/** @module Judgement operators: veto (一票否决), yes/no answers and grade→score maps. */
import type { OperatorDefinition } from '../../logic/operator.ts';
import type { Schema } from './args.ts';
import {
  argsOf,
  badArg,
  num,
  NUMBER_RESULT,
  numberArg,
  optNum,
  record,
  scoringOperator,
  truthy,
} from './args.ts';

const CONDITIONS_ARG: Schema = {
  title: 'conditions',
  description:
    'Veto conditions: a list of values, an object {reason: value}, or a single value; truthy = veto.',
  type: ['array', 'object', 'boolean', 'number', 'string', 'null'],
};

/** Names of the veto conditions that hold: object keys, or list positions as strings. */
function vetoReasons(conditions: unknown): string[] {
  if (Array.isArray(conditions)) {
    return conditions.flatMap((value, index) => (truthy(value) ? [String(index)] : []));
  }
  if (typeof conditions === 'object' && conditions !== null) {
    return Object.entries(conditions).flatMap(([key, value]) => (truthy(value) ? [key] : []));
  }
  return truthy(conditions) ? ['0'] : [];
}

/** Arguments of `veto` and `veto_flags`: [score, conditions, vetoScore = 0]. */
function vetoArgs(): Schema {
  return argsOf(
    [numberArg('score', 'Score before the veto.'), CONDITIONS_ARG],
    [numberArg('vetoScore', 'Score when vetoed. Default 0.')],
  );
}

/** Reads the veto arguments: the score after the veto (vetoScore when any condition holds), whether it was vetoed, and why. */
function readVeto(
  op: string,
  args: readonly unknown[],
): { score: number; vetoed: boolean; reasons: string[] } {
  const score = num(op, args, 0);
  const vetoScore = optNum(op, args, 2, 0);
  const reasons = vetoReasons(args[1]);
  const vetoed = reasons.length > 0;
  return { score: vetoed ? vetoScore : score, vetoed, reasons };
}

/** `veto [score, conditions, vetoScore=0]`: vetoScore when any condition holds, else score. */
export const veto: OperatorDefinition = {
  name: 'veto',
  category: 'scoring',
  description: {
    en:
      'Veto (一票否决). Arguments: [score, conditions, vetoScore = 0]. conditions is a list of values, an ' +
      'object {reason: value} or a single value; truthiness follows JSON Logic (empty list is false). If any ' +
      'condition holds the result is vetoScore, otherwise score. Use veto_flags to also get the reasons.',
    zh:
      '一票否决。参数：[得分, 否决条件, 否决后得分 = 0]。否决条件为值列表、{原因: 值} 对象或单个值，真假按 JSON Logic 规则（空数组为假）。' +
      '任一条件成立则返回否决后得分，否则返回原得分。需要原因时用 veto_flags。',
  },
  argsSchema: vetoArgs(),
  resultSchema: NUMBER_RESULT,
  examples: [
    {
      rule: { veto: [{ var: 'score' }, [{ var: 'majorAccident' }, false]] },
      data: { score: 88, majorAccident: true },
      expected: 0,
    },
    { rule: { veto: [88, [false, 0, []]] }, expected: 88, description: 'No condition holds.' },
    {
      rule: { veto: [88, { var: 'flags' }, 30] },
      data: { flags: { fraud: false, dataFalsified: true } },
      expected: 30,
      description: 'Object conditions and a veto score.',
    },
  ],
  evaluate(args) {
    return readVeto('veto', args).score;
  },
};

/** `veto_flags [score, conditions, vetoScore=0]`: `{score, vetoed, reasons}`. */
export const vetoFlags: OperatorDefinition = {
  name: 'veto_flags',
  category: 'scoring',
  description: {
    en:
      'Veto with a flagged result. Arguments as veto: [score, conditions, vetoScore = 0]. Returns ' +
      '{score, vetoed, reasons}: score is vetoScore when vetoed, reasons lists the keys (object conditions) or ' +
      'positions as strings "0", "1", … (list conditions) of the conditions that hold.',
    zh:
      '带标记的一票否决。参数同 veto：[得分, 否决条件, 否决后得分 = 0]。返回 {score, vetoed, reasons}：被否决时 score 为否决后得分；' +
      'reasons 列出成立条件的键名（对象条件）或位置字符串 "0"、"1"…（列表条件）。',
  },
  argsSchema: vetoArgs(),
  resultSchema: {
    type: 'object',
    properties: {
      score: { type: 'number' },
      vetoed: { type: 'boolean' },
      reasons: { type: 'array', items: { type: 'string' } },
    },
    required: ['score', 'vetoed', 'reasons'],
  },
  examples: [
    {
      rule: { veto_flags: [92, { var: 'flags' }] },
      data: { flags: { fraud: false, majorAccident: true } },
      expected: { score: 0, vetoed: true, reasons: ['majorAccident'] },
    },
    {
      rule: { veto_flags: [92, [false, false]] },
      expected: { score: 92, vetoed: false, reasons: [] },
    },
    {
      rule: { veto_flags: [92, [false, true, 1], 50] },
      expected: { score: 50, vetoed: true, reasons: ['1', '2'] },
    },
  ],
  evaluate(args) {
    return readVeto('veto_flags', args);
  },
};

const YES = new Set(['yes', 'y', 'true', '是', '有', '已完成', '1']);
const NO = new Set(['no', 'n', 'false', '否', '无', '未完成', '0', '']);

/** `yes_no [answer, yesPoints=100, noPoints=0]`. */
export const yesNo: OperatorDefinition = scoringOperator('yes_no', {
  description: {
    en:
      'Yes/no scoring. Arguments: [answer, yesPoints = 100, noPoints = 0]. answer may be a boolean, a number ' +
      '(non-zero = yes), null (unanswered = no) or a string: yes/y/true/1/是/有/已完成 = yes, ' +
      'no/n/false/0/否/无/未完成/empty = no (case-insensitive, trimmed). Any other string is an error, so a ' +
      'typo never counts as yes.',
    zh:
      '是否类计分。参数：[回答, 是得分 = 100, 否得分 = 0]。回答可为布尔值、数值（非 0 为是）、null（未填报视为否）或字符串：' +
      'yes/y/true/1/是/有/已完成 为是，no/n/false/0/否/无/未完成/空串 为否（不区分大小写，去首尾空白）。其他字符串报错，避免笔误被当作“是”。',
  },
  argsSchema: argsOf(
    [{ title: 'answer', description: 'The answer.', type: ['boolean', 'number', 'string', 'null'] }],
    [
      numberArg('yesPoints', 'Points for yes. Default 100.'),
      numberArg('noPoints', 'Points for no. Default 0.'),
    ],
  ),
  examples: [
    { rule: { yes_no: ['是', 5] }, expected: 5 },
    { rule: { yes_no: ['否', 5] }, expected: 0 },
    { rule: { yes_no: [{ var: 'hasPlan' }, 10, -5] }, data: { hasPlan: false }, expected: -5 },
    { rule: { yes_no: [{ var: 'missing' }, 5] }, data: {}, expected: 0, description: 'Unanswered is no.' },
  ],
  evaluate(args, op) {
    const answer = args[0];
    const yesPoints = optNum(op, args, 1, 100);
    const noPoints = optNum(op, args, 2, 0);
    if (answer === null || answer === undefined) return noPoints;
    if (typeof answer === 'boolean') return answer ? yesPoints : noPoints;
    if (typeof answer === 'number' && !Number.isNaN(answer)) return answer !== 0 ? yesPoints : noPoints;
    if (typeof answer === 'string') {
      const key = answer.trim().toLowerCase();
      if (YES.has(key)) return yesPoints;
      if (NO.has(key)) return noPoints;
    }
    return badArg(
      op,
      0,
      {
        en: 'a yes/no answer (boolean, number or 是/否, yes/no)',
        zh: '是否类回答（布尔、数值或 是/否、yes/no）',
      },
      answer,
    );
  },
});

/** `grade_score [grade, table, fallback?]`: the points the table gives the grade. */
export const gradeScore: OperatorDefinition = scoringOperator('grade_score', {
  description: {
    en:
      'Grade → score map. Arguments: [grade, table, fallback?]. table maps grades to points, e.g. ' +
      '{"A": 100, "B": 85, "C": 70}. grade is a string (trimmed, case-sensitive) or a number (looked up as text). ' +
      'An unknown grade gives fallback when one is passed, otherwise it is an error.',
    zh:
      '等级折算分值。参数：[等级, 折算表, 缺省分?]。折算表把等级映射为分值，如 {"A": 100, "B": 85, "C": 70}。等级为字符串（去首尾空白，区分大小写）' +
      '或数值（按文本查找）。等级不在表中时，若给出缺省分则返回之，否则报错。',
  },
  argsSchema: argsOf(
    [
      { title: 'grade', description: 'The grade.', type: ['string', 'number'] },
      {
        title: 'table',
        description: 'Grade → points.',
        type: 'object',
        additionalProperties: { type: 'number' },
      },
    ],
    [numberArg('fallback', 'Points for a grade not in the table; without it an unknown grade is an error.')],
  ),
  examples: [
    {
      rule: { grade_score: [{ var: 'grade' }, { var: 'table' }] },
      data: { grade: 'B', table: { A: 100, B: 85, C: 70 } },
      expected: 85,
    },
    {
      rule: { grade_score: [' A ', { var: 'table' }] },
      data: { table: { A: 100, B: 85, C: 70 } },
      expected: 100,
      description: 'Surrounding spaces are ignored.',
    },
    {
      rule: { grade_score: ['D', { var: 'table' }, 0] },
      data: { table: { A: 100, B: 85, C: 70 } },
      expected: 0,
      description: 'Unknown grade with a fallback.',
    },
  ],
  evaluate(args, op) {
    const raw = args[0];
    if (typeof raw !== 'string' && !(typeof raw === 'number' && Number.isFinite(raw))) {
      return badArg(op, 0, { en: 'a grade (string or number)', zh: '等级（字符串或数值）' }, raw);
    }
    const table = record(op, args, 1);
    const grade = String(raw).trim();
    const points = Object.hasOwn(table, grade) ? table[grade] : undefined;
    if (points !== undefined) {
      if (typeof points !== 'number' || !Number.isFinite(points)) {
        return badArg(op, 1, { en: 'an object of grade → number', zh: '等级 → 数值的对象' }, table);
      }
      return points;
    }
    if (args.length > 2) return num(op, args, 2);
    return badArg(
      op,
      0,
      {
        en: `one of the grades ${Object.keys(table).join(', ')}`,
        zh: `等级 ${Object.keys(table).join('、')} 之一`,
      },
      raw,
    );
  },
});

/** The judgement group, in catalogue order. */
export const judgementOperators: OperatorDefinition[] = [veto, vetoFlags, yesNo, gradeScore];
