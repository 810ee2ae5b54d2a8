/** @module Comparisons and reports: rankings with ties and peer groups, red/black lists, MoM/YoY, analysis reports, CSV and printable HTML. */
import type {
  GetApiPerformanceComparisonsResponse,
  RankingRow as ApiRankingRow,
} from '../../../schemas/api-types.gen.ts';
import type { LocalizedText } from '../errors.ts';
import type { Light } from './lights.ts';
import { monthOf, periodOf } from './model.ts';
import {
  allScores,
  competitionRanks,
  resultKey,
  type ScoringState,
  scoreOf,
  type UnitResult,
} from './pipeline.ts';

/** One row of a ranking, as the API's `RankingRow` schema describes it. */
export type RankingRow = ApiRankingRow;

/** Competition-ranked units of a peer group (or every unit when `group` is omitted) for a month. */
export function ranking(state: ScoringState, q: { period: string; group?: string }): RankingRow[] {
  const { model } = state;
  const ids = q.group ? (model.peerGroups.get(q.group) ?? []) : [...model.units.keys()];
  const results = ids
    .map((u) => state.results.get(resultKey(u, q.period)))
    .filter((r): r is UnitResult => r !== undefined);
  const ranks = competitionRanks(results.map((r) => r.total));
  return results
    .map((r, i) => ({
      rank: ranks[i]!,
      unitId: r.unitId,
      name: model.units.get(r.unitId)!.name,
      total: r.total,
      gradeId: r.gradeId,
      vetoed: r.vetoed,
    }))
    .sort((a, b) => a.rank - b.rank || (a.unitId < b.unitId ? -1 : 1));
}

/** Red list (bottom N of each peer group) and black list (total below the threshold or vetoed). */
export function redBlackLists(
  state: ScoringState,
  q: { period: string; redBottom?: number; blackBelow?: number },
): { red: (RankingRow & { group: string })[]; black: RankingRow[] } {
  const { lists } = state.model.policy;
  const bottom = q.redBottom ?? lists.redBottom;
  const below = q.blackBelow ?? lists.blackBelow;
  const red: (RankingRow & { group: string })[] = [];
  for (const group of [...state.model.peerGroups.keys()].sort()) {
    const rows = ranking(state, { period: q.period, group });
    if (rows.length <= 1 || bottom <= 0) continue;
    // Ties at the boundary are all listed: the cut is by rank, not by position.
    const cut = rows[Math.max(0, rows.length - bottom)]!.rank;
    for (const row of rows) if (row.rank >= cut) red.push({ ...row, group });
  }
  const black = ranking(state, { period: q.period }).filter((r) => r.vetoed || r.total < below);
  return { red, black };
}

/** Change of a unit between two months, as `GET /api/performance/comparisons` lists it. */
export type Comparison = GetApiPerformanceComparisonsResponse['items'][number];

function compare(
  unitId: string,
  now: UnitResult | undefined,
  then: UnitResult | undefined,
  q: { period: string; basePeriod: string; group: string },
): Comparison {
  const total = now?.total ?? null;
  const baseTotal = then?.total ?? null;
  const change = total !== null && baseTotal !== null ? total - baseTotal : null;
  const rank = now?.ranks[q.group] ?? null;
  const baseRank = then?.ranks[q.group] ?? null;
  return {
    unitId,
    period: q.period,
    basePeriod: q.basePeriod,
    total,
    baseTotal,
    change,
    changeRate: change !== null && baseTotal ? change / Math.abs(baseTotal) : null,
    rank,
    baseRank,
    rankImprovement: rank !== null && baseRank !== null ? baseRank - rank : null,
  };
}

/** Month-on-month comparison of every unit (or `unitIds`) for `period` against the month before. */
export function monthOnMonth(
  state: ScoringState,
  q: { period: string; unitIds?: readonly string[] },
): Comparison[] {
  const m = monthOf(q.period);
  const basePeriod = m > 1 ? periodOf(state.model.year, m - 1) : `${state.model.year - 1}-12`;
  return (q.unitIds ?? [...state.model.units.keys()]).map((u) =>
    compare(u, state.results.get(resultKey(u, q.period)), state.results.get(resultKey(u, basePeriod)), {
      period: q.period,
      basePeriod,
      group: state.model.units.get(u)?.peerGroups[0] ?? 'all',
    }),
  );
}

