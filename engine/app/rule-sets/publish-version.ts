/** @module Publishing an approved version for an effective period, superseding the versions of its timeline it overlaps. */
import { ConflictError, ValidationError } from '../../core/errors.ts';
import { hashRuleSet } from '../../core/ruleset/canonical.ts';
import type { RuleSetVersionRecord, VersionState } from '../../ports/rule-set-store.ts';
import type { Repositories } from '../../ports/store.ts';
import { appendAudit, auditActor } from '../audit.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import {
  type VersionDetail,
  type Supersession,
  versionTarget,
  text,
  toDetail,
  versionStateOf,
  requireStatus,
  isValidDate,
  dayBefore,
  setState,
  transition,
  timelineOf,
} from './shared.ts';
import { noteInForceChanged } from './in-force.ts';

/** The effective period of a publish: the one given, else the content's; 400 `ruleset.bad_period`. */
function effectivePeriod(
  v: RuleSetVersionRecord,
  input: { effectiveFrom?: string; effectiveTo?: string },
): { from: string; to: string } {
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
  return { from, to };
}

const conflictsOf = (rows: readonly RuleSetVersionRecord[]) =>
  rows.map((p) => ({
    ruleSetId: p.ruleSetId,
    number: p.number,
    effectiveFrom: p.effectiveFrom,
    effectiveTo: p.effectiveTo,
  }));

/**
 * The published versions of `v`'s timeline that overlap `[from, to]`; 409 `ruleset.period_overlap`
 * when one belongs to another rule set and `supersede` is not set, or when one outlasts the period.
 */
async function overlappingVersions(
  tx: Repositories,
  v: RuleSetVersionRecord,
  period: { from: string; to: string },
  supersede: boolean | undefined,
): Promise<RuleSetVersionRecord[]> {
  const { from, to } = period;
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
  if (others.length > 0 && supersede !== true) {
    throw new ConflictError(
      'ruleset.period_overlap',
      text(
        `On timeline "${timeline}", ${others.map((p) => `${p.ruleSetId}@${p.number}`).join(', ')} is in force during ${from}…${to}; choose a period that does not overlap, or publish with supersede to replace it.`,
        `时间线“${timeline}”上 ${others.map((p) => `${p.ruleSetId}@${p.number}`).join('、')} 在 ${from}…${to} 期间生效；请选择不重叠的生效期间，或选择“取代”后发布。`,
      ),
      { path: '/effectiveFrom', details: { conflicts: conflictsOf(others) } },
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
      { details: { conflicts: conflictsOf(conflicts) } },
    );
  }
  return overlapping;
}

/** One publish: the version it publishes (`ruleSetId@number`), who and when, and its effective period. */
interface Publication {
  self: string;
  actor: string;
  at: string;
  from: string;
  to: string;
}

/** Trims (when it starts earlier) or archives (when it lies inside) one overlapped version, with its audit record. */
async function supersede(tx: Repositories, p: RuleSetVersionRecord, by: Publication): Promise<Supersession> {
  const { at, from, self } = by;
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
  await appendAudit(tx, {
    at,
    entry: {
      actor: by.actor,
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
  return change;
}

/** Freezes the content's hash and marks the version published for `[from, to]`. */
async function markPublished(
  tx: Repositories,
  v: RuleSetVersionRecord,
  by: Publication,
): Promise<RuleSetVersionRecord> {
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
    publishedBy: by.actor,
    publishedAt: by.at,
    effectiveFrom: by.from,
    effectiveTo: by.to,
  });
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
      const { from, to } = effectivePeriod(v, input);
      const by: Publication = { self: `${v.ruleSetId}@${v.number}`, actor, at, from, to };
      for (const p of await overlappingVersions(tx, v, { from, to }, input.supersede))
        superseded.push(await supersede(tx, p, by));
      return markPublished(tx, v, by);
    },
  );
  noteInForceChanged();
  return { ...toDetail(after), superseded };
}
