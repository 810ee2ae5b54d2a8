/** @module The unit's scores for the month shown, each opening "why this score" (the trace). */
import type { Component } from 'solid-js';
import { createResource, Show } from 'solid-js';
import { Skeleton } from '../../../components/feedback.tsx';
import { DataTable } from '../../../components/data-table.tsx';
import { ScrollRegion } from '../../../components/scroll-region.tsx';
import { errorText } from '../../../lib/error-text.ts';
import { type IndicatorScore, performanceApi } from '../../../api/performance.ts';
import type { PerfKey } from '../messages.ts';
import { pt } from '../messages.ts';
import { pollWhileRecomputing, RecomputingMark } from '../recomputing-mark.tsx';
import { createScoreExplainer, isExcludedScore, scoreColumn, showValue } from '../score-trace.tsx';
import { wt } from './messages.ts';

/** Scores of `unitId` for `period`; `name` gives an indicator's label. */
export const ScoresPanel: Component<{
  unitId: string;
  period: string;
  name: (indicatorId: string) => string;
  /** Changes after a submission, so the scores are read again. */
  version: number;
}> = (props) => {
  const [scores, { refetch }] = createResource(
    () => ({ unitId: props.unitId, period: props.period, version: props.version }),
    (p) => performanceApi.scores({ unitId: p.unitId, period: p.period }),
  );
  // Entries are scored in the background: read again until the figures are current.
  pollWhileRecomputing(() => scores.latest?.recomputing, refetch);
  const explain = createScoreExplainer();
  const failed = (): unknown => (scores as { error?: unknown }).error;
  return (
    <section class="panel" data-testid="my-scores" aria-labelledby="ws-scores-title">
      <div class="perf-toolbar">
        <h2 class="panel__title" id="ws-scores-title">
          {wt('ws.scores', { period: props.period })}
        </h2>
        <Show when={scores.latest?.result}>
          {(res) => (
            <span>
              {wt('ws.total')} <strong class="mono">{res().total.toFixed(2)}</strong>
            </span>
          )}
        </Show>
        <RecomputingMark when={scores.latest?.recomputing} />
        <span class="muted small">{wt('ws.scoresHint')}</span>
      </div>
      <Show when={scores.latest || failed()} fallback={<Skeleton rows={4} label={wt('ws.loading')} />}>
        <Show
          when={(scores.latest?.scores.length ?? 0) > 0}
          fallback={<p class="muted">{failed() ? errorText(failed()) : wt('ws.noScores')}</p>}
        >
          <ScrollRegion class="table-wrap perf-matrix-wrap">
            <DataTable
              wrap={false}
              rows={scores.latest?.scores ?? []}
              rowProps={(sc) => ({ 'data-testid': `score-row-${sc.indicatorId}` })}
              columns={[
                { key: 'indicator', label: wt('ws.indicatorCol'), cell: (sc) => props.name(sc.indicatorId) },
                {
                  key: 'status',
                  label: pt('trace.status'),
                  cell: (sc) => pt(`trace.status.${sc.status}` as PerfKey),
                },
                scoreColumn<IndicatorScore>(
                  (sc) => props.name(sc.indicatorId),
                  (sc) =>
                    isExcludedScore(sc)
                      ? pt('trace.status.noCases')
                      : `${showValue(sc.points)} / ${sc.maxScore}`,
                  explain.open,
                ),
                {
                  key: 'weighted',
                  label: pt('trace.weighted'),
                  class: 'mono',
                  cell: (sc) => (sc.role === 'scored' && !isExcludedScore(sc) ? showValue(sc.weighted) : '—'),
                },
                {
                  key: 'pointsLost',
                  label: pt('trace.pointsLost'),
                  class: 'mono',
                  cell: (sc) =>
                    sc.role === 'scored' && !isExcludedScore(sc) ? showValue(sc.pointsLost) : '—',
                },
              ]}
            />
          </ScrollRegion>
        </Show>
      </Show>
      <explain.Panel unitId={scores.latest?.unitId} period={scores.latest?.period ?? props.period} />
    </section>
  );
};
