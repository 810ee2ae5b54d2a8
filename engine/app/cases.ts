/** @module Case operations: intake from every channel, workflow actions, queues, case detail, citizen lookup and rating, deadline checks. */
import type { Priority } from '../../schemas/types.gen.ts';
import { ConflictError, NotFoundError, PermissionError, ValidationError } from '../core/errors.ts';
import {
  computeDeadlines,
  type DuplicateMatch,
  ladderStatus,
  type RoutingDecision,
  routeCase,
  slaStatus,
} from '../core/routing/index.ts';
import type { CaseLink } from '../core/workflow/case-state.ts';
import {
  type Actor as WorkflowActor,
  type AvailableAction,
  applyCaseEvent,
  applyTransition,
  availableActions,
  type CaseEvent,
  type CaseState,
  openCase,
} from '../core/workflow/index.ts';
import type { CaseIntakeInput, CaseIntakePort, CaseIntakeResult } from '../ports/case-intake.ts';
import type { CaseEventActor, CaseEventRecord, CaseRecord } from '../ports/cases.ts';
import type { Repositories } from '../ports/store.ts';
import { appendAudit } from './audit.ts';
import {
  findLikelyOriginals,
  resolveLinkTarget,
  reverseLinkEvent,
  withResolvedLinks,
} from './cases/duplicates.ts';
import { enqueueHandOffs, replyOf } from './cases/events.ts';
import { activeCaseRules, type CaseRules, caseRulesOf } from './cases/rules.ts';
import { type DeclaredAction, declareActions } from './cases/workflow.ts';
import type { AppDeps } from './context.ts';
import { TooManyRequestsError } from './errors.ts';
import { enqueueOutbox, sealEventSecrets } from './outbox.ts';
import type { Actor } from './permissions.ts';
import { todayOf } from './rule-sets.ts';
import { backoffWaitMs } from './throttle.ts';

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

/**
 * The canonical channel code of `channel` by the channels (and aliases) the rules' workflow declares,
 * or null when it declares them and `channel` is none of them. A workflow without a channel list
 * accepts any well-formed code.
 */
export function normalizeChannel(rules: CaseRules, channel: string): string | null {
  const declared = rules.workflow.channels;
  if (declared === null) return /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/.test(channel) ? channel : null;
  return declared.get(channel) ?? null;
}

/**
 * Throttling of citizen lookups by number + query password: `perNumber` free failures per (number, IP)
 * and `perIp` per IP over all numbers, then a wait of `backoffBaseMs * 2^k` after the latest failure
 * (capped at `windowMs`, after which failures are forgotten).
 */
export const LOOKUP_LIMITS = {
  perNumber: 5,
  perIp: 20,
  windowMs: 15 * 60 * 1000,
  backoffBaseMs: 1000,
  /** Refused lookups stored between two evaluated ones (per pair and per IP). */
  maxCountedRefusals: 1000,
};

/** Intake of one case. */
export interface IntakeCaseInput {
  /** Staff or plugin caller; null for the public portal and channel ports. */
  actor: Actor | null;
  channel: string;
  category: string;
  text: string;
  data?: Record<string, unknown>;
  requester?: { name?: string; phone?: string; type?: 'citizen' | 'enterprise' };
  location?: {
    address?: string;
    lat?: number;
    lng?: number;
    streetId?: string;
    communityId?: string;
    gridId?: string;
  };
  externalId?: string;
  /** When the channel received it (ISO instant); defaults to now. */
  receivedAt?: string;
  /** Channel ports may send categories the rule set does not know: they go to manual dispatch. */
  allowUnknownCategory?: boolean;
}

/** A case as staff see it (see docs/api-cases.md). */
export interface CaseSummary {
  id: string;
  number: string;
  category: string;
  categoryName: { en: string; zh: string } | null;
  channel: string;
  status: string;
  statusLabel: { en: string; zh: string } | null;
  priority: string;
  leadUnitId: string | null;
  assistingUnitIds: string[];
  title: string;
  supervisionLevel: number;
  ruleSetId: string;
  ruleSetVersion: number;
  slaLight: string;
  dueAt: string | null;
  createdAt: string;
  updatedAt: string;
}

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

const CORE_EVENTS = new Set([
  'caseOpened',
  'transitioned',
  'assigned',
  'timerStarted',
  'timerStopped',
  'timerPaused',
  'timerResumed',
  'timerExtended',
  'escalated',
  'flagSet',
  'assistRecorded',
  'linked',
]);

/** The core events of a stored history (deadline notices left out), for replay and metrics. */
export function coreEventsOf(events: readonly CaseEventRecord[]): CaseEvent[] {
  return events.filter((e) => CORE_EVENTS.has(e.type)).map((e) => e.payload as unknown as CaseEvent);
}

const text = (en: string, zh: string) => ({ en, zh });
const notFound = () => new NotFoundError('case.not_found', text('No such case.', '办件不存在。'));
const outOfScope = () =>
  new PermissionError(
    'case.out_of_scope',
    text('This case is not handled by your unit.', '该办件不属于本单位办理。'),
  );

