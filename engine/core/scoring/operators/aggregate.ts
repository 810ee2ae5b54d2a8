/** @module Aggregates: weighted sum / average / geometric mean and arr_* helpers over arrays or object fields. */
import type { LocalizedText } from '../../errors.ts';
import type { OperatorDefinition, OperatorExample } from '../../logic/operator.ts';
import type { Schema } from './args.ts';
import {
  argsOf,
  arr,
  badArg,
  badArgs,
  NUMBER_RESULT,
  numbers,
  numbersArg,
  plain,
  scoringOperator,
} from './args.ts';

/** Reads values and weights of equal length; weights default to equal (1 each) when absent. */
function valuesAndWeights(
  op: string,
  args: readonly unknown[],
  weightsOptional: boolean,
): [number[], number[]] {
  const values = numbers(op, args, 0);
  if (weightsOptional && (args[1] === undefined || args[1] === null)) return [values, values.map(() => 1)];
  const weights = numbers(op, args, 1);
  if (weights.length !== values.length) {
    badArgs(
      op,
      {
        en: `values (${values.length}) and weights (${weights.length}) differ in length`,
        zh: `数值（${values.length} 个）与权重（${weights.length} 个）数量不一致`,
      },
      { values: values.length, weights: weights.length },
    );
  }
  return [values, weights];
}

function checkWeights(op: string, weights: readonly number[]): number {
  if (weights.some((w) => w < 0))
    badArg(op, 1, { en: 'weights of 0 or more', zh: '不小于 0 的权重' }, weights);
  const total = weights.reduce((s, w) => s + w, 0);
  if (total <= 0) badArg(op, 1, { en: 'weights with a positive total', zh: '总和大于 0 的权重' }, weights);
  return total;
}

/** `weighted_sum [values, weights]`: Σ valueᵢ × weightᵢ (weights are not normalised). */
export const weightedSum: OperatorDefinition = {
  name: 'weighted_sum',
  category: 'scoring',
  description: {
    en:
      'Weighted sum. Arguments: [values, weights], two arrays of the same length. Result = Σ valueᵢ × weightᵢ. ' +
      'Weights are used as given (not normalised): 0.4/0.6 weights give a weighted average, 40/60 a points total.',
    zh: '加权求和。参数：[数值数组, 权重数组]，两数组等长。结果 = Σ 数值ᵢ × 权重ᵢ。权重按原样使用（不归一化）：权重 0.4/0.6 即加权平均，40/60 即分值合计。',
  },
  argsSchema: argsOf([numbersArg('values', 'Values.'), numbersArg('weights', 'Weights, same length.')]),
  resultSchema: NUMBER_RESULT,
  examples: [
    {
      rule: {
        weighted_sum: [
          [80, 90],
          [0.4, 0.6],
        ],
      },
      expected: 86,
      tolerance: 1e-9,
    },
    {
      rule: {
        weighted_sum: [
          [{ var: 'a' }, { var: 'b' }, 1],
          [0.5, 0.3, 20],
        ],
      },
      data: { a: 0.9, b: 0.5 },
      expected: 20.6,
      tolerance: 1e-9,
    },
    {
      rule: {
        weighted_sum: [
          [80, 90],
          [0, 0],
        ],
      },
      expected: 0,
      description: 'Zero weights are allowed.',
    },
  ],
  evaluate(args) {
    const [values, weights] = valuesAndWeights('weighted_sum', args, false);
    return plain(values.reduce((s, v, i) => s + v * (weights[i] ?? 0), 0));
  },
};

/** `weighted_avg [values, weights]`: Σ valueᵢ × weightᵢ / Σ weightᵢ. */
export const weightedAvg: OperatorDefinition = scoringOperator('weighted_avg', {
  description: {
    en:
      'Weighted arithmetic mean. Arguments: [values, weights]. Result = Σ valueᵢ × weightᵢ / Σ weightᵢ; ' +
      'weights ≥ 0 with a positive total.',
    zh: '加权算术平均。参数：[数值数组, 权重数组]。结果 = Σ 数值ᵢ × 权重ᵢ / Σ 权重ᵢ；权重不小于 0 且总和大于 0。',
  },
  argsSchema: argsOf([numbersArg('values', 'Values.'), numbersArg('weights', 'Weights ≥ 0, same length.')]),
  examples: [
    {
      rule: {
        weighted_avg: [
          [80, 90],
          [2, 3],
        ],
      },
      expected: 86,
    },
    {
      rule: {
        weighted_avg: [
          [70, 100],
          [1, 0],
        ],
      },
      expected: 70,
      description: 'A zero weight drops a value.',
    },
  ],
  evaluate(args, op) {
    const [values, weights] = valuesAndWeights(op, args, false);
    const total = checkWeights(op, weights);
    return plain(values.reduce((s, v, i) => s + v * (weights[i] ?? 0), 0) / total);
  },
});

