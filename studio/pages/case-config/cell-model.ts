/**
 * @module The routing editor's model of a table cell: what a picker or the condition builder edits, read
 * from the cell the table holds and written back to it. Choices (categories, units, channels, SLA
 * policies) come from the rule set's documents and the units API ({@link RoutingRefs}), never from a list
 * in code. A JSON Logic cell is shown as condition rows only when writing the rows back gives exactly
 * the rule the table holds; otherwise it stays raw (advanced) with a note.
 */
import { parseCell } from '../../../engine/core/tables/cells.ts';
import type { CellSource, TableInput } from '../../../engine/core/tables/types.ts';

/** `{en, zh}` text. */
export interface Text2 {
  en: string;
  zh: string;
}

/** Reference data the pickers offer, from the version's documents and the units API. */
export interface RoutingRefs {
  /** Case categories of the intake forms (`form.caseCategory`), with their group. */
  categories: { code: string; name: Text2; group: Text2 }[];
  /** Units (units API): id, display name, kind, parent. */
  units: { id: string; name: string; kind: string; parentId: string | null }[];
  /** Channels declared in the workflow document. */
  channels: { code: string; label: Text2 }[];
  /** SLA policy documents. */
  slaPolicies: { id: string; name: Text2 }[];
}

/** What a column asks for, from its expression and type. */
export type ColumnKind = 'category' | 'unit' | 'choice' | 'boolean' | 'values' | 'raw';

/** How the editor shows a column. */
export function columnKind(input: TableInput): ColumnKind {
  const expression = typeof input.expression === 'string' ? input.expression : '';
  if (expression === 'case.category') return 'category';
  if (expression === 'case.streetId' || expression === 'case.communityId') return 'unit';
  if (input.type === 'boolean') return 'boolean';
  if (input.allowedValues && input.allowedValues.length > 0) return 'choice';
  if (input.type === 'string') return 'values';
  return 'raw';
}

/** One row of the condition builder: `field` (`$` = this column, else `data.case.…`), operator, value. */
export interface ConditionRow {
  field: string;
  op: string;
  /** A word list for keyword operators, else a scalar. */
  value: string | number | boolean | string[];
  /** keyword_match: any or all of the words. */
  match?: 'any' | 'all';
}

/** Why a cell stays raw. */
export type RawReason = 'syntax' | 'rule' | 'negated';

/** A cell as the editor edits it. */
export type CellModel =
  | { mode: 'any' }
  | { mode: 'values'; values: string[] }
  | { mode: 'bool'; value: boolean }
  | { mode: 'conditions'; join: 'and' | 'or'; rows: ConditionRow[] }
  | { mode: 'raw'; text: string; reason?: RawReason };

/** Comparison operators the builder offers (their names come from the operator catalogue). */
export const COMPARISONS = ['==', '!=', '<', '<=', '>', '>='] as const;
/** Text operators the builder offers (catalogue operators). */
export const TEXT_OPERATORS = ['keyword_match', 'text_contains'] as const;

const isVar = (v: unknown): v is { var: string } =>
  !!v &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  Object.keys(v).length === 1 &&
  typeof (v as { var?: unknown }).var === 'string';

const isScalar = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function rowOf(rule: unknown): ConditionRow | null {
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) return null;
  const keys = Object.keys(rule);
  if (keys.length !== 1) return null;
  const op = keys[0]!;
  const args = (rule as Record<string, unknown>)[op];
  if (!Array.isArray(args) || !isVar(args[0])) return null;
  const field = args[0].var;
  if (op === 'keyword_match') {
    if (!Array.isArray(args[1]) || !args[1].every((w) => typeof w === 'string')) return null;
    if (args.length === 2) return { field, op, value: args[1] as string[] };
    if (args.length === 3 && (args[2] === 'any' || args[2] === 'all'))
      return { field, op, value: args[1] as string[], match: args[2] };
    return null;
  }
  if (op === 'text_contains')
    return args.length === 2 && typeof args[1] === 'string' ? { field, op, value: args[1] } : null;
  if ((COMPARISONS as readonly string[]).includes(op) && args.length === 2 && isScalar(args[1]))
    return { field, op, value: args[1] };
  return null;
}

