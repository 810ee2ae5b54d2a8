/** @module The unit's amendment requests with their decisions, and its indicators with weights and targets. */
import type { Component } from 'solid-js';
import { For, Show } from 'solid-js';
import { Skeleton } from '../../../components/feedback.tsx';
import { DataTable } from '../../../components/data-table.tsx';
import { ScrollRegion } from '../../../components/scroll-region.tsx';
import type { Amendment, UnitIndicator } from '../../../api/performance.ts';
import { tryPt } from '../messages.ts';
import { codeNameColumn } from '../page-parts.tsx';
import { FieldValues } from './field-values.tsx';
import { wt } from './messages.ts';
import { StatusChip } from './status-chip.tsx';
import { TitledPanel } from '../../../components/titled-panel.tsx';

/** The unit's amendment requests, newest first, each with the values asked for. */
export const AmendmentsPanel: Component<{
  items: Amendment[] | undefined;
  name: (indicatorId: string) => string;
  schemaOf: (indicatorId: string) => Record<string, unknown> | undefined;
}> = (props) => (
  <TitledPanel titleId="ws-amendments-title" title={wt('ws.amendments')} testId="my-amendments">
    <Show when={props.items} fallback={<Skeleton rows={2} label={wt('ws.loading')} />}>
      <Show when={(props.items?.length ?? 0) > 0} fallback={<p class="muted">{wt('ws.noAmendments')}</p>}>
        <ul class="ws-amendments">
          <For each={props.items}>
            {(a) => (
              <li data-testid={`amendment-${a.id}`} class="ws-amendments__item">
                <div class="ws-amendments__head">
                  <strong>{props.name(a.indicatorId)}</strong>
                  <span class="mono small">{a.period}</span>
                  <StatusChip status={a.status} testId="amendment-status" />
                </div>
                <div class="small">
                  {wt('ws.reason')}：{a.reason}
                </div>
                <FieldValues schema={props.schemaOf(a.indicatorId)} values={a.values} />
                <Show when={a.note}>
                  <div class="muted small">{a.note}</div>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </Show>
  </TitledPanel>
);

/** The unit's indicators with frequency, weight and target (collapsed under a summary). */
export const IndicatorsPanel: Component<{ items: UnitIndicator[] | undefined }> = (props) => (
  <details class="panel ws-indicators" data-testid="my-indicators">
    <summary class="panel__title">{wt('ws.indicators')}</summary>
    <Show when={props.items} fallback={<Skeleton rows={3} label={wt('ws.loading')} />}>
      <ScrollRegion class="table-wrap perf-matrix-wrap">
        <DataTable
          wrap={false}
          rows={props.items}
          columns={[
            codeNameColumn(wt('ws.indicatorCol')),
            {
              key: 'period',
              label: wt('ws.period'),
              cell: (ind) => tryPt(`freq.${ind.frequency}`) ?? ind.frequency,
            },
            {
              key: 'weight',
              label: wt('ws.weight'),
              class: 'mono',
              cell: (ind) => `${(ind.weight * 100).toFixed(2)}%`,
            },
            {
              key: 'target',
              label: wt('ws.targetCol'),
              class: 'mono',
              cell: (ind) => (ind.target ? ind.target.value : '—'),
            },
          ]}
        />
      </ScrollRegion>
    </Show>
  </details>
);