/** `weighted_geomean [values, weights?]`: exp(Σ wᵢ ln vᵢ / Σ wᵢ). */
export const weightedGeomean: OperatorDefinition = scoringOperator('weighted_geomean', {
  description: {
    en:
      'Weighted geometric mean. Arguments: [values, weights?]. Result = exp(Σ wᵢ × ln vᵢ / Σ wᵢ) = ' +
      'Π vᵢ^(wᵢ / Σ w). Values must be ≥ 0 (a 0 with positive weight makes the result 0); weights ≥ 0 with a ' +
      'positive total, default all equal. Not rounded: wrap in round_half_up.',
    zh:
      '加权几何平均。参数：[数值数组, 权重数组?]。结果 = exp(Σ wᵢ × ln vᵢ / Σ wᵢ) = Π vᵢ^(wᵢ / Σ w)。数值须不小于 0（权重为正的 0 值使结果为 0）；' +
      '权重不小于 0 且总和大于 0，缺省为等权。结果不取整，可外套 round_half_up。',
  },
  argsSchema: argsOf(
    [numbersArg('values', 'Values ≥ 0.')],
    [{ ...numbersArg('weights', 'Weights ≥ 0, same length; default equal.'), type: ['array', 'null'] }],
  ),
  examples: [
    {
      rule: { weighted_geomean: [[75.368, 96.844, 74.94, 83.404]] },
      expected: 82.18452880979875,
      tolerance: 1e-9,
      description: 'Equal weights.',
    },
    {
      rule: {
        round_half_up: [
          {
            weighted_geomean: [
              [75.368, 96.844, 74.94, 83.404],
              [1, 1, 1, 1],
            ],
          },
          3,
        ],
      },
      expected: 82.185,
      description: 'Rounded to 3 decimals for the report.',
    },
    {
      rule: {
        weighted_geomean: [
          [4, 16],
          [1, 1],
        ],
      },
      expected: 8,
      tolerance: 1e-9,
    },
    { rule: { weighted_geomean: [[0, 50]] }, expected: 0, description: 'A zero value gives 0.' },
  ],
  evaluate(args, op) {
    const [values, weights] = valuesAndWeights(op, args, true);
    if (values.some((v) => v < 0))
      badArg(op, 0, { en: 'values of 0 or more', zh: '不小于 0 的数值' }, values);
    const total = checkWeights(op, weights);
    let logSum = 0;
    for (const [i, v] of values.entries()) {
      const w = weights[i] ?? 0;
      if (w === 0) continue;
      if (v === 0) return 0;
      logSum += w * Math.log(v);
    }
    return plain(Math.exp(logSum / total));
  },
});

/** Reads a dotted path (`a.b.c`) from an item. */
function pick(item: unknown, path: string): unknown {
  let current: unknown = item;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The present values of the array (or of a field of its objects): null/undefined are skipped. */
function present(op: string, args: readonly unknown[]): unknown[] {
  const list = arr(op, args, 0);
  const field = args[1];
  if (field !== undefined && field !== null && (typeof field !== 'string' || field === '')) {
    badArg(op, 1, { en: 'a field name (dotted path) or null', zh: '字段名（点分路径）或 null' }, field);
  }
  const values = typeof field === 'string' ? list.map((item) => pick(item, field)) : list;
  return values.filter((v) => v !== null && v !== undefined);
}

function presentNumbers(op: string, args: readonly unknown[]): number[] {
  return present(op, args).map((v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      return badArg(
        op,
        0,
        { en: 'an array of numbers (nulls are skipped)', zh: '数值数组（null 会被跳过）' },
        v,
      );
    }
    return v;
  });
}

const ARRAY_ARGS: Schema = argsOf(
  [{ title: 'array', description: 'Numbers, or objects when field is given.', type: 'array' }],
  [
    {
      title: 'field',
      description: 'Optional field (dotted path) read from each object.',
      type: ['string', 'null'],
    },
  ],
);

const NULLABLE_NUMBER: Schema = { type: ['number', 'null'] };

/**
 * An operator over [array, field?]: `read` takes the present values (`present`, or `presentNumbers`
 * where they must be numbers) and `reduce` turns them into the result.
 */
function arrayOperator<T>(
  name: string,
  description: LocalizedText,
  resultSchema: Schema,
  examples: OperatorExample[],
  read: (op: string, args: readonly unknown[]) => T[],
  reduce: (values: T[]) => unknown,
): OperatorDefinition {
  return {
    name,
    category: 'array',
    description,
    argsSchema: ARRAY_ARGS,
    resultSchema,
    examples,
    evaluate: (args) => reduce(read(name, args)),
  };
}

