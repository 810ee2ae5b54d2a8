/** @module A drop-down of the indicator details that edits one property of the indicator document. */
import type { Component, JSX } from 'solid-js';
import { For } from 'solid-js';
import type { IndicatorDoc } from '../indicator-tree.ts';
import { pt } from '../messages.ts';
import { LabelledSelect } from '../page-parts.tsx';

/** One choice of the drop-down: the value it stores, its text and, when given, a tooltip. */
export interface Choice {
  value: string;
  label: string;
  title?: string;
}

/** The indicator a drop-down edits, whether it may, and how it hands on a change. */
type Editing = {
  doc: IndicatorDoc;
  isEditable: boolean;
  onUpdate: (patch: Partial<IndicatorDoc>) => void;
};

/** One property of an indicator as a labelled drop-down; read-only unless the version is a draft. */
export const IndicatorSelect: Component<
  Editing & {
    /** The property it edits. */
    field: string;
    label: string;
    testId: string;
    /** What it shows while the property is not set (else the empty choice). */
    fallback?: string;
    /** The value it shows, where the property needs more than `String(…)` to become one. */
    value?: string;
    /** Whether choosing the empty value removes the property. */
    isOptional?: boolean;
    /** The choices, one `<option>` each, after `children`. */
    choices: readonly Choice[];
    /** `<option>` elements before the choices (an empty choice). */
    children?: JSX.Element;
  }
> = (props) => (
  <LabelledSelect
    label={props.label}
    data-testid={props.testId}
    value={props.value ?? String(props.doc[props.field] ?? props.fallback ?? '')}
    disabled={!props.isEditable}
    onValue={(value) => props.onUpdate({ [props.field]: props.isOptional ? value || undefined : value })}
  >
    {props.children}
    <For each={props.choices}>
      {(c) => (
        <option value={c.value} title={c.title}>
          {c.label}
        </option>
      )}
    </For>
  </LabelledSelect>
);

/**
 * A property that always has one of a fixed list of values (period, data source, case metric): its
 * test id, the value shown while it is not set, and the choices. The caption is the message `tree.<field>`.
 */
export interface ListSpec {
  field: 'period' | 'dataSource' | 'metric';
  testId: string;
  fallback: string;
  /** The choices in the current language (read where they show, so they follow the locale). */
  choices: () => readonly Choice[];
}

/** A property of an indicator chosen from its fixed list ({@link ListSpec}). */
export const ListSelect: Component<Editing & { list: ListSpec }> = (props) => (
  <IndicatorSelect
    {...props}
    field={props.list.field}
    label={pt(`tree.${props.list.field}`)}
    testId={props.list.testId}
    fallback={props.list.fallback}
    choices={props.list.choices()}
  />
);
