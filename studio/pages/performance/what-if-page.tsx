/** @module What-if (模拟测算): score a draft version over the ledger history and show per-unit and per-indicator deltas against the published version. */
import type { Component } from 'solid-js';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { ApiError, api } from '../../api.ts';
import type { WhatIfResult } from '../../performance-api.ts';
import { performanceApi } from '../../performance-api.ts';
import { ruleSetApi } from '../../rule-sets-api.ts';
import { currentVersion } from './draft-store.tsx';
import { local, pt } from './messages.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import './performance.css';

const fmt = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : value.toFixed(2);
const sign = (d: number): string => (d > 0 ? `+${d.toFixed(3)}` : d.toFixed(3));
const isChanged = (d: number): boolean => Math.abs(d) > 1e-9;

/** A signed delta, coloured up or down (zero stays plain). */
const DeltaCell: Component<{ delta: number }> = (props) => (
  <td class={`mono ${props.delta > 0 ? 'perf-delta--up' : props.delta < 0 ? 'perf-delta--down' : ''}`}>
    {sign(props.delta)}
  </td>
);

/** The what-if page (admin; auditors may run it too). */
export const WhatIfPage: Component = () => {
  const [sets] = createResource(async () =>
    (await ruleSetApi.list()).filter((s) => !s.id.endsWith('-cases')),
  );
  const drafts = () =>
    (sets() ?? []).flatMap((s) =>
      s.versions
        .filter((v) => v.status === 'draft' || v.status === 'inReview' || v.status === 'approved')
        .map((v) => ({ set: s, v })),
    );
  const [unitList] = createResource(async () => (await api.units()).items);
  const unitName = (id: string): string => {
    const unit = unitList()?.find((u) => u.id === id);
    return unit ? local({ zh: unit.name, en: unit.nameEn ?? unit.name }) : id;
  };
  const indicatorName = (id: string): string => {
    const doc = currentVersion()?.content.documents.find((d) => d.kind === 'indicator' && d.id === id) as
      | { code?: string; name?: { zh: string; en: string } }
      | undefined;
    return doc?.name ? `${doc.code ?? ''} ${local(doc.name)}` : id;
  };
  const [pick, setPick] = createSignal('');
  const chosen = () => {
    const value =
      pick() || (currentVersion() ? `${currentVersion()!.ruleSetId}@${currentVersion()!.number}` : '');
    return drafts().find((d) => `${d.set.id}@${d.v.number}` === value) ?? drafts()[0];
  };
  const [result, setResult] = createSignal<WhatIfResult | null>(null);
  const [isRunning, setRunning] = createSignal(false);
  const [error, setError] = createSignal('');
  const [period, setPeriod] = createSignal('');
  const [onlyChanged, setOnlyChanged] = createSignal(true);

  const run = async (): Promise<void> => {
    const d = chosen();
    if (!d) return;
    setRunning(true);
    setError('');
    try {
      const reply = await performanceApi.whatIf({ ruleSetId: d.set.id, draftVersion: d.v.number });
      setResult(reply);
      setPeriod(reply.periods.at(-1) ?? '');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setRunning(false);
    }
  };

  const units = createMemo(() =>
    (result()?.units ?? [])
      .filter((u) => u.period === period() && (!onlyChanged() || isChanged(u.delta)))
      .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta)),
  );
  const indicators = createMemo(() =>
    (result()?.indicators ?? [])
      .filter(
        (i) =>
          i.period === period() && (!onlyChanged() || isChanged(i.weightedDelta) || i.added || i.removed),
      )
      .sort((a, b) => Math.abs(b.weightedDelta) - Math.abs(a.weightedDelta)),
  );
  const changedCounts = createMemo(() => ({
    units: (result()?.units ?? []).filter((u) => u.period === period() && isChanged(u.delta)).length,
    indicators: (result()?.indicators ?? []).filter(
      (i) => i.period === period() && isChanged(i.weightedDelta),
    ).length,
  }));

  return (
    <section class="page perf" aria-labelledby="page-title">
      <h1 id="page-title" class="page__title">
        {pt('whatIf.title')}
      </h1>
      <p class="muted">{pt('whatIf.intro')}</p>
      <div class="panel perf-toolbar">
        <label class="perf-inline">
          <span>{pt('whatIf.version')}</span>
          <select
            data-testid="whatif-version"
            value={chosen() ? `${chosen()!.set.id}@${chosen()!.v.number}` : ''}
            onChange={(e) => setPick(e.currentTarget.value)}
          >
            <For each={drafts()}>
              {(d) => (
                <option value={`${d.set.id}@${d.v.number}`}>
                  {local(d.set.name)} v{d.v.number} ({d.v.status})
                </option>
              )}
            </For>
          </select>
        </label>
        <button
          type="button"
          class="btn btn--primary"
          data-testid="whatif-run"
          disabled={!chosen() || isRunning()}
          onClick={run}
        >
          {isRunning() ? pt('whatIf.running') : pt('whatIf.run')}
        </button>
        <Show when={result()}>
          {(r) => (
            <>
              <label class="perf-inline">
                <span>{pt('common.month')}</span>
                <select
                  value={period()}
                  onChange={(e) => setPeriod(e.currentTarget.value)}
                  data-testid="whatif-period"
                >
                  <For each={r().periods}>{(p) => <option value={p}>{p}</option>}</For>
                </select>
              </label>
              <label class="perf-check">
                <input
                  type="checkbox"
                  checked={onlyChanged()}
                  onChange={(e) => setOnlyChanged(e.currentTarget.checked)}
                />
                <span>{pt('whatIf.onlyChanged')}</span>
              </label>
              <span class="muted small">
                {r().published} → {r().draft}
              </span>
            </>
          )}
        </Show>
      </div>
      <ErrorAlert message={error()} testId="whatif-error" />
      <Show when={result()}>
        <p class="notice" data-testid="whatif-summary">
          {changedCounts().units + changedCounts().indicators === 0
            ? pt('whatIf.noChange')
            : pt('whatIf.summary', changedCounts())}
        </p>
        <div class="perf-grid2">
          <div class="panel" data-testid="whatif-units">
            <h2 class="panel__title">{pt('whatIf.byUnit')}</h2>
            <div class="table-wrap perf-matrix-wrap">
              <table class="table">
                <thead>
                  <tr>
                    <th>{pt('common.unit')}</th>
                    <th>{pt('whatIf.before')}</th>
                    <th>{pt('whatIf.after')}</th>
                    <th>{pt('whatIf.delta')}</th>
                    <th>{pt('dash.rank')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={units()}>
                    {(u) => (
                      <tr data-testid="whatif-unit-row" data-unit={u.unitId} data-delta={u.delta}>
                        <td>{unitName(u.unitId)}</td>
                        <td class="mono">{fmt(u.before)}</td>
                        <td class="mono">{fmt(u.after)}</td>
                        <DeltaCell delta={u.delta} />
                        <td class="mono small">
                          {u.rankBefore ?? '—'} → {u.rankAfter ?? '—'}
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </div>
          <div class="panel" data-testid="whatif-indicators">
            <h2 class="panel__title">{pt('whatIf.byIndicator')}</h2>
            <div class="table-wrap perf-matrix-wrap">
              <table class="table">
                <thead>
                  <tr>
                    <th>{pt('common.indicator')}</th>
                    <th>{pt('whatIf.delta')}</th>
                    <th>{pt('common.unit')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={indicators()}>
                    {(i) => (
                      <tr
                        data-testid="whatif-indicator-row"
                        data-indicator={i.indicatorId}
                        data-delta={i.weightedDelta}
                      >
                        <td class="small" title={i.indicatorId}>
                          {indicatorName(i.indicatorId)}
                          {i.added ? ' (+)' : i.removed ? ' (−)' : ''}
                        </td>
                        <DeltaCell delta={i.weightedDelta} />
                        <td class="mono">{i.units}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </Show>
    </section>
  );
};