/** `arr_sum [array, field?]`: sum of the present numbers; 0 when there are none. */
export const arrSum: OperatorDefinition = arrayOperator(
  'arr_sum',
  {
    en:
      'Sum over an array. Arguments: [array, field?]. With field, reads that (dotted) field of each object. ' +
      'null/missing values are skipped (SQL-like); any other non-number is an error. Empty → 0.',
    zh: '数组求和。参数：[数组, 字段?]。给出字段时读取每个对象的该字段（可点分路径）。null/缺失值跳过（同 SQL）；其他非数值报错。空数组为 0。',
  },
  NUMBER_RESULT,
  [
    { rule: { arr_sum: [[1, 2, 3]] }, expected: 6 },
    {
      rule: { arr_sum: [{ var: 'rows' }, 'amount'] },
      data: { rows: [{ amount: 5 }, { amount: 7.5 }, { amount: null }, {}] },
      expected: 12.5,
    },
    { rule: { arr_sum: [[]] }, expected: 0, description: 'Empty.' },
  ],
  presentNumbers,
  (values) => plain(values.reduce((s, v) => s + v, 0)),
);

/** `arr_avg [array, field?]`: mean of the present numbers; null when there are none. */
export const arrAvg: OperatorDefinition = arrayOperator(
  'arr_avg',
  {
    en:
      'Mean over an array. Arguments: [array, field?]. null/missing values are skipped and not counted. ' +
      'No present value → null.',
    zh: '数组平均。参数：[数组, 字段?]。null/缺失值跳过且不计入个数。没有有效值时为 null。',
  },
  NULLABLE_NUMBER,
  [
    { rule: { arr_avg: [[80, 90, null]] }, expected: 85, description: 'null is skipped.' },
    {
      rule: { arr_avg: [{ var: 'units' }, 'score.total'] },
      data: { units: [{ score: { total: 70 } }, { score: { total: 80 } }] },
      expected: 75,
    },
    { rule: { arr_avg: [[]] }, expected: null, description: 'Empty.' },
  ],
  presentNumbers,
  (values) => (values.length === 0 ? null : plain(values.reduce((s, v) => s + v, 0) / values.length)),
);

/** `arr_min` / `arr_max`: the least / greatest present number (`pick`); null when there are none. */
function arrayExtreme(
  name: string,
  pick: (...values: number[]) => number,
  en: string,
  zh: string,
  examples: OperatorExample[],
): OperatorDefinition {
  return arrayOperator(
    name,
    {
      en: `${en} over an array. Arguments: [array, field?]. null/missing skipped. No present value → null.`,
      zh: `数组${zh}。参数：[数组, 字段?]。null/缺失值跳过。没有有效值时为 null。`,
    },
    NULLABLE_NUMBER,
    examples,
    presentNumbers,
    (values) => (values.length === 0 ? null : pick(...values)),
  );
}

/** `arr_min [array, field?]`: least present number; null when there are none. */
export const arrMin: OperatorDefinition = arrayExtreme('arr_min', Math.min, 'Minimum', '最小值', [
  { rule: { arr_min: [[3, 1, 2]] }, expected: 1 },
  { rule: { arr_min: [{ var: 'rows' }, 'days'] }, data: { rows: [{ days: 4 }, { days: 2 }] }, expected: 2 },
  { rule: { arr_min: [[null]] }, expected: null },
]);

/** `arr_max [array, field?]`: greatest present number; null when there are none. */
export const arrMax: OperatorDefinition = arrayExtreme('arr_max', Math.max, 'Maximum', '最大值', [
  { rule: { arr_max: [[3, 1, 2]] }, expected: 3 },
  {
    rule: { arr_max: [{ var: 'rows' }, 'days'] },
    data: { rows: [{ days: 4 }, { days: -2 }] },
    expected: 4,
  },
  { rule: { arr_max: [[]] }, expected: null },
]);

/** `arr_count [array, field?]`: number of present (non-null) values, like SQL COUNT(column). */
export const arrCount: OperatorDefinition = arrayOperator(
  'arr_count',
  {
    en:
      'Count over an array. Arguments: [array, field?]. Counts the items (or the items’ field values) that ' +
      'are not null/missing, like SQL COUNT(column); values of any type count, including 0 and false.',
    zh: '数组计数。参数：[数组, 字段?]。统计非 null/非缺失的元素（或其字段值），同 SQL COUNT(列)；任何类型的值都计入，包括 0 和 false。',
  },
  { type: 'integer', minimum: 0 },
  [
    { rule: { arr_count: [[1, null, 0, false]] }, expected: 3 },
    {
      rule: { arr_count: [{ var: 'cases' }, 'closedAt'] },
      data: { cases: [{ closedAt: '2025-01-02' }, { closedAt: null }, { id: 3 }] },
      expected: 1,
      description: 'Cases with a closing date.',
    },
    { rule: { arr_count: [[]] }, expected: 0 },
  ],
  present,
  (values) => values.length,
);

/** The aggregate group, in catalogue order. */
export const aggregateOperators: OperatorDefinition[] = [
  weightedSum,
  weightedAvg,
  weightedGeomean,
  arrSum,
  arrAvg,
  arrMin,
  arrMax,
  arrCount,
];
