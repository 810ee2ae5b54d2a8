/** @module The month's entries (the ones in force and the ones they replaced), each as labelled values with its evidence. */
import type { Component } from 'solid-js';
import { createResource, For, Show } from 'solid-js';
import { Skeleton } from '../../../components/feedback.tsx';
import { ScrollRegion } from '../../../components/scroll-region.tsx';
import { formatDistrictTime } from '../../../lib/server-clock.ts';
import { performanceApi } from '../../../api/performance.ts';
import { FieldValues } from './field-values.tsx';
import { EntryFiles } from './indicator-card.tsx';
import { wt } from './messages.ts';

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
    <section class="panel" data-testid="entry-history" aria-labelledby="ws-history-title">
      <h2 class="panel__title" id="ws-history-title">
        {wt('ws.history', { period: props.period })}
      </h2>
      <Show when={entries.latest} fallback={<Skeleton rows={3} label={wt('ws.historyLoading')} />}>
        <Show
          when={(entries.latest?.items.length ?? 0) > 0}
          fallback={<p class="muted">{wt('ws.noHistory')}</p>}
        >
          <ScrollRegion class="table-wrap perf-matrix-wrap">
            <table class="table ws-history">
              <thead>
                <tr>
                  <th>{wt('ws.indicatorCol')}</th>
                  <th>{wt('ws.values')}</th>
                  <th>{wt('ws.submittedAt')}</th>
                  <th>{wt('ws.by')}</th>
                  <th>{wt('ws.state')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={(entries.latest?.items ?? []).slice(0, 200)}>
                  {(e) => (
                    <tr
                      data-testid="history-row"
                      data-status={e.status}
                      data-kind={e.kind}
                      data-period={e.period}
                      data-indicator={e.indicatorId}
                    >
                      <td>{props.name(e.indicatorId)}</td>
                      <td>
                        <FieldValues schema={props.schemaOf(e.indicatorId)} values={e.values} />
                        <EntryFiles shas={e.attachments} testId="history-attachment" />
                      </td>
                      <td class="small">{formatDistrictTime(e.submittedAt)}</td>
                      <td>{e.submittedBy}</td>
                      <td class="small">
                        <Show when={e.kind === 'amendment'}>
                          <span class="badge">{wt('ws.amended')}</span>{' '}
                        </Show>
                        <Show when={e.isLate}>
                          <span class="badge">{wt('ws.indicator.late')}</span>{' '}
                        </Show>
                        {e.status === 'superseded' ? wt('ws.superseded') : wt('ws.active')}
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </ScrollRegion>
        </Show>
      </Show>
    </section>
  );
};
