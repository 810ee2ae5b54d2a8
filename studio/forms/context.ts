/** @module Solid context shared by the JSON Forms renderers: the core state, dispatch, touched fields and ids. */
import type { CoreActions, Dispatch, JsonFormsState, JsonSchema, UISchemaElement } from '@jsonforms/core';
import type { Accessor, Component } from 'solid-js';
import { createContext, useContext } from 'solid-js';
import type { RegistryEntry } from './testers.ts';

/** Props every renderer of our set receives from the dispatcher. */
export interface RendererProps {
  uischema: UISchemaElement;
  schema: JsonSchema;
  path: string;
  enabled?: boolean;
}

/** A registry entry holding a Solid component. */
export type RendererEntry = RegistryEntry<Component<RendererProps>>;

/** What renderers read from the enclosing `<JsonForms>`. */
export interface FormsContextValue {
  /** The whole JSON Forms state (`{jsonforms: {core, i18n, config, renderers}}`), reactive. */
  state: Accessor<JsonFormsState>;
  rootSchema: Accessor<JsonSchema>;
  renderers: Accessor<RendererEntry[]>;
  dispatch: Dispatch<CoreActions>;
  /** Stable DOM id for the input bound to a data path. */
  idFor: (path: string) => string;
  isTouched: (path: string) => boolean;
  touch: (path: string) => void;
  /** True once the page asked to validate everything (submit); every error is then shown. */
  isSubmitted: Accessor<boolean>;
  translate: (id: string, fallback: string, values?: Record<string, unknown>) => string;
}

export const FormsContext = createContext<FormsContextValue>();

/** The enclosing form's context; renderers only work inside `<JsonForms>`. */
export const useForms = (): FormsContextValue => {
  const ctx = useContext(FormsContext);
  if (!ctx) throw new Error('JSON Forms renderers must be used inside <JsonForms>');
  return ctx;
};
