/**
 * @module Editor of a routing table: a grid showing every cell in words (category and unit names,
 * keywords), results picked from units and SLA policies by name, a row editor with pickers and the
 * condition builder, rows (add, remove, move), analyseTable warnings by row, CSV import/export, and the
 * raw JSON as an advanced view.
 */
import type { Component } from 'solid-js';
import { createMemo, createSignal, For, Index, on, Show } from 'solid-js';
import { errorText } from '../../lib/error-text.ts';
import { PressedButtons } from '../../lib/pressed-buttons.tsx';
import { analyseTable } from '../../../engine/core/tables/analyse.ts';
import type { TableIssue } from '../../../engine/core/tables/analyse.ts';
import { tableFromCsv, tableToCsv } from '../../../engine/core/tables/csv.ts';
import type { ColumnType, DecisionTable, TableRule } from '../../../engine/core/tables/types.ts';
import { locale } from '../../i18n/index.ts';
import { ct } from '../cases/messages.ts';
import { showToast } from '../../components/feedback.tsx';
import { type RoutingRefs, unitIds } from './cell-model.ts';
import { InlineInput, OutputSelect } from './inline-controls.tsx';
import { cc, ccOr } from './messages.ts';
import { cellSummary, namesOf } from './pickers.tsx';
import { outputKind, RowEditor, UnitSelect } from './row-editor.tsx';
import { TitledPanel } from '../../components/titled-panel.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';

/** One icon button of a grid row. */
type RowAction = {
  key: 'config.moveUp' | 'config.moveDown' | 'config.insertBelow' | 'config.removeRow';
  icon: string;
  isOff?: () => boolean;
  danger?: boolean;
  run: () => void;
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
  /** Choices of the pickers: the version's documents and the units API. */
  refs: RoutingRefs;
  onChange: (next: DecisionTable) => void;
  onError: (text: string) => void;
  /** 0-based row to highlight (e.g. the row a test-run matched). */
  highlight?: number | null;
}

