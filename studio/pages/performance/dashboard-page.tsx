/**
 * @module Dashboards (考核看板): the overview (one month for every panel — by default the latest month
 * whose reporting deadline has passed — light map, ranking bars, score trends, 12345 case charts, red
 * and black lists, comparisons) and, under `/dashboard/units/<id>[/<month>]`, a unit's analysis
 * report. The panels live in ./dashboard/; the charts are Apache ECharts, loaded with this page only.
 */
import type { Component } from 'solid-js';
import { Show } from 'solid-js';
import { Overview } from './dashboard/overview.tsx';
import { UnitReportView } from './dashboard/unit-report.tsx';
import './performance.css';

/** The dashboard and, under `/dashboard/units/<id>`, a unit's analysis report. */
export const DashboardPage: Component<{ path: string; basePath: string }> = (props) => {
  const unitId = () => {
    const rest = props.path.slice(props.basePath.length);
    const match = rest.match(/^\/units\/([^/]+)(?:\/(\d{4}-\d{2}))?/);
    return match ? { id: decodeURIComponent(match[1]!), period: match[2] } : null;
  };
  return (
    <Show when={unitId()} keyed fallback={<Overview basePath={props.basePath} />}>
      {(u) => <UnitReportView unitId={u.id} period={u.period} basePath={props.basePath} />}
    </Show>
  );
};
