/** @module Red list (bottom of each peer group) and black list (below the threshold or vetoed) of the shown month. */
import type { Component } from 'solid-js';
import { createResource, For, Show } from 'solid-js';
import { Skeleton } from '../../../components/feedback.tsx';
import { errorText } from '../../../lib/error-text.ts';
import type { RankingRow } from '../../../api/performance.ts';
import { performanceApi } from '../../../api/performance.ts';
import { href } from '../../../router.ts';
import { local, pt } from '../messages.ts';
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
          lists.error ? (
            <p class="muted">{errorText(lists.error)}</p>
          ) : (
            <Skeleton rows={3} label={pt('common.loading')} testId="lists-loading" />
          )
        }
      >
        {(l) => (
          <div class="perf-grid2">
            <div class="perf-list--red" data-testid="red-list">
              <h3 class="perf-subhead">{pt('dash.redList')}</h3>
              <Show when={l().red.length > 0} fallback={<p class="muted">{pt('dash.listEmpty')}</p>}>
                <table class="table">
                  <thead>
                    <tr>
                      <th>{pt('dash.peerGroup')}</th>
                      <th>{pt('dash.rank')}</th>
                      <th>{pt('common.unit')}</th>
                      <th>{pt('dash.total')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={l().red}>
                      {(row) => (
                        <tr data-testid="red-row" data-unit={row.unitId}>
                          <td>{groupName(row.group)}</td>
                          <td class="mono">{row.rank}</td>
                          <td>{unitLink(row)}</td>
                          <td class="mono">{row.total.toFixed(2)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
            </div>
            <div class="perf-list--black" data-testid="black-list">
              <h3 class="perf-subhead">{pt('dash.blackList')}</h3>
              <Show when={l().black.length > 0} fallback={<p class="muted">{pt('dash.listEmpty')}</p>}>
                <table class="table">
                  <thead>
                    <tr>
                      <th>{pt('common.unit')}</th>
                      <th>{pt('dash.total')}</th>
                      <th>{pt('trace.veto')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={l().black}>
                      {(row) => (
                        <tr data-testid="black-row" data-unit={row.unitId}>
                          <td>{unitLink(row)}</td>
                          <td class="mono">{row.total.toFixed(2)}</td>
                          <td>{row.vetoed ? <span class="badge">{pt('trace.veto')}</span> : '—'}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
            </div>
          </div>
        )}
      </Show>
    </div>
  );
};
