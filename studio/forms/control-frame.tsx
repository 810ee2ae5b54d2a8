/** @module The label / help / error frame around every input, wiring for= and aria-describedby. */
import type { Component, JSX, ParentComponent } from 'solid-js';
import { For, Show } from 'solid-js';

/** Props of the frame; `hideLabel` keeps the label for screen readers only (table cells). */
export interface ControlFrameProps {
  id: string;
  label: string;
  required?: boolean;
  description?: string;
  error: string;
  hideLabel?: boolean;
  class?: string;
  /** Label placed after the input (checkboxes). */
  labelAfter?: boolean;
  requiredText: string;
}

/** ids of the description and error elements for an input id. */
export const describedBy = (id: string, error: string, description?: string): string | undefined => {
  const ids = [description ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
};

/** Wraps one input with its label, optional help text and per-field error message. */
export const ControlFrame: ParentComponent<ControlFrameProps> = (props) => {
  const label = (): JSX.Element => (
    <label for={props.id} class={props.hideLabel ? 'jf-label sr-only' : 'jf-label'}>
      {props.label}
      <Show when={props.required}>
        <span class="jf-required" title={props.requiredText}>
          {' *'}
        </span>
      </Show>
    </label>
  );
  return (
    <div
      class={`jf-field${props.error ? ' jf-field--invalid' : ''}${props.class ? ` ${props.class}` : ''}`}
      data-jf-field={props.id}
    >
      <Show
        when={!props.labelAfter}
        fallback={
          <div class="jf-check">
            {props.children}
            {label()}
          </div>
        }
      >
        {label()}
        {props.children}
      </Show>
      <Show when={props.description && !props.hideLabel}>
        <div class="jf-help" id={`${props.id}-help`}>
          {props.description}
        </div>
      </Show>
      <Show when={props.error}>
        <div class="jf-error" id={`${props.id}-error`} role="alert">
          <For each={props.error.split('\n')}>{(line) => <div>{line}</div>}</For>
        </div>
      </Show>
    </div>
  );
};

/** The error of a whole array or object control, shown while its binding reports one; its id is `<id>-error`. */
export const BindingError: Component<{ binding: { id: () => string; error: () => string } }> = (props) => (
  <Show when={props.binding.error()}>
    <div class="jf-error" role="alert" id={`${props.binding.id()}-error`}>
      {props.binding.error()}
    </div>
  </Show>
);
