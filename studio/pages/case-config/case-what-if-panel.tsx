/** @module Case what-if panel (办件测算): replays the last N months of cases through a rule-set version's routing table and SLA policies; progress bar, then moved cases by unit and category and deadline moves. */
import type { Component, JSX } from 'solid-js';
import { type DataColumn, DataTable } from '../../components/data-table.tsx';
import { createSignal, For, Show } from 'solid-js';
import type { WhatIfDeadlineSummary } from '../../../engine/core/routing/what-if.ts';
import { request } from '../../api/http.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { JobProgressBar } from '../../components/job-progress.tsx';
import { pageMessages } from '../../i18n/index.ts';
import { errorText } from '../../lib/error-text.ts';
import { awaitJob, type Job, type JobProgress } from '../../lib/job.ts';
import { formatWhen, localText } from '../cases/messages.ts';

type Bilingual = { en: string; zh: string };
type Ref = { id: string; name: Bilingual };

/** The result of a case what-if (see the engine's `CaseWhatIfResult`). */
export interface CaseWhatIfResult {
  window: { months: number; from: string; to: string };
  basis: Bilingual;
  periodMapping: { mappedCases: number; text: Bilingual } | null;
  totals: {
    cases: number;
    moved: number;
    differentRow: number;
    fallbackBefore: number;
    fallbackAfter: number;
  };
  moves: {
    fromUnit: Ref;
    toUnit: Ref;
    category: { code: string; name: Bilingual };
    fromRowId: string | null;
    toRowId: string | null;
    count: number;
  }[];
  rowChanges: {
    fromRowId: string | null;
    fromRowNote: string | null;
    toRowId: string | null;
    toRowNote: string | null;
    count: number;
    moved: number;
  }[];
  deadlines: WhatIfDeadlineSummary;
  changedCases: {
    caseId: string;
    number: string;
    category: { code: string; name: Bilingual };
    fromUnit: Ref;
    toUnit: Ref;
    isMoved: boolean;
    deadline: { old: string; new: string; shiftWorkingHours: number; direction: string } | null;
  }[];
  isChangedTruncated: boolean;
  failures: { count: number };
}

const zh = {
  title: '办件测算',
  intro:
    '用本版本的派单表和时限策略重放最近几个月的办件，看有多少件会改派、办理时限如何变化。未保存的修改不参与测算。',
  months: '测算范围',
  monthsOption: '最近 {n} 个月',
  run: '开始测算',
  running: '正在测算…',
  progress: '已重放 {done} / {total} 件',
  unsaved: '有未保存的修改：测算使用已保存的版本。',
  summary:
    '{from} 至 {to} 共 {cases} 件：改派 {moved} 件，办理时限提前 {earlier} 件、延后 {later} 件、不变 {same} 件。',
  moved: '改派 {n} 件',
  noMoves: '没有办件会改派。',
  from: '原主办单位',
  to: '新主办单位',
  category: '事项分类',
  rows: '派单行（原 → 新）',
  count: '件数',
  fallback: '兜底（人工派单）',
  rowsTitle: '起作用的派单行',
  rowNote: '说明',
  deadlinesTitle: '办理时限变化',
  meanShift: '平均偏移（工作小时）',
  maxShift: '最大偏移（工作小时）',
  notComputed: '无法计算 {n} 件',
  casesTitle: '变化的办件',
  caseNumber: '办件编号',
  oldDeadline: '原时限',
  newDeadline: '新时限',
  shift: '偏移（工作小时）',
  truncated: '只列出前 {n} 件。',
  failed: '测算失败',
};
const en: typeof zh = {
  title: 'Case what-if',
  intro:
    'Replays the cases of recent months through this version’s routing table and SLA policies: how many would go to another unit, and how handling deadlines move. Unsaved edits are not included.',
  months: 'Range',
  monthsOption: 'Last {n} months',
  run: 'Run',
  running: 'Running…',
  progress: '{done} / {total} cases replayed',
  unsaved: 'There are unsaved edits: the what-if uses the saved version.',
  summary:
    '{cases} cases from {from} to {to}: {moved} to another unit; deadlines earlier {earlier}, later {later}, unchanged {same}.',
  moved: '{n} cases to another unit',
  noMoves: 'No case goes to another unit.',
  from: 'Lead unit before',
  to: 'Lead unit after',
  category: 'Category',
  rows: 'Routing row (before → after)',
  count: 'Cases',
  fallback: 'fallback (manual dispatch)',
  rowsTitle: 'Routing rows that made the difference',
  rowNote: 'Note',
  deadlinesTitle: 'Handling deadlines',
  meanShift: 'Mean shift (working hours)',
  maxShift: 'Largest shift (working hours)',
  notComputed: '{n} could not be computed',
  casesTitle: 'Changed cases',
  caseNumber: 'Case number',
  oldDeadline: 'Deadline before',
  newDeadline: 'Deadline after',
  shift: 'Shift (working hours)',
  truncated: 'Only the first {n} are listed.',
  failed: 'The what-if failed',
};

