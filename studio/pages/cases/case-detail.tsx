/** @module One case for staff: facts, request, routing decision with its trace, deadlines, history and the caller's actions. */
import type { Component, JSX } from 'solid-js';
import { createResource, createSignal, For, Show } from 'solid-js';
import type { CaseAction, CaseDetail } from '../../cases-api.ts';
import { casesApi } from '../../cases-api.ts';
import { href } from '../../router.ts';
import { ct, ctOr, formatWhen, localText } from './messages.ts';
import {
  allUnits,
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

type Field = 'reason' | 'opinion' | 'result' | 'reply' | 'workingDays' | 'units' | 'satisfaction';

/** Inputs each action asks for; `?` marks optional ones. Unknown actions send no input. */
const actionFields: Record<string, { field: Field; isOptional?: boolean }[]> = {
  reject: [{ field: 'reason' }],
  dispatch: [{ field: 'units' }],
  return: [{ field: 'reason' }],
  rejectReturn: [{ field: 'reason' }],
  submitAssist: [{ field: 'opinion' }],
  requestExtension: [{ field: 'reason' }, { field: 'workingDays' }],
  approveExtension: [{ field: 'workingDays', isOptional: true }],
  rejectExtension: [{ field: 'reason' }],
  requestSupervision: [{ field: 'reason' }],
  approveSupervision: [{ field: 'opinion', isOptional: true }],
  rejectSupervision: [{ field: 'opinion', isOptional: true }],
  handle: [{ field: 'result' }],
  reply: [{ field: 'reply' }],
  rejectReply: [{ field: 'reason' }],
  rate: [{ field: 'satisfaction' }],
  closeWithoutRating: [{ field: 'reason' }],
  confirmHandling: [{ field: 'opinion' }],
  orderRedo: [{ field: 'opinion' }],
};

/** Actions that move a case backwards or refuse something get the danger style. */
const isNegative = (action: string): boolean =>
  [
    'reject',
    'return',
    'rejectReturn',
    'rejectExtension',
    'rejectSupervision',
    'rejectReply',
    'orderRedo',
  ].includes(action);

const ActionForm: Component<{
  item: CaseDetail;
  action: CaseAction;
  onDone: (next: CaseDetail) => void;
  onCancel: () => void;
}> = (props) => {
  const fields = actionFields[props.action.action] ?? [];
  const routed = props.item.routing;
  const [text, setText] = createSignal<Record<string, string>>({});
  const [lead, setLead] = createSignal(props.item.leadUnitId ?? routed?.leadUnitId ?? '');
  const [assisting, setAssisting] = createSignal<string[]>(
    props.item.assistingUnitIds.length > 0 ? props.item.assistingUnitIds : (routed?.assistingUnitIds ?? []),
  );
  const [failure, setFailure] = createSignal('');
  const [isBusy, setBusy] = createSignal(false);
  const label = ctOr(`action.${props.action.action}`, props.action.action);
  const idOf = (field: string) => `act-${props.action.action}-${field}`;

  // A re-dispatch must name a different lead, so the picker starts empty then.
  if (props.action.action === 'dispatch' && props.item.status === 'returned') setLead('');

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setFailure('');
    const input: Record<string, unknown> = {};
    for (const { field, isOptional } of fields) {
      if (field === 'units') {
        if (!lead()) {
          setFailure(ct('common.required', { field: ct('cases.leadPick') }));
          return;
        }
        input.leadUnitId = lead();
        input.assistingUnitIds = assisting().filter((id) => id !== lead());
        continue;
      }
      const value = (text()[field] ?? '').trim();
      if (!value) {
        if (isOptional) continue;
        setFailure(ct('common.required', { field: fieldLabel(field) }));
        return;
      }
      input[field] = field === 'workingDays' ? Number(value) : value;
    }
    setBusy(true);
    try {
      props.onDone(await casesApi.act({ id: props.item.id, action: props.action.action, input }));
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const fieldLabel = (field: Field): string =>
    field === 'workingDays'
      ? ct('cases.workingDays')
      : field === 'satisfaction'
        ? ct('portal.rateTitle')
        : field === 'units'
          ? ct('cases.leadPick')
          : ct(`cases.${field}` as 'cases.reason');

  const control = (field: Field, isOptional?: boolean): JSX.Element => {
    // The label of a field the action requires carries the red star.
    const requiredLabel = (): JSX.Element => (
      <label for={idOf(field)}>
        {fieldLabel(field)}
        <Show when={!isOptional}>
          {' '}
          <span class="jf-required">*</span>
        </Show>
      </label>
    );
    if (field === 'units') {
      const candidates = () => allUnits().filter((u) => u.kind !== 'district');
      return (
        <div class="unit-picker">
          <div class="field">
            <label for={idOf('lead')}>{ct('cases.leadPick')}</label>
            <select
              id={idOf('lead')}
              class="jf-input"
              value={lead()}
              onChange={(e) => setLead(e.currentTarget.value)}
            >
              <option value="">—</option>
              <For each={candidates()}>{(u) => <option value={u.id}>{u.name}</option>}</For>
            </select>
          </div>
          <fieldset class="field unit-picker__assisting">
            <legend>{ct('cases.assistingPick')}</legend>
            <div class="unit-picker__list">
              <For each={candidates().filter((u) => u.id !== lead())}>
                {(u) => (
                  <label class="unit-picker__option">
                    <input
                      type="checkbox"
                      checked={assisting().includes(u.id)}
                      onChange={(e) =>
                        setAssisting((prev) =>
                          e.currentTarget.checked ? [...prev, u.id] : prev.filter((id) => id !== u.id),
                        )
                      }
                    />
                    {u.name}
                  </label>
                )}
              </For>
            </div>
          </fieldset>
        </div>
      );
    }
    if (field === 'satisfaction') {
      return (
        <div class="field">
          <label for={idOf(field)}>{fieldLabel(field)}</label>
          <select
            id={idOf(field)}
            class="jf-input"
            onChange={(e) => setText((p) => ({ ...p, satisfaction: e.currentTarget.value }))}
          >
            <option value="">—</option>
            <For each={['satisfied', 'basicallySatisfied', 'unsatisfied']}>
              {(v) => <option value={v}>{ctOr(`satisfaction.${v}`, v)}</option>}
            </For>
          </select>
        </div>
      );
    }
    if (field === 'workingDays') {
      return (
        <div class="field">
          {requiredLabel()}
          <input
            id={idOf(field)}
            class="jf-input input--short"
            type="number"
            min="1"
            step="1"
            onInput={(e) => setText((p) => ({ ...p, workingDays: e.currentTarget.value }))}
          />
        </div>
      );
    }
    return (
      <div class="field">
        {requiredLabel()}
        <textarea
          id={idOf(field)}
          class="jf-textarea"
          rows={3}
          onInput={(e) => setText((p) => ({ ...p, [field]: e.currentTarget.value }))}
        />
      </div>
    );
  };

  return (
    <form class="action-form" onSubmit={submit} data-testid={`action-form-${props.action.action}`}>
      <h3 class="action-form__title">{label}</h3>
      <For each={fields}>{(f) => control(f.field, f.isOptional)}</For>
      <ErrorAlert message={failure()} />
      <div class="form-actions">
        <button
          type="submit"
          class={`btn ${isNegative(props.action.action) ? 'btn--danger' : 'btn--primary'}`}
          disabled={isBusy()}
        >
          {label}
        </button>
        <button type="button" class="btn" onClick={() => props.onCancel()}>
          {ct('common.cancel')}
        </button>
      </div>
    </form>
  );
};

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
    if ((actionFields[action.action] ?? []).length > 0) {
      setOpen(action.action);
      return;
    }
    try {
      mutate(await casesApi.act({ id: current.id, action: action.action }));
      setNotice(`${ctOr(`action.${action.action}`, action.action)} · ${ct('cases.done')}`);
    } catch (error) {
      setFailure(errorText(error));
    }
  };

  return (
    <section class="page page--wide case-page" aria-labelledby="page-title">
      <p class="breadcrumb">
        <a href={href(props.backPath)}>← {ct('cases.back')}</a>
      </p>
      <Show when={item.error}>
        <div class="alert alert--error" role="alert">
          {ct('common.error', {
            message: errorText(item.error),
          })}
        </div>
      </Show>
      <Show when={item()} fallback={<p class="muted">{ct('common.loading')}</p>}>
        {(current) => (
          <>
            <div class="case-head">
              <h1 id="page-title" class="page__title">
                {ct('cases.detail')} <span class="mono">{current().number}</span>
              </h1>
              <CaseStatusBadge status={current().status} label={current().statusLabel} />
              <SlaLightBadge light={current().slaLight} />
              <Show when={current().supervisionLevel > 0}>
                <span class="tag tag--supervised">{ct('cases.supervised')}</span>
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
                <section class="panel" aria-labelledby="content-title">
                  <h2 id="content-title" class="panel__title">
                    {ct('cases.content')}
                  </h2>
                  <dl class="facts">
                    <dt>{ct('cases.category')}</dt>
                    <dd>{localText(current().categoryName) || current().category}</dd>
                    <dt>{ct('cases.channel')}</dt>
                    <dd>{ctOr(`channel.${current().channel}`, current().channel)}</dd>
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
                </section>
                <section class="panel" aria-labelledby="actions-title" data-testid="case-actions">
                  <h2 id="actions-title" class="panel__title">
                    {ct('cases.actions')}
                  </h2>
                  <Show
                    when={current().availableActions.length > 0}
                    fallback={<p class="muted">{ct('cases.noActions')}</p>}
                  >
                    <div class="actions">
                      <For each={current().availableActions}>
                        {(action) => (
                          <button
                            type="button"
                            class={`btn ${open() === action.action ? 'btn--primary' : ''}`}
                            aria-expanded={
                              (actionFields[action.action] ?? []).length > 0
                                ? open() === action.action
                                : undefined
                            }
                            onClick={() => run(current(), action)}
                          >
                            {ctOr(`action.${action.action}`, action.action)}
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
                          setNotice(
                            `${ctOr(`action.${action.action}`, action.action)} · ${ct('cases.done')}`,
                          );
                        }}
                      />
                    )}
                  </Show>
                </section>
                <section class="panel" aria-labelledby="history-title">
                  <h2 id="history-title" class="panel__title">
                    {ct('cases.timeline')}
                  </h2>
                  <ol class="timeline" data-testid="case-history">
                    <For
                      each={current().history.filter(
                        (e) =>
                          e.type === 'transitioned' || e.type === 'caseOpened' || e.type.startsWith('sla'),
                      )}
                    >
                      {(event) => (
                        <li class="timeline__item">
                          <time class="timeline__time">{formatWhen(event.at)}</time>
                          <span class="timeline__label">
                            {eventTitle(event)}
                            <Show when={event.actor}>
                              {(actor) => (
                                <span class="muted small">
                                  {' '}
                                  · {actor().unitId ? unitName(actor().unitId) : actor().username}
                                </span>
                              )}
                            </Show>
                          </span>
                          <EventInput input={event.payload.input} />
                        </li>
                      )}
                    </For>
                  </ol>
                </section>
              </div>
              <aside class="case-side">
                <section class="panel" aria-labelledby="timers-title">
                  <h2 id="timers-title" class="panel__title">
                    {ct('cases.timers')}
                  </h2>
                  <table class="table table--compact">
                    <tbody>
                      <For each={Object.entries(current().timers ?? {})}>
                        {([name, timer]) => (
                          <tr>
                            <th scope="row">{ctOr(`timer.${name}`, name)}</th>
                            <td>
                              <Show
                                when={timer.status === 'running'}
                                fallback={<span class="muted">{ct('light.stopped')}</span>}
                              >
                                <SlaLightBadge
                                  light={timer.isOverdue ? 'overdue' : String(timer.light ?? 'green')}
                                />
                              </Show>
                            </td>
                            <td class="nowrap">
                              {formatWhen(timer.deadline)}
                              <ProvisionalMark when={timer.deadlineProvisional} />
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </section>
                <section class="panel" aria-labelledby="routing-title" data-testid="case-routing">
                  <h2 id="routing-title" class="panel__title">
                    {ct('cases.routingWhy')}
                  </h2>
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
                </section>
              </aside>
            </div>
          </>
        )}
      </Show>
    </section>
  );
};
