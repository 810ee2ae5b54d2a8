/** @module Spreadsheet-like editor of a routing table: cells, rows (add, remove, move), analyseTable warnings by row, CSV import/export. */
import type { Component } from 'solid-js';
import { createMemo, For, Index, Show } from 'solid-js';
import { analyseTable } from '../../../engine/core/tables/analyse.ts';
import type { TableIssue } from '../../../engine/core/tables/analyse.ts';
import { tableFromCsv, tableToCsv } from '../../../engine/core/tables/csv.ts';
import type { CellSource, ColumnType, DecisionTable, TableRule } from '../../../engine/core/tables/types.ts';
import { locale } from '../../i18n/index.ts';
import { ct } from '../cases/messages.ts';

/** The text shown for an input cell (JSON Logic cells as JSON). */
const cellText = (cell: CellSource | undefined): string =>
  cell === undefined ? '' : typeof cell === 'string' ? cell : JSON.stringify(cell);

/** Reads an edited input cell: text starting with `{` that parses is a JSON Logic rule. */
const readCell = (text: string): CellSource => {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed) as Record<string, unknown>;
    } catch {
      // Left as text; the analysis reports it as a bad cell.
    }
  }
  return text;
};

const outputText = (value: string | number | boolean | null | undefined): string =>
  value === null || value === undefined ? '' : String(value);

/** Reads an edited output value by its column type; empty numbers/booleans are null. */
const readOutput = (text: string, type: ColumnType): string | number | boolean | null => {
  const trimmed = text.trim();
  if (type === 'number')
    return trimmed === '' || Number.isNaN(Number(trimmed))
      ? trimmed === ''
        ? null
        : trimmed
      : Number(trimmed);
  if (type === 'boolean')
    return trimmed === 'true' ? true : trimmed === 'false' ? false : trimmed === '' ? null : trimmed;
  return text;
};

/** Issue text in the current language. */
export const tableIssueText = (issue: TableIssue): string =>
  locale() === 'en' ? issue.message : (issue.messageZh ?? issue.message);

/** Props of {@link RoutingTableEditor}. */
export interface RoutingTableEditorProps {
  table: DecisionTable;
  canEdit: boolean;
  onChange: (next: DecisionTable) => void;
  /** Shown after a CSV import. */
  onNotice: (text: string) => void;
  onError: (text: string) => void;
}

