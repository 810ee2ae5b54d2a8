/** @module Rule-set operations: versioned lifecycle with four-eyes approval, drafts with optimistic concurrency, publishing with one version in force per day, diff and validation. */
import type { RuleSet } from '../../schemas/types.gen.ts';
import {
  ConflictError,
  type Issue,
  type LocalizedText,
  NotFoundError,
  PermissionError,
  RuleError,
  ValidationError,
} from '../core/errors.ts';
import { runWithBudget, StepBudget } from '../core/rule-language.ts';
import { hashRuleSet } from '../core/ruleset/canonical.ts';
import { check } from '../core/ruleset/check.ts';
import { type DiffEntry, diffRuleSets, renderDiffText } from '../core/ruleset/diff.ts';
import { validate } from '../core/ruleset/validate.ts';
import type { RuleSetVersionRecord, VersionState, VersionStatus } from '../ports/rule-set-store.ts';
import type { Repositories } from '../ports/store.ts';
import {
  APPROVE_REFUSED_AUDIT_ACTION,
  type AuditEntry,
  appendAudit,
  appendAuditAlone,
  auditActor,
} from './audit.ts';
import type { AppDeps } from './context.ts';
import { type Actor, can } from './permissions.ts';

/** The time zone whose calendar decides which version is in force "today". */
export const DISTRICT_TIME_ZONE = 'Asia/Shanghai';

/** A rule set's JSON content: the rule set document without its `version` block. */
export type RuleSetContent = Record<string, unknown>;

/** A version as listed: lifecycle metadata, no content. */
export interface VersionSummary extends VersionState {
  ruleSetId: string;
  number: number;
  revision: number;
  sha256: string;
  basedOn: number | null;
  createdBy: string;
  createdAt: string;
  name: unknown;
  period: unknown;
}

/** A version with its content and the issues validate + check report on it. */
export interface VersionDetail extends VersionSummary {
  content: RuleSetContent;
  issues: Issue[];
}

/** A rule set with the versions the caller may see, newest first. */
export interface RuleSetSummary {
  id: string;
  name: unknown;
  period: unknown;
  /** Number of this set's version in force today, if any. */
  inForce: number | null;
  versions: VersionSummary[];
}

/** What a publish did to versions that were in force. */
export interface Supersession {
  ruleSetId: string;
  number: number;
  action: 'trimmed' | 'archived';
  effectiveTo: string | null;
}

/** `ruleSetId` and version number. */
export interface VersionRef {
  ruleSetId: string;
  number: number;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Audit target of a version. */
export const versionTarget = (ruleSetId: string, number: number): string => `ruleSet:${ruleSetId}@${number}`;

const text = (en: string, zh: string): LocalizedText => ({ en, zh });

/** Strips the `version` block (lifecycle lives in columns) and refuses non-objects. */
export function contentOf(raw: unknown): RuleSetContent {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ValidationError(
      'ruleset.not_object',
      text('A rule set must be a JSON object.', '规则集必须是 JSON 对象。'),
    );
  }
  const { version: _version, ...content } = raw as Record<string, unknown>;
  return content;
}

/**
 * Schema issues of a rule set, or (once the schema passes) the cross-document check issues.
 * Never throws.
 */
export function issuesOf(content: unknown): Issue[] {
  const result = validate('ruleSet', content);
  if (!result.ok) return result.issues;
  return check(result.value as RuleSet);
}

/**
 * Steps the rules of one rule set's embedded tests may take together when its issues are computed
 * on the event loop (save, document edits, reads, submit, validate): the checker worker's budget,
 * a fraction of a second of work since steps are size-aware. Beyond it the remaining tests stop
 * and one more issue, `rule.budget_exceeded`, says so.
 */
export const ISSUES_STEPS = 5_000_000;

/**
 * Issues by version, revision and content hash (`issuesKey`), most recently used last: reading a
 * version does not run its tests again.
 */
const issuesCache = new Map<string, readonly Issue[]>();
const ISSUES_CACHE_SIZE = 64;
/** Characters of issue texts beyond which one version's issues are not cached. */
const ISSUES_CACHE_TEXT = 1_000_000;

const budgetIssue = (steps: number): Issue => ({
  path: '',
  code: 'rule.budget_exceeded',
  message: `The embedded tests do too much work: together they exceeded the budget of ${steps} steps, so the remaining tests stopped. Make loops smaller or avoid nesting them over large arrays.`,
  messageZh: `内嵌测试的计算量过大：合计超过了 ${steps} 步的预算，其余测试已停止。请缩小循环规模，或避免在大数组上嵌套循环。`,
  severity: 'error',
});

/**
 * `issuesOf` bounded for the event loop: every rule it evaluates shares one budget of
 * `ISSUES_STEPS` (not the request's), and running out adds a `rule.budget_exceeded` issue instead
 * of failing. With a `key` (see `issuesKey`) the issues are cached.
 */
export function boundedIssuesOf(content: unknown, key?: string): Issue[] {
  if (key !== undefined) {
    const hit = issuesCache.get(key);
    if (hit !== undefined) {
      issuesCache.delete(key);
      issuesCache.set(key, hit);
      return [...hit];
    }
  }
  const budget = new StepBudget(ISSUES_STEPS);
  const issues = runWithBudget(budget, () => issuesOf(content));
  if (budget.exceeded) issues.push(budgetIssue(ISSUES_STEPS));
  // Not cached when the issues' texts are huge (a failed test quotes the rule's result, which can
  // be a long text): 64 of those would hold a lot of memory.
  const size = issues.reduce((n, i) => n + i.message.length + (i.messageZh?.length ?? 0), 0);
  if (key !== undefined && size <= ISSUES_CACHE_TEXT) {
    issuesCache.set(key, Object.freeze([...issues]));
    if (issuesCache.size > ISSUES_CACHE_SIZE) issuesCache.delete(issuesCache.keys().next().value!);
  }
  return issues;
}

/** The cache key of a version's issues: its content is fixed for a (version, revision), the hash makes sure. */
const issuesKey = (v: { ruleSetId: string; number: number; revision: number; sha256: string }): string =>
  `${v.ruleSetId}@${v.number}#${v.revision}:${v.sha256}`;

