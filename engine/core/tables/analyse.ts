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
import { checkRule } from '../rule-language.ts';
import type { CellPart, ParsedCell, Scalar } from './cells.ts';
import { formatScalar, isoDateToDay, parseCell, partMatches } from './cells.ts';
import { expressionRule } from './compile.ts';
import type { ColumnType, DecisionTable } from './types.ts';
import { SINGLE_HIT_POLICIES } from './types.ts';

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

interface Atom {
  /** Point value, or null for an open interval / "other". */
  point: Scalar | undefined;
  lo: number;
  hi: number;
  other?: boolean;
}

interface Dim {
  id: string;
  type: ColumnType;
  ordered: boolean;
  atoms: Atom[];
}

const OTHER_TEXT = 'any other value';

function mk(
  path: string,
  code: string,
  en: string,
  zh: string,
  severity: 'error' | 'warning' = 'error',
): TableIssue {
  return { path, code, message: en, messageZh: zh, severity };
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
        mk(
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
        mk(
          path,
          'table.input_unknown_field',
          `Input "${input.id}" reads "${varPath}", which the data schema does not define`,
          `输入 "${input.id}" 读取的 "${varPath}" 在数据结构中不存在`,
        ),
      );
    } else if (!schemaFits(sub, input.type)) {
      issues.push(
        mk(
          path,
          'table.input_type',
          `Input "${input.id}" has type ${input.type} but "${varPath}" is ${JSON.stringify(sub.type)} in the data schema`,
          `输入 "${input.id}" 的类型为 ${input.type}，但数据结构中 "${varPath}" 的类型为 ${JSON.stringify(sub.type)}`,
        ),
      );
    }
  });
}

function orderedAtoms(points: number[], type: ColumnType, range: ParsedCell | undefined): Atom[] {
  const sorted = [...new Set(points)].sort((a, b) => a - b);
  const atoms: Atom[] = [];
  for (let i = 0; i <= sorted.length; i++) {
    const lo = i === 0 ? Number.NEGATIVE_INFINITY : sorted[i - 1]!;
    const hi = i === sorted.length ? Number.POSITIVE_INFINITY : sorted[i]!;
    // Dates are whole days: no day lies strictly between consecutive days.
    if (!(type === 'date' && hi - lo <= 1)) atoms.push({ point: undefined, lo, hi });
    if (i < sorted.length) atoms.push({ point: hi, lo: hi, hi });
  }
  if (range?.kind !== 'test') return atoms;
  return atoms.filter((a) => atomCovered(range, a));
}

function atomCovered(cell: ParsedCell, atom: Atom): boolean {
  if (cell.kind === 'any') return true;
  if (cell.kind === 'rule') return false;
  let hit = false;
  for (const p of cell.parts) {
    if (partCoversAtom(p, atom)) {
      hit = true;
      break;
    }
  }
  return hit !== cell.negated;
}

function partCoversAtom(p: CellPart, atom: Atom): boolean {
  if (atom.other) return false;
  if (atom.point !== undefined) return partMatches(p, atom.point);
  if (p.kind === 'eq') return false;
  const lo = p.low ? p.low.value : Number.NEGATIVE_INFINITY;
  const hi = p.high ? p.high.value : Number.POSITIVE_INFINITY;
  return lo <= atom.lo && hi >= atom.hi;
}

function formatAtom(atom: Atom, type: ColumnType): string {
  if (atom.other) return OTHER_TEXT;
  if (atom.point !== undefined) return formatScalar(atom.point, type);
  const f = (v: number) => formatScalar(v, type);
  if (type === 'date' && Number.isFinite(atom.lo) && Number.isFinite(atom.hi)) {
    // Whole days strictly between the bounds.
    return atom.hi - atom.lo === 2 ? f(atom.lo + 1) : `[${f(atom.lo + 1)}..${f(atom.hi - 1)}]`;
  }
  if (atom.lo === Number.NEGATIVE_INFINITY && atom.hi === Number.POSITIVE_INFINITY) return '-';
  if (atom.lo === Number.NEGATIVE_INFINITY) return `< ${f(atom.hi)}`;
  if (atom.hi === Number.POSITIVE_INFINITY) return `> ${f(atom.lo)}`;
  return `(${f(atom.lo)}..${f(atom.hi)})`;
}

