/**
 * @module Compiles a decision table once (cells → predicates, inputs → rules, indexes) and evaluates it with DMN hit policies.
 *
 * Indexes: for every input where enough rows hold plain equality/list cells, a hash index maps a
 * value to the rows that can match it (rows with other cells always qualify); for number/date
 * inputs whose rows hold ranges, a segment index maps the elementary interval containing a value
 * to the rows covering it. Each evaluation takes the shortest candidate list among the indexes
 * (lists are built lazily per key and cached) and tests only those rows, in rule order.
 */
import type { CompiledRule, CompileOptions, EvalContext } from '../rule-language.ts';
import { compile } from '../rule-language.ts';
import type { ParsedCell } from './cells.ts';
import { cellPredicate, isoDateToDay, normaliseValue, parseCell } from './cells.ts';
import {
  applyPolicy,
  checkPolicyOutputs,
  deepEqual,
  issueError,
  outputRank,
  rowLengthIssue,
  tableError,
} from './hit-policy.ts';
import type { Matcher, Row, Value } from './row-index.ts';
import { buildIndexes } from './row-index.ts';
import type { CellSource, ColumnType, DecisionTable, HitPolicy } from './types.ts';

/** Outputs of one row, keyed by output id. */
export type OutputRecord = Readonly<Record<string, unknown>>;

/** Options of {@link compileTable}. */
export interface CompileTableOptions {
  /** Passed to the rule compiler for input expressions and rule cells. */
  ruleOptions?: CompileOptions;
  /** Disable indexes (for comparison and tests); default false. */
  noIndex?: boolean;
}

/** Options of one evaluation. */
export interface EvaluateTableOptions {
  /** Context passed to rules; `ctx.asOf` is the default of `asOf`. */
  ctx?: EvalContext;
  /** ISO date: rows whose validFrom/validTo exclude it are skipped. No date: validity is ignored. */
  asOf?: string;
  /** Collect a trace (matched rows and near misses); off by default and free when off. */
  trace?: boolean;
  /** Maximum near misses in a trace; default 5. */
  nearMissLimit?: number;
}

/** A row that did not match, with its first failing cell. */
export interface NearMiss {
  /** 0-based row index (path `/rules/{row}`). */
  row: number;
  rowId?: string;
  /** Number of cells that failed; near misses prefer rows failing on exactly one cell. */
  failedCells: number;
  /** Index of the first failing cell, or -1 when the row failed on its validity dates. */
  cell: number;
  inputId?: string;
  /** The failing cell as written. */
  cellSource?: CellSource;
  /** The input value the cell was tested with. */
  value?: unknown;
}

/** Trace of one evaluation. */
export interface TableTrace {
  /** Input values by input id. */
  inputs: Record<string, unknown>;
  /** Matched rows in rule order with their outputs. */
  matched: { row: number; rowId?: string; outputs: OutputRecord }[];
  /** "Why not": rows failing on exactly one cell, else the first rows that failed. */
  nearMisses: NearMiss[];
}

/** Result of one evaluation. */
export interface TableResult {
  /**
   * U/A/P/F: the output record or null; R/O/C: a list of output records; C+/C</C>: a number or null
   * when nothing matched; C#: the number of matched rows.
   */
  value: unknown;
  /** 0-based indices of matched rows in rule order (after validity filtering). */
  matchedRows: number[];
  trace?: TableTrace;
}

/** A compiled decision table. */
export interface CompiledTable {
  readonly id: string;
  readonly hitPolicy: HitPolicy;
  readonly rowCount: number;
  /** Evaluates the table against data. Throws `RuleError` (`table.unique_violation`, `table.any_conflict`, …). */
  evaluate(data: unknown, options?: EvaluateTableOptions): TableResult;
  /** Ids of the inputs that have an index (for diagnostics). */
  readonly indexedInputs: readonly string[];
}

/** JSON Logic truthiness. */
function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return Boolean(v);
}

/** Parses a table's cells; throws `RuleError` with the first bad cell's path. */
export function parseTableCells(table: DecisionTable): ParsedCell[][] {
  return table.rules.map((rule, r) => {
    const wrongLength = rowLengthIssue(table, r, 'cells');
    if (wrongLength) throw issueError(wrongLength);
    return rule.cells.map((source, c) => {
      const res = parseCell(source, table.inputs[c]!.type);
      if (!res.ok) throw tableError(res.code, res.en, res.zh, `/rules/${r}/cells/${c}`);
      return res.cell;
    });
  });
}

/** Input expression as a rule: a string is shorthand for `{"var": string}`. */
export function expressionRule(expression: string | Record<string, unknown>): unknown {
  return typeof expression === 'string' ? { var: expression } : expression;
}