const isError = (issue: Issue) => issue.severity !== 'warning';

const isLocalized = (v: unknown): v is { en: string; zh: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { en?: unknown }).en === 'string' &&
  typeof (v as { zh?: unknown }).zh === 'string';

function toSummary(v: RuleSetVersionRecord): VersionSummary {
  const { content, ...rest } = v;
  return { ...rest, name: content.name ?? null, period: content.period ?? null };
}

function toDetail(v: RuleSetVersionRecord): VersionDetail {
  return { ...toSummary(v), content: v.content, issues: boundedIssuesOf(v.content, issuesKey(v)) };
}

/** The lifecycle fields of a version (what a status change writes). */
export const versionStateOf = (v: RuleSetVersionRecord): VersionState => ({
  status: v.status,
  submittedBy: v.submittedBy,
  submittedAt: v.submittedAt,
  approvedBy: v.approvedBy,
  approvedAt: v.approvedAt,
  publishedBy: v.publishedBy,
  publishedAt: v.publishedAt,
  effectiveFrom: v.effectiveFrom,
  effectiveTo: v.effectiveTo,
  archivedAt: v.archivedAt,
  supersededBy: v.supersededBy,
  reviewComment: v.reviewComment,
});

const notFound = (ruleSetId: string, number?: number) =>
  new NotFoundError(
    'ruleset.not_found',
    number === undefined
      ? text(`Rule set "${ruleSetId}" does not exist.`, `规则集“${ruleSetId}”不存在。`)
      : text(
          `Rule set "${ruleSetId}" has no version ${number}.`,
          `规则集“${ruleSetId}”没有第 ${number} 版。`,
        ),
  );

async function requireVersion(
  repos: Pick<Repositories, 'ruleSets'>,
  ref: VersionRef,
): Promise<RuleSetVersionRecord> {
  const v = await repos.ruleSets.getVersion(ref.ruleSetId, ref.number);
  if (!v) throw notFound(ref.ruleSetId, ref.number);
  return v;
}

const canReadDrafts = (actor: Actor) => can(actor, 'ruleSets.readDrafts');
const isVisible = (actor: Actor, v: RuleSetVersionRecord) => v.publishedAt !== null || canReadDrafts(actor);

function requireReadable(actor: Actor, v: RuleSetVersionRecord): void {
  if (!isVisible(actor, v)) {
    throw new PermissionError(
      'ruleset.draft_forbidden',
      text(
        'Only administrators and auditors may read unpublished versions.',
        '只有管理员和审计员可以查看未发布的版本。',
      ),
    );
  }
}

function requireStatus(v: RuleSetVersionRecord, allowed: readonly VersionStatus[]): void {
  if (!allowed.includes(v.status)) {
    throw new ConflictError(
      'ruleset.wrong_status',
      text(
        `Version ${v.number} is ${v.status}; this needs ${allowed.join(' or ')}.`,
        `第 ${v.number} 版当前状态为 ${v.status}，此操作要求 ${allowed.join(' 或 ')}。`,
      ),
      { details: { status: v.status, allowed } },
    );
  }
}

function requireDraft(v: RuleSetVersionRecord): void {
  if (v.status !== 'draft') {
    throw new ConflictError(
      'ruleset.not_draft',
      text(
        `Version ${v.number} is ${v.status}: only drafts can be edited. Restore it to a new draft instead.`,
        `第 ${v.number} 版状态为 ${v.status}，只有草稿可以编辑；请恢复为新草稿后再改。`,
      ),
      { details: { status: v.status } },
    );
  }
}

const revisionConflict = (expected: number, actual: number) =>
  new ConflictError(
    'ruleset.revision_conflict',
    text(
      `The version changed since you loaded it (your revision ${expected}, now ${actual}). Reload and reapply your edit.`,
      `该版本在您加载后已被修改（您的修订号 ${expected}，当前 ${actual}）。请刷新后重新编辑。`,
    ),
    { details: { expected, actual } },
  );

function requireRevision(v: RuleSetVersionRecord, ifRevision: number | undefined): void {
  if (ifRevision !== undefined && ifRevision !== v.revision) throw revisionConflict(ifRevision, v.revision);
}

let districtDayFormat: Intl.DateTimeFormat | undefined;

/** Today's date (YYYY-MM-DD) in the district's time zone. */
export function todayOf(now: Date): string {
  // Building a formatter costs far more than formatting; intake asks on every request.
  districtDayFormat ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: DISTRICT_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return districtDayFormat.format(now);
}

function isValidDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

async function setState(
  tx: Repositories,
  v: RuleSetVersionRecord,
  state: VersionState,
): Promise<RuleSetVersionRecord> {
  const ok = await tx.ruleSets.updateState({
    ruleSetId: v.ruleSetId,
    number: v.number,
    state,
    expectedRevision: v.revision,
  });
  if (!ok) throw revisionConflict(v.revision, v.revision + 1);
  return { ...v, ...state, revision: v.revision + 1 };
}

function newDraft(input: {
  ruleSetId: string;
  number: number;
  content: RuleSetContent;
  basedOn: number | null;
  createdBy: string;
  createdAt: string;
}): RuleSetVersionRecord {
  return {
    ruleSetId: input.ruleSetId,
    number: input.number,
    status: 'draft',
    content: input.content,
    sha256: hashRuleSet(input.content),
    revision: 1,
    basedOn: input.basedOn,
    createdBy: input.createdBy,
    createdAt: input.createdAt,
    submittedBy: null,
    submittedAt: null,
    approvedBy: null,
    approvedAt: null,
    publishedBy: null,
    publishedAt: null,
    effectiveFrom: null,
    effectiveTo: null,
    archivedAt: null,
    supersededBy: null,
    reviewComment: null,
  };
}

function requireId(content: RuleSetContent): string {
  const id = content.id;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    throw new ValidationError(
      'ruleset.invalid_id',
      text(
        'A rule set needs an "id" of letters, digits, ".", "-", "_" or ":".',
        '规则集需要由字母、数字、“.”“-”“_”“:”组成的 id。',
      ),
      { path: '/id' },
    );
  }
  return id;
}

const nameOf = (content: RuleSetContent, id: string) =>
  isLocalized(content.name) ? { en: content.name.en, zh: content.name.zh } : { en: id, zh: id };