const m = pageMessages(zh, en).text;

const MONTHS = [1, 3, 6, 12, 24];
const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));
const row = (id: string | null): string => id ?? m('fallback');

/** The panel under the routing table of a rule-set version (usually a draft). */
export const CaseWhatIfPanel: Component<{ ruleSetId: string; number: number; hasUnsaved?: boolean }> = (
  props,
) => {
  const [months, setMonths] = createSignal(3);
  const [progress, setProgress] = createSignal<JobProgress | null>(null);
  const [result, setResult] = createSignal<CaseWhatIfResult | null>(null);
  const [failure, setFailure] = createSignal('');
  const [isRunning, setRunning] = createSignal(false);

  const run = async (): Promise<void> => {
    setRunning(true);
    setFailure('');
    setResult(null);
    try {
      const started = await request<Job<CaseWhatIfResult>>(
        'POST',
        `/api/rule-sets/${encodeURIComponent(props.ruleSetId)}/versions/${props.number}/what-if/cases`,
        { months: months() },
      );
      const job = await awaitJob(started, setProgress);
      if (job.status === 'failed' || !job.result)
        throw new Error(job.error ? localText(job.error.text) || job.error.message : m('failed'));
      setResult(job.result);
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setRunning(false);
      setProgress(null);
    }
  };

  return (
    <section class="panel case-what-if" data-testid="case-what-if" aria-labelledby="case-what-if-title">
      <h2 id="case-what-if-title">{m('title')}</h2>
      <p class="muted small">{m('intro')}</p>
      <div class="toolbar">
        <label for="case-what-if-months">{m('months')}</label>
        <select
          id="case-what-if-months"
          class="jf-input input--auto"
          value={months()}
          onChange={(e) => setMonths(Number(e.currentTarget.value))}
        >
          <For each={MONTHS}>{(n) => <option value={n}>{m('monthsOption', { n })}</option>}</For>
        </select>
        <button
          type="button"
          class="btn btn--primary"
          disabled={isRunning()}
          onClick={() => void run()}
          data-testid="case-what-if-run"
        >
          {isRunning() ? m('running') : m('run')}
        </button>
        <Show when={props.hasUnsaved}>
          <span class="muted small">{m('unsaved')}</span>
        </Show>
      </div>
      <Show when={progress()}>
        {(p) => (
          <JobProgressBar
            progress={p()}
            label={m('progress', { done: p().done, total: p().total || '…' })}
            testId="case-what-if-progress"
            class="case-what-if__progress"
            style={{ margin: '8px 0' }}
          />
        )}
      </Show>
      <ErrorAlert message={failure()} />
      <Show when={result()}>{(r) => <CaseWhatIfSummary result={r()} />}</Show>
    </section>
  );
};

/** A titled table of a run's result, drawn only when it has rows; `children` follow the table. */
const ResultTable = <R,>(props: {
  title: string;
  testId: string;
  rows: readonly R[];
  columns: readonly DataColumn<R>[];
  children?: JSX.Element;
}): JSX.Element => (
  <Show when={props.rows.length > 0}>
    <h3>{props.title}</h3>
    <DataTable testId={props.testId} rows={props.rows} columns={props.columns} />
    {props.children}
  </Show>
);

