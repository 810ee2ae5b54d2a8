/** @module Workflow and SLA editor: the diagram with forms beside it (state and action labels, state types; SLA limits per priority and timer, warning thresholds), transitions in words, and each document's raw JSON as an advanced view. */
import type { Component } from 'solid-js';
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
      <Show when={failure()}>
        <div class="alert alert--error" role="alert">
          {failure()}
        </div>
      </Show>
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

  return (
    <div class="workflow-editor">
      <Show when={workflow()}>
        {(doc) => (
          <>
            <section class="panel" aria-labelledby="wf-issues">
              <h3 id="wf-issues" class="section-title">
                {ct('config.workflowIssues')} · {localText(doc().name as never)}
              </h3>
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
            </section>
            <section class="panel" aria-labelledby="wf-diagram">
              <h3 id="wf-diagram" class="section-title">
                {ct('config.diagram')}
              </h3>
              <WorkflowDiagram workflow={doc()} />
            </section>
            <WorkflowForms workflow={doc()} canEdit={props.canEdit} onChange={props.onChange} />
            <section class="panel" aria-labelledby="wf-states">
              <h3 id="wf-states" class="section-title">
                {ct('config.states')}
              </h3>
              <div class="table-wrap">
                <table class="table table--compact" data-testid="workflow-states">
                  <thead>
                    <tr>
                      <th scope="col">{ct('config.stateName')}</th>
                      <th scope="col">{ct('config.stateLabel')}</th>
                      <th scope="col">{ct('config.public')}</th>
                      <th scope="col" />
                    </tr>
                  </thead>
                  <tbody>
                    <For each={doc().states}>
                      {(state) => (
                        <tr>
                          <td class="mono">{state.name}</td>
                          <td>{stateLabel(state.name)}</td>
                          <td>
                            {(state as { public?: boolean }).public ? ct('config.yes') : ct('config.no')}
                          </td>
                          <td>
                            <Show when={doc().initial === state.name}>
                              <span class="tag">{ct('config.initial')}</span>
                            </Show>
                            <Show when={doc().final.includes(state.name)}>
                              <span class="tag">{ct('config.final')}</span>
                            </Show>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </section>
            <section class="panel" aria-labelledby="wf-transitions">
              <h3 id="wf-transitions" class="section-title">
                {ct('config.transitions')}
              </h3>
              <div class="table-wrap">
                <table class="table table--compact" data-testid="workflow-transitions">
                  <thead>
                    <tr>
                      <th scope="col">{ct('config.action')}</th>
                      <th scope="col">{ct('config.from')}</th>
                      <th scope="col">{ct('config.to')}</th>
                      <th scope="col">{ct('config.roles')}</th>
                      <th scope="col">{ct('config.guard')}</th>
                      <th scope="col">{ct('config.effects')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={doc().transitions}>
                      {(tr) => (
                        <tr>
                          <td>
                            {localText(doc().actions?.find((x) => x.name === tr.action)?.label) || tr.action}
                          </td>
                          <td>{stateLabel(tr.from as string)}</td>
                          <td>{stateLabel(tr.to)}</td>
                          <td>{(tr.roles ?? []).map((r) => tryT(`role.${r}`) ?? r).join('、')}</td>
                          <td class="small">
                            {guardText(tr.guard, doc().actions?.find((x) => x.name === tr.action) as never)}
                          </td>
                          <td class="small">{(tr.effects ?? []).map((e) => e.type).join(', ') || '—'}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
              <JsonDocEditor doc={props.workflow!} canEdit={props.canEdit} onApply={props.onChange} />
            </section>
          </>
        )}
      </Show>
      <section class="panel" aria-labelledby="sla-title">
        <h3 id="sla-title" class="section-title">
          {ct('config.slaPolicies')}
        </h3>
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
      </section>
    </div>
  );
};
