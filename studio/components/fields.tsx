/**
 * @module The studio's labelled form fields: one `<div class="field">` holding a `<label for>` and
 * its control, written once so every page's inputs look, label and behave alike.
 *
 * Each field takes the value and an `onValue(text)` callback instead of a DOM event, and passes any
 * other attribute (`required`, `maxLength`, `autocomplete`, `data-testid`, …) to the control.
 * `label` may be text or markup (a required mark); `hint` adds a help line under the control and
 * `error` a message it is described by. `RadioGroupField` and `TabBar` cover
 * the other two shapes pages repeated: a row of radio buttons and a row of tab buttons.
 */
import type { Component, JSX } from 'solid-js';
import { For, Show, splitProps } from 'solid-js';
import { Dynamic } from 'solid-js/web';

type Common = {
  /** The control's id; the label's `for`. */
  id: string;
  label: JSX.Element;
  /** A line of help under the control. */
  hint?: JSX.Element;
  /** The error under the control (`${id}-error`, named by the control's `aria-describedby`); none while empty. */
  error?: string;
  /** In a toolbar: the label (small, muted) just before the control, no `div.field`; the control `jf-input input--auto`. */
  inline?: boolean;
};

/** The label, the control, then the hint and the error: the frame every field shares. */
const FieldShell: Component<Common & { children: JSX.Element }> = (props) => (
  <Show
    when={!props.inline}
    fallback={
      <>
        <label for={props.id} class="small muted">
          {props.label}
        </label>
        {props.children}
      </>
    }
  >
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.children}
      <Show when={props.hint}>
        <span class="muted small">{props.hint}</span>
      </Show>
      <Show when={props.error}>
        <p id={`${props.id}-error`} class="jf-error">
          {props.error}
        </p>
      </Show>
    </div>
  </Show>
);

/** What a field holds for its control: the value, where a new value goes, the control's class (`jf-input`). */
type Bound<V> = Common & {
  value: V | undefined;
  onValue: (value: string) => void;
  class?: string;
};

const SHELL_KEYS = ['id', 'label', 'hint', 'error', 'inline', 'value', 'onValue', 'class'] as const;

/** The attributes a field gives its control: id, class, value and, while there is an error, its aria state. */
const controlAttributes = (own: Bound<string | number>) => ({
  get id() {
    return own.id;
  },
  get class() {
    return own.class ?? (own.inline ? 'jf-input input--auto' : 'jf-input');
  },
  get value() {
    return own.value ?? '';
  },
  get 'aria-invalid'() {
    return own.error ? ('true' as const) : undefined;
  },
  get 'aria-describedby'() {
    return own.error ? `${own.id}-error` : undefined;
  },
});

/** A field typed into, its `<input>` or `<textarea>` taking the text at each keystroke. */
const typedField =
  <P extends Bound<string | number>>(tag: 'input' | 'textarea'): Component<P> =>
  (props) => {
    const [own, rest] = splitProps(props as Bound<string | number>, SHELL_KEYS);
    return (
      <FieldShell {...own}>
        <Dynamic
          component={tag}
          {...controlAttributes(own)}
          onInput={(e: InputEvent & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
            own.onValue(e.currentTarget.value)
          }
          {...rest}
        />
      </FieldShell>
    );
  };

/** A text-like input (`type` defaults to text: also date, number, tel, password, …). */
export const TextField = typedField<
  Bound<string | number> & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'class'>
>('input');

/** A multi-line text input. */
export const TextAreaField = typedField<
  Bound<string> & Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'value' | 'class'>
>('textarea');

/** One choice of a `SelectField` or `RadioGroupField`. */
export interface FieldOption {
  value: string;
  label: string;
}

/**
 * A drop-down. The choices come from `options`, or from `children` (`<option>` elements) where a
 * page builds them itself; `placeholder` adds a first choice with the empty value.
 */
export const SelectField: Component<
  Bound<string> & {
    options?: readonly FieldOption[];
    placeholder?: string;
    children?: JSX.Element;
  } & Omit<JSX.SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'class' | 'children'>
> = (props) => {
  const [own, rest] = splitProps(props, [...SHELL_KEYS, 'options', 'placeholder', 'children']);
  return (
    <FieldShell {...own}>
      <select {...controlAttributes(own)} onChange={(e) => own.onValue(e.currentTarget.value)} {...rest}>
        <Show when={own.placeholder !== undefined}>
          <option value="">{own.placeholder}</option>
        </Show>
        <For each={own.options ?? []}>{(option) => <option value={option.value}>{option.label}</option>}</For>
        {own.children}
      </select>
    </FieldShell>
  );
};

/** A row of radio buttons under a caption (`role="radiogroup"`). */
export const RadioGroupField: Component<{
  /** The radios' `name`; the caption's id is `${name}-label`. */
  name: string;
  label: JSX.Element;
  value: string;
  onValue: (value: string) => void;
  options: readonly FieldOption[];
}> = (props) => (
  <div class="field">
    <span id={`${props.name}-label`}>{props.label}</span>
    <div class="radio-row" role="radiogroup" aria-labelledby={`${props.name}-label`}>
      <For each={props.options}>
        {(option) => (
          <label>
            <input
              type="radio"
              name={props.name}
              value={option.value}
              checked={props.value === option.value}
              onChange={() => props.onValue(option.value)}
            />
            {option.label}
          </label>
        )}
      </For>
    </div>
  </div>
);

/** A row of tab buttons (`role="tablist"`); the one whose id is `current` is selected. */
export const TabBar: Component<{
  tabs: readonly { id: string; label: JSX.Element; testId?: string }[];
  current: string;
  onSelect: (id: string) => void;
  label?: string;
}> = (props) => (
  <div class="tabs" role="tablist" aria-label={props.label}>
    <For each={props.tabs}>
      {(tab) => (
        <button
          type="button"
          role="tab"
          class="tab"
          data-testid={tab.testId}
          aria-selected={props.current === tab.id}
          onClick={() => props.onSelect(tab.id)}
        >
          {tab.label}
        </button>
      )}
    </For>
  </div>
);

/** What an action came to: shown by `OutcomeNote`, nothing while null. */
export type OutcomeNoteValue = { ok: boolean; text: string } | null;

/**
 * The note a page shows after an action: green `role="status"` when it went well, red
 * `role="alert"` when it did not; nothing while `note` is empty. `role` fixes the role whatever the
 * outcome (a page whose notes were always `status`).
 */
export const OutcomeNote: Component<{
  note: OutcomeNoteValue | undefined;
  testId?: string;
  role?: 'status' | 'alert';
  /** An extra class of the note (e.g. `page-alert`). */
  class?: string;
}> = (props) => (
  <Show when={props.note}>
    {(note) => (
      <div
        class={`alert ${note().ok ? 'alert--success' : 'alert--error'}${props.class ? ` ${props.class}` : ''}`}
        role={props.role ?? (note().ok ? 'status' : 'alert')}
        data-testid={props.testId}
      >
        {note().text}
      </div>
    )}
  </Show>
);