const LIGHT_ORDER = ['none', 'green', 'yellow', 'red', 'overdue'];

/** Workflow actors the caller may act as, in the order tried. */
function workflowActorsOf(actor: Actor): WorkflowActor[] {
  const out: WorkflowActor[] = [];
  const add = (role: WorkflowActor['role']) => {
    if (!out.some((a) => a.role === role))
      out.push({ role, userId: actor.username, ...(actor.unitId ? { unitId: actor.unitId } : {}) });
  };
  for (const role of actor.roles) {
    if (role === 'admin') {
      add('dispatcher');
      add('supervisor');
      add('reviewer');
    } else if (role !== 'auditor') add(role as WorkflowActor['role']);
  }
  return out;
}

function isUnitUser(actor: Actor): boolean {
  return (
    actor.roles.includes('unit') &&
    !actor.roles.some((r) => ['admin', 'dispatcher', 'supervisor', 'reviewer', 'auditor'].includes(r))
  );
}

function involves(
  record: Pick<CaseRecord, 'leadUnitId' | 'assistingUnitIds'>,
  unitId: string | null,
): boolean {
  return unitId !== null && (record.leadUnitId === unitId || record.assistingUnitIds.includes(unitId));
}

function localYear(rules: CaseRules, at: string): number {
  return Number(rules.defaultCalendar.toLocalIso(at).slice(0, 4));
}

/** Recomputes the projection fields derived from the state at `now`. */
function project(rules: CaseRules, record: CaseRecord, state: CaseState, now: string): CaseRecord {
  const policy = state.slaPolicyId ? rules.policies.get(state.slaPolicyId) : undefined;
  let timers: Record<string, unknown> = {};
  let slaLight = 'none';
  let dueAt: string | null = null;
  let nextCheckAt: string | null = null;
  if (policy && Object.keys(state.timers).length > 0) {
    const calendar = rules.calendars.get(policy.calendarId) ?? rules.defaultCalendar;
    const caseTimers = { timers: state.timers, priority: state.priority, policy, calendar };
    const status = slaStatus(caseTimers, now);
    const deadlines = computeDeadlines(caseTimers, now);
    timers = {};
    for (const [name, st] of Object.entries(status)) {
      if (!st) continue;
      timers[name] = {
        status: st.status,
        run: st.run,
        startedAt: st.startedAt,
        deadline: deadlines[name as keyof typeof deadlines]?.deadline ?? st.deadline,
        // Counted over a day the calendar does not cover (its holidays are not known yet): may move.
        ...(deadlines[name as keyof typeof deadlines]?.provisional ? { deadlineProvisional: true } : {}),
        light: st.light,
        elapsedFraction: Math.round(st.elapsedFraction * 1000) / 1000,
        warningLevel: st.warningLevel,
        isOverdue: st.isOverdue,
        onTime: st.onTime ?? null,
      };
      if (st.status === 'stopped') continue;
      if (LIGHT_ORDER.indexOf(st.light) > LIGHT_ORDER.indexOf(slaLight)) slaLight = st.light;
      const due = new Date(st.deadline).toISOString();
      if (dueAt === null || due < dueAt) dueAt = due;
      if (st.status !== 'running') continue;
      // Reached thresholds not yet noticed are found by the worker at once; notices are recorded once each.
      const candidates = [
        ...(st.warningLevel > 0 || st.isOverdue ? [now] : []),
        ...st.upcomingWarnings.map((w) => new Date(w.at).toISOString()),
        ...(st.isOverdue ? [] : [due]),
      ];
      for (const c of candidates) if (nextCheckAt === null || c < nextCheckAt) nextCheckAt = c;
    }
    // Ladder steps (催办 / 督办): due ones are recorded by the worker at once, later ones are scheduled.
    for (const c of ladderInstants(caseTimers, now))
      if (nextCheckAt === null || c < nextCheckAt) nextCheckAt = c;
  }
  const waitingRoles: string[] = [];
  for (const role of ['dispatcher', 'supervisor', 'reviewer', 'plugin'] as const)
    if (availableActions(rules.workflow, state, { role }).length > 0) waitingRoles.push(role);
  const units = [...new Set([state.leadUnitId, ...state.assistingUnitIds].filter((u): u is string => !!u))];
  const waitingUnitIds = units.filter(
    (unitId) => availableActions(rules.workflow, state, { role: 'unit', unitId }).length > 0,
  );
  if (waitingUnitIds.length > 0) waitingRoles.push('unit');
  return {
    ...record,
    status: state.state,
    priority: state.priority,
    leadUnitId: state.leadUnitId,
    assistingUnitIds: state.assistingUnitIds,
    state,
    timers,
    slaLight,
    dueAt,
    waitingRoles,
    waitingUnitIds,
    supervisionLevel: state.supervisionLevel,
    eventCount: record.eventCount,
    nextCheckAt: rules.workflow.finals.has(state.state) ? null : nextCheckAt,
    updatedAt: state.updatedAt,
  };
}

