/** @module Field: renders a bound control inside its frame when visible; shared by every input renderer. */
import type { StatePropsOfControl } from '@jsonforms/core';
import type { JSX } from 'solid-js';
import { Show, untrack } from 'solid-js';
import { useForms } from './context.ts';
import { ControlFrame, describedBy } from './control-frame.tsx';
import type { ControlBinding } from './use-control.ts';

/** Props of a field: its binding and a render function for the input. */
export interface FieldProps<P extends StatePropsOfControl> {
  binding: ControlBinding<P>;
  labelAfter?: boolean;
  class?: string;
  children: (aria: InputAria) => JSX.Element;
}

/** Attributes every input spreads: id, state and the accessible wiring to label and error. */
export interface InputAria {
  id: string;
  disabled: boolean;
  'aria-invalid': 'true' | undefined;
  'aria-describedby': string | undefined;
  'aria-required': 'true' | undefined;
}

/** Frame + visibility for one control. */
export const Field = <P extends StatePropsOfControl>(props: FieldProps<P>): JSX.Element => {
  const ctx = useForms();
  const c = () => props.binding.control();
  // Getters keep every attribute reactive while the input element itself is created once.
  const aria: InputAria = {
    get id() {
      return props.binding.id();
    },
    get disabled() {
      return !c().enabled;
    },
    get 'aria-invalid'() {
      return props.binding.error() ? ('true' as const) : undefined;
    },
    get 'aria-describedby'() {
      return describedBy(props.binding.id(), props.binding.error(), c().description);
    },
    get 'aria-required'() {
      return c().required ? ('true' as const) : undefined;
    },
  };
  return (
    <Show when={c().visible}>
      <ControlFrame
        id={props.binding.id()}
        label={c().label}
        required={c().required && !c().uischema.options?.hideRequiredAsterisk}
        requiredText={ctx.translate('forms.required', 'Required')}
        description={c().description}
        error={props.binding.error()}
        hideLabel={c().uischema.options?.cell === true}
        labelAfter={props.labelAfter}
        class={props.class}
      >
        {untrack(() => props.children(aria))}
      </ControlFrame>
    </Show>
  );
};
