/** @module Pure helpers of the scoring-rule builder: block kinds of rule JSON, operator catalogue entries, variables (case metrics by name), defaults and sample data. */
import type { LocalizedText } from '../../../engine/core/errors.ts';
import type { EvalContext, OperatorDefinition } from '../../../engine/core/rule-language.ts';
import { WEEKDAY_CALENDAR } from '../../../engine/core/scoring/pipeline.ts';
import {
  CASE_METRICS,
  type CaseMetricDefinition,
  type CaseMetricId,
  caseMetricEntrySchema,
  caseMetricOf,
  sampleCaseMetricInputs,
} from '../../../engine/core/routing/metric-catalogue.ts';
import { batonOperators } from '../../../engine/core/scoring/operators/index.ts';
import {
  ARGUMENT_LABELS,
  CHOICE_LABELS,
  operatorLabel,
} from '../../../engine/core/scoring/operators/labels.ts';
import { STANDARD_OPERATORS as STANDARD_DEFINITIONS } from '../../../engine/core/logic/standard-operators.ts';
import { serverNow } from '../../lib/server-clock.ts';

/** How a rule node is edited. */
export type BlockKind = 'const' | 'var' | 'op' | 'list';

/** Standard JSON Logic operators offered next to the Baton catalogue. */
export const STANDARD_OPERATORS = [
  '+',
  '-',
  '*',
  '/',
  '%',
  'min',
  'max',
  'if',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'and',
  'or',
  '!',
] as const;

const catalogue = new Map(batonOperators.map((op) => [op.name, op]));

/** The Baton operator definition of a name, if any. */
export const operatorOf = (name: string): OperatorDefinition | undefined => catalogue.get(name);

const standardCatalogue = new Map(STANDARD_DEFINITIONS.map((op) => [op.name, op]));

/** The description of an operator, Baton or standard, from its definition. */
export const operatorDescription = (name: string): LocalizedText | undefined =>
  (catalogue.get(name) ?? standardCatalogue.get(name))?.description;

/** The catalogue's name of an operator (保留小数 for round_to); the operator itself when unnamed. */
export const operatorName = (name: string): LocalizedText => operatorLabel(name) ?? { zh: name, en: name };

/** The catalogue's name of argument `index` of an operator (实际值, 方式 …), if it has one. */
export const argName = (op: string, index: number): LocalizedText | undefined => {
  const title = argSchema(op, index)?.title;
  return typeof title === 'string' ? ARGUMENT_LABELS[title] : undefined;
};

/** The values an enumerated argument accepts (without `null`), with their catalogue names. */
export const choicesOf = (
  schema: Record<string, unknown> | undefined,
): { value: string; label: LocalizedText }[] =>
  ((schema?.enum as unknown[] | undefined) ?? [])
    .filter((v): v is string => typeof v === 'string')
    .map((value) => ({ value, label: CHOICE_LABELS[value] ?? { zh: value, en: value } }));

/** The Baton catalogue grouped by category, in catalogue order. */
export const catalogueByCategory = (): [string, OperatorDefinition[]][] => {
  const groups = new Map<string, OperatorDefinition[]>();
  for (const op of batonOperators) groups.set(op.category, [...(groups.get(op.category) ?? []), op]);
  return [...groups];
};

/** The kind of a rule node. */
export const kindOf = (node: unknown): BlockKind => {
  if (Array.isArray(node)) return 'list';
  if (node && typeof node === 'object') {
    const keys = Object.keys(node);
    if (keys.length === 1 && keys[0] === 'var') return 'var';
    return 'op';
  }
  return 'const';
};

/** The operator name and argument list of an operation node (a lone argument becomes a list of one). */
export const opParts = (node: unknown): { op: string; args: unknown[] } => {
  const [op = '+', raw] = Object.entries(node as Record<string, unknown>)[0] ?? [];
  return { op, args: Array.isArray(raw) ? raw : raw === undefined ? [] : [raw] };
};

/** Schema of argument `index` of an operator (title, description, type), from its argsSchema. */
export const argSchema = (op: string, index: number): Record<string, unknown> | undefined => {
  const schema = operatorOf(op)?.argsSchema as { prefixItems?: Record<string, unknown>[] } | undefined;
  return schema?.prefixItems?.[index];
};

/** Required / maximum argument counts of a catalogue operator (standard ones: 2..∞). */
export const arity = (op: string): { min: number; max: number } => {
  const schema = operatorOf(op)?.argsSchema as { minItems?: number; maxItems?: number } | undefined;
  if (!schema)
    return op === '!' ? { min: 1, max: 1 } : op === 'if' ? { min: 3, max: 99 } : { min: 2, max: 99 };
  return { min: schema.minItems ?? 0, max: schema.maxItems ?? 99 };
};

