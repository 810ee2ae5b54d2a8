/**
 * @module Static analysis of decision tables: cell and output types, gaps, overlaps, shadowed rows and conflicts.
 *
 * Method: every input's domain is cut into atoms — for number/date inputs the elementary intervals
 * between all bounds that appear in its cells (points and open intervals, clipped to the input's
 * `range`), for other inputs the declared `allowedValues` or else every mentioned value plus "any
 * other value". A row covers a set of atoms per input, i.e. a box. The analysis walks the inputs one
 * by one, grouping atoms that the still-active rows cover identically; each branch ends either with
 * no active row (a gap, reported with an example) or in a region where exactly the same rows match
 * (overlaps, conflicts and the first row there, which makes the row reachable under F). Rows with
 * validity dates add an "as of" date dimension. Rows with JSON Logic rule cells cannot be reasoned
 * about and are left out (warning `table.analysis_skipped_row`).
 */
import type { Issue } from '../errors.ts';
import { issueOf } from '../errors.ts';
import { checkRule } from '../rule-language.ts';
import type { ParsedCell, Scalar } from './cells.ts';
import { isoDateToDay, parseCell } from './cells.ts';
import { expressionRule } from './compile.ts';
import { rowLengthIssue } from './hit-policy.ts';
import type { ColumnType, DecisionTable } from './types.ts';
import type { Atom, Dim, Regions } from './regions.ts';
import { atomCovered, exploreRegions, orderedAtoms } from './regions.ts';

/** An analysis finding. `rows` are 0-based row indices (paths `/rules/{row}`). */
export interface TableIssue extends Issue {
  rows?: number[];
  /** For gaps: an uncovered input combination, cell syntax per input id (and `asOf`). */
  example?: Record<string, string>;
}

/** Options of {@link analyseTable}. */
export interface AnalyseOptions {
  /** JSON Schema of the data the input expressions read. */
  dataSchema?: unknown;
  /** Maximum gap examples reported; default 5. */
  maxExamples?: number;
  /** Maximum overlap/conflict pairs reported; default 20. */
  maxPairs?: number;
  /** Bound on explored regions; default 200 000. */
  maxRegions?: number;
}

function valueFitsType(v: unknown, type: ColumnType): boolean {
  if (v === null) return true;
  if (type === 'number') return typeof v === 'number' && Number.isFinite(v);
  if (type === 'boolean') return typeof v === 'boolean';
  if (type === 'date') return typeof v === 'string' && isoDateToDay(v) !== undefined;
  return typeof v === 'string';
}

/** Looks up a dotted var path in a JSON Schema (properties and array `items` by numeric segment). */
function schemaAt(schema: unknown, path: string): Record<string, unknown> | undefined {
  let node = schema as Record<string, unknown> | undefined;
  if (path === '') return node;
  for (const key of path.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    if (/^\d+$/.test(key) && node.items && typeof node.items === 'object') {
      node = node.items as Record<string, unknown>;
      continue;
    }
    const props = node.properties as Record<string, Record<string, unknown>> | undefined;
    if (!props || !Object.hasOwn(props, key)) return undefined;
    node = props[key];
  }
  return node;
}

function schemaFits(sub: Record<string, unknown>, type: ColumnType): boolean {
  const raw = sub.type;
  const types = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  if (types.length === 0) return true;
  if (type === 'number') return types.includes('number') || types.includes('integer');
  if (type === 'date') return types.includes('string');
  return types.includes(type);
}

