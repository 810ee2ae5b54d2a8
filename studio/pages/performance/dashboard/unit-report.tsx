/**
 * @module A unit's analysis report for a month (by default the latest month whose deadline has
 * passed): total and grade, findings, the monthly total as a line chart, the weakest indicators'
 * points by month, rank change, red lights by indicator name, weak points with "why this score".
 */
import type { Component } from 'solid-js';
import { createMemo, createResource, For, Show } from 'solid-js';
import { EChart } from '../../../components/charts/echart.tsx';
import { DataTable } from '../../../components/data-table.tsx';
import { locale } from '../../../i18n/index.ts';
import type { UnitReport } from '../../../api/performance.ts';
import { performanceApi } from '../../../api/performance.ts';
import { href } from '../../../router.ts';
import { local, pt } from '../messages.ts';
import { CodeName, codeNameColumn } from '../page-parts.tsx';
import { createScoreExplainer, type ScorePick, scoreColumn } from '../score-trace.tsx';
import { publishedVersion } from '../../../api/performance-dashboard.ts';
import { linesOption } from './charts.ts';
import { Dot } from './dot.tsx';
import { createDashboardMonth } from './month.ts';
import { dt } from './messages.ts';
import { Loaded, NonEmpty } from './panel.tsx';
import { Panel } from '../page-parts.tsx';
import { PageTitle } from '../../../components/page-title.tsx';
import './dashboard.css';

/** Indicators drawn in the indicator trend chart (those losing most points). */
const TREND_INDICATORS = 5;

export const UnitReportView: Component<{ unitId: string; period?: string; basePath: string }> = (props) => {
  // The month of the address, else the latest month whose deadline has passed.
  const shown = createDashboardMonth(() => !props.period);
  const period = () => props.period || shown.month();
  const [report] = createResource(
    () => period() || false,
    (p: string) => performanceApi.unitReport({ unitId: props.unitId, period: p }),
  );
  const [grades] = createResource(report, async (r) => {
    const match = r.result?.trace.ruleSet.match(/^(.+)@(\d+)$/);
    if (!match) return new Map<string, { zh: string; en: string }>();
    const version = await publishedVersion(match[1]!, Number(match[2]));
    const policy = version.content.documents.find((d) => d.kind === 'assessmentPolicy') as
      | { grades?: { id: string; name: { zh: string; en: string } }[] }
      | undefined;
    return new Map((policy?.grades ?? []).map((g) => [g.id, g.name]));
  });
  const lang = () => (locale() === 'en' ? 'en' : 'zh') as 'zh' | 'en';
  const link = (format: 'csv' | 'html') =>
    performanceApi.unitReportUrl({
      unitId: props.unitId,
      period: report()?.period ?? period(),
      format,
      lang: lang(),
    });
  const explain = createScoreExplainer();
  return (
    <section class="page perf" aria-labelledby="page-title">
      <p>
        <a href={href(props.basePath)}>← {pt('report.back')}</a>
      </p>
      <PageTitle>{pt('report.title', { unit: report() ? local(report()!.name) : '…' })}</PageTitle>
      <Loaded data={report()} error={report.error || shown.context.error} rows={6} testId="report-loading">
        {(r) => (
          <>
            <div class="perf-toolbar">
              <span class="dash-month__shown" data-testid="report-month">
                {dt('month.shown', { month: r().period })}
              </span>
              <Show when={r().result}>
                {(res) => (
                  <span>
                    {pt('dash.total')}{' '}
                    <strong class="mono" data-testid="report-total">
                      {res().total.toFixed(2)}
                    </strong>{' '}
                    · {pt('dash.grade')}{' '}
                    {res().gradeId ? local(grades()?.get(res().gradeId!)) || res().gradeId : '—'}
                  </span>
                )}
              </Show>
              <a class="btn btn--small" href={link('csv')} download="" data-testid="report-csv">
                {pt('report.csv')}
              </a>
              <a
                class="btn btn--small"
                href={link('html')}
                target="_blank"
                rel="noopener"
                data-testid="report-print"
              >
                {pt('report.print')}
              </a>
            </div>
            <Show when={r().findings.length > 0}>
              <ul class="notice perf-findings" data-testid="report-findings">
                <For each={r().findings}>{(f) => <li>{local(f)}</li>}</For>
              </ul>
            </Show>
            <div class="perf-grid2">
              <Panel title={pt('report.trend')}>
                <TotalTrend report={r()} />
              </Panel>
              <Panel title={pt('report.rankChanges')}>
                <dl class="facts" data-testid="report-rank">
                  <dt>{pt('dash.rank')}</dt>
                  <dd class="mono">
                    {r().rankChange.baseRank ?? '—'} → {r().rankChange.rank ?? '—'}
                  </dd>
                  <dt>{pt('dash.total')}</dt>
                  <dd class="mono">
                    {r().rankChange.baseTotal?.toFixed(2) ?? '—'} → {r().rankChange.total?.toFixed(2) ?? '—'}
                  </dd>
                </dl>
                <h2 class="panel__title">{pt('report.redLights')}</h2>
                <NonEmpty when={r().redLights.length > 0} empty={pt('report.none')}>
                  <ul data-testid="report-red">
                    <For each={r().redLights}>
                      {(l) => {
                        const w = r().weakPoints.find((x) => x.indicatorId === l.indicatorId);
                        return (
                          <li>
                            <Dot colour={l.colour} />{' '}
                            {w ? (
                              <CodeName code={w.code} name={w.name} />
                            ) : (
                              <span class="mono small">{l.indicatorId}</span>
                            )}
                          </li>
                        );
                      }}
                    </For>
                  </ul>
                </NonEmpty>
              </Panel>
            </div>
            <IndicatorTrends report={r()} unitId={props.unitId} />
            <WeakPoints report={r()} onExplain={explain.open} />
            <explain.Panel unitId={props.unitId} period={r().period} />
          </>
        )}
      </Loaded>
    </section>
  );
};

