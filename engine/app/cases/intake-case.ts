/** @module intakeCase: takes in a case from any channel in named steps (channel, data, version, routing, deadlines, record, events). */
import type { PostApiCasesBody } from '../../../schemas/api-types.gen.ts';
import type { Priority } from '../../../schemas/types.gen.ts';
import { ValidationError } from '../../core/errors.ts';
import { type DuplicateMatch, type RoutingDecision, routeCase } from '../../core/routing/index.ts';
import {
  applyCaseEvent,
  applyTransition,
  type CaseEvent,
  type CaseState,
  openCase,
} from '../../core/workflow/index.ts';
import type { CaseEventActor, CaseRecord } from '../../ports/cases.ts';
import type { Repositories } from '../../ports/store.ts';
import { appendAudit } from '../audit.ts';
import type { AppDeps } from '../context.ts';
import { enqueueOutbox, sealEventSecrets } from '../outbox.ts';
import type { Actor } from '../permissions.ts';
import { todayOf } from '../../core/time-zone.ts';
import { text } from './access.ts';
import { findLikelyOriginals } from './duplicates.ts';
import { eventActorOf, toRecords } from './history.ts';
import { newQueryPassword, queryPasswordHasherOf } from './query-password.ts';
import { activeCaseRules, type CaseRules, rulesOfCase, normalizeChannel } from './rules.ts';
import { type CaseDetail, detailOf, projectRecord, type StoredCaseFields } from './view.ts';

/** The routing a case record keeps: the decision, the rule-set version it used, its explanation and trace. */
export function routingRecordOf(decision: RoutingDecision, ruleSetVersion: number) {
  return {
    leadUnitId: decision.leadUnitId,
    assistingUnitIds: decision.assistingUnitIds,
    priority: decision.priority,
    slaPolicyId: decision.slaPolicyId,
    ruleSetVersion,
    routingTableId: decision.routingTableId ?? null,
    rowId: decision.rowId ?? null,
    isFallback: decision.isFallback,
    explanation: decision.trace.flatMap((t) => t.explanation),
    trace: decision.trace,
  };
}

/** Intake of one case: what `POST /api/cases` takes (`receivedAt` defaults to now), and from whom. */
export type IntakeCaseInput = PostApiCasesBody & {
  /** Staff or plugin caller; null for the public portal and channel ports. */
  actor: Actor | null;
  /** Channel ports may send categories the rule set does not know: they go to manual dispatch. */
  allowUnknownCategory?: boolean;
};

/** What {@link intakeCase} answers. */
export interface IntakeCaseResult {
  case: CaseDetail;
  queryPassword: string | null;
  isDuplicate: boolean;
  likelyOriginals: DuplicateMatch[];
}

/** Step "validate": the canonical channel code; `case.unknown_channel` when the workflow declares none such. */
function channelOf(rules: CaseRules, input: IntakeCaseInput): string {
  const channel = normalizeChannel(rules, input.channel);
  if (channel === null)
    throw new ValidationError(
      'case.unknown_channel',
      text(`Unknown channel "${input.channel}".`, `未知的受理渠道“${input.channel}”。`),
      {
        path: '/channel',
      },
    );
  return channel;
}

/** Step "validate": the intake data checked against the category's form (`case.invalid_data` / `case.unknown_category`). */
function intakeDataOf(rules: CaseRules, input: IntakeCaseInput, channel: string): Record<string, unknown> {
  const category = rules.categories.get(input.category);
  const data: Record<string, unknown> = { ...(input.data ?? {}) };
  if (category) {
    if ((category.form.schema as { properties?: Record<string, unknown> }).properties?.content !== undefined)
      data.content ??= input.text;
    if (!category.validate(data)) {
      const issues = (category.validate.errors ?? []).map((e) => ({
        path: `/data${e.instancePath}`,
        code: e.keyword,
        message: e.message ?? '',
      }));
      throw new ValidationError(
        'case.invalid_data',
        text(
          `The intake data is invalid at ${issues[0]?.path}: ${issues[0]?.message}.`,
          `受理信息不合法（${issues[0]?.path}）：${issues[0]?.message}。`,
        ),
        { path: issues[0]?.path ?? '/data', details: issues },
      );
    }
  } else if (!input.allowUnknownCategory) {
    throw new ValidationError(
      'case.unknown_category',
      text(`Unknown case category "${input.category}".`, `未知的事项分类“${input.category}”。`),
      { path: '/category' },
    );
  }
  // Plugins match events by the channel code they sent (e.g. `110`), kept beside the canonical one.
  if (input.channel !== channel) data.sourceChannel = input.channel;
  return data;
}

