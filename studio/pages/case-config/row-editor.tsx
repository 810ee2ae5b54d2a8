/** @module The row editor of the routing table: one picker per condition column, the results (units by name, priority, SLA policy) and the note, with no JSON typed. */
import type { Component } from 'solid-js';
import { For, Show } from 'solid-js';
import type { CellSource, DecisionTable, TableRule } from '../../../engine/core/tables/types.ts';
import { type RoutingRefs, unitIds } from './cell-model.ts';
import { InlineInput, InlineSelect, OutputSelect } from './inline-controls.tsx';
import { cc } from './messages.ts';
import { CellEditor, ChipList, type Names } from './pickers.tsx';

/** Props of {@link RowEditor}. */
export interface RowEditorProps {
  table: DecisionTable;
  index: number;
  refs: RoutingRefs;
  names: Names;
  readOnly: boolean;
  onChange: (rule: TableRule) => void;
  onClose: () => void;
}

/** The output kinds the routing engine reads (`routeCase`): units, priority, SLA policy. */
export const outputKind = (id: string): 'lead' | 'assisting' | 'priority' | 'sla' | 'text' =>
  id === 'leadUnit'
    ? 'lead'
    : id === 'assistingUnits'
      ? 'assisting'
      : id === 'priority'
        ? 'priority'
        : id === 'slaPolicyId'
          ? 'sla'
          : 'text';

/** A select of units by name; empty = manual dispatch. */
export const UnitSelect: Component<{
  value: string;
  label: string;
  refs: RoutingRefs;
  readOnly: boolean;
  onChange: (id: string) => void;
  emptyLabel?: string;
}> = (props) => (
  <InlineSelect
    class="jf-input input--auto grid__select"
    label={props.label}
    value={props.value}
    disabled={props.readOnly}
    onValue={props.onChange}
    empty={props.emptyLabel ?? cc('cc.manual')}
    options={[
      ...props.refs.units.map((u) => ({ value: u.id, label: u.name })),
      // A unit id the references do not know still shows as itself.
      ...(props.value && !props.refs.units.some((u) => u.id === props.value)
        ? [{ value: props.value, label: props.value }]
        : []),
    ]}
  />
);

/** Editor of one row. */
export const RowEditor: Component<RowEditorProps> = (props) => {
  const rule = () => props.table.rules[props.index]!;
  const n = () => props.index + 1;
  const setCell = (col: number, cell: CellSource): void =>
    props.onChange({
      ...rule(),
      cells: props.table.inputs.map((_, i) => (i === col ? cell : (rule().cells[i] ?? '-'))),
    });
  const setOutput = (col: number, value: string | number | boolean | null): void =>
    props.onChange({
      ...rule(),
      outputs: props.table.outputs.map((_, i) => (i === col ? value : (rule().outputs[i] ?? null))),
    });
  const seen = (col: number): string[] => {
    const values = new Set<string>();
    for (const r of props.table.rules) {
      const cell = r.cells[col];
      if (typeof cell === 'string') for (const m of cell.matchAll(/"([^"]+)"/g)) values.add(m[1]!);
    }
    return [...values];
  };
  return (
    <section class="panel row-editor" aria-labelledby="row-editor-title" data-testid="row-editor">
      <div class="toolbar">
        <h3 id="row-editor-title" class="section-title">
          {cc('cc.editRowTitle', { n: n() })}
        </h3>
        <span class="spacer" />
        <button type="button" class="btn btn--small" onClick={props.onClose}>
          {cc('cc.closeEditor')}
        </button>
      </div>
      <p class="muted small">{cc('cc.rowEditorIntro')}</p>
      <div class="row-editor__grid">
        <For each={props.table.inputs}>
          {(input, col) => (
            <fieldset class="row-editor__field">
              <legend>{input.label}</legend>
              <Show when={input.description}>
                <p class="muted small">{input.description}</p>
              </Show>
              <CellEditor
                cell={rule().cells[col()]}
                input={input}
                inputs={props.table.inputs}
                refs={props.refs}
                names={props.names}
                seen={seen(col())}
                readOnly={props.readOnly}
                onChange={(cell) => setCell(col(), cell)}
              />
            </fieldset>
          )}
        </For>
        <For each={props.table.outputs}>
          {(output, col) => {
            const value = () => rule().outputs[col()];
            const text = () => (value() === null || value() === undefined ? '' : String(value()));
            const label = () => output.label;
            return (
              <fieldset class="row-editor__field row-editor__field--out">
                <legend>{output.label}</legend>
                <Show when={outputKind(output.id) === 'lead'}>
                  <UnitSelect
                    value={text()}
                    label={label()}
                    refs={props.refs}
                    readOnly={props.readOnly}
                    onChange={(id) => setOutput(col(), id)}
                  />
                </Show>
                <Show when={outputKind(output.id) === 'assisting'}>
                  <ChipList
                    values={unitIds(value())}
                    label={label()}
                    readOnly={props.readOnly}
                    display={props.names.unit}
                    testId="assisting-chips"
                    onRemove={(id) =>
                      setOutput(
                        col(),
                        unitIds(value())
                          .filter((u) => u !== id)
                          .join(','),
                      )
                    }
                  />
                  <Show when={!props.readOnly}>
                    <UnitSelect
                      value=""
                      label={cc('cc.addAssisting')}
                      emptyLabel={cc('cc.addAssisting')}
                      refs={props.refs}
                      readOnly={props.readOnly}
                      onChange={(id) => {
                        if (id && !unitIds(value()).includes(id))
                          setOutput(col(), [...unitIds(value()), id].join(','));
                      }}
                    />
                  </Show>
                </Show>
                <Show when={outputKind(output.id) === 'priority' || outputKind(output.id) === 'sla'}>
                  <OutputSelect
                    kind={outputKind(output.id) === 'sla' ? 'sla' : 'priority'}
                    output={output}
                    refs={props.refs}
                    slaName={props.names.sla}
                    label={label()}
                    value={text()}
                    disabled={props.readOnly}
                    onValue={(v) => setOutput(col(), v)}
                    empty={outputKind(output.id) === 'sla' ? cc('cc.none') : undefined}
                  />
                </Show>
                <Show when={outputKind(output.id) === 'text'}>
                  <InlineInput
                    label={label()}
                    value={text()}
                    readOnly={props.readOnly}
                    onValue={(v) => setOutput(col(), v)}
                  />
                </Show>
              </fieldset>
            );
          }}
        </For>
      </div>
    </section>
  );
};