/**
 * Inserts a new rule set with `content` as its version 1 draft, inside `tx`, with its audit record.
 * Used by {@link createRuleSet}, bundle import and seeding.
 */
export async function insertRuleSet(
  tx: Repositories,
  input: { actor: string; at: string; content: RuleSetContent; action?: string; details?: unknown },
): Promise<RuleSetVersionRecord> {
  const id = requireId(input.content);
  if (await tx.ruleSets.get(id)) {
    throw new ConflictError(
      'ruleset.exists',
      text(`Rule set "${id}" already exists.`, `规则集“${id}”已存在。`),
      {
        path: '/id',
      },
    );
  }
  await tx.ruleSets.insert({
    id,
    name: nameOf(input.content, id),
    createdBy: input.actor,
    createdAt: input.at,
  });
  const draft = newDraft({
    ruleSetId: id,
    number: 1,
    content: input.content,
    basedOn: null,
    createdBy: input.actor,
    createdAt: input.at,
  });
  await tx.ruleSets.insertVersion(draft);
  await appendAudit(tx, {
    at: input.at,
    entry: {
      actor: input.actor,
      action: input.action ?? 'ruleSet.create',
      target: versionTarget(id, 1),
      afterHash: draft.sha256,
      details: input.details ?? { name: nameOf(input.content, id) },
    },
  });
  return draft;
}

/** Creates a rule set; its content becomes version 1, a draft. 409 `ruleset.exists`. */
export async function createRuleSet(
  deps: AppDeps,
  input: { actor: Actor; ruleSet: unknown },
): Promise<VersionDetail> {
  const content = contentOf(input.ruleSet);
  const at = deps.clock.now().toISOString();
  const draft = await deps.store.transaction((tx) =>
    insertRuleSet(tx, { actor: auditActor(input.actor), at, content }),
  );
  return toDetail(draft);
}

/** Inserts the next version of a rule set as a draft copied from `content`, with its audit record. */
export async function insertNextDraft(
  tx: Repositories,
  input: {
    actor: string;
    at: string;
    ruleSetId: string;
    content: RuleSetContent;
    basedOn: number | null;
    action: string;
    details?: Record<string, unknown>;
  },
): Promise<RuleSetVersionRecord> {
  const number = (await tx.ruleSets.lastNumber(input.ruleSetId)) + 1;
  const draft = newDraft({
    ruleSetId: input.ruleSetId,
    number,
    content: input.content,
    basedOn: input.basedOn,
    createdBy: input.actor,
    createdAt: input.at,
  });
  await tx.ruleSets.insertVersion(draft);
  await appendAudit(tx, {
    at: input.at,
    entry: {
      actor: input.actor,
      action: input.action,
      target: versionTarget(input.ruleSetId, number),
      afterHash: draft.sha256,
      details: { basedOn: input.basedOn, ...input.details },
    },
  });
  return draft;
}

/**
 * Creates a new draft copied from any version of the same rule set: editing a published rule set
 * and restoring an old version both go through here.
 */
export async function createDraft(
  deps: AppDeps,
  input: { actor: Actor; ruleSetId: string; basedOn: number },
): Promise<VersionDetail> {
  const at = deps.clock.now().toISOString();
  const draft = await deps.store.transaction(async (tx) => {
    const source = await requireVersion(tx, { ruleSetId: input.ruleSetId, number: input.basedOn });
    return insertNextDraft(tx, {
      actor: auditActor(input.actor),
      at,
      ruleSetId: input.ruleSetId,
      content: source.content,
      basedOn: source.number,
      action: 'ruleSet.draft.create',
      details: { basedOnStatus: source.status },
    });
  });
  return toDetail(draft);
}

/**
 * The period that follows `period` on a timeline: whole calendar years move by their span (a year
 * after a year), any other range starts the day after it ends and lasts as long. Pure.
 */
export function nextPeriodOf(period: { from: string; to: string }): { from: string; to: string } {
  const [fy, fm, fd] = period.from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = period.to.split('-').map(Number) as [number, number, number];
  if (fm === 1 && fd === 1 && tm === 12 && td === 31) {
    const span = ty - fy + 1;
    return { from: `${fy + span}-01-01`, to: `${ty + span}-12-31` };
  }
  const day = 86_400_000;
  const start = Date.UTC(fy, fm - 1, fd);
  const end = Date.UTC(ty, tm - 1, td);
  const from = end + day;
  return {
    from: new Date(from).toISOString().slice(0, 10),
    to: new Date(from + (end - start)).toISOString().slice(0, 10),
  };
}

/**
 * Prepares the next period of a timeline: a NEW rule set (`newId`) whose version 1 is a draft copy
 * of `ruleSetId@number`, on the same timeline, governing the period that follows (or `period`), with
 * the given name. The office then redesigns it, tries it (what-if), has it approved and publishes it
 * ahead of time; the source version stays untouched and in force for its own period.
 */
export async function prepareNextPeriod(
  deps: AppDeps,
  input: {
    actor: Actor;
    ruleSetId: string;
    number: number;
    newId: string;
    name?: LocalizedText;
    period?: { from: string; to: string };
  },
): Promise<VersionDetail> {
  const source = await requireVersion(deps.store, { ruleSetId: input.ruleSetId, number: input.number });
  requireReadable(input.actor, source);
  const sourcePeriod = source.content.period as { from?: unknown; to?: unknown } | undefined;
  const period =
    input.period ??
    (isValidDate(sourcePeriod?.from) && isValidDate(sourcePeriod?.to)
      ? nextPeriodOf({ from: sourcePeriod.from, to: sourcePeriod.to })
      : undefined);
  if (!period || !isValidDate(period.from) || !isValidDate(period.to) || period.from > period.to)
    throw new ValidationError(
      'ruleset.bad_period',
      text(
        'Give the next period (YYYY-MM-DD, from ≤ to); the source has no valid period to follow.',
        '请提供下一期间（YYYY-MM-DD，起始不晚于结束）；源版本没有可接续的有效期间。',
      ),
      { path: '/period' },
    );
  const { version: _version, ...rest } = source.content as Record<string, unknown> & { version?: unknown };
  const content = {
    ...rest,
    id: input.newId,
    timeline: timelineOf(source),
    period,
    ...(input.name ? { name: input.name } : {}),
  };
  return createRuleSet(deps, { actor: input.actor, ruleSet: content });
}

