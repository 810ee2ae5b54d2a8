/** @module The working calendars of a rule-set version: coverage, policy outside it and the listed days; on a draft, import a holiday-cn JSON or iCalendar file into a calendar and save it. */
import type { Component } from 'solid-js';
import { DataTable } from '../../components/data-table.tsx';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { calendarDays, dayRuns } from '../../../engine/core/calendar/days.ts';
import { request } from '../../api/http.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { NoticeAlert } from '../../components/notice-alert.tsx';
import { locale, pageMessages } from '../../i18n/index.ts';
import { busyWhile } from '../../lib/busy.ts';
import { errorText } from '../../lib/error-text.ts';
import type { VersionDetail } from '../../api/rule-sets.ts';
import { ruleSetApi } from '../../api/rule-sets.ts';
import { TitledPanel } from '../../components/titled-panel.tsx';

/** What the panel reads of a calendar document. */
interface CalendarDoc {
  kind: 'calendar';
  id: string;
  name?: string;
  coverage?: { from: number; to: number };
  outsideCoverage?: 'error' | 'weekendsOnly';
  holidays?: { date: string; endDate?: string; name: string }[];
  workingDays?: { date: string; name?: string }[];
  [key: string]: unknown;
}

/** Reply of POST /api/calendars/import. */
interface ImportReply {
  calendar: CalendarDoc;
  format: 'holiday-cn' | 'ical' | 'calendar';
  years: number[];
  days: { date: string; type: 'holiday' | 'workingDay'; name: string }[];
  warnings: { code: string; message: string; messageZh?: string }[];
}

const zh = {
  title: '工作日历',
  intro: '办理时限按工作日历计算。日历写明覆盖的年份；覆盖范围以外的日期按所选策略处理。',
  none: '本版本没有工作日历。时限策略引用的日历必须在规则集中。',
  covers: '覆盖 {years} 年',
  noCoverage: '未写明覆盖年份',
  policyError: '覆盖范围外：报错（不推算）',
  policyWeekends: '覆盖范围外：暂定，仅周末休息（时限标为“暂定”）',
  counts: '节假日 {holidays} 天 · 调休上班 {working} 天',
  date: '日期',
  type: '类型',
  name: '名称',
  holiday: '节假日',
  workingDay: '调休上班',
  showDays: '查看日期',
  importTitle: '导入节假日安排',
  importHint: '选择 holiday-cn 年度文件（.json，可多选）或 iCalendar 文件（.ics）。',
  file: '文件',
  target: '导入到',
  newCalendar: '新日历',
  mergeInto: '合并到“{name}”（保留其他年份）',
  newId: '新日历标识',
  preview: '读取文件',
  reading: '正在读取…',
  previewTitle: '导入预览：{name}，覆盖 {years} 年，共 {count} 天',
  save: '保存到草稿',
  saving: '正在保存…',
  cancel: '放弃',
  saved: '日历已保存到草稿（修订 {revision}）。',
  replaceNote: '将替换草稿中的日历“{id}”。',
  addNote: '将作为新日历“{id}”加入草稿；时限策略需引用它才会使用。',
  noFile: '请先选择文件',
};
type Key = keyof typeof zh;
const en: Record<Key, string> = {
  title: 'Working calendars',
  intro:
    'Deadlines are counted over a working calendar. A calendar states the years it covers; dates outside them follow its policy.',
  none: 'This version has no working calendar. A calendar named by an SLA policy must be in the rule set.',
  covers: 'covers {years}',
  noCoverage: 'no coverage years stated',
  policyError: 'Outside coverage: error (no guessing)',
  policyWeekends: 'Outside coverage: provisional, weekends off only (deadlines marked provisional)',
  counts: '{holidays} holiday days · {working} swapped working days',
  date: 'Date',
  type: 'Type',
  name: 'Name',
  holiday: 'Holiday',
  workingDay: 'Swapped working day',
  showDays: 'Show days',
  importTitle: 'Import a holiday schedule',
  importHint: 'Pick holiday-cn year files (.json, several allowed) or an iCalendar file (.ics).',
  file: 'File',
  target: 'Import into',
  newCalendar: 'New calendar',
  mergeInto: 'Merge into "{name}" (keeps its other years)',
  newId: 'Id of the new calendar',
  preview: 'Read file',
  reading: 'Reading…',
  previewTitle: 'Preview: {name}, covers {years}, {count} days',
  save: 'Save to draft',
  saving: 'Saving…',
  cancel: 'Discard',
  saved: 'Calendar saved to the draft (revision {revision}).',
  replaceNote: 'Replaces calendar "{id}" of the draft.',
  addNote: 'Adds calendar "{id}" to the draft; an SLA policy must name it to use it.',
  noFile: 'Choose a file first',
};
const ct: (key: Key, params?: Record<string, unknown>) => string = pageMessages(zh, en).text;