/** Instants (UTC ISO) at which ladder steps of running timers fall due; `now` for steps already due. */
function ladderInstants(caseTimers: Parameters<typeof ladderStatus>[0], now: string): string[] {
  return ladderStatus(caseTimers, now).map((l) => (l.dueAt === null ? now : new Date(l.dueAt).toISOString()));
}

function toRecords(
  caseId: string,
  firstSeq: number,
  events: readonly CaseEvent[],
  actor: CaseEventActor | null,
): CaseEventRecord[] {
  return events.map((event, i) => ({
    caseId,
    seq: firstSeq + i,
    type: event.type,
    actor: event.type === 'transitioned' ? actor : i === 0 && event.type === 'caseOpened' ? actor : null,
    at: event.at,
    payload: event as unknown as Record<string, unknown>,
  }));
}

const eventActorOf = (actor: Actor | null, role: string): CaseEventActor =>
  actor
    ? { username: actor.username, role, unitId: actor.unitId }
    : { username: role === 'citizen' ? 'citizen' : 'system', role, unitId: null };

function summaryOf(rules: CaseRules | null, r: CaseRecord): CaseSummary {
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

async function detailOf(
  deps: AppDeps,
  rules: CaseRules,
  record: CaseRecord,
  actor: Actor | null,
  events?: CaseEventRecord[],
): Promise<CaseDetail> {
  const history = events ?? (await deps.store.cases.listEvents(record.id));
  const live = project(rules, record, record.state, deps.clock.now().toISOString());
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

function sixDigits(deps: AppDeps): string {
  return String(Number.parseInt(deps.tokens.randomHex(4), 16) % 1_000_000).padStart(6, '0');
}

function hasherOf(deps: AppDeps) {
  return (deps as { queryPasswordHasher?: AppDeps['hasher'] }).queryPasswordHasher ?? deps.hasher;
}

const dummyHashes = new WeakMap<AppDeps['hasher'], Promise<string>>();

/** A hash in the hasher's own current format, verified for unknown numbers so they cost what a real case costs. */
function dummyHashOf(hasher: AppDeps['hasher']): Promise<string> {
  let hash = dummyHashes.get(hasher);
  if (!hash) {
    hash = hasher.hash('not-a-query-password');
    dummyHashes.set(hasher, hash);
  }
  return hash;
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
export async function intakeCase(
  deps: AppDeps,
  input: IntakeCaseInput,
): Promise<{
  case: CaseDetail;
  queryPassword: string | null;
  isDuplicate: boolean;
  likelyOriginals: DuplicateMatch[];
}> {
  const at = input.receivedAt ? new Date(input.receivedAt).toISOString() : deps.clock.now().toISOString();
  // Routed by the rules in force on the day the case was received, not on the day it is keyed in.
  const rules = await activeCaseRules(deps, todayOf(new Date(at)));
  const channel = normalizeChannel(rules, input.channel);
  if (channel === null)
    throw new ValidationError(
      'case.unknown_channel',
      text(`Unknown channel "${input.channel}".`, `未知的受理渠道“${input.channel}”。`),
      {
        path: '/channel',
      },
    );
  if (input.externalId !== undefined) {
    const existing = await deps.store.cases.findByExternalId(channel, input.externalId);
    if (existing) return duplicateOf(deps, existing, input.actor);
  }
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
  const routing = routingRecordOf(decision, rules.version);
  const policy = rules.policies.get(decision.slaPolicyId);
  const queryPassword = sixDigits(deps);
  const queryPasswordHash = await hasherOf(deps).hash(queryPassword);
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

  return deps.store.transaction(async (tx) => {
    if (input.externalId !== undefined) {
      const existing = await tx.cases.findByExternalId(channel, input.externalId);
      if (existing) return duplicateOf(deps, existing, input.actor, tx);
    }
    const number = `${localYear(rules, at)}-${String(await tx.cases.nextNumber(localYear(rules, at))).padStart(6, '0')}`;
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
        ...data,
        category: input.category,
        channel,
        text: input.text,
        ...(input.requester?.type ? { requesterType: input.requester.type } : {}),
      },
    });
    const accepted = applyTransition(rules.workflow, opened.state, {
      action: 'accept',
      actor: { role: intakeRole, userId: eventActor.username },
      at,
    });
    const noted: CaseEvent[] =
      likelyOriginals.length > 0
        ? [{ type: 'flagSet', caseId, at, field: 'likelyOriginals', value: likelyOriginals }]
        : [];
    const intakeState = noted.reduce((state: CaseState, e) => applyCaseEvent(state, e), accepted.state);
    const events = [...opened.events, ...accepted.events, ...noted];
    const base: CaseRecord = {
      id: caseId,
      number,
      channel,
      externalId: input.externalId ?? null,
      category: input.category,
      status: intakeState.state,
      priority: intakeState.priority,
      leadUnitId: intakeState.leadUnitId,
      assistingUnitIds: intakeState.assistingUnitIds,
      ruleSetId: rules.ruleSetId,
      ruleSetVersion: rules.version,
      slaPolicyId: decision.slaPolicyId,
      workflowId: rules.workflow.id,
      queryPasswordHash,
      text: input.text,
      data,
      requester: input.requester ? { ...input.requester } : null,
      location: input.location ? { ...input.location } : null,
      routing,
      state: intakeState,
      timers: {},
      slaLight: 'none',
      dueAt: null,
      waitingRoles: [],
      waitingUnitIds: [],
      supervisionLevel: 0,
      eventCount: events.length,
      nextCheckAt: null,
      createdAt: at,
      updatedAt: at,
    };
    const record = project(rules, base, intakeState, at);
    await tx.cases.insert(record);
    await tx.cases.appendEvents(toRecords(caseId, 1, events, eventActor));
    // The phone is sealed beside the payload and opened only for plugins that declare it in
    // `personalData` and were granted it. The query password never leaves intake (data minimisation).
    await enqueueOutbox(tx, {
      topic: 'case.accepted',
      key: caseId,
      createdAt: at,
      sealedSecrets: sealEventSecrets(deps, { requesterPhone: input.requester?.phone }),
      payload: {
        caseId,
        caseNumber: number,
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
        actor: eventActor.username,
        action: 'case.intake',
        target: `case:${number}`,
        details: {
          caseId,
          channel,
          externalId: input.externalId ?? null,
          category: input.category,
          ruleSet: `${rules.ruleSetId}@${rules.version}`,
          leadUnitId: decision.leadUnitId,
          assistingUnitIds: decision.assistingUnitIds,
          isFallback: decision.isFallback,
        },
      },
    });
    const history = toRecords(caseId, 1, events, eventActor);
    return {
      case: await detailOf(deps, rules, record, input.actor, history),
      queryPassword,
      isDuplicate: false,
      likelyOriginals,
    };
  });
}

