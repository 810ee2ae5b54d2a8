/**
 * @module Scoring-rule builder (计分规则): visual blocks over the operator catalogue (operators,
 * arguments and choices by their catalogue names), variables picked from the indicator's form fields
 * by title (case metrics by their Chinese names for case-metric indicators), raw JSON as an advanced
 * view, and a test run on the indicator's form filled with sample values, with result, trace and rule
 * check. A published version is shown read-only.
 */
import type { Component } from 'solid-js';
import { DataTable } from '../../components/data-table.tsx';
import { createMemo, createSignal, For, Show } from 'solid-js';
import type { Issue } from '../../../engine/core/rule-language.ts';
import { checkRule, evaluate } from '../../../engine/core/rule-language.ts';
import { NO_CASES_POLICY_NAMES, type NoCasesPolicy } from '../../../engine/core/routing/metric-catalogue.ts';
import { locale } from '../../i18n/index.ts';
import { errorText } from '../../lib/error-text.ts';
import type { RuleDocument } from '../../api/rule-sets.ts';
import { dt } from './designer-messages.ts';
import { createEditedDocument, createSaving, DesignerPage, SaveButton } from './designer-page.tsx';
import { documentsOf, isEditable, saveDocuments } from './draft-store.tsx';
import { local, pt } from './messages.ts';
import { Panel, PressedTabs } from './page-parts.tsx';
import { Block, BlockVariablesProvider, otherVariables } from './rule-builder/blocks.tsx';
import { RuleTestPanel } from './rule-builder/test-panel.tsx';
import type { RuleSubject } from './rule-blocks.ts';
import {
  entrySchemaOf,
  fieldVariablesOf,
  ruleVariablesOf,
  sampleForRule,
  starterRule,
} from './rule-blocks.ts';
import './performance.css';
import './designer.css';
import { ErrorAlert } from '../../components/error-alert.tsx';

type Doc = RuleDocument & {
  name?: { zh: string; en: string };
  code?: string;
  level?: string;
  formId?: string;
  dataSource?: string;
  metric?: string;
  whenNoCases?: NoCasesPolicy;
  scoringRule?: unknown;
  scoringRuleRef?: { id: string; params?: Record<string, unknown> };
  rule?: unknown;
  params?: Record<string, unknown>;
  targets?: { unitId: string; value: number }[];
  tests?: { input: unknown }[];
  schema?: unknown;
  uiSchema?: unknown;
};

/** A rule that can be edited here: an indicator's inline rule (or a first one) or a scoringRule document. */
interface RuleTarget {
  key: string;
  label: string;
  doc: Doc;
  field: 'scoringRule' | 'rule';
}

const targetsOf = (): RuleTarget[] => [
  ...documentsOf<Doc>('indicator')
    .filter((d) => d.level === 'unit' && d.scoringRuleRef === undefined)
    .map((d) => ({
      key: `indicator/${d.id}`,
      label: `${d.code ?? ''} ${local(d.name)}`,
      doc: d,
      field: 'scoringRule' as const,
    })),
  ...documentsOf<Doc>('scoringRule').map((d) => ({
    key: `scoringRule/${d.id}`,
    label: `${dt('rules.shared')} · ${local(d.name) || d.id}`,
    doc: d,
    field: 'rule' as const,
  })),
];

/** The form of a rule: an indicator's own, else that of the first indicator using the scoringRule document. */
const formOf = (t: RuleTarget | undefined): Doc | undefined => {
  if (!t) return undefined;
  const formId =
    t.field === 'scoringRule'
      ? t.doc.formId
      : documentsOf<Doc>('indicator').find((d) => d.scoringRuleRef?.id === t.doc.id)?.formId;
  return documentsOf<Doc>('form').find((f) => f.id === formId);
};