function formatAtoms(atoms: Atom[], dim: Dim): string {
  if (atoms.length === dim.atoms.length) return '-';
  const shown = atoms.slice(0, 3).map((a) => formatAtom(a, dim.type));
  return atoms.length > 3 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/**
 * Analyses a decision table; never throws. Finds cell syntax/type errors, output type errors,
 * input expressions that do not fit the data schema, gaps (U/A/P/F: uncovered input combinations
 * with examples), overlaps (U), conflicting outputs of overlapping rows (A), shadowed rows (F: a row
 * fully covered by earlier rows) and rows that can never match.
 */
export function analyseTable(table: DecisionTable, options: AnalyseOptions = {}): TableIssue[] {
  const issues: TableIssue[] = [];
  const maxExamples = options.maxExamples ?? 5;
  const maxPairs = options.maxPairs ?? 20;
  const maxRegions = options.maxRegions ?? 200_000;
  checkInputs(table, options.dataSchema, issues);
  const policy = table.hitPolicy;
  const ranked = table.outputs.some((o) => o.allowedValues && o.allowedValues.length > 0);
  if ((policy === 'P' || policy === 'O') && !ranked) {
    issues.push(
      mk(
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
      mk(
        '/outputs',
        'table.aggregation_output',
        `Hit policy ${policy} needs exactly one number output`,
        `命中策略 ${policy} 需要恰好一个数值型输出列`,
      ),
    );
  }

  // Parse every cell; rows with errors or rule cells are left out of the coverage analysis.
  const parsed: (ParsedCell[] | null)[] = table.rules.map((rule, r) => {
    let ok = true;
    if (!Array.isArray(rule.cells) || rule.cells.length !== table.inputs.length) {
      issues.push(
        mk(
          `/rules/${r}/cells`,
          'table.cell_count',
          `Row ${r + 1} must have ${table.inputs.length} cells`,
          `第 ${r + 1} 行必须有 ${table.inputs.length} 个单元格`,
        ),
      );
      return null;
    }
    if (!Array.isArray(rule.outputs) || rule.outputs.length !== table.outputs.length) {
      issues.push(
        mk(
          `/rules/${r}/outputs`,
          'table.output_count',
          `Row ${r + 1} must have ${table.outputs.length} outputs`,
          `第 ${r + 1} 行必须有 ${table.outputs.length} 个输出值`,
        ),
      );
      ok = false;
    } else {
      rule.outputs.forEach((v, k) => {
        const out = table.outputs[k]!;
        if (!valueFitsType(v, out.type)) {
          issues.push(
            mk(
              `/rules/${r}/outputs/${k}`,
              'table.output_type',
              `Output "${out.id}" of row ${r + 1} is not a ${out.type}: ${JSON.stringify(v)}`,
              `第 ${r + 1} 行的输出 "${out.id}" 不是 ${out.type} 类型：${JSON.stringify(v)}`,
            ),
          );
        } else if (out.allowedValues && v !== null && !out.allowedValues.includes(v as never)) {
          issues.push(
            mk(
              `/rules/${r}/outputs/${k}`,
              'table.output_not_allowed',
              `Output "${out.id}" of row ${r + 1} is not among its allowedValues: ${JSON.stringify(v)}`,
              `第 ${r + 1} 行的输出 "${out.id}" 不在 allowedValues 中：${JSON.stringify(v)}`,
            ),
          );
        }
      });
    }
    for (const key of ['validFrom', 'validTo'] as const) {
      const d = rule[key];
      if (d !== undefined && isoDateToDay(d) === undefined) {
        issues.push(
          mk(`/rules/${r}/${key}`, 'table.valid_date', `Not an ISO date: ${d}`, `不是 ISO 日期：${d}`),
        );
        ok = false;
      }
    }
    const cells = rule.cells.map((source, c) => {
      const res = parseCell(source, table.inputs[c]!.type);
      if (!res.ok) {
        issues.push(mk(`/rules/${r}/cells/${c}`, res.code, res.en, res.zh));
        ok = false;
        return { kind: 'any' } as ParsedCell;
      }
      return res.cell;
    });
    return ok ? cells : null;
  });
  const skipped: number[] = [];
  parsed.forEach((cells, r) => {
    if (cells?.some((c) => c.kind === 'rule')) skipped.push(r);
  });
  if (skipped.length > 0) {
    issues.push(
      mk(
        `/rules/${skipped[0]}`,
        'table.analysis_skipped_row',
        `Rows ${skipped.map((r) => r + 1).join(', ')} have rule cells and are left out of gap/overlap analysis`,
        `第 ${skipped.map((r) => r + 1).join('、')} 行含规则单元格，未参与遗漏/重叠分析`,
        'warning',
      ),
    );
  }
  const active = table.rules.map((_, r) => r).filter((r) => parsed[r] !== null && !skipped.includes(r));

  // Dimensions: inputs, plus "as of" when rows carry validity dates.
  const dims: Dim[] = table.inputs.map((input, c) => {
    const cellsOf = active.map((r) => parsed[r]![c]!);
    const ordered = (input.type === 'number' || input.type === 'date') && !input.allowedValues;
    if (ordered) {
      const points: number[] = [];
      let range: ParsedCell | undefined;
      if (input.range !== undefined) {
        const res = parseCell(input.range, input.type);
        if (res.ok) range = res.cell;
        else issues.push(mk(`/inputs/${c}/range`, res.code, res.en, res.zh));
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
      return { id: input.id, type: input.type, ordered, atoms: orderedAtoms(points, input.type, range) };
    }
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
    return { id: input.id, type: input.type, ordered, atoms };
  });
  const validity = active.map((r) => table.rules[r]!).filter((rule) => rule.validFrom || rule.validTo);
  if (validity.length > 0) {
    const bounds: number[] = [];
    let minFrom = Number.POSITIVE_INFINITY;
    let maxTo = Number.NEGATIVE_INFINITY;
    for (const r of active) {
      const rule = table.rules[r]!;
      const from = rule.validFrom ? isoDateToDay(rule.validFrom)! : Number.NEGATIVE_INFINITY;
      const to = rule.validTo ? isoDateToDay(rule.validTo)! : Number.POSITIVE_INFINITY;
      minFrom = Math.min(minFrom, from);
      maxTo = Math.max(maxTo, to);
      if (Number.isFinite(from)) bounds.push(from);
      if (Number.isFinite(to)) bounds.push(to);
    }
    const span: ParsedCell = {
      kind: 'test',
      negated: false,
      parts: [
        {
          kind: 'range',
          low: Number.isFinite(minFrom) ? { value: minFrom, inclusive: true } : null,
          high: Number.isFinite(maxTo) ? { value: maxTo, inclusive: true } : null,
        },
      ],
    };
    dims.push({ id: 'asOf', type: 'date', ordered: true, atoms: orderedAtoms(bounds, 'date', span) });
  }
  const validityCell = (r: number): ParsedCell => {
    const rule = table.rules[r]!;
    return {
      kind: 'test',
      negated: false,
      parts: [
        {
          kind: 'range',
          low: rule.validFrom ? { value: isoDateToDay(rule.validFrom)!, inclusive: true } : null,
          high: rule.validTo ? { value: isoDateToDay(rule.validTo)!, inclusive: true } : null,
        },
      ],
    };
  };

  // Coverage: cover[r][d][a].
  const cover = new Map<number, boolean[][]>();
  for (const r of active) {
    const cells = [...parsed[r]!];
    if (dims.length > table.inputs.length) cells.push(validityCell(r));
    cover.set(
      r,
      dims.map((dim, d) => dim.atoms.map((atom) => atomCovered(cells[d]!, atom))),
    );
  }
  const reachable = new Set<number>();
  const coveredBy = new Map<number, Set<number>>();
  for (const r of active) {
    const cv = cover.get(r)!;
    if (cv.some((atoms) => !atoms.some(Boolean))) {
      issues.push(
        mk(
          `/rules/${r}`,
          'table.empty_row',
          `Row ${r + 1} can never match (a cell covers no value of its input's domain)`,
          `第 ${r + 1} 行永远不会命中（某个单元格不覆盖任何取值）`,
          'warning',
        ),
      );
      reachable.add(r);
    }
  }

  const singleHit = SINGLE_HIT_POLICIES.includes(policy);
  const gaps: TableIssue[] = [];
  const pairs = new Set<string>();
  let regions = 0;
  let truncated = false;
  const assignment: Atom[][] = [];

  const onGap = (depth: number): void => {
    if (!singleHit || gaps.length >= maxExamples) return;
    const example: Record<string, string> = {};
    dims.forEach((dim, d) => {
      example[dim.id] = d < depth ? formatAtoms(assignment[d]!, dim) : '-';
    });
    const text = Object.entries(example)
      .map(([k, v]) => `${k} = ${v}`)
      .join('; ');
    gaps.push({
      ...mk('/rules', 'table.gap', `No row covers: ${text}`, `没有规则覆盖：${text}`),
      example,
    });
  };

  const onLeaf = (rows: number[]): void => {
    const first = rows[0]!;
    reachable.add(first);
    for (const r of rows.slice(1)) {
      const set = coveredBy.get(r);
      if (set) set.add(first);
      else coveredBy.set(r, new Set([first]));
    }
    if (rows.length < 2 || pairs.size >= maxPairs) return;
    if (policy !== 'U' && policy !== 'A') return;
    for (let i = 0; i < rows.length && pairs.size < maxPairs; i++) {
      for (let j = i + 1; j < rows.length && pairs.size < maxPairs; j++) {
        const a = rows[i]!;
        const b = rows[j]!;
        if (policy === 'A') {
          const oa = table.rules[a]!.outputs;
          const ob = table.rules[b]!.outputs;
          if (oa.every((v, k) => v === ob[k])) continue;
        }
        pairs.add(`${a},${b}`);
      }
    }
  };

  const explore = (d: number, rows: number[]): void => {
    if (truncated) return;
    if (++regions > maxRegions) {
      truncated = true;
      return;
    }
    if (rows.length === 0) {
      onGap(d);
      return;
    }
    if (d === dims.length) {
      onLeaf(rows);
      return;
    }
    const dim = dims[d]!;
    const groups = new Map<string, { atoms: Atom[]; rows: number[] }>();
    dim.atoms.forEach((atom, a) => {
      const here = rows.filter((r) => cover.get(r)![d]![a]);
      const key = here.join(',');
      const g = groups.get(key);
      if (g) g.atoms.push(atom);
      else groups.set(key, { atoms: [atom], rows: here });
    });
    for (const g of groups.values()) {
      assignment[d] = g.atoms;
      explore(d + 1, g.rows);
    }
  };
  const liveRows = active.filter((r) => !cover.get(r)!.some((atoms) => !atoms.some(Boolean)));
  if (dims.every((dim) => dim.atoms.length > 0)) explore(0, liveRows);
  if (truncated) {
    issues.push(
      mk(
        '/rules',
        'table.analysis_truncated',
        `Analysis stopped after ${maxRegions} regions; results are partial`,
        `分析在 ${maxRegions} 个区域后停止，结果不完整`,
        'warning',
      ),
    );
  }
  issues.push(...gaps);
  for (const key of pairs) {
    const [a, b] = key.split(',').map(Number) as [number, number];
    if (policy === 'U') {
      issues.push({
        ...mk(
          `/rules/${b}`,
          'table.overlap',
          `Rows ${a + 1} and ${b + 1} overlap; hit policy U allows one match`,
          `第 ${a + 1} 行与第 ${b + 1} 行重叠；命中策略 U 只允许命中一行`,
        ),
        rows: [a, b],
      });
    } else {
      issues.push({
        ...mk(
          `/rules/${b}`,
          'table.conflict',
          `Rows ${a + 1} and ${b + 1} overlap with different outputs; hit policy A needs them to agree`,
          `第 ${a + 1} 行与第 ${b + 1} 行重叠且输出不同；命中策略 A 要求输出一致`,
        ),
        rows: [a, b],
      });
    }
  }
  if (policy === 'F' && !truncated) {
    for (const r of liveRows) {
      if (reachable.has(r)) continue;
      const by = [...(coveredBy.get(r) ?? [])].sort((x, y) => x - y);
      issues.push({
        ...mk(
          `/rules/${r}`,
          'table.shadowed',
          `Row ${r + 1} is unreachable: rows ${by.map((x) => x + 1).join(', ')} above cover all its cases`,
          `第 ${r + 1} 行不可达：其上的第 ${by.map((x) => x + 1).join('、')} 行已覆盖其全部情形`,
        ),
        rows: [r, ...by],
      });
    }
  }
  return issues;
}
