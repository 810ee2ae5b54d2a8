/**
 * @module Test run of a scoring rule: the indicator's form rendered by our JSON Forms renderers, filled
 * with sample values derived from the form schema that give the rule a real score, plus the target and
 * month; raw JSON of the whole test data as an advanced view; the result with its trace.
 */
import type { JsonSchema, UISchemaElement } from '@jsonforms/core';
import type { Component } from 'solid-js';
import { createEffect, createSignal, on, Show } from 'solid-js';
import type { TraceNode } from '../../../../engine/core/rule-language.ts';
import { evaluateWithTrace } from '../../../../engine/core/rule-language.ts';
import type { JsonFormsHandle } from '../../../forms/index.ts';
import { JsonForms } from '../../../forms/index.ts';
import { locale } from '../../../i18n/index.ts';
import { errorText } from '../../../lib/error-text.ts';
import { dt } from '../designer-messages.ts';
import { localizeUiSchema } from '../form-model.ts';
import { pt } from '../messages.ts';
import { LabelledInput, Panel } from '../page-parts.tsx';
import { testContext } from '../rule-blocks.ts';
import { showValue, TraceTree } from '../score-trace.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';

type Data = Record<string, unknown>;

/** The test-run panel of the rule builder. `sample` is replaced whenever the rule target changes. */
export const RuleTestPanel: Component<{
  rule: () => unknown;
  sample: () => Data;
  formSchema: () => unknown;
  uiSchema: () => unknown;
}> = (props) => {
  const [data, setData] = createSignal<Data>(props.sample());
  const [text, setText] = createSignal(JSON.stringify(props.sample(), null, 2));
  const [textError, setTextError] = createSignal('');
  const [run, setRun] = createSignal<{ result?: unknown; trace?: TraceNode; error?: string } | null>(null);
  let form: JsonFormsHandle | undefined;

  const replace = (next: Data, fromText = false): void => {
    setData(next);
    if (!fromText) setText(JSON.stringify(next, null, 2));
    setRun(null);
  };
  createEffect(
    on(props.sample, (sample) => {
      replace(sample);
      setTextError('');
      form?.reset(sample.entry ?? {});
    }),
  );

  const hasForm = () => {
    const schema = props.formSchema() as { properties?: Record<string, unknown> } | undefined;
    return !!schema && Object.keys(schema.properties ?? {}).length > 0;
  };
  const setNumber = (key: 'target' | 'month', value: string): void => {
    const n = value.trim() === '' ? undefined : Number(value);
    const next = { ...data() };
    if (n === undefined || !Number.isFinite(n)) delete next[key];
    else next[key] = n;
    replace(next);
  };
  /** The target or the month of the test run (empty = not given). */
  const NumberInput: Component<{
    label: string;
    name: 'target' | 'month';
    min?: string;
    max?: string;
    step: string;
  }> = (input) => (
    <LabelledInput
      label={input.label}
      type="number"
      min={input.min}
      max={input.max}
      step={input.step}
      data-testid={`rule-test-${input.name}`}
      value={typeof data()[input.name] === 'number' ? String(data()[input.name]) : ''}
      onValue={(value) => setNumber(input.name, value)}
    />
  );

  const testRun = (): void => {
    try {
      const traced = evaluateWithTrace(props.rule(), data(), testContext());
      setRun({ result: traced.result, trace: traced.trace });
    } catch (error) {
      setRun({ error: errorText(error) });
    }
  };

  return (
    <Panel testId="rule-test" title={pt('rules.test')}>
      <Show when={hasForm()} fallback={<p class="muted small">{dt('rules.noForm')}</p>}>
        <p class="muted small">{dt('rules.testInputIntro')}</p>
        <div class="perf-rule-test__form" data-testid="rule-test-form">
          <JsonForms
            schema={props.formSchema() as JsonSchema}
            uischema={
              (props.uiSchema() ? localizeUiSchema(props.uiSchema(), locale()) : undefined) as
                | UISchemaElement
                | undefined
            }
            data={(data().entry as object | undefined) ?? {}}
            controller={(handle) => {
              form = handle;
            }}
            onChange={(change) => {
              if (JSON.stringify(change.data) === JSON.stringify(data().entry ?? {})) return;
              replace({ ...data(), entry: change.data });
            }}
          />
        </div>
      </Show>
      <div class="perf-inline-fields">
        <NumberInput label={dt('rules.testTarget')} name="target" step="any" />
        <NumberInput label={dt('rules.testMonth')} name="month" min="1" max="12" step="1" />
      </div>
      <details class="perf-advanced" data-testid="rule-sample-advanced" open={!hasForm()}>
        <summary>{dt('rules.sampleAdvanced')}</summary>
        <label class="field">
          <span>{pt('rules.sample')}</span>
          <textarea
            class="mono"
            rows={8}
            spellcheck={false}
            value={text()}
            data-testid="rule-sample"
            onInput={(e) => {
              const value = e.currentTarget.value;
              setText(value);
              try {
                const parsed = JSON.parse(value) as unknown;
                if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('{…}');
                setTextError('');
                replace(parsed as Data, true);
              } catch (error) {
                setTextError(pt('rules.rawInvalid', { message: errorText(error) }));
              }
            }}
            onChange={() => {
              if (!textError()) form?.reset(data().entry ?? {});
            }}
          />
        </label>
        <ErrorAlert message={textError()} />
      </details>
      <button type="button" class="btn btn--primary" onClick={testRun} data-testid="rule-run">
        {pt('rules.run')}
      </button>
      <Show when={run()}>
        {(r) => (
          <Show
            when={!r().error}
            fallback={
              <ErrorAlert message={pt('rules.error', { message: r().error })} testId="rule-run-error" />
            }
          >
            <p class="perf-rule-test__result">
              {dt('rules.score')}:{' '}
              <strong class="mono" data-testid="rule-result">
                {showValue(r().result)}
              </strong>
            </p>
            <h3 class="small">{pt('rules.trace')}</h3>
            <div class="perf-trace" data-testid="rule-trace">
              <Show when={r().trace}>
                {(trace) => (
                  <ul class="perf-why__tree perf-why__tree--root">
                    <TraceTree node={trace()} depth={0} />
                  </ul>
                )}
              </Show>
            </div>
          </Show>
        )}
      </Show>
    </Panel>
  );
};
