/** @module What-if (模拟测算): score a draft version over the ledger history and show per-unit and per-indicator deltas against the published version. */
import type { Component } from 'solid-js';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { errorText } from '../../lib/error-text.ts';
import { api } from '../../api/http.ts';
import { DataTable } from '../../components/data-table.tsx';
import { JobProgressBar } from '../../components/job-progress.tsx';
import { awaitJob, type JobProgress } from '../../lib/job.ts';
import type { WhatIfResult } from '../../api/performance.ts';
import { performanceApi } from '../../api/performance.ts';
import { ruleSetApi } from '../../api/rule-sets.ts';
import { currentVersion } from './draft-store.tsx';
import { local, pt } from './messages.ts';
import { LabelledSelect, Panel, PerfPage } from './page-parts.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import './performance.css';

const fmt = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : value.toFixed(2);
const sign = (d: number): string => (d > 0 ? `+${d.toFixed(3)}` : d.toFixed(3));
const isChanged = (d: number | null): boolean => d !== null && Math.abs(d) > 1e-9;
const magnitude = (d: number | null): number => (d === null ? -1 : Math.abs(d));

/** A signed delta, coloured up or down (zero stays plain); a missing side shows a dash. */
/** The class and text of a delta cell: up green, down red, none a dash. */
const deltaClass = (delta: number | null): string =>
  `mono ${delta !== null && delta > 0 ? 'perf-delta--up' : delta !== null && delta < 0 ? 'perf-delta--down' : ''}`;