/** Step "route": the routing decision by the tables of the version in force, as the case record keeps it. */
function routeIntake(rules: CaseRules, input: IntakeCaseInput, channel: string, at: string) {
  const loc = input.location ?? {};
  const decision = routeCase(
    rules.routing,
    {
      category: input.category,
      channel,
      text: input.text,
      ...(input.requester?.type ? { requesterType: input.requester.type } : {}),
      ...(loc.streetId ? { streetId: loc.streetId } : {}),
      ...(loc.communityId ? { communityId: loc.communityId } : {}),
      ...(loc.gridId ? { gridId: loc.gridId } : {}),
    },
    { asOf: rules.defaultCalendar.toLocalIso(at).slice(0, 10) },
  );
  return { decision, routing: routingRecordOf(decision, rules.version) };
}

/** The first case of (channel, externalId), answered again without a password. */
export async function duplicateOf(
  deps: AppDeps,
  existing: CaseRecord,
  actor: Actor | null,
  tx?: Repositories,
): Promise<{ case: CaseDetail; queryPassword: null; isDuplicate: true; likelyOriginals: DuplicateMatch[] }> {
  const rules = await rulesOfCase(deps, existing);
  const events = await (tx ?? deps.store).cases.listEvents(existing.id);
  return {
    case: await detailOf(deps, rules, existing, actor, events),
    queryPassword: null,
    isDuplicate: true,
    likelyOriginals: [],
  };
}

/** Everything the steps inside the transaction need, settled before it starts. */
interface IntakePlan {
  input: IntakeCaseInput;
  rules: CaseRules;
  at: string;
  channel: string;
  data: Record<string, unknown>;
  decision: RoutingDecision;
  routing: ReturnType<typeof routingRecordOf>;
  caseId: string;
  queryPasswordHash: string;
  likelyOriginals: DuplicateMatch[];
  intakeRole: 'plugin' | 'dispatcher';
  eventActor: CaseEventActor;
}

/**
 * Step "deadline": opens the case (its timers start on the SLA policy the routing chose, paused in the
 * policy's states), applies the workflow's `accept` and notes likely originals.
 */
function openIntakeState(plan: IntakePlan): { state: CaseState; events: CaseEvent[] } {
  const { rules, decision, input, caseId, at } = plan;
  const policy = rules.policies.get(decision.slaPolicyId);
  const opened = openCase(rules.workflow, {
    caseId,
    at,
    routing: {
      leadUnitId: decision.leadUnitId,
      assistingUnitIds: decision.assistingUnitIds,
      priority: decision.priority as Priority,
      slaPolicyId: decision.slaPolicyId,
      ruleSetVersion: rules.version,
    },
    pauseInStates: policy?.pauseInStates ?? [],
    onRedispatch: policy?.onRedispatch ?? 'continue',
    data: {
      ...plan.data,
      category: input.category,
      channel: plan.channel,
      text: input.text,
      ...(input.requester?.type ? { requesterType: input.requester.type } : {}),
    },
  });
  const accepted = applyTransition(rules.workflow, opened.state, {
    action: 'accept',
    actor: { role: plan.intakeRole, userId: plan.eventActor.username },
    at,
  });
  const noted: CaseEvent[] =
    plan.likelyOriginals.length > 0
      ? [{ type: 'flagSet', caseId, at, field: 'likelyOriginals', value: plan.likelyOriginals }]
      : [];
  const state = noted.reduce((s: CaseState, e) => applyCaseEvent(s, e), accepted.state);
  return { state, events: [...opened.events, ...accepted.events, ...noted] };
}

/** Step "persist": the new case record (numbered `YYYY-NNNNNN` by the district year it was received in), projected. */
function intakeRecordOf(plan: IntakePlan, number: string, opened: { state: CaseState; events: CaseEvent[] }) {
  const { input, rules, at } = plan;
  // The status, units, timers, light and waiting fields are the projection's, from the opened state.
  const base: StoredCaseFields = {
    id: plan.caseId,
    number,
    channel: plan.channel,
    externalId: input.externalId ?? null,
    category: input.category,
    ruleSetId: rules.ruleSetId,
    ruleSetVersion: rules.version,
    slaPolicyId: plan.decision.slaPolicyId,
    workflowId: rules.workflow.id,
    queryPasswordHash: plan.queryPasswordHash,
    text: input.text,
    data: plan.data,
    requester: input.requester ? { ...input.requester } : null,
    location: input.location ? { ...input.location } : null,
    routing: plan.routing,
    eventCount: opened.events.length,
    createdAt: at,
  };
  return projectRecord(rules, base, opened.state, at);
}

