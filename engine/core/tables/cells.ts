/**
 * @module Cell syntax of decision tables: parses a cell once into a structured test and a predicate.
 *
 * Grammar (whitespace-insensitive):
 * - `-` or empty: any value.
 * - literal: `"text"` (JSON string), number, `true`, `false`, `null`, ISO date `2026-01-01` or
 *   `date("2026-01-01")`; on string inputs a bare word (`housing`) is a string literal.
 * - comparison: `< 20`, `<= 20`, `> 20`, `>= 20` (number/date inputs), `= x`, `!= x`.
 * - range: `[20..39]` closed; `(20..39]` or `]20..39]` open at the low end; `[20..39)` or
 *   `[20..39[` open at the high end.
 * - list: items separated by commas, any of the above (`"a","b"`, `1,2,3`, `< 0, > 100`): any item matches.
 * - `not(list)`: none of the items matches.
 * - A JSON Logic rule object instead of text: evaluated against `{"$": inputValue, "data": data}`,
 *   so `{"var":"$"}` is the input value and `{"var":"data.x"}` reads the data; truthy = match.
 */
import { formatDayNumber, parseIsoDate } from '../calendar/time-zone.ts';
import type { CellSource, ColumnType } from './types.ts';

/** A normalised scalar: dates become day numbers (days since 1970-01-01). */
export type Scalar = string | number | boolean | null;

/** One end of a range over numbers (or day numbers for dates). */
export interface Bound {
  value: number;
  inclusive: boolean;
}

/** One alternative of a list cell. */
export type CellPart =
  | { kind: 'eq'; value: Scalar }
  | { kind: 'range'; low: Bound | null; high: Bound | null };

/** A parsed cell. */
export type ParsedCell =
  | { kind: 'any' }
  | { kind: 'test'; negated: boolean; parts: CellPart[] }
  | { kind: 'rule'; rule: Record<string, unknown> };

/** Result of parsing a cell: the cell or a bilingual error. */
export type CellParseResult =
  | { ok: true; cell: ParsedCell }
  | { ok: false; code: 'table.cell_syntax' | 'table.cell_type'; en: string; zh: string };

/** Marker for input values that do not fit the input type (matches only `-` and negated cells). */
export const INVALID: unique symbol = Symbol('invalid');

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const RANGE = /^([[(\]])\s*(.+?)\s*\.\.\s*(.+?)\s*([\])[])$/;
const COMPARISON = /^(<=|>=|!=|<|>|=)\s*(.+)$/;
const NOT = /^not\s*\(([\s\S]*)\)$/;
const BARE = /^[^\s",()[\]<>=!][^",()[\]<>=]*$/;

/** Day number of a real ISO date, undefined otherwise. */
export const isoDateToDay = parseIsoDate;

/** ISO date of a day number. */
export const dayToIsoDate = formatDayNumber;

/**
 * Normalises an input value for matching: numbers must be finite numbers, dates ISO strings
 * (`YYYY-MM-DD…`, time ignored) become day numbers, `undefined` becomes null; anything else of the
 * wrong type becomes {@link INVALID}.
 */
export function normaliseValue(value: unknown, type: ColumnType): Scalar | typeof INVALID {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : INVALID;
    case 'string':
      return typeof value === 'string' ? value : INVALID;
    case 'boolean':
      return typeof value === 'boolean' ? value : INVALID;
    case 'date': {
      if (typeof value !== 'string') return INVALID;
      return isoDateToDay(value.slice(0, 10)) ?? INVALID;
    }
  }
}

type Fail = Extract<CellParseResult, { ok: false }>;
const syntax = (text: string, why: string, whyZh: string): Fail => ({
  ok: false,
  code: 'table.cell_syntax',
  en: `Cannot read cell ${JSON.stringify(text)}: ${why}`,
  zh: `无法解析单元格 ${JSON.stringify(text)}：${whyZh}`,
});
const typeError = (text: string, type: ColumnType): Fail => ({
  ok: false,
  code: 'table.cell_type',
  en: `Cell ${JSON.stringify(text)} does not fit an input of type ${type}`,
  zh: `单元格 ${JSON.stringify(text)} 与输入类型 ${type} 不符`,
});

/** Parses a literal for an input type. */
function parseLiteral(text: string, type: ColumnType): { value: Scalar } | Fail {
  const t = text.trim();
  if (t === 'null') return { value: null };
  if (t.startsWith('"')) {
    let s: unknown;
    try {
      s = JSON.parse(t);
    } catch {
      return syntax(text, 'unterminated or malformed string', '字符串未结束或格式错误');
    }
    if (typeof s !== 'string') return syntax(text, 'malformed string', '字符串格式错误');
    if (type === 'string') return { value: s };
    if (type === 'date') {
      const day = isoDateToDay(s);
      return day === undefined ? typeError(text, type) : { value: day };
    }
    return typeError(text, type);
  }
  const dateCall = /^date\s*\(\s*"([^"]*)"\s*\)$/.exec(t);
  if (dateCall || ISO_DATE.test(t)) {
    if (type !== 'date') return typeError(text, type);
    const day = isoDateToDay(dateCall ? dateCall[1]! : t);
    return day === undefined ? syntax(text, 'not a real date', '不是有效日期') : { value: day };
  }
  if (NUMBER.test(t)) return type === 'number' ? { value: Number(t) } : typeError(text, type);
  if (t === 'true' || t === 'false')
    return type === 'boolean' ? { value: t === 'true' } : typeError(text, type);
  if (type === 'string' && BARE.test(t)) return { value: t };
  return syntax(text, 'not a literal', '不是字面量');
}