function checkInputs(table: DecisionTable, dataSchema: unknown, issues: TableIssue[]): void {
  const seen = new Set<string>();
  [
    ...table.inputs.map((c) => ['inputs', c.id] as const),
    ...table.outputs.map((c) => ['outputs', c.id] as const),
  ].forEach(([where, id], k) => {
    if (seen.has(id)) {
      const index = where === 'inputs' ? k : k - table.inputs.length;
      issues.push(
        issueOf(
          `/${where}/${index}/id`,
          'table.duplicate_id',
          `Column id "${id}" is used twice`,
          `列标识 "${id}" 重复`,
        ),
      );
    }
    seen.add(id);
  });
  if (dataSchema === undefined) return;
  table.inputs.forEach((input, i) => {
    const rule = expressionRule(input.expression);
    const path = `/inputs/${i}/expression`;
    const ruleIssues = checkRule(rule, dataSchema);
    for (const issue of ruleIssues) issues.push({ ...issue, path: `${path}${issue.path}` });
    const v = (rule as { var?: unknown }).var;
    const varPath =
      typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
    if (varPath === undefined || Object.keys(rule as object).length !== 1) return;
    const sub = schemaAt(dataSchema, varPath);
    if (sub === undefined) {
      // The rule checker may already have reported the unknown variable.
      if (ruleIssues.length > 0) return;
      issues.push(
        issueOf(
          path,
          'table.input_unknown_field',
          `Input "${input.id}" reads "${varPath}", which the data schema does not define`,
          `输入 "${input.id}" 读取的 "${varPath}" 在数据结构中不存在`,
        ),
      );
    } else if (!schemaFits(sub, input.type)) {
      issues.push(
        issueOf(
          path,
          'table.input_type',
          `Input "${input.id}" has type ${input.type} but "${varPath}" is ${JSON.stringify(sub.type)} in the data schema`,
          `输入 "${input.id}" 的类型为 ${input.type}，但数据结构中 "${varPath}" 的类型为 ${JSON.stringify(sub.type)}`,
        ),
      );
    }
  });
}

/** Hit policies P/O need an ordered output, C+/C</C> exactly one number output. */
function checkPolicy(table: DecisionTable, issues: TableIssue[]): void {
  const policy = table.hitPolicy;
  const ranked = table.outputs.some((o) => o.allowedValues && o.allowedValues.length > 0);
  if ((policy === 'P' || policy === 'O') && !ranked) {
    issues.push(
      issueOf(
        '/outputs',
        'table.priority_missing',
        `Hit policy ${policy} needs allowedValues on an output`,
        `命中策略 ${policy} 需要输出列定义 allowedValues`,
      ),
    );
  }
  if (
    (policy === 'C+' || policy === 'C<' || policy === 'C>') &&
    (table.outputs.length !== 1 || table.outputs[0]!.type !== 'number')
  ) {
    issues.push(
      issueOf(
        '/outputs',
        'table.aggregation_output',
        `Hit policy ${policy} needs exactly one number output`,
        `命中策略 ${policy} 需要恰好一个数值型输出列`,
      ),
    );
  }
}

type Rule = DecisionTable['rules'][number];

/** A row's outputs: their count, types and allowed values. Returns whether the count is right. */
function checkRowOutputs(table: DecisionTable, rule: Rule, r: number, issues: TableIssue[]): boolean {
  const wrongLength = rowLengthIssue(table, r, 'outputs');
  if (wrongLength) {
    issues.push(wrongLength);
    return false;
  }
  rule.outputs.forEach((v, k) => {
    const out = table.outputs[k]!;
    if (!valueFitsType(v, out.type)) {
      issues.push(
        issueOf(
          `/rules/${r}/outputs/${k}`,
          'table.output_type',
          `Output "${out.id}" of row ${r + 1} is not a ${out.type}: ${JSON.stringify(v)}`,
          `第 ${r + 1} 行的输出 "${out.id}" 不是 ${out.type} 类型：${JSON.stringify(v)}`,
        ),
      );
    } else if (out.allowedValues && v !== null && !out.allowedValues.includes(v as never)) {
      issues.push(
        issueOf(
          `/rules/${r}/outputs/${k}`,
          'table.output_not_allowed',
          `Output "${out.id}" of row ${r + 1} is not among its allowedValues: ${JSON.stringify(v)}`,
          `第 ${r + 1} 行的输出 "${out.id}" 不在 allowedValues 中：${JSON.stringify(v)}`,
        ),
      );
    }
  });
  return true;
}

