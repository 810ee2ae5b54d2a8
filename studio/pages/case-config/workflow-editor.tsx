/** @module Workflow and SLA editor: the diagram with forms beside it (state and action labels, state types; SLA limits per priority and timer, warning thresholds), transitions in words, and each document's raw JSON as an advanced view. */
import type { Component, JSX } from 'solid-js';
import { type DataColumn, DataTable } from '../../components/data-table.tsx';
import { createMemo, createSignal, For, Show } from 'solid-js';
import type { Workflow } from '../../../schemas/types.gen.ts';
import { checkWorkflowDocument } from '../../../engine/core/workflow/workflow-check.ts';
import { locale, tryT } from '../../i18n/index.ts';
import type { RuleDocument } from '../../api/rule-sets.ts';
import { ct, localText } from '../cases/messages.ts';
import { errorText } from '../../lib/error-text.ts';
import { WorkflowDiagram } from './workflow-diagram.tsx';
import { cc } from './messages.ts';
import { guardText, SlaForm, WorkflowForms } from './workflow-forms.tsx';
import { TitledPanel } from '../../components/titled-panel.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';

/** Edits one document as JSON text; Apply parses and hands it back. */
const JsonDocEditor: Component<{
  doc: RuleDocument;
  canEdit: boolean;
  onApply: (doc: RuleDocument) => void;
}> = (props) => {
  const [text, setText] = createSignal(JSON.stringify(props.doc, null, 2));
  const [failure, setFailure] = createSignal('');
  return (
    <details class="json-edit">
      <summary>
        {cc('cc.advancedJson')} · {localText(props.doc.name as never) || props.doc.id}
      </summary>
      <textarea
        class="json-edit__text mono"
        rows={18}
        spellcheck={false}
        readOnly={!props.canEdit}
        aria-label={`${cc('cc.advancedJson')} ${localText(props.doc.name as never) || props.doc.id}`}
        value={text()}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <ErrorAlert message={failure()} />
      <Show when={props.canEdit}>
        <button
          type="button"
          class="btn btn--small"
          onClick={() => {
            try {
              const parsed = JSON.parse(text()) as RuleDocument;
              setFailure('');
              props.onApply({ ...parsed, kind: props.doc.kind, id: props.doc.id });
            } catch (error) {
              setFailure(ct('config.jsonInvalid', { message: errorText(error) }));
            }
          }}
        >
          {ct('config.applyJson')}
        </button>
      </Show>
    </details>
  );
};

/** A titled compact table of the workflow: its states or its transitions, then `children`. */
const WorkflowTable = <R,>(props: {
  section: 'states' | 'transitions';
  rows: readonly R[];
  columns: readonly DataColumn<R>[];
  children?: JSX.Element;
}): JSX.Element => (
  <TitledPanel level={3} titleId={`wf-${props.section}`} title={ct(`config.${props.section}`)}>
    <DataTable
      class="table table--compact"
      testId={`workflow-${props.section}`}
      rows={props.rows}
      columns={props.columns}
    />
    {props.children}
  </TitledPanel>
);

/** Props of {@link WorkflowEditor}. */
export interface WorkflowEditorProps {
  workflow: RuleDocument | undefined;
  slaPolicies: RuleDocument[];
  canEdit: boolean;
  onChange: (doc: RuleDocument) => void;
}

