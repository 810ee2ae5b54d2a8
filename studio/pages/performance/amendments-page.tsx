/** @module Amendment review (更正审批): the office approves or rejects unit requests to change locked entries. */
import type { Component } from 'solid-js';
import { createResource, createSignal, Show } from 'solid-js';
import { errorText } from '../../lib/error-text.ts';
import { api } from '../../api/http.ts';
import { DataTable } from '../../components/data-table.tsx';
import type { Amendment, LedgerEntry } from '../../api/performance.ts';
import { performanceApi } from '../../api/performance.ts';
import { valueDiff } from './dashboard-model.ts';
import { pt } from './messages.ts';
import { LabelledSelect, PerfPage } from './page-parts.tsx';
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
      setError(errorText(e));
    }
  };

  return (
    <PerfPage title={pt('amendments.title')}>
      <div class="perf-toolbar">
        <LabelledSelect wrap="perf-inline" label={pt('common.status')} value={status()} onValue={setStatus}>
          <option value="pending">{pt('workspace.amend.pending')}</option>
          <option value="approved">{pt('workspace.amend.approved')}</option>
          <option value="rejected">{pt('workspace.amend.rejected')}</option>
          <option value="">{pt('common.all')}</option>
        </LabelledSelect>
      </div>
      <ErrorAlert message={error()} />
      <div class="panel">
        <Show when={(list()?.items.length ?? 0) > 0} fallback={<p class="muted">{pt('amendments.none')}</p>}>
          <DataTable
            wrap={false}
            testId="amendment-list"
            rows={list()?.items ?? []}
            rowProps={(a) => ({ 'data-testid': `review-${a.id}` })}
            columns={[
              { key: 'unit', label: pt('common.unit'), cell: (a) => unitName(a.unitId) },
              { key: 'indicatorId', label: pt('common.indicator'), class: 'mono small' },
              { key: 'period', label: pt('common.month'), class: 'mono' },
              {
                key: 'value',
                label: pt('workspace.value'),
                cell: (a) => (
                  <DataTable
                    wrap={false}
                    class="table perf-diff"
                    testId="amend-diff"
                    ariaLabel={pt('amendments.diff')}
                    rows={valueDiff(originals()?.get(a.entryId)?.values, a.values)}
                    rowProps={(row) => ({
                      'data-testid': 'diff-row',
                      'data-field': row.field,
                      'data-changed': row.isChanged,
                    })}
                    columns={[
                      { key: 'field', label: pt('amendments.field'), rowHeader: true, class: 'mono small' },
                      {
                        key: 'old',
                        label: pt('amendments.old'),
                        class: 'mono small',
                        testId: 'diff-old',
                        cell: (row) => (originals.loading ? '…' : showValue(row.before)),
                      },
                      {
                        key: 'new',
                        label: pt('amendments.new'),
                        class: 'mono small',
                        testId: 'diff-new',
                        cell: (row) =>
                          `${showValue(row.after)}${row.isChanged ? '' : ` (${pt('amendments.unchanged')})`}`,
                      },
                    ]}
                  />
                ),
              },
              { key: 'reason', label: pt('workspace.reason') },
              { key: 'requestedBy', label: pt('amendments.requestedBy') },
              { key: 'status', label: pt('common.status'), cell: (a) => <StatusChip status={a.status} /> },
              {
                key: 'decide',
                label: '',
                cell: (a) => (
                  <Show when={a.status === 'pending'} fallback={<span class="small muted">{a.note}</span>}>
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
                ),
              },
            ]}
          />
        </Show>
      </div>
    </PerfPage>
  );
};
