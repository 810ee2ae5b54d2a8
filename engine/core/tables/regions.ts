/** @module The input space of a decision table as atoms per input, and the walk over its regions that finds gaps, overlaps and reachable rows. */
import type { CellPart, ParsedCell, Scalar } from './cells.ts';
import { formatScalar, partMatches } from './cells.ts';
import type { ColumnType, DecisionTable } from './types.ts';
import { SINGLE_HIT_POLICIES } from './types.ts';

/** A piece of one input's domain: a point, an open interval between points, or "any other value". */
export interface Atom {
  /** Point value, or null for an open interval / "other". */
  point: Scalar | undefined;
  lo: number;
  hi: number;
  other?: boolean;
}

/** One dimension of the input space: an input (or "as of") cut into atoms. */
export interface Dim {
  id: string;
  type: ColumnType;
  ordered: boolean;
  atoms: Atom[];
}

const OTHER_TEXT = 'any other value';

/** Points and the open intervals between them, clipped to `range`; dates have no interval between consecutive days. */
export function orderedAtoms(points: number[], type: ColumnType, range: ParsedCell | undefined): Atom[] {
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

export function atomCovered(cell: ParsedCell, atom: Atom): boolean {
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

/** What one walk over the regions found. */
export interface Regions {
  /** Uncovered input combinations (cell syntax per dimension id), for single-hit policies. */
  gaps: Record<string, string>[];
  pairs: Set<string>;
  reachable: Set<number>;
  coveredBy: Map<number, Set<number>>;
  truncated: boolean;
}

/**
 * Walks the input space dimension by dimension, grouping atoms covered by the same rows, so each
 * region is visited once: an empty region is a gap, a leaf with several rows an overlap.
 */
export function exploreRegions(
  table: DecisionTable,
  q: { dims: readonly Dim[]; cover: ReadonlyMap<number, boolean[][]>; liveRows: number[] },
  limits: { maxExamples: number; maxPairs: number; maxRegions: number },
  found: Regions,
): void {
  const { dims, cover } = q;
  const policy = table.hitPolicy;
  const singleHit = SINGLE_HIT_POLICIES.includes(policy);
  const assignment: Atom[][] = [];
  let regions = 0;
  const onGap = (depth: number): void => {
    if (!singleHit || found.gaps.length >= limits.maxExamples) return;
    const example: Record<string, string> = {};
    dims.forEach((dim, d) => {
      example[dim.id] = d < depth ? formatAtoms(assignment[d]!, dim) : '-';
    });
    found.gaps.push(example);
  };
  const onLeaf = (rows: number[]): void => {
    const first = rows[0]!;
    found.reachable.add(first);
    for (const r of rows.slice(1)) {
      const set = found.coveredBy.get(r);
      if (set) set.add(first);
      else found.coveredBy.set(r, new Set([first]));
    }
    if (rows.length < 2 || found.pairs.size >= limits.maxPairs) return;
    if (policy !== 'U' && policy !== 'A') return;
    addPairs(table, rows, found.pairs, limits.maxPairs);
  };
  const explore = (d: number, rows: number[]): void => {
    if (found.truncated) return;
    if (++regions > limits.maxRegions) {
      found.truncated = true;
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
    const groups = new Map<string, { atoms: Atom[]; rows: number[] }>();
    dims[d]!.atoms.forEach((atom, a) => {
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
  if (dims.every((dim) => dim.atoms.length > 0)) explore(0, q.liveRows);
}

/** Overlapping row pairs of a leaf region (under A only those whose outputs differ), up to `maxPairs`. */
function addPairs(table: DecisionTable, rows: readonly number[], pairs: Set<string>, maxPairs: number): void {
  for (let i = 0; i < rows.length && pairs.size < maxPairs; i++) {
    for (let j = i + 1; j < rows.length && pairs.size < maxPairs; j++) {
      const a = rows[i]!;
      const b = rows[j]!;
      if (table.hitPolicy === 'A') {
        const oa = table.rules[a]!.outputs;
        const ob = table.rules[b]!.outputs;
        if (oa.every((v, k) => v === ob[k])) continue;
      }
      pairs.add(`${a},${b}`);
    }
  }
}
