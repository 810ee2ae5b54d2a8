/** @module The unit's monthly form: the month picker (the month due next first), the month's deadline and countdown, every indicator grouped by level-1 area, one submission. */
import { WithData } from '../../../components/with-data.tsx';
import { createAjv } from '@jsonforms/core';
import type { Component } from 'solid-js';
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { ApiError } from '../../../api/http.ts';
import { showToast, Skeleton, Spinner } from '../../../components/feedback.tsx';
import { NoticeAlert } from '../../../components/notice-alert.tsx';
import { focusFirstInvalid, UNIT_FORMAT } from '../../../forms/index.ts';
import { locale } from '../../../i18n/index.ts';
import { errorText } from '../../../lib/error-text.ts';
import { local } from '../messages.ts';
import { type MonthlyForm, type MonthSummary, monthlyFormApi } from '../../../api/performance-workspace.ts';
import { type CardApi, IndicatorCard } from './indicator-card.tsx';
import { issuesByIndicator, type ServerIssue } from './issues.ts';
import { LockedIndicator } from './locked-indicator.tsx';
import { countdown, formTitle, wt } from './messages.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';

/** One ajv for every indicator's form (compiling each schema once). */
const sharedAjv = () => {
  const ajv = createAjv();
  if (!ajv.formats[UNIT_FORMAT]) ajv.addFormat(UNIT_FORMAT, true);
  return ajv;
};

const statusText = (status: string): string =>
  wt(
    (
      {
        open: 'ws.status.open',
        dueSoon: 'ws.status.dueSoon',
        late: 'ws.status.late',
        locked: 'ws.status.locked',
        notDue: 'ws.status.notDue',
      } as const
    )[status as 'open'] ?? 'ws.status.open',
  );

const monthLabel = (period: string): string =>
  locale() === 'en' ? `${period.slice(5, 7)}/${period.slice(0, 4)}` : `${Number(period.slice(5, 7))}月`;

/** The months to pick from: the recent ones the server lists, newest first. */
const MonthPicker: Component<{
  form: MonthlyForm;
  onPick: (period: string) => void;
}> = (props) => (
  <div class="ws-months" data-testid="month-picker">
    <span class="ws-months__label" id="ws-months-label">
      {wt('ws.months')}
    </span>
    <ul class="ws-months__list" aria-labelledby="ws-months-label">
      <For each={[...props.form.months].sort((a, b) => a.period.localeCompare(b.period))}>
        {(m: MonthSummary) => (
          <li>
            <button
              type="button"
              class={`ws-month ws-month--${m.status}`}
              aria-pressed={m.period === props.form.period}
              data-testid={`month-${m.period}`}
              data-status={m.status}
              onClick={() => props.onPick(m.period)}
            >
              <span class="ws-month__name">{monthLabel(m.period)}</span>
              <span class="ws-month__fact">
                {m.status === 'locked' ? statusText(m.status) : countdown(m.daysLeft)}
              </span>
              <span class="ws-month__fact">
                {m.empty > 0 ? wt('ws.monthEmpty', { empty: m.empty }) : wt('ws.monthDone')}
              </span>
              <Show when={m.period === props.form.dueNext}>
                <span class="ws-month__badge">{wt('ws.dueNext')}</span>
              </Show>
            </button>
          </li>
        )}
      </For>
    </ul>
    <label class="ws-months__other">
      <span>{wt('ws.pickMonth')}</span>
      <input
        type="month"
        data-testid="due-month"
        value={props.form.period}
        onChange={(e) => {
          if (/^\d{4}-\d{2}$/.test(e.currentTarget.value)) props.onPick(e.currentTarget.value);
        }}
      />
    </label>
  </div>
);

