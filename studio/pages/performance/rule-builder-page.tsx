/** @module Scoring-rule builder (计分规则): visual blocks over the operator catalogue, variables (case metrics by their Chinese names for case-metric indicators), raw JSON toggle, test-run panel with result, trace and rule check. */
import type { Component } from 'solid-js';
import { createEffect, createMemo, createSignal, For, Match, on, Show, Switch } from 'solid-js';
import type { Issue, TraceNode } from '../../../engine/core/rule-language.ts';
import { checkRule, evaluateWithTrace } from '../../../engine/core/rule-language.ts';
import { NO_CASES_POLICY_NAMES, type NoCasesPolicy } from '../../../engine/core/routing/metric-catalogue.ts';
import { locale } from '../../i18n/index.ts';
import type { RuleDocument } from '../../rule-sets-api.ts';
import { currentVersion, DraftBar, documentsOf, isEditable, saveDocuments } from './draft-store.tsx';
import { local, pt } from './messages.ts';
import type { BlockKind, RuleSubject } from './rule-blocks.ts';
import {
  argSchema,
  arity,
  caseMetricOfPath,
  catalogueByCategory,
  defaultArg,
  entrySchemaOf,
  kindOf,
  newOperation,
  nodeOfKind,
  operatorOf,
  opParts,
  ruleVariablesOf,
  STANDARD_OPERATORS,
  sampleData,
  withChild,
} from './rule-blocks.ts';
import './performance.css';
import { errorText } from '../../lib/error-text.ts';

type Doc = RuleDocument & {
  name?: { zh: string; en: string };
  code?: string;
  level?: string;
  formId?: string;
  dataSource?: string;
  metric?: string;
  whenNoCases?: NoCasesPolicy;
  scoringRule?: unknown;
  scoringRuleRef?: string;
  rule?: unknown;
  targets?: { unitId: string; value: number }[];
  tests?: { input: unknown }[];
  schema?: unknown;
};

/** A rule that can be edited here: an indicator's inline rule or a scoringRule document. */
interface RuleTarget {
  key: string;
  label: string;
  doc: Doc;
  field: 'scoringRule' | 'rule';
}

const targetsOf = (): RuleTarget[] => [
  ...documentsOf<Doc>('indicator')
    .filter((d) => d.level === 'unit' && d.scoringRule !== undefined)
    .map((d) => ({
      key: `indicator/${d.id}`,
      label: `${d.code ?? ''} ${local(d.name)}`,
      doc: d,
      field: 'scoringRule' as const,
    })),
  ...documentsOf<Doc>('scoringRule').map((d) => ({
    key: `scoringRule/${d.id}`,
    label: `${pt('rules.ruleRef', { id: d.id })} ${local(d.name)}`,
    doc: d,
    field: 'rule' as const,
  })),
];

const shortJson = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

