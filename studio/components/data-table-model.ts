/** @module The pure part of the studio's DataTable: how a column sorts, the next sort on a header click, aria-sort. */

/** How a column sorts: as text (locale-aware, numbers in text by value), as numbers, or by a comparator. */
export type SortSpec<R> = 'text' | 'number' | ((a: R, b: R) => number);

/** The columns' sorting facts the model needs (the component's columns carry more). */
export interface SortableColumn<R> {
  key: string;
  sort?: SortSpec<R>;
  /** The value sorted by for 'text' / 'number'; defaults to `row[key]`. */
  value?: (row: R) => unknown;
}

/** Which column sorts the rows, and which way. */
export interface SortState {
  key: string;
  direction: 'ascending' | 'descending';
}

const collator = new Intl.Collator(['zh-CN', 'en'], { numeric: true, sensitivity: 'base' });

const isBlank = (value: unknown): boolean => value === undefined || value === null || value === '';

/** Blank values last whatever the direction; numbers by value; the rest as text. */
const compareValues = (a: unknown, b: unknown, kind: 'text' | 'number'): number => {
  if (isBlank(a) || isBlank(b)) return 0;
  if (kind === 'number') return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
};

/** The value of `row` a column sorts by. */
export const sortValue = <R>(column: SortableColumn<R>, row: R): unknown =>
  column.value ? column.value(row) : (row as Record<string, unknown>)[column.key];

/** A copy of `rows` sorted by `state` (stable; blanks last); `rows` itself when nothing sorts. */
export const sortRows = <R>(
  rows: readonly R[],
  columns: readonly SortableColumn<R>[],
  state: SortState | undefined,
): readonly R[] => {
  const column = state ? columns.find((c) => c.key === state.key) : undefined;
  if (!state || !column?.sort) return rows;
  const sign = state.direction === 'ascending' ? 1 : -1;
  const spec = column.sort;
  const compare = (a: R, b: R): number => {
    if (typeof spec === 'function') return sign * spec(a, b);
    const left = sortValue(column, a);
    const right = sortValue(column, b);
    const blanks = Number(isBlank(left)) - Number(isBlank(right));
    return blanks !== 0 ? blanks : sign * compareValues(left, right, spec);
  };
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => compare(a.row, b.row) || a.index - b.index)
    .map((entry) => entry.row);
};

/** The sort after a click on `key`'s header: ascending first, then descending, then ascending again. */
export const nextSort = (state: SortState | undefined, key: string): SortState =>
  state?.key === key && state.direction === 'ascending'
    ? { key, direction: 'descending' }
    : { key, direction: 'ascending' };

/** `aria-sort` of a sortable header: its direction when it sorts the rows, 'none' otherwise. */
export const ariaSort = (state: SortState | undefined, key: string): 'ascending' | 'descending' | 'none' =>
  state?.key === key ? state.direction : 'none';
