/** @module Nested object renderer: renders the object's own (given or generated) layout inside a titled group. */
import type { JsonSchema, UISchemaElement } from '@jsonforms/core';
import { findUISchema, Generate, mapStateToControlWithDetailProps } from '@jsonforms/core';
import type { Component } from 'solid-js';
import { createMemo, Show } from 'solid-js';
import type { RendererProps } from './context.ts';
import { useForms } from './context.ts';
import { BindingError } from './control-frame.tsx';
import { DispatchRenderer } from './dispatch-renderer.tsx';
import { useControl } from './use-control.ts';

/** An object property: `options.detail` wins, else a generated vertical layout of its properties. */
export const ObjectControl: Component<RendererProps> = (props) => {
  const ctx = useForms();
  const b = useControl(props, mapStateToControlWithDetailProps);
  const detail = createMemo((): UISchemaElement => {
    const c = b.control();
    const schema: JsonSchema = c.schema;
    return findUISchema(
      c.uischemas ?? [],
      schema,
      (c.uischema as { scope: string }).scope,
      c.path,
      () => Generate.uiSchema(schema, 'VerticalLayout', '#', ctx.rootSchema()),
      c.uischema,
      ctx.rootSchema(),
    );
  });
  return (
    <Show when={b.control().visible}>
      <fieldset class="jf-group jf-object" id={b.id()}>
        <Show when={b.control().label}>
          <legend class="jf-group__title">{b.control().label}</legend>
        </Show>
        <DispatchRenderer
          uischema={detail()}
          schema={b.control().schema}
          path={b.control().path}
          enabled={b.control().enabled}
        />
        <BindingError binding={b} />
      </fieldset>
    </Show>
  );
};
