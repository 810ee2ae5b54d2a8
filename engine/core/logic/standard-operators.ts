/** @module The standard JSON Logic operators, described in the same shape as every other operator. */
import { RuleError } from '../errors.ts';
import type { EvalContext, OperatorDefinition } from './operator.ts';
import { cat, isIn, merge, substr, toFloat, truthy } from './runtime.ts';

const anyArgs = { type: 'array' } as const;
const numberResult = { type: 'number' } as const;
const booleanResult = { type: 'boolean' } as const;
const unbounded = { maxArrayLength: Number.MAX_SAFE_INTEGER, maxSteps: Number.MAX_SAFE_INTEGER };

function compilerOnly(name: string): (args: unknown[], ctx: EvalContext) => unknown {
  return () => {
    throw new RuleError('logic.compiler_only', {
      en: `Operator ${name} needs the rule around it and is evaluated by the compiler only`,
      zh: `运算符 ${name} 依赖规则上下文，只能由编译器求值`,
    });
  };
}

/** Schemas of a standard operator's arguments and result; by default any arguments and no declared result. */
type StdSchemas = { argsSchema?: Record<string, unknown>; resultSchema?: Record<string, unknown> };

/** What every standard operator states: name, description in English and Chinese, examples, evaluation. */
type StdHead = [
  name: string,
  en: string,
  zh: string,
  examples: OperatorDefinition['examples'],
  evaluate: OperatorDefinition['evaluate'],
];

function std(
  ...[name, en, zh, examples, evaluate, schemas = {}]: [...StdHead, StdSchemas?]
): OperatorDefinition {
  return Object.freeze({
    name,
    category: 'standard',
    description: { en, zh },
    argsSchema: schemas.argsSchema ?? anyArgs,
    ...(schemas.resultSchema ? { resultSchema: schemas.resultSchema } : {}),
    examples,
    evaluate,
  });
}

const numericArgs = { type: 'array', items: { type: ['number', 'string', 'null'] } };
const loopArgs = { type: 'array', prefixItems: [{ type: 'array' }, {}], minItems: 2 };

/** A builder of standard operators that share their schemas: `std` with `schemas` fixed. */
function withSchemas(schemas: StdSchemas): (...head: StdHead) => OperatorDefinition {
  return (...head) => std(...head, schemas);
}

/** A standard operator with a boolean result (comparisons, negation). */
const predicate = withSchemas({ resultSchema: booleanResult });
/** A standard arithmetic operator: numeric-ish arguments, a number result. */
const numeric = withSchemas({ argsSchema: numericArgs, resultSchema: numberResult });

/** `if` and `?:` on evaluated arguments: the value after the first truthy condition, else the last odd one, else null. */
function ifThenElse(args: unknown[]): unknown {
  let i = 0;
  for (; i < args.length - 1; i += 2) if (truthy(args[i])) return args[i + 1];
  return args.length === i + 1 ? args[i] : null;
}

/** `and` (`stopAt(false)`) and `or` (`stopAt(true)`): the first argument of that truthiness, else the last one. */
function stopAt(truthiness: boolean): (args: unknown[]) => unknown {
  return (args) => {
    let current: unknown;
    for (const a of args) {
      current = a;
      if (truthy(a) === truthiness) return a;
    }
    return current;
  };
}

/** `all`, `some` or `none`: a loop over an array with a boolean result, evaluated by the compiler. */
function quantifier(
  name: string,
  en: string,
  zh: string,
  example: OperatorDefinition['examples'][number],
): OperatorDefinition {
  return std(name, en, zh, [example], compilerOnly(name), {
    argsSchema: loopArgs,
    resultSchema: booleanResult,
  });
}

/**
 * Standard operators. Lazy ones (`if`, `?:`, `and`, `or`, the loops) and data readers (`var`,
 * `missing`, `missing_some`) get a dedicated path in the compiler; their `evaluate` works on
 * already-evaluated arguments where that makes sense and otherwise refuses.
 */
