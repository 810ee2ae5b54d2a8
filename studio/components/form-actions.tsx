/**
 * @module A form's buttons: its submit button, disabled while the form's action runs (and then
 * reading its busy text), and the row of buttons under a form: that submit button and, beside it,
 * one plain button (reset, clear, cancel).
 */
import type { Component, JSX } from 'solid-js';
import { Show, splitProps } from 'solid-js';

/** What a submit button shows and when it is disabled. */
export type SubmitButtonProps = {
  /** The button's text. */
  children: JSX.Element;
  /** The form's action runs: the button is disabled and reads `busyLabel` (when given) instead. */
  busy?: boolean;
  busyLabel?: JSX.Element;
  /** Disabled for another reason (a choice still missing). */
  disabled?: boolean;
  /** The button's classes; `btn btn--primary` unless given. */
  class?: string;
  testId?: string;
};

/** A form's `<button type="submit">`. */
export const SubmitButton: Component<SubmitButtonProps> = (props) => (
  <button
    type="submit"
    class={props.class ?? 'btn btn--primary'}
    disabled={props.busy || props.disabled}
    data-testid={props.testId}
  >
    {props.busy && props.busyLabel !== undefined ? props.busyLabel : props.children}
  </button>
);

/** The plain button beside a form's submit button; its classes are `btn` unless given. */
export type SecondaryAction = { label: JSX.Element; onClick: () => void; class?: string };

/**
 * The row under a form (`<div class="form-actions">`, or `rowClass`): its `SubmitButton` (the
 * other props), then the `secondary` button when there is one.
 */
export const FormActions: Component<
  SubmitButtonProps & { rowClass?: string; secondary?: SecondaryAction }
> = (props) => {
  const [row, submit] = splitProps(props, ['rowClass', 'secondary']);
  return (
    <div class={row.rowClass ?? 'form-actions'}>
      <SubmitButton {...submit} />
      <Show when={row.secondary}>
        {(secondary) => (
          <button type="button" class={secondary().class ?? 'btn'} onClick={() => secondary().onClick()}>
            {secondary().label}
          </button>
        )}
      </Show>
    </div>
  );
};
