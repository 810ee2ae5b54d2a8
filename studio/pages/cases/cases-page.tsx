/** @module Case console: queues by role with SLA light, status, channel and category filters, the hotline intake form, and routing to one case, supervision and metrics. */
import type { Component } from 'solid-js';
import { createResource, createSignal, For, Index, onMount, Show } from 'solid-js';
import type { CaseQuery } from '../../api/cases.ts';
import { casesApi } from '../../api/cases.ts';
import type { JsonFormsHandle } from '../../forms/index.ts';
import { href, navigate } from '../../router.ts';
import { user } from '../../session.ts';
import { CaseDetailPage } from './case-detail.tsx';
import { ct, ctOr, localText } from './messages.ts';
import '../rule-sets/rule-sets.css';
import './cases.css';
import { createFormI18n } from './case-form.tsx';
import { CaseTable } from './case-table.tsx';
import {
  allUnits,
  CaseLoadError,
  createRequester,
  loadUnits,
  PriorityText,
  RequesterFields,
} from './shared.tsx';
import { errorText } from '../../lib/error-text.ts';
import { busyWhile } from '../../lib/busy.ts';
import { CaseMetricsPanel } from './case-metrics-panel.tsx';
import { CaseTabs } from './case-tabs.tsx';
import type { QueueFilters } from './queue-filters.ts';
import { noFilters, queueQuery, slaLights } from './queue-filters.ts';
import { channelOptions, loadCaseWorkflow, stateOptions } from './case-workflow.ts';
import { SupervisorView } from './supervisor-view.tsx';
import { CaseIntakeForm } from './case-form.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FormActions, SubmitButton } from '../../components/form-actions.tsx';
import type { FieldOption } from '../../components/fields.tsx';
import { SelectField } from '../../components/fields.tsx';
import { PageTitle } from '../../components/page-title.tsx';

/** A labelled select of one queue filter; the empty option means "any". */
const FilterSelect: Component<{
  id: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
}> = (props) => (
  <span class="queue-filter">
    <SelectField
      inline
      id={props.id}
      label={props.label}
      value={props.value}
      onValue={props.onChange}
      placeholder={ct('cases.filter.any')}
    >
      <For each={props.options}>
        {(option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        )}
      </For>
    </SelectField>
  </span>
);

type Queue = NonNullable<CaseQuery['queue']>;

const queueFor = (roles: readonly string[]): Queue => {
  for (const role of ['dispatcher', 'supervisor', 'reviewer', 'unit'] as const) {
    if (roles.includes(role)) return role;
  }
  return 'all';
};

const introFor: Record<Queue, Parameters<typeof ct>[0]> = {
  dispatcher: 'cases.dispatcherIntro',
  unit: 'cases.unitIntro',
  supervisor: 'cases.supervisorIntro',
  reviewer: 'cases.reviewerIntro',
  all: 'cases.dispatcherIntro',
};

/** Order of urgency: overdue, red, yellow, green, untimed; then the nearest deadline. */
const lightRank: Record<string, number> = { overdue: 0, red: 1, yellow: 2, green: 3, none: 4 };

