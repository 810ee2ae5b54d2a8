/** @module Form playground (表单预览): the demo ledger form rendered with our renderers, with submit and JSON result. */
import type { JsonFormsI18nState, Translator } from '@jsonforms/core';
import type { ErrorObject } from 'ajv';
import { getControlPath } from '@jsonforms/core';
import type { Component } from 'solid-js';
import { createMemo, createSignal, Show } from 'solid-js';
import type { JsonFormsHandle } from '../../forms/index.ts';
import { createErrorTranslator, JsonForms } from '../../forms/index.ts';
import { locale, t, tryT } from '../../i18n/index.ts';
import { demoFormMessages, demoInitialData, demoSchema, demoUiSchema } from './demo-form.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FormActions } from '../../components/form-actions.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { TitledPanel } from '../../components/titled-panel.tsx';

/** Renders the bundled demo form; a valid submit shows the data as JSON. */
export const FormPlaygroundPage: Component = () => {
  let form: JsonFormsHandle | undefined;
  let submittedFrom: unknown;
  const [result, setResult] = createSignal<unknown>();
  const [isAttempted, setAttempted] = createSignal(false);
  const [errors, setErrors] = createSignal<ErrorObject[]>([]);
  // Follows the live errors once a submit was attempted, so the summary shrinks as fields are fixed.
  const invalidCount = (): number =>
    isAttempted()
      ? new Set(
          errors()
            .filter((e) => e.keyword !== 'if')
            .map(getControlPath),
        ).size
      : 0;
  const errorTranslator = createErrorTranslator();
  const i18n = createMemo((): JsonFormsI18nState => {
    const current = locale();
    const translate = ((id: string, fallback?: string) =>
      demoFormMessages[current][id] ?? tryT(id) ?? fallback) as Translator;
    return { locale: current, translate, translateError: errorTranslator };
  });

  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (!form) return;
    const outcome = form.validateAll();
    setAttempted(true);
    setErrors(outcome.errors);
    submittedFrom = outcome.data;
    setResult(outcome.valid ? structuredClone(outcome.data) : undefined);
  };
  const reset = (): void => {
    form?.reset(structuredClone(demoInitialData));
    setResult(undefined);
    setAttempted(false);
  };

  return (
    <section class="page" aria-labelledby="page-title">
      <PageTitle>{t('playground.title')}</PageTitle>
      <p class="muted">{t('playground.intro')}</p>
      <form class="panel" onSubmit={submit} novalidate data-testid="playground-form">
        <JsonForms
          schema={demoSchema}
          uischema={demoUiSchema}
          data={structuredClone(demoInitialData)}
          i18n={i18n()}
          onChange={(change) => {
            setErrors(change.errors);
            // The JSON shows what was submitted; once the form is edited again it is out of date.
            if (change.data !== submittedFrom) setResult(undefined);
          }}
          controller={(handle) => {
            form = handle;
          }}
        />
        <ErrorAlert
          message={invalidCount() > 0 ? t('playground.invalid', { count: invalidCount() }) : ''}
          testId="form-invalid"
        />
        <FormActions secondary={{ label: t('playground.reset'), onClick: reset }}>
          {t('playground.submit')}
        </FormActions>
      </form>
      <Show when={result() !== undefined}>
        <TitledPanel titleId="result-title" title={t('playground.result')} class="panel result">
          <div class="alert alert--success" role="status">
            {t('playground.valid')}
          </div>
          <pre class="json" data-testid="submitted-json">
            {JSON.stringify(result(), null, 2)}
          </pre>
        </TitledPanel>
      </Show>
    </section>
  );
};
