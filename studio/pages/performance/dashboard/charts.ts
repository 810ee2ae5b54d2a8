/**
 * @module The dashboard's charts: the ECharts parts it draws (bars, lines; grid, tooltip, legend),
 * registered once here so that they land in the dashboard's lazy chunk, and pure builders of the
 * chart options from the dashboard's figures.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { EChartsCoreOption } from 'echarts/core';
import { useChartParts } from '../../../components/charts/echart.tsx';

useChartParts([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent]);

/** Series colours: distinguishable for colour-blind readers (Okabe–Ito order), then greys. */
export const PALETTE = [
  '#1d4f91',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#0072b2',
  '#8c6d31',
  '#6b6b6b',
  '#a6a6a6',
];

const TEXT = '#1f2933';
const MUTED = '#5b6776';
const AXIS = {
  axisLabel: { color: MUTED },
  axisLine: { lineStyle: { color: '#b7c2cf' } },
  splitLine: { lineStyle: { color: '#e3e7ed' } },
};

/** One named series of numbers (null: no value that month). */
export interface NamedSeries {
  name: string;
  values: (number | null)[];
  /** Drawn as a dashed reference line (e.g. a group mean). */
  isReference?: boolean;
}

/** Horizontal bars of totals, best at the top. */
export function rankingBarsOption(q: { names: string[]; totals: number[] }): EChartsCoreOption {
  const names = [...q.names].reverse();
  const totals = [...q.totals].reverse();
  const min = Math.max(0, Math.floor((Math.min(...totals, 100) - 5) / 10) * 10);
  return {
    animation: false,
    grid: { left: 8, right: 48, top: 8, bottom: 24 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', min, ...AXIS },
    yAxis: {
      type: 'category',
      data: names,
      axisLabel: { color: TEXT, width: 140, overflow: 'truncate' },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        data: totals,
        barMaxWidth: 16,
        itemStyle: { color: PALETTE[0] },
        label: {
          show: true,
          position: 'right',
          color: TEXT,
          formatter: (p: { value: number }) => p.value.toFixed(2),
        },
      },
    ],
  };
}

/** Lines over months (x: `MM` labels of `months`), with a legend. */
export function linesOption(q: {
  months: string[];
  series: NamedSeries[];
  percent?: boolean;
  yMin?: number;
  yMax?: number;
}): EChartsCoreOption {
  const fmt = (v: number) => (q.percent ? `${Math.round(v * 100)}%` : String(Math.round(v * 100) / 100));
  return {
    animation: false,
    color: PALETTE,
    grid: { left: 8, right: 16, top: 40, bottom: 8 },
    legend: { type: 'plain', top: 0, textStyle: { color: TEXT } },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : fmt(v)),
    },
    xAxis: { type: 'category', data: q.months, boundaryGap: false, ...AXIS },
    yAxis: {
      type: 'value',
      scale: q.yMin === undefined,
      ...(q.yMin !== undefined ? { min: q.yMin } : {}),
      ...(q.yMax !== undefined ? { max: q.yMax } : {}),
      ...AXIS,
      axisLabel: { color: MUTED, formatter: fmt },
    },
    series: q.series.map((s) => ({
      name: s.name,
      type: 'line',
      data: s.values,
      connectNulls: false,
      symbolSize: 6,
      lineStyle: s.isReference ? { type: 'dashed', width: 2 } : { width: 2 },
      ...(s.isReference ? { itemStyle: { color: MUTED } } : {}),
    })),
  };
}

/** Stacked bars over months, one series per group, with a legend. */
export function stackedBarsOption(q: { months: string[]; series: NamedSeries[] }): EChartsCoreOption {
  return {
    animation: false,
    color: PALETTE,
    grid: { left: 8, right: 16, top: 56, bottom: 8 },
    legend: { type: 'plain', top: 0, textStyle: { color: TEXT } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: q.months, ...AXIS },
    yAxis: { type: 'value', minInterval: 1, ...AXIS },
    series: q.series.map((s) => ({
      name: s.name,
      type: 'bar',
      stack: 'total',
      data: s.values,
      barMaxWidth: 28,
    })),
  };
}

/** Horizontal bars of rates (0–1) per unit, lowest first at the top. */
export function rateBarsOption(q: { names: string[]; rates: number[] }): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 8, right: 48, top: 8, bottom: 24 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: number) => `${(v * 100).toFixed(1)}%`,
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      ...AXIS,
      axisLabel: { color: MUTED, formatter: (v: number) => `${Math.round(v * 100)}%` },
    },
    yAxis: {
      type: 'category',
      data: [...q.names].reverse(),
      axisLabel: { color: TEXT, width: 140, overflow: 'truncate' },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        data: [...q.rates].reverse(),
        barMaxWidth: 16,
        itemStyle: { color: PALETTE[5] },
        label: {
          show: true,
          position: 'right',
          color: TEXT,
          formatter: (p: { value: number }) => `${(p.value * 100).toFixed(1)}%`,
        },
      },
    ],
  };
}
