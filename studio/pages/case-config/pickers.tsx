/**
 * @module Pickers of the routing editor: names for codes (categories, units, channels, SLA policies), a
 * cell's summary in words, chips (keywords, grids, assisting units), a grouped check list (the category
 * tree, streets, channels), the condition builder for JSON Logic cells and the per-column cell editor.
 */
import type { Component } from 'solid-js';
import { createSignal, For, Index, Match, Show, Switch } from 'solid-js';
import { operatorLabel } from '../../../engine/core/scoring/operators/labels.ts';
import type { CellSource, TableInput } from '../../../engine/core/tables/types.ts';
import { locale, localText } from '../../i18n/index.ts';
import {
  type CellModel,
  COMPARISONS,
  type ConditionRow,
  cellModel,
  columnKind,
  modelToCell,
  type RoutingRefs,
  TEXT_OPERATORS,
  type Text2,
} from './cell-model.ts';
import { cc, ccOr } from './messages.ts';

const local = (t: Text2 | undefined, fallback: string): string => (t ? localText(t) : fallback);

/** Names of the codes a routing table holds. */
export interface Names {
  category(code: string): string;
  unit(id: string): string;
  channel(code: string): string;
  sla(id: string): string;
  /** A value of an input column in words. */
  value(input: TableInput, value: string): string;
}

/** Builds {@link Names} over the reference data. */
export function namesOf(refs: () => RoutingRefs): Names {
  const category = (code: string) => local(refs().categories.find((c) => c.code === code)?.name, code);
  const unit = (id: string) => refs().units.find((u) => u.id === id)?.name ?? id;
  const channel = (code: string) => local(refs().channels.find((c) => c.code === code)?.label, code);
  const sla = (id: string) => local(refs().slaPolicies.find((p) => p.id === id)?.name, id);
  return {
    category,
    unit,
    channel,
    sla,
    value(input, value) {
      const expression = typeof input.expression === 'string' ? input.expression : '';
      const kind = columnKind(input);
      if (kind === 'category') return category(value);
      if (kind === 'unit') return unit(value);
      if (expression === 'case.channel') return channel(value);
      return ccOr(`cc.requester.${value}`, value);
    },
  };
}

/** Field choices of the condition builder: this column, then every input column of the table. */
export const fieldChoices = (input: TableInput, inputs: readonly TableInput[]) => [
  { value: '$', label: cc('cc.fieldSelf', { label: input.label }) },
  ...inputs
    .filter((i) => typeof i.expression === 'string' && i.id !== input.id)
    .map((i) => ({ value: `data.${i.expression as string}`, label: i.label })),
];

const opName = (op: string): string => {
  const label = operatorLabel(op);
  return label ? (locale() === 'en' ? label.en : label.zh) : op;
};

/** A cell in words (names, keywords), for the grid. */
export function cellSummary(
  cell: CellSource | undefined,
  input: TableInput,
  inputs: readonly TableInput[],
  names: Names,
): string {
  const model = cellModel(cell, input);
  switch (model.mode) {
    case 'any':
      return cc('cc.any');
    case 'bool':
      return model.value ? cc('cc.yes') : cc('cc.no');
    case 'values':
      return model.values.map((v) => names.value(input, v)).join(locale() === 'en' ? ', ' : '、');
    case 'conditions': {
      const fields = fieldChoices(input, inputs);
      const parts = model.rows.map((r) => {
        const field = r.field === '$' ? '' : `${fields.find((f) => f.value === r.field)?.label ?? r.field} `;
        if (r.op === 'keyword_match') {
          const words = (Array.isArray(r.value) ? r.value : [String(r.value)]).join('、');
          return `${field}${r.match === 'all' ? cc('cc.match.all') : cc('cc.match.any')}${cc('cc.colon')}${words}`;
        }
        return `${field}${opName(r.op)} ${String(r.value)}`;
      });
      return parts.join(model.join === 'and' ? cc('cc.semicolon') : ` ${opName('or')} `);
    }
    case 'raw':
      return model.text;
  }
}

/** The chips of a list of values, each with a remove button unless read-only. */
export const ChipList: Component<{
  values: readonly string[];
  label: string;
  readOnly: boolean;
  onRemove: (value: string) => void;
  /** Shown instead of the value on each chip. */
  display?: (value: string) => string;
  testId?: string;
}> = (props) => {
  const shown = (value: string): string => (props.display ? props.display(value) : value);
  return (
    <ul class="chips__list" aria-label={props.label} data-testid={props.testId}>
      <For each={props.values}>
        {(value) => (
          <li class="chip">
            <span>{shown(value)}</span>
            <Show when={!props.readOnly}>
              <button
                type="button"
                class="chip__remove"
                aria-label={cc('cc.chipRemove', { value: shown(value) })}
                onClick={() => props.onRemove(value)}
              >
                ×
              </button>
            </Show>
          </li>
        )}
      </For>
    </ul>
  );
};

