/**
 * @module Pieces the performance pages share: the page frame (section, title, intro), a titled panel, the
 * columns and view buttons of their tables, and the performance style of labelled controls, where the `<label>` wraps a
 * `<span>` caption and the control (`class="field"` in forms, `class="perf-inline"` in toolbars).
 *
 * The controls take `onValue(text, element)` instead of a DOM event (the element for `valueAsNumber`)
 * and pass every other attribute (`data-testid`, `disabled`, `min`, …) to the control.
 */
import type { Component, JSX } from 'solid-js';
import { Show, splitProps } from 'solid-js';
import type { DataColumn } from '../../components/data-table.tsx';
import { local } from './messages.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { PressedButtons } from '../../lib/pressed-buttons.tsx';

/** A performance page: `<section class="page perf">` with its title and, when given, a line of intro. */
export const PerfPage: Component<{
  title: string;
  intro?: string;
  /** Extra class of the section (e.g. `ws`). */
  class?: string;
  children: JSX.Element;
}> = (props) => (
  <section class={props.class ? `page perf ${props.class}` : 'page perf'} aria-labelledby="page-title">
    <PageTitle>{props.title}</PageTitle>
    <Show when={props.intro}>
      <p class="muted">{props.intro}</p>
    </Show>
    {props.children}
  </section>
);

type Caption = {
  label: JSX.Element;
  /** The wrapping label's class: `field` (the default) in forms, `perf-inline` in toolbars. */
  wrap?: 'field' | 'perf-inline';
};

/** The label that wraps a control: `<label class="field"><span>caption</span>control</label>`. */
const CaptionLabel: Component<Caption & { children: JSX.Element }> = (props) => (
  // biome-ignore lint/a11y/noLabelWithoutControl: the control (an input or a select) comes in as children.
  <label class={props.wrap ?? 'field'}>
    <span>{props.label}</span>
    {props.children}
  </label>
);

/** An input inside its label: `<label class="field"><span>caption</span><input/>{children}</label>`. */
export const LabelledInput: Component<
  Caption & {
    onValue: (value: string, input: HTMLInputElement) => void;
    /** What follows the input inside the label (a note). */
    children?: JSX.Element;
  } & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'onInput' | 'children'>
> = (props) => {
  const [own, rest] = splitProps(props, ['label', 'wrap', 'onValue', 'children']);
  return (
    <CaptionLabel label={own.label} wrap={own.wrap}>
      <input {...rest} onChange={(e) => own.onValue(e.currentTarget.value, e.currentTarget)} />
      {own.children}
    </CaptionLabel>
  );
};

/** A drop-down inside its label: `<label class="field"><span>caption</span><select>options</select></label>`. */
export const LabelledSelect: Component<
  Caption & {
    onValue: (value: string) => void;
    /** The `<option>` elements. */
    children: JSX.Element;
  } & Omit<JSX.SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'onInput' | 'children'>
> = (props) => {
  const [own, rest] = splitProps(props, ['label', 'wrap', 'onValue', 'children']);
  return (
    <CaptionLabel label={own.label} wrap={own.wrap}>
      <select {...rest} onChange={(e) => own.onValue(e.currentTarget.value)}>
        {own.children}
      </select>
    </CaptionLabel>
  );
};

/** A checkbox and its caption: `<label class="perf-check"><input type="checkbox"/> caption</label>`. */
export const CheckField: Component<
  {
    label: JSX.Element;
    onCheck: (isChecked: boolean) => void;
  } & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'onInput' | 'type' | 'children'>
> = (props) => {
  const [own, rest] = splitProps(props, ['label', 'onCheck']);
  return (
    <label class="perf-check">
      <input type="checkbox" {...rest} onChange={(e) => own.onCheck(e.currentTarget.checked)} /> {own.label}
    </label>
  );
};

/** A row of buttons that choose one view (`.perf-tabs`); the chosen one is `aria-pressed`. */
export const PressedTabs = <T extends string>(
  props: Parameters<typeof PressedButtons<T>>[0],
): JSX.Element => (
  <div class="perf-tabs">
    <PressedButtons {...props} />
  </div>
);

/** A panel of a performance page: `<div class="panel" data-testid>` under its `<h2 class="panel__title">`. */
export const Panel: Component<{ testId?: string; title: JSX.Element; children: JSX.Element }> = (props) => (
  <div class="panel" data-testid={props.testId}>
    <h2 class="panel__title">{props.title}</h2>
    {props.children}
  </div>
);

/** An indicator as its code (small, monospace) and its name in the current language. */
export const CodeName: Component<{ code?: string; name?: Parameters<typeof local>[0] }> = (props) => (
  <>
    <span class="mono small">{props.code}</span> {local(props.name)}
  </>
);

/** The `indicator` column of a table whose rows are indicators: each row's {@link CodeName}. */
export const codeNameColumn = <R extends { code?: string; name?: Parameters<typeof local>[0] }>(
  label: JSX.Element,
): DataColumn<R> => ({
  key: 'indicator',
  label,
  cell: (row) => <CodeName code={row.code} name={row.name} />,
});