/** Select value of "new calendar" (calendar ids never start with `+`). */
const NEW_CALENDAR = '+new';

const yearsText = (c: CalendarDoc['coverage']): string =>
  c ? (c.from === c.to ? String(c.from) : `${c.from}–${c.to}`) : '—';

/** The days of a calendar as runs (consecutive dates of one holiday on one line). */
const DaysTable: Component<{ calendar: CalendarDoc; testId: string }> = (props) => {
  const runs = createMemo(() => dayRuns(calendarDays(props.calendar)));
  return (
    <DataTable
      wrap={false}
      class="table table--compact"
      testId={props.testId}
      rows={runs()}
      rowProps={(run) => ({ 'data-type': run.type })}
      columns={[
        {
          key: 'date',
          label: ct('date'),
          class: 'nowrap mono',
          cell: (run) => (run.from === run.to ? run.from : `${run.from} – ${run.to}`),
        },
        {
          key: 'type',
          label: ct('type'),
          cell: (run) => (run.type === 'holiday' ? ct('holiday') : ct('workingDay')),
        },
        { key: 'name', label: ct('name') },
      ]}
    />
  );
};

const CalendarSummary: Component<{ calendar: CalendarDoc }> = (props) => {
  const days = createMemo(() => calendarDays(props.calendar));
  return (
    <p class="small" data-testid="calendar-summary">
      <strong>{props.calendar.name ?? props.calendar.id}</strong>{' '}
      <span class="muted mono">{props.calendar.id}</span> ·{' '}
      {props.calendar.coverage
        ? ct('covers', { years: yearsText(props.calendar.coverage) })
        : ct('noCoverage')}{' '}
      · {props.calendar.outsideCoverage === 'error' ? ct('policyError') : ct('policyWeekends')} ·{' '}
      {ct('counts', {
        holidays: days().filter((d) => d.type === 'holiday').length,
        working: days().filter((d) => d.type === 'workingDay').length,
      })}
    </p>
  );
};

/** Props: the version shown, whether it may be edited, and what to do with the saved version. */
export interface CalendarPanelProps {
  ruleSetId: string;
  versionNumber: number;
  detail: VersionDetail;
  revision: number;
  isEditable: boolean;
  onSaved: (detail: VersionDetail) => void;
}

