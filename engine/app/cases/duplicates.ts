/** @module Duplicate detection at intake and links between cases (merge / relate): candidates read by an indexed, window-bounded query, judged by the workflow's `duplicates` settings; the other side of a link recorded on the linked case. */
import { ConflictError, ValidationError } from '../../core/errors.ts';
import { type DuplicateMatch, duplicateSettingsOf, judgeDuplicates } from '../../core/routing/index.ts';
import { applyCaseEvent, type CaseEvent, type CaseState } from '../../core/workflow/index.ts';
import type { CaseRecord } from '../../ports/cases.ts';
import type { Repositories } from '../../ports/store.ts';
import type { CaseRules } from './rules.ts';
import type { AppDeps } from '../context.ts';

const HOUR_MS = 3_600_000;
/**
 * How many recent cases of each kind (same category, same phone) are compared at most: a bound on
 * intake's work (the newest are the likeliest originals), not an office setting.
 */
const CANDIDATES_PER_KIND = 50;

/** What intake knows of a new case for duplicate detection. */
export interface IncomingCase {
  category: string;
  text: string;
  phone: string | null;
  address: string | null;
  /** UTC ISO instant. */
  receivedAt: string;
}

/**
 * The likely originals of a new case (best first), or none when the workflow has no `duplicates`
 * section. Reads only the cases of the window before `receivedAt`, through the store's indexes.
 */
export async function findLikelyOriginals(
  deps: AppDeps,
  rules: CaseRules,
  incoming: IncomingCase,
): Promise<DuplicateMatch[]> {
  const settings = duplicateSettingsOf(rules.workflowDoc);
  if (!settings) return [];
  const before = new Date(Date.parse(incoming.receivedAt) + 1).toISOString();
  const since = new Date(Date.parse(incoming.receivedAt) - settings.windowHours * HOUR_MS).toISOString();
  const recent = await deps.store.cases.findRecent({
    since,
    before,
    category: incoming.category,
    ...(incoming.phone ? { phone: incoming.phone } : {}),
    limit: CANDIDATES_PER_KIND,
  });
  return judgeDuplicates(settings, incoming, recent);
}

const text = (en: string, zh: string) => ({ en, zh });

/** The case a link effect names (by id or number), checked: it exists, is another case, and was not itself merged away. */
export async function resolveLinkTarget(
  repos: Pick<Repositories, 'cases'>,
  from: CaseRecord,
  caseRef: string,
): Promise<CaseRecord> {
  const target = (await repos.cases.getByNumber(caseRef)) ?? (await repos.cases.get(caseRef));
  if (!target)
    throw new ValidationError(
      'case.link_unknown',
      text(`No case "${caseRef}" to link to.`, `要关联的办件“${caseRef}”不存在。`),
      { path: '/input', details: { caseRef } },
    );
  if (target.id === from.id)
    throw new ValidationError(
      'case.link_self',
      text('A case cannot be linked to itself.', '办件不能关联自身。'),
      {
        path: '/input',
      },
    );
  const carrier = target.state.links?.find((l) => l.relation === 'mergedInto');
  if (carrier)
    throw new ConflictError(
      'case.link_merged',
      text(
        `Case ${target.number} was merged into ${carrier.number ?? carrier.caseId}; link to that case instead.`,
        `办件 ${target.number} 已并入 ${carrier.number ?? carrier.caseId}，请关联该办件。`,
      ),
      { details: { caseRef, carriedBy: carrier.number ?? carrier.caseId } },
    );
  return target;
}

/**
 * Rewrites the `linked` events of a transition so they name the resolved case (id and number),
 * and folds them again from `before`: the workflow only knew the reference the input gave.
 */
export function withResolvedLinks(
  before: CaseState,
  events: readonly CaseEvent[],
  targets: ReadonlyMap<string, CaseRecord>,
): { events: CaseEvent[]; state: CaseState } {
  const resolved = events.map((e) => {
    if (e.type !== 'linked') return e;
    const target = targets.get(e.otherCaseId);
    return target ? { ...e, otherCaseId: target.id, otherNumber: target.number } : e;
  });
  let state = before;
  for (const e of resolved) state = applyCaseEvent(state, e);
  return { events: resolved, state };
}

/** The event the linked case records: it carries the merged case, or is related to it. */
export function reverseLinkEvent(input: {
  target: CaseRecord;
  from: CaseRecord;
  relation: 'mergedInto' | 'related';
  at: string;
}): CaseEvent {
  return {
    type: 'linked',
    caseId: input.target.id,
    at: input.at,
    otherCaseId: input.from.id,
    otherNumber: input.from.number,
    relation: input.relation === 'mergedInto' ? 'carries' : 'related',
  };
}
