/**
 * @module 12345 cases on the dashboard: cases received per month by category group and by channel,
 * SLA compliance per month (GET /api/case-statistics, January to the shown month), and the on-time
 * completion rate of the units doing worst in the shown month (GET /api/case-metrics).
 */
import type { Component, JSX } from 'solid-js';
import { createMemo, createResource } from 'solid-js';
import { EChart } from '../../../components/charts/echart.tsx';
import { local, pt } from '../messages.ts';
import { dashboardApi, type CaseStatistics } from '../../../api/performance-dashboard.ts';
import { linesOption, type NamedSeries, rateBarsOption, stackedBarsOption } from './charts.ts';
import { dt } from './messages.ts';
import { DashPanel, Loaded, NonEmpty } from './panel.tsx';

/** Category groups drawn separately; the rest are summed as "other". */
const TOP_GROUPS = 6;
/** Units in the on-time chart (the lowest rates). */
const WORST_UNITS = 10;

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** Per-month counts by category group: the largest groups by total, then "other". */
export function volumeByGroup(stats: CaseStatistics, otherLabel: string): NamedSeries[] {
  const groupOf = new Map(stats.categories.map((c) => [c.code, local(c.group)]));
  const totals = new Map<string, number>();
  for (const m of stats.months)
    for (const [code, n] of Object.entries(m.byCategory)) {
      const g = groupOf.get(code) ?? code;
      totals.set(g, (totals.get(g) ?? 0) + n);
    }
  const ordered = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([g]) => g);
  const shown = ordered.slice(0, TOP_GROUPS);
  const series: NamedSeries[] = shown.map((g) => ({
    name: g,
    values: stats.months.map((m) =>
      Object.entries(m.byCategory)
        .filter(([code]) => (groupOf.get(code) ?? code) === g)
        .reduce((s, [, n]) => s + n, 0),
    ),
  }));
  if (ordered.length > TOP_GROUPS)
    series.push({
      name: otherLabel,
      values: stats.months.map((m) =>
        Object.entries(m.byCategory)
          .filter(([code]) => !shown.includes(groupOf.get(code) ?? code))
          .reduce((s, [, n]) => s + n, 0),
      ),
    });
  return series;
}

/** Per-month counts by channel, channels with cases only, largest first. */
export function volumeByChannel(stats: CaseStatistics): NamedSeries[] {
  const labelOf = new Map(stats.channels.map((c) => [c.code, local(c.label)]));
  const totals = new Map<string, number>();
  for (const m of stats.months)
    for (const [code, n] of Object.entries(m.byChannel)) totals.set(code, (totals.get(code) ?? 0) + n);
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([code]) => ({
      name: labelOf.get(code) ?? code,
      values: stats.months.map((m) => m.byChannel[code] ?? 0),
    }));
}