async function duplicateOf(
  deps: AppDeps,
  existing: CaseRecord,
  actor: Actor | null,
  tx?: Repositories,
): Promise<{ case: CaseDetail; queryPassword: null; isDuplicate: true; likelyOriginals: DuplicateMatch[] }> {
  const rules = await caseRulesOf(deps, { ruleSetId: existing.ruleSetId, number: existing.ruleSetVersion });
  const events = await (tx ?? deps.store).cases.listEvents(existing.id);
  return {
    case: await detailOf(deps, rules, existing, actor, events),
    queryPassword: null,
    isDuplicate: true,
    likelyOriginals: [],
  };
}

/** `CaseIntakePort` for plugins (110 linkage, approval, city platform): one case per (channel, externalId). */
export function createCaseIntake(deps: AppDeps): CaseIntakePort {
  return {
    async intakeCase(input: CaseIntakeInput): Promise<CaseIntakeResult> {
      const result = await intakeCase(deps, {
        actor: null,
        channel: input.channel,
        category: input.category ?? 'uncategorized',
        text: input.text,
        externalId: input.externalId,
        allowUnknownCategory: true,
        ...(input.location ? { location: input.location } : {}),
        ...(input.requester ? { requester: input.requester } : {}),
      });
      return { caseId: result.case.id, caseNumber: result.case.number, isDuplicate: result.isDuplicate };
    },
  };
}

async function requireCase(deps: AppDeps, id: string): Promise<CaseRecord> {
  const record = (await deps.store.cases.get(id)) ?? (await deps.store.cases.getByNumber(id));
  if (!record) throw notFound();
  return record;
}

/** A case with its history, routing trace, SLA status and the caller's actions. Unit users: only their unit's cases. */
export async function getCase(deps: AppDeps, input: { actor: Actor; id: string }): Promise<CaseDetail> {
  const record = await requireCase(deps, input.id);
  if (isUnitUser(input.actor) && !involves(record, input.actor.unitId)) throw outOfScope();
  const rules = await caseRulesOf(deps, { ruleSetId: record.ruleSetId, number: record.ruleSetVersion });
  return detailOf(deps, rules, record, input.actor);
}

