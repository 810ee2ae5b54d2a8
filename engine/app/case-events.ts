/** @module What case transitions hand to the outbox besides their own event: the reply text subscribers need and the hand-offs to outside systems a workflow effect asks for. */
import type { CaseEffect } from '../core/workflow/workflow.ts';
import type { CaseRecord } from '../ports/cases.ts';
import type { Repositories } from '../ports/store.ts';
import { enqueueOutbox } from './outbox.ts';

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

/**
 * Emits `case.handoff.<system>` for each `handOff` effect of a transition, in the transition's
 * transaction (once per case, action run and system: keyed by the case and its event count). The
 * payload carries what the outside system needs to open its item — never the requester's name,
 * phone or query password.
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
      },
    });
  }
}
