/** @module The month's entries (the ones in force and the ones they replaced), each as labelled values with its evidence. */
import type { Component } from 'solid-js';
import { createResource, Show } from 'solid-js';
import { Skeleton } from '../../../components/feedback.tsx';
import { DataTable } from '../../../components/data-table.tsx';
import { ScrollRegion } from '../../../components/scroll-region.tsx';
import { formatDistrictTime } from '../../../lib/server-clock.ts';
import { performanceApi } from '../../../api/performance.ts';
import { FieldValues } from './field-values.tsx';
import { EntryFiles } from './indicator-card.tsx';
import { wt } from './messages.ts';
import { TitledPanel } from '../../../components/titled-panel.tsx';

/** Entries of `unitId` for `period`, newest first; `schemaOf` gives an indicator's form schema for the labels. */
export const HistoryPanel: Component<{
  unitId: string;
  period: string;
  name: (indicatorId: string) => string;
  schemaOf: (indicatorId: string) => Record<string, unknown> | undefined;
  version: number;
}> = (props) => {
  const [entries] = createResource(
    () => ({ unitId: props.unitId, period: props.period, version: props.version }),
    (p) => performanceApi.entries({ unitId: p.unitId, period: p.period, includeSuperseded: true }),
  );
  return (
    <TitledPanel
      titleId="ws-history-title"
      title={wt('ws.history', { period: props.period })}
      testId="entry-history"
    >
      <Show when={entries.latest} fallback={<Skeleton rows={3} label={wt('ws.historyLoading')} />}>
        <Show
          when={(entries.latest?.items.length ?? 0) > 0}
          fallback={<p class="muted">{wt('ws.noHistory')}</p>}
        >
          <ScrollRegion class="table-wrap perf-matrix-wrap">
            <DataTable
              wrap={false}
              class="table ws-history"
              rows={(entries.latest?.items ?? []).slice(0, 200)}
              rowProps={(e) => ({
                'data-testid': 'history-row',
                'data-status': e.status,
                'data-kind': e.kind,
                'data-period': e.period,
                'data-indicator': e.indicatorId,
              })}
              columns={[
                { key: 'indicator', label: wt('ws.indicatorCol'), cell: (e) => props.name(e.indicatorId) },
                {
                  key: 'values',
                  label: wt('ws.values'),
                  cell: (e) => (
                    <>
                      <FieldValues schema={props.schemaOf(e.indicatorId)} values={e.values} />
                      <EntryFiles shas={e.attachments} testId="history-attachment" />
                    </>
                  ),
                },
                {
                  key: 'submittedAt',
                  label: wt('ws.submittedAt'),
                  class: 'small',
                  cell: (e) => formatDistrictTime(e.submittedAt),
                },
                { key: 'submittedBy', label: wt('ws.by') },
                {
                  key: 'state',
                  label: wt('ws.state'),
                  class: 'small',
                  cell: (e) => (
                    <>
                      <Show when={e.kind === 'amendment'}>
                        <span class="badge">{wt('ws.amended')}</span>{' '}
                      </Show>
                      <Show when={e.isLate}>
                        <span class="badge">{wt('ws.indicator.late')}</span>{' '}
                      </Show>
                      {e.status === 'superseded' ? wt('ws.superseded') : wt('ws.active')}
                    </>
                  ),
                },
              ]}
            />
          </ScrollRegion>
        </Show>
      </Show>
    </TitledPanel>
  );
};
