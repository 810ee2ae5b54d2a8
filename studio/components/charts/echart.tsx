/**
 * @module One Apache ECharts chart as a Solid component: `init` on mount, `setOption` whenever the
 * option changes, a resize observer, `dispose` on cleanup. Accessible: the chart is an image with an
 * `aria-label`, and its figures are a visually hidden table (or a summary text) screen readers read.
 *
 * Tree-shaken: this file imports only `echarts/core` and the SVG renderer. A page registers the
 * charts and components it draws with {@link useChartParts} (e.g. `LineChart`, `GridComponent` from
 * `echarts/charts` / `echarts/components`) in its own lazily loaded module, so ECharts lands in that
 * page's chunk and nowhere else.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { Component, JSX } from 'solid-js';
import { createEffect, For, onCleanup, onMount, Show } from 'solid-js';
import './echart.css';

use([SVGRenderer]);

/** Registers ECharts charts and components (call once at module level of the page that charts). */
export const useChartParts: typeof use = (parts) => use(parts);

/** The figures of a chart as a table for screen readers: a caption, column heads and rows of cells. */
export interface ChartTable {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

/** Props of {@link EChart}. */
export interface EChartProps {
  /** The ECharts option; changes are applied with `setOption` (not merged: the option is the whole chart). */
  option: EChartsCoreOption;
  /** What the chart shows, read as the image's name. */
  label: string;
  /** The figures for screen readers: a table, or a text summary. */
  table?: ChartTable;
  summary?: string;
  /** CSS height of the chart (default 280px). */
  height?: string;
  testId?: string;
  /** Extra attributes on the figure (e.g. data-* values tests read). */
  data?: Record<string, string | number>;
}

/** An ECharts chart: an image for the eye, a hidden table for screen readers. */
export const EChart: Component<EChartProps> = (props) => {
  let host: HTMLDivElement | undefined;
  let chart: ReturnType<typeof init> | undefined;
  onMount(() => {
    if (!host) return;
    chart = init(host, undefined, { renderer: 'svg' });
    const observer = new ResizeObserver(() => chart?.resize());
    observer.observe(host);
    onCleanup(() => {
      observer.disconnect();
      chart?.dispose();
      chart = undefined;
    });
  });
  createEffect(() => {
    const option = props.option;
    // Not merged with the previous option: series and categories that went away must go.
    chart?.setOption(option, { notMerge: true });
  });
  const dataAttrs = (): JSX.HTMLAttributes<HTMLElement> =>
    Object.fromEntries(Object.entries(props.data ?? {}).map(([k, v]) => [`data-${k}`, String(v)]));
  return (
    <figure class="echart" data-testid={props.testId} {...dataAttrs()}>
      <div
        ref={host}
        class="echart__canvas"
        role="img"
        aria-label={props.label}
        style={{ height: props.height ?? '280px' }}
      />
      <Show when={props.table}>
        {(t) => (
          <table class="sr-only" data-testid={props.testId ? `${props.testId}-table` : undefined}>
            <caption>{t().caption}</caption>
            <thead>
              <tr>
                <For each={t().columns}>{(c) => <th scope="col">{c}</th>}</For>
              </tr>
            </thead>
            <tbody>
              <For each={t().rows}>
                {(row) => (
                  <tr>
                    <For each={row}>
                      {(cell, i) => (i() === 0 ? <th scope="row">{cell}</th> : <td>{cell}</td>)}
                    </For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </Show>
      <Show when={props.summary}>
        <p class="sr-only">{props.summary}</p>
      </Show>
    </figure>
  );
};