/** The summary of a finished run. */
const CaseWhatIfSummary: Component<{ result: CaseWhatIfResult }> = (props) => {
  const r = () => props.result;
  return (
    <div data-testid="case-what-if-result">
      <p data-testid="case-what-if-summary">
        {m('summary', {
          from: formatWhen(r().window.from),
          to: formatWhen(r().window.to),
          cases: r().totals.cases,
          moved: r().totals.moved,
          earlier: r().deadlines.earlier,
          later: r().deadlines.later,
          same: r().deadlines.same,
        })}
      </p>
      <Show when={r().periodMapping}>
        {(mapping) => (
          <p class="muted small" data-testid="case-what-if-mapping">
            {localText(mapping().text)}
          </p>
        )}
      </Show>
      <h3 data-testid="case-what-if-moved">{m('moved', { n: r().totals.moved })}</h3>
      <Show when={r().moves.length > 0} fallback={<p class="muted">{m('noMoves')}</p>}>
        <DataTable
          testId="case-what-if-moves"
          rows={r().moves}
          columns={[
            { key: 'from', label: m('from'), cell: (move) => localText(move.fromUnit.name) },
            { key: 'to', label: m('to'), cell: (move) => localText(move.toUnit.name) },
            { key: 'category', label: m('category'), cell: (move) => localText(move.category.name) },
            {
              key: 'rows',
              label: m('rows'),
              class: 'mono small',
              cell: (move) => `${row(move.fromRowId)} → ${row(move.toRowId)}`,
            },
            { key: 'count', label: m('count'), class: 'mono' },
          ]}
        />
      </Show>
      <ResultTable
        title={m('rowsTitle')}
        testId="case-what-if-rows"
        rows={r().rowChanges}
        columns={[
          {
            key: 'rows',
            label: m('rows'),
            class: 'mono small',
            cell: (change) => `${row(change.fromRowId)} → ${row(change.toRowId)}`,
          },
          {
            key: 'note',
            label: m('rowNote'),
            class: 'small',
            cell: (change) => (
              <>
                {change.fromRowNote ?? ''}
                <Show when={change.toRowNote && change.toRowNote !== change.fromRowNote}>
                  {' → '}
                  {change.toRowNote}
                </Show>
              </>
            ),
          },
          { key: 'count', label: m('count'), class: 'mono' },
        ]}
      />
      <h3>{m('deadlinesTitle')}</h3>
      <p data-testid="case-what-if-deadlines">
        {m('meanShift')}: <span class="mono">{signed(r().deadlines.meanShiftWorkingHours)}</span> ·{' '}
        {m('maxShift')}: <span class="mono">{signed(r().deadlines.maxShiftWorkingHours)}</span>
        <Show when={r().deadlines.notComputed > 0}>
          {' '}
          · {m('notComputed', { n: r().deadlines.notComputed })}
        </Show>
      </p>
      <p class="muted small">{localText(r().basis)}</p>
      <ResultTable
        title={m('casesTitle')}
        testId="case-what-if-cases"
        rows={r().changedCases}
        columns={[
          { key: 'number', label: m('caseNumber'), class: 'mono' },
          { key: 'category', label: m('category'), cell: (c) => localText(c.category.name) },
          { key: 'from', label: m('from'), cell: (c) => localText(c.fromUnit.name) },
          { key: 'to', label: m('to'), cell: (c) => (c.isMoved ? localText(c.toUnit.name) : '—') },
          {
            key: 'oldDeadline',
            label: m('oldDeadline'),
            class: 'mono small',
            cell: (c) => formatWhen(c.deadline?.old),
          },
          {
            key: 'newDeadline',
            label: m('newDeadline'),
            class: 'mono small',
            cell: (c) => formatWhen(c.deadline?.new),
          },
          {
            key: 'shift',
            label: m('shift'),
            class: 'mono',
            cell: (c) => (c.deadline ? signed(c.deadline.shiftWorkingHours) : '—'),
          },
        ]}
      >
        <Show when={r().isChangedTruncated}>
          <p class="muted small">{m('truncated', { n: r().changedCases.length })}</p>
        </Show>
      </ResultTable>
    </div>
  );
};