/**
 * Saves new draft content if the revision is still `ifRevision`; the audit record is written in the
 * same transaction. Shared by content replacement, document edits and bundle import.
 */
export async function saveDraftContent(
  deps: AppDeps,
  input: {
    actor: Actor;
    ruleSetId: string;
    number: number;
    ifRevision: number;
    content: RuleSetContent;
    action: string;
    details?: Record<string, unknown>;
  },
): Promise<VersionDetail> {
  if (input.content.id !== input.ruleSetId) {
    throw new ValidationError(
      'ruleset.id_mismatch',
      text(
        `The content's id must stay "${input.ruleSetId}".`,
        `内容中的 id 必须保持为“${input.ruleSetId}”。`,
      ),
      { path: '/id' },
    );
  }
  const sha256 = hashRuleSet(input.content);
  // Keyed by the revision the save creates: a read of the saved draft finds them.
  const issues = boundedIssuesOf(
    input.content,
    issuesKey({ ruleSetId: input.ruleSetId, number: input.number, revision: input.ifRevision + 1, sha256 }),
  );
  const at = deps.clock.now().toISOString();
  const saved = await deps.store.transaction(async (tx) => {
    const v = await requireVersion(tx, input);
    requireDraft(v);
    requireRevision(v, input.ifRevision);
    const ok = await tx.ruleSets.replaceContent({
      ruleSetId: v.ruleSetId,
      number: v.number,
      content: input.content,
      sha256,
      expectedRevision: input.ifRevision,
    });
    if (!ok) throw revisionConflict(input.ifRevision, v.revision + 1);
    if (isLocalized(input.content.name) && v.number === (await tx.ruleSets.lastNumber(v.ruleSetId)))
      await tx.ruleSets.rename(v.ruleSetId, nameOf(input.content, v.ruleSetId));
    await appendAudit(tx, {
      at,
      entry: {
        actor: auditActor(input.actor),
        action: input.action,
        target: versionTarget(v.ruleSetId, v.number),
        beforeHash: v.sha256,
        afterHash: sha256,
        details: { revision: v.revision + 1, issues: issues.filter(isError).length, ...input.details },
      },
    });
    return { ...v, content: input.content, sha256, revision: v.revision + 1 };
  });
  return { ...toSummary(saved), content: saved.content, issues };
}

/** Replaces the whole content of a draft; 409 `ruleset.revision_conflict` when `ifRevision` is stale. */
export function replaceDraftContent(
  deps: AppDeps,
  input: { actor: Actor; ruleSetId: string; number: number; ifRevision: number; content: unknown },
): Promise<VersionDetail> {
  return saveDraftContent(deps, {
    ...input,
    content: contentOf(input.content),
    action: 'ruleSet.content.replace',
  });
}

async function readDraft(deps: AppDeps, ref: VersionRef, ifRevision: number): Promise<RuleSetVersionRecord> {
  const v = await requireVersion(deps.store, ref);
  requireDraft(v);
  requireRevision(v, ifRevision);
  return v;
}

const documentsOf = (content: RuleSetContent): Record<string, unknown>[] =>
  Array.isArray(content.documents) ? (content.documents as Record<string, unknown>[]) : [];

/**
 * Adds or replaces one document of a draft, found by `(kind, docId)`. A different `id` in the body
 * renames the document in place; 409 `ruleset.document_exists` when that id is taken.
 */
export async function updateDraftDocument(
  deps: AppDeps,
  input: {
    actor: Actor;
    ruleSetId: string;
    number: number;
    ifRevision: number;
    kind: string;
    docId: string;
    document: unknown;
  },
): Promise<VersionDetail> {
  if (typeof input.document !== 'object' || input.document === null || Array.isArray(input.document)) {
    throw new ValidationError(
      'ruleset.not_object',
      text('A document must be a JSON object.', '文档必须是 JSON 对象。'),
      {
        path: '/document',
      },
    );
  }
  const body = input.document as Record<string, unknown>;
  if (body.kind !== undefined && body.kind !== input.kind) {
    throw new ValidationError(
      'ruleset.document_mismatch',
      text(`The document's kind must be "${input.kind}".`, `文档类型必须是“${input.kind}”。`),
      { path: '/document/kind' },
    );
  }
  const document = { ...body, kind: input.kind, id: body.id ?? input.docId };
  const v = await readDraft(deps, input, input.ifRevision);
  const documents = [...documentsOf(v.content)];
  const index = documents.findIndex((d) => d?.kind === input.kind && d?.id === input.docId);
  if (document.id !== input.docId && documents.some((d) => d?.kind === input.kind && d?.id === document.id)) {
    throw new ConflictError(
      'ruleset.document_exists',
      text(
        `A ${input.kind} with id "${String(document.id)}" already exists.`,
        `已存在 id 为“${String(document.id)}”的 ${input.kind}。`,
      ),
      { path: '/document/id' },
    );
  }
  if (index === -1) documents.push(document);
  else documents[index] = document;
  return saveDraftContent(deps, {
    actor: input.actor,
    ruleSetId: input.ruleSetId,
    number: input.number,
    ifRevision: input.ifRevision,
    content: { ...v.content, documents },
    action: 'ruleSet.document.put',
    details: {
      kind: input.kind,
      id: document.id,
      ...(document.id !== input.docId ? { previousId: input.docId } : {}),
      isNew: index === -1,
    },
  });
}

/** Removes one document of a draft; 404 `ruleset.document_not_found`. */
export async function deleteDraftDocument(
  deps: AppDeps,
  input: { actor: Actor; ruleSetId: string; number: number; ifRevision: number; kind: string; docId: string },
): Promise<VersionDetail> {
  const v = await readDraft(deps, input, input.ifRevision);
  const documents = documentsOf(v.content);
  const kept = documents.filter((d) => !(d?.kind === input.kind && d?.id === input.docId));
  if (kept.length === documents.length) {
    throw new NotFoundError(
      'ruleset.document_not_found',
      text(`No ${input.kind} "${input.docId}" in this draft.`, `草稿中没有 ${input.kind}“${input.docId}”。`),
    );
  }
  return saveDraftContent(deps, {
    actor: input.actor,
    ruleSetId: input.ruleSetId,
    number: input.number,
    ifRevision: input.ifRevision,
    content: { ...v.content, documents: kept },
    action: 'ruleSet.document.delete',
    details: { kind: input.kind, id: input.docId },
  });
}

