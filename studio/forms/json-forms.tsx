/** @module The `<JsonForms>` component: core reducer state in a Solid signal, renderer registry, validate-all handle. */
import type Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import type {
  CoreActions,
  JsonFormsCore,
  JsonFormsI18nState,
  JsonFormsState,
  JsonSchema,
  UISchemaElement,
  ValidationMode,
} from '@jsonforms/core';
import {
  Actions,
  coreReducer,
  createAjv,
  defaultTranslator,
  Generate,
  getControlPath,
  UPDATE_DATA,
} from '@jsonforms/core';
import type { Component } from 'solid-js';
import { createEffect, createMemo, createSignal, createUniqueId, on, onMount } from 'solid-js';
import type { FormsContextValue, RendererEntry } from './context.ts';
import { FormsContext } from './context.ts';
import { DispatchRenderer } from './dispatch-renderer.tsx';
import { createErrorTranslator } from './i18n.ts';
import { batonRenderers } from './registry.ts';
import { UNIT_FORMAT } from './testers.ts';

/** What `onChange` receives after every data change (and once at start). */
export interface JsonFormsChange {
  data: unknown;
  errors: ErrorObject[];
}

/** Imperative handle given to `controller`, for pages that submit. */
export interface JsonFormsHandle {
  /**
   * Shows every error, reveals and focuses the first invalid field.
   * `valid` is true when the schema validates.
   */
  validateAll: () => { valid: boolean; data: unknown; errors: ErrorObject[] };
  data: () => unknown;
  errors: () => ErrorObject[];
  /** Replaces the data and forgets touched fields and the submit attempt. */
  reset: (data?: unknown) => void;
}

/** Props of `<JsonForms>`. */
export interface JsonFormsProps {
  schema: JsonSchema;
  /** Generated from the schema when omitted. */
  uischema?: UISchemaElement;
  /** Initial data. */
  data?: unknown;
  onChange?: (change: JsonFormsChange) => void;
  /** JSON Forms i18n hooks: locale, translate, translateError (ours by default). */
  i18n?: JsonFormsI18nState;
  validationMode?: ValidationMode;
  renderers?: RendererEntry[];
  config?: Record<string, unknown>;
  readonly?: boolean;
  ajv?: Ajv;
  /**
   * Errors found elsewhere (e.g. by the server), shown on their fields like schema errors: ajv-style
   * objects whose `instancePath` names the field (`/reason`). Showing them counts as a submit attempt;
   * an error goes away once its field is edited.
   */
  additionalErrors?: ErrorObject[];
  controller?: (handle: JsonFormsHandle) => void;
  class?: string;
}

const invalidSelector = '[aria-invalid="true"], .jf-array.jf-field--invalid .jf-array__header button';

/** Our formats on an ajv instance: `baton-unit` (a unit id; any string, the server checks the unit). */
const withBatonFormats = (ajv: Ajv): Ajv => {
  if (!ajv.formats[UNIT_FORMAT]) ajv.addFormat(UNIT_FORMAT, true);
  return ajv;
};

/** Focuses the first invalid field in DOM order, switching to its tab first if it is hidden. */
export const focusFirstInvalid = (root: HTMLElement): HTMLElement | undefined => {
  const el = root.querySelector<HTMLElement>(invalidSelector);
  if (!el) return undefined;
  const panel = el.closest<HTMLElement>('[role="tabpanel"]');
  if (panel?.hidden) document.getElementById(panel.getAttribute('aria-labelledby') ?? '')?.click();
  el.focus();
  el.scrollIntoView?.({ block: 'center' });
  return el;
};

