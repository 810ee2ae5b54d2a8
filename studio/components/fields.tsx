/**
 * @module The studio's labelled form fields: one `<div class="field">` holding a `<label for>` and
 * its control, written once so every page's inputs look, label and behave alike.
 *
 * Each field takes the value and an `onValue(text)` callback instead of a DOM event, and passes any
 * other attribute (`required`, `maxLength`, `autocomplete`, `data-testid`, …) to the control.
 * `label` may be text or markup (a required mark). `RadioGroupField` and `TabBar` cover
 * the other two shapes pages repeated: a row of radio buttons and a row of tab buttons.
 */
import type { Component, JSX } from 'solid-js';
import { For, Show, splitProps } from 'solid-js';

type Common = {
  /** The control's id; the label's `for`. */
  id: string;
  label: JSX.Element;
};

const FieldShell: Component<Common & { children: JSX.Element }> = (props) => (
  <div class="field">
    <label for={props.id}>{props.label}</label>
    {props.children}
  </div>
);

const SHELL_KEYS = ['id', 'label', 'value', 'onValue', 'class'] as const;

/** A text-like input (`type` defaults to text: also date, number, tel, password, …). */
export const TextField: Component<
  Common & {
    value: string | number | undefined;
    onValue: (value: string) => void;
    class?: string;
  } & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'class'>
> = (props) => {
  const [own, rest] = splitProps(props, SHELL_KEYS);
  return (
    <FieldShell id={own.id} label={own.label}>
      <input
        id={own.id}
        class={own.class ?? 'jf-input'}
        value={own.value ?? ''}
        onInput={(e) => own.onValue(e.currentTarget.value)}
        {...rest}
      />
    </FieldShell>
  );
};

/** A multi-line text input. */
export const TextAreaField: Component<
  Common & {
    value: string | undefined;
    onValue: (value: string) => void;
    class?: string;
  } & Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'value' | 'class'>
> = (props) => {
  const [own, rest] = splitProps(props, SHELL_KEYS);
  return (
    <FieldShell id={own.id} label={own.label}>
      <textarea
        id={own.id}
        class={own.class ?? 'jf-input'}
        value={own.value ?? ''}
        onInput={(e) => own.onValue(e.currentTarget.value)}
        {...rest}
      />
    </FieldShell>
  );
};

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
  Common & {
    value: string | undefined;
    onValue: (value: string) => void;
    class?: string;
    options?: readonly FieldOption[];
    placeholder?: string;
    children?: JSX.Element;
  } & Omit<JSX.SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'class' | 'children'>
> = (props) => {
  const [own, rest] = splitProps(props, [...SHELL_KEYS, 'options', 'placeholder', 'children']);
  return (
    <FieldShell id={own.id} label={own.label}>
      <select
        id={own.id}
        class={own.class ?? 'jf-input'}
        value={own.value ?? ''}
        onChange={(e) => own.onValue(e.currentTarget.value)}
        {...rest}
      >
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