/** Runs one workflow transition in a transaction (events, projection, outbox, audit). */
async function transition(
  deps: AppDeps,
  input: {
    record: CaseRecord;
    rules: CaseRules;
    candidates: WorkflowActor[];
    eventActor: (role: string) => CaseEventActor;
    action: string;
    input: Record<string, unknown>;
    at: string;
  },
): Promise<CaseRecord> {
  const { rules } = input;
  let lastError: unknown = new PermissionError(
    'workflow.role_forbidden',
    text('Your role cannot take this action.', '当前角色不能执行该操作。'),
  );
  for (const wa of input.candidates) {
    let result: ReturnType<typeof applyTransition>;
    try {
      result = applyTransition(rules.workflow, input.record.state, {
        action: input.action,
        actor: wa,
        input: input.input,
        at: input.at,
      });
    } catch (error) {
      lastError = error;
      if (error instanceof PermissionError) continue;
      throw error;
    }
    const actor = input.eventActor(wa.role);
    // Link effects (merge, relate) name the other case by the reference the input gave: resolve and check it.
    const links = result.effects.flatMap((e) => (e.type === 'link' ? [e] : []));
    const targets = new Map<string, CaseRecord>();
    const targetRules = new Map<string, CaseRules>();
    for (const link of links) {
      const target = await resolveLinkTarget(deps.store, input.record, link.caseRef);
      targets.set(link.caseRef, target);
      targetRules.set(
        target.id,
        await caseRulesOf(deps, { ruleSetId: target.ruleSetId, number: target.ruleSetVersion }),
      );
    }
    if (links.length > 0)
      result = { ...result, ...withResolvedLinks(input.record.state, result.events, targets) };
    const record = project(
      rules,
      { ...input.record, eventCount: input.record.eventCount + result.events.length },
      result.state,
      input.at,
    );
    const done = result;
    await deps.store.transaction(async (tx) => {
      if (!(await tx.cases.update(record, input.record.eventCount)))
        throw new ConflictError(
          'case.changed',
          text('The case was changed meanwhile; reload and try again.', '办件已被他人更新，请刷新后重试。'),
        );
      await tx.cases.appendEvents(toRecords(record.id, input.record.eventCount + 1, done.events, actor));
      // The linked case records the other side (it carries the merged case, or is related to it).
      for (const link of links) {
        // Checked again inside the transaction: the target may have been merged away meanwhile.
        const target = await resolveLinkTarget(tx, input.record, targets.get(link.caseRef)!.id);
        const event = reverseLinkEvent({ target, from: record, relation: link.relation, at: input.at });
        const linked = project(
          targetRules.get(target.id)!,
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
            actor,
            at: input.at,
            payload: event as unknown as Record<string, unknown>,
          },
        ]);
      }
      const notifiesCitizen = result.effects.some(
        (e) => e.type === 'notify' && e.recipients.includes('citizen'),
      );
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
      if (rules.workflow.finals.has(record.status) && !rules.workflow.finals.has(input.record.status))
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
            role: wa.role,
            from: input.record.status,
            to: record.status,
            input: input.input,
          },
        },
      });
    });
    return record;
  }
  throw lastError;
}

/**
 * Takes a workflow action on a case as `actor` (any of its roles that the transition allows; admins
 * act as dispatcher, supervisor or reviewer). Unit users may act only on their unit's cases
 * (`case.out_of_scope`); the workflow enforces roles, unit scope (lead / assisting) and guards.
 * `at` (ISO instant) is for imports and the demo generator; the HTTP API always uses now.
 */
export async function performCaseAction(
  deps: AppDeps,
  input: { actor: Actor; id: string; action: string; input?: Record<string, unknown>; at?: string },
): Promise<CaseDetail> {
  const record = await requireCase(deps, input.id);
  if (isUnitUser(input.actor) && !involves(record, input.actor.unitId)) throw outOfScope();
  const rules = await caseRulesOf(deps, { ruleSetId: record.ruleSetId, number: record.ruleSetVersion });
  const next = await transition(deps, {
    record,
    rules,
    candidates: workflowActorsOf(input.actor),
    eventActor: (role) => eventActorOf(input.actor, role),
    action: input.action,
    input: input.input ?? {},
    at: input.at ?? deps.clock.now().toISOString(),
  });
  return detailOf(deps, rules, next, input.actor);
}

/** Queues of {@link listCases}. */
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