/** Calendars of the version, and on a draft the import control. */
export const CalendarPanel: Component<CalendarPanelProps> = (props) => {
  const calendars = () => ((props.detail.content.calendars ?? []) as CalendarDoc[]).filter((c) => c?.id);
  const [target, setTarget] = createSignal<string>('');
  const [newId, setNewId] = createSignal('');
  const [files, setFiles] = createSignal<File[]>([]);
  const [preview, setPreview] = createSignal<ImportReply | null>(null);
  const [error, setError] = createSignal('');
  const [note, setNote] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  // Merge into the first calendar by default: that is the one SLA policies usually name.
  const chosen = () => target() || calendars()[0]?.id || '';
  const base = () => calendars().find((c) => c.id === chosen());

  const fail = (e: unknown): void => {
    setError(errorText(e));
  };

  const read = async (): Promise<void> => {
    setError('');
    setNote('');
    setPreview(null);
    if (files().length === 0) {
      setError(ct('noFile'));
      return;
    }
    await busyWhile(setBusy, fail, async () => {
      const texts = await Promise.all(
        files().map(async (f) => ({ fileName: f.name, content: await f.text() })),
      );
      const id = newId().trim();
      const reply = await request<ImportReply>('POST', '/api/calendars/import', {
        files: texts,
        ...(base() ? { base: base(), merge: true } : {}),
        ...(!base() && id ? { id } : {}),
      });
      setPreview(reply);
    });
  };

  const save = async (): Promise<void> => {
    const p = preview();
    if (!p) return;
    setError('');
    await busyWhile(setBusy, fail, async () => {
      const others = calendars().filter((c) => c.id !== p.calendar.id);
      const existing = calendars().findIndex((c) => c.id === p.calendar.id);
      const next = [...others];
      next.splice(existing === -1 ? next.length : existing, 0, p.calendar);
      await request(
        'PUT',
        `/api/rule-sets/${encodeURIComponent(props.ruleSetId)}/versions/${props.versionNumber}/content`,
        { content: { ...props.detail.content, calendars: next }, revision: props.revision },
        { headers: { 'If-Match': `"${props.revision}"` } },
      );
      const fresh = await ruleSetApi.version(props.ruleSetId, props.versionNumber);
      props.onSaved(fresh);
      setPreview(null);
      setFiles([]);
      setNote(ct('saved', { revision: fresh.revision }));
    });
  };

  return (
    <TitledPanel
      titleId="calendar-panel-title"
      title={ct('title')}
      class="panel calendar-panel"
      testId="calendar-panel"
    >
      <p class="muted small">{ct('intro')}</p>
      <Show when={calendars().length > 0} fallback={<p class="muted">{ct('none')}</p>}>
        <For each={calendars()}>
          {(calendar) => (
            <div class="calendar-panel__calendar" data-calendar-id={calendar.id}>
              <CalendarSummary calendar={calendar} />
              <details>
                <summary>{ct('showDays')}</summary>
                <DaysTable calendar={calendar} testId={`calendar-days-${calendar.id}`} />
              </details>
            </div>
          )}
        </For>
      </Show>
      <Show when={props.isEditable}>
        <h3 class="panel__title">{ct('importTitle')}</h3>
        <p class="muted small">{ct('importHint')}</p>
        <div
          class="calendar-panel__import"
          style={{ display: 'flex', 'flex-wrap': 'wrap', gap: '12px', 'align-items': 'center' }}
        >
          <label>
            {ct('file')}{' '}
            <input
              type="file"
              accept=".json,.ics,application/json,text/calendar"
              multiple
              data-testid="calendar-file"
              onChange={(e) => {
                setFiles([...(e.currentTarget.files ?? [])]);
                setPreview(null);
              }}
            />
          </label>{' '}
          <label>
            {ct('target')}{' '}
            <select
              class="jf-input"
              style={{ width: 'auto' }}
              data-testid="calendar-target"
              value={chosen()}
              onChange={(e) => {
                setTarget(e.currentTarget.value || NEW_CALENDAR);
                setPreview(null);
              }}
            >
              <For each={calendars()}>
                {(c) => <option value={c.id}>{ct('mergeInto', { name: c.name ?? c.id })}</option>}
              </For>
              <option value={NEW_CALENDAR}>{ct('newCalendar')}</option>
            </select>
          </label>{' '}
          <Show when={!base()}>
            <label>
              {ct('newId')}{' '}
              <input
                class="jf-input"
                data-testid="calendar-new-id"
                placeholder="cn-YYYY"
                value={newId()}
                onInput={(e) => setNewId(e.currentTarget.value)}
              />
            </label>{' '}
          </Show>
          <button
            type="button"
            class="btn btn--small"
            disabled={busy()}
            onClick={read}
            data-testid="calendar-read"
          >
            {busy() && !preview() ? ct('reading') : ct('preview')}
          </button>
        </div>
        <ErrorAlert message={error()} testId="calendar-error" />
        <NoticeAlert message={note()} testId="calendar-saved" />
        <Show when={preview()}>
          {(p) => (
            <div class="calendar-panel__preview" data-testid="calendar-preview">
              <h3 class="panel__title">
                {ct('previewTitle', {
                  name: p().calendar.name ?? p().calendar.id,
                  years: yearsText(p().calendar.coverage),
                  count: p().days.length,
                })}
              </h3>
              <For each={p().warnings}>
                {(w) => (
                  <p
                    class="alert small"
                    style={{ background: '#fff4d6', color: '#8a5a00' }}
                    data-testid="calendar-warning"
                  >
                    {locale() === 'en' ? w.message : (w.messageZh ?? w.message)}
                  </p>
                )}
              </For>
              <CalendarSummary calendar={p().calendar} />
              <p class="muted small">
                {calendars().some((c) => c.id === p().calendar.id)
                  ? ct('replaceNote', { id: p().calendar.id })
                  : ct('addNote', { id: p().calendar.id })}
              </p>
              <DaysTable calendar={p().calendar} testId="calendar-preview-days" />
              <div class="form-actions">
                <button
                  type="button"
                  class="btn btn--primary"
                  disabled={busy()}
                  onClick={save}
                  data-testid="calendar-save"
                >
                  {busy() ? ct('saving') : ct('save')}
                </button>
                <button type="button" class="btn" disabled={busy()} onClick={() => setPreview(null)}>
                  {ct('cancel')}
                </button>
              </div>
            </div>
          )}
        </Show>
      </Show>
    </TitledPanel>
  );
};
