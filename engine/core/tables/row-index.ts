/** @module Row indexes of a compiled decision table: a hash index for equality columns, a segment index for number and date ranges. */
import type { EvalContext } from '../rule-language.ts';
import type { ParsedCell, Scalar } from './cells.ts';
import { INVALID } from './cells.ts';

export type Value = Scalar | typeof INVALID;
export type Matcher = (v: Value, raw: unknown, data: unknown, ctx: EvalContext | undefined) => boolean;

export interface Row {
  index: number;
  id: string | undefined;
  /** One matcher per input, null for `-`. */
  matchers: (Matcher | null)[];
  parsed: ParsedCell[];
  from: number;
  to: number;
  outputs: Readonly<Record<string, unknown>>;
}

export interface Index {
  input: number;
  lookup(v: Value): Int32Array;
}

export const MIN_ROWS_FOR_INDEX = 16;

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

export function buildHashIndex(rows: readonly Row[], input: number): Index | null {
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

type Span = [low: number, high: number, lowInclusive: boolean, highInclusive: boolean];

/** The spans each row's cell covers on a number/date column; rows whose cell is no plain range are wildcards. */
function rowSpans(rows: readonly Row[], input: number) {
  const points = new Set<number>();
  const indexable: { row: number; spans: Span[] }[] = [];
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
    const spans: Span[] = [];
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
  return { points, indexable, wildcard };
}

/**
 * Segments of the number line cut at `sorted` points. Segment ids: 2i+1 is the point sorted[i]; 2i is
 * the open interval below it; 2n is above the last.
 */
function segments(sorted: Float64Array) {
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
  const covers = (span: Span, seg: number): boolean => {
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
  return { segmentOf, covers };
}

export function buildSegmentIndex(rows: readonly Row[], input: number): Index | null {
  const { points, indexable, wildcard } = rowSpans(rows, input);
  if (wildcard.length > rows.length * 0.9 || indexable.length === 0) return null;
  const { segmentOf, covers } = segments(Float64Array.from([...points].sort((a, b) => a - b)));
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

/** The indexes worth keeping for a table's rows (none under `MIN_ROWS_FOR_INDEX` rows or with `noIndex`). */
export function buildIndexes(
  rows: readonly Row[],
  inputTypes: readonly string[],
  noIndex: boolean | undefined,
): Index[] {
  const indexes: Index[] = [];
  if (noIndex || rows.length < MIN_ROWS_FOR_INDEX) return indexes;
  inputTypes.forEach((type, c) => {
    const idx = type === 'number' || type === 'date' ? buildSegmentIndex(rows, c) : buildHashIndex(rows, c);
    if (idx) indexes.push(idx);
  });
  return indexes;
}
