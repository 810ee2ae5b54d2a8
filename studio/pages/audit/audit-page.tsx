/** @module Audit log: filtered, paged table of the hash-chained records and a chain check. */
import type { Component } from 'solid-js';
import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import { DataTable } from '../../components/data-table.tsx';
import { FormActions } from '../../components/form-actions.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { messageAlert } from '../../components/error-alert.tsx';
import { Loaded } from '../../components/load-error.tsx';
import { locale, t, tryT } from '../../i18n/index.ts';
import type { AuditQuery, ChainVerification } from '../../api/rule-sets.ts';
import { auditApi } from '../../api/rule-sets.ts';
import { formatTime, shortHash } from '../rule-sets/shared.tsx';
import '../rule-sets/rule-sets.css';
import { dayBoundary, knownActions } from './audit-filters.ts';
import { casesApi } from '../../api/cases.ts';
import { errorText } from '../../lib/error-text.ts';
import { districtTimeZone } from '../../lib/server-clock.ts';
import { PageTitle } from '../../components/page-title.tsx';

const pageSize = 20;

/** The verification's failure, under the page head. */
const PageErrorAlert = messageAlert('alert alert--error page-alert', 'alert');

/** The auditor's (and admins') view of the audit log. */
export const AuditPage: Component = () => {
  const [actor, setActor] = createSignal('');
  const [action, setAction] = createSignal('');
  const [fromDay, setFromDay] = createSignal('');
  const [toDay, setToDay] = createSignal('');
  const [query, setQuery] = createSignal<AuditQuery>({ offset: 0, limit: pageSize, order: 'desc' });
  const [records] = createResource(
    () => ({ ...query(), lang: locale() }),
    ({ lang: _lang, ...q }) => auditApi.list(q),
  );
  // Actions on cases (`case.<action>`) are the workflow document's: their labels come from it.
  const [workflow] = createResource(() => casesApi.workflow().catch(() => null));
  const actionLabel = (name: string): string => {
    const known = tryT(`audit.action.${name}`);
    if (known) return known;
    const action = name.startsWith('case.')
      ? workflow()?.actions.find((candidate) => candidate.name === name.slice('case.'.length))
      : undefined;
    return action ? (locale() === 'en' ? action.label.en : action.label.zh) : name;
  };
  const [verification, setVerification] = createSignal<ChainVerification | null>(null);
  const [verifyError, setVerifyError] = createSignal<string | null>(null);
  const [isVerifying, setVerifying] = createSignal(false);

  const apply = (event: Event): void => {
    event.preventDefault();
    setQuery({
      actor: actor().trim() || undefined,
      action: action().trim() || undefined,
      from: dayBoundary(fromDay(), 'start', districtTimeZone()),
      to: dayBoundary(toDay(), 'end', districtTimeZone()),
      offset: 0,
      limit: pageSize,
      order: 'desc',
    });
  };
  const clear = (): void => {
    setActor('');
    setAction('');
    setFromDay('');
    setToDay('');
    setQuery({ offset: 0, limit: pageSize, order: 'desc' });
  };
  const go = (offset: number): void => {
    setQuery({ ...query(), offset: Math.max(0, offset) });
  };

  const verify = async (): Promise<void> => {
    setVerifying(true);
    setVerifyError(null);
    setVerification(null);
    try {
      setVerification(await auditApi.verify());
    } catch (error) {
      setVerifyError(errorText(error));
    } finally {
      setVerifying(false);
    }
  };

  const total = () => records.latest?.total ?? 0;
  const pageNumber = () => Math.floor(query().offset / pageSize) + 1;
  const pageCount = () => Math.max(1, Math.ceil(total() / pageSize));
  const brokenSeq = () => {
    const v = verification();
    return v && !v.ok ? v.firstBrokenSeq : null;
  };

  return (
    <section class="page page--wide" aria-labelledby="page-title">
      <div class="editor-head">
        <PageTitle>{t('audit.title')}</PageTitle>
        <span class="spacer" />
        <button type="button" class="btn btn--primary" disabled={isVerifying()} onClick={verify}>
          {isVerifying() ? t('audit.verifying') : t('audit.verify')}
        </button>
      </div>
      <p class="muted">{t('audit.intro')}</p>
      <Show when={verification()}>
        {(v) => (
          <Switch>
            <Match when={v().ok}>
              <div
                class="alert alert--success page-alert"
                role="status"
                data-testid="verify-result"
                data-ok="true"
              >
                {t('audit.verifyOk', { count: v().count })}
              </div>
            </Match>
            <Match when={!v().ok}>
              <div
                class="alert alert--error page-alert"
                role="alert"
                data-testid="verify-result"
                data-ok="false"
              >
                {t('audit.verifyBroken', {
                  seq: brokenSeq() ?? '?',
                  reason:
                    tryT(`audit.reason.${(v() as { reason: string }).reason}`) ??
                    (v() as { reason: string }).reason,
                })}
              </div>
            </Match>
          </Switch>
        )}
      </Show>
      <PageErrorAlert message={verifyError() ?? ''} />
      <form class="filters panel" onSubmit={apply} aria-label={t('audit.filters')}>
        <TextField id="audit-actor" label={t('audit.col.actor')} value={actor()} onValue={setActor} />
        <SelectField
          id="audit-action"
          label={t('audit.col.action')}
          value={action()}
          onValue={setAction}
          placeholder={t('audit.anyAction')}
          options={knownActions.map((name) => ({ value: name, label: actionLabel(name) }))}
        />
        <TextField
          id="audit-from"
          type="date"
          label={t('audit.from')}
          value={fromDay()}
          onValue={setFromDay}
        />
        <TextField id="audit-to" type="date" label={t('audit.to')} value={toDay()} onValue={setToDay} />
        <FormActions rowClass="filters__actions" secondary={{ label: t('audit.clear'), onClick: clear }}>
          {t('audit.apply')}
        </FormActions>
      </form>
      <Loaded resource={records}>
        {(data) => (
          <>
            <p class="muted" data-testid="audit-total">
              {t('audit.total', { total: data().total, page: pageNumber(), pages: pageCount() })}
            </p>
            <DataTable
              class="table audit-table"
              testId="audit-table"
              rows={data().items}
              rowProps={(record) => ({
                'data-seq': record.seq,
                'data-action': record.action,
                class: brokenSeq() === record.seq ? 'row--broken' : undefined,
              })}
              columns={[
                { key: 'seq', label: t('audit.col.seq'), class: 'mono' },
                {
                  key: 'at',
                  label: t('audit.col.at'),
                  class: 'nowrap',
                  cell: (record) => formatTime(record.at),
                },
                { key: 'actor', label: t('audit.col.actor') },
                {
                  key: 'action',
                  label: t('audit.col.action'),
                  title: (record) => record.action,
                  cell: (record) => actionLabel(record.action),
                },
                { key: 'target', label: t('audit.col.target'), class: 'mono small' },
                {
                  key: 'content',
                  label: t('audit.col.content'),
                  class: 'mono small',
                  title: (record) => `${record.beforeHash ?? '—'} → ${record.afterHash ?? '—'}`,
                  cell: (record) => `${shortHash(record.beforeHash)} → ${shortHash(record.afterHash)}`,
                },
                {
                  key: 'hash',
                  label: t('audit.col.hash'),
                  class: 'mono small',
                  title: (record) => `prev ${record.prevHash}\nhash ${record.hash}`,
                  cell: (record) => (
                    <>
                      {shortHash(record.hash)}
                      <div class="muted">← {shortHash(record.prevHash)}</div>
                    </>
                  ),
                },
              ]}
            />
            <Show when={data().items.length === 0}>
              <p>{t('audit.empty')}</p>
            </Show>
            <nav class="pager" aria-label={t('audit.paging')}>
              <button
                type="button"
                class="btn btn--small"
                disabled={query().offset === 0 || records.loading}
                onClick={() => go(query().offset - pageSize)}
              >
                {t('audit.previous')}
              </button>
              <span class="muted small">
                {pageNumber()} / {pageCount()}
              </span>
              <button
                type="button"
                class="btn btn--small"
                disabled={query().offset + pageSize >= data().total || records.loading}
                onClick={() => go(query().offset + pageSize)}
              >
                {t('audit.next')}
              </button>
            </nav>
          </>
        )}
      </Loaded>
    </section>
  );
};
