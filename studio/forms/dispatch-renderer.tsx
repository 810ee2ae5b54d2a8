/** @module Picks the highest-ranked renderer of the registry for a UI schema element and renders it. */
import type { Component } from 'solid-js';
import { createMemo, Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { RendererProps } from './context.ts';
import { useForms } from './context.ts';
import { pickRenderer } from './testers.ts';

/** Renders any UI schema element with whichever registered renderer ranks highest. */
export const DispatchRenderer: Component<RendererProps> = (props) => {
  const ctx = useForms();
  const renderer = createMemo(() =>
    pickRenderer(ctx.renderers(), props.uischema, props.schema, {
      rootSchema: ctx.rootSchema(),
      config: ctx.state().jsonforms.config,
    }),
  );
  return (
    <Show
      when={renderer()}
      fallback={
        <div class="jf-unknown" role="note">
          {ctx.translate('forms.noRenderer', 'No applicable renderer')}: {props.uischema.type}
        </div>
      }
    >
      {(picked) => (
        <Dynamic
          component={picked()}
          uischema={props.uischema}
          schema={props.schema}
          path={props.path}
          enabled={props.enabled}
        />
      )}
    </Show>
  );
};
