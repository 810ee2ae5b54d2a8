/** @module Red list (bottom of each peer group) and black list (below the threshold or vetoed) of the shown month. */
import type { Component } from 'solid-js';
import { createResource, Show } from 'solid-js';
import { Skeleton } from '../../../components/feedback.tsx';
import { DataTable } from '../../../components/data-table.tsx';
import type { RankingRow } from '../../../api/performance.ts';
import { performanceApi } from '../../../api/performance.ts';
import { href } from '../../../router.ts';
import { local, pt } from '../messages.ts';
import { Pending } from '../page-parts.tsx';
import { groupName } from './dot.tsx';

/** Red list (bottom of each peer group) and black list (below the threshold or vetoed) of the month. */
export const ListsPanel: Component<{ period: string; basePath: string }> = (props) => {
  const [lists] = createResource(
    () => props.period,
    (period) => performanceApi.lists({ period }),
  );
  const unitLink = (row: RankingRow) => (
    <a href={href(`${props.basePath}/units/${encodeURIComponent(row.unitId)}/${props.period}`)}>
      {local(row.name)}
    </a>
  );
  return (
    <div class="panel" data-testid="lists">
      <h2 class="panel__title">
        {pt('dash.lists')} · {props.period}
      </h2>
      <Show
        when={lists.latest}
        fallback={
          <Pending
            error={lists.error}
            loading={<Skeleton rows={3} label={pt('common.loading')} testId="lists-loading" />}
          />
        }
      >
        {(l) => (
          <div class="perf-grid2">
            <div class="perf-list--red" data-testid="red-list">
              <h3 class="perf-subhead">{pt('dash.redList')}</h3>
              <Show when={l().red.length > 0} fallback={<p class="muted">{pt('dash.listEmpty')}</p>}>
                <DataTable
                  wrap={false}
                  rows={l().red}
                  rowProps={(row) => ({ 'data-testid': 'red-row', 'data-unit': row.unitId })}
                  columns={[
                    { key: 'group', label: pt('dash.peerGroup'), cell: (row) => groupName(row.group) },
                    { key: 'rank', label: pt('dash.rank'), class: 'mono' },
                    { key: 'unit', label: pt('common.unit'), cell: (row) => unitLink(row) },
                    {
                      key: 'total',
                      label: pt('dash.total'),
                      class: 'mono',
                      cell: (row) => row.total.toFixed(2),
                    },
                  ]}
                />
              </Show>
            </div>
            <div class="perf-list--black" data-testid="black-list">
              <h3 class="perf-subhead">{pt('dash.blackList')}</h3>
              <Show when={l().black.length > 0} fallback={<p class="muted">{pt('dash.listEmpty')}</p>}>
                <DataTable
                  wrap={false}
                  rows={l().black}
                  rowProps={(row) => ({ 'data-testid': 'black-row', 'data-unit': row.unitId })}
                  columns={[
                    { key: 'unit', label: pt('common.unit'), cell: (row) => unitLink(row) },
                    {
                      key: 'total',
                      label: pt('dash.total'),
                      class: 'mono',
                      cell: (row) => row.total.toFixed(2),
                    },
                    {
                      key: 'veto',
                      label: pt('trace.veto'),
                      cell: (row) => (row.vetoed ? <span class="badge">{pt('trace.veto')}</span> : '—'),
                    },
                  ]}
                />
              </Show>
            </div>
          </div>
        )}
      </Show>
    </div>
  );
};