type Transition = (tx: Repositories, v: RuleSetVersionRecord, at: string) => Promise<RuleSetVersionRecord>;

/** Runs a lifecycle step on one version in a transaction and writes its audit record there. */
async function transition(
  deps: AppDeps,
  input: {
    actor: Actor;
    ref: VersionRef;
    ifRevision?: number | undefined;
    action: string;
    details?: unknown;
  },
  step: Transition,
): Promise<RuleSetVersionRecord> {
  const at = deps.clock.now().toISOString();
  return deps.store.transaction(async (tx) => {
    const v = await requireVersion(tx, input.ref);
    requireRevision(v, input.ifRevision);
    const after = await step(tx, v, at);
    const entry: AuditEntry = {
      actor: auditActor(input.actor),
      action: input.action,
      target: versionTarget(v.ruleSetId, v.number),
      beforeHash: v.sha256,
      afterHash: after.sha256,
      details: { from: v.status, to: after.status, ...(input.details as object | undefined) },
    };
    await appendAudit(tx, { at, entry });
    return after;
  });
}

/** Sends a draft to review; 422 `ruleset.has_errors` (with `details.issues`) while validate/check report errors. */
export async function submitForReview(
  deps: AppDeps,
  input: { actor: Actor; ruleSetId: string; number: number; ifRevision?: number },
): Promise<VersionDetail> {
  const current = await requireVersion(deps.store, input);
  requireStatus(current, ['draft']);
  const issues = boundedIssuesOf(current.content, issuesKey(current));
  const errors = issues.filter(isError);
  if (errors.length > 0) {
    throw new RuleError(
      'ruleset.has_errors',
      text(
        `The draft has ${errors.length} error(s); fix them before submitting.`,
        `草稿有 ${errors.length} 个错误，请修正后再提交审核。`,
      ),
      { details: { issues: errors } },
    );
  }
  const actor = auditActor(input.actor);
  // The revision checked is the one validated: an edit in between makes the submit a conflict.
  const after = await transition(
    deps,
    {
      actor: input.actor,
      ref: input,
      ifRevision: input.ifRevision ?? current.revision,
      action: 'ruleSet.submit',
    },
    async (tx, v, at) => {
      requireStatus(v, ['draft']);
      return setState(tx, v, {
        ...versionStateOf(v),
        status: 'inReview',
        submittedBy: actor,
        submittedAt: at,
      });
    },
  );
  return { ...toSummary(after), content: after.content, issues };
}

/** Approves a version in review; 403 `ruleset.four_eyes` when the approver wrote or submitted it. */
export async function approveVersion(
  deps: AppDeps,
  input: { actor: Actor; ruleSetId: string; number: number; comment?: string; ifRevision?: number },
): Promise<VersionDetail> {
  const actor = auditActor(input.actor);
  const after = await transition(
    deps,
    {
      actor: input.actor,
      ref: input,
      ifRevision: input.ifRevision,
      action: 'ruleSet.approve',
      details: input.comment ? { comment: input.comment } : undefined,
    },
    async (tx, v, at) => {
      requireStatus(v, ['inReview']);
      if (actor === v.createdBy || actor === v.submittedBy) {
        throw new PermissionError(
          'ruleset.four_eyes',
          text(
            'Four-eyes rule: a version must be approved by an administrator other than its author and submitter.',
            '四眼原则：版本须由作者和提交人以外的另一名管理员审批。',
          ),
          { details: { createdBy: v.createdBy, submittedBy: v.submittedBy } },
        );
      }
      return setState(tx, v, { ...versionStateOf(v), status: 'approved', approvedBy: actor, approvedAt: at });
    },
  ).catch(async (error: unknown) => {
    // The refusal rolled the transaction back; the attempt is still recorded, in its own write.
    if (error instanceof PermissionError && error.code === 'ruleset.four_eyes')
      await appendAuditAlone(deps, {
        actor,
        action: APPROVE_REFUSED_AUDIT_ACTION,
        target: versionTarget(input.ruleSetId, input.number),
        details: { reason: error.code, text: error.text, ...(error.details as object) },
      });
    throw error;
  });
  return toDetail(after);
}

/** Sends a version in review (or approved, not yet published) back to draft with a comment. */
export async function rejectVersion(
  deps: AppDeps,
  input: { actor: Actor; ruleSetId: string; number: number; comment: string; ifRevision?: number },
): Promise<VersionDetail> {
  const comment = input.comment?.trim() ?? '';
  if (comment === '') {
    throw new ValidationError(
      'ruleset.comment_required',
      text('Say why the version is rejected.', '请填写退回理由。'),
      { path: '/comment' },
    );
  }
  const after = await transition(
    deps,
    {
      actor: input.actor,
      ref: input,
      ifRevision: input.ifRevision,
      action: 'ruleSet.reject',
      details: { comment },
    },
    async (tx, v) => {
      requireStatus(v, ['inReview', 'approved']);
      return setState(tx, v, {
        ...versionStateOf(v),
        status: 'draft',
        submittedBy: null,
        submittedAt: null,
        approvedBy: null,
        approvedAt: null,
        reviewComment: comment,
      });
    },
  );
  return toDetail(after);
}

/**
 * Publishes an approved version for `[effectiveFrom, effectiveTo]` (default: the content's period),
 * freezing its content. Versions of the same rule set in force that overlap are superseded: trimmed to end the day before
 * (when they start earlier) or archived (when they lie inside the new period). One that would be split
 * or would outlast the new period makes the publish fail with 409 `ruleset.period_overlap`.
 */
