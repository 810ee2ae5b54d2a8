/**
 * @module A unit's monthly form (月度填报表): every indicator the unit fills for a month, from the form
 * schemas of the published version in force for that month, grouped by level-1 area, with the month's
 * deadline and lock status and the values already submitted (`GET /api/performance/monthly-form`); and
 * its submission (`POST /api/performance/monthly-form`): all indicator entries of the unit and month
 * validated against their forms and appended in ONE store transaction. The version is chosen by the
 * month the data is about; the deadline status is counted on the product clock's day.
 */
import type { GetApiPerformanceMonthlyFormResponse } from '../../../schemas/api-types.gen.ts';
import type { Issue, LocalizedText } from '../../core/errors.ts';
import { NotFoundError, ValidationError } from '../../core/errors.ts';
import { daysBetween, deadlineStatus, isDueIn, requireOpenPeriod } from '../../core/performance/deadlines.ts';
import { validateEntryValues } from '../../core/performance/entry-values.ts';
import { requirePeriod, requirePeriodFormat } from '../../core/performance/requirements.ts';
import { canonicalJson } from '../../core/ruleset/canonical.ts';
import { type CompiledLeaf, monthOf } from '../../core/scoring/model.ts';
import type { AmendmentRecord, LedgerEntryView } from '../../ports/ledger.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { todayOf } from '../../core/time-zone.ts';
import { requireAttachments } from './attachment-access.ts';
import { openUnitWrite, submitIndicator, type UnitWriteInput } from './entry-write.ts';
import { periodLedgerOf } from './get-forms-due.ts';
import { scopedUnit } from './scope.ts';
import type { Loaded } from './scoring-cache.ts';
import { loadScoring, recomputesSettled, writeThenRecompute } from './scoring-state.ts';

/** How many months before the current one the month picker and "due next" look at (a month locks 5 days after its deadline). */
const MONTHS_BACK = 3;

const t = (en: string, zh: string): LocalizedText => ({ en, zh });

/** What `GET /api/performance/monthly-form` answers, as its response schema describes it. */
export type MonthlyForm = GetApiPerformanceMonthlyFormResponse;

/** A month of the picker: its deadline, status and how much is still empty. */
export type MonthSummary = MonthlyForm['months'][number];

/** A level-1 area (一级指标) of the tree with the unit's indicators under it, in tree order. */
export type MonthlyFormArea = MonthlyForm['areas'][number];

/** One indicator of the monthly form: its form (schema, UI schema, checks) and what was submitted. */
export type MonthlyFormIndicator = MonthlyFormArea['indicators'][number];