/** Year-on-year comparison against the same month of a previous year's state (null values without one). */
export function yearOnYear(
  state: ScoringState,
  q: { period: string; previous?: ScoringState; unitIds?: readonly string[] },
): Comparison[] {
  const basePeriod = `${Number(q.period.slice(0, 4)) - 1}${q.period.slice(4)}`;
  return (q.unitIds ?? [...state.model.units.keys()]).map((u) =>
    compare(u, state.results.get(resultKey(u, q.period)), q.previous?.results.get(resultKey(u, basePeriod)), {
      period: q.period,
      basePeriod,
      group: state.model.units.get(u)?.peerGroups[0] ?? 'all',
    }),
  );
}

/** Units ordered by improvement (total change) between two months, most improved first. */
export function improvement(state: ScoringState, q: { period: string; basePeriod: string }): Comparison[] {
  return [...state.model.units.keys()]
    .map((u) =>
      compare(u, state.results.get(resultKey(u, q.period)), state.results.get(resultKey(u, q.basePeriod)), {
        ...q,
        group: state.model.units.get(u)?.peerGroups[0] ?? 'all',
      }),
    )
    .filter((c) => c.change !== null)
    .sort((a, b) => b.change! - a.change! || (a.unitId < b.unitId ? -1 : 1));
}

/** An indicator where points were lost. */
export interface WeakPoint {
  indicatorId: string;
  code: string;
  name: LocalizedText;
  points: number;
  maxScore: number;
  /** Weighted points lost in the unit's total. */
  pointsLost: number;
  status: string;
}

/** Automatic analysis of one unit for a month. */
export interface UnitReport {
  unitId: string;
  name: LocalizedText;
  period: string;
  result: UnitResult | null;
  /** Weak points ranked by weighted points lost (largest first). */
  weakPoints: WeakPoint[];
  redLights: Light[];
  rankChange: Comparison;
  /** Totals from January to `period`. */
  trend: { period: string; total: number | null }[];
  /** Least-squares slope of the trend in points per month (null with < 2 points). */
  slope: number | null;
  findings: LocalizedText[];
}

