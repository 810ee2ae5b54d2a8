/** @module What case transitions hand to the outbox besides their own event: the reply text subscribers need and the hand-offs to outside systems a workflow effect asks for. */
import { EVENT_CATALOGUE } from '../../core/events/catalogue.ts';
import type { CaseEffect } from '../../core/workflow/workflow.ts';
import type { CaseRecord } from '../../ports/cases.ts';
import type { Repositories } from '../../ports/store.ts';
import { enqueueOutbox } from '../outbox.ts';

const textOf = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

/**
 * The reply to the citizen (答复内容) an event carries: the action's own `reply` / `answer` input, else
 * the one the case keeps (the flags `reply` / `answer` a workflow `set` effect stores), else null —
 * the same reading as the citizen's lookup.
 */
export function replyOf(
  record: Pick<CaseRecord, 'state'>,
  input: Record<string, unknown> | undefined,
): string | null {
  const flags = record.state.flags ?? {};
  return textOf(input?.reply) ?? textOf(input?.answer) ?? textOf(flags.reply) ?? textOf(flags.answer);
}

/** Hand-off systems whose topic's payload schema declares the incident location (e.g. 110: the police go there). */
const SYSTEMS_WITH_LOCATION = new Set(
  EVENT_CATALOGUE.filter(
    (e) => e.topic.startsWith('case.handoff.') && 'location' in ((e.schema.properties as object) ?? {}),
  ).map((e) => e.topic.slice('case.handoff.'.length)),
);

/** The incident location an outside system may receive: address and coordinates only, null when none. */
function locationOf(record: CaseRecord): Record<string, unknown> | null {
  const l = record.location ?? {};
  const out: Record<string, unknown> = {};
  if (typeof l.address === 'string' && l.address !== '') out.address = l.address;
  if (typeof l.lat === 'number') out.lat = l.lat;
  if (typeof l.lng === 'number') out.lng = l.lng;
  return Object.keys(out).length > 0 ? out : null;
}

/**
 * Emits `case.handoff.<system>` for each `handOff` effect of a transition, in the transition's
 * transaction (once per case, action run and system: keyed by the case and its event count). The
 * payload carries what the outside system needs to open its item — never the requester's name,
 * phone or query password; the incident location only where the topic's schema declares it.
 */
export async function enqueueHandOffs(
  tx: Pick<Repositories, 'outbox'>,
  input: { record: CaseRecord; action: string; effects: readonly CaseEffect[]; at: string },
): Promise<void> {
  const { record } = input;
  for (const effect of input.effects) {
    if (effect.type !== 'handOff') continue;
    await enqueueOutbox(tx, {
      topic: `case.handoff.${effect.system}`,
      key: `${record.id}:${record.eventCount}`,
      createdAt: input.at,
      payload: {
        caseId: record.id,
        caseNumber: record.number,
        channel: (record.data.sourceChannel as string | undefined) ?? record.channel,
        externalId: record.externalId,
        category: record.category,
        action: input.action,
        itemCode: effect.itemCode,
        text: record.text,
        leadUnitId: record.leadUnitId,
        deadline: record.dueAt,
        ...(SYSTEMS_WITH_LOCATION.has(effect.system) ? { location: locationOf(record) } : {}),
      },
    });
  }
}