/** `YYYY-MM` of the month `back` months before `period`. */
function monthBefore(period: string, back: number): string {
  const index = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1 - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A JSON-pointer segment (RFC 6901). */
const pointer = (segment: string): string => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/** The form leaves a unit fills for a month, in tree order. */
const formLeavesOf = (leaves: readonly CompiledLeaf[], month: number): CompiledLeaf[] =>
  leaves.filter((leaf) => leaf.dataSource === 'form' && leaf.form !== null && isDueIn(leaf, month));

/** The month's status and counts, or null when no assessment version is in force for it. */
async function summarise(
  deps: AppDeps,
  q: { unitId: string; period: string; today: string; ruleSetId?: string },
): Promise<MonthSummary | null> {
  let loaded: Loaded;
  try {
    loaded = await loadScoring(deps, { period: q.period, ruleSetId: q.ruleSetId });
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
  if (Number(q.period.slice(0, 4)) !== loaded.model.year) return null;
  const leaves = formLeavesOf(loaded.model.leavesByUnit.get(q.unitId) ?? [], monthOf(q.period));
  if (leaves.length === 0) return null;
  const filled = new Set(
    (await deps.store.ledger.listEntries({ unitId: q.unitId, period: q.period, limit: 5000 })).map(
      (e) => e.indicatorId,
    ),
  );
  const status = deadlineStatus({ period: q.period, policy: loaded.model.policy, today: q.today });
  return {
    period: q.period,
    ...status,
    daysLeft: daysBetween(q.today, status.deadline),
    empty: leaves.filter((leaf) => !filled.has(leaf.id)).length,
    total: leaves.length,
  };
}

/** The recent months of a unit (newest first) and the month due next among them. */
async function recentMonths(
  deps: AppDeps,
  q: { unitId: string; today: string; ruleSetId?: string },
): Promise<{ months: MonthSummary[]; dueNext: string | null }> {
  const months: MonthSummary[] = [];
  for (let back = 0; back <= MONTHS_BACK; back += 1) {
    const found = await summarise(deps, { ...q, period: monthBefore(q.today.slice(0, 7), back) });
    if (found && found.status !== 'notDue') months.push(found);
  }
  const open = months
    .filter((m) => m.status !== 'locked')
    .sort((a, b) => a.deadline.localeCompare(b.deadline));
  const dueNext = (open.find((m) => m.empty > 0) ?? open[0])?.period ?? null;
  return { months, dueNext };
}

/** The unit's form leaves of the month grouped by level-1 area, each with its form document and entry. */
function areasOf(q: {
  loaded: Loaded;
  unitId: string;
  leaves: readonly CompiledLeaf[];
  entries: ReadonlyMap<string, LedgerEntryView>;
  pending: ReadonlyMap<string, AmendmentRecord>;
}): MonthlyFormArea[] {
  const { model } = q.loaded;
  const forms = new Map(
    (q.loaded.content.documents ?? [])
      .filter((d) => d.kind === 'form')
      .map((d) => [d.id, d as unknown as Record<string, unknown>]),
  );
  const areas = new Map<string, MonthlyFormArea>();
  for (const leaf of q.leaves) {
    const areaId = leaf.path[0] ?? leaf.id;
    let area = areas.get(areaId);
    if (!area) {
      const node = model.nodes.get(areaId);
      area = {
        id: areaId,
        code: node?.code ?? leaf.code,
        name: node?.name ?? leaf.name,
        indicators: [],
        empty: 0,
      };
      areas.set(areaId, area);
    }
    const form = leaf.form!;
    const doc = forms.get(form.id);
    const entry = q.entries.get(leaf.id) ?? null;
    const target = leaf.targets.get(q.unitId);
    area.indicators.push({
      indicatorId: leaf.id,
      code: leaf.code,
      name: leaf.name,
      frequency: leaf.period,
      formId: form.id,
      formName: (doc?.name as LocalizedText | undefined) ?? leaf.name,
      schema: (doc?.schema as Record<string, unknown> | undefined) ?? {},
      uiSchema: (doc?.uiSchema as Record<string, unknown> | undefined) ?? null,
      checks: (doc?.checks as MonthlyFormIndicator['checks'] | undefined) ?? [],
      computed: (doc?.computed as unknown[] | undefined) ?? [],
      target: target ? target.value : null,
      entry,
      pendingAmendment: q.pending.get(leaf.id) ?? null,
    });
    if (!entry) area.empty += 1;
  }
  return [...areas.values()];
}

/**
 * A unit's monthly form for `period` (default: the month due next — the earliest deadline still open
 * with indicators empty — else the current month): every indicator it fills that month, grouped by
 * level-1 area, each with its form and the entry already submitted, and the month's deadline status.
 * Unit users read their own unit (and its sub-units); other readers name the unit.
 */
export async function getMonthlyForm(
  deps: AppDeps,
  input: { actor: Actor; unitId?: string; period?: string; ruleSetId?: string },
): Promise<MonthlyForm> {
  const today = todayOf(deps.clock.now());
  const unitId = await scopedUnit({ deps, actor: input.actor, unitId: input.unitId });
  if (input.period !== undefined) requirePeriodFormat(input.period);
  const recent = await recentMonths(deps, { unitId, today, ruleSetId: input.ruleSetId });
  const wanted = input.period ?? recent.dueNext ?? today.slice(0, 7);
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: wanted });
  const period = requirePeriod(wanted, loaded.model);
  const { model } = loaded;
  const leaves = formLeavesOf(model.leavesByUnit.get(unitId) ?? [], monthOf(period));
  const { entries, pending } = await periodLedgerOf(deps, { unitId, period });
  const areas = areasOf({ loaded, unitId, leaves, entries, pending });
  const status = deadlineStatus({ period, policy: model.policy, today });
  const empty = leaves.filter((leaf) => !entries.has(leaf.id)).length;
  const unit = await deps.store.units.get(unitId);
  return {
    ruleSetId: loaded.ruleSetId,
    ruleSetVersion: loaded.version,
    unitId,
    unitName: unit?.name ?? unitId,
    period,
    today,
    ...status,
    daysLeft: daysBetween(today, status.deadline),
    counts: { empty, total: leaves.length },
    dueNext: recent.dueNext,
    months: recent.months,
    areas,
  };
}

/** What `POST /api/performance/monthly-form` answers. */
export interface MonthlyFormWrite {
  unitId: string;
  period: string;
  ruleSetId: string;
  ruleSetVersion: number;
  /** The entries appended (one per indicator whose values or attachments changed). */
  entries: LedgerEntryView[];
  /** Indicators sent with the same values and attachments as their active entry: nothing appended. */
  unchanged: string[];
  /** Whether the scores of the month still wait for the background recompute. */
  recomputing: boolean;
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x));

