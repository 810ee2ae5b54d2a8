/** @module One workflow transition of a case: the first role of the caller the workflow allows, link targets resolved, and events, projection, outbox and audit written in one transaction. */
import { ConflictError, PermissionError } from '../../core/errors.ts';
import { type Actor as WorkflowActor, applyCaseEvent, applyTransition } from '../../core/workflow/index.ts';
import type { CaseEffect } from '../../core/workflow/workflow.ts';
import type { CaseEventActor, CaseRecord } from '../../ports/cases.ts';
import type { Repositories } from '../../ports/store.ts';
import { appendAudit } from '../audit.ts';
import type { AppDeps } from '../context.ts';
import { enqueueOutbox, sealEventSecrets } from '../outbox.ts';
import { text } from './access.ts';
import { resolveLinkTarget, reverseLinkEvent, withResolvedLinks } from './duplicates.ts';
import { enqueueHandOffs, replyOf } from './events.ts';
import { toRecords } from './history.ts';
import { type CaseRules, rulesOfCase } from './rules.ts';
import { projectRecord } from './view.ts';

/** A transition request: the case, the workflow roles to try in order and the action. */
export interface TransitionRequest {
  record: CaseRecord;
  candidates: WorkflowActor[];
  eventActor: (role: string) => CaseEventActor;
  action: string;
  input: Record<string, unknown>;
  at: string;
}

/** A transition request with the rules the case was opened under. */
interface TransitionInput extends TransitionRequest {
  rules: CaseRules;
}

type Applied = ReturnType<typeof applyTransition>;
type LinkEffect = Extract<CaseEffect, { type: 'link' }>;

/** The first candidate role the workflow lets take the action, with its result; else the last refusal. */
function firstAllowed(input: TransitionInput): { result: Applied; wa: WorkflowActor } {
  let lastError: unknown = new PermissionError(
    'workflow.role_forbidden',
    text('Your role cannot take this action.', '当前角色不能执行该操作。'),
  );
  for (const wa of input.candidates) {
    try {
      const result = applyTransition(input.rules.workflow, input.record.state, {
        action: input.action,
        actor: wa,
        input: input.input,
        at: input.at,
      });
      return { result, wa };
    } catch (error) {
      lastError = error;
      if (error instanceof PermissionError) continue;
      throw error;
    }
  }
  throw lastError;
}

/** Link effects (merge, relate) name the other case by the reference the input gave: resolved and checked. */
async function resolveLinks(deps: AppDeps, record: CaseRecord, result: Applied) {
  const links = result.effects.flatMap((e) => (e.type === 'link' ? [e] : []));
  const targets = new Map<string, CaseRecord>();
  const targetRules = new Map<string, CaseRules>();
  for (const link of links) {
    const target = await resolveLinkTarget(deps.store, record, link.caseRef);
    targets.set(link.caseRef, target);
    targetRules.set(target.id, await rulesOfCase(deps, target));
  }
  const resolved =
    links.length > 0 ? { ...result, ...withResolvedLinks(record.state, result.events, targets) } : result;
  return { result: resolved, links, targets, targetRules };
}

/** The linked case records the other side (it carries the merged case, or is related to it). */
async function writeReverseLinks(
  tx: Repositories,
  input: TransitionInput,
  linking: Awaited<ReturnType<typeof resolveLinks>> & { record: CaseRecord; actor: CaseEventActor },
) {
  for (const link of linking.links as LinkEffect[]) {
    // Checked again inside the transaction: the target may have been merged away meanwhile.
    const target = await resolveLinkTarget(tx, input.record, linking.targets.get(link.caseRef)!.id);
    const event = reverseLinkEvent({ target, from: linking.record, relation: link.relation, at: input.at });
    const linked = projectRecord(
      linking.targetRules.get(target.id)!,
      { ...target, eventCount: target.eventCount + 1 },
      applyCaseEvent(target.state, event),
      input.at,
    );
    if (!(await tx.cases.update(linked, target.eventCount)))
      throw new ConflictError(
        'case.changed',
        text('The linked case was changed meanwhile; try again.', '关联的办件已被他人更新，请重试。'),
      );
    await tx.cases.appendEvents([
      {
        caseId: target.id,
        seq: target.eventCount + 1,
        type: 'linked',
        actor: linking.actor,
        at: input.at,
        payload: event as unknown as Record<string, unknown>,
      },
    ]);
  }
}

