/**
 * @module The light map (警示灯矩阵) of the shown month: the units of the peer group × indicators or
 * top-level categories, each cell the worst light, a dashed ring where the indicator does not apply;
 * the legend counts exactly the cells shown.
 */
import type { Component } from 'solid-js';
import { createMemo, createSignal, For, Show } from 'solid-js';
import type { Light, LightsReply } from '../../../api/performance.ts';
import { href } from '../../../router.ts';
import { PressedButtons } from '../../../lib/pressed-buttons.tsx';
import { cellColourOf, lightCounts } from '../dashboard-model.ts';
import { local, pt } from '../messages.ts';
import { RecomputingMark } from '../recomputing-mark.tsx';
import { colourName, Dot, MAP_COLOURS } from './dot.tsx';
import { dt } from './messages.ts';
import { Loaded } from './panel.tsx';

/** Top-level indicators (categories) of the version the lights come from. */
export interface Categories {
  roots: { id: string; code?: string; name: { zh: string; en: string } }[];
  rootOf: (id: string) => string;
  grades: Map<string, { zh: string; en: string }>;
}

export const LightsPanel: Component<{
  reply: LightsReply | undefined;
  error: unknown;
  isLoading: boolean;
  categories: Categories | null | undefined;
  /** Units of the peer group shown; all units when undefined. */
  members: string[] | undefined;
  groupLabel: string;
  month: string;
  basePath: string;
}> = (props) => {
  const [view, setView] = createSignal<'category' | 'indicator'>('category');
  const index = createMemo(() => {
    const map = new Map<string, Light>();
    for (const l of props.reply?.lights ?? []) map.set(`${l.unitId}|${l.indicatorId}`, l);
    return map;
  });
  const rows = createMemo(() => {
    const all = props.reply?.units ?? [];
    const members = new Set(props.members ?? []);
    return members.size > 0 ? all.filter((u) => members.has(u.id)) : all;
  });
  const columns = createMemo(() => {
    const list = props.reply?.indicators ?? [];
    const cats = props.categories;
    if (view() === 'indicator' || !cats)
      return list.map((i) => ({
        id: i.id,
        label: `${i.code} ${local(i.name)}`,
        short: i.code,
        members: [i.id],
      }));
    return cats.roots
      .map((root) => ({
        id: root.id,
        label: `${root.code ?? ''} ${local(root.name)}`.trim(),
        short: `${root.code ?? ''} ${local(root.name)}`.trim(),
        members: list.filter((i) => cats.rootOf(i.id) === root.id).map((i) => i.id),
      }))
      .filter((c) => c.members.length > 0);
  });
  const counts = createMemo(() =>
    lightCounts({
      lights: props.reply?.lights ?? [],
      unitIds: rows().map((u) => u.id),
      indicatorIds: (props.reply?.indicators ?? []).map((i) => i.id),
    }),
  );
  return (
    <div class="panel" data-testid="lights-matrix">
      <div class="perf-toolbar">
        <h2 class="panel__title">
          {pt('dash.lights')} · {props.groupLabel} · {props.month}
        </h2>
        <RecomputingMark when={props.reply?.recomputing} />
        <div class="perf-tabs">
          <PressedButtons
            options={[
              { value: 'category', label: pt('dash.byCategory') },
              { value: 'indicator', label: pt('dash.byIndicator'), testId: 'lights-by-indicator' },
            ]}
            current={view()}
            onPick={setView}
          />
        </div>
        <span class="perf-asof" data-testid="lights-asof" data-asof={props.reply?.asOf ?? ''}>
          {props.reply ? pt('dash.lightsAsOf', { date: props.reply.asOf }) : ''}
          <Show when={props.isLoading && props.reply}> · {pt('common.loading')}</Show>
        </span>
      </div>
      <Show when={props.reply}>
        <div class="perf-legend" data-testid="lights-legend">
          <For each={MAP_COLOURS}>
            {(c) => (
              <span title={c === 'na' ? dt('light.naHint') : undefined}>
                <Dot colour={c} /> {colourName(c)}{' '}
                <span class="mono" data-testid={`lights-count-${c}`}>
                  {counts()[c]}
                </span>
              </span>
            )}
          </For>
          <span class="muted">{dt('legend.counts', { group: props.groupLabel, units: rows().length })}</span>
        </div>
      </Show>
      <Loaded data={props.reply} error={props.error} rows={6} testId="lights-loading">
        <div class="perf-matrix-wrap">
          <table
            class="perf-matrix"
            data-view={view() === 'category' && props.categories ? 'category' : 'indicator'}
          >
            <caption class="sr-only">
              {pt('dash.lights')} · {props.groupLabel} · {props.reply?.asOf}
            </caption>
            <thead>
              <tr>
                <th scope="col">{pt('common.unit')}</th>
                <For each={columns()}>
                  {(col) => (
                    <th scope="col" title={col.label}>
                      {col.short}
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(unit) => (
                  <tr data-testid={`lights-row-${unit.id}`}>
                    <th scope="row">
                      <a href={href(`${props.basePath}/units/${encodeURIComponent(unit.id)}/${props.month}`)}>
                        {local(unit.name)}
                      </a>
                    </th>
                    <For each={columns()}>
                      {(col) => {
                        const colour = () =>
                          cellColourOf(col.members.map((m) => index().get(`${unit.id}|${m}`)?.colour));
                        return (
                          <td data-colour={colour()}>
                            <Dot
                              colour={colour()}
                              title={`${local(unit.name)} · ${col.label} · ${colourName(colour())}`}
                            />
                          </td>
                        );
                      }}
                    </For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Loaded>
    </div>
  );
};
