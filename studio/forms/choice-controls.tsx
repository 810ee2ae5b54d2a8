/** @module Choice renderers: boolean checkbox, enum select and oneOf-with-titles select. */
import type { EnumOption, StatePropsOfControl } from '@jsonforms/core';
import { mapStateToEnumControlProps, mapStateToOneOfEnumControlProps } from '@jsonforms/core';
import type { Component } from 'solid-js';
import { For } from 'solid-js';
import type { RendererProps } from './context.ts';
import { BoundSelect } from './bound-select.tsx';
import { Field } from './field.tsx';
import type { ControlBinding } from './use-control.ts';
import { useControl } from './use-control.ts';

/** Checkbox; the label follows the box. */
export const BooleanControl: Component<RendererProps> = (props) => {
  const b = useControl(props);
  return (
    <Field binding={b} labelAfter class="jf-field--boolean">
      {(aria) => (
        <input
          {...aria}
          class="jf-checkbox"
          type="checkbox"
          checked={b.control().data === true}
          onChange={(e) => {
            b.handleChange(e.currentTarget.checked);
            b.touch();
          }}
          onBlur={b.touch}
        />
      )}
    </Field>
  );
};

type WithOptions = StatePropsOfControl & { options?: EnumOption[] };

const Select: Component<{ binding: ControlBinding<WithOptions> }> = (props) => {
  const b = props.binding;
  const options = () => b.control().options ?? [];
  return (
    <BoundSelect
      binding={b}
      read={(index) => (index === '' ? undefined : options()[Number(index)]?.value)}
      isEmpty={b.control().data === undefined}
    >
      <For each={options()}>
        {(option, index) => (
          <option value={String(index())} selected={Object.is(option.value, b.control().data)}>
            {option.label}
          </option>
        )}
      </For>
    </BoundSelect>
  );
};

/** Select over `enum` values (labels translated with `<prefix>.<value>`). */
export const EnumControl: Component<RendererProps> = (props) => (
  <Select binding={useControl<WithOptions>(props, mapStateToEnumControlProps)} />
);

/** Select over `oneOf: [{const, title}]`, showing the titles. */
export const OneOfEnumControl: Component<RendererProps> = (props) => (
  <Select binding={useControl<WithOptions>(props, mapStateToOneOfEnumControlProps)} />
);