/** States, transitions and SLA policies of the case rule set. */
export const WorkflowEditor: Component<WorkflowEditorProps> = (props) => {
  const workflow = () => props.workflow as unknown as Workflow | undefined;
  const issues = createMemo(() => {
    const doc = workflow();
    return doc ? checkWorkflowDocument(doc) : [];
  });
  const stateLabel = (name: string): string => {
    const state = workflow()?.states.find((s) => s.name === name) as
      | { label?: { en: string; zh: string } }
      | undefined;
    return state?.label ? localText(state.label) : name;
  };

  const stateColumns = (doc: () => Workflow): DataColumn<Workflow['states'][number]>[] => [
    { key: 'name', label: ct('config.stateName'), class: 'mono' },
    { key: 'label', label: ct('config.stateLabel'), cell: (state) => stateLabel(state.name) },
    {
      key: 'public',
      label: ct('config.public'),
      cell: (state) => ((state as { public?: boolean }).public ? ct('config.yes') : ct('config.no')),
    },
    {
      key: 'ends',
      label: '',
      cell: (state) => (
        <>
          <Show when={doc().initial === state.name}>
            <span class="tag">{ct('config.initial')}</span>
          </Show>
          <Show when={doc().final.includes(state.name)}>
            <span class="tag">{ct('config.final')}</span>
          </Show>
        </>
      ),
    },
  ];
  const transitionColumns = (doc: () => Workflow): DataColumn<Workflow['transitions'][number]>[] => [
    {
      key: 'action',
      label: ct('config.action'),
      cell: (tr) => localText(doc().actions?.find((x) => x.name === tr.action)?.label) || tr.action,
    },
    { key: 'from', label: ct('config.from'), cell: (tr) => stateLabel(tr.from as string) },
    { key: 'to', label: ct('config.to'), cell: (tr) => stateLabel(tr.to) },
    {
      key: 'roles',
      label: ct('config.roles'),
      cell: (tr) => (tr.roles ?? []).map((r) => tryT(`role.${r}`) ?? r).join('、'),
    },
    {
      key: 'guard',
      label: ct('config.guard'),
      class: 'small',
      cell: (tr) => guardText(tr.guard, doc().actions?.find((x) => x.name === tr.action) as never),
    },
    {
      key: 'effects',
      label: ct('config.effects'),
      class: 'small',
      cell: (tr) => (tr.effects ?? []).map((e) => e.type).join(', ') || '—',
    },
  ];

  return (
    <div class="workflow-editor">
      <Show when={workflow()}>
        {(doc) => (
          <>
            <TitledPanel
              level={3}
              titleId="wf-issues"
              title={
                <>
                  {ct('config.workflowIssues')} · {localText(doc().name as never)}
                </>
              }
            >
              <Show
                when={issues().length > 0}
                fallback={<p class="alert alert--success">{ct('config.analysisOk')}</p>}
              >
                <ul class="analysis__list" data-testid="workflow-issues">
                  <For each={issues()}>
                    {(issue) => (
                      <li class={`analysis__item analysis__item--${issue.severity ?? 'error'}`}>
                        <span class="mono small">{issue.path}</span>{' '}
                        {locale() === 'en'
                          ? issue.message
                          : ((issue as { messageZh?: string }).messageZh ?? issue.message)}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </TitledPanel>
            <TitledPanel level={3} titleId="wf-diagram" title={ct('config.diagram')}>
              <WorkflowDiagram workflow={doc()} />
            </TitledPanel>
            <WorkflowForms workflow={doc()} canEdit={props.canEdit} onChange={props.onChange} />
            <WorkflowTable section="states" rows={doc().states} columns={stateColumns(doc)} />
            <WorkflowTable section="transitions" rows={doc().transitions} columns={transitionColumns(doc)}>
              <JsonDocEditor doc={props.workflow!} canEdit={props.canEdit} onApply={props.onChange} />
            </WorkflowTable>
          </>
        )}
      </Show>
      <TitledPanel level={3} titleId="sla-title" title={ct('config.slaPolicies')}>
        <For each={props.slaPolicies}>
          {(policy) => {
            const p = policy as unknown as {
              id: string;
              name: { en: string; zh: string };
              calendarId: string;
              limits: { priority: string }[];
              pauseInStates?: string[];
              warningThresholds?: number[];
            };
            return (
              <div class="sla-policy" data-testid={`sla-${p.id}`}>
                <h4>{localText(p.name)}</h4>
                <p class="small muted">
                  {ct('config.calendar')}: <span class="mono">{p.calendarId}</span> · {ct('config.pauseIn')}:{' '}
                  {(p.pauseInStates ?? []).map(stateLabel).join('、') || '—'} · {ct('config.warnings')}:{' '}
                  {(p.warningThresholds ?? []).map((w) => `${Math.round(w * 100)}%`).join(' / ') || '—'}
                </p>
                <SlaForm policy={policy} canEdit={props.canEdit} onChange={props.onChange} />
                <JsonDocEditor doc={policy} canEdit={props.canEdit} onApply={props.onChange} />
              </div>
            );
          }}
        </For>
      </TitledPanel>
    </div>
  );
};
