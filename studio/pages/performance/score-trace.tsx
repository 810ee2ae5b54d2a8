/** @module "Why this score" (得分说明): a panel that explains one indicator score from its trace — rule-set version, inputs, weights, cap/floor, veto and the operator trace tree. */
import type { Component, JSX } from 'solid-js';
import type { DataColumn } from '../../components/data-table.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { createResource, createSignal, For, onMount, Show } from 'solid-js';
import type { TraceNode } from '../../../engine/core/rule-language.ts';
import { NO_CASES_POLICY_NAMES } from '../../../engine/core/routing/metric-catalogue.ts';
import { operatorLabel } from '../../../engine/core/scoring/operators/labels.ts';
import type { NoCasesTrace } from '../../../engine/core/scoring/pipeline.ts';
import { errorText } from '../../lib/error-text.ts';
import type { IndicatorScore } from '../../api/performance.ts';
import { performanceApi } from '../../api/performance.ts';
import type { PerfKey } from './messages.ts';
import { local, pt } from './messages.ts';
import './performance.css';

/** An indicator score picked to be explained: the indicator and the label its panel shows. */
export type ScorePick = { indicatorId: string; label: string };

/** A score in a table that opens its "why this score" panel (`onOpen` with the indicator and its label). */
export const ScoreLink: Component<{
  indicatorId: string;
  label: string;
  onOpen: (pick: ScorePick) => void;
  children: JSX.Element;
}> = (props) => (
  <button
    type="button"
    class="perf-score-link"
    data-testid={`score-${props.indicatorId}`}
    title={pt('trace.open')}
    aria-label={`${pt('trace.open')}: ${props.label}`}
    onClick={() => props.onOpen({ indicatorId: props.indicatorId, label: props.label })}
  >
    {props.children}
  </button>
);

/**
 * The `score` column (得分) of a table of indicator scores: each row's `text` as a {@link ScoreLink}
 * named `label` that opens "why this score" through `onOpen`.
 */
export const scoreColumn = <R extends { indicatorId: string }>(
  label: (row: R) => string,
  text: (row: R) => JSX.Element,
  onOpen: (pick: ScorePick) => void,
): DataColumn<R> => ({
  key: 'score',
  label: pt('common.score'),
  class: 'mono',
  cell: (row) => (
    <ScoreLink indicatorId={row.indicatorId} label={label(row)} onOpen={onOpen}>
      {text(row)}
    </ScoreLink>
  ),
});

/**
 * The score whose "why this score" panel is open: `open` (a {@link ScoreLink}'s `onOpen`) picks one,
 * and `Panel` shows it for the unit and month until its close button clears the pick.
 */
export const createScoreExplainer = () => {
  const [pick, setPick] = createSignal<ScorePick | null>(null);
  const Panel: Component<{ unitId?: string; period: string }> = (props) => (
    <Show when={pick()} keyed>
      {(e) => (
        <ScoreTracePanel
          unitId={props.unitId}
          indicatorId={e.indicatorId}
          period={props.period}
          label={e.label}
          onClose={() => setPick(null)}
        />
      )}
    </Show>
  );
  return { open: (p: ScorePick): void => void setPick(p), Panel };
};

/** A value as short JSON for a table cell. */
export const showValue = (value: unknown): string => {
  if (value === undefined) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(+value.toFixed(4));
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
};

/** A no-cases score left out of the total: it has no points to show (not 0). */
export const isExcludedScore = (s: Pick<IndicatorScore, 'status' | 'trace'>): boolean =>
  s.status === 'noCases' && s.trace.noCases?.applied === 'exclude';

/** What a no-cases score did, in words: left out, carried from a month, or the policy's name. */
export const noCasesText = (n: NoCasesTrace): string => {
  if (n.applied === 'exclude')
    return n.policy === 'carryForward' ? pt('trace.carryNone') : pt('trace.noCasesExcluded');
  if (n.applied === 'carryForward' && n.carriedFrom) return pt('trace.carriedFrom', { month: n.carriedFrom });
  return local(NO_CASES_POLICY_NAMES[n.applied]);
};

/** One operator of the trace by its catalogue name (保留小数), its code, inputs and output, with its operands nested below. */
export const TraceTree: Component<{ node: TraceNode; depth: number }> = (props) => (
  <li data-testid="trace-node" data-op={props.node.op}>
    <details open={props.depth < 3}>
      <summary>
        <Show when={operatorLabel(props.node.op)}>
          {(name) => <span class="perf-why__name">{local(name())} </span>}
        </Show>
        <code class="perf-why__op">{props.node.op}</code>
        <span class="muted small"> ({props.node.inputs.map(showValue).join(', ')})</span> →{' '}
        <strong class="mono">{showValue(props.node.output)}</strong>
      </summary>
      <Show when={props.node.children.length > 0}>
        <ul class="perf-why__tree">
          <For each={props.node.children}>
            {(child) => <TraceTree node={child} depth={props.depth + 1} />}
          </For>
        </ul>
      </Show>
    </details>
  </li>
);

/** Rows of a flat key/value table from an object (one level; nested values as JSON). */
const pairs = (value: Record<string, unknown> | null | undefined): [string, unknown][] =>
  value ? Object.entries(value) : [];

/**
 * Loads `GET /api/performance/scores?explain=true` for one (unit, indicator, month) and shows why the
 * score is what it is. `unitId` may be omitted for a unit user (the server scopes it).
 */
