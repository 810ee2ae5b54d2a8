/** @module A row of toggle buttons that switch a view (`aria-pressed`), as several pages show one. */
import type { JSX } from 'solid-js';
import { Index } from 'solid-js';

/** One button of {@link PressedButtons}. */
export interface PressedOption<V extends string> {
  value: V;
  label: JSX.Element;
  testId?: string;
  disabled?: boolean;
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
  <Index each={props.options}>
    {(option) => (
      <button
        type="button"
        class="btn btn--small"
        aria-pressed={props.current === option().value}
        data-testid={option().testId}
        onClick={() => props.onPick(option().value)}
        disabled={option().disabled}
      >
        {option().label}
      </button>
    )}
  </Index>
);
