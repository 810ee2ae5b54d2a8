/** @module Month-on-month, year-on-year or improvement since a base month, per unit of the peer group shown. */
import type { Component } from 'solid-js';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { Skeleton } from '../../../components/feedback.tsx';
import { errorText } from '../../../lib/error-text.ts';
import type { Comparison, ComparisonKind } from '../../../api/performance.ts';
import { performanceApi } from '../../../api/performance.ts';
import { href } from '../../../router.ts';
import { byChange } from '../dashboard-model.ts';
import type { PerfKey } from '../messages.ts';
import { pt } from '../messages.ts';

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
        <div class="perf-tabs">
          <For each={KINDS}>
            {(k) => (
              <button
                type="button"
                class="btn btn--small"
                aria-pressed={kind() === k}
                data-testid={`cmp-${k}`}
                onClick={() => setKind(k)}
              >
                {pt(`dash.cmp.${k}` as PerfKey)}
              </button>
            )}
          </For>
        </div>
        <Show when={kind() === 'improvement'}>
          <label class="perf-inline">
            <span>{pt('dash.cmp.basePeriod')}</span>
            <input
              type="month"
              data-testid="cmp-base"
              value={basePeriod() || rows()[0]?.basePeriod || ''}
              max={props.period}
              onChange={(e) => setBasePeriod(e.currentTarget.value)}
            />
          </label>
        </Show>
        <span class="muted small">{pt('dash.cmp.sortHint')}</span>
      </div>
      <Show
        when={reply.latest}
        fallback={
          reply.error ? (
            <p class="muted">{errorText(reply.error)}</p>
          ) : (
            <Skeleton rows={4} label={pt('common.loading')} testId="comparisons-loading" />
          )
        }
      >
        <Show when={rows().length > 0} fallback={<p class="muted">{pt('dash.noData')}</p>}>
          <div class="table-wrap perf-matrix-wrap">
            <table class="table" data-testid="comparison-table" data-kind={reply.latest?.kind}>
              <thead>
                <tr>
                  <th>{pt('common.unit')}</th>
                  <th>{pt('dash.cmp.basePeriod')}</th>
                  <th>{pt('dash.cmp.baseTotal')}</th>
                  <th>{pt('dash.total')}</th>
                  <th>{pt('dash.cmp.change')}</th>
                  <th>{pt('dash.cmp.changeRate')}</th>
                  <th>{pt('dash.rank')}</th>
                  <th>{pt('dash.cmp.rankMove')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={rows()}>
                  {(c) => (
                    <tr data-testid="comparison-row" data-unit={c.unitId} data-change={c.change ?? ''}>
                      <td>
                        <a
                          href={href(
                            `${props.basePath}/units/${encodeURIComponent(c.unitId)}/${props.period}`,
                          )}
                        >
                          {props.unitName(c.unitId)}
                        </a>
                      </td>
                      <td class="mono">{c.basePeriod}</td>
                      <td class="mono">{c.baseTotal?.toFixed(2) ?? '—'}</td>
                      <td class="mono">{c.total?.toFixed(2) ?? '—'}</td>
                      <td class={`mono ${trendClass(c.change)}`}>{signed(c.change, 2)}</td>
                      <td class={`mono ${trendClass(c.changeRate)}`}>
                        {c.changeRate === null ? '—' : `${signed(c.changeRate * 100, 1)}%`}
                      </td>
                      <td class="mono">
                        {c.baseRank ?? '—'} → {c.rank ?? '—'}
                      </td>
                      <td class={`mono ${trendClass(c.rankImprovement)}`}>
                        {c.rankImprovement === null
                          ? '—'
                          : c.rankImprovement > 0
                            ? `↑${c.rankImprovement}`
                            : c.rankImprovement < 0
                              ? `↓${-c.rankImprovement}`
                              : '='}
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </Show>
    </div>
  );
};
