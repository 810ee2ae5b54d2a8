/** @module Renders the operator catalogue as Markdown; the definitions are the single source of the reference. */
import type { OperatorDefinition } from '../../logic/operator.ts';

/** Options of `renderCatalogueMarkdown`. */
export interface CatalogueDocOptions {
  /** Heading of the document. Default "Baton operators". */
  title?: string;
}

const CATEGORY_TITLES: Record<string, string> = {
  scoring: 'Scoring · 计分',
  array: 'Arrays · 数组',
  date: 'Dates · 日期',
  text: 'Text · 文本',
  rounding: 'Rounding · 取整',
};

/** Inline code that survives backticks inside the value. */
function code(value: string): string {
  const fence = value.includes('`') ? '``' : '`';
  return `${fence}${value}${fence}`;
}

/** Escapes a Markdown table cell. */
function cell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function typeText(schema: Record<string, unknown>): string {
  const choices = schema.oneOf ?? schema.anyOf;
  if (schema.type === undefined && Array.isArray(choices)) {
    return choices.map((choice) => typeText(choice as Record<string, unknown>)).join(' | ');
  }
  const type = schema.type;
  const text = Array.isArray(type) ? type.join(' | ') : typeof type === 'string' ? type : 'any';
  return Array.isArray(schema.enum)
    ? `${text}: ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`
    : text;
}

function argsTable(op: OperatorDefinition): string[] {
  const items = op.argsSchema.prefixItems;
  if (!Array.isArray(items) || items.length === 0) return ['No arguments.'];
  const minItems = typeof op.argsSchema.minItems === 'number' ? op.argsSchema.minItems : items.length;
  const rows = ['| # | name | type | required | description |', '|---|---|---|---|---|'];
  items.forEach((raw, index) => {
    const schema = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const title = typeof schema.title === 'string' ? schema.title : `arg${index + 1}`;
    const description = typeof schema.description === 'string' ? schema.description : '';
    rows.push(
      `| ${index + 1} | ${code(title)} | ${cell(typeText(schema))} | ${index < minItems ? 'yes' : 'no'} | ${cell(description)} |`,
    );
  });
  return rows;
}

function examples(op: OperatorDefinition): string[] {
  return op.examples.flatMap((example) => {
    const parts = [`- ${code(JSON.stringify(example.rule))}`];
    if (example.data !== undefined) parts.push(`with data ${code(JSON.stringify(example.data))}`);
    parts.push(`→ ${code(JSON.stringify(example.expected))}`);
    if (example.tolerance !== undefined) parts.push(`(± ${example.tolerance})`);
    if (example.description) parts.push(`— ${example.description}`);
    return [parts.join(' ')];
  });
}

/**
 * Renders operator definitions as a Markdown reference: grouped by category, one section per operator
 * with its bilingual description, argument table (from `argsSchema.prefixItems`) and examples.
 * Pure: the same definitions always give the same text.
 */
export function renderCatalogueMarkdown(
  operators: readonly OperatorDefinition[],
  options: CatalogueDocOptions = {},
): string {
  const lines: string[] = [`# ${options.title ?? 'Baton operators'}`, ''];
  lines.push(
    'Generated from the operator definitions in `engine/core/scoring/operators/`; edit those, not this text.',
    'Operators are eager: arguments are evaluated before the operator runs. Bad arguments raise a RuleError',
    '(`scoring.bad_args`; `scoring.missing_context` when a calendar or `asOf` is needed and absent).',
    '',
  );
  const categories = [...new Set(operators.map((op) => op.category))];
  lines.push('| operator | category | result |', '|---|---|---|');
  for (const op of operators) {
    const result = op.resultSchema ? typeText(op.resultSchema) : 'any';
    lines.push(`| [${code(op.name)}](#${op.name}) | ${op.category} | ${cell(result)} |`);
  }
  lines.push('');
  for (const category of categories) {
    lines.push(`## ${CATEGORY_TITLES[category] ?? category}`, '');
    for (const op of operators.filter((o) => o.category === category)) {
      lines.push(`### ${op.name}`, '', op.description.en, '', op.description.zh, '', '**Arguments**', '');
      lines.push(...argsTable(op), '', '**Examples**', '', ...examples(op), '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