const deltaText = (delta: number | null): string => (delta === null ? '—' : sign(delta));

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
  // Names come from the draft that was run (it may add indicators), else from the draft being edited.
  const [ranDocs, setRanDocs] = createSignal<readonly { kind: string; id: string }[] | null>(null);
  const docs = () => ranDocs() ?? currentVersion()?.content.documents ?? [];
  const indicatorName = (id: string): string => {
    const doc = docs().find((d) => d.kind === 'indicator' && d.id === id) as
      | { code?: string; name?: { zh: string; en: string } }
      | undefined;
    return doc?.name ? `${doc.code ?? ''} ${local(doc.name)}` : id;
  };
  const gradeName = (id: string | null): string => {
    if (id === null) return '—';
    const policy = docs().find((d) => d.kind === 'assessmentPolicy') as
      | { grades?: { id: string; name?: { zh: string; en: string } }[] }
      | undefined;
    const grade = policy?.grades?.find((g) => g.id === id);
    return grade?.name ? local(grade.name) : id;
  };
  const [pick, setPick] = createSignal('');
  const chosen = () => {
    const value =
      pick() || (currentVersion() ? `${currentVersion()!.ruleSetId}@${currentVersion()!.number}` : '');
    return drafts().find((d) => `${d.set.id}@${d.v.number}` === value) ?? drafts()[0];
  };
  const [result, setResult] = createSignal<WhatIfResult | null>(null);
  const [isRunning, setRunning] = createSignal(false);
  const [progress, setProgress] = createSignal<JobProgress | null>(null);
  const [error, setError] = createSignal('');
  const [period, setPeriod] = createSignal('');
  const [onlyChanged, setOnlyChanged] = createSignal(true);

  const run = async (): Promise<void> => {
    const d = chosen();
    if (!d) return;
    setRunning(true);
    setError('');
    setProgress(null);
    try {
      // The draft's own set when it has a published version (a new version of this year's set);
      // otherwise (next year's new set) the history of the assessment set in force.
      const hasPublished = d.set.versions.some((v) => v.status === 'published');
      const started = await performanceApi.startWhatIf({
        ...(hasPublished ? { ruleSetId: d.set.id } : {}),
        draftRuleSetId: d.set.id,
        draftVersion: d.v.number,
      });
      const job = await awaitJob(started, setProgress);
      if (job.status === 'failed' || !job.result)
        throw new Error(job.error ? local(job.error.text) || job.error.message : pt('whatIf.failed'));
      const reply = job.result;
      const ran = await ruleSetApi.version(d.set.id, d.v.number).catch(() => null);
      setRanDocs(ran ? ran.content.documents : null);
      setResult(reply);
      setPeriod(reply.periods.at(-1) ?? '');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setRunning(false);
      setProgress(null);
    }
  };

  const units = createMemo(() =>
    (result()?.units ?? [])
      .filter((u) => u.period === period() && (!onlyChanged() || isChanged(u.delta) || u.isGradeChanged))
      .sort((a, b) => magnitude(b.delta) - magnitude(a.delta)),
  );
  const indicators = createMemo(() =>
    (result()?.indicators ?? [])
      .filter(
        (i) =>
          i.period === period() &&
          (!onlyChanged() || isChanged(i.weightedDelta) || i.added || i.removed || i.status === 'noHistory'),
      )
      .sort((a, b) => magnitude(b.weightedDelta) - magnitude(a.weightedDelta)),
  );
  const changedCounts = createMemo(() => ({
    units: (result()?.units ?? []).filter((u) => u.period === period() && isChanged(u.delta)).length,
    indicators: (result()?.indicators ?? []).filter(
      (i) => i.period === period() && isChanged(i.weightedDelta),
    ).length,
    grades: (result()?.units ?? []).filter((u) => u.period === period() && u.isGradeChanged).length,
  }));
  /** The draft's month that a history month stands for. */
  const draftPeriodOf = (p: string): string => {
    const r = result();
    const i = r ? r.periods.indexOf(p) : -1;
    return r && i >= 0 ? (r.draftPeriods[i] ?? p) : p;
  };
  /** The sentence that states how the history was matched with the draft's months. */
  const mappingText = (r: WhatIfResult): string =>
    r.periodMapping.from === r.periodMapping.to
      ? pt('whatIf.mappingSameYear', { from: r.periodMapping.from })
      : pt('whatIf.mapping', { from: r.periodMapping.from, to: r.periodMapping.to });

  return (
    <PerfPage title={pt('whatIf.title')} intro={pt('whatIf.intro')}>
      <div class="panel perf-toolbar">
        <LabelledSelect
          wrap="perf-inline"
          label={pt('whatIf.version')}
          data-testid="whatif-version"
          value={chosen() ? `${chosen()!.set.id}@${chosen()!.v.number}` : ''}
          onValue={setPick}
        >
          <For each={drafts()}>
            {(d) => (
              <option value={`${d.set.id}@${d.v.number}`}>
                {local(d.set.name)} v{d.v.number} ({d.v.status})
              </option>
            )}
          </For>
        </LabelledSelect>
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
              <LabelledSelect
                wrap="perf-inline"
                label={pt('common.month')}
                value={period()}
                onValue={setPeriod}
                data-testid="whatif-period"
              >
                <For each={r().periods}>
                  {(p) => (
                    <option value={p}>{draftPeriodOf(p) === p ? p : `${p} → ${draftPeriodOf(p)}`}</option>
                  )}
                </For>
              </LabelledSelect>
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
      <Show when={isRunning() && progress()}>
        {(p) => (
          <JobProgressBar
            progress={p()}
            label={pt('whatIf.progress', { done: p().done, total: p().total || '…' })}
            stage={p().stage ? local(p().stage) : undefined}
            testId="whatif-progress"
            class="panel perf-progress"
          />
        )}
      </Show>
      <Show when={result()}>
        <p class="muted" data-testid="whatif-mapping">
          {mappingText(result()!)}
        </p>
        <p class="notice" data-testid="whatif-summary">
          {changedCounts().units + changedCounts().indicators === 0
            ? pt('whatIf.noChange')
            : pt('whatIf.summary', changedCounts())}
          {changedCounts().grades > 0 ? pt('whatIf.gradeChanges', { n: changedCounts().grades }) : ''}
        </p>
        <Show when={(result()?.noHistory.length ?? 0) > 0}>
          <p class="muted small" data-testid="whatif-no-history">
            {pt('whatIf.noHistoryNote', {
              names: (result()?.noHistory ?? []).map(indicatorName).join('、'),
            })}
          </p>
        </Show>
        <div class="perf-grid2">
          <Panel testId="whatif-units" title={pt('whatIf.byUnit')}>
            <DataTable
              wrap="table-wrap perf-matrix-wrap"
              rows={units()}
              rowProps={(u) => ({
                'data-testid': 'whatif-unit-row',
                'data-unit': u.unitId,
                'data-delta': u.delta ?? undefined,
                'data-history-period': u.historyPeriod,
                'data-draft-period': u.draftPeriod,
              })}
              columns={[
                { key: 'unit', label: pt('common.unit'), cell: (u) => unitName(u.unitId) },
                { key: 'before', label: pt('whatIf.before'), class: 'mono', cell: (u) => fmt(u.before) },
                { key: 'after', label: pt('whatIf.after'), class: 'mono', cell: (u) => fmt(u.after) },
                {
                  key: 'delta',
                  label: pt('whatIf.delta'),
                  class: (u) => deltaClass(u.delta),
                  cell: (u) => deltaText(u.delta),
                },
                {
                  key: 'rank',
                  label: pt('dash.rank'),
                  class: 'mono small',
                  cell: (u) => `${u.rankBefore ?? '—'} → ${u.rankAfter ?? '—'}`,
                },
                {
                  key: 'grade',
                  label: pt('whatIf.grade'),
                  class: 'small',
                  testId: 'whatif-grade',
                  cell: (u) =>
                    u.isGradeChanged
                      ? `${gradeName(u.gradeBefore)} → ${gradeName(u.gradeAfter)}`
                      : gradeName(u.gradeAfter ?? u.gradeBefore),
                },
              ]}
            />
          </Panel>
          <Panel testId="whatif-indicators" title={pt('whatIf.byIndicator')}>
            <DataTable
              wrap="table-wrap perf-matrix-wrap"
              rows={indicators()}
              rowProps={(i) => ({
                'data-testid': 'whatif-indicator-row',
                'data-indicator': i.indicatorId,
                'data-delta': i.weightedDelta ?? undefined,
                'data-status': i.status,
              })}
              columns={[
                {
                  key: 'indicator',
                  label: pt('common.indicator'),
                  class: 'small',
                  title: (i) => i.indicatorId,
                  cell: (i) => `${indicatorName(i.indicatorId)}${i.added ? ' (+)' : i.removed ? ' (−)' : ''}`,
                },
                {
                  key: 'delta',
                  label: pt('whatIf.delta'),
                  class: (i) => (i.status === 'noHistory' ? 'muted small' : deltaClass(i.weightedDelta)),
                  testId: (i) => (i.status === 'noHistory' ? 'whatif-no-history-cell' : undefined),
                  cell: (i) =>
                    i.status === 'noHistory' ? pt('whatIf.noHistory') : deltaText(i.weightedDelta),
                },
                { key: 'units', label: pt('common.unit'), class: 'mono' },
              ]}
            />
          </Panel>
        </div>
      </Show>
    </PerfPage>
  );
};