const QueueView: Component<{ basePath: string }> = (props) => {
  const roles = () => user()?.roles ?? [];
  const ownQueue = queueFor(roles());
  const [categories] = createResource(() => casesApi.categories().catch(() => []));
  const [scope, setScope] = createSignal<'mine' | 'all'>('mine');
  const [search, setSearch] = createSignal('');
  const [filters, setFilters] = createSignal<QueueFilters>({ ...noFilters });
  const [query, setQuery] = createSignal<CaseQuery>({ queue: ownQueue, limit: 200 });
  const [list, { refetch }] = createResource(query, (q) => casesApi.list(q));
  const sorted = () =>
    [...(list()?.items ?? [])].sort(
      (a, b) =>
        (lightRank[a.slaLight] ?? 5) - (lightRank[b.slaLight] ?? 5) ||
        (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9'),
    );
  const apply = (event?: SubmitEvent): void => {
    event?.preventDefault();
    setQuery(
      queueQuery({
        queue: scope() === 'mine' ? ownQueue : 'all',
        search: search(),
        filters: filters(),
      }),
    );
  };
  const setFilter = (key: keyof QueueFilters, value: string): void => {
    setFilters({ ...filters(), [key]: value });
    apply();
  };
  /** The queue's four filter selects, in order: SLA light, state, channel, category. */
  const filterSelects = (): {
    key: keyof QueueFilters;
    id: string;
    label: string;
    options: FieldOption[];
  }[] => [
    {
      key: 'slaLight',
      id: 'filter-light',
      label: ct('cases.filter.light'),
      options: slaLights.map((light) => ({ value: light, label: ctOr(`light.${light}`, light) })),
    },
    { key: 'status', id: 'filter-status', label: ct('cases.filter.status'), options: stateOptions() },
    { key: 'channel', id: 'filter-channel', label: ct('cases.filter.channel'), options: channelOptions() },
    {
      key: 'category',
      id: 'filter-category',
      label: ct('cases.filter.category'),
      options: (categories() ?? []).map((c) => ({ value: c.code, label: localText(c.name) || c.code })),
    },
  ];
  const hasFilters = () => Object.values(filters()).some((v) => v !== '') || search().trim() !== '';
  const myUnit = () => user()?.unitId ?? null;

  return (
    <section class="page page--wide" aria-labelledby="page-title">
      <div class="case-head">
        <PageTitle>{ct('cases.queue')}</PageTitle>
        <span class="spacer" />
        <Show when={roles().includes('dispatcher')}>
          <a class="btn btn--primary" href={href('/cases/hotline')}>
            {ct('cases.hotline')}
          </a>
        </Show>
      </div>
      <CaseTabs basePath={props.basePath} current="queue" />
      <p class="muted">{ct(introFor[ownQueue])}</p>
      <form class="toolbar" onSubmit={apply}>
        <label class="sr-only" for="queue-scope">
          {ct('cases.filter')}
        </label>
        <Show when={ownQueue !== 'all'}>
          <select
            id="queue-scope"
            class="jf-input input--auto"
            value={scope()}
            onChange={(e) => {
              setScope(e.currentTarget.value as 'mine' | 'all');
              apply();
            }}
          >
            <option value="mine">{ct('cases.filter.mine')}</option>
            <option value="all">{ct('cases.filter.all')}</option>
          </select>
        </Show>
        <input
          class="jf-input input--auto"
          type="search"
          aria-label={`${ct('cases.number')} / ${ct('cases.summary')}`}
          placeholder={`${ct('cases.number')} / ${ct('cases.summary')}`}
          value={search()}
          onInput={(e) => setSearch(e.currentTarget.value)}
        />
        <SubmitButton class="btn">{ct('cases.filter')}</SubmitButton>
        <button type="button" class="btn" onClick={() => refetch()}>
          {ct('cases.refresh')}
        </button>
        <span class="muted small" data-testid="case-count">
          {ct('cases.count', { count: list()?.total ?? 0 })}
        </span>
      </form>
      <div class="toolbar queue-filters" data-testid="queue-filters">
        <Index each={filterSelects()}>
          {(select) => (
            <FilterSelect
              id={select().id}
              label={select().label}
              value={filters()[select().key]}
              options={select().options}
              onChange={(v) => setFilter(select().key, v)}
            />
          )}
        </Index>
        <Show when={hasFilters()}>
          <button
            type="button"
            class="btn btn--ghost"
            onClick={() => {
              setFilters({ ...noFilters });
              setSearch('');
              apply();
            }}
          >
            {ct('cases.filter.clear')}
          </button>
        </Show>
      </div>
      <CaseLoadError error={list.error} />
      <CaseTable
        testId="case-queue"
        rows={sorted()}
        loading={list.loading}
        empty={ct('cases.empty')}
        basePath={props.basePath}
        columns={[
          'light',
          'number',
          {
            key: 'category',
            label: ct('cases.category'),
            class: 'nowrap',
            cell: (item) => localText(item.categoryName) || item.category,
          },
          'title',
          'status',
          ownQueue === 'unit'
            ? {
                key: 'role',
                label: ct('cases.role'),
                cell: (item) =>
                  item.leadUnitId === myUnit() ? ct('cases.roleLead') : ct('cases.roleAssisting'),
              }
            : 'lead',
          {
            key: 'priority',
            label: ct('cases.priority'),
            cell: (item) => <PriorityText priority={item.priority} />,
          },
          'dueAt',
        ]}
      />
    </section>
  );
};

const HotlineIntake: Component = () => {
  const [categories] = createResource(() => casesApi.categories());
  const [code, setCode] = createSignal('');
  const [chosenChannel, setChannel] = createSignal('');
  // The workflow's channels; the hotline (or the first declared) until the operator picks another.
  const channel = (): string => {
    if (chosenChannel()) return chosenChannel();
    const codes = channelOptions().map((c) => c.value);
    return codes.includes('hotline') ? 'hotline' : (codes[0] ?? 'hotline');
  };
  const requester = createRequester();
  const [streetId, setStreetId] = createSignal('');
  const [failure, setFailure] = createSignal('');
  const [isBusy, setBusy] = createSignal(false);
  const i18n = createFormI18n();
  let form: JsonFormsHandle | undefined;
  const category = () => categories()?.find((c) => c.code === code());

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setFailure('');
    if (!form || !category()) return;
    const outcome = form.validateAll();
    if (!outcome.valid) {
      setFailure(ct('portal.invalid', { count: new Set(outcome.errors.map((e) => e.instancePath)).size }));
      return;
    }
    const data = { ...(outcome.data as Record<string, unknown>) };
    await busyWhile(
      setBusy,
      (error) => setFailure(errorText(error)),
      async () => {
        const reply = await casesApi.intake({
          channel: channel(),
          category: code(),
          text: String(data.content ?? ''),
          data,
          requester: requester.body(),
          location: {
            address: typeof data.address === 'string' ? data.address : undefined,
            streetId: streetId() || undefined,
          },
        });
        sessionStorage.setItem(
          'baton.intakeReceipt',
          JSON.stringify({ number: reply.case.number, queryPassword: reply.queryPassword }),
        );
        navigate(`/cases/${reply.case.id}`);
      },
    );
  };

  return (
    <section class="page" aria-labelledby="page-title">
      <p class="breadcrumb">
        <a href={href('/cases')}>← {ct('cases.back')}</a>
      </p>
      <PageTitle>{ct('cases.hotlineTitle')}</PageTitle>
      <p class="muted">{ct('cases.hotlineIntro')}</p>
      <form class="panel" onSubmit={submit} novalidate data-testid="hotline-form">
        <div class="form-row">
          <SelectField id="intake-channel" label={ct('cases.channel')} value={channel()} onValue={setChannel}>
            <For each={channelOptions()}>
              {(c) => (
                <option value={c.value} selected={c.value === channel()}>
                  {c.label}
                </option>
              )}
            </For>
          </SelectField>
          <SelectField
            id="intake-category"
            label={ct('cases.category')}
            value={code()}
            onValue={setCode}
            placeholder={ct('portal.chooseCategory')}
            options={(categories() ?? []).map((c) => ({
              value: c.code,
              label: `${localText(c.group)} / ${localText(c.name)}`,
            }))}
          />
        </div>
        <div class="form-row">
          <RequesterFields idPrefix="intake" requester={requester} />
          <SelectField
            id="intake-street"
            label={ct('portal.street')}
            value={streetId()}
            onValue={setStreetId}
            placeholder={ct('portal.streetAny')}
            options={allUnits()
              .filter((u) => u.kind === 'street')
              .map((u) => ({ value: u.id, label: u.name }))}
          />
        </div>
        <Show when={category()} keyed>
          {(chosen) => (
            <CaseIntakeForm
              category={chosen}
              i18n={i18n()}
              controller={(handle) => {
                form = handle;
              }}
            />
          )}
        </Show>
        <ErrorAlert message={failure()} />
        <FormActions busy={isBusy()} busyLabel={ct('portal.submitting')} disabled={!category()}>
          {ct('portal.submit')}
        </FormActions>
      </form>
    </section>
  );
};