/** The submission's evidence by indicator, refusing an empty submission or evidence without values (400). */
function requireSubmissionShape(input: {
  values: Record<string, Record<string, unknown>>;
  attachments?: Record<string, string[]> | undefined;
}): Record<string, string[]> {
  if (Object.keys(input.values).length === 0)
    throw new ValidationError(
      'monthlyForm.empty',
      t('Fill in at least one indicator.', '请至少填写一项指标。'),
      { path: '/values' },
    );
  const attachments = input.attachments ?? {};
  for (const id of Object.keys(attachments))
    if (!(id in input.values))
      throw new ValidationError(
        'monthlyForm.attachment_without_values',
        t(
          `Evidence for "${id}" needs that indicator's values in the same submission.`,
          `指标“${id}”的附件须与其填报内容一并提交。`,
        ),
        { path: `/attachments/${pointer(id)}` },
      );
  return attachments;
}

/**
 * The leaves of the submitted indicators, each one the unit fills that month with values valid
 * against its form; else 400 `entry.invalid` naming every field by JSON pointer (`/values/<id>/...`).
 */
function leavesToWrite(q: {
  loaded: Loaded;
  unitId: string;
  period: string;
  values: Record<string, Record<string, unknown>>;
}): CompiledLeaf[] {
  const { model } = q.loaded;
  const month = monthOf(q.period);
  const issues: Issue[] = [];
  const leaves: CompiledLeaf[] = [];
  for (const id of Object.keys(q.values)) {
    const at = `/values/${pointer(id)}`;
    const leaf = model.leafById.get(id);
    const isFilled =
      leaf?.owners.has(q.unitId) && leaf.dataSource === 'form' && leaf.form && isDueIn(leaf, month);
    if (!leaf || !isFilled) {
      issues.push({
        path: at,
        code: 'monthlyForm.not_in_form',
        message: `Indicator "${id}" is not part of this unit's form for ${q.period}.`,
        messageZh: `指标“${id}”不在本单位 ${q.period} 的填报表中。`,
        severity: 'error',
      });
      continue;
    }
    leaves.push(leaf);
    for (const issue of validateEntryValues(leaf.form!, q.values[id]))
      issues.push({ ...issue, path: `${at}${issue.path}` });
  }
  if (issues.length > 0) {
    const first = issues[0]!;
    throw new ValidationError(
      'entry.invalid',
      {
        en: `The monthly form is not valid: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
        zh: `月度填报表有误：${issues.map((i) => `${i.path} ${i.messageZh ?? i.message}`).join('；')}`,
      },
      { path: first.path, details: { issues } },
    );
  }
  return leaves;
}

/**
 * Submits a unit's monthly form: `values` maps indicator ids to their form values (the indicators
 * the unit filled; those left out stay as they are). Every indicator must be one the unit fills that
 * month, every value set valid against its form (400 `entry.invalid`, `details.issues` with a
 * JSON-pointer `path` such as `/values/ind-a-1-1/done`), the month open (409 `ledger.locked` once
 * locked: only an amendment changes it). The entries, their audit records and outbox events commit
 * in ONE transaction; values equal to the active entry's append nothing.
 */
export async function submitMonthlyForm(
  deps: AppDeps,
  input: UnitWriteInput & {
    values: Record<string, Record<string, unknown>>;
    /** Evidence per indicator (sha256 of uploaded files); an indicator left out keeps its entry's files. */
    attachments?: Record<string, string[]>;
  },
): Promise<MonthlyFormWrite> {
  const { loaded, model, unitId } = await openUnitWrite(deps, input);
  const period = requirePeriod(input.period, model);
  const attachments = requireSubmissionShape(input);
  const { status } = requireOpenPeriod({ period, policy: model.policy, today: todayOf(deps.clock.now()) });
  const leaves = leavesToWrite({ loaded, unitId, period, values: input.values });
  await requireAttachments(deps, input.actor, [...new Set(Object.values(attachments).flat())]);
  const at = deps.clock.now().toISOString();
  const context = { loaded, actor: input.actor, unitId, period, at, isLate: status === 'late' };
  const written = await writeThenRecompute(deps, async (tx, stage) => {
    const entries: LedgerEntryView[] = [];
    const unchanged: string[] = [];
    for (const leaf of leaves) {
      const values = input.values[leaf.id]!;
      const previous = await tx.ledger.activeEntry({ unitId, indicatorId: leaf.id, period });
      const files = [...new Set(attachments[leaf.id] ?? previous?.attachments ?? [])];
      if (
        previous &&
        canonicalJson(previous.values) === canonicalJson(values) &&
        sameSet(previous.attachments, files)
      ) {
        unchanged.push(leaf.id);
        continue;
      }
      entries.push(
        await submitIndicator(deps, { tx, stage, details: { monthlyForm: true } }, context, {
          indicatorId: leaf.id,
          values,
          attachments: files,
          previous,
        }),
      );
    }
    return { entries, unchanged };
  });
  if (input.wait) await recomputesSettled(deps);
  return {
    unitId,
    period,
    ruleSetId: loaded.ruleSetId,
    ruleSetVersion: loaded.version,
    entries: written.value.entries,
    unchanged: written.value.unchanged,
    recomputing: !input.wait && written.queued.length > 0,
  };
}