export const CasesPanel: Component<{ period: string; unitName: (id: string) => string }> = (props) => {
  const from = () => `${props.period.slice(0, 4)}-01`;
  const [stats] = createResource(
    () => ({ from: from(), to: props.period }),
    (q) => dashboardApi.caseStatistics(q),
  );
  const [metrics] = createResource(
    () => props.period,
    (month) => dashboardApi.caseMetrics({ month }),
  );
  const months = () => stats()?.months.map((m) => m.month) ?? [];
  const byGroup = createMemo(() => (stats() ? volumeByGroup(stats()!, dt('cases.other')) : []));
  const byChannel = createMemo(() => (stats() ? volumeByChannel(stats()!) : []));
  const worst = createMemo(() =>
    (metrics()?.items ?? [])
      .filter((m) => m.handledWithTimer > 0 && m.onTimeRate !== null)
      .sort((a, b) => a.onTimeRate! - b.onTimeRate! || b.handledWithTimer - a.handledWithTimer)
      .slice(0, WORST_UNITS),
  );
  const received = () => stats()?.months.reduce((s, m) => s + m.received, 0) ?? 0;
  const range = () => ({ from: from(), to: props.period });
  const volumeTable = (series: NamedSeries[], caption: string) => ({
    caption,
    columns: [dt('cases.month'), ...series.map((s) => s.name), dt('cases.total')],
    rows: months().map((m, i) => [m, ...series.map((s) => s.values[i] ?? 0), stats()!.months[i]!.received]),
  });
  const volumeChart = (testId: string, title: string, label: string, series: NamedSeries[]) => (
    <Chart title={title}>
      <EChart
        testId={testId}
        label={label}
        data={{ received: received() }}
        option={stackedBarsOption({ months: months().map((m) => m.slice(5)), series })}
        table={volumeTable(series, title)}
      />
    </Chart>
  );
  return (
    <DashPanel testId="case-charts" title={[dt('cases.title'), `${from()} – ${props.period}`]}>
      <Loaded data={stats()} error={stats.error} label={dt('cases.loading')} testId="cases-loading">
        {(s) => (
          <NonEmpty when={received() > 0} empty={dt('cases.none', range())}>
            <div class="dash-charts">
              {volumeChart(
                'case-volume-chart',
                dt('cases.volume'),
                dt('cases.volumeLabel', range()),
                byGroup(),
              )}
              {volumeChart(
                'case-channel-chart',
                dt('cases.byChannel'),
                dt('cases.byChannelLabel', range()),
                byChannel(),
              )}
              <Chart title={dt('cases.sla')}>
                <EChart
                  testId="sla-chart"
                  label={dt('cases.slaLabel', range())}
                  option={linesOption({
                    months: months().map((m) => m.slice(5)),
                    series: [{ name: dt('cases.rate'), values: s().months.map((m) => m.onTimeRate) }],
                    percent: true,
                    yMin: 0,
                    yMax: 1,
                  })}
                  table={{
                    caption: dt('cases.sla'),
                    columns: [
                      dt('cases.month'),
                      dt('cases.handled'),
                      dt('cases.onTimeCount'),
                      dt('cases.rate'),
                    ],
                    rows: s().months.map((m) => [
                      m.month,
                      m.handledWithTimer,
                      m.handledOnTime,
                      pct(m.onTimeRate),
                    ]),
                  }}
                />
              </Chart>
              <Chart title={dt('cases.onTime', { month: props.period })}>
                <Loaded data={metrics()} error={metrics.error} testId="on-time-loading">
                  <NonEmpty
                    when={worst().length > 0}
                    empty={dt('cases.onTimeEmpty', { month: props.period })}
                  >
                    <EChart
                      testId="on-time-chart"
                      label={dt('cases.onTimeLabel', { month: props.period, count: worst().length })}
                      height={`${Math.max(160, worst().length * 24 + 40)}px`}
                      data={{ bars: worst().length }}
                      option={rateBarsOption({
                        names: worst().map((m) => props.unitName(m.unitId)),
                        rates: worst().map((m) => m.onTimeRate!),
                      })}
                      table={{
                        caption: dt('cases.onTime', { month: props.period }),
                        columns: [
                          pt('common.unit'),
                          dt('cases.handled'),
                          dt('cases.onTimeCount'),
                          dt('cases.rate'),
                        ],
                        rows: worst().map((m) => [
                          props.unitName(m.unitId),
                          m.handledWithTimer,
                          m.handledOnTime,
                          pct(m.onTimeRate),
                        ]),
                      }}
                    />
                  </NonEmpty>
                </Loaded>
              </Chart>
            </div>
          </NonEmpty>
        )}
      </Loaded>
    </DashPanel>
  );
};

/** One chart of the panel under its `<h3 class="dash-subhead">`. */
const Chart: Component<{ title: JSX.Element; children: JSX.Element }> = (props) => (
  <div>
    <h3 class="dash-subhead">{props.title}</h3>
    {props.children}
  </div>
);