export async function publishVersion(
  deps: AppDeps,
  input: {
    actor: Actor;
    ruleSetId: string;
    number: number;
    effectiveFrom?: string;
    effectiveTo?: string;
    /** Replace overlapping versions of other rule sets on the same timeline (trim or archive them). */
    supersede?: boolean;
    ifRevision?: number;
  },
): Promise<VersionDetail & { superseded: Supersession[] }> {
  const actor = auditActor(input.actor);
  const superseded: Supersession[] = [];
  const after = await transition(
    deps,
    { actor: input.actor, ref: input, ifRevision: input.ifRevision, action: 'ruleSet.publish' },
    async (tx, v, at) => {
      requireStatus(v, ['approved']);
      const period = (v.content.period ?? {}) as { from?: unknown; to?: unknown };
      const from = input.effectiveFrom ?? period.from;
      const to = input.effectiveTo ?? period.to;
      if (!isValidDate(from) || !isValidDate(to) || from > to) {
        throw new ValidationError(
          'ruleset.bad_period',
          text(
            'Give a valid effective period (YYYY-MM-DD, from ≤ to), or a valid period in the content.',
            '请提供有效的生效期间（YYYY-MM-DD，起始不晚于结束），或在内容中填写有效的考核周期。',
          ),
          { path: input.effectiveFrom !== undefined ? '/effectiveFrom' : '/content/period' },
        );
      }
      const self = `${v.ruleSetId}@${v.number}`;
      const timeline = timelineOf(v);
      const overlapping = (await tx.ruleSets.listPublished()).filter(
        (p) =>
          timelineOf(p) === timeline &&
          p.effectiveFrom !== null &&
          p.effectiveTo !== null &&
          p.effectiveFrom <= to &&
          p.effectiveTo >= from,
      );
      // A new version of the same rule set replaces its predecessor by being published; another rule
      // set of the same timeline is replaced only when the publisher says so (`supersede`).
      const others = overlapping.filter((p) => p.ruleSetId !== v.ruleSetId);
      if (others.length > 0 && input.supersede !== true) {
        throw new ConflictError(
          'ruleset.period_overlap',
          text(
            `On timeline "${timeline}", ${others.map((p) => `${p.ruleSetId}@${p.number}`).join(', ')} is in force during ${from}…${to}; choose a period that does not overlap, or publish with supersede to replace it.`,
            `时间线“${timeline}”上 ${others.map((p) => `${p.ruleSetId}@${p.number}`).join('、')} 在 ${from}…${to} 期间生效；请选择不重叠的生效期间，或选择“取代”后发布。`,
          ),
          {
            path: '/effectiveFrom',
            details: {
              conflicts: others.map((p) => ({
                ruleSetId: p.ruleSetId,
                number: p.number,
                effectiveFrom: p.effectiveFrom,
                effectiveTo: p.effectiveTo,
              })),
            },
          },
        );
      }
      const conflicts = overlapping.filter((p) => p.effectiveTo! > to);
      if (conflicts.length > 0) {
        throw new ConflictError(
          'ruleset.period_overlap',
          text(
            `Another published version stays in force after ${to}; archive it first or choose another period.`,
            `另有已发布版本在 ${to} 之后仍然生效；请先归档该版本或选择其他生效期间。`,
          ),
          {
            details: {
              conflicts: conflicts.map((p) => ({
                ruleSetId: p.ruleSetId,
                number: p.number,
                effectiveFrom: p.effectiveFrom,
                effectiveTo: p.effectiveTo,
              })),
            },
          },
        );
      }
      for (const p of overlapping) {
        const isInside = p.effectiveFrom! >= from;
        const state: VersionState = isInside
          ? { ...versionStateOf(p), status: 'archived', archivedAt: at, supersededBy: self }
          : { ...versionStateOf(p), effectiveTo: dayBefore(from) };
        await setState(tx, p, state);
        const change: Supersession = {
          ruleSetId: p.ruleSetId,
          number: p.number,
          action: isInside ? 'archived' : 'trimmed',
          effectiveTo: state.effectiveTo,
        };
        superseded.push(change);
        await appendAudit(tx, {
          at,
          entry: {
            actor,
            action: 'ruleSet.supersede',
            target: versionTarget(p.ruleSetId, p.number),
            beforeHash: p.sha256,
            afterHash: p.sha256,
            details: {
              by: self,
              action: change.action,
              effectiveFrom: p.effectiveFrom,
              effectiveTo: state.effectiveTo,
            },
          },
        });
      }
      // The stored hash is kept current on every save; recomputed here so the frozen value is exact.
      const sha256 = hashRuleSet(v.content);
      let current = v;
      if (sha256 !== v.sha256) {
        await tx.ruleSets.replaceContent({ ...v, content: v.content, sha256, expectedRevision: v.revision });
        current = { ...v, sha256, revision: v.revision + 1 };
      }
      return setState(tx, current, {
        ...versionStateOf(current),
        status: 'published',
        publishedBy: actor,
        publishedAt: at,
        effectiveFrom: from,
        effectiveTo: to,
      });
    },
  );
  inForceGeneration++;
  return { ...toDetail(after), superseded };
}

/** Archives a version (a published one stops being in force). */
export async function archiveVersion(
  deps: AppDeps,
  input: { actor: Actor; ruleSetId: string; number: number; ifRevision?: number },
): Promise<VersionDetail> {
  const after = await transition(
    deps,
    { actor: input.actor, ref: input, ifRevision: input.ifRevision, action: 'ruleSet.archive' },
    async (tx, v, at) => {
      requireStatus(v, ['draft', 'inReview', 'approved', 'published']);
      return setState(tx, v, { ...versionStateOf(v), status: 'archived', archivedAt: at });
    },
  );
  inForceGeneration++;
  return toDetail(after);
}

/** One version with content and issues; 403 `ruleset.draft_forbidden` for unpublished versions unless allowed. */
export async function getVersion(
  deps: AppDeps,
  input: { actor: Actor; ruleSetId: string; number: number },
): Promise<VersionDetail> {
  const v = await requireVersion(deps.store, input);
  requireReadable(input.actor, v);
  return toDetail(v);
}

