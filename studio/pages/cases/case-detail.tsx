/** @module One case for staff: facts, request, routing decision with its trace, deadlines, history and the caller's actions. */
import type { ErrorObject } from 'ajv';
import type { Component, JSX } from 'solid-js';
import { DataTable } from '../../components/data-table.tsx';
import { FormActions } from '../../components/form-actions.tsx';
import { createResource, createSignal, For, Show } from 'solid-js';
import { ApiError } from '../../api/http.ts';
import type { CaseAction, CaseDetail } from '../../api/cases.ts';
import { casesApi } from '../../api/cases.ts';
import type { JsonFormsHandle } from '../../forms/index.ts';
import { UNIT_FORMAT } from '../../forms/index.ts';
import { href } from '../../router.ts';
import { LocalizedForm } from './case-form.tsx';
import { channelLabel, stateOf } from './case-workflow.ts';
import { ct, ctOr, formatWhen, localText } from './messages.ts';
import { createFormI18n } from './case-form.tsx';
import {
  allUnits,
  CaseLoadError,
  CaseStatusBadge,
  EventInput,
  eventTitle,
  PriorityText,
  SlaLightBadge,
  unitName,
  unitNames,
} from './shared.tsx';
import { errorText } from '../../lib/error-text.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { NoticeAlert } from '../../components/notice-alert.tsx';
import { ProvisionalMark } from '../../components/provisional-mark.tsx';
import { TitledPanel } from '../../components/titled-panel.tsx';
import { PageTitle } from '../../components/page-title.tsx';

/** Whether an action asks for input: its declared schema has at least one property. */
const hasForm = (action: CaseAction): boolean =>
  Object.keys((action.input?.schema.properties as Record<string, unknown> | undefined) ?? {}).length > 0;

/** The button classes of an action's tone. */
const toneClass = (action: CaseAction): string =>
  action.tone === 'primary' ? 'btn--primary' : action.tone === 'danger' ? 'btn--danger' : '';

/** The units that returned the case (退单): transitions counted as `returned`, by the lead unit they left. */
const returnedBy = (item: CaseDetail): Set<string> =>
  new Set(
    item.history
      .filter((e) => e.type === 'transitioned' && e.payload.metric === 'returned')
      .map((e) => String(e.payload.leadUnitId ?? e.actor?.unitId ?? '')),
  );

/**
 * The starting data of an action's form: each declared field named like a field of the case starts
 * with the case's value (a dispatch's lead and assisting units start as routed), except a unit
 * picker never starts at a unit that returned the case (a re-dispatch must pick another); otherwise
 * with its schema `default`, and a yes/no field with no (an unticked box means no, not "not answered").
 */
const initialInput = (item: CaseDetail, action: CaseAction): Record<string, unknown> => {
  const properties =
    (action.input?.schema.properties as Record<string, Record<string, unknown>> | undefined) ?? {};
  const returned = returnedBy(item);
  const data: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(properties)) {
    let value = (item as unknown as Record<string, unknown>)[key];
    if (schema?.format === UNIT_FORMAT && typeof value === 'string' && returned.has(value)) value = undefined;
    const isEmpty = value === null || value === undefined || (Array.isArray(value) && value.length === 0);
    if (!isEmpty) data[key] = structuredClone(value);
    else if (schema?.default !== undefined) data[key] = structuredClone(schema.default);
    else if (schema?.type === 'boolean') data[key] = false;
  }
  return data;
};

/** The error a server answer names at `/input/<field>` of a declared field, as a form error; null otherwise. */
const fieldErrorOf = (action: CaseAction, error: unknown): ErrorObject | null => {
  if (!(error instanceof ApiError) || !error.path?.startsWith('/input/')) return null;
  const instancePath = error.path.slice('/input'.length);
  const field = instancePath.split('/')[1] ?? '';
  if (!Object.hasOwn((action.input?.schema.properties as object | undefined) ?? {}, field)) return null;
  return { instancePath, keyword: 'server', message: error.message, params: {}, schemaPath: '' };
};

