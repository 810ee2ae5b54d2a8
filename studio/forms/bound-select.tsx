/** @module The select shell of the choice renderers (enum, oneOf, unit): a framed select with the “Select…” choice first. */
import type { StatePropsOfControl } from '@jsonforms/core';
import type { JSX } from 'solid-js';
import { splitProps } from 'solid-js';
import { useForms } from './context.ts';
import { Field } from './field.tsx';
import type { ControlBinding } from './use-control.ts';

/** Props of {@link BoundSelect}; other attributes go to the select. */
export type BoundSelectProps<P extends StatePropsOfControl> = {
  binding: ControlBinding<P>;
  /** The bound value for the chosen option's value (`''` is the empty choice). */
  read: (raw: string) => unknown;
  /** The empty choice is selected. */
  isEmpty: boolean;
  children: JSX.Element;
} & Omit<JSX.SelectHTMLAttributes<HTMLSelectElement>, 'children' | 'onChange' | 'onBlur'>;

/** A select bound to a control: picking an option changes the value and marks the field touched. */
export const BoundSelect = <P extends StatePropsOfControl>(props: BoundSelectProps<P>): JSX.Element => {
  const ctx = useForms();
  const [own, rest] = splitProps(props, ['binding', 'read', 'isEmpty', 'children']);
  const b = own.binding;
  return (
    <Field binding={b}>
      {(aria) => (
        <select
          {...aria}
          class="jf-input jf-select"
          {...rest}
          onChange={(e) => {
            b.handleChange(own.read(e.currentTarget.value));
            b.touch();
          }}
          onBlur={b.touch}
        >
          <option value="" selected={own.isEmpty}>
            {ctx.translate('forms.select.placeholder', 'Select…')}
          </option>
          {own.children}
        </select>
      )}
    </Field>
  );
};
