/** @module listOpen311Updates: the servicerequestupdates extension (status changes and replies from case history). */
import type { CaseEventRecord, CaseRecord } from '../../ports/cases.ts';
import type { AppDeps } from '../context.ts';
import { type CaseRules, rulesOfCase } from '../cases/rules.ts';
import type { Actor } from '../permissions.ts';
import { rangeOf } from './date-range.ts';
import { badInput, publicIdOf } from './ids.ts';
import { OPEN311_LIMITS, type Open311Lang, type Open311Update } from './model.ts';
import { checkReader, inScope, isClosed, labelOf } from './request-view.ts';

/** The update a history event makes public to key holders: status changes and replies, not intake or internal steps. */
function updateOf(input: {
  rules: CaseRules;
  record: CaseRecord;
  event: CaseEventRecord;
  lang: Open311Lang;
}): Open311Update | null {
  const { rules, record, event, lang } = input;
  if (event.type !== 'transitioned') return null;
  const p = event.payload as { action?: string; from?: string; to?: string; input?: Record<string, unknown> };
  if (p.action === 'accept' || !p.to) return null;
  const reply = p.action === 'reply' && typeof p.input?.reply === 'string' ? p.input.reply : null;
  if (p.from === p.to && reply === null) return null;
  return {
    update_id: `${publicIdOf(record.id)}-${event.seq}`,
    service_request_id: publicIdOf(record.id),
    status: isClosed(rules, p.to) ? 'closed' : 'open',
    updated_datetime: new Date(event.at).toISOString(),
    description: reply ?? labelOf(rules, p.to, lang),
    media_url: null,
  };
}

/**
 * GET servicerequestupdates: the updates (status changes, replies) of cases between start_date and
 * end_date (both or neither; default the last 24 hours; at most 90 days), oldest first, at most
 * 1,000. Needs an API key allowed to read cases; a unit's key sees its unit's cases.
 */
export async function listOpen311Updates(
  deps: AppDeps,
  input: { actor: Actor; start_date?: string; end_date?: string; lang: Open311Lang },
): Promise<Open311Update[]> {
  checkReader(input.actor);
  const hasStart = input.start_date !== undefined && input.start_date !== '';
  const hasEnd = input.end_date !== undefined && input.end_date !== '';
  if (hasStart !== hasEnd)
    throw badInput(
      'invalid_date',
      'Give both start_date and end_date, or neither.',
      'start_date 与 end_date 须同时提供或都不提供。',
      hasStart ? '/end_date' : '/start_date',
    );
  const { start, end } = rangeOf(input, deps.clock.now(), OPEN311_LIMITS.defaultUpdatesHours * 3_600_000);
  const [from, to] = [start.getTime(), end.getTime()];
  const histories = await deps.store.cases.histories({
    since: start.toISOString(),
    before: new Date(to + 1).toISOString(),
  });
  const updates: Open311Update[] = [];
  for (const { record, events } of histories) {
    if (!inScope(input.actor, record)) continue;
    const rules = await rulesOfCase(deps, record);
    for (const event of events) {
      const at = Date.parse(event.at);
      if (at < from || at > to) continue;
      const update = updateOf({ rules, record, event, lang: input.lang });
      if (update) updates.push(update);
    }
  }
  updates.sort(
    (a, b) => a.updated_datetime.localeCompare(b.updated_datetime) || a.update_id.localeCompare(b.update_id),
  );
  return updates.slice(0, OPEN311_LIMITS.maxUpdates);
}