/** Parses every cell; rows with errors come back null (they are left out of the coverage analysis). */
function parseRows(table: DecisionTable, issues: TableIssue[]): (ParsedCell[] | null)[] {
  return table.rules.map((rule, r) => {
    const wrongLength = rowLengthIssue(table, r, 'cells');
    if (wrongLength) {
      issues.push(wrongLength);
      return null;
    }
    let ok = checkRowOutputs(table, rule, r, issues);
    for (const key of ['validFrom', 'validTo'] as const) {
      const d = rule[key];
      if (d !== undefined && isoDateToDay(d) === undefined) {
        issues.push(
          issueOf(`/rules/${r}/${key}`, 'table.valid_date', `Not an ISO date: ${d}`, `不是 ISO 日期：${d}`),
        );
        ok = false;
      }
    }
    const cells = rule.cells.map((source, c) => {
      const res = parseCell(source, table.inputs[c]!.type);
      if (!res.ok) {
        issues.push(issueOf(`/rules/${r}/cells/${c}`, res.code, res.en, res.zh));
        ok = false;
        return { kind: 'any' } as ParsedCell;
      }
      return res.cell;
    });
    return ok ? cells : null;
  });
}

/** Rows with rule cells: reported, and left out of the gap/overlap analysis. */
function rowsWithRuleCells(parsed: readonly (ParsedCell[] | null)[], issues: TableIssue[]): number[] {
  const skipped: number[] = [];
  parsed.forEach((cells, r) => {
    if (cells?.some((c) => c.kind === 'rule')) skipped.push(r);
  });
  if (skipped.length > 0) {
    issues.push(
      issueOf(
        `/rules/${skipped[0]}`,
        'table.analysis_skipped_row',
        `Rows ${skipped.map((r) => r + 1).join(', ')} have rule cells and are left out of gap/overlap analysis`,
        `第 ${skipped.map((r) => r + 1).join('、')} 行含规则单元格，未参与遗漏/重叠分析`,
        'warning',
      ),
    );
  }
  return skipped;
}

type Input = DecisionTable['inputs'][number];

/** A number/date input: atoms between every point the cells (and its declared range) mention. */
function orderedDim(input: Input, c: number, cellsOf: readonly ParsedCell[], issues: TableIssue[]): Dim {
  const points: number[] = [];
  let range: ParsedCell | undefined;
  if (input.range !== undefined) {
    const res = parseCell(input.range, input.type);
    if (res.ok) range = res.cell;
    else issues.push(issueOf(`/inputs/${c}/range`, res.code, res.en, res.zh));
  }
  for (const cell of range ? [...cellsOf, range] : cellsOf) {
    if (cell.kind !== 'test') continue;
    for (const p of cell.parts) {
      if (p.kind === 'eq') {
        if (typeof p.value === 'number') points.push(p.value);
      } else {
        if (p.low) points.push(p.low.value);
        if (p.high) points.push(p.high.value);
      }
    }
  }
  return { id: input.id, type: input.type, ordered: true, atoms: orderedAtoms(points, input.type, range) };
}

/** Any other input: its allowed values, true/false, or the values the cells name plus "any other value". */
function discreteDim(input: Input, cellsOf: readonly ParsedCell[]): Dim {
  let values: Scalar[];
  let other = false;
  if (input.allowedValues) {
    values =
      input.type === 'date'
        ? input.allowedValues.map((v) => isoDateToDay(String(v)) ?? null)
        : input.allowedValues;
  } else if (input.type === 'boolean') {
    values = [true, false];
  } else {
    const mentioned = new Set<Scalar>();
    for (const cell of cellsOf) {
      if (cell.kind === 'test') for (const p of cell.parts) if (p.kind === 'eq') mentioned.add(p.value);
    }
    values = [...mentioned];
    other = true;
  }
  const atoms: Atom[] = values.map((v) => ({ point: v, lo: 0, hi: 0 }));
  if (other) atoms.push({ point: undefined, lo: 0, hi: 0, other: true });
  return { id: input.id, type: input.type, ordered: false, atoms };
}