/**
 * Step "events": the `case.accepted` outbox event and the audit record. The phone is sealed beside
 * the payload and opened only for plugins that declare it in `personalData` and were granted it.
 * The query password never leaves intake (data minimisation).
 */
async function announceIntake(deps: AppDeps, tx: Repositories, plan: IntakePlan, record: CaseRecord) {
  const { input, at, caseId, decision, rules } = plan;
  await enqueueOutbox(tx, {
    topic: 'case.accepted',
    key: caseId,
    createdAt: at,
    sealedSecrets: sealEventSecrets(deps, { requesterPhone: input.requester?.phone }),
    payload: {
      caseId,
      caseNumber: record.number,
      channel: input.channel,
      externalId: input.externalId ?? null,
      category: input.category,
      status: 'accepted',
      state: record.status,
      leadUnitId: record.leadUnitId,
      deadline: null,
    },
  });
  await appendAudit(tx, {
    at,
    entry: {
      actor: plan.eventActor.username,
      action: 'case.intake',
      target: `case:${record.number}`,
      details: {
        caseId,
        channel: plan.channel,
        externalId: input.externalId ?? null,
        category: input.category,
        ruleSet: `${rules.ruleSetId}@${rules.version}`,
        leadUnitId: decision.leadUnitId,
        assistingUnitIds: decision.assistingUnitIds,
        isFallback: decision.isFallback,
      },
    },
  });
}

/**
 * Takes in a case from any channel: validates the data against the category's intake form, routes
 * it with the routing tables of the rule set in force (decision and trace stored with the version),
 * opens it and applies the workflow's `accept`, numbers it (`YYYY-NNNNNN`), hashes a new 6-digit
 * query password, and writes the case, its events, the `case.accepted` outbox event and an audit
 * record in one transaction. Idempotent by (channel, externalId): a repeat returns the first case
 * with `isDuplicate` and no password. Throws `ValidationError` `case.unknown_channel` /
 * `case.unknown_category` / `case.invalid_data`.
 */
export async function intakeCase(deps: AppDeps, input: IntakeCaseInput): Promise<IntakeCaseResult> {
  const at = input.receivedAt ? new Date(input.receivedAt).toISOString() : deps.clock.now().toISOString();
  // Step "resolve version": routed by the rules in force on the day the case was received, not on the day it is keyed in.
  const rules = await activeCaseRules(deps, todayOf(new Date(at)));
  const channel = channelOf(rules, input);
  if (input.externalId !== undefined) {
    const existing = await deps.store.cases.findByExternalId(channel, input.externalId);
    if (existing) return duplicateOf(deps, existing, input.actor);
  }
  const data = intakeDataOf(rules, input, channel);
  const { decision, routing } = routeIntake(rules, input, channel, at);
  const queryPassword = newQueryPassword(deps);
  const queryPasswordHash = await queryPasswordHasherOf(deps).hash(queryPassword);
  const caseId = deps.ids.newId('case');
  // Repeats of a recent case (same caller, address or similar text): listed for the operator to merge or link.
  const likelyOriginals = await findLikelyOriginals(deps, rules, {
    category: input.category,
    text: input.text,
    phone: input.requester?.phone ?? null,
    address: input.location?.address ?? null,
    receivedAt: at,
  });
  const intakeRole = input.actor?.roles.includes('plugin') ? 'plugin' : 'dispatcher';
  const eventActor = eventActorOf(
    input.actor,
    input.actor ? intakeRole : channel === 'web' ? 'citizen' : 'system',
  );
  const plan: IntakePlan = {
    input,
    rules,
    at,
    channel,
    data,
    decision,
    routing,
    caseId,
    queryPasswordHash,
    likelyOriginals,
    intakeRole,
    eventActor,
  };
  return deps.store.transaction(async (tx) => {
    if (input.externalId !== undefined) {
      const existing = await tx.cases.findByExternalId(channel, input.externalId);
      if (existing) return duplicateOf(deps, existing, input.actor, tx);
    }
    const year = Number(rules.defaultCalendar.toLocalIso(at).slice(0, 4));
    const number = `${year}-${String(await tx.cases.nextNumber(year)).padStart(6, '0')}`;
    const opened = openIntakeState(plan);
    const record = intakeRecordOf(plan, number, opened);
    const history = toRecords(caseId, 1, opened.events, eventActor);
    await tx.cases.insert(record);
    await tx.cases.appendEvents(history);
    await announceIntake(deps, tx, plan, record);
    return {
      case: await detailOf(deps, rules, record, input.actor, history),
      queryPassword,
      isDuplicate: false,
      likelyOriginals,
    };
  });
}