/**
 * Compiles a decision table once. Throws `RuleError`: `table.cell_syntax` / `table.cell_type` /
 * `table.cell_count` (path of the cell), `table.output_count`, `table.priority_missing` (P/O
 * without output `allowedValues`), `table.aggregation_output` (C+/C</C> need one number output),
 * `table.valid_date`, or the rule compiler's `logic.*` errors for expressions and rule cells.
 */
export function compileTable(table: DecisionTable, options: CompileTableOptions = {}): CompiledTable {
  const ruleOptions = options.ruleOptions ?? {};
  const parsed = parseTableCells(table);
  const types: ColumnType[] = table.inputs.map((i) => i.type);
  const inputFns: CompiledRule[] = table.inputs.map((input) =>
    compile(expressionRule(input.expression), ruleOptions),
  );
  const rank = outputRank(table.outputs);
  checkPolicyOutputs(table, rank);
  const rows = compileRows(table, parsed, ruleOptions);
  const indexes = buildIndexes(rows, types, options.noIndex);
  const t: Table = {
    table,
    rows,
    types,
    inputFns,
    policy: { policy: table.hitPolicy, outputs: table.outputs, rank },
  };
  const allRows: Int32Array = Int32Array.from(rows.map((r) => r.index));
  const candidatesFor = (norm: Value[]): Int32Array => {
    let best = allRows;
    for (const idx of indexes) {
      const list = idx.lookup(norm[idx.input]!);
      if (list.length < best.length) best = list;
    }
    return best;
  };
  return {
    id: table.id,
    hitPolicy: table.hitPolicy,
    rowCount: rows.length,
    indexedInputs: indexes.map((i) => table.inputs[i.input]!.id),
    evaluate(data, opts = {}) {
      const ctx = opts.ctx;
      const asOf = asOfDay(opts.asOf ?? ctx?.asOf);
      if (opts.trace) return traceEvaluate(t, { data, ctx, asOf, limit: opts.nearMissLimit ?? 5 });
      const { raw, norm } = readInputs(t, data, ctx);
      const candidates = candidatesFor(norm);
      const matched: Row[] = [];
      for (let k = 0; k < candidates.length; k++) {
        const row = rows[candidates[k]!]!;
        if (asOf !== undefined && (asOf < row.from || asOf > row.to)) continue;
        if (rowMatches(row, norm, raw, data, ctx)) {
          matched.push(row);
          if (table.hitPolicy === 'F') break;
        }
      }
      return { value: applyPolicy(t.policy, matched), matchedRows: matched.map((r) => r.index) };
    },
  };
}

/** A compiled table's parts the evaluation reads. */
interface Table {
  table: DecisionTable;
  rows: readonly Row[];
  types: readonly ColumnType[];
  inputFns: readonly CompiledRule[];
  policy: Parameters<typeof applyPolicy>[0];
}

/** Day number of an `asOf` date (its first ten characters), or undefined when none is given. */
function asOfDay(asOfText: string | undefined): number | undefined {
  if (asOfText === undefined) return undefined;
  const asOf = isoDateToDay(asOfText.slice(0, 10));
  if (asOf === undefined) {
    throw tableError(
      'table.as_of',
      `asOf is not an ISO date: ${asOfText}`,
      `asOf 不是 ISO 日期：${asOfText}`,
    );
  }
  return asOf;
}

function parseValidity(text: string | undefined, path: string, dflt: number): number {
  if (text === undefined) return dflt;
  const day = isoDateToDay(text);
  if (day === undefined) {
    throw tableError('table.valid_date', `Not an ISO date: ${text}`, `不是 ISO 日期：${text}`, path);
  }
  return day;
}

/** Each row with a matcher per cell (null for `-`), its validity days and frozen outputs. */
function compileRows(table: DecisionTable, parsed: ParsedCell[][], ruleOptions: CompileOptions): Row[] {
  return table.rules.map((rule, r) => {
    const wrongLength = rowLengthIssue(table, r, 'outputs');
    if (wrongLength) throw issueError(wrongLength);
    const matchers = parsed[r]!.map((cell): Matcher | null => {
      if (cell.kind === 'any') return null;
      if (cell.kind === 'test') {
        const p = cellPredicate(cell);
        return (v) => p(v);
      }
      const fn = compile(cell.rule, ruleOptions);
      return (_v, raw, data, ctx) => truthy(fn({ $: raw ?? null, data }, ctx));
    });
    const outputs: Record<string, unknown> = {};
    table.outputs.forEach((o, k) => {
      outputs[o.id] = rule.outputs[k];
    });
    return {
      index: r,
      id: rule.id,
      matchers,
      parsed: parsed[r]!,
      from: parseValidity(rule.validFrom, `/rules/${r}/validFrom`, Number.NEGATIVE_INFINITY),
      to: parseValidity(rule.validTo, `/rules/${r}/validTo`, Number.POSITIVE_INFINITY),
      outputs: Object.freeze(outputs),
    };
  });
}

