/** @module Private helpers of the rule-set operations: version types, lookups and guards, lifecycle writes, the timeline of a version and version references. */
import {
  ConflictError,
  type Issue,
  type LocalizedText,
  NotFoundError,
  PermissionError,
  ValidationError,
} from '../../core/errors.ts';
import { hashRuleSet } from '../../core/ruleset/canonical.ts';
import {
  type RuleSetVersionRecord,
  UNSUBMITTED,
  type VersionState,
  type VersionStatus,
} from '../../ports/rule-set-store.ts';
import type { Repositories } from '../../ports/store.ts';
import { type AuditEntry, appendAudit, auditActor } from '../audit.ts';
import type { AppDeps } from '../context.ts';
import { type Actor, can } from '../permissions.ts';
import { boundedIssuesOf, issuesKey } from './issues.ts';

/** A rule set's JSON content: the rule set document without its `version` block. */
export type RuleSetContent = Record<string, unknown>;

/** Who writes to which draft, and the revision the write is based on (optimistic concurrency). */
export interface DraftWrite {
  actor: Actor;
  ruleSetId: string;
  number: number;
  ifRevision: number;
}

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

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Audit target of a version. */
export const versionTarget = (ruleSetId: string, number: number): string => `ruleSet:${ruleSetId}@${number}`;

export const text = (en: string, zh: string): LocalizedText => ({ en, zh });

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

export const isError = (issue: Issue) => issue.severity !== 'warning';

export const isLocalized = (v: unknown): v is { en: string; zh: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { en?: unknown }).en === 'string' &&
  typeof (v as { zh?: unknown }).zh === 'string';

export function toSummary(v: RuleSetVersionRecord): VersionSummary {
  const { content, ...rest } = v;
  return { ...rest, name: content.name ?? null, period: content.period ?? null };
}

export function toDetail(v: RuleSetVersionRecord): VersionDetail {
  return { ...toSummary(v), content: v.content, issues: boundedIssuesOf(v.content, issuesKey(v)) };
}

/** The lifecycle fields of a version (what a status change writes). */
export const versionStateOf = (v: VersionState): VersionState => ({
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

export const notFound = (ruleSetId: string, number?: number) =>
  new NotFoundError(
    'ruleset.not_found',
    number === undefined
      ? text(`Rule set "${ruleSetId}" does not exist.`, `规则集“${ruleSetId}”不存在。`)
      : text(
          `Rule set "${ruleSetId}" has no version ${number}.`,
          `规则集“${ruleSetId}”没有第 ${number} 版。`,
        ),
  );

export async function requireVersion(
  repos: Pick<Repositories, 'ruleSets'>,
  ref: VersionRef,
): Promise<RuleSetVersionRecord> {
  const v = await repos.ruleSets.getVersion(ref.ruleSetId, ref.number);
  if (!v) throw notFound(ref.ruleSetId, ref.number);
  return v;
}

export const canReadDrafts = (actor: Actor) => can(actor, 'ruleSets.readDrafts');
export const isVisible = (actor: Actor, v: RuleSetVersionRecord) =>
  v.publishedAt !== null || canReadDrafts(actor);

export function requireReadable(actor: Actor, v: RuleSetVersionRecord): void {
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

export function requireStatus(v: RuleSetVersionRecord, allowed: readonly VersionStatus[]): void {
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

export function requireDraft(v: RuleSetVersionRecord): void {
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

export const revisionConflict = (expected: number, actual: number) =>
  new ConflictError(
    'ruleset.revision_conflict',
    text(
      `The version changed since you loaded it (your revision ${expected}, now ${actual}). Reload and reapply your edit.`,
      `该版本在您加载后已被修改（您的修订号 ${expected}，当前 ${actual}）。请刷新后重新编辑。`,
    ),
    { details: { expected, actual } },
  );

export function requireRevision(v: RuleSetVersionRecord, ifRevision: number | undefined): void {
  if (ifRevision !== undefined && ifRevision !== v.revision) throw revisionConflict(ifRevision, v.revision);
}

export function isValidDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Writes a version's whole lifecycle state, expecting its revision unchanged; 409 `ruleset.revision_conflict` otherwise. */
export async function setState(
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

/** Moves `v` on once its status is one of `allowed`: `change` overrides its lifecycle fields. */
export function changeState(
  tx: Repositories,
  v: RuleSetVersionRecord,
  allowed: readonly VersionStatus[],
  change: Partial<VersionState>,
): Promise<RuleSetVersionRecord> {
  requireStatus(v, allowed);
  return setState(tx, v, { ...versionStateOf(v), ...change });
}

/** Inserts a new draft version of `content` with its audit record (`details` as given), inside `tx`. */
export async function insertDraft(
  tx: Repositories,
  input: {
    ruleSetId: string;
    number: number;
    content: RuleSetContent;
    basedOn: number | null;
    actor: string;
    at: string;
    action: string;
    details: unknown;
  },
): Promise<RuleSetVersionRecord> {
  const draft: RuleSetVersionRecord = {
    ruleSetId: input.ruleSetId,
    number: input.number,
    status: 'draft',
    content: input.content,
    sha256: hashRuleSet(input.content),
    revision: 1,
    basedOn: input.basedOn,
    createdBy: input.actor,
    createdAt: input.at,
    ...UNSUBMITTED,
  };
  await tx.ruleSets.insertVersion(draft);
  await appendAudit(tx, {
    at: input.at,
    entry: {
      actor: input.actor,
      action: input.action,
      target: versionTarget(input.ruleSetId, input.number),
      afterHash: draft.sha256,
      details: input.details,
    },
  });
  return draft;
}

export function requireId(content: RuleSetContent): string {
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

export const nameOf = (content: RuleSetContent, id: string) =>
  isLocalized(content.name) ? { en: content.name.en, zh: content.name.zh } : { en: id, zh: id };

export async function readDraft(
  deps: AppDeps,
  ref: VersionRef,
  ifRevision: number,
): Promise<RuleSetVersionRecord> {
  const v = await requireVersion(deps.store, ref);
  requireDraft(v);
  requireRevision(v, ifRevision);
  return v;
}

export const documentsOf = (content: RuleSetContent): Record<string, unknown>[] =>
  Array.isArray(content.documents) ? (content.documents as Record<string, unknown>[]) : [];

export type Transition = (
  tx: Repositories,
  v: RuleSetVersionRecord,
  at: string,
) => Promise<RuleSetVersionRecord>;

/** Runs a lifecycle step on one version in a transaction and writes its audit record there. */
export async function transition(
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

/** The timeline a version belongs to: its content's `timeline`, else its rule set's id. */
export const timelineOf = (v: Pick<RuleSetVersionRecord, 'ruleSetId' | 'content'>): string =>
  typeof v.content.timeline === 'string' && v.content.timeline !== '' ? v.content.timeline : v.ruleSetId;

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