/** Writes condition rows as JSON Logic. */
export function rowsToRule(join: 'and' | 'or', rows: readonly ConditionRow[]): Record<string, unknown> {
  const one = (r: ConditionRow): Record<string, unknown> =>
    r.op === 'keyword_match'
      ? {
          keyword_match: [
            { var: r.field },
            Array.isArray(r.value) ? r.value : [String(r.value)],
            ...(r.match ? [r.match] : []),
          ],
        }
      : { [r.op]: [{ var: r.field }, Array.isArray(r.value) ? r.value.join(',') : r.value] };
  if (rows.length === 1) return one(rows[0]!);
  return { [join]: rows.map(one) };
}

/** Reads condition rows from a JSON Logic rule; null when the rows would not write back the same rule. */
export function ruleToRows(
  rule: Record<string, unknown>,
): { join: 'and' | 'or'; rows: ConditionRow[] } | null {
  let result: { join: 'and' | 'or'; rows: ConditionRow[] } | null = null;
  const keys = Object.keys(rule);
  if (keys.length === 1 && (keys[0] === 'and' || keys[0] === 'or')) {
    const args = rule[keys[0]];
    if (Array.isArray(args) && args.length > 1) {
      const rows = args.map(rowOf);
      if (rows.every((r): r is ConditionRow => r !== null)) result = { join: keys[0], rows };
    }
  } else {
    const row = rowOf(rule);
    if (row) result = { join: 'and', rows: [row] };
  }
  if (!result) return null;
  return JSON.stringify(rowsToRule(result.join, result.rows)) === JSON.stringify(rule) ? result : null;
}

const cellSourceText = (cell: CellSource | undefined): string =>
  cell === undefined ? '-' : typeof cell === 'string' ? cell : JSON.stringify(cell);

/** The editor's model of a cell. */
export function cellModel(cell: CellSource | undefined, input: TableInput): CellModel {
  const parsed = parseCell(cell ?? '-', input.type);
  if (!parsed.ok) return { mode: 'raw', text: cellSourceText(cell), reason: 'syntax' };
  const c = parsed.cell;
  if (c.kind === 'any') return { mode: 'any' };
  if (c.kind === 'rule') {
    const rows = ruleToRows(c.rule);
    return rows
      ? { mode: 'conditions', ...rows }
      : { mode: 'raw', text: cellSourceText(cell), reason: 'rule' };
  }
  if (!c.negated && c.parts.every((p) => p.kind === 'eq')) {
    const values = c.parts.map((p) => (p as { value: unknown }).value);
    if (input.type === 'boolean' && values.length === 1 && typeof values[0] === 'boolean')
      return { mode: 'bool', value: values[0] };
    if (input.type === 'string' && values.every((v): v is string => typeof v === 'string'))
      return { mode: 'values', values };
  }
  return { mode: 'raw', text: cellSourceText(cell), reason: 'negated' };
}

/** Writes a model back as a cell. */
export function modelToCell(model: CellModel): CellSource {
  switch (model.mode) {
    case 'any':
      return '-';
    case 'values':
      return model.values.length === 0 ? '-' : model.values.map((v) => JSON.stringify(v)).join(',');
    case 'bool':
      return model.value ? 'true' : 'false';
    case 'conditions':
      return model.rows.length === 0 ? '-' : rowsToRule(model.join, model.rows);
    case 'raw': {
      const text = model.text.trim();
      if (text.startsWith('{')) {
        try {
          return JSON.parse(text) as Record<string, unknown>;
        } catch {
          // Left as text; the analysis reports it as a bad cell.
        }
      }
      return model.text;
    }
  }
}

/** Splits a unit list output (`a,b`) into ids. */
export const unitIds = (value: unknown): string[] =>
  (typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value.map(String) : [])
    .map((v) => v.trim())
    .filter((v) => v !== '');
