/** @module Pure helpers of the scoring-rule builder: block kinds of rule JSON, operator catalogue entries, variables (case metrics by name), defaults and sample data. */
import type { LocalizedText } from '../../../engine/core/errors.ts';
import type { OperatorDefinition } from '../../../engine/core/rule-language.ts';
import {
  CASE_METRICS,
  type CaseMetricDefinition,
  type CaseMetricId,
  caseMetricEntrySchema,
  caseMetricOf,
  sampleCaseMetricInputs,
} from '../../../engine/core/routing/metric-catalogue.ts';
import { batonOperators } from '../../../engine/core/scoring/operators/index.ts';
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

/** Sample data for a test run: zeros (or the first option) for each form field, the target and month. */
export const sampleData = (
  formSchema: unknown,
  target: number | null,
  subject?: RuleSubject,
): Record<string, unknown> => {
  const sample = (schema: unknown): unknown => {
    const s = (schema ?? {}) as Record<string, unknown>;
    const type = Array.isArray(s.type) ? s.type[0] : s.type;
    if (type === 'object') {
      const props = (s.properties as Record<string, unknown> | undefined) ?? {};
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, sample(v)]));
    }
    if (type === 'array') return [];
    if (type === 'boolean') return true;
    if (type === 'string') {
      const oneOf = s.oneOf as { const: unknown }[] | undefined;
      const values = (s.enum as unknown[] | undefined) ?? oneOf?.map((o) => o.const);
      return values?.[0] ?? (s.format === 'date' ? serverNow().toISOString().slice(0, 10) : '');
    }
    return typeof s.minimum === 'number' && s.minimum > 0 ? s.minimum : 1;
  };
  // The form field the primary metric fills, as the server picks it: the first required, else the first.
  const form = (formSchema ?? {}) as { required?: string[]; properties?: Record<string, unknown> };
  const field = form.required?.[0] ?? Object.keys(form.properties ?? {})[0] ?? 'value';
  const entry = isCaseMetrics(subject)
    ? { ...(sample(formSchema) as object), ...sampleCaseMetricInputs({ metric: primaryOf(subject), field }) }
    : sample(formSchema);
  return { entry, target: target ?? 100, month: 11, params: {} };
};