export const STANDARD_OPERATORS: readonly OperatorDefinition[] = Object.freeze([
  std(
    'var',
    'Reads a value from the data by dotted path; second argument is the default.',
    '按点分路径读取数据中的值；第二个参数为默认值。',
    [
      { rule: { var: 'a.b' }, data: { a: { b: 1 } }, expected: 1 },
      { rule: { var: ['x', 0] }, data: {}, expected: 0 },
    ],
    compilerOnly('var'),
    { argsSchema: { type: 'array', prefixItems: [{ type: ['string', 'number', 'null'] }, {}] } },
  ),
  std(
    'missing',
    'Lists the given keys whose value is missing, null or empty.',
    '列出值缺失、为空或为空串的键。',
    [{ rule: { missing: ['a', 'b'] }, data: { a: 1 }, expected: ['b'] }],
    compilerOnly('missing'),
    { resultSchema: { type: 'array' } },
  ),
  std(
    'missing_some',
    'Empty when at least N of the keys are present, else the missing keys.',
    '至少 N 个键存在时返回空数组，否则返回缺失的键。',
    [{ rule: { missing_some: [1, ['a', 'b']] }, data: { b: 2 }, expected: [] }],
    compilerOnly('missing_some'),
    {
      argsSchema: { type: 'array', prefixItems: [{ type: 'number' }, { type: 'array' }] },
      resultSchema: { type: 'array' },
    },
  ),
  std(
    'if',
    'If/then/else-if/.../else; only the chosen branch is evaluated.',
    '条件分支（如果/那么/否则如果/.../否则），只求值选中的分支。',
    [
      { rule: { if: [true, 'yes', 'no'] }, expected: 'yes' },
      {
        rule: { if: [{ '<': [{ var: 't' }, 0] }, 'freezing', { '<': [{ var: 't' }, 100] }, 'liquid', 'gas'] },
        data: { t: 55 },
        expected: 'liquid',
      },
    ],
    ifThenElse,
  ),
  std(
    '?:',
    'Ternary operator, same as if.',
    '三元运算符，同 if。',
    [{ rule: { '?:': [false, 1, 2] }, expected: 2 }],
    ifThenElse,
  ),
  std(
    'and',
    'Returns the first falsy argument, or the last one; stops at the first falsy.',
    '返回第一个假值参数或最后一个参数；遇假值即停止。',
    [{ rule: { and: [true, 'a', 3] }, expected: 3 }],
    stopAt(false),
  ),
  std(
    'or',
    'Returns the first truthy argument, or the last one; stops at the first truthy.',
    '返回第一个真值参数或最后一个参数；遇真值即停止。',
    [{ rule: { or: [false, 0, 'a'] }, expected: 'a' }],
    stopAt(true),
  ),
  predicate(
    '==',
    'Loose equality (JavaScript ==).',
    '宽松相等（JavaScript ==）。',
    [{ rule: { '==': [1, '1'] }, expected: true }],
    // biome-ignore lint/suspicious/noDoubleEquals: JSON Logic defines == and != as JS loose equality
    (a) => a[0] == a[1],
  ),
  predicate(
    '===',
    'Strict equality.',
    '严格相等。',
    [{ rule: { '===': [1, '1'] }, expected: false }],
    (a) => a[0] === a[1],
  ),
  predicate(
    '!=',
    'Loose inequality.',
    '宽松不等。',
    [{ rule: { '!=': [1, 2] }, expected: true }],
    // biome-ignore lint/suspicious/noDoubleEquals: JSON Logic defines == and != as JS loose equality
    (a) => a[0] != a[1],
  ),
  predicate(
    '!==',
    'Strict inequality.',
    '严格不等。',
    [{ rule: { '!==': [1, '1'] }, expected: true }],
    (a) => a[0] !== a[1],
  ),
  predicate(
    '>',
    'Greater than.',
    '大于。',
    [{ rule: { '>': [2, 1] }, expected: true }],
    (a: any[]) => a[0] > a[1],
  ),
  predicate(
    '>=',
    'Greater than or equal.',
    '大于或等于。',
    [{ rule: { '>=': [1, 1] }, expected: true }],
    (a: any[]) => a[0] >= a[1],
  ),
  predicate(
    '<',
    'Less than; with three arguments, strictly between.',
    '小于；三个参数时表示严格介于两者之间。',
    [
      { rule: { '<': [1, 2] }, expected: true },
      { rule: { '<': [1, 2, 3] }, expected: true },
    ],
    (a: any[]) => (a[2] === undefined ? a[0] < a[1] : a[0] < a[1] && a[1] < a[2]),
  ),
  predicate(
    '<=',
    'Less than or equal; with three arguments, between inclusive.',
    '小于或等于；三个参数时表示介于两者之间（含端点）。',
    [{ rule: { '<=': [1, 1, 3] }, expected: true }],
    (a: any[]) => (a[2] === undefined ? a[0] <= a[1] : a[0] <= a[1] && a[1] <= a[2]),
  ),
  predicate(
    '!!',
    'Casts to boolean (JSON Logic truthiness).',
    '转换为布尔值（JSON Logic 真值规则）。',
    [{ rule: { '!!': [[]] }, expected: false }],
    (a) => truthy(a[0]),
  ),
  predicate(
    '!',
    'Logical not (JSON Logic truthiness).',
    '逻辑非（JSON Logic 真值规则）。',
    [{ rule: { '!': [0] }, expected: true }],
    (a) => !truthy(a[0]),
  ),
  numeric('%', 'Remainder.', '取余。', [{ rule: { '%': [101, 2] }, expected: 1 }], (a: any[]) => a[0] % a[1]),
  numeric(
    '+',
    'Sum; each operand goes through parseFloat, so one argument casts to a number.',
    '求和；每个操作数先经 parseFloat，单参数时即转为数字。',
    [
      { rule: { '+': [1, 2, 3] }, expected: 6 },
      { rule: { '+': ['3.14'] }, expected: 3.14 },
    ],
    (a) => {
      let acc = 0;
      for (const x of a) acc = acc + toFloat(x);
      return acc;
    },
  ),
  std(
    '*',
    'Product; operands go through parseFloat.',
    '乘积；操作数先经 parseFloat。',
    [{ rule: { '*': [2, '3', 4] }, expected: 24 }],
    (a) => {
      if (a.length === 0) return compilerOnly('*')([], {});
      let acc: unknown = a[0];
      for (let i = 1; i < a.length; i++) acc = toFloat(acc) * toFloat(a[i]);
      return acc;
    },
    { argsSchema: { ...numericArgs, minItems: 1 }, resultSchema: numberResult },
  ),
  numeric(
    '-',
    'Difference; with one argument, negation.',
    '差；单参数时取负。',
    [
      { rule: { '-': [4, 2] }, expected: 2 },
      { rule: { '-': [2] }, expected: -2 },
    ],
    (a: any[]) => (a[1] === undefined ? -a[0] : a[0] - a[1]),
  ),
  numeric('/', 'Quotient.', '商。', [{ rule: { '/': [4, 2] }, expected: 2 }], (a: any[]) => a[0] / a[1]),
  numeric('min', 'Smallest argument.', '最小值。', [{ rule: { min: [1, 2, 3] }, expected: 1 }], (a: any[]) =>
    Math.min(...a),
  ),
  numeric('max', 'Largest argument.', '最大值。', [{ rule: { max: [1, 2, 3] }, expected: 3 }], (a: any[]) =>
    Math.max(...a),
  ),
  predicate(
    'in',
    'Substring of a string, or member of an array.',
    '是否为字符串的子串或数组的成员。',
    [
      { rule: { in: ['Spring', 'Springfield'] }, expected: true },
      { rule: { in: ['b', ['a', 'b']] }, expected: true },
    ],
    (a) => isIn(a[0], a[1]),
  ),
  std(
    'cat',
    'Concatenates as strings.',
    '按字符串拼接。',
    [{ rule: { cat: ['I love', ' pie'] }, expected: 'I love pie' }],
    (a) => cat(a),
    { resultSchema: { type: 'string' } },
  ),
  std(
    'substr',
    'Substring from a start index with an optional length (negative length trims from the end).',
    '从起始位置截取子串，可选长度（负长度表示从末尾去掉）。',
    [{ rule: { substr: ['jsonlogic', 4, -2] }, expected: 'log' }],
    (a) => substr(a[0], a[1], a[2]),
    {
      argsSchema: { type: 'array', prefixItems: [{}, { type: 'number' }, { type: 'number' }] },
      resultSchema: { type: 'string' },
    },
  ),
  std(
    'merge',
    'Flattens arguments one level into one array.',
    '将参数展开一层合并为一个数组。',
    [{ rule: { merge: [[1, 2], 3, [4]] }, expected: [1, 2, 3, 4] }],
    (a) => merge(a, unbounded),
    { resultSchema: { type: 'array' } },
  ),
  std(
    'map',
    'Applies the second argument to every item of the array in the first.',
    '对第一个参数数组的每个元素应用第二个参数。',
    [{ rule: { map: [[1, 2], { '*': [{ var: '' }, 2] }] }, expected: [2, 4] }],
    compilerOnly('map'),
    { argsSchema: loopArgs, resultSchema: { type: 'array' } },
  ),
  std(
    'filter',
    'Keeps the items for which the second argument is truthy.',
    '保留使第二个参数为真的元素。',
    [{ rule: { filter: [[1, 2, 3], { '%': [{ var: '' }, 2] }] }, expected: [1, 3] }],
    compilerOnly('filter'),
    { argsSchema: loopArgs, resultSchema: { type: 'array' } },
  ),
  std(
    'reduce',
    'Folds the array with the second argument over {current, accumulator}, starting from the third.',
    '以第二个参数（可读 current 与 accumulator）从第三个参数开始折叠数组。',
    [
      {
        rule: { reduce: [[1, 2, 3], { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] },
        expected: 6,
      },
    ],
    compilerOnly('reduce'),
    { argsSchema: loopArgs },
  ),
  quantifier(
    'all',
    'True when the array is non-empty and every item passes.',
    '数组非空且每个元素都满足条件时为真。',
    { rule: { all: [[1, 2], { '>': [{ var: '' }, 0] }] }, expected: true },
  ),
  quantifier('some', 'True when at least one item passes.', '至少一个元素满足条件时为真。', {
    rule: { some: [[1, 2], { '>': [{ var: '' }, 1] }] },
    expected: true,
  }),
  quantifier('none', 'True when no item passes.', '没有元素满足条件时为真。', {
    rule: { none: [[1, 2], { '>': [{ var: '' }, 5] }] },
    expected: true,
  }),
]);

/** Standard definitions by name; the compiler inlines an operator only if the registry holds exactly this one. */
export const STANDARD_BY_NAME: ReadonlyMap<string, OperatorDefinition> = new Map(
  STANDARD_OPERATORS.map((def) => [def.name, def]),
);

/** True when `def` is the built-in standard definition of its name (not a replacement). */
export function isStandard(def: OperatorDefinition | undefined): boolean {
  return def !== undefined && STANDARD_BY_NAME.get(def.name) === def;
}