/** The `case.<action>` (and `case.<final state>`) outbox events, the hand-offs and the audit record. */
async function announceTransition(
  deps: AppDeps,
  tx: Repositories,
  input: TransitionInput,
  done: { record: CaseRecord; result: Applied; actor: CaseEventActor; role: string },
) {
  const { record, result, actor } = done;
  const notifiesCitizen = result.effects.some((e) => e.type === 'notify' && e.recipients.includes('citizen'));
  const payload = {
    caseId: record.id,
    caseNumber: record.number,
    channel: (record.data.sourceChannel as string | undefined) ?? record.channel,
    externalId: record.externalId,
    action: input.action,
    from: input.record.status,
    to: record.status,
    leadUnitId: record.leadUnitId,
    assistingUnitIds: record.assistingUnitIds,
    actor: { username: actor.username, role: actor.role, unitId: actor.unitId ?? null },
    notify: result.effects.filter((e) => e.type === 'notify'),
    // What subscribers (city platform, 110) pass on: category, the nearest deadline, the reply text.
    category: record.category,
    deadline: record.dueAt,
    reply: replyOf(record, input.input),
  };
  // The phone goes sealed, to plugins that declare it (manifest `personalData`) and were granted it.
  const phoneSecret = () =>
    sealEventSecrets(deps, { requesterPhone: record.requester?.phone as string | undefined });
  await enqueueOutbox(tx, {
    topic: `case.${input.action}`,
    payload,
    createdAt: input.at,
    ...(notifiesCitizen ? { sealedSecrets: phoneSecret() } : {}),
  });
  const finals = input.rules.workflow.finals;
  if (finals.has(record.status) && !finals.has(input.record.status))
    await enqueueOutbox(tx, {
      topic: `case.${record.status}`,
      key: record.id,
      payload,
      sealedSecrets: phoneSecret(),
      createdAt: input.at,
    });
  await enqueueHandOffs(tx, { record, action: input.action, effects: result.effects, at: input.at });
  await appendAudit(tx, {
    at: input.at,
    entry: {
      actor: actor.username,
      action: `case.${input.action}`,
      target: `case:${record.number}`,
      details: {
        caseId: record.id,
        role: done.role,
        from: input.record.status,
        to: record.status,
        input: input.input,
      },
    },
  });
}

/**
 * Runs one workflow transition under the rules the case was opened under, in a transaction (events,
 * projection, outbox, audit); answers those rules with the record after it.
 */
export async function transition(
  deps: AppDeps,
  request: TransitionRequest,
): Promise<{ rules: CaseRules; next: CaseRecord }> {
  const rules = await rulesOfCase(deps, request.record);
  const input: TransitionInput = { ...request, rules };
  const allowed = firstAllowed(input);
  const actor = input.eventActor(allowed.wa.role);
  const linking = await resolveLinks(deps, input.record, allowed.result);
  const result = linking.result;
  const record = projectRecord(
    input.rules,
    { ...input.record, eventCount: input.record.eventCount + result.events.length },
    result.state,
    input.at,
  );
  await deps.store.transaction(async (tx) => {
    if (!(await tx.cases.update(record, input.record.eventCount)))
      throw new ConflictError(
        'case.changed',
        text('The case was changed meanwhile; reload and try again.', '办件已被他人更新，请刷新后重试。'),
      );
    await tx.cases.appendEvents(toRecords(record.id, input.record.eventCount + 1, result.events, actor));
    await writeReverseLinks(tx, input, { ...linking, record, actor });
    await announceTransition(deps, tx, input, { record, result, actor, role: allowed.wa.role });
  });
  return { rules, next: record };
}