/** The grid: one row per rule, conditions then results then the note. */
export const RoutingTableEditor: Component<RoutingTableEditorProps> = (props) => {
  const issues = createMemo(() => analyseTable(props.table));
  const issuesByRow = createMemo(() => {
    const map = new Map<number, TableIssue[]>();
    for (const issue of issues()) {
      const rows =
        issue.rows ??
        (/^\/rules\/(\d+)/.exec(issue.path) ? [Number(/^\/rules\/(\d+)/.exec(issue.path)![1])] : []);
      for (const row of rows) map.set(row, [...(map.get(row) ?? []), issue]);
    }
    return map;
  });

  const setRules = (rules: TableRule[]): void => props.onChange({ ...props.table, rules });
  const updateRule = (index: number, change: (rule: TableRule) => TableRule): void =>
    setRules(props.table.rules.map((rule, i) => (i === index ? change(rule) : rule)));
  const blankRule = (): TableRule => ({
    id: `r-${props.table.rules.length + 1}-${Math.random().toString(36).slice(2, 6)}`,
    cells: props.table.inputs.map(() => '-'),
    outputs: props.table.outputs.map(() => null),
  });
  const insertAt = (index: number): void => {
    const rules = [...props.table.rules];
    rules.splice(index, 0, blankRule());
    setRules(rules);
  };
  const move = (index: number, delta: number): void => {
    const target = index + delta;
    if (target < 0 || target >= props.table.rules.length) return;
    const rules = [...props.table.rules];
    [rules[index], rules[target]] = [rules[target]!, rules[index]!];
    setRules(rules);
  };
  const remove = (index: number): void => setRules(props.table.rules.filter((_, i) => i !== index));

  const exportCsv = (): void => {
    const blob = new Blob([tableToCsv(props.table, { bom: true })], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${props.table.id}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  };
  const importCsv = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    try {
      const text = (await file.text()).replace(/^\uFEFF/, '');
      const table = tableFromCsv(text);
      props.onChange(table);
      props.onNotice(ct('config.imported', { count: table.rules.length }));
    } catch (error) {
      const message =
        error && typeof error === 'object' && 'messageZh' in error && locale() !== 'en'
          ? String((error as { messageZh: unknown }).messageZh)
          : error instanceof Error
            ? error.message
            : String(error);
      props.onError(message);
    }
  };

  const inputCount = () => props.table.inputs.length;
  const outputCount = () => props.table.outputs.length;

  return (
    <div class="routing-editor">
      <div class="toolbar">
        <span>
          {ct('config.hitPolicy')}: <strong class="mono">{props.table.hitPolicy}</strong>
        </span>
        <span class="muted">{ct('config.rows', { count: props.table.rules.length })}</span>
        <span class="spacer" />
        <button type="button" class="btn btn--small" onClick={exportCsv} data-testid="export-csv">
          {ct('config.exportCsv')}
        </button>
        <Show when={props.canEdit}>
          <label class="btn btn--small file-button">
            {ct('config.importCsv')}
            <input
              type="file"
              accept=".csv,text/csv"
              class="sr-only"
              data-testid="import-csv"
              onChange={(e) => {
                void importCsv(e.currentTarget.files?.[0]);
                e.currentTarget.value = '';
              }}
            />
          </label>
          <button type="button" class="btn btn--small" onClick={() => insertAt(props.table.rules.length)}>
            ＋ {ct('config.addRow')}
          </button>
        </Show>
      </div>
      <section class="analysis" aria-labelledby="analysis-title" data-testid="table-analysis">
        <h3 id="analysis-title" class="section-title">
          {ct('config.analysis')}
        </h3>
        <Show
          when={issues().length > 0}
          fallback={<p class="alert alert--success">{ct('config.analysisOk')}</p>}
        >
          <ul class="analysis__list">
            <For each={issues()}>
              {(issue) => (
                <li class={`analysis__item analysis__item--${issue.severity ?? 'error'}`}>
                  <span class="analysis__code mono">{issue.code}</span> {tableIssueText(issue)}
                  <Show when={issue.example}>
                    {(example) => (
                      <span class="mono small">
                        {' '}
                        {Object.entries(example())
                          .map(([k, v]) => `${k}=${v}`)
                          .join(', ')}
                      </span>
                    )}
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>
      <div class="table-wrap grid-wrap">
        <table class="grid" data-testid="routing-grid">
          <thead>
            <tr>
              <th rowSpan={2} scope="col">
                #
              </th>
              <th colSpan={inputCount()} scope="colgroup" class="grid__group grid__group--in">
                {ct('config.inputs')}
              </th>
              <th colSpan={outputCount()} scope="colgroup" class="grid__group grid__group--out">
                {ct('config.outputs')}
              </th>
              <th rowSpan={2} scope="col">
                {ct('config.annotation')}
              </th>
              <Show when={props.canEdit}>
                <th rowSpan={2} scope="col">
                  {ct('config.rowActions')}
                </th>
              </Show>
            </tr>
            <tr>
              <For each={props.table.inputs}>
                {(input) => (
                  <th scope="col" class="grid__in" title={input.description ?? ''}>
                    {input.label}
                    <span class="grid__type mono">{input.id}</span>
                  </th>
                )}
              </For>
              <For each={props.table.outputs}>
                {(output) => (
                  <th scope="col" class="grid__out">
                    {output.label}
                    <span class="grid__type mono">{output.id}</span>
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody>
            <Index each={props.table.rules}>
              {(rule, index) => {
                const rowIssues = () => issuesByRow().get(index) ?? [];
                const hasError = () => rowIssues().some((i) => (i.severity ?? 'error') === 'error');
                return (
                  <tr
                    class={`grid__row ${rowIssues().length > 0 ? (hasError() ? 'grid__row--error' : 'grid__row--warning') : ''}`}
                    data-row={index}
                  >
                    <th scope="row" class="grid__index">
                      {index + 1}
                      <Show when={rowIssues().length > 0}>
                        <span
                          class="grid__flag"
                          role="img"
                          aria-label={rowIssues().map(tableIssueText).join('；')}
                          title={rowIssues().map(tableIssueText).join('\n')}
                        >
                          {hasError() ? '⛔' : '⚠'}
                        </span>
                      </Show>
                    </th>
                    <For each={props.table.inputs}>
                      {(input, col) => (
                        <td class="grid__cell grid__in">
                          <input
                            class="grid__input mono"
                            value={cellText(rule().cells[col()])}
                            readOnly={!props.canEdit}
                            aria-label={ct('config.cellLabel', { column: input.label, n: index + 1 })}
                            onChange={(e) => {
                              const value = readCell(e.currentTarget.value);
                              updateRule(index, (r) => ({
                                ...r,
                                cells: r.cells.map((c, i) => (i === col() ? value : c)),
                              }));
                            }}
                          />
                        </td>
                      )}
                    </For>
                    <For each={props.table.outputs}>
                      {(output, col) => (
                        <td class="grid__cell grid__out">
                          <input
                            class="grid__input"
                            value={outputText(rule().outputs[col()])}
                            readOnly={!props.canEdit}
                            aria-label={ct('config.cellLabel', { column: output.label, n: index + 1 })}
                            onChange={(e) => {
                              const value = readOutput(e.currentTarget.value, output.type);
                              updateRule(index, (r) => ({
                                ...r,
                                outputs: props.table.outputs.map((_, i) =>
                                  i === col() ? value : (r.outputs[i] ?? null),
                                ),
                              }));
                            }}
                          />
                        </td>
                      )}
                    </For>
                    <td class="grid__cell">
                      <input
                        class="grid__input grid__input--note"
                        value={rule().annotation ?? ''}
                        readOnly={!props.canEdit}
                        aria-label={ct('config.cellLabel', { column: ct('config.annotation'), n: index + 1 })}
                        onChange={(e) => {
                          const annotation = e.currentTarget.value;
                          updateRule(index, (r) => {
                            const { annotation: _old, ...rest } = r;
                            return annotation ? { ...rest, annotation } : rest;
                          });
                        }}
                      />
                    </td>
                    <Show when={props.canEdit}>
                      <td class="grid__actions">
                        <button
                          type="button"
                          class="btn btn--icon btn--small"
                          aria-label={`${ct('config.moveUp')} ${ct('config.row', { n: index + 1 })}`}
                          title={ct('config.moveUp')}
                          disabled={index === 0}
                          onClick={() => move(index, -1)}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          class="btn btn--icon btn--small"
                          aria-label={`${ct('config.moveDown')} ${ct('config.row', { n: index + 1 })}`}
                          title={ct('config.moveDown')}
                          disabled={index === props.table.rules.length - 1}
                          onClick={() => move(index, 1)}
                        >
                          ↓
                        </button>
                        <button
                          type="button"
                          class="btn btn--icon btn--small"
                          aria-label={`${ct('config.insertBelow')} ${ct('config.row', { n: index + 1 })}`}
                          title={ct('config.insertBelow')}
                          onClick={() => insertAt(index + 1)}
                        >
                          ＋
                        </button>
                        <button
                          type="button"
                          class="btn btn--icon btn--small btn--danger"
                          aria-label={`${ct('config.removeRow')} ${ct('config.row', { n: index + 1 })}`}
                          title={ct('config.removeRow')}
                          onClick={() => remove(index)}
                        >
                          ✕
                        </button>
                      </td>
                    </Show>
                  </tr>
                );
              }}
            </Index>
          </tbody>
        </table>
      </div>
    </div>
  );
};