/** A placeholder for an argument of a schema: 0 for numbers, [] for arrays, '' for strings. */
export const defaultArg = (schema: Record<string, unknown> | undefined): unknown => {
  if (Array.isArray(schema?.enum) && schema.enum.includes(null)) return null;
  const type = Array.isArray(schema?.type) ? schema.type[0] : schema?.type;
  if (type === 'array') return [];
  if (type === 'string') return '';
  if (type === 'boolean') return true;
  return 0;
};

/** A new operation node with its required arguments, reusing `previous` arguments where present. */
export const newOperation = (op: string, previous: unknown[] = []): Record<string, unknown[]> => {
  const { min } = arity(op);
  const args = Array.from({ length: Math.max(min, Math.min(previous.length, arity(op).max)) }, (_, i) =>
    i < previous.length ? previous[i] : defaultArg(argSchema(op, i)),
  );
  return { [op]: args };
};

/** The node a kind switch produces. */
export const nodeOfKind = (kind: BlockKind): unknown =>
  kind === 'const' ? 0 : kind === 'var' ? { var: 'entry.' } : kind === 'list' ? [] : newOperation('+');

/** Replaces the child at `index` of a list or operation node. */
export const withChild = (node: unknown, index: number, child: unknown): unknown => {
  if (Array.isArray(node)) return node.map((c, i) => (i === index ? child : c));
  const { op, args } = opParts(node);
  return { [op]: args.map((c, i) => (i === index ? child : c)) };
};

/** How a block is edited in the builder: constants by their type, a variable, an operation, a list. */
export type EditKind = 'number' | 'text' | 'bool' | 'var' | 'op' | 'list';

/** The edit kind of a rule node (`null` is an empty number). */
export const editKindOf = (node: unknown): EditKind => {
  const kind = kindOf(node);
  if (kind !== 'const') return kind;
  if (typeof node === 'string') return 'text';
  if (typeof node === 'boolean') return 'bool';
  return 'number';
};

/** The node a switch to an edit kind produces. */
export const nodeOfEditKind = (kind: EditKind, firstVariable = 'entry.'): unknown =>
  kind === 'number'
    ? 0
    : kind === 'text'
      ? ''
      : kind === 'bool'
        ? true
        : kind === 'var'
          ? { var: firstVariable }
          : kind === 'list'
            ? []
            : newOperation('+');

/** A form field a rule may read, with its title. */
export interface FieldVariable {
  path: string;
  label: LocalizedText;
  type?: string;
}

/** The fields of a form schema as `entry.<key>` variables named by their titles (nested objects too). */
export const fieldVariablesOf = (formSchema: unknown): FieldVariable[] => {
  const out: FieldVariable[] = [];
  const walk = (schema: unknown, prefix: string, names: LocalizedText | undefined): void => {
    const props = (schema as { properties?: Record<string, SchemaLike> } | undefined)?.properties ?? {};
    for (const [key, sub] of Object.entries(props)) {
      const zh = typeof sub.title === 'string' ? sub.title : key;
      const en = typeof sub['x-title-en'] === 'string' ? (sub['x-title-en'] as string) : zh;
      const label = names ? { zh: `${names.zh} · ${zh}`, en: `${names.en} · ${en}` } : { zh, en };
      const type = typeOfSchema(sub);
      out.push({ path: `${prefix}${key}`, label, ...(type ? { type } : {}) });
      if (type === 'object') walk(sub, `${prefix}${key}.`, label);
    }
  };
  walk(formSchema, 'entry.', undefined);
  return out;
};

/**
 * A first rule for an indicator that has none: the completion ratio of the form's first numeric field
 * against the target, rounded to two decimals (half up).
 */
export const starterRule = (formSchema: unknown): unknown => {
  const numeric = fieldVariablesOf(formSchema).find((f) => f.type === 'number' || f.type === 'integer');
  return {
    round_to: [
      { completion_ratio: [{ var: numeric?.path ?? 'entry.value' }, { var: 'target' }] },
      2,
      'half_up',
    ],
  };
};

