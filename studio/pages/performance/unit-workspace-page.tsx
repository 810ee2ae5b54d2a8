/** @module Unit workspace (我的填报): my indicators, forms due with deadline status, filling a month's form, history, amendment requests. */
import type { JsonFormsI18nState, JsonSchema, Translator, UISchemaElement } from '@jsonforms/core';
import type { Component } from 'solid-js';
import { createMemo, createResource, createSignal, For, onMount, Show } from 'solid-js';
import { evaluate } from '../../../engine/core/rule-language.ts';
import { ApiError } from '../../api.ts';
import type { JsonFormsHandle } from '../../forms/index.ts';
import { createErrorTranslator, JsonForms } from '../../forms/index.ts';
import { locale, tryT } from '../../i18n/index.ts';
import { errorText } from '../../lib/error-text.ts';
import type { AttachmentMeta, FormDue, IndicatorForm } from '../../performance-api.ts';
import { performanceApi } from '../../performance-api.ts';
import { user } from '../../session.ts';
import { localizeUiSchema } from './form-model.ts';
import type { PerfKey } from './messages.ts';
import { local, pt, tryPt } from './messages.ts';
import { pollWhileRecomputing, RecomputingMark } from './recomputing-mark.tsx';
import { isExcludedScore, ScoreTracePanel, showValue } from './score-trace.tsx';
import { NoticeAlert } from '../../components/notice-alert.tsx';
import './performance.css';
import { ScrollRegion } from '../../components/scroll-region.tsx';

/** The bytes of a file as base64 (what POST /api/performance/attachments takes). */
const readBase64 = (file: Blob): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });

const size = (bytes: number): string =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} kB`
      : `${(bytes / 1048576).toFixed(2)} MB`;

/** A deadline or amendment status as a coloured chip. */
export const StatusChip: Component<{ status: string; testId?: string }> = (props) => (
  <span
    class={`perf-status perf-status--${props.status}`}
    data-testid={props.testId}
    data-status={props.status}
  >
    {pt(
      (props.status === 'pending' || props.status === 'approved' || props.status === 'rejected'
        ? `workspace.amend.${props.status}`
        : `workspace.status.${props.status === 'notDue' ? 'locked' : props.status}`) as PerfKey,
    )}
  </span>
);

const short = (values: unknown): string => {
  const text = JSON.stringify(values ?? {});
  return text.length > 90 ? `${text.slice(0, 87)}…` : text;
};

const time = (iso: string | null | undefined): string => (iso ? iso.replace('T', ' ').slice(0, 16) : '—');

/** Messages of the cross-field checks that fail for `data` (same JSON Logic as the server). */
const failedChecks = (form: IndicatorForm, data: unknown): { path?: string; text: string }[] =>
  (form.checks ?? []).flatMap((check) => {
    let isOk = false;
    try {
      isOk = Boolean(evaluate(check.rule, data));
    } catch {
      isOk = false;
    }
    return isOk ? [] : [{ path: check.path, text: local(check.message) }];
  });

/** The unit workspace page (unit users; admins may pass through with their own unit). */
export const UnitWorkspacePage: Component = () => {
  // The home page links a month's forms as #/my-forms?period=YYYY-MM: open on that month.
  const linkedPeriod = /[?&]period=(\d{4}-\d{2})\b/.exec(
    typeof location === 'undefined' ? '' : location.hash,
  );
  const [period, setPeriod] = createSignal<string>(linkedPeriod?.[1] ?? '');
  const [indicators] = createResource(() => performanceApi.indicators());
  const [due, { refetch: refetchDue }] = createResource(period, (p) =>
    performanceApi.formsDue(p ? { period: p } : {}),
  );
  const [entries, { refetch: refetchEntries }] = createResource(() =>
    performanceApi.entries({ includeSuperseded: true }),
  );
  const [amendments, { refetch: refetchAmendments }] = createResource(() => performanceApi.amendments());
  const [opened, setOpened] = createSignal<FormDue | null>(null);
  const [scores, { refetch: refetchScores }] = createResource(
    () => (due.latest ? { unitId: due.latest.unitId, period: due.latest.period } : false),
    (p) => performanceApi.scores(p),
  );
  // Entries are scored in the background: read again until the figures are current.
  pollWhileRecomputing(() => scores.latest?.recomputing, refetchScores);
  const scoresError = (): unknown => (scores as { error?: unknown }).error;
  const [explained, setExplained] = createSignal<{ indicatorId: string; label: string } | null>(null);
  const indicatorName = (id: string): string => {
    const hit = indicators()?.indicators.find((i) => i.indicatorId === id);
    return hit ? `${hit.code} ${local(hit.name)}` : id;
  };
  const refresh = (): void => {
    void refetchDue();
    void refetchEntries();
    void refetchAmendments();
  };

  return (
    <section class="page perf" aria-labelledby="page-title">
      <h1 id="page-title" class="page__title">
        {pt('workspace.title')}
      </h1>
      <p class="muted">{pt('workspace.intro')}</p>
      <Show
        when={user()?.unitId || !user()?.roles.includes('unit')}
        fallback={<p class="notice">{pt('workspace.noUnit')}</p>}
      >
        <Show when={opened()} keyed>
          {(form) => (
            <FillPanel
              due={form}
              onDone={() => {
                refresh();
              }}
              onClose={() => setOpened(null)}
            />
          )}
        </Show>
        <div class="panel" data-testid="forms-due">
          <div class="perf-toolbar">
            <h2 class="panel__title">{pt('workspace.due')}</h2>
            <label class="perf-inline">
              <span>{pt('workspace.pickMonth')}</span>
              <input
                type="month"
                data-testid="due-month"
                value={period() || due()?.period || ''}
                onChange={(e) => {
                  setOpened(null);
                  setPeriod(e.currentTarget.value);
                }}
              />
            </label>
            <Show when={due()}>{(d) => <span class="muted small">{d().today}</span>}</Show>
          </div>
          <Show
            when={!due.error}
            fallback={<div class="alert alert--error">{String(due.error?.message ?? due.error)}</div>}
          >
            <div class="table-wrap">
              <table class="table">
                <thead>
                  <tr>
                    <th>{pt('common.indicator')}</th>
                    <th>{pt('common.month')}</th>
                    <th>{pt('workspace.deadline')}</th>
                    <th>{pt('common.status')}</th>
                    <th>{pt('workspace.value')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  <For each={due()?.forms ?? []}>
                    {(form) => (
                      <tr data-testid={`due-${form.indicatorId}`}>
                        <td>
                          <span class="mono small">{form.code}</span> {local(form.name)}
                        </td>
                        <td class="mono">{form.period}</td>
                        <td class="mono">{form.deadline}</td>
                        <td>
                          <StatusChip status={form.status} testId="due-status" />{' '}
                          <Show when={form.entry}>
                            <StatusChip status="submitted" />
                          </Show>{' '}
                          <Show when={form.pendingAmendment}>
                            <StatusChip status="pending" />
                          </Show>
                        </td>
                        <td class="mono small">{form.entry ? short(form.entry.values) : '—'}</td>
                        <td>
                          <button
                            type="button"
                            class="btn btn--small"
                            data-testid="due-open"
                            disabled={form.status === 'notDue'}
                            onClick={() => setOpened(form)}
                          >
                            {form.status === 'locked' ? pt('workspace.amend') : pt('workspace.fill')}
                          </button>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        </div>
        <div class="panel" data-testid="my-scores">
          <div class="perf-toolbar">
            <h2 class="panel__title">
              {pt('workspace.scores')} · {due.latest?.period ?? ''}
            </h2>
            <Show when={scores.latest?.result}>
              {(res) => (
                <span>
                  {pt('dash.total')} <strong class="mono">{res().total.toFixed(2)}</strong>
                </span>
              )}
            </Show>
            <RecomputingMark when={scores.latest?.recomputing} />
            <span class="muted small">{pt('workspace.scoresHint')}</span>
          </div>
          <Show
            when={(scores.latest?.scores.length ?? 0) > 0}
            fallback={
              <p class="muted">{scoresError() ? errorText(scoresError()) : pt('workspace.noScores')}</p>
            }
          >
            <ScrollRegion class="table-wrap perf-matrix-wrap">
              <table class="table">
                <thead>
                  <tr>
                    <th>{pt('common.indicator')}</th>
                    <th>{pt('trace.status')}</th>
                    <th>{pt('common.score')}</th>
                    <th>{pt('trace.weighted')}</th>
                    <th>{pt('trace.pointsLost')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={scores.latest?.scores ?? []}>
                    {(sc) => (
                      <tr data-testid={`score-row-${sc.indicatorId}`}>
                        <td>{indicatorName(sc.indicatorId)}</td>
                        <td>{pt(`trace.status.${sc.status}` as PerfKey)}</td>
                        <td class="mono">
                          <button
                            type="button"
                            class="perf-score-link"
                            data-testid={`score-${sc.indicatorId}`}
                            aria-label={`${pt('trace.open')}: ${indicatorName(sc.indicatorId)}`}
                            title={pt('trace.open')}
                            onClick={() =>
                              setExplained({
                                indicatorId: sc.indicatorId,
                                label: indicatorName(sc.indicatorId),
                              })
                            }
                          >
                            {isExcludedScore(sc)
                              ? pt('trace.status.noCases')
                              : `${showValue(sc.points)} / ${sc.maxScore}`}
                          </button>
                        </td>
                        <td class="mono">
                          {sc.role === 'scored' && !isExcludedScore(sc) ? showValue(sc.weighted) : '—'}
                        </td>
                        <td class="mono">
                          {sc.role === 'scored' && !isExcludedScore(sc) ? showValue(sc.pointsLost) : '—'}
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </ScrollRegion>
          </Show>
          <Show when={explained()} keyed>
            {(e) => (
              <ScoreTracePanel
                unitId={scores.latest?.unitId}
                indicatorId={e.indicatorId}
                period={scores.latest?.period ?? ''}
                label={e.label}
                onClose={() => setExplained(null)}
              />
            )}
          </Show>
        </div>
        <div class="perf-grid2">
          <div class="panel" data-testid="my-indicators">
            <h2 class="panel__title">{pt('workspace.indicators')}</h2>
            <ScrollRegion class="table-wrap perf-matrix-wrap">
              <table class="table">
                <thead>
                  <tr>
                    <th>{pt('common.indicator')}</th>
                    <th>{pt('workspace.period')}</th>
                    <th>{pt('tree.weight')}</th>
                    <th>{pt('workspace.target')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={indicators()?.indicators ?? []}>
                    {(ind) => (
                      <tr>
                        <td>
                          <span class="mono small">{ind.code}</span> {local(ind.name)}
                        </td>
                        <td>{tryPt(`freq.${ind.frequency}`) ?? ind.frequency}</td>
                        <td class="mono">{(ind.weight * 100).toFixed(2)}%</td>
                        <td class="mono">{ind.target ? ind.target.value : '—'}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </ScrollRegion>
          </div>
          <div class="panel" data-testid="my-amendments">
            <h2 class="panel__title">{pt('workspace.amendments')}</h2>
            <Show
              when={(amendments()?.items.length ?? 0) > 0}
              fallback={<p class="muted">{pt('workspace.noAmendments')}</p>}
            >
              <table class="table">
                <thead>
                  <tr>
                    <th>{pt('common.indicator')}</th>
                    <th>{pt('common.month')}</th>
                    <th>{pt('workspace.reason')}</th>
                    <th>{pt('common.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={amendments()?.items ?? []}>
                    {(a) => (
                      <tr data-testid={`amendment-${a.id}`}>
                        <td>{indicatorName(a.indicatorId)}</td>
                        <td class="mono">{a.period}</td>
                        <td>{a.reason}</td>
                        <td>
                          <StatusChip status={a.status} testId="amendment-status" />
                          <Show when={a.note}>
                            <div class="muted small">{a.note}</div>
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
          </div>
        </div>
        <div class="panel" data-testid="entry-history">
          <h2 class="panel__title">{pt('workspace.history')}</h2>
          <Show
            when={(entries()?.items.length ?? 0) > 0}
            fallback={<p class="muted">{pt('workspace.noHistory')}</p>}
          >
            <ScrollRegion class="table-wrap perf-matrix-wrap">
              <table class="table">
                <thead>
                  <tr>
                    <th>{pt('common.indicator')}</th>
                    <th>{pt('common.month')}</th>
                    <th>{pt('workspace.value')}</th>
                    <th>{pt('workspace.submittedAt')}</th>
                    <th>{pt('workspace.by')}</th>
                    <th>{pt('attach.title')}</th>
                    <th>{pt('common.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={(entries()?.items ?? []).slice(0, 60)}>
                    {(e) => (
                      <tr
                        data-testid="history-row"
                        data-status={e.status}
                        data-kind={e.kind}
                        data-period={e.period}
                        data-indicator={e.indicatorId}
                      >
                        <td>{indicatorName(e.indicatorId)}</td>
                        <td class="mono">{e.period}</td>
                        <td class="mono small">{short(e.values)}</td>
                        <td class="mono small">{time(e.submittedAt)}</td>
                        <td>{e.submittedBy}</td>
                        <td class="small">
                          <For each={e.attachments}>
                            {(sha) => (
                              <a
                                class="mono"
                                href={performanceApi.attachmentUrl(sha)}
                                title={sha}
                                data-testid="history-attachment"
                                data-sha={sha}
                              >
                                {sha.slice(0, 12)}…
                              </a>
                            )}
                          </For>
                        </td>
                        <td>
                          <Show when={e.kind === 'amendment'}>
                            <span class="badge">{pt('workspace.amended')}</span>{' '}
                          </Show>
                          <Show when={e.isLate}>
                            <span class="badge">{pt('workspace.lateFlag')}</span>{' '}
                          </Show>
                          <span class="small muted">
                            {e.status === 'superseded' ? '×' : '✓'} v{e.ruleSetVersion}
                          </span>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </ScrollRegion>
          </Show>
        </div>
      </Show>
    </section>
  );
};

/** The form of one (indicator, period): a new entry while open, an amendment request once locked. */
const FillPanel: Component<{ due: FormDue; onDone: () => void; onClose: () => void }> = (props) => {
  const isLocked = () => props.due.status === 'locked';
  const [form] = createResource(() =>
    performanceApi.form(props.due.indicatorId, { period: props.due.period }),
  );
  const [errors, setErrors] = createSignal<string[]>([]);
  const [invalidCount, setInvalidCount] = createSignal(0);
  const [success, setSuccess] = createSignal('');
  const [isBusy, setBusy] = createSignal(false);
  const [reason, setReason] = createSignal('');
  const [files, setFiles] = createSignal<AttachmentMeta[]>([]);
  const [isUploading, setUploading] = createSignal(false);
  let handle: JsonFormsHandle | undefined;
  let panel: HTMLFormElement | undefined;
  onMount(() => panel?.scrollIntoView?.({ block: 'start' }));
  const errorTranslator = createErrorTranslator();
  const i18n = createMemo(
    (): JsonFormsI18nState => ({
      locale: locale(),
      translate: ((id: string, fallback?: string) => tryT(id) ?? fallback) as Translator,
      translateError: errorTranslator,
    }),
  );

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const f = form();
    if (!f || !handle) return;
    setSuccess('');
    const outcome = handle.validateAll();
    const failed = outcome.valid ? failedChecks(f, outcome.data) : [];
    setInvalidCount(outcome.valid ? 0 : new Set(outcome.errors.map((e) => e.instancePath)).size);
    setErrors(failed.map((c) => c.text));
    if (!outcome.valid || failed.length > 0) return;
    if (isLocked() && !reason().trim()) {
      setErrors([pt('workspace.reasonMissing')]);
      return;
    }
    setBusy(true);
    try {
      if (isLocked()) {
        if (!props.due.entry) return;
        await performanceApi.requestAmendment({
          entryId: props.due.entry.id,
          values: outcome.data,
          reason: reason().trim(),
        });
        setSuccess(pt('workspace.amendSent'));
      } else {
        await performanceApi.submitEntry({
          indicatorId: f.indicatorId,
          period: props.due.period,
          values: outcome.data,
          ...(files().length > 0 ? { attachments: files().map((a) => a.sha256) } : {}),
        });
        setSuccess(pt('workspace.submitted', { period: props.due.period }));
      }
      props.onDone();
    } catch (error) {
      if (error instanceof ApiError) {
        const issues = (error.details as { issues?: { message: string; messageZh?: string }[] } | undefined)
          ?.issues;
        setErrors(
          issues?.length
            ? issues.map((i) => (locale() === 'zh-CN' ? (i.messageZh ?? i.message) : i.message))
            : [error.message],
        );
      } else setErrors([String(error)]);
    } finally {
      setBusy(false);
    }
  };

  const upload = async (list: FileList | null): Promise<void> => {
    if (!list || list.length === 0) return;
    setUploading(true);
    setErrors([]);
    try {
      for (const file of [...list]) {
        const stored = await performanceApi.uploadAttachment({
          name: file.name,
          mime: file.type || 'application/octet-stream',
          contentBase64: await readBase64(file),
        });
        setFiles([...files().filter((a) => a.sha256 !== stored.sha256), stored]);
      }
    } catch (error) {
      setErrors([errorText(error)]);
    } finally {
      setUploading(false);
    }
  };

  return (
    <form class="panel perf-fill" ref={panel} onSubmit={submit} novalidate data-testid="fill-panel">
      <h2 class="panel__title">
        {isLocked()
          ? pt('workspace.amendTitle', { period: props.due.period })
          : pt('workspace.fillTitle', { indicator: local(props.due.name), period: props.due.period })}
      </h2>
      <Show when={isLocked()}>
        <div class="alert alert--error" role="alert" data-testid="form-locked">
          {pt('workspace.locked', { period: props.due.period })}
        </div>
      </Show>
      <Show when={form()} fallback={<p class="muted">{pt('common.loading')}</p>}>
        {(f) => (
          <JsonForms
            schema={f().schema as JsonSchema}
            uischema={
              (f().uiSchema ? localizeUiSchema(f().uiSchema, locale()) : undefined) as
                | UISchemaElement
                | undefined
            }
            data={structuredClone(props.due.entry?.values ?? {})}
            i18n={i18n()}
            controller={(h) => {
              handle = h;
            }}
            onChange={(change) => {
              if (invalidCount() > 0) setInvalidCount(new Set(change.errors.map((e) => e.instancePath)).size);
            }}
          />
        )}
      </Show>
      <Show when={!isLocked()}>
        <fieldset class="perf-attach" data-testid="attachments">
          <legend>{pt('attach.title')}</legend>
          <p class="muted small">{pt('attach.hint')}</p>
          <label class="perf-inline">
            <span>{pt('attach.pick')}</span>
            <input
              type="file"
              multiple
              data-testid="attach-input"
              disabled={isUploading()}
              onChange={(e) => {
                const input = e.currentTarget;
                void upload(input.files).then(() => {
                  input.value = '';
                });
              }}
            />
          </label>
          <Show when={isUploading()}>
            <span class="muted small" role="status">
              {pt('attach.uploading')}
            </span>
          </Show>
          <Show when={files().length > 0}>
            <table class="table" data-testid="attach-list">
              <tbody>
                <For each={files()}>
                  {(a) => (
                    <tr data-testid="attach-row" data-sha={a.sha256}>
                      <td>
                        <a href={performanceApi.attachmentUrl(a.sha256)}>{a.name}</a>
                        <Show when={a.isDuplicate}>
                          {' '}
                          <span class="badge">{pt('attach.duplicate')}</span>
                        </Show>
                      </td>
                      <td class="mono small">{size(a.size)}</td>
                      <td class="mono small" data-testid="attach-sha">
                        sha256 {a.sha256}
                      </td>
                      <td>
                        <button
                          type="button"
                          class="btn btn--small"
                          onClick={() => setFiles(files().filter((x) => x.sha256 !== a.sha256))}
                        >
                          {pt('attach.remove')}
                        </button>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        </fieldset>
      </Show>
      <Show when={isLocked()}>
        <label class="field">
          <span>{pt('workspace.reason')}</span>
          <textarea
            rows={3}
            value={reason()}
            data-testid="amend-reason"
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </label>
      </Show>
      <Show when={invalidCount() > 0}>
        <div class="alert alert--error" role="alert" data-testid="fill-invalid">
          {pt('workspace.invalid', { count: invalidCount() })}
        </div>
      </Show>
      <For each={errors()}>
        {(text) => (
          <div class="alert alert--error" role="alert" data-testid="fill-error">
            {text}
          </div>
        )}
      </For>
      <NoticeAlert message={success()} testId="fill-success" />
      <div class="form-actions">
        <button
          type="submit"
          class="btn btn--primary"
          disabled={isBusy() || (isLocked() && !props.due.entry)}
          data-testid="fill-submit"
        >
          {isBusy()
            ? pt('workspace.submitting')
            : isLocked()
              ? pt('workspace.requestAmend')
              : pt('workspace.submit')}
        </button>
        <button type="button" class="btn" onClick={() => props.onClose()}>
          {pt('common.cancel')}
        </button>
      </div>
    </form>
  );
};
