/**
 * @module Feedback the studio gives while it works and when it is done: a toast stack for finished
 * actions, a spinner with a label for loads, and skeleton rows standing in for a table or list.
 *
 * Toasts are announced to screen readers (`role="status"`, errors `role="alert"`) and go away by
 * themselves; `showToast` can be called from any page. Mount `<ToastHost />` once (the app root does).
 */
import type { Component } from 'solid-js';
import { createSignal, For, Index, Show } from 'solid-js';

/** One toast on screen. */
export interface Toast {
  id: number;
  kind: 'success' | 'error' | 'info';
  text: string;
}

const [toasts, setToasts] = createSignal<readonly Toast[]>([]);
let nextId = 1;

/** Shows `text` for `ms` milliseconds (errors stay longer). Returns the toast's id. */
export const showToast = (text: string, kind: Toast['kind'] = 'success', ms?: number): number => {
  const id = nextId++;
  setToasts((list) => [...list.slice(-3), { id, kind, text }]);
  const life = ms ?? (kind === 'error' ? 8000 : 4000);
  setTimeout(() => dismissToast(id), life);
  return id;
};

/** Removes a toast before its time. */
export const dismissToast = (id: number): void => {
  setToasts((list) => list.filter((toast) => toast.id !== id));
};

/** The stack of toasts, bottom right; mounted once by the app root. */
export const ToastHost: Component<{ closeLabel: string }> = (props) => (
  <div class="toast-host" data-testid="toasts">
    <For each={toasts()}>
      {(toast) => (
        <div
          class={`toast toast--${toast.kind}`}
          role={toast.kind === 'error' ? 'alert' : 'status'}
          data-testid="toast"
          data-kind={toast.kind}
        >
          <span>{toast.text}</span>
          <button
            type="button"
            class="toast__close"
            aria-label={props.closeLabel}
            onClick={() => dismissToast(toast.id)}
          >
            ×
          </button>
        </div>
      )}
    </For>
  </div>
);

/** A spinner with its label, for a load in progress (`role="status"`). */
export const Spinner: Component<{ label: string; testId?: string }> = (props) => (
  <p class="spinner-line muted" role="status" data-testid={props.testId ?? 'loading'}>
    <span class="spinner" aria-hidden="true" />
    {props.label}
  </p>
);

/** Grey placeholder rows while a list or table loads; `label` is read to screen readers. */
export const Skeleton: Component<{ rows?: number; label: string; testId?: string }> = (props) => (
  <div class="skeleton" role="status" aria-label={props.label} data-testid={props.testId ?? 'loading'}>
    <Index each={Array.from({ length: props.rows ?? 3 })}>{() => <div class="skeleton__row" />}</Index>
    <Show when={false}>{props.label}</Show>
  </div>
);

/** A short live note beside a control while `message` is not empty (an upload running, a change applied). */
export const StatusHint: Component<{ message: string }> = (props) => (
  <Show when={props.message}>
    <span class="muted small" role="status">
      {props.message}
    </span>
  </Show>
);