/** The form of one action, rendered from its declared JSON Schema and UI schema. */
const ActionForm: Component<{
  item: CaseDetail;
  action: CaseAction;
  onDone: (next: CaseDetail) => void;
  onCancel: () => void;
}> = (props) => {
  const i18n = createFormI18n();
  const [failure, setFailure] = createSignal('');
  const [serverErrors, setServerErrors] = createSignal<ErrorObject[]>([]);
  const [isBusy, setBusy] = createSignal(false);
  const label = () => localText(props.action.label) || props.action.action;
  const units = () => allUnits().filter((u) => u.kind !== 'district');
  let form: JsonFormsHandle | undefined;

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setFailure('');
    if (!form) return;
    const outcome = form.validateAll();
    if (!outcome.valid) return;
    setBusy(true);
    try {
      props.onDone(
        await casesApi.act({
          id: props.item.id,
          action: props.action.action,
          input: (outcome.data ?? {}) as Record<string, unknown>,
        }),
      );
    } catch (error) {
      const onField = fieldErrorOf(props.action, error);
      if (onField) setServerErrors([onField]);
      else setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="action-form"
      onSubmit={submit}
      novalidate
      data-testid={`action-form-${props.action.action}`}
      data-tone={props.action.tone}
    >
      <h3 class="action-form__title">{label()}</h3>
      <Show when={props.action.description}>
        {(description) => <p class="muted small action-form__help">{localText(description())}</p>}
      </Show>
      <LocalizedForm
        form={{
          schema: props.action.input?.schema ?? {},
          uiSchema: props.action.input?.uiSchema ?? undefined,
        }}
        i18n={i18n()}
        data={initialInput(props.item, props.action)}
        config={{ units: units() }}
        additionalErrors={serverErrors()}
        controller={(handle) => {
          form = handle;
        }}
      />
      <ErrorAlert message={failure()} />
      <FormActions
        class={`btn ${toneClass(props.action) || 'btn--primary'}`}
        busy={isBusy()}
        secondary={{ label: ct('common.cancel'), onClick: () => props.onCancel() }}
      >
        {label()}
      </FormActions>
    </form>
  );
};

/** A titled panel listing other cases (`ul.case-links`, one `li` from `children` each); nothing while `items` is empty. */
const CaseLinkPanel = <T,>(props: {
  id: string;
  testId: string;
  title: string;
  help?: string;
  items: readonly T[] | null | undefined;
  children: (item: T) => JSX.Element;
}): JSX.Element => (
  <Show when={(props.items ?? []).length > 0}>
    <TitledPanel titleId={props.id} testId={props.testId} title={props.title}>
      <Show when={props.help}>
        <p class="muted small">{props.help}</p>
      </Show>
      <ul class="case-links">
        <For each={props.items ?? []}>{(item) => props.children(item)}</For>
      </ul>
    </TitledPanel>
  </Show>
);

/** Earlier cases this one is likely a repeat of (found at intake), each linked, with what matched. */
const LikelyOriginals: Component<{ item: CaseDetail }> = (props) => (
  <CaseLinkPanel
    id="likely-title"
    testId="case-likely-originals"
    title={ct('cases.likelyOriginals')}
    help={ct('cases.likelyOriginalsHelp')}
    items={props.item.likelyOriginals}
  >
    {(match) => (
      <li data-case={match.number}>
        <a class="mono" href={href(`/cases/${match.caseId}`)}>
          {match.number}
        </a>{' '}
        <CaseStatusBadge status={match.status} />{' '}
        <span class="muted small">
          {formatWhen(match.createdAt)} · {match.reasons.map((r) => ctOr(`cases.reason.${r}`, r)).join('、')}
          <Show when={match.reasons.includes('text')}>
            {' '}
            · {ct('cases.similarity', { percent: Math.round(match.similarity * 100) })}
          </Show>
        </span>
      </li>
    )}
  </CaseLinkPanel>
);

/** The case's links to other cases: merged into, carrying merged cases, related. */
const CaseLinks: Component<{ item: CaseDetail }> = (props) => (
  <CaseLinkPanel id="links-title" testId="case-links" title={ct('cases.links')} items={props.item.links}>
    {(link) => (
      <li data-relation={link.relation} data-case={link.number ?? link.caseId}>
        {ctOr(`cases.link.${link.relation}`, link.relation)}{' '}
        <a class="mono" href={href(`/cases/${link.caseId}`)}>
          {link.number ?? link.caseId}
        </a>
        <Show when={link.at}>{(at) => <span class="muted small"> · {formatWhen(at())}</span>}</Show>
      </li>
    )}
  </CaseLinkPanel>
);