/** Versions of a rule set the caller may see, newest first. */
export async function listVersions(
  deps: AppDeps,
  input: { actor: Actor; ruleSetId: string },
): Promise<VersionSummary[]> {
  const versions = (await deps.store.ruleSets.listVersions(input.ruleSetId)).filter((v) =>
    isVisible(input.actor, v),
  );
  if (versions.length === 0 && !(await deps.store.ruleSets.get(input.ruleSetId)))
    throw notFound(input.ruleSetId);
  if (versions.length === 0 && !canReadDrafts(input.actor)) throw notFound(input.ruleSetId);
  return versions.map(toSummary);
}

async function summarise(
  deps: AppDeps,
  actor: Actor,
  id: string,
  inForce: readonly RuleSetVersionRecord[],
): Promise<RuleSetSummary | null> {
  const versions = (await deps.store.ruleSets.listVersions(id)).filter((v) => isVisible(actor, v));
  if (versions.length === 0 && !canReadDrafts(actor)) return null;
  const newest = versions[0];
  const record = await deps.store.ruleSets.get(id);
  return {
    id,
    name: newest?.content.name ?? record?.name ?? null,
    period: newest?.content.period ?? null,
    inForce: inForce.find((v) => v.ruleSetId === id)?.number ?? null,
    versions: versions.map(toSummary),
  };
}

/** Rule sets with the versions the caller may see; rule sets with nothing visible are left out. */
export async function listRuleSets(deps: AppDeps, input: { actor: Actor }): Promise<RuleSetSummary[]> {
  const inForce = await findInForce(deps, todayOf(deps.clock.now()));
  const out: RuleSetSummary[] = [];
  for (const record of await deps.store.ruleSets.list()) {
    const summary = await summarise(deps, input.actor, record.id, inForce);
    if (summary) out.push(summary);
  }
  return out;
}

/** One rule set with its visible versions; 404 when unknown or nothing is visible. */
export async function getRuleSet(
  deps: AppDeps,
  input: { actor: Actor; ruleSetId: string },
): Promise<RuleSetSummary> {
  if (!(await deps.store.ruleSets.get(input.ruleSetId))) throw notFound(input.ruleSetId);
  const summary = await summarise(
    deps,
    input.actor,
    input.ruleSetId,
    await findInForce(deps, todayOf(deps.clock.now())),
  );
  if (!summary) throw notFound(input.ruleSetId);
  return summary;
}

// Counts publications and archivals made by this process, so the cache of published versions notices
// one at once (changes made by another process wait for the cache's expiry).
let inForceGeneration = 0;

/** The versions of `rows` in force on `at` (YYYY-MM-DD). */
const inForceOn = (rows: readonly RuleSetVersionRecord[], at: string): RuleSetVersionRecord[] =>
  rows.filter(
    (v) => v.effectiveFrom !== null && v.effectiveTo !== null && v.effectiveFrom <= at && at <= v.effectiveTo,
  );

async function findInForce(deps: AppDeps, at: string): Promise<RuleSetVersionRecord[]> {
  return inForceOn(await deps.store.ruleSets.listPublished(), at);
}

/** `at` if it is a valid YYYY-MM-DD day; 400 `ruleset.bad_date` otherwise. */
function requireDay(at: string): string {
  if (!isValidDate(at))
    throw new ValidationError(
      'ruleset.bad_date',
      text('Give the date as YYYY-MM-DD.', '日期格式须为 YYYY-MM-DD。'),
      {
        path: '/at',
      },
    );
  return at;
}

/** 409 `ruleset.ambiguous_active`: several versions qualify on `at` and none was named. */
const ambiguousOn = (at: string, inForce: readonly RuleSetVersionRecord[], withTimeline: boolean) =>
  new ConflictError(
    'ruleset.ambiguous_active',
    text(
      `Several rule sets are in force on ${at}; name one with ruleSetId.`,
      `${at} 有多个规则集同时生效，请用 ruleSetId 指定。`,
    ),
    {
      details: {
        inForce: inForce.map((v) => ({
          ruleSetId: v.ruleSetId,
          number: v.number,
          ...(withTimeline ? { timeline: timelineOf(v) } : {}),
        })),
      },
    },
  );

/** What a caller needs from the version it resolves: indicators to score, or a workflow to handle cases. */
export type RuleSetCapability = 'assessment' | 'cases';

/** The timeline a version belongs to: its content's `timeline`, else its rule set's id. */
export const timelineOf = (v: Pick<RuleSetVersionRecord, 'ruleSetId' | 'content'>): string =>
  typeof v.content.timeline === 'string' && v.content.timeline !== '' ? v.content.timeline : v.ruleSetId;

const capabilityKind: Record<RuleSetCapability, string> = { assessment: 'indicator', cases: 'workflow' };

const hasCapability = (v: RuleSetVersionRecord, needs: RuleSetCapability): boolean =>
  Array.isArray(v.content.documents) &&
  (v.content.documents as Array<{ kind?: unknown }>).some((d) => d?.kind === capabilityKind[needs]);

const published = new WeakMap<
  object,
  { generation: number; stamp: string; checkUntil: number; rows: RuleSetVersionRecord[] }
>();
/** How long (product clock) a node trusts its copy of the published versions before it reads the stamp again. */
export const PUBLISHED_CHECK_MS = 1_000;

/**
 * Published versions, kept per store: read again at once after this process publishes or
 * archives, and otherwise only when the store's published stamp moved (another node published),
 * which is checked (one primary-key read) at most every {@link PUBLISHED_CHECK_MS}. So a version
 * published on one node is used by every node within about a second. The same array is returned
 * while nothing changed, so what is derived from it (compiled timelines) stays cached.
 */
export async function publishedVersions(deps: AppDeps): Promise<RuleSetVersionRecord[]> {
  const nowMs = deps.clock.now().getTime();
  const hit = published.get(deps.store);
  const generation = inForceGeneration;
  if (hit && hit.generation === generation && hit.checkUntil > nowMs) return hit.rows;
  // The stamp is read before the list: a publish committed in between changes the stamp again, so
  // the next check reads the list once more instead of keeping a list older than its stamp.
  const stamp = await deps.store.ruleSets.publishedStamp();
  if (hit && hit.generation === generation && stamp === hit.stamp) {
    hit.checkUntil = nowMs + PUBLISHED_CHECK_MS;
    return hit.rows;
  }
  const rows = await deps.store.ruleSets.listPublished();
  published.set(deps.store, { generation, stamp, checkUntil: nowMs + PUBLISHED_CHECK_MS, rows });
  return rows;
}