/** Shows the number + password once after a hotline intake, so the operator can read them to the caller. */
const IntakeReceipt: Component = () => {
  const raw = sessionStorage.getItem('baton.intakeReceipt');
  sessionStorage.removeItem('baton.intakeReceipt');
  const receipt = raw ? (JSON.parse(raw) as { number: string; queryPassword: string | null }) : null;
  return (
    <Show when={receipt}>
      {(r) => (
        <div class="alert alert--success receipt-inline" role="status" data-testid="intake-receipt">
          {ct('cases.registered', { number: r().number })} · {ct('portal.queryPassword')}{' '}
          <strong class="mono">{r().queryPassword ?? '—'}</strong> — {ct('portal.keepNote')}
        </div>
      )}
    </Show>
  );
};

/** Everything under `#/cases` (and `#/reviews` for reviewers). */
export const CasesPage: Component<{ path: string; basePath: string }> = (props) => {
  onMount(() => {
    void loadUnits();
    void loadCaseWorkflow();
  });
  const sub = () => props.path.slice(props.basePath.length).replace(/^\//, '');
  return (
    <Show when={sub()} keyed fallback={<QueueView basePath={props.basePath} />}>
      {(rest) =>
        rest === 'hotline' ? (
          <HotlineIntake />
        ) : rest === 'supervision' ? (
          <SupervisorView basePath={props.basePath} />
        ) : rest === 'metrics' ? (
          <CaseMetricsPanel basePath={props.basePath} />
        ) : (
          <>
            <IntakeReceipt />
            <CaseDetailPage caseId={decodeURIComponent(rest)} backPath={props.basePath} />
          </>
        )
      }
    </Show>
  );
};
