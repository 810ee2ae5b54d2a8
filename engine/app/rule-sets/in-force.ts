/** @module Which published versions are in force on a day: the per-store cache of published versions and the helpers the in-force reads share. */
import { ConflictError, ValidationError } from '../../core/errors.ts';
import type { RuleSetVersionRecord } from '../../ports/rule-set-store.ts';
import type { AppDeps } from '../context.ts';
import { text, isValidDate, timelineOf } from './shared.ts';

// Counts publications and archivals made by this process, so the cache of published versions notices
// one at once (changes made by another process wait for the cache's expiry).
let inForceGeneration = 0;

/** Makes the next read of published versions in this process go to the store (after a publish or an archival). */
export function noteInForceChanged(): void {
  inForceGeneration++;
}

/** The versions of `rows` in force on `at` (YYYY-MM-DD). */
export const inForceOn = (rows: readonly RuleSetVersionRecord[], at: string): RuleSetVersionRecord[] =>
  rows.filter(
    (v) => v.effectiveFrom !== null && v.effectiveTo !== null && v.effectiveFrom <= at && at <= v.effectiveTo,
  );

export async function findInForce(deps: AppDeps, at: string): Promise<RuleSetVersionRecord[]> {
  return inForceOn(await deps.store.ruleSets.listPublished(), at);
}

/** `at` if it is a valid YYYY-MM-DD day; 400 `ruleset.bad_date` otherwise. */
export function requireDay(at: string): string {
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
export const ambiguousOn = (at: string, inForce: readonly RuleSetVersionRecord[], withTimeline: boolean) =>
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

const capabilityKind: Record<RuleSetCapability, string> = { assessment: 'indicator', cases: 'workflow' };

export const hasCapability = (v: RuleSetVersionRecord, needs: RuleSetCapability): boolean =>
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
