/** @module How staff see a case: the summary of queues, the detail page (history, live timers, the caller's actions), and the live projection of a stored record. */
import { type CaseProjection, projectCase } from '../../core/cases/projection.ts';
import type { CaseSummary } from '../../core/cases/summary.ts';
import type { DuplicateMatch } from '../../core/routing/index.ts';
import type { CaseLink } from '../../core/workflow/case-state.ts';
import { type AvailableAction, availableActions, type CaseState } from '../../core/workflow/index.ts';
import type { CaseEventRecord, CaseRecord } from '../../ports/cases.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { isUnitUser, workflowActorsOf } from './access.ts';
import type { CaseRules } from './rules.ts';
import { type DeclaredAction, declareActions } from './workflow.ts';

export type { CaseSummary };

/** Full detail of a case for staff. */
export interface CaseDetail extends CaseSummary {
  externalId: string | null;
  text: string;
  data: Record<string, unknown>;
  location: Record<string, unknown> | null;
  requester: Record<string, unknown> | null;
  slaPolicyId: string | null;
  routing: Record<string, unknown>;
  timers: Record<string, unknown>;
  flags: Record<string, unknown>;
  history: Omit<CaseEventRecord, 'caseId'>[];
  /** What the caller may do now, each with its declaration (label, tone, input form) from the case's own version. */
  availableActions: DeclaredAction[];
  /** Earlier cases this one is likely a repeat of (found at intake by the workflow's `duplicates` settings). */
  likelyOriginals: DuplicateMatch[];
  /** Links to other cases: merged into (`mergedInto`), carrying a merged case (`carries`), `related`. */
  links: CaseLink[];
}

/** What a case record stores besides the fields its projection derives from its state. */
export type StoredCaseFields = Omit<CaseRecord, keyof CaseProjection>;

/** The record with the projection fields derived from `state` at `now`. */
export function projectRecord(
  rules: CaseRules,
  record: StoredCaseFields,
  state: CaseState,
  now: string,
): CaseRecord {
  return { ...record, ...projectCase(rules, state, now) };
}

/** The staff summary of a record (names and labels from `rules` when given). */
export function summaryOf(rules: CaseRules | null, r: CaseRecord): CaseSummary {
  const cat = rules?.categories.get(r.category);
  const label = rules?.workflowDoc.states.find((s) => s.name === r.status)?.label as
    | { en: string; zh: string }
    | undefined;
  return {
    id: r.id,
    number: r.number,
    category: r.category,
    categoryName: cat ? (cat.name as { en: string; zh: string }) : null,
    channel: r.channel,
    status: r.status,
    statusLabel: label ?? null,
    priority: r.priority,
    leadUnitId: r.leadUnitId,
    assistingUnitIds: r.assistingUnitIds,
    title: r.text.slice(0, 60),
    supervisionLevel: r.supervisionLevel,
    ruleSetId: r.ruleSetId,
    ruleSetVersion: r.ruleSetVersion,
    slaLight: r.slaLight,
    dueAt: r.dueAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

const maskPhone = (phone: unknown) =>
  typeof phone === 'string' && phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;

function actionsFor(rules: CaseRules, state: CaseState, actor: Actor): AvailableAction[] {
  const out: AvailableAction[] = [];
  for (const wa of workflowActorsOf(actor))
    for (const a of availableActions(rules.workflow, state, wa))
      if (!out.some((o) => o.action === a.action)) out.push(a);
  return out;
}

/** The staff detail of a record, projected at now; unit users see the requester phone masked. */
export async function detailOf(
  deps: AppDeps,
  rules: CaseRules,
  record: CaseRecord,
  actor: Actor | null,
  events?: CaseEventRecord[],
): Promise<CaseDetail> {
  const history = events ?? (await deps.store.cases.listEvents(record.id));
  const live = projectRecord(rules, record, record.state, deps.clock.now().toISOString());
  const requester =
    record.requester && actor && isUnitUser(actor)
      ? { ...record.requester, phone: maskPhone(record.requester.phone) }
      : record.requester;
  return {
    ...summaryOf(rules, { ...record, slaLight: live.slaLight, dueAt: live.dueAt }),
    externalId: record.externalId,
    text: record.text,
    data: record.data,
    location: record.location,
    requester,
    slaPolicyId: record.slaPolicyId,
    routing: record.routing,
    timers: live.timers,
    flags: record.state.flags,
    history: history.map(({ caseId: _c, ...rest }) => rest),
    availableActions: actor ? declareActions(rules, actionsFor(rules, record.state, actor)) : [],
    likelyOriginals: (record.state.flags.likelyOriginals as DuplicateMatch[] | undefined) ?? [],
    links: record.state.links ?? [],
  };
}