const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();
const dayAfter = (day: string) =>
  new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();

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
    ...(input.from ? { createdFrom: dayStart(input.from) } : {}),
    ...(input.to ? { createdBefore: dayAfter(input.to) } : {}),
    limit: Math.min(Math.max(input.limit ?? 50, 1), 200),
    offset: Math.max(input.offset ?? 0, 0),
  };
  const now = deps.clock.now().toISOString();
  const liveSummary = async (r: CaseRecord): Promise<CaseSummary> => {
    const rules = await caseRulesOf(deps, { ruleSetId: r.ruleSetId, number: r.ruleSetVersion });
    const live = project(rules, r, r.state, now);
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

/** A case as the citizen sees it: no internal notes, no staff names, no other people's data. */
export interface PublicCase {
  number: string;
  category: string;
  categoryName: { en: string; zh: string } | null;
  status: string;
  statusLabel: { en: string; zh: string } | null;
  createdAt: string;
  updatedAt: string;
  leadUnitId: string | null;
  reply: string | null;
  canRate: boolean;
  rating: { satisfaction: string; comment: string | null } | null;
  progress: { at: string; label: { en: string; zh: string } }[];
  /**
   * The handling deadline (办理时限) a citizen may know: the handle timer's deadline (else the
   * running timer's), its light, and whether it is (or was) met; null values before any timer runs.
   */
  sla: { deadline: string | null; light: string; isOnTime: boolean | null };
  /** When this case was merged into another (a repeat call): the number of the case that carries it. */
  mergedInto: { number: string } | null;
}

/** What the citizen is told about the deadline, from the live projection at `now`. */
function publicSlaOf(rules: CaseRules, record: CaseRecord, now: string): PublicCase['sla'] {
  const live = project(rules, record, record.state, now);
  const handle = (
    live.timers as Record<
      string,
      { deadline?: string; isOverdue?: boolean; status?: string; onTime?: boolean | null }
    >
  ).handle;
  if (handle?.deadline) {
    const isOnTime = handle.status === 'stopped' ? (handle.onTime ?? null) : !handle.isOverdue;
    return { deadline: new Date(handle.deadline).toISOString(), light: live.slaLight, isOnTime };
  }
  return {
    deadline: live.dueAt,
    light: live.slaLight,
    isOnTime: live.dueAt === null ? null : live.slaLight !== 'overdue',
  };
}

function publicOf(input: {
  rules: CaseRules;
  record: CaseRecord;
  events: CaseEventRecord[];
  now: string;
}): PublicCase {
  const { rules, record, events } = input;
  const summary = summaryOf(rules, record);
  const transitions = events
    .filter((e) => e.type === 'transitioned')
    .map((e) => e.payload as Record<string, unknown>);
  const inputOf = (p: Record<string, unknown>) => (p.input ?? {}) as Record<string, unknown>;
  // The reply: the unit's reply, or the operator's answer of a case finished on the call (直接办结).
  const replyEvent = [...transitions]
    .reverse()
    .find((p) => p.action === 'reply' || typeof inputOf(p).answer === 'string');
  // The rating: whatever transition counted as one (the citizen's rate, or a callback that reached them).
  const rateEvent = [...transitions]
    .reverse()
    .find((p) => p.metric === 'ratedSatisfied' || p.metric === 'ratedUnsatisfied');
  const carrier = record.state.links?.find((l) => l.relation === 'mergedInto');
  const labelOf = (state: string) =>
    (rules.workflowDoc.states.find((s) => s.name === state)?.label as
      | { en: string; zh: string }
      | undefined) ?? {
      en: state,
      zh: state,
    };
  const rateInput = (rateEvent?.input ?? null) as Record<string, unknown> | null;
  return {
    number: record.number,
    category: record.category,
    categoryName: summary.categoryName,
    status: record.status,
    statusLabel: summary.statusLabel,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    leadUnitId: record.leadUnitId,
    reply: replyEvent ? String(inputOf(replyEvent).reply ?? inputOf(replyEvent).answer ?? '') : null,
    canRate: availableActions(rules.workflow, record.state, { role: 'citizen' }).some(
      (a) => a.action === 'rate',
    ),
    rating: rateInput
      ? {
          satisfaction: String(rateInput.satisfaction),
          comment: ((rateInput.comment ?? rateInput.note) as string | undefined) ?? null,
        }
      : null,
    progress: [
      { at: record.createdAt, label: text('Received', '已受理') },
      ...transitions
        .filter((p) => p.action !== 'accept')
        .map((p) => ({ at: String((p as { at?: string }).at ?? ''), label: labelOf(String(p.to)) })),
    ],
    sla: publicSlaOf(rules, record, input.now),
    mergedInto: carrier ? { number: carrier.number ?? carrier.caseId } : null,
  };
}

async function verifyCitizen(
  deps: AppDeps,
  input: { number: string; password: string; ip: string | null },
): Promise<CaseRecord> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const since = new Date(now.getTime() - LOOKUP_LIMITS.windowMs).toISOString();
  const policy = (free: number) => ({
    free,
    baseMs: LOOKUP_LIMITS.backoffBaseMs,
    maxMs: LOOKUP_LIMITS.windowMs,
  });
  // Reserve the attempt in the write queue before verifying, so concurrent guesses cannot all be
  // evaluated; throttled per (number, IP) and per IP, so a stranger cannot lock the citizen out.
  const waitMs = await deps.store.transaction(async (tx) => {
    const pair = await tx.cases.summarizeLookups({ number: input.number, ip: input.ip, since });
    const byIp = input.ip === null ? null : await tx.cases.summarizeLookups({ ip: input.ip, since });
    const wait = Math.max(
      backoffWaitMs(pair, policy(LOOKUP_LIMITS.perNumber), now),
      byIp ? backoffWaitMs(byIp, policy(LOOKUP_LIMITS.perIp), now) : 0,
    );
    // Refusals are stored up to a cap (per pair and per IP), so a flood cannot grow the table without bound.
    const isCounted =
      wait === 0 ||
      Math.max(pair.refusedSinceFailure, byIp?.refusedSinceFailure ?? 0) < LOOKUP_LIMITS.maxCountedRefusals;
    if (isCounted)
      await tx.cases.insertLookupAttempt({
        number: input.number,
        ip: input.ip,
        succeeded: false,
        ...(wait > 0 ? { refused: true } : {}),
        at,
      });
    return wait;
  });
  if (waitMs > 0) {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw new TooManyRequestsError(
      'case.lookup_throttled',
      text(
        `Too many wrong attempts. Try again in ${seconds} seconds.`,
        `查询失败次数过多，请 ${seconds} 秒后再试。`,
      ),
      { details: { retryAfterSeconds: seconds }, retryAfterSeconds: seconds },
    );
  }
  const record = await deps.store.cases.getByNumber(input.number);
  // Unknown numbers cost a hash too, so timing does not tell which numbers exist.
  const hasher = hasherOf(deps);
  let isMatch = false;
  if (record) isMatch = await hasher.verify(input.password, record.queryPasswordHash);
  else await hasher.verify(input.password, await dummyHashOf(hasher));
  if (isMatch)
    await deps.store.transaction(async (tx) => {
      await tx.cases.clearLookupFailures({ number: input.number, ip: input.ip });
      await tx.cases.insertLookupAttempt({ number: input.number, ip: input.ip, succeeded: true, at });
    });
  if (!record || !isMatch)
    throw new NotFoundError(
      'case.lookup_failed',
      text('No case matches this number and query password.', '办件编号或查询密码不正确。'),
    );
  return record;
}

