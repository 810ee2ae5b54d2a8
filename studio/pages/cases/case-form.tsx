/** @module JSON Schema forms of the case pages in the current language (a category's intake form, an action's input form): English titles and labels from `x-title-en` / `options.labelEn`, typed data kept across a language switch. */
import type { ErrorObject } from 'ajv';
import type { JsonFormsI18nState, JsonSchema, Translator, UISchemaElement } from '@jsonforms/core';
import type { Component } from 'solid-js';
import { createMemo, Show, untrack } from 'solid-js';
import type { CaseCategory } from '../../api/cases.ts';
import type { JsonFormsHandle } from '../../forms/index.ts';
import { createErrorTranslator, JsonForms } from '../../forms/index.ts';
import type { Locale } from '../../i18n/index.ts';
import { locale, tryT } from '../../i18n/index.ts';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The schema and UI schema for `lang`: in English every `title` with an `x-title-en` and every
 * `label` with an `options.labelEn` takes the English text; Chinese returns them unchanged. Pure.
 */
export function localizeCaseForm(
  form: { schema: unknown; uiSchema?: unknown },
  lang: Locale,
): { schema: unknown; uiSchema: unknown } {
  if (lang !== 'en') return { schema: form.schema, uiSchema: form.uiSchema };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObject(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[key] = walk(value);
    if (typeof node['x-title-en'] === 'string') out.title = node['x-title-en'];
    const options = node.options;
    if (typeof node.label === 'string' && isObject(options) && typeof options.labelEn === 'string')
      out.label = options.labelEn;
    return out;
  };
  return {
    schema: walk(form.schema),
    uiSchema: form.uiSchema === undefined || form.uiSchema === null ? form.uiSchema : walk(form.uiSchema),
  };
}

/** Props of {@link LocalizedForm}. */
export interface LocalizedFormProps {
  form: { schema: unknown; uiSchema?: unknown };
  i18n: JsonFormsI18nState;
  controller: (handle: JsonFormsHandle) => void;
  /** Initial data (kept as typed across a language switch afterwards). */
  data?: Record<string, unknown>;
  /** JSON Forms config, e.g. `{ units }` for the unit pickers. */
  config?: Record<string, unknown>;
  /** Errors found by the server, shown on their fields. */
  additionalErrors?: ErrorObject[];
}

/** A JSON Schema form in the current language; re-rendered in the new language on a switch with what was typed so far. */
export const LocalizedForm: Component<LocalizedFormProps> = (props) => {
  let handle: JsonFormsHandle | undefined;
  return (
    <Show when={locale()} keyed>
      {(lang) => {
        const draft = untrack(() => handle?.data() ?? props.data) ?? {};
        const form = localizeCaseForm(props.form, lang);
        return (
          <JsonForms
            schema={form.schema as JsonSchema}
            uischema={(form.uiSchema ?? undefined) as UISchemaElement | undefined}
            data={draft}
            i18n={props.i18n}
            config={props.config}
            additionalErrors={props.additionalErrors}
            controller={(next) => {
              handle = next;
              props.controller(next);
            }}
          />
        );
      }}
    </Show>
  );
};

/** Form i18n: the schema's own (Chinese) titles, our error translator. */
export const createFormI18n = (): (() => JsonFormsI18nState) => {
  const translateError = createErrorTranslator();
  return createMemo(() => {
    const current = locale();
    const translate = ((id: string, fallback?: string) => tryT(id) ?? fallback) as Translator;
    return { locale: current, translate, translateError };
  });
};

/**
 * The intake form of `category`; re-rendered in the new language on a switch with what was typed so
 * far. Without `i18n` it makes its own (the citizen portal loads this module only once a category is chosen).
 */
export const CaseIntakeForm: Component<{
  category: CaseCategory;
  i18n?: JsonFormsI18nState;
  controller: (handle: JsonFormsHandle) => void;
}> = (props) => {
  const own = props.i18n ? undefined : createFormI18n();
  return <LocalizedForm form={props.category} i18n={props.i18n ?? own!()} controller={props.controller} />;
};