/** The scoring-rule builder page (admin). */
export const RuleBuilderPage: Component = () => {
  const edited = createEditedDocument(
    () => targetsOf().map((t) => t.key),
    (key) => load(key),
  );
  const targetKey = edited.key;
  const [rule, setRule] = createSignal<unknown>(null);
  const [isRaw, setRaw] = createSignal(false);
  const [rawText, setRawText] = createSignal('');
  const [rawError, setRawError] = createSignal('');
  const [sample, setSample] = createSignal<Record<string, unknown>>({});
  const [isDirty, setDirty] = createSignal(false);
  const saving = createSaving();

  const target = createMemo(() => targetsOf().find((t) => t.key === targetKey()));
  const form = createMemo(() => formOf(target()));
  const formSchema = () => form()?.schema;
  /** An indicator's data source and primary metric: case-metric indicators read every metric by name. */
  const subjectOf = (t: RuleTarget | undefined): RuleSubject | undefined =>
    t?.field === 'scoringRule' ? { dataSource: t.doc.dataSource, metric: t.doc.metric } : undefined;
  const subject = createMemo(() => subjectOf(target()));
  const isCaseMetrics = () => subject()?.dataSource === 'caseMetrics';
  const fields = createMemo(() => fieldVariablesOf(formSchema()));
  const others = createMemo(() => otherVariables(fields(), ruleVariablesOf(undefined, subject())));
  const noCasesPolicy = (): NoCasesPolicy =>
    target()?.doc.whenNoCases ??
    documentsOf<{ kind: string; id: string; whenNoCases?: NoCasesPolicy }>('assessmentPolicy')[0]
      ?.whenNoCases ??
    'exclude';

  const sampleOf = (t: RuleTarget | undefined, value: unknown): Record<string, unknown> => {
    const stored = t?.doc.tests?.[0]?.input;
    if (stored && typeof stored === 'object') return stored as Record<string, unknown>;
    const data = sampleForRule(
      value,
      evaluate,
      formOf(t)?.schema,
      t?.doc.targets?.[0]?.value ?? null,
      subjectOf(t),
    );
    return t?.field === 'rule' ? { ...data, params: t.doc.params ?? {} } : data;
  };

  const load = (key: string): void => {
    const found = targetsOf().find((t) => t.key === key);
    const stored = found ? found.doc[found.field] : undefined;
    const value = found
      ? stored === undefined
        ? starterRule(formOf(found)?.schema)
        : structuredClone(stored)
      : null;
    setRule(value);
    setRawText(JSON.stringify(value, null, 2));
    setRawError('');
    setDirty(!!found && stored === undefined && isEditable());
    setSample(sampleOf(found, value));
  };

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

  const save = async (): Promise<void> => {
    const t = target();
    if (!t || rawError()) return;
    if (await saving.during(() => saveDocuments([{ ...t.doc, [t.field]: rule() }]))) setDirty(false);
  };

  return (
    <DesignerPage
      page="rules"
      toolbar={
        <>
          <edited.Picker label={pt('rules.target')} testId="rule-target">
            <For each={targetsOf()}>{(t) => <option value={t.key}>{t.label}</option>}</For>
          </edited.Picker>
          <PressedTabs
            options={[
              {
                value: 'blocks',
                label: pt('rules.blocks'),
                testId: 'rule-view-blocks',
                disabled: !!rawError(),
              },
              { value: 'raw', label: dt('rules.advanced'), testId: 'rule-view-raw' },
            ]}
            current={isRaw() ? 'raw' : 'blocks'}
            onPick={(view) => setRaw(view === 'raw')}
          />
          <SaveButton testId="rule-save" saving={saving} blocked={!isDirty() || !!rawError()} onSave={save} />
        </>
      }
    >
      <Show when={isCaseMetrics()}>
        <CaseMetricVariables primary={subject()?.metric ?? 'onTimeRate'} policy={noCasesPolicy()} />
      </Show>
      <div class="perf-split">
        <div class="panel perf-split__main">
          <Show
            when={isRaw()}
            fallback={
              <BlockVariablesProvider value={{ fields, others, isReadOnly: () => !isEditable() }}>
                <div class="perf-blocks" data-testid="rule-blocks">
                  <Block node={rule()} onChange={setFromBlocks} label={dt('rules.score')} />
                </div>
              </BlockVariablesProvider>
            }
          >
            <label class="field">
              <span class="sr-only">{pt('rules.raw')}</span>
              <textarea
                class="perf-raw mono"
                rows={16}
                spellcheck={false}
                data-testid="rule-raw"
                readOnly={!isEditable()}
                value={rawText()}
                onInput={(e) => setFromRaw(e.currentTarget.value)}
              />
            </label>
            <ErrorAlert message={rawError()} testId="rule-raw-error" />
          </Show>
        </div>
        <div class="perf-split__side">
          <RuleTestPanel
            rule={rule}
            sample={sample}
            formSchema={() => (isCaseMetrics() ? entrySchemaOf(formSchema(), subject()) : formSchema())}
            uiSchema={() => (isCaseMetrics() ? undefined : form()?.uiSchema)}
          />
          <Panel title={pt('rules.issues')}>
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
          </Panel>
        </div>
      </div>
    </DesignerPage>
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
    <DataTable
      wrap={false}
      rows={ruleVariablesOf(undefined, { dataSource: 'caseMetrics' }).filter((v) => v.metric)}
      rowProps={(v) => ({ 'data-testid': `rule-case-metric-${v.metric!.id}` })}
      columns={[
        {
          key: 'name',
          label: pt('rules.caseMetric.name'),
          cell: (v) => (
            <>
              {local(v.metric!.name)}
              <Show when={v.metric!.id === props.primary}>
                {' '}
                <span class="muted small">({pt('rules.caseMetric.primary')})</span>
              </Show>
            </>
          ),
        },
        { key: 'path', label: pt('rules.caseMetric.var'), class: 'mono small' },
        {
          key: 'about',
          label: pt('rules.caseMetric.about'),
          class: 'small',
          cell: (v) => local(v.metric!.description),
        },
      ]}
    />
  </details>
);
