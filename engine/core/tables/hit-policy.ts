/** @module Hit policies of a decision table: what the matched rows give (U, A, P, F, R, C, O, C#, C+, C<, C>). */
import type { Issue } from '../errors.ts';
import { issueOf, RuleError } from '../errors.ts';
import type { DecisionTable, HitPolicy, TableOutput } from './types.ts';

type OutputRecord = Readonly<Record<string, unknown>>;
/** A matched row as the policies see it. */
export interface MatchedRow {
  index: number;
  outputs: OutputRecord;
}
type Rank = (rec: OutputRecord) => number[];

export function tableError(
  code: string,
  en: string,
  zh: string,
  path?: string,
  details?: unknown,
): RuleError {
  return new RuleError(code, { en, zh }, { path, details });
}

/** The issue of row `r` when its `cells` or `outputs` are not one per table input or output; null when they are. */
export function rowLengthIssue(table: DecisionTable, r: number, part: 'cells' | 'outputs'): Issue | null {
  const list = table.rules[r]![part];
  const want = part === 'cells' ? table.inputs.length : table.outputs.length;
  if (Array.isArray(list) && list.length === want) return null;
  return part === 'cells'
    ? issueOf(
        `/rules/${r}/cells`,
        'table.cell_count',
        `Row ${r + 1} must have ${want} cells`,
        `第 ${r + 1} 行必须有 ${want} 个单元格`,
      )
    : issueOf(
        `/rules/${r}/outputs`,
        'table.output_count',
        `Row ${r + 1} must have ${want} outputs`,
        `第 ${r + 1} 行必须有 ${want} 个输出值`,
      );
}

/** The `RuleError` that reports `issue` (a table that cannot be compiled). */
export function issueError(issue: Issue): RuleError {
  return tableError(issue.code, issue.message, issue.messageZh ?? issue.message, issue.path);
}

/** Orders output records by the outputs' `allowedValues` (earlier first), or null when no output has them. */
export function outputRank(outputs: readonly TableOutput[]): Rank | null {
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

/** Structural equality of JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Refuses a policy the outputs cannot serve: P/O without an order, C+/C</C> without one number output. */
export function checkPolicyOutputs(table: DecisionTable, rank: Rank | null): void {
  const policy = table.hitPolicy;
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
}

/** Unique: one row at most. */
function uniqueHit(matched: readonly MatchedRow[]): unknown {
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
}

/** Any: every matched row must give the same outputs. */
function anyHit(matched: readonly MatchedRow[]): unknown {
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

/** C+, C<, C>: sum, least or greatest of the one number output. */
function aggregate(policy: HitPolicy, outputId: string, matched: readonly MatchedRow[]): unknown {
  const nums = matched.map((r) => r.outputs[outputId]).filter((v): v is number => typeof v === 'number');
  if (nums.length === 0) return null;
  if (policy === 'C+') return nums.reduce((s, x) => s + x, 0);
  return policy === 'C<' ? Math.min(...nums) : Math.max(...nums);
}

/** The table's value from its matched rows (in row order) under its hit policy. */
export function applyPolicy(
  q: { policy: HitPolicy; outputs: readonly TableOutput[]; rank: Rank | null },
  matched: readonly MatchedRow[],
): unknown {
  const { policy, rank } = q;
  switch (policy) {
    case 'U':
      return uniqueHit(matched);
    case 'A':
      return anyHit(matched);
    case 'P': {
      let best: MatchedRow | undefined;
      for (const r of matched) if (!best || compareRanks(rank!(r.outputs), rank!(best.outputs)) < 0) best = r;
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
    default:
      return aggregate(policy, q.outputs[0]!.id, matched);
  }
}
