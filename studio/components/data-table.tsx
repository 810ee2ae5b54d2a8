/**
 * @module DataTable: the one studio table. Columns are data (label, cell, sort, alignment, width);
 * the component draws the accessible markup (caption, thead/tbody, th scope=col, sortable headers as
 * buttons with aria-sort), a loading row with the spinner while nothing has arrived yet, and an empty
 * row when there is nothing to show. Adding a table to a page is one `<DataTable columns rows />`.
 */
import type { JSX } from 'solid-js';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { t } from '../i18n/index.ts';
import type { SortableColumn, SortState } from './data-table-model.ts';
import { ariaSort, nextSort, sortRows, sortValue } from './data-table-model.ts';
import { Spinner } from './feedback.tsx';

export type { SortSpec, SortState } from './data-table-model.ts';

/** One column: its header text and how a row shows (and sorts) in it. */
export interface DataColumn<R> extends SortableColumn<R> {
  /** Header text, already in the current language (write `t(...)` in the JSX so it follows the locale). */
  label: JSX.Element;
  /** The cell's content; defaults to the sort value (`value(row)` or `row[key]`) as text. */
  cell?: (row: R, index: number) => JSX.Element;
  /** Class of the column's cells (e.g. 'mono', or one per row); `headerClass` for its header. */
  class?: string | ((row: R) => string);
  headerClass?: string;
  /** 'end' for numbers. */
  align?: 'start' | 'center' | 'end';
  /** CSS width of the column, e.g. '8em'. */
  width?: string;
  /** The cell names its row (`<th scope="row">`). */
  rowHeader?: boolean;
  /** `data-testid` of the column's cells (the same for all, or one per row). */
  testId?: string | ((row: R) => string | undefined);
  /** More attributes of a cell (data-*). */
  cellProps?: (row: R) => Record<string, unknown>;
  /** A tooltip of the cell. */
  title?: (row: R) => string | undefined;
}

/** A DataTable's inputs. */
export interface DataTableProps<R> {
  columns: readonly DataColumn<R>[];
  /** The rows; undefined while the first load runs. */
  rows: readonly R[] | undefined;
  /** A load is running: with no rows yet a loading row shows; with rows the table is aria-busy. */
  loading?: boolean;
  /** The loading row's text; defaults to the shared “正在加载…”. */
  loadingLabel?: string;
  loadingTestId?: string;
  /** Text of the row shown when there are no rows (none when omitted). */
  empty?: JSX.Element;
  caption?: JSX.Element;
  /** The caption is for screen readers only. */
  captionHidden?: boolean;
  /** Classes of the `<table>` (default 'table'), `data-testid`, and `aria-label`. */
  class?: string;
  testId?: string;
  ariaLabel?: string;
  /** More attributes of the `<table>` (data-*). */
  tableProps?: Record<string, unknown>;
  /** Class of the scrolling wrapper (default 'table-wrap'); false draws the table bare. */
  wrap?: string | false;
  wrapTestId?: string;
  /** Extra attributes of a row (class, data-testid, data-*). */
  rowProps?: (row: R, index: number) => JSX.HTMLAttributes<HTMLTableRowElement> & Record<string, unknown>;
  /** A click (or Enter) on a row; rows then take focus. */
  onRowClick?: (row: R) => void;
  /** The selected row(s): the 'is-selected' class. */
  selected?: (row: R) => boolean;
  /** A full-width row under a row when `open(row)` (details, attempts); `props` are its attributes. */
  detail?: {
    open: (row: R) => boolean;
    content: (row: R) => JSX.Element;
    props?: JSX.HTMLAttributes<HTMLTableRowElement> & Record<string, unknown>;
  };
  /** No header row: a key/value table whose first column names each row (`rowHeader`). */
  headless?: boolean;
  /** The sort before any header is clicked. */
  initialSort?: SortState;
  /** Content of a `<tfoot>` (rows). */
  footer?: JSX.Element;
}

const alignStyle = (align: DataColumn<unknown>['align']): JSX.CSSProperties | undefined =>
  align === 'end' ? { 'text-align': 'right' } : align === 'center' ? { 'text-align': 'center' } : undefined;

const defaultCell = <R,>(column: DataColumn<R>, row: R): JSX.Element => {
  const value = sortValue(column, row);
  return value === undefined || value === null ? '' : String(value);
};

const classes = (...names: (string | false | undefined)[]): string | undefined =>
  names.filter(Boolean).join(' ') || undefined;

