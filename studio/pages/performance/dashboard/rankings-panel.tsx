/** @module Rankings of a peer group for the shown month: bars of the totals (with the black-list threshold) and the ranked table with ties. */
import type { Component } from 'solid-js';
import { Show } from 'solid-js';
import { EChart } from '../../../components/charts/echart.tsx';
import { DataTable } from '../../../components/data-table.tsx';
import type { RankingRow } from '../../../api/performance.ts';
import { href } from '../../../router.ts';
import { local, pt } from '../messages.ts';
import { RecomputingMark } from '../recomputing-mark.tsx';
import { rankingBarsOption } from './charts.ts';
import { dt } from './messages.ts';
import { DashPanel, Loaded, NonEmpty } from './panel.tsx';

export const RankingsPanel: Component<{
  rows: RankingRow[] | undefined;
  error: unknown;
  recomputing: boolean | undefined;
  groupLabel: string;
  period: string;
  basePath: string;
  gradeName: (id: string) => string;
}> = (props) => (
  <DashPanel testId="rankings" title={[pt('dash.rankings'), props.groupLabel, props.period]}>
    <RecomputingMark when={props.recomputing} />
    <Loaded data={props.rows} error={props.error} rows={5} testId="rankings-loading">
      {(rows) => (
        <NonEmpty when={rows().length > 0} empty={pt('dash.noData')}>
          <div class="perf-grid2">
            <EChart
              testId="ranking-chart"
              label={dt('rank.chartLabel', {
                group: props.groupLabel,
                month: props.period,
                count: rows().length,
              })}
              height={`${Math.max(160, rows().length * 22 + 40)}px`}
              data={{ bars: rows().length }}
              option={rankingBarsOption({
                names: rows().map((r) => local(r.name)),
                totals: rows().map((r) => r.total),
              })}
              table={{
                caption: dt('rank.chart', { group: props.groupLabel, month: props.period }),
                columns: [pt('common.unit'), pt('dash.rank'), pt('dash.total')],
                rows: rows().map((r) => [local(r.name), r.rank, r.total.toFixed(2)]),
              }}
            />
            <RankingTable
              rows={rows()}
              basePath={props.basePath}
              period={props.period}
              gradeName={props.gradeName}
            />
          </div>
        </NonEmpty>
      )}
    </Loaded>
  </DashPanel>
);

const RankingTable: Component<{
  rows: RankingRow[];
  basePath: string;
  period: string;
  gradeName: (id: string) => string;
}> = (props) => {
  const tied = (row: RankingRow) => props.rows.filter((r) => r.rank === row.rank).length > 1;
  return (
    <DataTable
      wrap="table-wrap perf-matrix-wrap"
      rows={props.rows}
      rowProps={(row) => ({ 'data-testid': 'ranking-row', 'data-rank': row.rank })}
      columns={[
        {
          key: 'rank',
          label: pt('dash.rank'),
          class: 'mono',
          cell: (row) => (
            <>
              {row.rank}
              <Show when={tied(row)}>
                {' '}
                <span class="badge">{pt('dash.tie')}</span>
              </Show>
            </>
          ),
        },
        {
          key: 'unit',
          label: pt('common.unit'),
          cell: (row) => (
            <>
              <a href={href(`${props.basePath}/units/${encodeURIComponent(row.unitId)}/${props.period}`)}>
                {local(row.name)}
              </a>
              <Show when={row.vetoed}>
                {' '}
                <span class="badge">{pt('trace.veto')}</span>
              </Show>
            </>
          ),
        },
        { key: 'total', label: pt('dash.total'), class: 'mono', cell: (row) => row.total.toFixed(2) },
        {
          key: 'grade',
          label: pt('dash.grade'),
          cell: (row) => (row.gradeId ? props.gradeName(row.gradeId) : '—'),
        },
      ]}
    />
  );
};