/** The monthly form panel; `period` '' opens the month due next. */
export const MonthlyFormPanel: Component<{
  period: () => string;
  setPeriod: (period: string) => void;
  /** After a submission or amendment request: the other panels read again. */
  onChanged: () => void;
  /** The form shown (for the panels that need its schemas and names). */
  onLoaded?: (form: MonthlyForm) => void;
}> = (props) => {
  const ajv = sharedAjv();
  const [form, { refetch }] = createResource(
    () => ({ period: props.period() }),
    async (p) => {
      const loaded = await monthlyFormApi.get(p.period ? { period: p.period } : {});
      props.onLoaded?.(loaded);
      return loaded;
    },
  );
  const [invalidCount, setInvalidCount] = createSignal(0);
  const [errors, setErrors] = createSignal<string[]>([]);
  const [notice, setNotice] = createSignal('');
  const [isBusy, setBusy] = createSignal(false);
  let cards = new Map<string, CardApi>();
  let formEl: HTMLFormElement | undefined;
  const isLocked = () => form.latest?.status === 'locked' || form.latest?.status === 'notDue';

  const pick = (period: string) => {
    setErrors([]);
    setInvalidCount(0);
    setNotice('');
    cards = new Map();
    props.setPeriod(period);
  };

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const current = form.latest;
    if (!current || isLocked()) return;
    setNotice('');
    setErrors([]);
    const values: Record<string, Record<string, unknown>> = {};
    const attachments: Record<string, string[]> = {};
    let invalid = 0;
    for (const card of cards.values()) {
      const r = card.collect();
      if (r.isEmpty) continue;
      invalid += r.invalidCount;
      values[r.indicatorId] = r.data;
      if (r.files !== undefined) attachments[r.indicatorId] = r.files;
    }
    setInvalidCount(invalid);
    if (invalid > 0) {
      if (formEl) queueMicrotask(() => formEl && focusFirstInvalid(formEl));
      return;
    }
    if (Object.keys(values).length === 0) {
      setErrors([wt('ws.nothing')]);
      return;
    }
    setBusy(true);
    try {
      const written = await monthlyFormApi.submit({
        period: current.period,
        values,
        ...(Object.keys(attachments).length > 0 ? { attachments } : {}),
      });
      const text =
        written.entries.length > 0
          ? wt('ws.submitted', { period: current.period, count: written.entries.length })
          : wt('ws.unchanged', { period: current.period });
      setNotice(text);
      showToast(text);
      cards = new Map();
      await refetch();
      props.onChanged();
    } catch (error) {
      const issues =
        error instanceof ApiError
          ? (error.details as { issues?: ServerIssue[] } | undefined)?.issues
          : undefined;
      if (issues?.length) {
        const grouped = issuesByIndicator(issues, locale());
        for (const [id, list] of grouped) cards.get(id)?.showErrors(list);
        const general = grouped.get('') ?? [];
        if (general.length > 0) setErrors(general.map((i) => i.message));
        setInvalidCount(issues.length - general.length);
      } else setErrors([errorText(error)]);
      showToast(errorText(error), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel ws-form" data-testid="monthly-form" aria-labelledby="ws-form-title">
      <Switch>
        <Match when={form.error && !form.loading}>
          <h2 class="panel__title" id="ws-form-title">
            {wt('ws.title')}
          </h2>
          <ErrorAlert message={wt('ws.loadError', { message: errorText(form.error) })} testId="form-error" />
          <button type="button" class="btn" onClick={() => pick('')}>
            {wt('ws.dueNext')}
          </button>
        </Match>
        <Match when={!form.latest}>
          <h2 class="panel__title" id="ws-form-title">
            {wt('ws.loading')}
          </h2>
          <Skeleton rows={6} label={wt('ws.loading')} />
        </Match>
        <Match when={form.latest}>
          {(f) => (
            <>
              <header class="ws-form__head">
                <h2 class="panel__title" id="ws-form-title" data-testid="form-title">
                  <WithData message={(unit) => formTitle(unit, f().period)} value={f().unitName} />
                </h2>
                <div class="ws-form__facts">
                  <span
                    class={`perf-status perf-status--${f().status}`}
                    data-testid="due-status"
                    data-status={f().status}
                  >
                    {statusText(f().status)}
                  </span>
                  <span data-testid="form-deadline">{wt('ws.deadline', { date: f().deadline })}</span>
                  <Show when={f().status !== 'locked' && f().status !== 'notDue'}>
                    <span
                      class={`ws-countdown ws-countdown--${f().daysLeft < 0 ? 'overdue' : f().status}`}
                      data-testid="countdown"
                      data-days-left={f().daysLeft}
                    >
                      {countdown(f().daysLeft)}
                    </span>
                  </Show>
                  <span class="muted" data-testid="empty-count">
                    {f().counts.empty > 0
                      ? wt('ws.counts', { empty: f().counts.empty, total: f().counts.total })
                      : wt('ws.countsDone', { total: f().counts.total })}
                  </span>
                </div>
              </header>
              <MonthPicker form={f()} onPick={pick} />
              <Show when={form.loading}>
                <Spinner label={wt('ws.loading')} testId="form-reloading" />
              </Show>
              <Switch>
                <Match when={f().status === 'locked'}>
                  <ErrorAlert message={wt('ws.lockedAlert', { period: f().period })} testId="form-locked" />
                </Match>
                <Match when={f().status === 'notDue'}>
                  <div class="alert" role="status" data-testid="form-not-open">
                    {wt('ws.notDueAlert', { period: f().period })}
                  </div>
                </Match>
                <Match when={f().status === 'late'}>
                  <div class="alert alert--warning" role="status" data-testid="form-late">
                    {wt('ws.lateAlert', { date: f().lockDate })}
                  </div>
                </Match>
              </Switch>
              <NoticeAlert message={notice()} testId="fill-success" />
              <form
                class="ws-form__body"
                ref={formEl}
                onSubmit={submit}
                novalidate
                data-testid="fill-panel"
                data-period={f().period}
              >
                <For each={f().areas}>
                  {(area) => (
                    <section
                      class="ws-area"
                      data-testid={`area-${area.id}`}
                      aria-labelledby={`ws-area-${area.id}`}
                    >
                      <h3 class="ws-area__title" id={`ws-area-${area.id}`}>
                        <span>
                          <span class="mono">{area.code}</span> {local(area.name)}
                        </span>
                        <span class="muted small">
                          {wt('ws.areaCount', {
                            filled: area.indicators.length - area.empty,
                            total: area.indicators.length,
                          })}
                        </span>
                      </h3>
                      <For each={area.indicators}>
                        {(indicator) => (
                          <Show
                            when={!isLocked()}
                            fallback={
                              <LockedIndicator
                                indicator={indicator}
                                ajv={ajv}
                                onAmended={() => {
                                  setNotice(wt('ws.amendSent'));
                                  void refetch();
                                  props.onChanged();
                                }}
                              />
                            }
                          >
                            <IndicatorCard
                              indicator={indicator}
                              ajv={ajv}
                              register={(api) => cards.set(indicator.indicatorId, api)}
                            />
                          </Show>
                        )}
                      </For>
                    </section>
                  )}
                </For>
                <Show when={!isLocked()}>
                  <div class="ws-submitbar">
                    <ErrorAlert
                      message={invalidCount() > 0 ? wt('ws.invalid', { count: invalidCount() }) : ''}
                      testId="fill-invalid"
                    />
                    <For each={errors()}>{(text) => <ErrorAlert message={text} testId="fill-error" />}</For>
                    <div class="ws-submitbar__row">
                      <span class="muted small">{wt('ws.submitHint')}</span>
                      <button
                        type="submit"
                        class="btn btn--primary"
                        disabled={isBusy() || form.loading}
                        data-testid="fill-submit"
                      >
                        {isBusy() ? wt('ws.submitting') : wt('ws.submit')}
                      </button>
                    </div>
                  </div>
                </Show>
              </form>
            </>
          )}
        </Match>
      </Switch>
    </section>
  );
};