/** The unit's total by month as a line. */
const TotalTrend: Component<{ report: UnitReport }> = (props) => {
  const points = () => props.report.trend.filter((p) => p.total !== null).length;
  const from = () => props.report.trend[0]?.period ?? '';
  const to = () => props.report.trend[props.report.trend.length - 1]?.period ?? '';
  return (
    <EChart
      testId="report-trend"
      label={dt('report.trendLabel', { unit: local(props.report.name), from: from(), to: to() })}
      height="240px"
      data={{ points: points() }}
      option={linesOption({
        months: props.report.trend.map((p) => p.period.slice(5)),
        series: [{ name: pt('dash.total'), values: props.report.trend.map((p) => p.total) }],
      })}
      table={{
        caption: pt('report.trend'),
        columns: [dt('trend.month'), pt('dash.total')],
        rows: props.report.trend.map((p) => [p.period, p.total === null ? '—' : p.total.toFixed(2)]),
      }}
    />
  );
};

/** Points by month of the indicators losing most points in the report's month. */
const IndicatorTrends: Component<{ report: UnitReport; unitId: string }> = (props) => {
  const picked = createMemo(() => props.report.weakPoints.slice(0, TREND_INDICATORS));
  const months = () => props.report.trend.map((p) => p.period);
  const [scores] = createResource(
    () => ({ unitId: props.unitId, months: months(), ids: picked().map((w) => w.indicatorId) }),
    async (q) =>
      Promise.all(
        q.months.map((period) =>
          performanceApi
            .scores({ unitId: q.unitId, period })
            .then((r) => new Map(r.scores.map((s) => [s.indicatorId, s.points])))
            .catch(() => new Map<string, number>()),
        ),
      ),
  );
  const series = createMemo(() =>
    picked().map((w) => ({
      name: `${w.code} ${local(w.name)}`,
      values: (scores() ?? []).map((m) => m.get(w.indicatorId) ?? null),
    })),
  );
  return (
    <Show when={picked().length > 0}>
      <Panel testId="report-indicator-trends" title={dt('report.indicatorTrend')}>
        <Loaded
          data={scores()}
          error={scores.error}
          label={dt('trend.loading')}
          testId="indicator-trends-loading"
        >
          <EChart
            testId="indicator-trend-chart"
            label={dt('report.indicatorTrendLabel', {
              count: picked().length,
              from: months()[0],
              to: months()[months().length - 1],
            })}
            height="300px"
            data={{ series: series().length }}
            option={linesOption({ months: months().map((m) => m.slice(5)), series: series() })}
            table={{
              caption: dt('report.indicatorTrend'),
              columns: [pt('common.indicator'), ...months()],
              rows: series().map((s) => [s.name, ...s.values.map((v) => (v === null ? '—' : v.toFixed(1)))]),
            }}
          />
        </Loaded>
      </Panel>
    </Show>
  );
};

/** Weak points by points lost, each score opening its trace. */
const WeakPoints: Component<{
  report: UnitReport;
  onExplain: (e: ScorePick) => void;
}> = (props) => {
  const maxLost = () => Math.max(0.0001, ...props.report.weakPoints.map((w) => w.pointsLost));
  return (
    <Panel title={pt('report.weakPoints')}>
      <DataTable
        wrap={false}
        testId="report-weak"
        rows={props.report.weakPoints.slice(0, 15)}
        columns={[
          codeNameColumn(pt('common.indicator')),
          scoreColumn<UnitReport['weakPoints'][number]>(
            (w) => `${w.code} ${local(w.name)}`,
            (w) => `${w.points.toFixed(1)} / ${w.maxScore}`,
            props.onExplain,
          ),
          {
            key: 'pointsLost',
            label: pt('report.pointsLost'),
            class: 'mono',
            cell: (w) => w.pointsLost.toFixed(3),
          },
          {
            key: 'bar',
            label: <span class="sr-only">{pt('report.pointsLost')}</span>,
            width: '160px',
            cell: (w) => <div class="perf-bar" style={{ width: `${(100 * w.pointsLost) / maxLost()}%` }} />,
          },
        ]}
      />
    </Panel>
  );
};
