/**
 * @module Compiles a decision table once (cells → predicates, inputs → rules, indexes) and evaluates it with DMN hit policies.
 *
 * Indexes: for every input where enough rows hold plain equality/list cells, a hash index maps a
 * value to the rows that can match it (rows with other cells always qualify); for number/date
 * inputs whose rows hold ranges, a segment index maps the elementary interval containing a value
 * to the rows covering it. Each evaluation takes the shortest candidate list among the indexes
 * (lists are built lazily per key and cached) and tests only those rows, in rule order.
 */
import { RuleError } from '../errors.ts';
import type { CompiledRule, CompileOptions, EvalContext } from '../rule-language.ts';
import { compile } from '../rule-language.ts';
import type { ParsedCell, Scalar } from './cells.ts';
import { cellPredicate, INVALID, isoDateToDay, normaliseValue, parseCell } from './cells.ts';
import type { CellSource, ColumnType, DecisionTable, HitPolicy, TableOutput } from './types.ts';

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

type Value = Scalar | typeof INVALID;
type Matcher = (v: Value, raw: unknown, data: unknown, ctx: EvalContext | undefined) => boolean;

interface Row {
  index: number;
  id: string | undefined;
  /** One matcher per input, null for `-`. */
  matchers: (Matcher | null)[];
  parsed: ParsedCell[];
  from: number;
  to: number;
  outputs: OutputRecord;
}

interface Index {
  input: number;
  lookup(v: Value): Int32Array;
}

const MIN_ROWS_FOR_INDEX = 16;

/** JSON Logic truthiness. */
function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return Boolean(v);
}

function tableError(code: string, en: string, zh: string, path?: string, details?: unknown): RuleError {
  return new RuleError(code, { en, zh }, { path, details });
}

