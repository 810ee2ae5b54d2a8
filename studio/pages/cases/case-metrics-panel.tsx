/** @module Case metrics panel (办件指标): GET /api/case-metrics per unit for a month — on-time rate, satisfaction, returns, redo, supervision. */
import type { Component } from 'solid-js';
import { createResource, createSignal, Show } from 'solid-js';
import type { UnitCaseMetrics } from '../../api/cases.ts';
import { DataTable } from '../../components/data-table.tsx';
import { SubmitButton } from '../../components/form-actions.tsx';
import { casesApi } from '../../api/cases.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { districtMonth, serverNow } from '../../lib/server-clock.ts';
import { CaseTabs } from './case-tabs.tsx';
import { ct } from './messages.ts';
import { allUnits, CaseLoadError, unitName } from './shared.tsx';
import './cases.css';

/** The current month `YYYY-MM` in the district's time zone, by the product's clock. */
export const currentMonth = (now: Date = serverNow()): string => districtMonth(now);

/** A rate (fraction) as a percentage with one decimal, or '—' when undefined. */
export const percentText = (rate: number | null | undefined): string =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;

type Column = {
  key: keyof UnitCaseMetrics;
  label: Parameters<typeof ct>[0];
  /** The part and whole shown under a rate. */
  detail?: (m: UnitCaseMetrics) => string;
};

const columns: Column[] = [
  { key: 'dispatched', label: 'metrics.dispatched' },
  { key: 'handled', label: 'metrics.handled' },
  {
    key: 'onTimeRate',
    label: 'metrics.onTimeRate',
    detail: (m) => ct('metrics.rateOf', { part: m.handledOnTime, whole: m.handledWithTimer ?? m.handled }),
  },
  {
    key: 'satisfactionRate',
    label: 'metrics.satisfactionRate',
    detail: (m) => ct('metrics.rateOf', { part: m.satisfied, whole: m.rated }),
  },
  { key: 'returned', label: 'metrics.returned' },
  { key: 'wrongfulReturns', label: 'metrics.wrongfulReturns' },
  { key: 'redo', label: 'metrics.redo' },
  { key: 'supervisionCount', label: 'metrics.supervision' },
  { key: 'avgHandlingWorkingHours', label: 'metrics.avgHours' },
];

const cellText = (m: UnitCaseMetrics, key: keyof UnitCaseMetrics): string => {
  const value = m[key];
  if (key.endsWith('Rate')) return percentText(value as number | null);
  if (key === 'avgHandlingWorkingHours') return value === null ? '—' : (value as number).toFixed(1);
  return String(value ?? '—');
};

/** Metrics per unit for a chosen month; `basePath` shows the case tabs (omitted when embedded elsewhere). */
export const CaseMetricsPanel: Component<{ basePath?: string }> = (props) => {
  const [month, setMonth] = createSignal(currentMonth());
  const [unitId, setUnitId] = createSignal('');
  const [query, setQuery] = createSignal({ month: month(), unitId: '' });
  const [metrics] = createResource(query, (q) =>
    casesApi.metrics({ month: q.month, ...(q.unitId ? { unitId: q.unitId } : {}) }),
  );
  const rows = () =>
    [...(metrics.latest?.items ?? [])].sort(
      (a, b) => b.dispatched - a.dispatched || a.unitId.localeCompare(b.unitId),
    );

  return (
    <section class={props.basePath ? 'page page--wide' : 'case-metrics'} aria-labelledby="metrics-title">
      <div class="case-head">
        <Show
          when={props.basePath}
          fallback={
            <h2 id="metrics-title" class="panel__title">
              {ct('metrics.title')}
            </h2>
          }
        >
          <h1 id="metrics-title" class="page__title">
            {ct('metrics.title')}
          </h1>
        </Show>
      </div>
      <Show when={props.basePath}>{(base) => <CaseTabs basePath={base()} current="metrics" />}</Show>
      <p class="muted">{ct('metrics.intro')}</p>
      <form
        class="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          if (/^\d{4}-(0[1-9]|1[0-2])$/.test(month())) setQuery({ month: month(), unitId: unitId() });
        }}
      >
        <TextField
          inline
          id="metrics-month"
          type="month"
          label={ct('metrics.month')}
          value={month()}
          onValue={setMonth}
        />
        <SelectField
          inline
          id="metrics-unit"
          label={ct('metrics.unit')}
          value={unitId()}
          onValue={setUnitId}
          placeholder={ct('metrics.allUnits')}
          options={allUnits().map((unit) => ({ value: unit.id, label: unitName(unit.id) }))}
        />
        <SubmitButton>{ct('metrics.show')}</SubmitButton>
      </form>
      <CaseLoadError error={metrics.error} />
      <DataTable
        class="table case-table metrics-table"
        testId="case-metrics"
        tableProps={{ 'data-month': metrics.latest?.month ?? '' }}
        rows={rows()}
        loading={metrics.loading}
        empty={ct('metrics.empty')}
        rowProps={(m) => ({ 'data-unit': m.unitId })}
        columns={[
          { key: 'unit', label: ct('metrics.unit'), rowHeader: true, cell: (m) => unitName(m.unitId) },
          ...columns.map((column) => ({
            key: column.key,
            label: ct(column.label),
            class: 'num',
            cellProps: (m: UnitCaseMetrics) => ({
              'data-metric': column.key,
              'data-value': String(m[column.key] ?? ''),
            }),
            cell: (m: UnitCaseMetrics) => (
              <>
                {cellText(m, column.key)}
                <Show when={column.detail && m[column.key] !== null}>
                  <div class="small muted">{column.detail?.(m)}</div>
                </Show>
              </>
            ),
          })),
        ]}
      />
    </section>
  );
};