/** Variable paths a rule of a form may read: the form fields under `entry.` plus the scoring context. */
export const variablesOf = (formSchema: unknown): string[] => {
  const out: string[] = [];
  const walk = (schema: unknown, prefix: string): void => {
    const props = (schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
    for (const [key, sub] of Object.entries(props)) {
      out.push(`${prefix}${key}`);
      if ((sub as { type?: string }).type === 'object') walk(sub, `${prefix}${key}.`);
    }
  };
  walk(formSchema, 'entry.');
  return [...out, 'target', 'month', 'params'];
};

/** What a rule edits: the indicator's data source and primary case metric (absent for scoring-rule documents). */
export interface RuleSubject {
  dataSource?: string | undefined;
  metric?: string | undefined;
}

const isCaseMetrics = (subject: RuleSubject | undefined): boolean => subject?.dataSource === 'caseMetrics';
const primaryOf = (subject: RuleSubject | undefined): CaseMetricId =>
  (caseMetricOf(subject?.metric ?? '')?.id ?? 'onTimeRate') as CaseMetricId;

/** A variable a rule may read, with the name to show beside it (a case metric's name). */
export interface RuleVariable {
  path: string;
  label?: LocalizedText;
  metric?: CaseMetricDefinition;
}

/**
 * Variables of a rule: the form fields and the scoring context ({@link variablesOf}), and for an
 * indicator fed by case metrics every metric of the catalogue as `entry.<id>` with its name, first.
 */
export const ruleVariablesOf = (formSchema: unknown, subject?: RuleSubject): RuleVariable[] => {
  const plain = variablesOf(formSchema).map((path): RuleVariable => ({ path }));
  if (!isCaseMetrics(subject)) return plain;
  const metrics = CASE_METRICS.map(
    (metric): RuleVariable => ({ path: `entry.${metric.id}`, label: metric.name, metric }),
  );
  return [...metrics, ...plain.filter((v) => !metrics.some((m) => m.path === v.path))];
};

/** The case metric a variable path names (`entry.satisfactionRate` → 满意率), if any. */
export const caseMetricOfPath = (path: string): CaseMetricDefinition | undefined =>
  path.startsWith('entry.') ? caseMetricOf(path.slice(6)) : undefined;

/** The entry schema a rule is checked against: the form's, plus every case metric for a case-metric indicator. */
export const entrySchemaOf = (formSchema: unknown, subject?: RuleSubject): unknown =>
  isCaseMetrics(subject)
    ? caseMetricEntrySchema(formSchema as Record<string, unknown> | undefined)
    : (formSchema ?? { type: 'object' });

type SchemaLike = Record<string, unknown>;

const typeOfSchema = (schema: SchemaLike): string | undefined =>
  (Array.isArray(schema.type) ? (schema.type.find((t) => t !== 'null') as string) : schema.type) as
    | string
    | undefined;

/** The first value a schema offers by itself: an example, else its default, else its first choice. */
const offered = (schema: SchemaLike): unknown => {
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  const oneOf = schema.oneOf as { const?: unknown }[] | undefined;
  const choices = (schema.enum as unknown[] | undefined) ?? oneOf?.map((o) => o.const);
  return choices?.find((c) => c !== null);
};

/**
 * A sample number for the `index`-th numeric field: `base × factor(index)`, kept inside the field's
 * minimum and maximum (a bounded field without a base takes three quarters of its range).
 */
const sampleNumber = (schema: SchemaLike, base: number, factor: number, isInteger: boolean): number => {
  const lo =
    typeof schema.minimum === 'number'
      ? schema.minimum
      : typeof schema.exclusiveMinimum === 'number'
        ? schema.exclusiveMinimum + (isInteger ? 1 : 0.01)
        : undefined;
  const hi =
    typeof schema.maximum === 'number'
      ? schema.maximum
      : typeof schema.exclusiveMaximum === 'number'
        ? schema.exclusiveMaximum - (isInteger ? 1 : 0.01)
        : undefined;
  let value = base * factor;
  if (lo !== undefined && hi !== undefined && (value < lo || value > hi))
    value = lo + (hi - lo) * Math.min(0.95, 0.75 * factor);
  if (lo !== undefined && value < lo) value = lo;
  if (hi !== undefined && value > hi) value = hi;
  return isInteger ? Math.round(value) : Math.round(value * 100) / 100;
};

/** One way of filling a form: the factor of the n-th numeric field, and the answer of yes/no fields. */
interface Spread {
  factor: (n: number) => number;
  yes: boolean;
}
/**
 * Falling values (0.9, 0.8, … × the target: a current value above last year's, a completion below
 * target) with yes answers first; then rising values, then "no" answers (a veto not triggered), then
 * other spreads. Counts without a target are small (about 4, 3, 2 …).
 */
const SPREADS: readonly Spread[] = [
  { factor: (n) => Math.max(0.1, 0.9 - 0.1 * n), yes: true },
  { factor: (n) => 1.1 + 0.1 * n, yes: true },
  { factor: (n) => Math.max(0.1, 0.9 - 0.1 * n), yes: false },
  { factor: (n) => 1.1 + 0.1 * n, yes: false },
  { factor: (n) => Math.max(0.05, 0.5 - 0.1 * n), yes: true },
  { factor: (n) => 2 + n, yes: true },
];

/** An example value for a form schema (objects field by field, in order), numbers spread by `spread`. */
const sampleOf = (formSchema: unknown, base: number | null, spread: Spread = SPREADS[0]!): unknown => {
  let numbers = 0;
  const sample = (schema: unknown): unknown => {
    const s = (schema ?? {}) as SchemaLike;
    const type = typeOfSchema(s);
    if (type === 'object' || (type === undefined && s.properties)) {
      const props = (s.properties as Record<string, unknown> | undefined) ?? {};
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, sample(v)]));
    }
    const given = offered(s);
    if (given !== undefined) return given;
    if (type === 'array') {
      const min = typeof s.minItems === 'number' ? s.minItems : 1;
      return Array.from({ length: Math.max(1, Math.min(min, 3)) }, () => sample(s.items));
    }
    if (type === 'boolean') return spread.yes;
    if (type === 'string')
      return s.format === 'date' ? serverNow().toISOString().slice(0, 10) : ((s.title as string) ?? '');
    if (type === 'number' || type === 'integer') {
      const isInteger = type === 'integer';
      // A count with no target to relate to: a handful (4, 3, 2 …), not a share of 100.
      const value = sampleNumber(s, base ?? (isInteger ? 4 / 0.9 : 100), spread.factor(numbers), isInteger);
      numbers += 1;
      return value;
    }
    return null;
  };
  return sample(formSchema);
};