function slopeOf(values: (number | null)[]): number | null {
  const pts = values
    .map((v, i) => [i, v] as const)
    .filter((p): p is readonly [number, number] => p[1] !== null);
  if (pts.length < 2) return null;
  const n = pts.length;
  const mx = pts.reduce((s, p) => s + p[0], 0) / n;
  const my = pts.reduce((s, p) => s + p[1], 0) / n;
  const sxx = pts.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  const sxy = pts.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

const fmt = (x: number) => String(Math.round(x * 100) / 100);

/** The unit's scored indicators that lost points, most lost first. */
function weakPointsOf(state: ScoringState, unitId: string, period: string): WeakPoint[] {
  const weakPoints: WeakPoint[] = [];
  for (const leaf of state.model.leavesByUnit.get(unitId) ?? []) {
    if (leaf.role !== 'scored') continue;
    const s = scoreOf(state, { unitId, indicatorId: leaf.id, period });
    if (!s || s.pointsLost <= 1e-12) continue;
    weakPoints.push({
      indicatorId: leaf.id,
      code: leaf.code,
      name: leaf.name,
      points: s.points,
      maxScore: s.maxScore,
      pointsLost: s.pointsLost,
      status: s.status,
    });
  }
  return weakPoints.sort((a, b) => b.pointsLost - a.pointsLost || (a.code < b.code ? -1 : 1));
}

/** The report's findings in words: veto, the worst indicator, rank change, trend (naming its span), red lights. */
function findingsOf(
  report: Pick<UnitReport, 'result' | 'weakPoints' | 'rankChange' | 'trend' | 'slope' | 'redLights'>,
): LocalizedText[] {
  const { result, rankChange, trend, slope } = report;
  const worst = report.weakPoints[0];
  const findings: LocalizedText[] = [];
  if (result?.vetoed)
    findings.push({
      en: `Vetoed: ${result.trace.vetoReasons.join('; ')}`,
      zh: `一票否决：${result.trace.vetoReasons.join('；')}`,
    });
  if (worst)
    findings.push({
      en: `Most points lost on ${worst.name.en} (${fmt(worst.pointsLost)})`,
      zh: `失分最多的指标：${worst.name.zh}（${fmt(worst.pointsLost)} 分）`,
    });
  if (rankChange?.rankImprovement)
    findings.push(
      rankChange.rankImprovement > 0
        ? {
            en: `Up ${rankChange.rankImprovement} places on the month before`,
            zh: `较上月排名上升 ${rankChange.rankImprovement} 位`,
          }
        : {
            en: `Down ${-rankChange.rankImprovement} places on the month before`,
            zh: `较上月排名下降 ${-rankChange.rankImprovement} 位`,
          },
    );
  if (slope !== null) {
    // The trend is over the months of the year so far, the rank change over one month: each says its span.
    const span = `${trend[0]!.period}–${trend.at(-1)!.period}`;
    findings.push(
      slope >= 0
        ? {
            en: `Total score rising over ${span}, ${fmt(slope)} points/month`,
            zh: `${span} 总分呈上升趋势，月均 +${fmt(slope)} 分`,
          }
        : {
            en: `Total score falling over ${span}, ${fmt(-slope)} points/month`,
            zh: `${span} 总分呈下降趋势，月均 -${fmt(-slope)} 分`,
          },
    );
  }
  if (report.redLights.length > 0)
    findings.push({
      en: `${report.redLights.length} red or overdue lights`,
      zh: `${report.redLights.length} 个红灯或逾期`,
    });
  return findings;
}

/** The analysis report of one unit: weak points, red/overdue lights, rank change, trend and findings. */
export function unitReport(
  state: ScoringState,
  q: { unitId: string; period: string; lights?: readonly Light[]; top?: number },
): UnitReport {
  const { model } = state;
  const unit = model.units.get(q.unitId);
  const result = state.results.get(resultKey(q.unitId, q.period)) ?? null;
  const weakPoints = weakPointsOf(state, q.unitId, q.period).slice(0, q.top ?? 10);
  const redLights = (q.lights ?? []).filter(
    (l) => l.unitId === q.unitId && (l.colour === 'red' || l.colour === 'overdue'),
  );
  const [rankChange] = monthOnMonth(state, { period: q.period, unitIds: [q.unitId] });
  const trend = Array.from({ length: monthOf(q.period) }, (_, i) => {
    const period = periodOf(model.year, i + 1);
    return { period, total: state.results.get(resultKey(q.unitId, period))?.total ?? null };
  });
  const slope = slopeOf(trend.map((t) => t.total));
  const parts = { result, weakPoints, redLights, rankChange: rankChange!, trend, slope };
  return {
    unitId: q.unitId,
    name: unit?.name ?? { en: q.unitId, zh: q.unitId },
    period: q.period,
    ...parts,
    findings: findingsOf(parts),
  };
}

/** District-wide analysis for a month. */
export interface DistrictReport {
  period: string;
  unitCount: number;
  gradeCounts: Record<string, number>;
  groups: { group: string; mean: number; best: RankingRow | null; worst: RankingRow | null }[];
  /** Indicators by weighted points lost summed over all units. */
  weakIndicators: {
    indicatorId: string;
    code: string;
    name: LocalizedText;
    pointsLost: number;
    units: number;
  }[];
  lists: ReturnType<typeof redBlackLists>;
  lightCounts: Record<string, number>;
  mostImproved: Comparison[];
  mostDeclined: Comparison[];
}

/** The district report: grade distribution, peer-group summaries, weakest indicators, lists, lights, movers. */
export function districtReport(
  state: ScoringState,
  q: { period: string; lights?: readonly Light[]; top?: number },
): DistrictReport {
  const { model } = state;
  const top = q.top ?? 10;
  const results = [...model.units.keys()]
    .map((u) => state.results.get(resultKey(u, q.period)))
    .filter((r): r is UnitResult => r !== undefined);
  const gradeCounts: Record<string, number> = {};
  for (const g of model.policy.grades) gradeCounts[g.id] = 0;
  for (const r of results) if (r.gradeId) gradeCounts[r.gradeId] = (gradeCounts[r.gradeId] ?? 0) + 1;
  const groups = [...model.peerGroups.keys()].sort().map((group) => {
    const rows = ranking(state, { period: q.period, group });
    return {
      group,
      mean: rows.length ? rows.reduce((s, r) => s + r.total, 0) / rows.length : 0,
      best: rows[0] ?? null,
      worst: rows.at(-1) ?? null,
    };
  });
  const lost = new Map<string, { pointsLost: number; units: number }>();
  for (const s of allScores(state)) {
    if (s.period !== q.period || s.role !== 'scored' || s.pointsLost <= 1e-12) continue;
    const e = lost.get(s.indicatorId) ?? { pointsLost: 0, units: 0 };
    e.pointsLost += s.pointsLost;
    e.units++;
    lost.set(s.indicatorId, e);
  }
  const weakIndicators = [...lost]
    .map(([id, e]) => {
      const leaf = model.leafById.get(id)!;
      return { indicatorId: id, code: leaf.code, name: leaf.name, ...e };
    })
    .sort((a, b) => b.pointsLost - a.pointsLost || (a.code < b.code ? -1 : 1))
    .slice(0, top);
  const lightCounts: Record<string, number> = { green: 0, yellow: 0, red: 0, grey: 0, overdue: 0 };
  for (const l of q.lights ?? []) lightCounts[l.colour] = (lightCounts[l.colour] ?? 0) + 1;
  const m = monthOf(q.period);
  const moves =
    m > 1 ? improvement(state, { period: q.period, basePeriod: periodOf(model.year, m - 1) }) : [];
  return {
    period: q.period,
    unitCount: results.length,
    gradeCounts,
    groups,
    weakIndicators,
    lists: redBlackLists(state, { period: q.period }),
    lightCounts,
    mostImproved: moves.slice(0, 5),
    mostDeclined: [...moves].reverse().slice(0, 5),
  };
}

/** One CSV field: quoted when it holds a comma, quote, CR or LF (quotes doubled); formula triggers neutralised. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  // A leading = + - @ would run as a formula in spreadsheets; numbers are left alone.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV document (RFC 4180, CRLF line ends) from a header and rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** CSV of a ranking (rank, unit id, Chinese and English names, total, grade, vetoed). */
export function rankingCsv(rows: readonly RankingRow[]): string {
  return toCsv(
    ['rank', 'unitId', 'nameZh', 'nameEn', 'total', 'grade', 'vetoed'],
    rows.map((r) => [r.rank, r.unitId, r.name.zh, r.name.en, r.total, r.gradeId, r.vetoed]),
  );
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A printable, self-contained HTML page of a unit report (every value escaped). */
export function renderUnitReportHtml(report: UnitReport, lang: 'zh' | 'en' = 'zh'): string {
  const t = (x: LocalizedText) => escapeHtml(x[lang]);
  const L =
    lang === 'zh'
      ? {
          title: '绩效分析报告',
          total: '总分',
          grade: '等次',
          weak: '失分项',
          lost: '失分',
          trend: '趋势',
          lights: '红灯/逾期',
          findings: '分析',
        }
      : {
          title: 'Performance analysis',
          total: 'Total',
          grade: 'Grade',
          weak: 'Weak points',
          lost: 'Points lost',
          trend: 'Trend',
          lights: 'Red/overdue lights',
          findings: 'Findings',
        };
  const r = report.result;
  const rows = report.weakPoints
    .map(
      (w) =>
        `<tr><td>${escapeHtml(w.code)}</td><td>${t(w.name)}</td><td>${escapeHtml(fmt(w.points))}/${escapeHtml(w.maxScore)}</td><td>${escapeHtml(fmt(w.pointsLost))}</td></tr>`,
    )
    .join('');
  const trend = report.trend
    .map((p) => `<li>${escapeHtml(p.period)}: ${escapeHtml(p.total ?? '—')}</li>`)
    .join('');
  const lights = report.redLights
    .map((l) => `<li>${escapeHtml(l.indicatorId)} — ${escapeHtml(l.colour)}</li>`)
    .join('');
  const findings = report.findings.map((f) => `<li>${t(f)}</li>`).join('');
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${escapeHtml(L.title)} · ${t(report.name)} · ${escapeHtml(report.period)}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px}@media print{body{margin:0}}</style></head>
<body><h1>${t(report.name)} · ${escapeHtml(report.period)}</h1>
<p>${escapeHtml(L.total)}: <strong>${escapeHtml(r?.total ?? '—')}</strong> · ${escapeHtml(L.grade)}: ${escapeHtml(r?.gradeId ?? '—')}</p>
<h2>${escapeHtml(L.findings)}</h2><ul>${findings}</ul>
<h2>${escapeHtml(L.weak)}</h2><table><thead><tr><th>#</th><th></th><th></th><th>${escapeHtml(L.lost)}</th></tr></thead><tbody>${rows}</tbody></table>
<h2>${escapeHtml(L.lights)}</h2><ul>${lights}</ul>
<h2>${escapeHtml(L.trend)}</h2><ul>${trend}</ul>
</body></html>
`;
}
