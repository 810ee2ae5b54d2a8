/**
 * @module Score trends of a peer group: monthly totals from January to the shown month of the units
 * ranked first and last in the shown month, and the group's mean, read from the month's rankings.
 */
import type { Component } from 'solid-js';
import { createMemo, createResource } from 'solid-js';
import { EChart } from '../../../components/charts/echart.tsx';
import { performanceApi } from '../../../api/performance.ts';
import { monthsOfYearTo } from '../dashboard-model.ts';
import { local, pt } from '../messages.ts';
import { linesOption, type NamedSeries } from './charts.ts';
import { dt } from './messages.ts';
import { DashPanel, Loaded } from './panel.tsx';

const SHOWN_EACH_END = 3;

export const TrendsPanel: Component<{ group: string; groupLabel: string; period: string }> = (props) => {
  const [months] = createResource(
    () => ({ group: props.group, period: props.period }),
    async (q) => {
      const periods = monthsOfYearTo(q.period);
      const replies = await Promise.all(
        periods.map((period) =>
          performanceApi.rankings({ period, group: q.group }).catch(() => ({ period, groups: [] })),
        ),
      );
      return replies.map((r, i) => ({
        period: periods[i]!,
        rows: r.groups.find((g) => g.group === q.group)?.rows ?? [],
      }));
    },
  );
  const figures = createMemo(() => {
    const data = months();
    if (!data) return null;
    const last = data[data.length - 1]?.rows ?? [];
    const names = new Map<string, string>();
    for (const m of data) for (const r of m.rows) names.set(r.unitId, local(r.name));
    const pick =
      last.length <= SHOWN_EACH_END * 2
        ? last
        : [...last.slice(0, SHOWN_EACH_END), ...last.slice(-SHOWN_EACH_END)];
    const totalOf = (unitId: string) =>
      data.map((m) => m.rows.find((r) => r.unitId === unitId)?.total ?? null);
    const mean = data.map((m) =>
      m.rows.length === 0 ? null : m.rows.reduce((s, r) => s + r.total, 0) / m.rows.length,
    );
    const series: NamedSeries[] = [
      ...pick.map((r) => ({ name: `${r.rank}. ${local(r.name)}`, values: totalOf(r.unitId) })),
      { name: dt('trend.mean'), values: mean, isReference: true },
    ];
    const everyUnit = [...names.entries()].map(([id, name]) => ({ name, values: totalOf(id) }));
    return { months: data.map((m) => m.period), series, everyUnit, mean };
  });
  return (
    <DashPanel testId="score-trends" title={[dt('trend.title'), props.groupLabel]}>
      <Loaded data={figures()} error={months.error} label={dt('trend.loading')} testId="trends-loading">
        {(f) => (
          <>
            <p class="muted small">{dt('trend.topBottom', { month: props.period, n: SHOWN_EACH_END })}</p>
            <EChart
              testId="trend-chart"
              label={dt('trend.label', {
                group: props.groupLabel,
                from: f().months[0],
                to: f().months[f().months.length - 1],
              })}
              height="320px"
              data={{ series: f().series.length, months: f().months.length }}
              option={linesOption({ months: f().months.map((m) => m.slice(5)), series: f().series })}
              table={{
                caption: dt('trend.allUnits'),
                columns: [pt('common.unit'), ...f().months],
                rows: [
                  ...f().everyUnit.map((s) => [
                    s.name,
                    ...s.values.map((v) => (v === null ? '—' : v.toFixed(2))),
                  ]),
                  [dt('trend.mean'), ...f().mean.map((v) => (v === null ? '—' : v.toFixed(2)))],
                ],
              }}
            />
          </>
        )}
      </Loaded>
    </DashPanel>
  );
};
