/** @module Month-on-month, year-on-year or improvement since a base month, per unit of the peer group shown. */
import type { Component } from 'solid-js';
import { createMemo, createResource, createSignal, Show } from 'solid-js';
import { DataTable } from '../../../components/data-table.tsx';
import type { Comparison, ComparisonKind } from '../../../api/performance.ts';
import { performanceApi } from '../../../api/performance.ts';
import { href } from '../../../router.ts';
import { byChange } from '../dashboard-model.ts';
import type { PerfKey } from '../messages.ts';
import { pt } from '../messages.ts';
import { LabelledInput, PressedTabs } from '../page-parts.tsx';
import { Loaded, NonEmpty } from './panel.tsx';

const KINDS: readonly ComparisonKind[] = ['monthOnMonth', 'yearOnYear', 'improvement'];

const signed = (value: number | null, digits: number): string =>
  value === null ? '—' : `${value > 0 ? '+' : ''}${value.toFixed(digits)}`;
const trendClass = (value: number | null): string =>
  value === null || value === 0 ? '' : value > 0 ? 'perf-up' : 'perf-down';

/** Month-on-month, year-on-year or improvement since a base month, per unit of the peer group shown. */
export const ComparisonsPanel: Component<{
  period: string;
  members?: string[];
  unitName: (id: string) => string;
  basePath: string;
}> = (props) => {
  const [kind, setKind] = createSignal<ComparisonKind>('monthOnMonth');
  const [basePeriod, setBasePeriod] = createSignal('');
  const [reply] = createResource(
    () => ({
      period: props.period,
      kind: kind(),
      basePeriod: kind() === 'improvement' && basePeriod() ? basePeriod() : undefined,
    }),
    (p) => performanceApi.comparisons(p),
  );
  const rows = createMemo((): Comparison[] => {
    const members = props.members ? new Set(props.members) : null;
    const items = reply.latest?.items ?? [];
    return byChange(members && members.size > 0 ? items.filter((c) => members.has(c.unitId)) : items);
  });
  return (
    <div class="panel" data-testid="comparisons">
      <div class="perf-toolbar">
        <h2 class="panel__title">
          {pt('dash.comparisons')} · {props.period}
        </h2>
        <PressedTabs
          options={KINDS.map((k) => ({
            value: k,
            label: pt(`dash.cmp.${k}` as PerfKey),
            testId: `cmp-${k}`,
          }))}
          current={kind()}
          onPick={(k) => setKind(k)}
        />
        <Show when={kind() === 'improvement'}>
          <LabelledInput
            wrap="perf-inline"
            label={pt('dash.cmp.basePeriod')}
            type="month"
            data-testid="cmp-base"
            value={basePeriod() || rows()[0]?.basePeriod || ''}
            max={props.period}
            onValue={(m) => setBasePeriod(m)}
          />
        </Show>
        <span class="muted small">{pt('dash.cmp.sortHint')}</span>
      </div>
      <Loaded data={reply.latest} error={reply.error} rows={4} testId="comparisons-loading">
        <NonEmpty when={rows().length > 0} empty={pt('dash.noData')}>
          <DataTable
            wrap="table-wrap perf-matrix-wrap"
            testId="comparison-table"
            tableProps={{ 'data-kind': reply.latest?.kind }}
            rows={rows()}
            rowProps={(c) => ({
              'data-testid': 'comparison-row',
              'data-unit': c.unitId,
              'data-change': c.change ?? '',
            })}
            columns={[
              {
                key: 'unit',
                label: pt('common.unit'),
                cell: (c) => (
                  <a href={href(`${props.basePath}/units/${encodeURIComponent(c.unitId)}/${props.period}`)}>
                    {props.unitName(c.unitId)}
                  </a>
                ),
              },
              { key: 'basePeriod', label: pt('dash.cmp.basePeriod'), class: 'mono' },
              {
                key: 'baseTotal',
                label: pt('dash.cmp.baseTotal'),
                class: 'mono',
                cell: (c) => c.baseTotal?.toFixed(2) ?? '—',
              },
              {
                key: 'total',
                label: pt('dash.total'),
                class: 'mono',
                cell: (c) => c.total?.toFixed(2) ?? '—',
              },
              {
                key: 'change',
                label: pt('dash.cmp.change'),
                class: (c) => `mono ${trendClass(c.change)}`,
                cell: (c) => signed(c.change, 2),
              },
              {
                key: 'changeRate',
                label: pt('dash.cmp.changeRate'),
                class: (c) => `mono ${trendClass(c.changeRate)}`,
                cell: (c) => (c.changeRate === null ? '—' : `${signed(c.changeRate * 100, 1)}%`),
              },
              {
                key: 'rank',
                label: pt('dash.rank'),
                class: 'mono',
                cell: (c) => `${c.baseRank ?? '—'} → ${c.rank ?? '—'}`,
              },
              {
                key: 'rankMove',
                label: pt('dash.cmp.rankMove'),
                class: (c) => `mono ${trendClass(c.rankImprovement)}`,
                cell: (c) =>
                  c.rankImprovement === null
                    ? '—'
                    : c.rankImprovement > 0
                      ? `↑${c.rankImprovement}`
                      : c.rankImprovement < 0
                        ? `↓${-c.rankImprovement}`
                        : '=',
              },
            ]}
          />
        </NonEmpty>
      </Loaded>
    </div>
  );
};
