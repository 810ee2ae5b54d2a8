/** @module Red list (bottom of each peer group) and black list (below the threshold or vetoed) of the shown month. */
import type { Component, JSX } from 'solid-js';
import { createResource } from 'solid-js';
import { type DataColumn, DataTable } from '../../../components/data-table.tsx';
import type { RankingRow } from '../../../api/performance.ts';
import { performanceApi } from '../../../api/performance.ts';
import { href } from '../../../router.ts';
import { local, pt } from '../messages.ts';
import { groupName } from './dot.tsx';
import { DashPanel, Loaded, NonEmpty } from './panel.tsx';

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
  const total = <R extends RankingRow>(): DataColumn<R> => ({
    key: 'total',
    label: pt('dash.total'),
    class: 'mono',
    cell: (row) => row.total.toFixed(2),
  });
  return (
    <DashPanel testId="lists" title={[pt('dash.lists'), props.period]}>
      <Loaded data={lists.latest} error={lists.error} rows={3} testId="lists-loading">
        {(l) => (
          <div class="perf-grid2">
            <UnitList
              kind="red"
              title={pt('dash.redList')}
              rows={l().red}
              columns={[
                { key: 'group', label: pt('dash.peerGroup'), cell: (row) => groupName(row.group) },
                { key: 'rank', label: pt('dash.rank'), class: 'mono' },
                { key: 'unit', label: pt('common.unit'), cell: (row) => unitLink(row) },
                total(),
              ]}
            />
            <UnitList
              kind="black"
              title={pt('dash.blackList')}
              rows={l().black}
              columns={[
                { key: 'unit', label: pt('common.unit'), cell: (row) => unitLink(row) },
                total(),
                {
                  key: 'veto',
                  label: pt('trace.veto'),
                  cell: (row) => (row.vetoed ? <span class="badge">{pt('trace.veto')}</span> : '—'),
                },
              ]}
            />
          </div>
        )}
      </Loaded>
    </DashPanel>
  );
};

/** One of the two lists: `<div class="perf-list--{kind}" data-testid="{kind}-list">`, rows `{kind}-row`. */
function UnitList<R extends RankingRow>(props: {
  kind: 'red' | 'black';
  title: string;
  rows: R[];
  columns: DataColumn<R>[];
}): JSX.Element {
  return (
    <div class={`perf-list--${props.kind}`} data-testid={`${props.kind}-list`}>
      <h3 class="perf-subhead">{props.title}</h3>
      <NonEmpty when={props.rows.length > 0} empty={pt('dash.listEmpty')}>
        <DataTable
          wrap={false}
          rows={props.rows}
          rowProps={(row) => ({ 'data-testid': `${props.kind}-row`, 'data-unit': row.unitId })}
          columns={props.columns}
        />
      </NonEmpty>
    </div>
  );
}
