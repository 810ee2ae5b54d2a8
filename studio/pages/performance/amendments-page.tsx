/** @module Amendment review (更正审批): the office approves or rejects unit requests to change locked entries. */
import type { Component } from 'solid-js';
import { createResource, createSignal, For, Show } from 'solid-js';
import { ApiError, api } from '../../api/http.ts';
import type { Amendment, LedgerEntry } from '../../api/performance.ts';
import { performanceApi } from '../../api/performance.ts';
import { valueDiff } from './dashboard-model.ts';
import { pt } from './messages.ts';
import { showValue } from './score-trace.tsx';
import { StatusChip } from './workspace/status-chip.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import './performance.css';

/** The amendment review page (admin). */
export const AmendmentsPage: Component = () => {
  const [status, setStatus] = createSignal('pending');
  const [list, { refetch }] = createResource(status, (s) =>
    performanceApi.amendments(s ? { status: s } : {}),
  );
  const [units] = createResource(async () => (await api.units()).items);
  const unitName = (id: string): string => units()?.find((u) => u.id === id)?.name ?? id;
  // The entry each amendment would replace, for the old-vs-new diff.
  const [originals] = createResource(list, async (reply) => {
    const ids = [...new Set(reply.items.map((a) => a.entryId))];
    const found = await Promise.all(ids.map((id) => performanceApi.entry(id).catch(() => null)));
    return new Map(found.filter((e): e is LedgerEntry => e !== null).map((e) => [e.id, e]));
  });
  const [notes, setNotes] = createSignal<Record<string, string>>({});
  const [error, setError] = createSignal('');

  const decide = async (a: Amendment, decision: 'approve' | 'reject'): Promise<void> => {
    setError('');
    try {
      await performanceApi.decideAmendment(a.id, { decision, note: notes()[a.id] || undefined });
      await refetch();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <section class="page perf" aria-labelledby="page-title">
      <h1 id="page-title" class="page__title">
        {pt('amendments.title')}
      </h1>
      <div class="perf-toolbar">
        <label class="perf-inline">
          <span>{pt('common.status')}</span>
          <select value={status()} onChange={(e) => setStatus(e.currentTarget.value)}>
            <option value="pending">{pt('workspace.amend.pending')}</option>
            <option value="approved">{pt('workspace.amend.approved')}</option>
            <option value="rejected">{pt('workspace.amend.rejected')}</option>
            <option value="">{pt('common.all')}</option>
          </select>
        </label>
      </div>
      <ErrorAlert message={error()} />
      <div class="panel">
        <Show when={(list()?.items.length ?? 0) > 0} fallback={<p class="muted">{pt('amendments.none')}</p>}>
          <table class="table" data-testid="amendment-list">
            <thead>
              <tr>
                <th>{pt('common.unit')}</th>
                <th>{pt('common.indicator')}</th>
                <th>{pt('common.month')}</th>
                <th>{pt('workspace.value')}</th>
                <th>{pt('workspace.reason')}</th>
                <th>{pt('amendments.requestedBy')}</th>
                <th>{pt('common.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              <For each={list()?.items ?? []}>
                {(a) => (
                  <tr data-testid={`review-${a.id}`}>
                    <td>{unitName(a.unitId)}</td>
                    <td class="mono small">{a.indicatorId}</td>
                    <td class="mono">{a.period}</td>
                    <td>
                      <table
                        class="table perf-diff"
                        data-testid="amend-diff"
                        aria-label={pt('amendments.diff')}
                      >
                        <thead>
                          <tr>
                            <th>{pt('amendments.field')}</th>
                            <th>{pt('amendments.old')}</th>
                            <th>{pt('amendments.new')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          <For each={valueDiff(originals()?.get(a.entryId)?.values, a.values)}>
                            {(row) => (
                              <tr data-testid="diff-row" data-field={row.field} data-changed={row.isChanged}>
                                <th scope="row" class="mono small">
                                  {row.field}
                                </th>
                                <td class="mono small" data-testid="diff-old">
                                  {originals.loading ? '…' : showValue(row.before)}
                                </td>
                                <td class="mono small" data-testid="diff-new">
                                  {showValue(row.after)}
                                  {row.isChanged ? '' : ` (${pt('amendments.unchanged')})`}
                                </td>
                              </tr>
                            )}
                          </For>
                        </tbody>
                      </table>
                    </td>
                    <td>{a.reason}</td>
                    <td>{a.requestedBy}</td>
                    <td>
                      <StatusChip status={a.status} />
                    </td>
                    <td>
                      <Show
                        when={a.status === 'pending'}
                        fallback={<span class="small muted">{a.note}</span>}
                      >
                        <input
                          aria-label={pt('amendments.comment')}
                          placeholder={pt('amendments.comment')}
                          value={notes()[a.id] ?? ''}
                          onInput={(e) => setNotes({ ...notes(), [a.id]: e.currentTarget.value })}
                        />{' '}
                        <button
                          type="button"
                          class="btn btn--small btn--primary"
                          data-testid="amend-approve"
                          onClick={() => decide(a, 'approve')}
                        >
                          {pt('amendments.approve')}
                        </button>{' '}
                        <button type="button" class="btn btn--small" onClick={() => decide(a, 'reject')}>
                          {pt('amendments.reject')}
                        </button>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </div>
    </section>
  );
};
