/** @module Dashboards (考核看板): lights matrix (units × indicators or categories), rankings by peer group with ties, unit analysis report with trend chart, CSV and printable links. */
import type { Component } from 'solid-js';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { locale } from '../../i18n/index.ts';
import type { Comparison, ComparisonKind, Light, RankingRow } from '../../performance-api.ts';
import { performanceApi } from '../../performance-api.ts';
import { href } from '../../router.ts';
import { ruleSetApi } from '../../rule-sets-api.ts';
import type { PerfKey } from './messages.ts';
import { local, pt, tryPt } from './messages.ts';
import { byChange, lightsDate, previousMonth, worstColour } from './dashboard-model.ts';
import { pollWhileRecomputing, RecomputingMark } from './recomputing-mark.tsx';
import { LoadingNote } from './loading-note.tsx';
import { ScoreTracePanel } from './score-trace.tsx';
import './performance.css';

const COLOURS = ['green', 'yellow', 'red', 'grey', 'overdue'] as const;
/** A light dot with an accessible name. */
const Dot: Component<{ colour: string; title?: string }> = (props) => (
  <span
    class={`perf-light perf-light--${props.colour}`}
    role="img"
    aria-label={pt(`dash.light.${props.colour}` as PerfKey)}
    title={props.title ?? pt(`dash.light.${props.colour}` as PerfKey)}
    data-colour={props.colour}
  />
);

/** Inline SVG line chart of totals by month; gaps where a month has no total. */
export const TrendChart: Component<{
  points: { period: string; total: number | null }[];
  testId?: string;
}> = (props) => {
  const width = 560;
  const height = 180;
  const pad = { left: 36, right: 12, top: 12, bottom: 24 };
  const values = () => props.points.map((p) => p.total).filter((v): v is number => v !== null);
  const min = () => Math.max(0, Math.floor((Math.min(...values(), 100) - 5) / 10) * 10);
  const max = () => Math.min(110, Math.ceil((Math.max(...values(), 0) + 5) / 10) * 10);
  const x = (i: number) =>
    pad.left + (i * (width - pad.left - pad.right)) / Math.max(1, props.points.length - 1);
  const y = (v: number) =>
    pad.top + ((max() - v) * (height - pad.top - pad.bottom)) / Math.max(1, max() - min());
  const segments = () => {
    const out: string[] = [];
    let current: string[] = [];
    props.points.forEach((p, i) => {
      if (p.total === null) {
        if (current.length) out.push(current.join(' '));
        current = [];
      } else current.push(`${x(i).toFixed(1)},${y(p.total).toFixed(1)}`);
    });
    if (current.length) out.push(current.join(' '));
    return out;
  };
  return (
    <svg
      class="perf-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={pt('dash.trend')}
      data-testid={props.testId}
    >
      <For each={[min(), (min() + max()) / 2, max()]}>
        {(v) => (
          <>
            <line x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} stroke="#e3e7ed" />
            <text x={pad.left - 4} y={y(v) + 3} text-anchor="end">
              {v}
            </text>
          </>
        )}
      </For>
      <For each={props.points}>
        {(p, i) => (
          <text x={x(i())} y={height - 6} text-anchor="middle">
            {p.period.slice(5)}
          </text>
        )}
      </For>
      <For each={segments()}>
        {(s) => <polyline points={s} fill="none" stroke="#1d4f91" stroke-width="2" />}
      </For>
      <For each={props.points}>
        {(p, i) => (
          <Show when={p.total !== null}>
            <circle cx={x(i())} cy={y(p.total!)} r="3" fill="#1d4f91">
              <title>
                {p.period}: {p.total}
              </title>
            </circle>
          </Show>
        )}
      </For>
    </svg>
  );
};

/** The dashboard (lights and rankings) and, under `/dashboard/units/<id>`, a unit's analysis report. */
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

