/**
 * @module The label-less controls of the case-config tables and forms (a cell's select or text box
 * named by `aria-label`), and the choices of the priority and SLA-policy outputs, written once for
 * the routing grid, the row editor and the workflow / SLA forms.
 */
import type { Component, ParentComponent } from 'solid-js';
import { For, Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { TableOutput } from '../../../engine/core/tables/types.ts';
import type { FieldOption } from '../../components/fields.tsx';
import { ctOr } from '../cases/messages.ts';
import type { RoutingRefs } from './cell-model.ts';

/** What every inline control takes: its name, its value, where a new value goes, its class. */
type InlineProps = {
  label: string;
  value: string;
  onValue: (value: string) => void;
  class?: string;
};

/**
 * The element of an inline control, `<select>` or `<input>`, named by `aria-label`, its value
 * committed on change. A select's options come as children: `Dynamic` inserts them before it sets
 * the value, so the value finds its option.
 */
const InlineControl: ParentComponent<
  InlineProps & { tag: 'select' | 'input'; defaultClass: string; disabled?: boolean; readOnly?: boolean }
> = (props) => (
  <Dynamic
    component={props.tag}
    class={props.class ?? props.defaultClass}
    aria-label={props.label}
    value={props.value}
    disabled={props.disabled}
    readOnly={props.readOnly}
    onChange={(e: Event & { currentTarget: HTMLSelectElement | HTMLInputElement }) =>
      props.onValue(e.currentTarget.value)
    }
  >
    {props.children}
  </Dynamic>
);

/** A select named by `aria-label`; `empty` adds a first choice with the empty value. */
export const InlineSelect: Component<
  InlineProps & { disabled: boolean; options: readonly FieldOption[]; empty?: string }
> = (props) => (
  <InlineControl tag="select" defaultClass="jf-input input--auto" {...props}>
    <Show when={props.empty !== undefined}>
      <option value="">{props.empty}</option>
    </Show>
    <For each={props.options}>{(option) => <option value={option.value}>{option.label}</option>}</For>
  </InlineControl>
);

/** A text box named by `aria-label`, committed on change. */
export const InlineInput: Component<InlineProps & { readOnly: boolean }> = (props) => (
  <InlineControl tag="input" defaultClass="jf-input" {...props} />
);

/**
 * The select of a priority output (the priorities it allows) or an SLA output (the SLA policies by
 * name), in the routing grid and the row editor.
 */
export const OutputSelect: Component<{
  kind: 'priority' | 'sla';
  output: TableOutput;
  refs: RoutingRefs;
  slaName: (id: string) => string;
  label: string;
  value: string;
  disabled: boolean;
  onValue: (value: string) => void;
  empty?: string;
  class?: string;
}> = (props) => (
  <InlineSelect
    class={props.class}
    label={props.label}
    value={props.value}
    disabled={props.disabled}
    onValue={props.onValue}
    empty={props.empty}
    options={
      props.kind === 'priority'
        ? (props.output.allowedValues ?? [])
            .map(String)
            .map((p) => ({ value: p, label: ctOr(`priority.${p}`, p) }))
        : props.refs.slaPolicies.map((p) => ({ value: p.id, label: props.slaName(p.id) }))
    }
  />
);