/** Renders a form for a JSON Schema + UI schema with our Solid renderer set. */
export const JsonForms: Component<JsonFormsProps> = (props) => {
  const formId = `jf${createUniqueId().replace(/[^\w-]/g, '')}`;
  const ajv = props.ajv ?? withBatonFormats(createAjv());
  const initCore = (data: unknown): JsonFormsCore =>
    coreReducer(
      undefined,
      Actions.init(
        data ?? {},
        props.schema,
        props.uischema ?? Generate.uiSchema(props.schema, undefined, undefined, props.schema),
        {
          ajv,
          validationMode: props.validationMode ?? 'ValidateAndShow',
          additionalErrors: props.additionalErrors ?? [],
        },
      ),
    );
  const [core, setCore] = createSignal<JsonFormsCore>(initCore(props.data));
  const [touched, setTouched] = createSignal<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = createSignal(false);
  let root: HTMLDivElement | undefined;

  const emit = (state: JsonFormsCore): void =>
    props.onChange?.({ data: state.data, errors: state.errors ?? [] });
  const dispatch = <T extends CoreActions>(action: T): T => {
    let next = coreReducer(core(), action);
    // An outside error stops applying once the user edits its field.
    const outside = next.additionalErrors ?? [];
    if (action.type === UPDATE_DATA && outside.length > 0) {
      const edited = action.path;
      const kept = outside.filter((e) => {
        const path = getControlPath(e);
        return path !== edited && !path.startsWith(`${edited}.`);
      });
      if (kept.length !== outside.length) next = { ...next, additionalErrors: kept };
    }
    if (next !== core()) {
      setCore(next);
      emit(next);
    }
    return action;
  };
  const translate = (id: string, fallback: string, values?: Record<string, unknown>): string =>
    (props.i18n?.translate ?? defaultTranslator)(id, fallback, values);
  const renderers = createMemo(() => props.renderers ?? batonRenderers);
  const state = createMemo(
    (): JsonFormsState => ({
      jsonforms: {
        core: core(),
        config: props.config ?? {},
        renderers: renderers(),
        readonly: props.readonly ?? false,
        i18n: {
          locale: props.i18n?.locale ?? 'zh-CN',
          translate: props.i18n?.translate ?? defaultTranslator,
          translateError: props.i18n?.translateError ?? createErrorTranslator(),
        },
      },
    }),
  );
  const context: FormsContextValue = {
    state,
    rootSchema: createMemo(() => core().schema),
    renderers,
    dispatch,
    idFor: (path) => `${formId}-${path ? path.replace(/[^\w-]/g, '-') : 'root'}`,
    isTouched: (path) => touched().has(path),
    touch: (path) => {
      if (!touched().has(path)) setTouched(new Set([...touched(), path]));
    },
    isSubmitted: submitted,
    translate,
  };

  createEffect(
    on(
      () => props.additionalErrors,
      (errors) => {
        const current = core();
        setCore(
          coreReducer(
            current,
            Actions.updateCore(current.data, current.schema, current.uischema, {
              additionalErrors: errors ?? [],
            }),
          ),
        );
        if (errors && errors.length > 0) {
          setSubmitted(true);
          if (root) queueMicrotask(() => root && focusFirstInvalid(root));
        }
      },
      { defer: true },
    ),
  );

  onMount(() => {
    emit(core());
    props.controller?.({
      validateAll: () => {
        setSubmitted(true);
        const errors = [...(core().errors ?? []), ...(core().additionalErrors ?? [])];
        if (errors.length > 0 && root) focusFirstInvalid(root);
        return { valid: errors.length === 0, data: core().data, errors };
      },
      data: () => core().data,
      errors: () => core().errors ?? [],
      reset: (data) => {
        setTouched(new Set<string>());
        setSubmitted(false);
        setCore(initCore(data));
        emit(core());
      },
    });
  });

  return (
    <FormsContext.Provider value={context}>
      <div class={`jf-form${props.class ? ` ${props.class}` : ''}`} ref={root} data-jf-form={formId}>
        <DispatchRenderer uischema={core().uischema} schema={core().schema} path="" />
      </div>
    </FormsContext.Provider>
  );
};
