/** @module Thin Solid binding of a control to the core: maps state to control props and gates error display. */
import type { OwnPropsOfControl, OwnPropsOfEnum, StatePropsOfControl, JsonFormsState } from '@jsonforms/core';
import { Actions, mapStateToControlProps } from '@jsonforms/core';
import type { Accessor } from 'solid-js';
import { createMemo } from 'solid-js';
import type { RendererProps } from './context.ts';
import { useForms } from './context.ts';

type Mapper<P extends StatePropsOfControl> = (
  state: JsonFormsState,
  own: OwnPropsOfControl & OwnPropsOfEnum,
) => P;

/** Everything a control renderer needs, reactive. */
export interface ControlBinding<P extends StatePropsOfControl> {
  control: Accessor<P>;
  id: Accessor<string>;
  /** The translated error text, only once the field was touched or a submit was attempted. */
  error: Accessor<string>;
  handleChange: (value: unknown) => void;
  touch: () => void;
}

/** Binds a control element to the form state through a core mapper (default `mapStateToControlProps`). */
export const useControl = <P extends StatePropsOfControl = StatePropsOfControl>(
  props: RendererProps,
  mapper?: Mapper<P>,
): ControlBinding<P> => {
  const ctx = useForms();
  const map = (mapper ?? mapStateToControlProps) as Mapper<P>;
  const control = createMemo(() =>
    map(ctx.state(), {
      uischema: props.uischema as OwnPropsOfControl['uischema'],
      schema: props.schema,
      path: props.path,
      enabled: props.enabled,
    }),
  );
  const id = createMemo(() => ctx.idFor(control().path));
  const error = createMemo(() => {
    const c = control();
    if (!c.errors) return '';
    return ctx.isSubmitted() || ctx.isTouched(c.path) ? c.errors : '';
  });
  return {
    control,
    id,
    error,
    handleChange: (value) => ctx.dispatch(Actions.update(control().path, () => value)),
    touch: () => ctx.touch(control().path),
  };
};