/** The scoring-rule builder page (admin). */
export const RuleBuilderPage: Component = () => {
  const [targetKey, setTargetKey] = createSignal('');
  const [rule, setRule] = createSignal<unknown>(null);
  const [isRaw, setRaw] = createSignal(false);
  const [rawText, setRawText] = createSignal('');
  const [rawError, setRawError] = createSignal('');
  const [sampleText, setSampleText] = createSignal('{}');
  const [isDirty, setDirty] = createSignal(false);
  const [isSaving, setSaving] = createSignal(false);
  const [run, setRun] = createSignal<{ result?: unknown; trace?: TraceNode; error?: string } | null>(null);

  const target = createMemo(() => targetsOf().find((t) => t.key === targetKey()));
  const formSchema = createMemo(() => {
    const formId = target()?.doc.formId;
    return documentsOf<Doc>('form').find((f) => f.id === formId)?.schema;
  });
  /** An indicator's data source and primary metric: case-metric indicators read every metric by name. */
  const subjectOf = (t: RuleTarget | undefined): RuleSubject | undefined =>
    t?.field === 'scoringRule' ? { dataSource: t.doc.dataSource, metric: t.doc.metric } : undefined;
  const subject = createMemo(() => subjectOf(target()));
  const isCaseMetrics = () => subject()?.dataSource === 'caseMetrics';
  const variables = createMemo(() => ruleVariablesOf(formSchema(), subject()));
  const noCasesPolicy = (): NoCasesPolicy =>
    target()?.doc.whenNoCases ??
    documentsOf<{ kind: string; id: string; whenNoCases?: NoCasesPolicy }>('assessmentPolicy')[0]
      ?.whenNoCases ??
    'exclude';

  const open = (key: string): void => {
    const found = targetsOf().find((t) => t.key === key);
    setTargetKey(key);
    const value = found ? structuredClone(found.doc[found.field]) : null;
    setRule(value);
    setRawText(JSON.stringify(value, null, 2));
    setRawError('');
    setDirty(false);
    setRun(null);
    const testInput = found?.doc.tests?.[0]?.input;
    setSampleText(
      JSON.stringify(
        testInput ?? sampleData(formSchema(), found?.doc.targets?.[0]?.value ?? null, subjectOf(found)),
        null,
        2,
      ),
    );
  };
  createEffect(
    on(currentVersion, () => {
      const keep = targetsOf().some((t) => t.key === targetKey());
      open(keep ? targetKey() : (targetsOf()[0]?.key ?? ''));
    }),
  );

  const setFromBlocks = (next: unknown): void => {
    setRule(next);
    setRawText(JSON.stringify(next, null, 2));
    setDirty(true);
  };
  const setFromRaw = (text: string): void => {
    setRawText(text);
    try {
      setRule(JSON.parse(text));
      setRawError('');
      setDirty(true);
    } catch (error) {
      setRawError(pt('rules.rawInvalid', { message: errorText(error) }));
    }
  };

  const dataSchema = createMemo(() => ({
    type: 'object',
    properties: {
      entry: entrySchemaOf(formSchema(), subject()),
      target: { type: 'number' },
      month: { type: 'integer' },
    },
  }));
  const issues = createMemo((): Issue[] => checkRule(rule(), dataSchema()));

  const testRun = (): void => {
    try {
      const data = JSON.parse(sampleText());
      const traced = evaluateWithTrace(rule(), data);
      setRun({ result: traced.result, trace: traced.trace });
    } catch (error) {
      setRun({ error: errorText(error) });
    }
  };

  const save = async (): Promise<void> => {
    const t = target();
    if (!t || rawError()) return;
    setSaving(true);
    try {
      if (await saveDocuments([{ ...t.doc, [t.field]: rule() }])) setDirty(false);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section class="page perf" aria-labelledby="page-title">
      <h1 id="page-title" class="page__title">
        {pt('rules.title')}
      </h1>
      <p class="muted">{pt('rules.intro')}</p>
      <DraftBar />
      <Show when={currentVersion()} fallback={<p class="muted">{pt('draft.pick')}</p>}>
        <div class="perf-toolbar">
          <label class="perf-inline">
            <span>{pt('rules.target')}</span>
            <select
              data-testid="rule-target"
              value={targetKey()}
              onChange={(e) => open(e.currentTarget.value)}
            >
              <For each={targetsOf()}>{(t) => <option value={t.key}>{t.label}</option>}</For>
            </select>
          </label>
          <div class="perf-tabs">
            <button
              type="button"
              class="btn btn--small"
              aria-pressed={!isRaw()}
              data-testid="rule-view-blocks"
              onClick={() => setRaw(false)}
              disabled={!!rawError()}
            >
              {pt('rules.blocks')}
            </button>
            <button
              type="button"
              class="btn btn--small"
              aria-pressed={isRaw()}
              data-testid="rule-view-raw"
              onClick={() => setRaw(true)}
            >
              {pt('rules.raw')}
            </button>
          </div>
          <button
            type="button"
            class="btn btn--primary"
            data-testid="rule-save"
            disabled={!isEditable() || !isDirty() || isSaving() || !!rawError()}
            onClick={save}
          >
            {isSaving() ? pt('draft.saving') : pt('draft.save')}
          </button>
        </div>
        <datalist id="rule-vars" data-testid="rule-vars">
          <For each={variables()}>
            {(v) => <option value={v.path} label={v.label ? local(v.label) : undefined} />}
          </For>
        </datalist>
        <Show when={isCaseMetrics()}>
          <CaseMetricVariables primary={subject()?.metric ?? 'onTimeRate'} policy={noCasesPolicy()} />
        </Show>
        <div class="perf-split">
          <div class="panel perf-split__main">
            <Show
              when={isRaw()}
              fallback={
                <div class="perf-blocks" data-testid="rule-blocks">
                  <Block node={rule()} onChange={setFromBlocks} />
                </div>
              }
            >
              <label class="field">
                <span class="sr-only">{pt('rules.raw')}</span>
                <textarea
                  class="perf-raw mono"
                  rows={16}
                  spellcheck={false}
                  data-testid="rule-raw"
                  value={rawText()}
                  onInput={(e) => setFromRaw(e.currentTarget.value)}
                />
              </label>
              <Show when={rawError()}>
                <div class="alert alert--error" role="alert" data-testid="rule-raw-error">
                  {rawError()}
                </div>
              </Show>
            </Show>
          </div>
          <div class="perf-split__side">
            <div class="panel" data-testid="rule-test">
              <h2 class="panel__title">{pt('rules.test')}</h2>
              <label class="field">
                <span>{pt('rules.sample')}</span>
                <textarea
                  class="mono"
                  rows={8}
                  value={sampleText()}
                  onInput={(e) => setSampleText(e.currentTarget.value)}
                  data-testid="rule-sample"
                />
              </label>
              <button type="button" class="btn" onClick={testRun} data-testid="rule-run">
                {pt('rules.run')}
              </button>
              <Show when={run()}>
                {(r) => (
                  <Show
                    when={!r().error}
                    fallback={
                      <div class="alert alert--error" role="alert">
                        {pt('rules.error', { message: r().error })}
                      </div>
                    }
                  >
                    <p>
                      {pt('rules.result')}:{' '}
                      <strong class="mono" data-testid="rule-result">
                        {shortJson(r().result)}
                      </strong>
                    </p>
                    <h3 class="small">{pt('rules.trace')}</h3>
                    <div class="perf-trace" data-testid="rule-trace">
                      <Show when={r().trace}>{(trace) => <TraceTree node={trace()} />}</Show>
                    </div>
                  </Show>
                )}
              </Show>
              <h3 class="small">{pt('rules.issues')}</h3>
              <Show
                when={issues().length > 0}
                fallback={
                  <p class="alert alert--success" data-testid="rule-issues-ok">
                    {pt('rules.noIssues')}
                  </p>
                }
              >
                <ul class="perf-issues" data-testid="rule-issues">
                  <For each={issues()}>
                    {(issue) => (
                      <li>
                        <span class="mono small">{issue.path || '/'}</span>{' '}
                        {locale() === 'zh-CN' ? (issue.messageZh ?? issue.message) : issue.message}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </div>
          </div>
        </div>
      </Show>
    </section>
  );
};

/** The case metrics a case-metric indicator's rule reads, by name, with the indicator's no-cases policy. */
const CaseMetricVariables: Component<{ primary: string; policy: NoCasesPolicy }> = (props) => (
  <details class="panel" open data-testid="rule-case-metrics">
    <summary class="panel__title">{pt('rules.caseMetrics')}</summary>
    <p class="muted small">{pt('rules.caseMetricsIntro')}</p>
    <p class="small" data-testid="rule-no-cases-policy" data-policy={props.policy}>
      {pt('rules.noCasesPolicy', { policy: local(NO_CASES_POLICY_NAMES[props.policy]) })}
    </p>
    <table class="table">
      <thead>
        <tr>
          <th>{pt('rules.caseMetric.name')}</th>
          <th>{pt('rules.caseMetric.var')}</th>
          <th>{pt('rules.caseMetric.about')}</th>
        </tr>
      </thead>
      <tbody>
        <For each={ruleVariablesOf(undefined, { dataSource: 'caseMetrics' }).filter((v) => v.metric)}>
          {(v) => (
            <tr data-testid={`rule-case-metric-${v.metric!.id}`}>
              <td>
                {local(v.metric!.name)}
                <Show when={v.metric!.id === props.primary}>
                  {' '}
                  <span class="muted small">({pt('rules.caseMetric.primary')})</span>
                </Show>
              </td>
              <td class="mono small">{v.path}</td>
              <td class="small">{local(v.metric!.description)}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  </details>
);

const TraceTree: Component<{ node: TraceNode }> = (props) => (
  <ul class="perf-trace__list">
    <li>
      <span class="mono perf-trace__op">{props.node.op}</span>
      <span class="muted small"> ({props.node.inputs.map(shortJson).join(', ')})</span> →{' '}
      <strong class="mono">{shortJson(props.node.output)}</strong>
      <For each={props.node.children}>{(child) => <TraceTree node={child} />}</For>
    </li>
  </ul>
);

const KIND_OPTIONS: BlockKind[] = ['const', 'var', 'op', 'list'];

/** The path a `var` node reads. */
const varPath = (node: unknown): string => {
  const v = (node as { var: unknown }).var;
  return Array.isArray(v) ? String(v[0] ?? '') : String(v ?? '');
};

/** One block: a kind picker and the editor of that kind; operations and lists nest blocks. */
const Block: Component<{
  node: unknown;
  onChange: (next: unknown) => void;
  label?: string;
  help?: string;
}> = (props) => {
  const kind = () => kindOf(props.node);
  return (
    <div class={`perf-block perf-block--${kind()}`} data-kind={kind()}>
      <div class="perf-block__head">
        <Show when={props.label}>
          <span class="perf-block__label" title={props.help}>
            {props.label}
          </span>
        </Show>
        <select
          class="perf-block__kind"
          aria-label={pt('rules.kind')}
          value={kind()}
          onChange={(e) => props.onChange(nodeOfKind(e.currentTarget.value as BlockKind))}
        >
          <For each={KIND_OPTIONS}>{(k) => <option value={k}>{pt(`rules.kind.${k}`)}</option>}</For>
        </select>
        <Switch>
          <Match when={kind() === 'const'}>
            <ConstInput value={props.node} onChange={props.onChange} />
          </Match>
          <Match when={kind() === 'var'}>
            <input
              class="mono"
              list="rule-vars"
              aria-label={pt('rules.kind.var')}
              value={varPath(props.node)}
              onChange={(e) => props.onChange({ var: e.currentTarget.value })}
            />
            <Show when={caseMetricOfPath(varPath(props.node))}>
              {(metric) => (
                <span class="muted small" data-testid="rule-var-name">
                  {local(metric().name)}
                </span>
              )}
            </Show>
          </Match>
          <Match when={kind() === 'op'}>
            <OperatorSelect
              value={opParts(props.node).op}
              onChange={(op) => props.onChange(newOperation(op, opParts(props.node).args))}
            />
          </Match>
        </Switch>
      </div>
      <Show when={kind() === 'op'}>
        <OperationArgs node={props.node} onChange={props.onChange} />
      </Show>
      <Show when={kind() === 'list'}>
        <div class="perf-block__args">
          <For each={props.node as unknown[]}>
            {(item, i) => (
              <div class="perf-block__arg">
                <Block
                  node={item}
                  onChange={(next) => props.onChange(withChild(props.node, i(), next))}
                  label={`[${i()}]`}
                />
                <button
                  type="button"
                  class="btn btn--small btn--icon"
                  aria-label={pt('rules.removeArg')}
                  onClick={() => props.onChange((props.node as unknown[]).filter((_, j) => j !== i()))}
                >
                  ×
                </button>
              </div>
            )}
          </For>
          <button
            type="button"
            class="btn btn--small"
            onClick={() => props.onChange([...(props.node as unknown[]), 0])}
          >
            + {pt('rules.addItem')}
          </button>
        </div>
      </Show>
    </div>
  );
};

const ConstInput: Component<{ value: unknown; onChange: (next: unknown) => void }> = (props) => (
  <input
    class="mono perf-block__const"
    aria-label={pt('rules.kind.const')}
    value={
      props.value === null
        ? 'null'
        : typeof props.value === 'string'
          ? JSON.stringify(props.value)
          : String(props.value)
    }
    onChange={(e) => {
      const text = e.currentTarget.value.trim();
      try {
        const parsed: unknown = JSON.parse(text);
        props.onChange(parsed !== null && typeof parsed === 'object' ? text : parsed);
      } catch {
        props.onChange(text);
      }
    }}
  />
);

const OperatorSelect: Component<{ value: string; onChange: (op: string) => void }> = (props) => (
  <select
    class="mono"
    aria-label={pt('rules.operator')}
    value={props.value}
    onChange={(e) => props.onChange(e.currentTarget.value)}
  >
    <Show when={!operatorOf(props.value) && !(STANDARD_OPERATORS as readonly string[]).includes(props.value)}>
      <option value={props.value}>{props.value}</option>
    </Show>
    <optgroup label={pt('rules.standard')}>
      <For each={STANDARD_OPERATORS}>{(op) => <option value={op}>{op}</option>}</For>
    </optgroup>
    <For each={catalogueByCategory()}>
      {([category, ops]) => (
        <optgroup label={category}>
          <For each={ops}>{(op) => <option value={op.name}>{op.name}</option>}</For>
        </optgroup>
      )}
    </For>
  </select>
);

const OperationArgs: Component<{ node: unknown; onChange: (next: unknown) => void }> = (props) => {
  const parts = () => opParts(props.node);
  const definition = () => operatorOf(parts().op);
  return (
    <div class="perf-block__args">
      <Show when={definition()}>
        {(def) => <p class="muted small perf-block__help">{local(def().description)}</p>}
      </Show>
      <For each={parts().args}>
        {(arg, i) => {
          const schema = () => argSchema(parts().op, i());
          const isOptional = () => i() >= arity(parts().op).min;
          return (
            <div class="perf-block__arg">
              <Block
                node={arg}
                onChange={(next) => props.onChange(withChild(props.node, i(), next))}
                label={`${(schema()?.title as string | undefined) ?? pt('rules.arg', { n: i() + 1 })}${isOptional() ? ` ${pt('rules.optional')}` : ''}`}
                help={schema()?.description as string | undefined}
              />
              <Show when={isOptional() || !definition()}>
                <button
                  type="button"
                  class="btn btn--small btn--icon"
                  aria-label={pt('rules.removeArg')}
                  onClick={() => props.onChange({ [parts().op]: parts().args.filter((_, j) => j !== i()) })}
                >
                  ×
                </button>
              </Show>
            </div>
          );
        }}
      </For>
      <Show when={parts().args.length < arity(parts().op).max}>
        <button
          type="button"
          class="btn btn--small"
          onClick={() =>
            props.onChange({
              [parts().op]: [...parts().args, defaultArg(argSchema(parts().op, parts().args.length))],
            })
          }
        >
          + {pt('rules.addArg')}
        </button>
      </Show>
    </div>
  );
};