const Overview: Component<{ basePath: string }> = (props) => {
  const [period, setPeriod] = createSignal('');
  // The server's today, learnt from the first (undated) lights reply: a picked month's lights are
  // as of its last day, but never after today.
  const [today, setToday] = createSignal('');
  // The source is a string so that learning today (same date → same key) does not refetch.
  const [lights, { refetch: refetchLights }] = createResource(
    () => lightsDate({ period: period(), today: today() }) ?? 'today',
    async (key: string) => {
      const asOf = key === 'today' ? undefined : key;
      const reply = await performanceApi.lights(asOf ? { asOf } : {});
      if (!asOf) setToday(reply.asOf);
      return reply;
    },
  );
  // Rankings need a month: by default the last month whose deadline has passed (complete data).
  const rankingPeriod = () => period() || (today() ? previousMonth(today()) : undefined);
  const [rankings, { refetch: refetchRankings }] = createResource(rankingPeriod, (p) =>
    performanceApi.rankings({ period: p }),
  );
  const rankingsError = () => (rankings as { error?: { message?: string } }).error;
  // New entries are scored in the background: read again until the figures are current.
  pollWhileRecomputing(() => lights.latest?.recomputing, refetchLights);
  pollWhileRecomputing(() => rankings.latest?.recomputing, refetchRankings);
  const [group, setGroup] = createSignal('');
  const [view, setView] = createSignal<'category' | 'indicator'>('category');
  const [categories] = createResource(
    () => lights.latest?.ruleSet,
    async (ruleSet: string) => {
      const match = ruleSet.match(/^(.+)@(\d+)$/);
      if (!match) return null;
      const version = await ruleSetApi.version(match[1]!, Number(match[2]));
      const docs = version.content.documents.filter((d) => d.kind === 'indicator') as unknown as {
        id: string;
        parentId?: string;
        code?: string;
        name: { zh: string; en: string };
      }[];
      const byId = new Map(docs.map((d) => [d.id, d]));
      const rootOf = (id: string): string => {
        let node = byId.get(id);
        while (node?.parentId && byId.has(node.parentId)) node = byId.get(node.parentId);
        return node?.id ?? id;
      };
      const roots = docs.filter((d) => !d.parentId);
      const policy = version.content.documents.find((d) => d.kind === 'assessmentPolicy') as
        | { grades?: { id: string; name: { zh: string; en: string } }[] }
        | undefined;
      const grades = new Map((policy?.grades ?? []).map((g) => [g.id, g.name]));
      return { roots, rootOf, grades };
    },
  );
  const unitNames = createMemo(() => {
    const names = new Map<string, { zh: string; en: string }>();
    for (const u of lights.latest?.units ?? []) names.set(u.id, u.name);
    for (const g of rankings.latest?.groups ?? []) for (const r of g.rows) names.set(r.unitId, r.name);
    return names;
  });

  const groups = () => rankings()?.groups ?? [];
  // Default to the largest peer group: a one-unit group ranks nothing.
  const largestGroup = () =>
    groups().reduce<string | undefined>(
      (best, g) =>
        best === undefined || g.rows.length > (groups().find((x) => x.group === best)?.rows.length ?? 0)
          ? g.group
          : best,
      undefined,
    );
  const currentGroup = () => groups().find((g) => g.group === (group() || largestGroup()));
  const lightIndex = createMemo(() => {
    const map = new Map<string, Light>();
    for (const l of lights()?.lights ?? []) map.set(`${l.unitId}|${l.indicatorId}`, l);
    return map;
  });
  const rows = createMemo(() => {
    const all = lights()?.units ?? [];
    const members = new Set(currentGroup()?.rows.map((r) => r.unitId) ?? []);
    return members.size > 0 ? all.filter((u) => members.has(u.id)) : all;
  });
  const columns = createMemo(() => {
    const list = lights()?.indicators ?? [];
    if (view() === 'indicator' || !categories()) {
      return list.map((i) => ({
        id: i.id,
        label: `${i.code} ${local(i.name)}`,
        short: i.code,
        members: [i.id],
      }));
    }
    const cats = categories()!;
    // Only categories with lit indicators: an empty column would read as "no data".
    const columnsOf = cats.roots.map((root) => ({
      id: root.id,
      label: `${root.code ?? ''} ${local(root.name)}`,
      short: `${root.code ?? ''} ${local(root.name)}`,
      members: list.filter((i) => cats.rootOf(i.id) === root.id).map((i) => i.id),
    }));
    return columnsOf.filter((c) => c.members.length > 0);
  });
  const cellColour = (unitId: string, members: string[]): string =>
    worstColour(members.map((m) => lightIndex().get(`${unitId}|${m}`)?.colour ?? 'grey'));
  const counts = createMemo(() => {
    const c: Record<string, number> = {};
    for (const l of lights()?.lights ?? []) c[l.colour] = (c[l.colour] ?? 0) + 1;
    return c;
  });

  return (
    <section class="page perf" aria-labelledby="page-title">
      <h1 id="page-title" class="page__title">
        {pt('dash.title')}
      </h1>
      <p class="muted">{pt('dash.intro')}</p>
      <div class="perf-toolbar">
        <label class="perf-inline">
          <span>{pt('dash.peerGroup')}</span>
          <select
            data-testid="dash-group"
            value={currentGroup()?.group ?? ''}
            onChange={(e) => setGroup(e.currentTarget.value)}
          >
            <For each={groups()}>{(g) => <option value={g.group}>{groupName(g.group)}</option>}</For>
          </select>
        </label>
        <label class="perf-inline">
          <span>{pt('dash.month')}</span>
          <input
            type="month"
            data-testid="dash-month"
            value={period() || rankingPeriod() || ''}
            max={today() ? today().slice(0, 7) : undefined}
            onChange={(e) => setPeriod(e.currentTarget.value)}
          />
        </label>
      </div>
      <div class="panel" data-testid="lights-matrix">
        <div class="perf-toolbar">
          <h2 class="panel__title">{pt('dash.lights')}</h2>
          <RecomputingMark when={lights.latest?.recomputing} />
          <div class="perf-tabs">
            <button
              type="button"
              class="btn btn--small"
              aria-pressed={view() === 'category'}
              onClick={() => setView('category')}
            >
              {pt('dash.byCategory')}
            </button>
            <button
              type="button"
              class="btn btn--small"
              aria-pressed={view() === 'indicator'}
              data-testid="lights-by-indicator"
              onClick={() => setView('indicator')}
            >
              {pt('dash.byIndicator')}
            </button>
          </div>
          <span class="perf-asof" data-testid="lights-asof" data-asof={lights.latest?.asOf ?? ''}>
            {lights.latest ? pt('dash.lightsAsOf', { date: lights.latest.asOf }) : ''}
            <Show when={lights.loading}> · {pt('common.loading')}</Show>
          </span>
        </div>
        <div class="perf-legend">
          <For each={COLOURS}>
            {(c) => (
              <span>
                <Dot colour={c} /> {pt(`dash.light.${c}` as PerfKey)}{' '}
                <span class="mono" data-testid={`lights-count-${c}`}>
                  {counts()[c] ?? 0}
                </span>
              </span>
            )}
          </For>
        </div>
        <Show when={lights()} fallback={<LoadingNote error={lights.error} />}>
          <div class="perf-matrix-wrap">
            <table
              class="perf-matrix"
              data-view={view() === 'category' && categories() ? 'category' : 'indicator'}
            >
              <thead>
                <tr>
                  <th>{pt('common.unit')}</th>
                  <For each={columns()}>{(col) => <th title={col.label}>{col.short}</th>}</For>
                </tr>
              </thead>
              <tbody>
                <For each={rows()}>
                  {(unit) => (
                    <tr data-testid={`lights-row-${unit.id}`}>
                      <th scope="row">
                        <a
                          href={href(
                            `${props.basePath}/units/${encodeURIComponent(unit.id)}/${rankingPeriod() ?? ''}`,
                          )}
                        >
                          {local(unit.name)}
                        </a>
                      </th>
                      <For each={columns()}>
                        {(col) => {
                          const colour = () => cellColour(unit.id, col.members);
                          return (
                            <td data-colour={colour()}>
                              <Dot
                                colour={colour()}
                                title={`${local(unit.name)} · ${col.label} · ${pt(`dash.light.${colour()}` as PerfKey)}`}
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
        </Show>
      </div>
      <div class="panel" data-testid="rankings">
        <h2 class="panel__title">
          {pt('dash.rankings')} · {groupName(currentGroup()?.group ?? '')} · {rankings()?.period}
        </h2>
        <RecomputingMark when={rankings.latest?.recomputing} />
        <Show
          when={currentGroup()}
          fallback={
            <p class="muted">{rankingsError() ? String(rankingsError()!.message) : pt('dash.noData')}</p>
          }
        >
          {(g) => (
            <RankingTable
              rows={g().rows}
              basePath={props.basePath}
              period={rankings()?.period}
              gradeName={(id) => local(categories()?.grades.get(id)) || id}
            />
          )}
        </Show>
      </div>
      <Show when={rankingPeriod()}>
        {(p) => (
          <>
            <ListsPanel period={p()} basePath={props.basePath} />
            <ComparisonsPanel
              period={p()}
              members={currentGroup()?.rows.map((r) => r.unitId)}
              unitName={(id) => local(unitNames().get(id)) || id}
              basePath={props.basePath}
            />
          </>
        )}
      </Show>
    </section>
  );
};

/** Red list (bottom of each peer group) and black list (below the threshold or vetoed) of the month. */
const ListsPanel: Component<{ period: string; basePath: string }> = (props) => {
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
      <Show when={lists.latest} fallback={<LoadingNote error={lists.error} />}>
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
                          <td>{row.vetoed ? <span class="badge">veto</span> : '—'}</td>
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

const KINDS: readonly ComparisonKind[] = ['monthOnMonth', 'yearOnYear', 'improvement'];

const signed = (value: number | null, digits: number): string =>
  value === null ? '—' : `${value > 0 ? '+' : ''}${value.toFixed(digits)}`;
const trendClass = (value: number | null): string =>
  value === null || value === 0 ? '' : value > 0 ? 'perf-up' : 'perf-down';

/** Month-on-month, year-on-year or improvement since a base month, per unit of the peer group shown. */
const ComparisonsPanel: Component<{
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
      <Show when={reply.latest} fallback={<LoadingNote error={reply.error} />}>
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

const groupName = (group: string): string => tryPt(`dash.group.${group}`) ?? group;

const RankingTable: Component<{
  rows: RankingRow[];
  basePath: string;
  period?: string;
  gradeName: (id: string) => string;
}> = (props) => {
  const tied = (row: RankingRow) => props.rows.filter((r) => r.rank === row.rank).length > 1;
  return (
    <table class="table">
      <thead>
        <tr>
          <th>{pt('dash.rank')}</th>
          <th>{pt('common.unit')}</th>
          <th>{pt('dash.total')}</th>
          <th>{pt('dash.grade')}</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.rows}>
          {(row) => (
            <tr data-testid="ranking-row" data-rank={row.rank}>
              <td class="mono">
                {row.rank}
                <Show when={tied(row)}>
                  {' '}
                  <span class="badge">{pt('dash.tie')}</span>
                </Show>
              </td>
              <td>
                <a
                  href={href(
                    `${props.basePath}/units/${encodeURIComponent(row.unitId)}${props.period ? `/${props.period}` : ''}`,
                  )}
                >
                  {local(row.name)}
                </a>
                <Show when={row.vetoed}>
                  {' '}
                  <span class="badge">veto</span>
                </Show>
              </td>
              <td class="mono">{row.total.toFixed(2)}</td>
              <td>{row.gradeId ? props.gradeName(row.gradeId) : '—'}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
};

const UnitReportView: Component<{ unitId: string; period?: string; basePath: string }> = (props) => {
  const [report] = createResource(() =>
    performanceApi.unitReport({ unitId: props.unitId, period: props.period }),
  );
  const [grades] = createResource(report, async (r) => {
    const match = r.result?.trace.ruleSet.match(/^(.+)@(\d+)$/);
    if (!match) return new Map<string, { zh: string; en: string }>();
    const version = await ruleSetApi.version(match[1]!, Number(match[2]));
    const policy = version.content.documents.find((d) => d.kind === 'assessmentPolicy') as
      | { grades?: { id: string; name: { zh: string; en: string } }[] }
      | undefined;
    return new Map((policy?.grades ?? []).map((g) => [g.id, g.name]));
  });
  const lang = () => (locale() === 'en' ? 'en' : 'zh') as 'zh' | 'en';
  const link = (format: 'csv' | 'html') =>
    performanceApi.unitReportUrl({
      unitId: props.unitId,
      period: report()?.period ?? props.period,
      format,
      lang: lang(),
    });
  const maxLost = () => Math.max(0.0001, ...(report()?.weakPoints ?? []).map((w) => w.pointsLost));
  const [explained, setExplained] = createSignal<{ indicatorId: string; label: string } | null>(null);
  return (
    <section class="page perf" aria-labelledby="page-title">
      <p>
        <a href={href(props.basePath)}>← {pt('report.back')}</a>
      </p>
      <h1 id="page-title" class="page__title">
        {pt('report.title', { unit: report() ? local(report()!.name) : props.unitId })}
      </h1>
      <Show when={report()} fallback={<LoadingNote error={report.error} />}>
        {(r) => (
          <>
            <div class="perf-toolbar">
              <span class="mono">{r().period}</span>
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
              <div class="panel">
                <h2 class="panel__title">{pt('report.trend')}</h2>
                <TrendChart points={r().trend} testId="report-trend" />
              </div>
              <div class="panel">
                <h2 class="panel__title">{pt('report.rankChanges')}</h2>
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
                <Show when={r().redLights.length > 0} fallback={<p class="muted">{pt('report.none')}</p>}>
                  <ul data-testid="report-red">
                    <For each={r().redLights}>
                      {(l) => (
                        <li>
                          <Dot colour={l.colour} /> <span class="mono small">{l.indicatorId}</span>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </div>
            </div>
            <div class="panel">
              <h2 class="panel__title">{pt('report.weakPoints')}</h2>
              <table class="table" data-testid="report-weak">
                <thead>
                  <tr>
                    <th>{pt('common.indicator')}</th>
                    <th>{pt('common.score')}</th>
                    <th>{pt('report.pointsLost')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  <For each={r().weakPoints.slice(0, 15)}>
                    {(w) => (
                      <tr>
                        <td>
                          <span class="mono small">{w.code}</span> {local(w.name)}
                        </td>
                        <td class="mono">
                          <button
                            type="button"
                            class="perf-score-link"
                            data-testid={`score-${w.indicatorId}`}
                            title={pt('trace.open')}
                            aria-label={`${pt('trace.open')}: ${w.code} ${local(w.name)}`}
                            onClick={() =>
                              setExplained({
                                indicatorId: w.indicatorId,
                                label: `${w.code} ${local(w.name)}`,
                              })
                            }
                          >
                            {w.points.toFixed(1)} / {w.maxScore}
                          </button>
                        </td>
                        <td class="mono">{w.pointsLost.toFixed(3)}</td>
                        <td style={{ width: '160px' }}>
                          <div class="perf-bar" style={{ width: `${(100 * w.pointsLost) / maxLost()}%` }} />
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <Show when={explained()} keyed>
              {(e) => (
                <ScoreTracePanel
                  unitId={props.unitId}
                  indicatorId={e.indicatorId}
                  period={r().period}
                  label={e.label}
                  onClose={() => setExplained(null)}
                />
              )}
            </Show>
          </>
        )}
      </Show>
    </section>
  );
};