/** The header cell of one column: a button that sorts when the column sorts. */
function HeaderCell<R>(props: {
  column: DataColumn<R>;
  sort: SortState | undefined;
  onSort: (key: string) => void;
}): JSX.Element {
  const sortable = () => props.column.sort !== undefined;
  return (
    <th
      scope="col"
      class={props.column.headerClass}
      style={{
        ...alignStyle(props.column.align),
        ...(props.column.width ? { width: props.column.width } : {}),
      }}
      aria-sort={sortable() ? ariaSort(props.sort, props.column.key) : undefined}
    >
      <Show when={sortable()} fallback={props.column.label}>
        <button type="button" class="data-table__sort" onClick={() => props.onSort(props.column.key)}>
          {props.column.label}
          <span class="data-table__sort-mark" aria-hidden="true">
            {{ ascending: '▲', descending: '▼', none: '↕' }[ariaSort(props.sort, props.column.key)]}
          </span>
        </button>
      </Show>
    </th>
  );
}

/** One body row. */
function BodyRow<R>(props: { table: DataTableProps<R>; row: R; index: number }): JSX.Element {
  const clickable = () => props.table.onRowClick !== undefined;
  const selected = () => props.table.selected?.(props.row) ?? false;
  const extra = () => props.table.rowProps?.(props.row, props.index) ?? {};
  return (
    <tr
      {...extra()}
      class={classes(
        extra().class as string | undefined,
        clickable() && 'data-table__row--clickable',
        selected() && 'is-selected',
      )}
      tabIndex={clickable() ? 0 : undefined}
      onClick={clickable() ? () => props.table.onRowClick?.(props.row) : undefined}
      onKeyDown={
        clickable()
          ? (event) => {
              if (event.key === 'Enter' && event.target === event.currentTarget)
                props.table.onRowClick?.(props.row);
            }
          : undefined
      }
    >
      <For each={props.table.columns}>
        {(column) => {
          const cellClass = () =>
            typeof column.class === 'function' ? column.class(props.row) : column.class;
          const content = () =>
            column.cell ? column.cell(props.row, props.index) : defaultCell(column, props.row);
          return column.rowHeader ? (
            <th
              {...column.cellProps?.(props.row)}
              scope="row"
              class={cellClass()}
              style={alignStyle(column.align)}
              title={column.title?.(props.row)}
            >
              {content()}
            </th>
          ) : (
            <td
              {...column.cellProps?.(props.row)}
              class={cellClass()}
              style={alignStyle(column.align)}
              title={column.title?.(props.row)}
              data-testid={typeof column.testId === 'function' ? column.testId(props.row) : column.testId}
            >
              {content()}
            </td>
          );
        }}
      </For>
    </tr>
  );
}

/** The studio's table. */
export function DataTable<R>(props: DataTableProps<R>): JSX.Element {
  const [sort, setSort] = createSignal<SortState | undefined>(props.initialSort);
  const rows = createMemo(() => sortRows(props.rows ?? [], props.columns, sort()));
  const waiting = () => props.loading === true && rows().length === 0;
  const table = (
    <table
      {...props.tableProps}
      class={props.class ?? 'table'}
      data-testid={props.testId}
      aria-label={props.ariaLabel}
      aria-busy={props.loading ? 'true' : undefined}
    >
      <Show when={props.caption}>
        <caption class={props.captionHidden ? 'sr-only' : undefined}>{props.caption}</caption>
      </Show>
      <Show when={!props.headless}>
        <thead>
          <tr>
            <For each={props.columns}>
              {(column) => (
                <HeaderCell column={column} sort={sort()} onSort={(key) => setSort(nextSort(sort(), key))} />
              )}
            </For>
          </tr>
        </thead>
      </Show>
      <tbody>
        <Show when={waiting()}>
          <tr class="data-table__loading">
            <td colSpan={props.columns.length}>
              <Spinner label={props.loadingLabel ?? t('common.loading')} testId={props.loadingTestId} />
            </td>
          </tr>
        </Show>
        <Show when={!waiting() && rows().length === 0 && props.empty !== undefined}>
          <tr class="data-table__empty">
            <td colSpan={props.columns.length} class="muted">
              {props.empty}
            </td>
          </tr>
        </Show>
        <For each={rows()}>
          {(row, index) => (
            <>
              <BodyRow table={props} row={row} index={index()} />
              <Show when={props.detail?.open(row)}>
                <tr {...props.detail?.props}>
                  <td colSpan={props.columns.length}>{props.detail?.content(row)}</td>
                </tr>
              </Show>
            </>
          )}
        </For>
      </tbody>
      <Show when={props.footer}>
        <tfoot>{props.footer}</tfoot>
      </Show>
    </table>
  );
  return (
    <Show when={props.wrap !== false} fallback={table}>
      <div class={(props.wrap as string | undefined) ?? 'table-wrap'} data-testid={props.wrapTestId}>
        {table}
      </div>
    </Show>
  );
}