/** Citizen lookup by case number + query password (throttled per number and per IP). */
export async function lookupCase(
  deps: AppDeps,
  input: { number: string; password: string; ip: string | null },
): Promise<PublicCase> {
  const record = await verifyCitizen(deps, input);
  const rules = await caseRulesOf(deps, { ruleSetId: record.ruleSetId, number: record.ruleSetVersion });
  return publicOf({
    rules,
    record,
    events: await deps.store.cases.listEvents(record.id),
    now: deps.clock.now().toISOString(),
  });
}

/** Citizen rating on the web (the workflow's `rate` as role `citizen`). */
export async function rateCase(
  deps: AppDeps,
  input: { number: string; password: string; ip: string | null; satisfaction: string; comment?: string },
): Promise<PublicCase> {
  const record = await verifyCitizen(deps, input);
  const rules = await caseRulesOf(deps, { ruleSetId: record.ruleSetId, number: record.ruleSetVersion });
  const next = await transition(deps, {
    record,
    rules,
    candidates: [{ role: 'citizen' }],
    eventActor: () => eventActorOf(null, 'citizen'),
    action: 'rate',
    input: { satisfaction: input.satisfaction, ...(input.comment ? { comment: input.comment } : {}) },
    at: deps.clock.now().toISOString(),
  });
  return publicOf({
    rules,
    record: next,
    events: await deps.store.cases.listEvents(record.id),
    now: deps.clock.now().toISOString(),
  });
}

/** Categories of the rule set in force with their intake forms (public: the citizen portal builds its form from them). */
export async function listCaseCategories(deps: AppDeps): Promise<
  {
    code: string;
    name: unknown;
    group: unknown;
    defaultPriority: string;
    formId: string;
    schema: unknown;
    uiSchema: unknown;
  }[]
> {
  const rules = await activeCaseRules(deps);
  return [...rules.categories.values()].map((c) => ({
    code: c.code,
    name: c.name,
    group: c.group,
    defaultPriority: c.defaultPriority,
    formId: c.form.id,
    schema: c.form.schema,
    uiSchema: c.form.uiSchema ?? null,
  }));
}

/** One thing the deadline worker found due for a case: a warning, an overdue timer or a ladder step. */
interface DueNotice {
  key: string;
  type: 'slaWarning' | 'slaOverdue' | 'reminded' | 'escalated';
  topic: string;
  payload: Record<string, unknown>;
  /** For `escalated`: the supervision level the case reaches. */
  level?: number;
}

/**
 * Deadline check (run by the deadline worker under a lease): for each case whose next check is due,
 * emits `slaWarning` / `slaOverdue` case events and `case.sla.warning` / `case.sla.overdue` outbox
 * events once each per timer run and threshold, and runs the SLA policy's reminder → supervision
 * ladder: a `remind` step appends a `reminded` event (outbox `case.reminded`), a `supervise` step an
 * `escalated` event with its level (the case's supervision level rises; outbox `case.supervised`).
 * Each is recorded once in the notices table, so restarts and several nodes do not repeat them; then
 * the next check is scheduled.
 */