/** The inputs' values as the expressions give them (`raw`) and normalised to their column types. */
function readInputs(
  t: Table,
  data: unknown,
  ctx: EvalContext | undefined,
): { raw: unknown[]; norm: Value[] } {
  const n = t.types.length;
  const raw = new Array<unknown>(n);
  const norm = new Array<Value>(n);
  for (let c = 0; c < n; c++) {
    const v = t.inputFns[c]!(data, ctx);
    raw[c] = v;
    norm[c] = normaliseValue(v, t.types[c]!);
  }
  return { raw, norm };
}

function rowMatches(row: Row, norm: Value[], raw: unknown[], data: unknown, ctx: EvalContext | undefined) {
  const m = row.matchers;
  for (let c = 0; c < m.length; c++) {
    const f = m[c]!;
    if (f !== null && !f(norm[c]!, raw[c], data, ctx)) return false;
  }
  return true;
}

/** A row that did not match, with how many cells failed (an out-of-date row counts one more). */
function nearMiss(
  t: Table,
  q: { row: Row; raw: unknown[]; failed: number; first: number; outOfDate: boolean },
): NearMiss {
  const { row, raw, failed, first } = q;
  const miss: NearMiss = { row: row.index, failedCells: failed + (q.outOfDate ? 1 : 0), cell: first };
  if (row.id !== undefined) miss.rowId = row.id;
  if (first >= 0) {
    miss.inputId = t.table.inputs[first]!.id;
    miss.cellSource = t.table.rules[row.index]!.cells[first]!;
    miss.value = raw[first];
  }
  return miss;
}

/** Evaluation that tries every row, recording the matches and the nearest misses. */
function traceEvaluate(
  t: Table,
  q: { data: unknown; ctx: EvalContext | undefined; asOf: number | undefined; limit: number },
): TableResult {
  const { data, ctx, asOf, limit } = q;
  const { raw, norm } = readInputs(t, data, ctx);
  const n = t.types.length;
  const matched: Row[] = [];
  const single: NearMiss[] = [];
  const other: NearMiss[] = [];
  for (const row of t.rows) {
    let failed = 0;
    let first = -1;
    for (let c = 0; c < n; c++) {
      const f = row.matchers[c]!;
      if (f !== null && !f(norm[c]!, raw[c], data, ctx)) {
        failed++;
        if (first < 0) first = c;
      }
    }
    const outOfDate = asOf !== undefined && (asOf < row.from || asOf > row.to);
    if (failed === 0 && !outOfDate) {
      matched.push(row);
      continue;
    }
    const miss = nearMiss(t, { row, raw, failed, first, outOfDate });
    if (miss.failedCells === 1) {
      if (single.length < limit) single.push(miss);
    } else if (other.length < limit) other.push(miss);
  }
  const inputs: Record<string, unknown> = {};
  t.table.inputs.forEach((input, c) => {
    inputs[input.id] = raw[c];
  });
  const hits = t.policy.policy === 'F' ? matched.slice(0, 1) : matched;
  return {
    value: applyPolicy(t.policy, hits),
    matchedRows: hits.map((r) => r.index),
    trace: {
      inputs,
      matched: matched.map((r) => ({
        row: r.index,
        ...(r.id !== undefined ? { rowId: r.id } : {}),
        outputs: r.outputs,
      })),
      nearMisses: single.length > 0 ? single : other,
    },
  };
}

/** One failed embedded test. */
export interface TableTestFailure {
  index: number;
  name?: string;
  expected: unknown;
  actual?: unknown;
  error?: { code: string; message: string };
}

/** Result of {@link runTableTests}. */
export interface TableTestReport {
  passed: number;
  failed: TableTestFailure[];
}

/**
 * Runs a table's embedded `tests`: each `input` is evaluated (as of `asOf` when given) and the
 * result value compared by deep equality with `expected`. Compilation errors propagate.
 */
export function runTableTests(table: DecisionTable, options: CompileTableOptions = {}): TableTestReport {
  const compiled = compileTable(table, options);
  const report: TableTestReport = { passed: 0, failed: [] };
  (table.tests ?? []).forEach((test, index) => {
    const base = { index, expected: test.expected, ...(test.name !== undefined ? { name: test.name } : {}) };
    try {
      const actual = compiled.evaluate(test.input, test.asOf !== undefined ? { asOf: test.asOf } : {}).value;
      if (deepEqual(actual, test.expected)) report.passed++;
      else report.failed.push({ ...base, actual });
    } catch (e) {
      const err = e as { code?: string; message?: string };
      report.failed.push({
        ...base,
        error: { code: err.code ?? 'error', message: err.message ?? String(e) },
      });
    }
  });
  return report;
}