/** A cell covering the day numbers `from`..`to` (inclusive; an infinite end is open). */
function dayRangeCell(from: number, to: number): ParsedCell {
  return {
    kind: 'test',
    negated: false,
    parts: [
      {
        kind: 'range',
        low: Number.isFinite(from) ? { value: from, inclusive: true } : null,
        high: Number.isFinite(to) ? { value: to, inclusive: true } : null,
      },
    ],
  };
}

const validFromDay = (rule: Rule) =>
  rule.validFrom ? isoDateToDay(rule.validFrom)! : Number.NEGATIVE_INFINITY;
const validToDay = (rule: Rule) => (rule.validTo ? isoDateToDay(rule.validTo)! : Number.POSITIVE_INFINITY);

/** The "as of" dimension when some active row carries validity dates. */
function validityDim(table: DecisionTable, active: readonly number[]): Dim | null {
  const validity = active.map((r) => table.rules[r]!).filter((rule) => rule.validFrom || rule.validTo);
  if (validity.length === 0) return null;
  const bounds: number[] = [];
  let minFrom = Number.POSITIVE_INFINITY;
  let maxTo = Number.NEGATIVE_INFINITY;
  for (const r of active) {
    const rule = table.rules[r]!;
    const from = validFromDay(rule);
    const to = validToDay(rule);
    minFrom = Math.min(minFrom, from);
    maxTo = Math.max(maxTo, to);
    if (Number.isFinite(from)) bounds.push(from);
    if (Number.isFinite(to)) bounds.push(to);
  }
  return {
    id: 'asOf',
    type: 'date',
    ordered: true,
    atoms: orderedAtoms(bounds, 'date', dayRangeCell(minFrom, maxTo)),
  };
}

/** Overlaps (U) and conflicts (A) of the pairs found. */
function pairIssues(policy: DecisionTable['hitPolicy'], pairs: ReadonlySet<string>): TableIssue[] {
  return [...pairs].map((key) => {
    const [a, b] = key.split(',').map(Number) as [number, number];
    const issue =
      policy === 'U'
        ? issueOf(
            `/rules/${b}`,
            'table.overlap',
            `Rows ${a + 1} and ${b + 1} overlap; hit policy U allows one match`,
            `第 ${a + 1} 行与第 ${b + 1} 行重叠；命中策略 U 只允许命中一行`,
          )
        : issueOf(
            `/rules/${b}`,
            'table.conflict',
            `Rows ${a + 1} and ${b + 1} overlap with different outputs; hit policy A needs them to agree`,
            `第 ${a + 1} 行与第 ${b + 1} 行重叠且输出不同；命中策略 A 要求输出一致`,
          );
    return { ...issue, rows: [a, b] };
  });
}

/** Under F: live rows no region reaches first, with the rows above that cover them. */
function shadowedIssues(liveRows: readonly number[], found: Regions): TableIssue[] {
  const out: TableIssue[] = [];
  for (const r of liveRows) {
    if (found.reachable.has(r)) continue;
    const by = [...(found.coveredBy.get(r) ?? [])].sort((x, y) => x - y);
    out.push({
      ...issueOf(
        `/rules/${r}`,
        'table.shadowed',
        `Row ${r + 1} is unreachable: rows ${by.map((x) => x + 1).join(', ')} above cover all its cases`,
        `第 ${r + 1} 行不可达：其上的第 ${by.map((x) => x + 1).join('、')} 行已覆盖其全部情形`,
      ),
      rows: [r, ...by],
    });
  }
  return out;
}