/** Chips with an input to add more (Enter or the add button) and a remove button on each. */
export const ChipsInput: Component<{
  values: readonly string[];
  label: string;
  readOnly: boolean;
  onChange: (values: string[]) => void;
  /** Shown instead of the value on each chip. */
  display?: (value: string) => string;
  /** Offered as the input's suggestions. */
  suggestions?: readonly string[];
  testId?: string;
}> = (props) => {
  const [draft, setDraft] = createSignal('');
  const listId = `chips-${Math.random().toString(36).slice(2, 8)}`;
  const add = (): void => {
    const words = draft()
      .split(/[,，、]/)
      .map((w) => w.trim())
      .filter((w) => w !== '' && !props.values.includes(w));
    if (words.length > 0) props.onChange([...props.values, ...words]);
    setDraft('');
  };
  return (
    <div class="chips" data-testid={props.testId}>
      <ChipList
        values={props.values}
        label={props.label}
        readOnly={props.readOnly}
        display={props.display}
        onRemove={(value) => props.onChange(props.values.filter((v) => v !== value))}
      />
      <Show when={!props.readOnly}>
        <span class="chips__add">
          <input
            class="jf-input input--auto"
            aria-label={`${props.label}：${cc('cc.chipAdd')}`}
            placeholder={cc('cc.chipPlaceholder')}
            list={props.suggestions ? listId : undefined}
            value={draft()}
            onInput={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          <Show when={props.suggestions}>
            <datalist id={listId}>
              <For each={props.suggestions}>{(s) => <option value={s} />}</For>
            </datalist>
          </Show>
          <button type="button" class="btn btn--small" onClick={add}>
            {cc('cc.chipAdd')}
          </button>
        </span>
      </Show>
    </div>
  );
};

/** One choice of a {@link CheckList}. */
export interface Choice {
  value: string;
  label: string;
  group?: string;
}

/** Check boxes, grouped (e.g. the category tree by group). */
export const CheckList: Component<{
  choices: readonly Choice[];
  selected: readonly string[];
  legend: string;
  readOnly: boolean;
  onChange: (values: string[]) => void;
  testId?: string;
}> = (props) => {
  const groups = () => {
    const map = new Map<string, Choice[]>();
    for (const c of props.choices) map.set(c.group ?? '', [...(map.get(c.group ?? '') ?? []), c]);
    return [...map.entries()];
  };
  const toggle = (value: string, on: boolean): void =>
    props.onChange(on ? [...props.selected, value] : props.selected.filter((v) => v !== value));
  const unknown = () => props.selected.filter((v) => !props.choices.some((c) => c.value === v));
  return (
    <fieldset class="check-list" data-testid={props.testId}>
      <legend class="sr-only">{props.legend}</legend>
      <For each={groups()}>
        {([group, choices]) => (
          <div class="check-list__group">
            <Show when={group}>
              <div class="check-list__title">{group}</div>
            </Show>
            <For each={choices}>
              {(choice) => (
                <label class="check-list__item">
                  <input
                    type="checkbox"
                    checked={props.selected.includes(choice.value)}
                    disabled={props.readOnly}
                    onChange={(e) => toggle(choice.value, e.currentTarget.checked)}
                  />{' '}
                  {choice.label}
                </label>
              )}
            </For>
          </div>
        )}
      </For>
      <For each={unknown()}>
        {(value) => (
          <label class="check-list__item">
            <input
              type="checkbox"
              checked
              disabled={props.readOnly}
              onChange={(e) => toggle(value, e.currentTarget.checked)}
            />{' '}
            <span class="mono">{value}</span>
          </label>
        )}
      </For>
    </fieldset>
  );
};

/** The condition builder: rows of field / operator / value over JSON Logic. */
export const ConditionBuilder: Component<{
  model: Extract<CellModel, { mode: 'conditions' }>;
  input: TableInput;
  inputs: readonly TableInput[];
  readOnly: boolean;
  label: string;
  onChange: (model: Extract<CellModel, { mode: 'conditions' }>) => void;
}> = (props) => {
  const set = (rows: ConditionRow[]) => props.onChange({ ...props.model, rows });
  const update = (i: number, change: Partial<ConditionRow>) =>
    set(props.model.rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const operators = () => [...TEXT_OPERATORS, ...COMPARISONS];
  return (
    <div class="builder" data-testid={`builder-${props.input.id}`}>
      <Show when={props.model.rows.length > 1}>
        <label class="builder__join">
          {cc('cc.builderJoin')}{' '}
          <select
            class="jf-input input--auto"
            value={props.model.join}
            disabled={props.readOnly}
            onChange={(e) => props.onChange({ ...props.model, join: e.currentTarget.value as 'and' | 'or' })}
          >
            <option value="and">{cc('cc.join.and')}</option>
            <option value="or">{cc('cc.join.or')}</option>
          </select>
        </label>
      </Show>
      <Index each={props.model.rows}>
        {(row, i) => {
          const n = i + 1;
          const what = `${props.label} ${cc('cc.condition', { n })}`;
          return (
            <div class="builder__row">
              <select
                class="jf-input input--auto"
                aria-label={`${what} ${cc('cc.field')}`}
                value={row().field}
                disabled={props.readOnly}
                onChange={(e) => update(i, { field: e.currentTarget.value })}
              >
                <For each={fieldChoices(props.input, props.inputs)}>
                  {(f) => <option value={f.value}>{f.label}</option>}
                </For>
                <Show when={!fieldChoices(props.input, props.inputs).some((f) => f.value === row().field)}>
                  <option value={row().field}>{row().field}</option>
                </Show>
              </select>
              <select
                class="jf-input input--auto"
                aria-label={`${what} ${cc('cc.operator')}`}
                value={row().op}
                disabled={props.readOnly}
                onChange={(e) => {
                  const op = e.currentTarget.value;
                  const wasList = Array.isArray(row().value);
                  const value =
                    op === 'keyword_match' ? (wasList ? row().value : []) : wasList ? '' : row().value;
                  update(i, {
                    op,
                    value,
                    ...(op === 'keyword_match' ? { match: 'any' as const } : { match: undefined }),
                  });
                }}
              >
                <For each={operators()}>{(op) => <option value={op}>{opName(op)}</option>}</For>
              </select>
              <Switch>
                <Match when={row().op === 'keyword_match'}>
                  <ChipsInput
                    values={Array.isArray(row().value) ? (row().value as string[]) : []}
                    label={`${what} ${cc('cc.keywords')}`}
                    readOnly={props.readOnly}
                    onChange={(values) => update(i, { value: values })}
                    testId={`keywords-${props.input.id}-${n}`}
                  />
                  <select
                    class="jf-input input--auto"
                    aria-label={`${what} ${opName('keyword_match')}`}
                    value={row().match ?? 'any'}
                    disabled={props.readOnly}
                    onChange={(e) => update(i, { match: e.currentTarget.value as 'any' | 'all' })}
                  >
                    <option value="any">{cc('cc.match.any')}</option>
                    <option value="all">{cc('cc.match.all')}</option>
                  </select>
                </Match>
                <Match when={true}>
                  <input
                    class="jf-input input--auto"
                    aria-label={`${what} ${cc('cc.value')}`}
                    value={String(row().value)}
                    readOnly={props.readOnly}
                    onChange={(e) => {
                      const text = e.currentTarget.value;
                      const wasNumber = typeof row().value === 'number';
                      const numeric = /^-?\d+(\.\d+)?$/.test(text.trim());
                      update(i, {
                        value:
                          (wasNumber || ['<', '<=', '>', '>='].includes(row().op)) && numeric
                            ? Number(text)
                            : text,
                      });
                    }}
                  />
                </Match>
              </Switch>
              <Show when={!props.readOnly}>
                <button
                  type="button"
                  class="btn btn--icon btn--small btn--danger"
                  aria-label={cc('cc.removeCondition', { n })}
                  onClick={() => set(props.model.rows.filter((_, j) => j !== i))}
                >
                  ✕
                </button>
              </Show>
            </div>
          );
        }}
      </Index>
      <Show when={!props.readOnly}>
        <button
          type="button"
          class="btn btn--small"
          onClick={() =>
            set([
              ...props.model.rows,
              props.input.type === 'string'
                ? { field: '$', op: 'keyword_match', value: [], match: 'any' }
                : { field: '$', op: '==', value: '' },
            ])
          }
        >
          {cc('cc.addCondition')}
        </button>
      </Show>
    </div>
  );
};

/** The editor of one input cell: mode, then the picker the column asks for. */
export const CellEditor: Component<{
  cell: CellSource | undefined;
  input: TableInput;
  inputs: readonly TableInput[];
  refs: RoutingRefs;
  names: Names;
  /** Values of this column elsewhere in the table (suggested for free-text columns such as grids). */
  seen: readonly string[];
  readOnly: boolean;
  onChange: (cell: CellSource) => void;
}> = (props) => {
  const model = () => cellModel(props.cell, props.input);
  const kind = () => columnKind(props.input);
  const set = (m: CellModel) => props.onChange(modelToCell(m));
  const modes = (): CellModel['mode'][] =>
    kind() === 'boolean'
      ? ['any', 'bool', 'conditions', 'raw']
      : kind() === 'raw'
        ? ['any', 'conditions', 'raw']
        : ['any', 'values', 'conditions', 'raw'];
  const switchTo = (mode: CellModel['mode']): void => {
    const m = model();
    if (mode === m.mode) return;
    if (mode === 'any') set({ mode: 'any' });
    else if (mode === 'values') set({ mode: 'values', values: [] });
    else if (mode === 'bool') set({ mode: 'bool', value: true });
    else if (mode === 'conditions')
      set({
        mode: 'conditions',
        join: 'and',
        rows: [
          props.input.type === 'string'
            ? { field: '$', op: 'keyword_match', value: [], match: 'any' }
            : { field: '$', op: '==', value: '' },
        ],
      });
    else props.onChange(typeof props.cell === 'string' ? props.cell : props.cell ? props.cell : '-');
  };
  const choices = (): Choice[] => {
    const input = props.input;
    if (kind() === 'category')
      return props.refs.categories.map((c) => ({
        value: c.code,
        label: local(c.name, c.code),
        group: local(c.group, ''),
      }));
    if (kind() === 'unit') {
      const wanted = input.expression === 'case.streetId' ? 'street' : 'community';
      return props.refs.units.filter((u) => u.kind === wanted).map((u) => ({ value: u.id, label: u.name }));
    }
    if (kind() === 'choice')
      return (input.allowedValues ?? []).map((v) => ({
        value: String(v),
        label: props.names.value(input, String(v)),
      }));
    return [];
  };
  const [rawMode, setRawMode] = createSignal(false);
  // A mode chosen with nothing picked yet writes '-' (any); the picker stays open until something is picked.
  const [pending, setPending] = createSignal<CellModel['mode'] | null>(null);
  const mode = (): CellModel['mode'] => {
    if (rawMode()) return 'raw';
    const p = pending();
    return model().mode === 'any' && p && p !== 'any' ? p : model().mode;
  };
  const values = (): string[] => {
    const m = model();
    return m.mode === 'values' ? m.values : [];
  };
  return (
    <div class="cell-editor" data-testid={`cell-editor-${props.input.id}`}>
      <label class="cell-editor__mode">
        {cc('cc.mode')}{' '}
        <select
          class="jf-input input--auto"
          aria-label={`${props.input.label} ${cc('cc.mode')}`}
          value={mode()}
          disabled={props.readOnly}
          onChange={(e) => {
            const next = e.currentTarget.value as CellModel['mode'];
            setRawMode(next === 'raw');
            if (next !== 'raw') {
              setPending(next);
              switchTo(next);
            }
          }}
        >
          <For each={modes()}>{(m) => <option value={m}>{cc(`cc.mode.${m}`)}</option>}</For>
        </select>
      </label>
      <Switch>
        <Match when={mode() === 'raw'}>
          <Show when={(model() as { reason?: string }).reason}>
            {(why) => (
              <p class="alert alert--warning small" data-testid="raw-note">
                {cc('cc.rawNote', { why: cc(`cc.rawWhy.${why()}` as 'cc.rawWhy.rule') })}
              </p>
            )}
          </Show>
          <textarea
            class="jf-input mono"
            rows={3}
            aria-label={`${props.input.label} ${cc('cc.rawCell')}`}
            readOnly={props.readOnly}
            value={typeof props.cell === 'string' ? props.cell : JSON.stringify(props.cell ?? '-')}
            onChange={(e) => set({ mode: 'raw', text: e.currentTarget.value })}
          />
        </Match>
        <Match when={mode() === 'values'}>
          <Show
            when={kind() === 'values'}
            fallback={
              <CheckList
                choices={choices()}
                selected={values()}
                legend={props.input.label}
                readOnly={props.readOnly}
                onChange={(values) => set({ mode: 'values', values })}
                testId={`pick-${props.input.id}`}
              />
            }
          >
            <ChipsInput
              values={values()}
              label={props.input.label}
              readOnly={props.readOnly}
              suggestions={props.seen}
              onChange={(values) => set({ mode: 'values', values })}
              testId={`chips-${props.input.id}`}
            />
          </Show>
        </Match>
        <Match when={model().mode === 'bool' && (model() as Extract<CellModel, { mode: 'bool' }>)}>
          {(m) => (
            <select
              class="jf-input input--auto"
              aria-label={props.input.label}
              value={m().value ? 'true' : 'false'}
              disabled={props.readOnly}
              onChange={(e) => set({ mode: 'bool', value: e.currentTarget.value === 'true' })}
            >
              <option value="true">{cc('cc.yes')}</option>
              <option value="false">{cc('cc.no')}</option>
            </select>
          )}
        </Match>
        <Match
          when={model().mode === 'conditions' && (model() as Extract<CellModel, { mode: 'conditions' }>)}
        >
          {(m) => (
            <ConditionBuilder
              model={m()}
              input={props.input}
              inputs={props.inputs}
              readOnly={props.readOnly}
              label={props.input.label}
              onChange={set}
            />
          )}
        </Match>
      </Switch>
    </div>
  );
};