export async function runDeadlineCheck(
  deps: AppDeps,
  input: { limit?: number } = {},
): Promise<{ checked: number; notices: number }> {
  const now = deps.clock.now().toISOString();
  const due = await deps.store.cases.dueForCheck(now, input.limit ?? 200);
  let notices = 0;
  for (const record of due) {
    const rules = await caseRulesOf(deps, { ruleSetId: record.ruleSetId, number: record.ruleSetVersion });
    const policy = record.slaPolicyId ? rules.policies.get(record.slaPolicyId) : undefined;
    const found: DueNotice[] = [];
    if (policy && !rules.workflow.finals.has(record.state.state)) {
      const calendar = rules.calendars.get(policy.calendarId) ?? rules.defaultCalendar;
      const caseTimers = { timers: record.state.timers, priority: record.state.priority, policy, calendar };
      const status = slaStatus(caseTimers, now);
      const thresholds = policy.warningThresholds ?? [0.8];
      for (const [timer, st] of Object.entries(status)) {
        if (st?.status !== 'running') continue;
        const base = { timer, run: st.run, deadline: st.deadline };
        thresholds.slice(0, st.warningLevel).forEach((threshold) => {
          if (!st.isOverdue)
            found.push({
              key: `${timer}:${st.run}:warning:${threshold}`,
              type: 'slaWarning',
              topic: 'case.sla.warning',
              payload: { ...base, threshold },
            });
        });
        if (st.isOverdue)
          found.push({
            key: `${timer}:${st.run}:overdue`,
            type: 'slaOverdue',
            topic: 'case.sla.overdue',
            payload: base,
          });
      }
      for (const l of ladderStatus(caseTimers, now)) {
        if (!l.isDue) continue;
        const payload = {
          step: l.step.id,
          timer: l.timer,
          run: l.run,
          deadline: status[l.timer]?.deadline ?? null,
          ...(l.step.label ? { label: l.step.label } : {}),
        };
        if (l.step.action === 'remind')
          found.push({ key: l.key, type: 'reminded', topic: 'case.reminded', payload });
        else
          found.push({
            key: l.key,
            type: 'escalated',
            topic: 'case.supervised',
            payload: { ...payload, level: l.step.level ?? 1 },
            level: l.step.level ?? 1,
          });
      }
    }
    const written = await deps.store.transaction(async (tx) => {
      const fresh = await tx.cases.get(record.id);
      if (!fresh || fresh.eventCount !== record.eventCount) return 0;
      const events: CaseEventRecord[] = [];
      let state = record.state;
      for (const f of found) {
        if (!(await tx.cases.recordNotice(record.id, f.key, now))) continue;
        const seq = record.eventCount + events.length + 1;
        if (f.type === 'escalated') {
          // A core event: the case's supervision level rises, as a supervisor's 督办 would raise it.
          const event: CaseEvent = {
            type: 'escalated',
            caseId: record.id,
            at: now,
            level: f.level!,
            step: String(f.payload.step),
          };
          state = applyCaseEvent(state, event);
          events.push({
            caseId: record.id,
            seq,
            type: 'escalated',
            actor: null,
            at: now,
            payload: { ...f.payload, ...event } as unknown as Record<string, unknown>,
          });
        } else
          events.push({ caseId: record.id, seq, type: f.type, actor: null, at: now, payload: f.payload });
        await enqueueOutbox(tx, {
          topic: f.topic,
          key: `${record.id}:${f.key}`,
          createdAt: now,
          payload: {
            caseId: record.id,
            caseNumber: record.number,
            leadUnitId: record.leadUnitId,
            ...f.payload,
          },
        });
      }
      await tx.cases.appendEvents(events);
      const projected = project(rules, record, state, now);
      // Only future instants are scheduled; reached ones are now recorded.
      const next =
        projected.nextCheckAt !== null && projected.nextCheckAt > now ? projected.nextCheckAt : null;
      const futureNext = next ?? laterCheck(rules, { ...record, state }, now);
      await tx.cases.update(
        {
          ...projected,
          eventCount: record.eventCount + events.length,
          nextCheckAt: futureNext,
          updatedAt: record.updatedAt,
        },
        record.eventCount,
      );
      return events.length;
    });
    notices += written;
  }
  return { checked: due.length, notices };
}

function laterCheck(rules: CaseRules, record: CaseRecord, now: string): string | null {
  if (rules.workflow.finals.has(record.state.state)) return null;
  const policy = record.slaPolicyId ? rules.policies.get(record.slaPolicyId) : undefined;
  if (!policy) return null;
  const calendar = rules.calendars.get(policy.calendarId) ?? rules.defaultCalendar;
  const caseTimers = { timers: record.state.timers, priority: record.state.priority, policy, calendar };
  const status = slaStatus(caseTimers, now);
  let next: string | null = null;
  for (const st of Object.values(status)) {
    if (st?.status !== 'running') continue;
    const candidates = [
      ...st.upcomingWarnings.map((w) => new Date(w.at).toISOString()),
      ...(st.isOverdue ? [] : [new Date(st.deadline).toISOString()]),
    ];
    for (const c of candidates) if (c > now && (next === null || c < next)) next = c;
  }
  for (const c of ladderInstants(caseTimers, now)) if (c > now && (next === null || c < next)) next = c;
  return next;
}