/** Coverage `cover[r][d][a]` of every active row; rows that cover nothing in some dimension are reported. */
function coverage(
  table: DecisionTable,
  q: { active: readonly number[]; parsed: readonly (ParsedCell[] | null)[]; dims: readonly Dim[] },
  found: Regions,
  issues: TableIssue[],
): Map<number, boolean[][]> {
  const { dims } = q;
  const cover = new Map<number, boolean[][]>();
  for (const r of q.active) {
    const cells = [...q.parsed[r]!];
    if (dims.length > table.inputs.length) {
      const rule = table.rules[r]!;
      cells.push(dayRangeCell(validFromDay(rule), validToDay(rule)));
    }
    cover.set(
      r,
      dims.map((dim, d) => dim.atoms.map((atom) => atomCovered(cells[d]!, atom))),
    );
  }
  for (const r of q.active) {
    const cv = cover.get(r)!;
    if (cv.some((atoms) => !atoms.some(Boolean))) {
      issues.push(
        issueOf(
          `/rules/${r}`,
          'table.empty_row',
          `Row ${r + 1} can never match (a cell covers no value of its input's domain)`,
          `第 ${r + 1} 行永远不会命中（某个单元格不覆盖任何取值）`,
          'warning',
        ),
      );
      found.reachable.add(r);
    }
  }
  return cover;
}

/**
 * Analyses a decision table; never throws. Finds cell syntax/type errors, output type errors,
 * input expressions that do not fit the data schema, gaps (U/A/P/F: uncovered input combinations
 * with examples), overlaps (U), conflicting outputs of overlapping rows (A), shadowed rows (F: a row
 * fully covered by earlier rows) and rows that can never match.
 */
export function analyseTable(table: DecisionTable, options: AnalyseOptions = {}): TableIssue[] {
  const issues: TableIssue[] = [];
  checkInputs(table, options.dataSchema, issues);
  checkPolicy(table, issues);
  const parsed = parseRows(table, issues);
  const skipped = rowsWithRuleCells(parsed, issues);
  const active = table.rules.map((_, r) => r).filter((r) => parsed[r] !== null && !skipped.includes(r));
  // Dimensions: inputs, plus "as of" when rows carry validity dates.
  const dims: Dim[] = table.inputs.map((input, c) => {
    const cellsOf = active.map((r) => parsed[r]![c]!);
    const ordered = (input.type === 'number' || input.type === 'date') && !input.allowedValues;
    return ordered ? orderedDim(input, c, cellsOf, issues) : discreteDim(input, cellsOf);
  });
  const asOf = validityDim(table, active);
  if (asOf) dims.push(asOf);
  const found: Regions = {
    gaps: [],
    pairs: new Set(),
    reachable: new Set(),
    coveredBy: new Map(),
    truncated: false,
  };
  const cover = coverage(table, { active, parsed, dims }, found, issues);
  const liveRows = active.filter((r) => !cover.get(r)!.some((atoms) => !atoms.some(Boolean)));
  const maxRegions = options.maxRegions ?? 200_000;
  const limits = { maxExamples: options.maxExamples ?? 5, maxPairs: options.maxPairs ?? 20, maxRegions };
  exploreRegions(table, { dims, cover, liveRows }, limits, found);
  if (found.truncated) {
    issues.push(
      issueOf(
        '/rules',
        'table.analysis_truncated',
        `Analysis stopped after ${maxRegions} regions; results are partial`,
        `分析在 ${maxRegions} 个区域后停止，结果不完整`,
        'warning',
      ),
    );
  }
  for (const example of found.gaps) {
    const text = Object.entries(example)
      .map(([k, v]) => `${k} = ${v}`)
      .join('; ');
    issues.push({
      ...issueOf('/rules', 'table.gap', `No row covers: ${text}`, `没有规则覆盖：${text}`),
      example,
    });
  }
  issues.push(...pairIssues(table.hitPolicy, found.pairs));
  if (table.hitPolicy === 'F' && !found.truncated) issues.push(...shadowedIssues(liveRows, found));
  return issues;
}