/** Lists of peer values for every numeric field of an entry (for rules that read `peers.<field>`). */
const peersOf = (entry: unknown): Record<string, number[]> =>
  Object.fromEntries(
    Object.entries((entry ?? {}) as Record<string, unknown>)
      .filter((pair): pair is [string, number] => typeof pair[1] === 'number')
      .map(([k, v]) => [k, [v * 0.8, v, v * 1.2].map((x) => Math.round(x * 100) / 100)]),
  );

/**
 * Sample data for a test run, derived from the form schema: each field's example, default or first
 * choice; numbers as falling shares of the target (0.9, 0.8, … × target, inside the field's bounds);
 * the target, a month (and the share of the year gone, as scoring passes it), and peer values around each number. Case-metric indicators get a unit-month
 * with cases.
 */
export const sampleData = (
  formSchema: unknown,
  target: number | null,
  subject?: RuleSubject,
  spread: Spread = SPREADS[0]!,
): Record<string, unknown> => {
  // The form field the primary metric fills, as the server picks it: the first required, else the first.
  const form = (formSchema ?? {}) as { required?: string[]; properties?: Record<string, unknown> };
  const field = form.required?.[0] ?? Object.keys(form.properties ?? {})[0] ?? 'value';
  const entry = isCaseMetrics(subject)
    ? {
        ...(sampleOf(formSchema, target, spread) as object),
        ...sampleCaseMetricInputs({ metric: primaryOf(subject), field }),
      }
    : (sampleOf(formSchema ?? { type: 'object' }, target, spread) as Record<string, unknown>);
  const month = 11;
  return { entry, target: target ?? 100, month, elapsed: month / 12, params: {}, peers: peersOf(entry) };
};

/**
 * Sample data that gives `rule` a real score: the first of {@link sampleData}'s spreads under which
 * `evaluate` returns a finite number other than 0 (else the first spread's data).
 */
export const sampleForRule = (
  rule: unknown,
  evaluate: (rule: unknown, data: unknown, ctx: EvalContext) => unknown,
  formSchema: unknown,
  target: number | null,
  subject?: RuleSubject,
): Record<string, unknown> => {
  const candidates = SPREADS.map((spread) => sampleData(formSchema, target, subject, spread));
  for (const data of candidates) {
    try {
      const score = scoreOf(evaluate(rule, data, testContext()));
      if (score !== undefined && score !== 0) return data;
    } catch {
      // this spread breaks the rule (e.g. a zero divisor): try the next one
    }
  }
  return candidates[0]!;
};

/** The score in a rule's result: a finite number, or the `score` of a veto's `{score, vetoed}`. */
export const scoreOf = (result: unknown): number | undefined => {
  const value =
    result && typeof result === 'object' && 'score' in result ? (result as { score: unknown }).score : result;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
};

/** The evaluation context of a test run: Monday–Friday as the working calendar, as scoring uses by default. */
export const testContext = (): EvalContext => ({ calendar: WEEKDAY_CALENDAR });