/** The grid: one row per rule, conditions then results then the note. */
export const RoutingTableEditor: Component<RoutingTableEditorProps> = (props) => {
  const names = namesOf(() => props.refs);
  const [editing, setEditing] = createSignal<number | null>(null);
  const editingRow = createMemo(on(editing, (index) => (index === null ? null : { index })));
  const [view, setView] = createSignal<'grid' | 'raw'>('grid');
  const [rawText, setRawText] = createSignal('');
  const [rawError, setRawError] = createSignal('');
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
  const remove = (index: number): void => {
    setEditing(null);
    setRules(props.table.rules.filter((_, i) => i !== index));
  };
  /** The icon buttons of row `index`, in order: the message naming it, its icon, when it is off, what it does. */
  const rowActions = (index: number): RowAction[] => [
    { key: 'config.moveUp', icon: '↑', isOff: () => index === 0, run: () => move(index, -1) },
    {
      key: 'config.moveDown',
      icon: '↓',
      isOff: () => index === props.table.rules.length - 1,
      run: () => move(index, 1),
    },
    { key: 'config.insertBelow', icon: '＋', run: () => insertAt(index + 1) },
    { key: 'config.removeRow', icon: '✕', danger: true, run: () => remove(index) },
  ];
  const hitPolicyText = () =>
    ccOr(`cc.hit.${props.table.hitPolicy}`, cc('cc.hit.other', { policy: props.table.hitPolicy }));
  const openRaw = (): void => {
    setRawText(JSON.stringify(props.table, null, 2));
    setRawError('');
    setView('raw');
  };
  const applyRaw = (): void => {
    try {
      const parsed = JSON.parse(rawText()) as DecisionTable;
      setRawError('');
      props.onChange(parsed);
      showToast(cc('cc.rawApplied'), 'info');
    } catch (error) {
      setRawError(cc('cc.rawInvalid', { message: errorText(error) }));
    }
  };

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
      showToast(ct('config.imported', { count: table.rules.length }), 'info');
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
          {ct('config.hitPolicy')}: <strong>{hitPolicyText()}</strong>
        </span>
        <span class="muted">{ct('config.rows', { count: props.table.rules.length })}</span>
        <span class="spacer" />
        <fieldset class="segmented">
          <legend class="sr-only">{ct('config.view')}</legend>
          <PressedButtons
            options={[
              { value: 'grid', label: cc('cc.view.grid') },
              { value: 'raw', label: cc('cc.view.raw'), testId: 'routing-view-raw' },
            ]}
            current={view()}
            onPick={(v) => (v === 'raw' ? openRaw() : setView(v))}
          />
        </fieldset>
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
      <TitledPanel
        level={3}
        titleId="analysis-title"
        title={ct('config.analysis')}
        class="analysis"
        testId="table-analysis"
      >
        <Show
          when={issues().length > 0}
          fallback={<p class="alert alert--success">{ct('config.analysisOk')}</p>}
        >
          <ul class="analysis__list">
            <For each={issues()}>
              {(issue) => (
                <li
                  class={`analysis__item analysis__item--${issue.severity ?? 'error'}`}
                  data-code={issue.code}
                >
                  {tableIssueText(issue)}
                  <Show when={issue.example}>
                    {(example) => (
                      <span class="small">
                        {' '}
                        {Object.entries(example())
                          .map(([k, v]) => {
                            const input = props.table.inputs.find((i) => i.id === k);
                            return input
                              ? `${input.label}＝${names.value(input, String(v))}`
                              : `${k}＝${String(v)}`;
                          })
                          .join('，')}
                      </span>
                    )}
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </TitledPanel>
      <Show when={view() === 'raw'}>
        <section class="panel" data-testid="routing-raw">
          <p class="muted small">{cc('cc.rawIntro')}</p>
          <textarea
            class="json-edit__text mono"
            rows={20}
            spellcheck={false}
            readOnly={!props.canEdit}
            aria-label={cc('cc.view.raw')}
            value={rawText()}
            onInput={(e) => setRawText(e.currentTarget.value)}
          />
          <ErrorAlert message={rawError()} />
          <Show when={props.canEdit}>
            <button type="button" class="btn btn--small" onClick={applyRaw}>
              {cc('cc.rawApply')}
            </button>
          </Show>
        </section>
      </Show>
      <Show when={view() === 'grid'}>
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
                <th rowSpan={2} scope="col">
                  {ct('config.rowActions')}
                </th>
              </tr>
              <tr>
                <For each={props.table.inputs}>
                  {(input) => (
                    <th scope="col" class="grid__in" title={input.description ?? ''}>
                      {/* Column labels are the table document's own words (the district's data). */}
                      <span data-user-content>{input.label}</span>
                    </th>
                  )}
                </For>
                <For each={props.table.outputs}>
                  {(output) => (
                    <th scope="col" class="grid__out">
                      <span data-user-content>{output.label}</span>
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
                  const rowName = () => ct('config.row', { n: index + 1 });
                  return (
                    <tr
                      class={`grid__row ${rowIssues().length > 0 ? (hasError() ? 'grid__row--error' : 'grid__row--warning') : ''} ${editing() === index ? 'grid__row--editing' : ''} ${props.highlight === index ? 'grid__row--matched' : ''}`}
                      data-row={index}
                      data-row-id={rule().id ?? ''}
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
                        {(input, col) => {
                          const summary = () =>
                            cellSummary(rule().cells[col()], input, props.table.inputs, names);
                          const isAny = () => summary() === cc('cc.any');
                          return (
                            <td class={`grid__cell grid__in ${isAny() ? 'grid__cell--any' : ''}`}>
                              <button
                                type="button"
                                class="grid__summary"
                                aria-label={`${ct('config.cellLabel', { column: input.label, n: index + 1 })}：${summary()}`}
                                onClick={() => setEditing(index)}
                              >
                                <span data-user-content>{isAny() ? '—' : summary()}</span>
                              </button>
                            </td>
                          );
                        }}
                      </For>
                      <For each={props.table.outputs}>
                        {(output, col) => {
                          const value = () => rule().outputs[col()];
                          const text = () => outputText(value());
                          const label = () => ct('config.cellLabel', { column: output.label, n: index + 1 });
                          const set = (v: string | number | boolean | null) =>
                            updateRule(index, (r) => ({
                              ...r,
                              outputs: props.table.outputs.map((_, i) =>
                                i === col() ? v : (r.outputs[i] ?? null),
                              ),
                            }));
                          const kind = outputKind(output.id);
                          return (
                            <td class="grid__cell grid__out">
                              <Show when={kind === 'lead'}>
                                <UnitSelect
                                  value={text()}
                                  label={label()}
                                  refs={props.refs}
                                  readOnly={!props.canEdit}
                                  onChange={(id) => set(id)}
                                />
                              </Show>
                              <Show when={kind === 'assisting'}>
                                <button
                                  type="button"
                                  class="grid__summary"
                                  aria-label={`${label()}：${unitIds(value()).map(names.unit).join('、') || '—'}`}
                                  onClick={() => setEditing(index)}
                                >
                                  <span data-user-content>
                                    {unitIds(value()).map(names.unit).join('、') || '—'}
                                  </span>
                                </button>
                              </Show>
                              <Show when={kind === 'priority' || kind === 'sla'}>
                                <OutputSelect
                                  class="jf-input input--auto grid__select"
                                  kind={kind === 'sla' ? 'sla' : 'priority'}
                                  output={output}
                                  refs={props.refs}
                                  slaName={names.sla}
                                  label={label()}
                                  value={text()}
                                  disabled={!props.canEdit}
                                  onValue={(v) => set(v)}
                                  empty={kind === 'sla' || text() === '' ? '—' : undefined}
                                />
                              </Show>
                              <Show when={kind === 'text'}>
                                <InlineInput
                                  class="grid__input"
                                  label={label()}
                                  value={text()}
                                  readOnly={!props.canEdit}
                                  onValue={(v) => set(readOutput(v, output.type))}
                                />
                              </Show>
                            </td>
                          );
                        }}
                      </For>
                      <td class="grid__cell">
                        <input
                          class="grid__input grid__input--note"
                          value={rule().annotation ?? ''}
                          readOnly={!props.canEdit}
                          aria-label={ct('config.cellLabel', {
                            column: ct('config.annotation'),
                            n: index + 1,
                          })}
                          onChange={(e) => {
                            const annotation = e.currentTarget.value;
                            updateRule(index, (r) => {
                              const { annotation: _old, ...rest } = r;
                              return annotation ? { ...rest, annotation } : rest;
                            });
                          }}
                        />
                      </td>
                      <td class="grid__actions">
                        <button
                          type="button"
                          class="btn btn--small"
                          aria-label={`${cc('cc.editRow')} ${rowName()}`}
                          aria-expanded={editing() === index}
                          onClick={() => setEditing(editing() === index ? null : index)}
                        >
                          {cc('cc.editRow')}
                        </button>
                        <Show when={props.canEdit}>
                          <For each={rowActions(index)}>
                            {(action) => (
                              <button
                                type="button"
                                class={`btn btn--icon btn--small${action.danger ? ' btn--danger' : ''}`}
                                aria-label={`${ct(action.key)} ${rowName()}`}
                                title={ct(action.key)}
                                disabled={action.isOff?.()}
                                onClick={action.run}
                              >
                                {action.icon}
                              </button>
                            )}
                          </For>
                        </Show>
                      </td>
                    </tr>
                  );
                }}
              </Index>
            </tbody>
          </table>
        </div>
        {/* Keyed on the row: another row gets fresh pickers (a mode chosen but not yet filled does not carry over). */}
        <Show when={editingRow()} keyed>
          {(row) => (
            <Show when={row.index < props.table.rules.length}>
              <RowEditor
                table={props.table}
                index={row.index}
                refs={props.refs}
                names={names}
                readOnly={!props.canEdit}
                onChange={(rule) => updateRule(row.index, () => rule)}
                onClose={() => setEditing(null)}
              />
            </Show>
          )}
        </Show>
      </Show>
    </div>
  );
};