/**
 * The published version a result is computed under, resolved **as of** `at` (YYYY-MM-DD: the first
 * day of an entry's period, the day a case was received — never simply today):
 * - `ruleSetId` of the form `id@n` names one published (or archived, once published) version exactly;
 * - `ruleSetId` alone: that rule set's version in force on `at`;
 * - neither: the version in force on `at` that carries what the caller `needs` (indicators or a
 *   workflow). Versions of one timeline never overlap, so a single timeline gives one answer;
 *   when several timelines qualify, `deps.timeline` chooses, else 409 `ruleset.ambiguous_active`.
 * Returns null when nothing qualifies.
 */
export async function resolveInForce(
  deps: AppDeps,
  input: { at: string; needs: RuleSetCapability; ruleSetId?: string },
): Promise<RuleSetVersionRecord | null> {
  requireDay(input.at);
  if (input.ruleSetId?.includes('@')) {
    const ref = parseVersionRef(input.ruleSetId, '/ruleSetId');
    const exact = await deps.store.ruleSets.getVersion(ref.ruleSetId, ref.number);
    return exact && exact.publishedAt !== null ? exact : null;
  }
  let candidates = inForceOn(await publishedVersions(deps), input.at).filter((v) =>
    input.ruleSetId !== undefined ? v.ruleSetId === input.ruleSetId : hasCapability(v, input.needs),
  );
  if (new Set(candidates.map(timelineOf)).size > 1 && deps.timeline !== undefined)
    candidates = candidates.filter((v) => timelineOf(v) === deps.timeline);
  if (candidates.length > 1) throw ambiguousOn(input.at, candidates, true);
  return candidates[0] ?? null;
}

/**
 * The district's timeline: every published version (of every timeline), ordered by effective
 * period, each marked past / in force / next relative to `at` (default today by the clock).
 */
export async function getTimeline(
  deps: AppDeps,
  input: { at?: string } = {},
): Promise<{
  at: string;
  items: Array<{
    timeline: string;
    ruleSetId: string;
    number: number;
    name: unknown;
    effectiveFrom: string;
    effectiveTo: string;
    status: VersionStatus;
    when: 'past' | 'inForce' | 'next';
    carries: RuleSetCapability[];
  }>;
}> {
  const at = requireDay(input.at ?? todayOf(deps.clock.now()));
  const rows = (await deps.store.ruleSets.listPublished()).filter(
    (v) => v.effectiveFrom !== null && v.effectiveTo !== null,
  );
  const items = rows
    .map((v) => ({
      timeline: timelineOf(v),
      ruleSetId: v.ruleSetId,
      number: v.number,
      name: v.content.name ?? null,
      effectiveFrom: v.effectiveFrom!,
      effectiveTo: v.effectiveTo!,
      status: v.status,
      when: (v.effectiveTo! < at ? 'past' : v.effectiveFrom! > at ? 'next' : 'inForce') as
        | 'past'
        | 'inForce'
        | 'next',
      carries: (['assessment', 'cases'] as const).filter((c) => hasCapability(v, c)),
    }))
    .sort(
      (a, b) =>
        a.timeline.localeCompare(b.timeline) ||
        a.effectiveFrom.localeCompare(b.effectiveFrom) ||
        a.ruleSetId.localeCompare(b.ruleSetId),
    );
  return { at, items };
}

/**
 * The published version in force on `at` (YYYY-MM-DD; default today in the district's time zone), or
 * null. Publishing keeps at most one version of each rule set in force per day; several rule sets
 * (e.g. assessment and cases) may be in force together, so name `ruleSetId` when there can be more
 * than one: without it, 409 `ruleset.ambiguous_active` lists them.
 */
export async function getActiveRuleSet(
  deps: AppDeps,
  input: { at?: string; ruleSetId?: string } = {},
): Promise<VersionDetail | null> {
  const at = requireDay(input.at ?? todayOf(deps.clock.now()));
  const inForce = (await findInForce(deps, at)).filter(
    (v) => input.ruleSetId === undefined || v.ruleSetId === input.ruleSetId,
  );
  if (inForce.length > 1) throw ambiguousOn(at, inForce, false);
  return inForce[0] ? toDetail(inForce[0]) : null;
}

/** Semantic diff from version `a` to version `b` (same or different rule sets). */
export async function diffVersions(
  deps: AppDeps,
  input: { actor: Actor; a: VersionRef; b: VersionRef; lang?: 'en' | 'zh' },
): Promise<{ a: VersionRef; b: VersionRef; changes: DiffEntry[]; text: string }> {
  const a = await requireVersion(deps.store, input.a);
  const b = await requireVersion(deps.store, input.b);
  requireReadable(input.actor, a);
  requireReadable(input.actor, b);
  const changes = diffRuleSets(a.content, b.content);
  return {
    a: { ruleSetId: a.ruleSetId, number: a.number },
    b: { ruleSetId: b.ruleSetId, number: b.number },
    changes,
    text: renderDiffText(changes, input.lang ?? 'en'),
  };
}

/** Validates and checks a rule set without saving it; `ok` is false when any issue is an error. */
export async function validateRuleSet(
  _deps: AppDeps,
  input: { ruleSet: unknown },
): Promise<{ ok: boolean; issues: Issue[] }> {
  const content =
    typeof input.ruleSet === 'object' && input.ruleSet !== null && !Array.isArray(input.ruleSet)
      ? contentOf(input.ruleSet)
      : input.ruleSet;
  const issues = boundedIssuesOf(content);
  return { ok: !issues.some(isError), issues };
}

/** Parses `id@n` into a version reference; 400 `ruleset.bad_ref`. */
export function parseVersionRef(ref: string, path = ''): VersionRef {
  const match = /^(.+)@(\d+)$/.exec(ref);
  if (!match) {
    throw new ValidationError(
      'ruleset.bad_ref',
      text(
        `"${ref}" is not a version reference like my-rule-set@2.`,
        `“${ref}”不是形如 my-rule-set@2 的版本引用。`,
      ),
      { path },
    );
  }
  return { ruleSetId: match[1]!, number: Number(match[2]) };
}