/** Splits on commas outside quotes and brackets. */
function splitList(text: string): string[] | null {
  const items: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (inString) return null;
  items.push(text.slice(start));
  return items.map((s) => s.trim());
}

function parsePart(text: string, type: ColumnType): { part: CellPart } | Fail {
  const ordered = type === 'number' || type === 'date';
  const range = RANGE.exec(text);
  if (range) {
    if (!ordered) return typeError(text, type);
    const low = parseLiteral(range[2]!, type);
    if ('ok' in low) return low;
    const high = parseLiteral(range[3]!, type);
    if ('ok' in high) return high;
    if (typeof low.value !== 'number' || typeof high.value !== 'number') return typeError(text, type);
    return {
      part: {
        kind: 'range',
        low: { value: low.value, inclusive: range[1] === '[' },
        high: { value: high.value, inclusive: range[4] === ']' },
      },
    };
  }
  const cmp = COMPARISON.exec(text);
  if (cmp) {
    const op = cmp[1]!;
    const lit = parseLiteral(cmp[2]!, type);
    if ('ok' in lit) return lit;
    if (op === '=') return { part: { kind: 'eq', value: lit.value } };
    if (op === '!=') return syntax(text, '!= cannot be combined in a list', '!= 不能出现在列表中');
    if (!ordered || typeof lit.value !== 'number') return typeError(text, type);
    const bound = { value: lit.value, inclusive: op.length === 2 };
    return {
      part: op.startsWith('<')
        ? { kind: 'range', low: null, high: bound }
        : { kind: 'range', low: bound, high: null },
    };
  }
  const lit = parseLiteral(text, type);
  if ('ok' in lit) return lit;
  return { part: { kind: 'eq', value: lit.value } };
}

/** Parses one input cell for an input of `type`. Never throws. */
export function parseCell(source: CellSource | null | undefined, type: ColumnType): CellParseResult {
  if (source === null || source === undefined) return { ok: true, cell: { kind: 'any' } };
  if (typeof source === 'object') {
    if (Array.isArray(source))
      return syntax(JSON.stringify(source), 'arrays are not cells', '数组不能作为单元格');
    return { ok: true, cell: { kind: 'rule', rule: source } };
  }
  if (typeof source !== 'string')
    return syntax(String(source), 'cells are text or rules', '单元格必须是文本或规则');
  let text = source.trim();
  if (text === '' || text === '-') return { ok: true, cell: { kind: 'any' } };
  let negated = false;
  const not = NOT.exec(text);
  if (not) {
    negated = true;
    text = not[1]!.trim();
    if (text === '') return syntax(source, 'empty not()', 'not() 为空');
  } else {
    const ne = /^!=\s*(.+)$/.exec(text);
    if (ne) {
      negated = true;
      text = ne[1]!;
    }
  }
  const items = splitList(text);
  if (items === null) return syntax(source, 'unterminated string', '字符串未结束');
  const parts: CellPart[] = [];
  for (const item of items) {
    if (item === '') return syntax(source, 'empty list item', '列表项为空');
    const r = parsePart(item, type);
    if ('ok' in r) return r;
    parts.push(r.part);
  }
  return { ok: true, cell: { kind: 'test', negated, parts } };
}

/** Whether a normalised value satisfies one part. */
export function partMatches(part: CellPart, v: Scalar | typeof INVALID): boolean {
  if (part.kind === 'eq') return v === part.value;
  if (typeof v !== 'number') return false;
  const { low, high } = part;
  if (low && (low.inclusive ? v < low.value : v <= low.value)) return false;
  if (high && (high.inclusive ? v > high.value : v >= high.value)) return false;
  return true;
}

/**
 * A fast predicate for a `test` cell. Single equality and single range cells get dedicated
 * closures, since they are most cells of large tables.
 */
export function cellPredicate(
  cell: Extract<ParsedCell, { kind: 'test' }>,
): (v: Scalar | typeof INVALID) => boolean {
  const { parts, negated } = cell;
  if (parts.length === 1 && !negated) {
    const p = parts[0]!;
    if (p.kind === 'eq') {
      const value = p.value;
      return (v) => v === value;
    }
    const lo = p.low ? p.low.value : Number.NEGATIVE_INFINITY;
    const hi = p.high ? p.high.value : Number.POSITIVE_INFINITY;
    const loIn = p.low ? p.low.inclusive : true;
    const hiIn = p.high ? p.high.inclusive : true;
    return (v) => typeof v === 'number' && (loIn ? v >= lo : v > lo) && (hiIn ? v <= hi : v < hi);
  }
  if (!negated && parts.every((p) => p.kind === 'eq')) {
    const set = new Set(parts.map((p) => (p as { value: Scalar }).value));
    return (v) => v !== INVALID && set.has(v);
  }
  return (v) => {
    let hit = false;
    for (const p of parts) {
      if (partMatches(p, v)) {
        hit = true;
        break;
      }
    }
    return hit !== negated;
  };
}

/** Formats a normalised scalar back into cell syntax. */
export function formatScalar(value: Scalar, type: ColumnType): string {
  if (value === null) return 'null';
  if (type === 'date' && typeof value === 'number') return dayToIsoDate(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