/** The case page at `#/cases/<id>` (or `#/reviews/<id>`). */
export const CaseDetailPage: Component<{ caseId: string; backPath: string }> = (props) => {
  const [item, { mutate, refetch }] = createResource(
    () => props.caseId,
    (id) => casesApi.get(id),
  );
  const [open, setOpen] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal('');
  const [failure, setFailure] = createSignal('');

  const run = async (current: CaseDetail, action: CaseAction): Promise<void> => {
    setNotice('');
    setFailure('');
    if (hasForm(action)) {
      setOpen(action.action);
      return;
    }
    try {
      mutate(await casesApi.act({ id: current.id, action: action.action }));
      setNotice(`${localText(action.label) || action.action} · ${ct('cases.done')}`);
    } catch (error) {
      setFailure(errorText(error));
    }
  };

  return (
    <section class="page page--wide case-page" aria-labelledby="page-title">
      <p class="breadcrumb">
        <a href={href(props.backPath)}>← {ct('cases.back')}</a>
      </p>
      <CaseLoadError error={item.error} />
      <Show when={item()} fallback={<p class="muted">{ct('common.loading')}</p>}>
        {(current) => (
          <>
            <div class="case-head">
              <PageTitle>
                {ct('cases.detail')} <span class="mono">{current().number}</span>
              </PageTitle>
              <CaseStatusBadge status={current().status} label={current().statusLabel} />
              <Show when={stateOf(current().status)?.type === 'paused'}>
                <span class="tag tag--paused" data-testid="case-paused">
                  {ct('cases.clockPaused')}
                </span>
              </Show>
              <SlaLightBadge light={current().slaLight} />
              <Show when={current().supervisionLevel > 0}>
                <span
                  class="tag tag--supervised"
                  data-testid="case-supervision"
                  data-level={current().supervisionLevel}
                >
                  {ct('cases.supervisedLevel', { level: current().supervisionLevel })}
                </span>
              </Show>
              <Show when={current().flags.supervisionRequested === true}>
                <span class="tag">{ct('cases.supervisionRequested')}</span>
              </Show>
              <button type="button" class="btn btn--small" onClick={() => refetch()}>
                {ct('cases.refresh')}
              </button>
            </div>
            <NoticeAlert message={notice()} testId="case-notice" />
            <ErrorAlert message={failure()} />
            <div class="case-grid">
              <div class="case-main">
                <TitledPanel titleId="content-title" title={ct('cases.content')}>
                  <dl class="facts">
                    <dt>{ct('cases.category')}</dt>
                    <dd>{localText(current().categoryName) || current().category}</dd>
                    <dt>{ct('cases.channel')}</dt>
                    <dd>{channelLabel(current().channel)}</dd>
                    <dt>{ct('cases.priority')}</dt>
                    <dd>
                      <PriorityText priority={current().priority} />
                    </dd>
                    <dt>{ct('cases.createdAt')}</dt>
                    <dd>{formatWhen(current().createdAt)}</dd>
                    <dt>{ct('cases.lead')}</dt>
                    <dd data-testid="case-lead">{unitName(current().leadUnitId)}</dd>
                    <dt>{ct('cases.assisting')}</dt>
                    <dd>{unitNames(current().assistingUnitIds)}</dd>
                    <Show when={current().requester}>
                      {(who) => (
                        <>
                          <dt>{ct('cases.requester')}</dt>
                          <dd>{[who().name, who().phone].filter(Boolean).join(' · ')}</dd>
                        </>
                      )}
                    </Show>
                  </dl>
                  <p class="case-text">{current().text}</p>
                  <dl class="facts facts--data">
                    <For each={Object.entries(current().data ?? {}).filter(([k]) => k !== 'content')}>
                      {([key, value]) => (
                        <>
                          <dt class="mono">{key}</dt>
                          <dd>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</dd>
                        </>
                      )}
                    </For>
                  </dl>
                </TitledPanel>
                <LikelyOriginals item={current()} />
                <CaseLinks item={current()} />
                <TitledPanel titleId="actions-title" testId="case-actions" title={ct('cases.actions')}>
                  <Show
                    when={current().availableActions.length > 0}
                    fallback={<p class="muted">{ct('cases.noActions')}</p>}
                  >
                    <div class="actions">
                      <For each={current().availableActions}>
                        {(action) => (
                          <button
                            type="button"
                            class={`btn ${toneClass(action)}${open() === action.action ? ' btn--active' : ''}`}
                            data-action={action.action}
                            data-tone={action.tone}
                            title={localText(action.description) || undefined}
                            aria-expanded={hasForm(action) ? open() === action.action : undefined}
                            onClick={() => run(current(), action)}
                          >
                            {localText(action.label) || action.action}
                          </button>
                        )}
                      </For>
                    </div>
                  </Show>
                  <Show when={current().availableActions.find((a) => a.action === open())} keyed>
                    {(action) => (
                      <ActionForm
                        item={current()}
                        action={action}
                        onCancel={() => setOpen(null)}
                        onDone={(next) => {
                          mutate(next);
                          setOpen(null);
                          setNotice(`${localText(action.label) || action.action} · ${ct('cases.done')}`);
                        }}
                      />
                    )}
                  </Show>
                </TitledPanel>
                <TitledPanel titleId="history-title" title={ct('cases.timeline')}>
                  <ol class="timeline" data-testid="case-history">
                    <For
                      each={current().history.filter(
                        (e) =>
                          e.type === 'transitioned' ||
                          e.type === 'caseOpened' ||
                          e.type.startsWith('sla') ||
                          e.type === 'reminded' ||
                          // A ladder step (the deadline worker); a supervisor's 督办 shows as its action.
                          (e.type === 'escalated' && e.payload.step !== undefined),
                      )}
                    >
                      {(event) => (
                        <li
                          class="timeline__item"
                          data-event={event.type}
                          data-step={typeof event.payload.step === 'string' ? event.payload.step : undefined}
                        >
                          <time class="timeline__time">{formatWhen(event.at)}</time>
                          <span class="timeline__label">
                            {eventTitle(event)}
                            <Show when={event.actor}>
                              {(actor) => (
                                <span class="muted small" title={actor().username}>
                                  {' '}
                                  ·{' '}
                                  {actor().unitId
                                    ? unitName(actor().unitId)
                                    : actor().username.startsWith('plugin:')
                                      ? ct('cases.actor.plugin')
                                      : actor().username}
                                </span>
                              )}
                            </Show>
                          </span>
                          <EventInput action={event.payload.action} input={event.payload.input} />
                        </li>
                      )}
                    </For>
                  </ol>
                </TitledPanel>
              </div>
              <aside class="case-side">
                <TitledPanel titleId="timers-title" title={ct('cases.timers')}>
                  <DataTable
                    wrap={false}
                    headless
                    class="table table--compact"
                    rows={Object.entries(current().timers ?? {})}
                    rowProps={([name, timer]) => ({ 'data-timer': name, 'data-timer-status': timer.status })}
                    columns={[
                      {
                        key: 'name',
                        label: '',
                        rowHeader: true,
                        cell: ([name]) => ctOr(`timer.${name}`, name),
                      },
                      {
                        key: 'light',
                        label: '',
                        cell: ([, timer]) => (
                          <Show
                            when={timer.status === 'running'}
                            fallback={
                              <span class={timer.status === 'paused' ? 'sla sla--paused' : 'muted'}>
                                {ct(timer.status === 'paused' ? 'light.paused' : 'light.stopped')}
                              </span>
                            }
                          >
                            <SlaLightBadge
                              light={timer.isOverdue ? 'overdue' : String(timer.light ?? 'green')}
                            />
                          </Show>
                        ),
                      },
                      {
                        key: 'deadline',
                        label: '',
                        class: 'nowrap',
                        cell: ([, timer]) => (
                          <>
                            {formatWhen(timer.deadline)}
                            <ProvisionalMark when={timer.deadlineProvisional} />
                          </>
                        ),
                      },
                    ]}
                  />
                </TitledPanel>
                <TitledPanel titleId="routing-title" testId="case-routing" title={ct('cases.routingWhy')}>
                  <Show when={current().routing} fallback={<p class="muted">{ct('cases.routingNone')}</p>}>
                    {(routing) => (
                      <>
                        <dl class="facts">
                          <dt>{ct('cases.leadPick')}</dt>
                          <dd>{unitName(routing().leadUnitId)}</dd>
                          <dt>{ct('cases.assisting')}</dt>
                          <dd>{unitNames(routing().assistingUnitIds)}</dd>
                          <dt>{ct('cases.routingRule')}</dt>
                          <dd class="mono">{routing().isFallback ? '—' : (routing().rowId ?? '—')}</dd>
                          <dt>{ct('cases.routingVersion')}</dt>
                          <dd class="mono">
                            {current().ruleSetId}@{routing().ruleSetVersion}
                          </dd>
                        </dl>
                        <Show when={routing().isFallback}>
                          <p class="alert alert--warning">{ct('cases.routingFallback')}</p>
                        </Show>
                        <ul class="explanation">
                          <For each={routing().explanation ?? []}>{(line) => <li>{localText(line)}</li>}</For>
                        </ul>
                        <details class="trace">
                          <summary>{ct('cases.trace')}</summary>
                          <pre class="json">{JSON.stringify(routing().trace ?? [], null, 2)}</pre>
                        </details>
                      </>
                    )}
                  </Show>
                </TitledPanel>
              </aside>
            </div>
          </>
        )}
      </Show>
    </section>
  );
};
