/** @module listCases: a page of a role's queue with the live SLA light of each case. */
import { districtDayAfter, districtDayStart } from '../../core/time-zone.ts';
import type { CaseRecord } from '../../ports/cases.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { isUnitUser } from './access.ts';
import { activeCaseRules, rulesOfCase, normalizeChannel } from './rules.ts';
import { type CaseSummary, projectRecord, summaryOf } from './view.ts';

export type CaseQueue = 'dispatcher' | 'unit' | 'supervisor' | 'reviewer' | 'all';

/** Filters of {@link listCases}. */
export interface ListCasesInput {
  actor: Actor;
  queue?: CaseQueue;
  status?: string;
  category?: string;
  channel?: string;
  priority?: string;
  unitId?: string;
  slaLight?: string;
  q?: string;
  /** Created on or after / on or before (YYYY-MM-DD, district time). */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

function defaultQueue(actor: Actor): CaseQueue {
  for (const role of ['dispatcher', 'supervisor', 'reviewer', 'unit'] as const)
    if (actor.roles.includes(role)) return role;
  return 'all';
}

/** A page of cases in a role's queue, newest first, with the live SLA light of each. */
export async function listCases(
  deps: AppDeps,
  input: ListCasesInput,
): Promise<{ items: CaseSummary[]; total: number }> {
  const queue = input.queue ?? defaultQueue(input.actor);
  const unitUser = isUnitUser(input.actor);
  if (unitUser && input.actor.unitId === null) return { items: [], total: 0 };
  const rulesFinal = await activeCaseRules(deps).catch(() => null);
  const query = {
    ...(queue === 'dispatcher' ? { waitingRole: 'dispatcher' } : {}),
    ...(queue === 'reviewer' ? { waitingRole: 'reviewer' } : {}),
    ...(queue === 'supervisor'
      ? { supervisorView: { finalStates: [...(rulesFinal?.workflow.finals ?? [])] } }
      : {}),
    ...(queue === 'unit' && input.actor.unitId ? { waitingUnitId: input.actor.unitId } : {}),
    ...(unitUser
      ? { involvedUnitId: input.actor.unitId! }
      : input.unitId
        ? { involvedUnitId: input.unitId }
        : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.category ? { category: input.category } : {}),
    ...(input.channel
      ? { channel: (rulesFinal && normalizeChannel(rulesFinal, input.channel)) ?? input.channel }
      : {}),
    ...(input.priority ? { priority: input.priority } : {}),
    ...(input.q ? { q: input.q } : {}),
    ...(input.from ? { createdFrom: districtDayStart(input.from) } : {}),
    ...(input.to ? { createdBefore: districtDayAfter(input.to) } : {}),
    limit: Math.min(Math.max(input.limit ?? 50, 1), 200),
    offset: Math.max(input.offset ?? 0, 0),
  };
  const now = deps.clock.now().toISOString();
  const liveSummary = async (r: CaseRecord): Promise<CaseSummary> => {
    const rules = await rulesOfCase(deps, r);
    const live = projectRecord(rules, r, r.state, now);
    return summaryOf(rules, { ...r, slaLight: live.slaLight, dueAt: live.dueAt });
  };
  if (input.slaLight) {
    // The stored light is only as fresh as the last write or worker pass; the filter must agree with
    // the live light every row shows, so it is applied after projecting each candidate at `now`.
    const candidates = await deps.store.cases.list({ ...query, limit: LIVE_FILTER_MAX, offset: 0 });
    const matching: CaseSummary[] = [];
    for (const r of candidates.items) {
      const summary = await liveSummary(r);
      if (summary.slaLight === input.slaLight) matching.push(summary);
    }
    return { items: matching.slice(query.offset, query.offset + query.limit), total: matching.length };
  }
  const page = await deps.store.cases.list(query);
  const items: CaseSummary[] = [];
  for (const r of page.items) items.push(await liveSummary(r));
  return { items, total: page.total };
}

/** Most candidates a live SLA-light filter projects; a district's open queue is far smaller. */
const LIVE_FILTER_MAX = 20_000;