/** Parses a table's cells; throws `RuleError` with the first bad cell's path. */
export function parseTableCells(table: DecisionTable): ParsedCell[][] {
  return table.rules.map((rule, r) => {
    if (!Array.isArray(rule.cells) || rule.cells.length !== table.inputs.length) {
      throw tableError(
        'table.cell_count',
        `Row ${r + 1} must have ${table.inputs.length} cells`,
        `第 ${r + 1} 行必须有 ${table.inputs.length} 个单元格`,
        `/rules/${r}/cells`,
      );
    }
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

function outputRank(outputs: readonly TableOutput[]): ((rec: OutputRecord) => number[]) | null {
  const ranked = outputs.filter((o) => o.allowedValues && o.allowedValues.length > 0);
  if (ranked.length === 0) return null;
  return (rec) =>
    ranked.map((o) => {
      const i = o.allowedValues!.indexOf(rec[o.id] as never);
      return i < 0 ? Number.POSITIVE_INFINITY : i;
    });
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function sortedMerge(a: readonly number[], b: readonly number[]): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! < b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

function buildHashIndex(rows: readonly Row[], input: number): Index | null {
  const buckets = new Map<Scalar, number[]>();
  const wildcard: number[] = [];
  for (const row of rows) {
    const cell = row.parsed[input]!;
    if (cell.kind === 'test' && !cell.negated && cell.parts.every((p) => p.kind === 'eq')) {
      const seen = new Set<Scalar>();
      for (const p of cell.parts) {
        const v = (p as { value: Scalar }).value;
        if (seen.has(v)) continue;
        seen.add(v);
        const bucket = buckets.get(v);
        if (bucket) bucket.push(row.index);
        else buckets.set(v, [row.index]);
      }
    } else wildcard.push(row.index);
  }
  if (wildcard.length > rows.length * 0.9 || buckets.size === 0) return null;
  const merged = new Map<Scalar, Int32Array>();
  const fallback = Int32Array.from(wildcard);
  return {
    input,
    lookup(v) {
      if (v === INVALID) return fallback;
      let m = merged.get(v);
      if (m === undefined) {
        const b = buckets.get(v);
        m = b ? sortedMerge(b, wildcard) : fallback;
        merged.set(v, m);
      }
      return m;
    },
  };
}

function buildSegmentIndex(rows: readonly Row[], input: number): Index | null {
  const points = new Set<number>();
  const indexable: { row: number; spans: [number, number, boolean, boolean][] }[] = [];
  const wildcard: number[] = [];
  for (const row of rows) {
    const cell = row.parsed[input]!;
    if (cell.kind !== 'test' || cell.negated) {
      wildcard.push(row.index);
      continue;
    }
    if (cell.parts.some((p) => p.kind === 'eq' && typeof p.value !== 'number')) {
      wildcard.push(row.index);
      continue;
    }
    const spans: [number, number, boolean, boolean][] = [];
    for (const p of cell.parts) {
      if (p.kind === 'eq') {
        spans.push([p.value as number, p.value as number, true, true]);
      } else {
        spans.push([
          p.low ? p.low.value : Number.NEGATIVE_INFINITY,
          p.high ? p.high.value : Number.POSITIVE_INFINITY,
          p.low ? p.low.inclusive : false,
          p.high ? p.high.inclusive : false,
        ]);
      }
    }
    for (const [lo, hi] of spans) {
      if (Number.isFinite(lo)) points.add(lo);
      if (Number.isFinite(hi)) points.add(hi);
    }
    indexable.push({ row: row.index, spans });
  }
  if (wildcard.length > rows.length * 0.9 || indexable.length === 0) return null;
  const sorted = Float64Array.from([...points].sort((a, b) => a - b));
  // Segment ids: 2i+1 is the point sorted[i]; 2i is the open interval below it; 2n is above the last.
  const segmentOf = (v: number): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo < sorted.length && sorted[lo] === v ? 2 * lo + 1 : 2 * lo;
  };
  const representative = (seg: number): { v: number; point: boolean; i: number } => ({
    v: seg % 2 === 1 ? sorted[(seg - 1) / 2]! : Number.NaN,
    point: seg % 2 === 1,
    i: seg >> 1,
  });
  const covers = (span: [number, number, boolean, boolean], seg: number): boolean => {
    const [lo, hi, loIn, hiIn] = span;
    const rep = representative(seg);
    if (rep.point) {
      const v = rep.v;
      return (loIn ? v >= lo : v > lo) && (hiIn ? v <= hi : v < hi);
    }
    // Open interval (sorted[i-1], sorted[i]) (unbounded at the ends): covered iff the span contains it.
    const below = rep.i === 0 ? Number.NEGATIVE_INFINITY : sorted[rep.i - 1]!;
    const above = rep.i === sorted.length ? Number.POSITIVE_INFINITY : sorted[rep.i]!;
    return lo <= below && hi >= above;
  };
  const cache = new Map<number, Int32Array>();
  const all = Int32Array.from(rows.map((r) => r.index));
  return {
    input,
    lookup(v) {
      if (typeof v !== 'number') return v === INVALID || v === null ? Int32Array.from(wildcard) : all;
      const seg = segmentOf(v);
      let hit = cache.get(seg);
      if (hit === undefined) {
        const rowsHere: number[] = [];
        for (const entry of indexable) if (entry.spans.some((s) => covers(s, seg))) rowsHere.push(entry.row);
        hit = sortedMerge(rowsHere, wildcard);
        cache.set(seg, hit);
      }
      return hit;
    },
  };
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
  const policy = table.hitPolicy;
  const rank = outputRank(table.outputs);
  if ((policy === 'P' || policy === 'O') && rank === null) {
    throw tableError(
      'table.priority_missing',
      `Hit policy ${policy} needs allowedValues on at least one output to order by`,
      `命中策略 ${policy} 需要至少一个输出列定义 allowedValues 作为优先顺序`,
      '/outputs',
    );
  }
  if (
    (policy === 'C+' || policy === 'C<' || policy === 'C>') &&
    (table.outputs.length !== 1 || table.outputs[0]!.type !== 'number')
  ) {
    throw tableError(
      'table.aggregation_output',
      `Hit policy ${policy} needs exactly one output of type number`,
      `命中策略 ${policy} 需要恰好一个数值型输出列`,
      '/outputs',
    );
  }
  const parseValidity = (text: string | undefined, path: string, dflt: number): number => {
    if (text === undefined) return dflt;
    const day = isoDateToDay(text);
    if (day === undefined) {
      throw tableError('table.valid_date', `Not an ISO date: ${text}`, `不是 ISO 日期：${text}`, path);
    }
    return day;
  };
  const rows: Row[] = table.rules.map((rule, r) => {
    if (!Array.isArray(rule.outputs) || rule.outputs.length !== table.outputs.length) {
      throw tableError(
        'table.output_count',
        `Row ${r + 1} must have ${table.outputs.length} outputs`,
        `第 ${r + 1} 行必须有 ${table.outputs.length} 个输出值`,
        `/rules/${r}/outputs`,
      );
    }
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

  const indexes: Index[] = [];
  if (!options.noIndex && rows.length >= MIN_ROWS_FOR_INDEX) {
    table.inputs.forEach((input, c) => {
      const idx =
        input.type === 'number' || input.type === 'date'
          ? buildSegmentIndex(rows, c)
          : buildHashIndex(rows, c);
      if (idx) indexes.push(idx);
    });
  }
  const allRows: Int32Array = Int32Array.from(rows.map((r) => r.index));
  const n = types.length;

  const readInputs = (data: unknown, ctx: EvalContext | undefined): { raw: unknown[]; norm: Value[] } => {
    const raw = new Array<unknown>(n);
    const norm = new Array<Value>(n);
    for (let c = 0; c < n; c++) {
      const v = inputFns[c]!(data, ctx);
      raw[c] = v;
      norm[c] = normaliseValue(v, types[c]!);
    }
    return { raw, norm };
  };

  const rowMatches = (
    row: Row,
    norm: Value[],
    raw: unknown[],
    data: unknown,
    ctx: EvalContext | undefined,
  ) => {
    const m = row.matchers;
    for (let c = 0; c < n; c++) {
      const f = m[c]!;
      if (f !== null && !f(norm[c]!, raw[c], data, ctx)) return false;
    }
    return true;
  };

  const candidatesFor = (norm: Value[]): Int32Array => {
    let best = allRows;
    for (const idx of indexes) {
      const list = idx.lookup(norm[idx.input]!);
      if (list.length < best.length) best = list;
    }
    return best;
  };

  const applyPolicy = (matched: Row[]): unknown => {
    switch (policy) {
      case 'U':
        if (matched.length > 1) {
          throw tableError(
            'table.unique_violation',
            `Hit policy U: rows ${matched.map((r) => r.index + 1).join(', ')} all match`,
            `命中策略 U：第 ${matched.map((r) => r.index + 1).join('、')} 行同时命中`,
            `/rules/${matched[1]!.index}`,
            { rows: matched.map((r) => r.index) },
          );
        }
        return matched[0]?.outputs ?? null;
      case 'A': {
        const first = matched[0];
        if (!first) return null;
        const other = matched.find((r) => !deepEqual(r.outputs, first.outputs));
        if (other) {
          throw tableError(
            'table.any_conflict',
            `Hit policy A: rows ${first.index + 1} and ${other.index + 1} match with different outputs`,
            `命中策略 A：第 ${first.index + 1} 行与第 ${other.index + 1} 行同时命中但输出不同`,
            `/rules/${other.index}`,
            { rows: [first.index, other.index] },
          );
        }
        return first.outputs;
      }
      case 'P': {
        let best: Row | undefined;
        for (const r of matched)
          if (!best || compareRanks(rank!(r.outputs), rank!(best.outputs)) < 0) best = r;
        return best?.outputs ?? null;
      }
      case 'F':
        return matched[0]?.outputs ?? null;
      case 'R':
      case 'C':
        return matched.map((r) => r.outputs);
      case 'O':
        return matched
          .map((r) => ({ r, k: rank!(r.outputs) }))
          .sort((a, b) => compareRanks(a.k, b.k) || a.r.index - b.r.index)
          .map((x) => x.r.outputs);
      case 'C#':
        return matched.length;
      default: {
        const id = table.outputs[0]!.id;
        const nums = matched.map((r) => r.outputs[id]).filter((v): v is number => typeof v === 'number');
        if (nums.length === 0) return null;
        if (policy === 'C+') return nums.reduce((s, x) => s + x, 0);
        return policy === 'C<' ? Math.min(...nums) : Math.max(...nums);
      }
    }
  };

  const traceEvaluate = (
    data: unknown,
    ctx: EvalContext | undefined,
    asOf: number | undefined,
    limit: number,
  ): TableResult => {
    const { raw, norm } = readInputs(data, ctx);
    const matched: Row[] = [];
    const single: NearMiss[] = [];
    const other: NearMiss[] = [];
    for (const row of rows) {
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
      const miss: NearMiss = { row: row.index, failedCells: failed + (outOfDate ? 1 : 0), cell: first };
      if (row.id !== undefined) miss.rowId = row.id;
      if (first >= 0) {
        miss.inputId = table.inputs[first]!.id;
        miss.cellSource = table.rules[row.index]!.cells[first]!;
        miss.value = raw[first];
      }
      if (miss.failedCells === 1) {
        if (single.length < limit) single.push(miss);
      } else if (other.length < limit) other.push(miss);
    }
    const inputs: Record<string, unknown> = {};
    table.inputs.forEach((input, c) => {
      inputs[input.id] = raw[c];
    });
    const value = applyPolicy(policy === 'F' ? matched.slice(0, 1) : matched);
    return {
      value,
      matchedRows: (policy === 'F' ? matched.slice(0, 1) : matched).map((r) => r.index),
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
  };

  return {
    id: table.id,
    hitPolicy: policy,
    rowCount: rows.length,
    indexedInputs: indexes.map((i) => table.inputs[i.input]!.id),
    evaluate(data, opts = {}) {
      const ctx = opts.ctx;
      const asOfText = opts.asOf ?? ctx?.asOf;
      let asOf: number | undefined;
      if (asOfText !== undefined) {
        asOf = isoDateToDay(asOfText.slice(0, 10));
        if (asOf === undefined) {
          throw tableError(
            'table.as_of',
            `asOf is not an ISO date: ${asOfText}`,
            `asOf 不是 ISO 日期：${asOfText}`,
          );
        }
      }
      if (opts.trace) return traceEvaluate(data, ctx, asOf, opts.nearMissLimit ?? 5);
      const { raw, norm } = readInputs(data, ctx);
      const candidates = candidatesFor(norm);
      const matched: Row[] = [];
      for (let k = 0; k < candidates.length; k++) {
        const row = rows[candidates[k]!]!;
        if (asOf !== undefined && (asOf < row.from || asOf > row.to)) continue;
        if (rowMatches(row, norm, raw, data, ctx)) {
          matched.push(row);
          if (policy === 'F') break;
        }
      }
      return { value: applyPolicy(matched), matchedRows: matched.map((r) => r.index) };
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