export const ScoreTracePanel: Component<{
  unitId?: string;
  indicatorId: string;
  period: string;
  label: string;
  onClose: () => void;
}> = (props) => {
  const [reply] = createResource(
    () => ({ unitId: props.unitId, indicatorId: props.indicatorId, period: props.period }),
    (p) => performanceApi.scores({ ...p, explain: true }),
  );
  const score = (): IndicatorScore | undefined => reply()?.scores[0];
  let panel: HTMLElement | undefined;
  onMount(() => panel?.scrollIntoView?.({ block: 'nearest' }));
  return (
    <aside
      ref={panel}
      class="panel perf-why"
      data-testid="trace-panel"
      aria-label={pt('trace.title', { indicator: props.label })}
    >
      <div class="perf-toolbar">
        <h2 class="panel__title">{pt('trace.title', { indicator: props.label })}</h2>
        <button
          type="button"
          class="btn btn--small"
          data-testid="trace-close"
          onClick={() => props.onClose()}
        >
          {pt('trace.close')}
        </button>
      </div>
      <Show
        when={score()}
        fallback={
          <p class="muted">
            {reply.error ? errorText(reply.error) : reply() ? pt('dash.noData') : pt('common.loading')}
          </p>
        }
      >
        {(s) => (
          <>
            <dl class="facts perf-why__facts">
              <dt>{pt('trace.ruleSet')}</dt>
              <dd class="mono" data-testid="trace-ruleset">
                {s().trace.ruleSet}
              </dd>
              <dt>{pt('trace.scoringRule')}</dt>
              <dd class="mono">{s().trace.scoringRuleId ?? '—'}</dd>
              <dt>{pt('trace.reportPeriod')}</dt>
              <dd class="mono">{s().trace.reportPeriod}</dd>
              <dt>{pt('trace.status')}</dt>
              <dd data-testid="trace-status" data-status={s().status}>
                {pt(`trace.status.${s().status}` as PerfKey)}
              </dd>
              <Show when={s().trace.noCases}>
                {(n) => (
                  <>
                    <dt>{pt('trace.noCases')}</dt>
                    <dd data-testid="trace-no-cases" data-applied={n().applied}>
                      {noCasesText(n())}
                    </dd>
                  </>
                )}
              </Show>
              <dt>{pt('trace.raw')}</dt>
              <dd class="mono">{showValue(s().trace.raw)}</dd>
              <dt>{pt('trace.capHit')}</dt>
              <dd data-testid="trace-cap" data-cap={s().trace.capHit ?? 'none'}>
                {s().trace.capHit === 'cap'
                  ? pt('trace.cap')
                  : s().trace.capHit === 'floor'
                    ? pt('trace.floor')
                    : pt('trace.noCap')}
              </dd>
              <dt>{pt('trace.points')}</dt>
              <dd class="mono" data-testid="trace-points">
                {isExcludedScore(s())
                  ? pt('trace.status.noCases')
                  : `${showValue(s().points)} / ${s().maxScore}`}
              </dd>
              <Show when={s().trace.weight}>
                {(w) => (
                  <>
                    <dt>{pt('trace.weight')}</dt>
                    <dd class="mono" data-testid="trace-weight">
                      {showValue(w().nominal)} / {showValue(w().effective)}
                    </dd>
                    <dt>{pt('trace.weighted')}</dt>
                    <dd class="mono">
                      {showValue(s().weighted)} ({pt('trace.pointsLost')} {showValue(s().pointsLost)})
                    </dd>
                  </>
                )}
              </Show>
              <dt>{pt('trace.veto')}</dt>
              <dd data-testid="trace-veto">{s().trace.vetoReason ?? pt('trace.vetoNone')}</dd>
            </dl>
            <Show when={s().trace.issues.length > 0}>
              <h3 class="perf-subhead">{pt('trace.issues')}</h3>
              <ul>
                <For each={s().trace.issues}>
                  {(issue) => (
                    <li class="small">
                      <span class="mono">{issue.path || '/'}</span> {issue.message}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <h3 class="perf-subhead">{pt('trace.inputs')}</h3>
            <DataTable
              wrap={false}
              headless
              testId="trace-inputs"
              rows={pairs(s().trace.inputs)}
              columns={[
                { key: 'key', label: '', rowHeader: true, class: 'mono small', cell: ([key]) => key },
                { key: 'value', label: '', class: 'mono small', cell: ([, value]) => showValue(value) },
              ]}
            />
            <Show when={s().trace.entry}>
              {(entry) => (
                <p class="small muted" data-testid="trace-entry">
                  {pt('trace.entry')}: {entry().period}
                  {entry().ruleSetVersion !== undefined ? ` · v${entry().ruleSetVersion}` : ''}
                  {entry().submittedAt ? ` · ${entry().submittedAt!.replace('T', ' ').slice(0, 16)}` : ''}
                </p>
              )}
            </Show>
            <h3 class="perf-subhead">{pt('trace.tree')}</h3>
            <Show when={s().trace.ruleTrace} fallback={<p class="muted small">{pt('trace.noTree')}</p>}>
              {(tree) => (
                <ul class="perf-why__tree perf-why__tree--root" data-testid="trace-tree">
                  <TraceTree node={tree()} depth={0} />
                </ul>
              )}
            </Show>
          </>
        )}
      </Show>
    </aside>
  );
};
