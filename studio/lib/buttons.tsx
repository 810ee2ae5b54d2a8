/**
 * @module Two kinds of button the pages repeat: the one that starts a server action (disabled, and
 * saying so, while it runs) and a row of toggle buttons that switch a view (`aria-pressed`).
 */
import type { JSX, ParentComponent } from 'solid-js';
import { For } from 'solid-js';

/**
 * A `type="button"` that calls `onClick`; while `busy` it is disabled and shows `busyLabel` (a
 * "…ing" word) instead of its children. `disabled` disables it for other reasons too (nothing to
 * save yet, a required choice not made).
 */
export const BusyButton: ParentComponent<{
  busy: boolean;
  busyLabel: JSX.Element;
  class: string;
  onClick: () => unknown;
  disabled?: boolean;
  testId?: string;
}> = (props) => (
  <button
    type="button"
    class={props.class}
    disabled={props.busy || Boolean(props.disabled)}
    onClick={() => void props.onClick()}
    data-testid={props.testId}
  >
    {props.busy ? props.busyLabel : props.children}
  </button>
);

/** One button of {@link PressedButtons}. */
export interface PressedOption<V extends string> {
  value: V;
  label: JSX.Element;
  testId?: string;
}

/**
 * Small toggle buttons side by side, the one whose value is `current` pressed (`aria-pressed`);
 * a click hands its value to `onPick`. The page gives the frame (a `fieldset.segmented`, a tab row).
 */
export const PressedButtons = <V extends string>(props: {
  options: readonly PressedOption<V>[];
  current: V;
  onPick: (value: V) => void;
}): JSX.Element => (
  <For each={props.options}>
    {(option) => (
      <button
        type="button"
        class="btn btn--small"
        aria-pressed={props.current === option.value}
        data-testid={option.testId}
        onClick={() => props.onPick(option.value)}
      >
        {option.label}
      </button>
    )}
  </For>
);
