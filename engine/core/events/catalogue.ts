/**
 * @module Event catalogue: every outbox topic the engine emits, declared once with the versioned JSON
 * Schema of its payload and a zh/en description. Outbox writes are checked against it
 * (`checkEvent`), plugin manifests' `events` too (`unknownSubscriptions`), and the AsyncAPI document
 * (`asyncApiOf`) and docs/events.md are generated from it.
 *
 * Two entries are families whose names come from the workflow document in force, because a district's
 * actions and final states are rule-set data, not code: `case.{action}` (one topic per declared action,
 * e.g. `case.reply`) and `case.{finalState}` (once per case, e.g. `case.closed`). A
 * {@link TopicVocabulary} (built by {@link vocabularyOf} from the published workflows) turns them into
 * concrete topics.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Issue } from '../errors.ts';
import caseAccepted from '../../../schemas/events/case.accepted.json' with { type: 'json' };
import caseHandoffApproval from '../../../schemas/events/case.handoff.approval.json' with { type: 'json' };
import caseHandoffPolice from '../../../schemas/events/case.handoff.police.json' with { type: 'json' };
import caseReminded from '../../../schemas/events/case.reminded.json' with { type: 'json' };
import caseSlaOverdue from '../../../schemas/events/case.sla.overdue.json' with { type: 'json' };
import caseSlaWarning from '../../../schemas/events/case.sla.warning.json' with { type: 'json' };
import caseSupervised from '../../../schemas/events/case.supervised.json' with { type: 'json' };
import caseTransition from '../../../schemas/events/case.transition.json' with { type: 'json' };
import entrySubmitted from '../../../schemas/events/performance.entrySubmitted.json' with { type: 'json' };

type Text = { en: string; zh: string };

/** One catalogue entry: a topic (or a family of topics) and its payload. */
export interface EventTopic {
  /** The topic, or for a family its address pattern: `case.{action}`, `case.{finalState}`. */
  topic: string;
  /** `fixed`: one topic; `action` / `finalState`: one topic per workflow action / final state. */
  kind: 'fixed' | 'action' | 'finalState';
  /** Payload version; a breaking change adds a new version (and a new schema `$id`). */
  version: number;
  /** Short name of the message (AsyncAPI message id). */
  message: string;
  title: Text;
  description: Text;
  /** Which operation emits it. */
  emittedBy: Text;
  /** JSON Schema 2020-12 of the payload. */
  schema: Record<string, unknown>;
}

/** The catalogue. */
export const EVENT_CATALOGUE: readonly EventTopic[] = [
  {
    topic: 'case.accepted',
    kind: 'fixed',
    version: 1,
    message: 'caseAccepted',
    title: { zh: '办件已受理', en: 'Case accepted' },
    description: {
      zh: '一件诉求登记受理后发出，每件一次。诉求人手机号不在载荷中，只以加密附件交给在 personalData 中声明它、且管理员启用时授予了它的插件（如短信）。查询密码从不离开受理环节。',
      en: "Emitted once per case when a request is taken in. The requester's phone is not in the payload; it travels sealed, only to plugins whose manifest declares it in `personalData` and whose administrator granted it (e.g. SMS). The query password never leaves intake.",
    },
    emittedBy: { zh: '受理（intakeCase）', en: 'intake (intakeCase)' },
    schema: caseAccepted,
  },
  {
    topic: 'case.{action}',
    kind: 'action',
    version: 1,
    message: 'caseAction',
    title: { zh: '办件动作', en: 'Case action' },
    description: {
      zh: '对办件执行了流程动作（主题为 case.<动作名>，如 case.reply 答复、case.dispatch 派单），动作名取自生效的流程文档。载荷含答复内容、主办单位和最近的办理时限。',
      en: 'A workflow action was taken on a case (topic case.<action>, e.g. case.reply, case.dispatch); the action names come from the workflow document in force. The payload carries the reply text, the lead unit and the nearest deadline.',
    },
    emittedBy: { zh: '办件动作（performCaseAction）', en: 'case actions (performCaseAction)' },
    schema: caseTransition,
  },
  {
    topic: 'case.{finalState}',
    kind: 'finalState',
    version: 1,
    message: 'caseFinal',
    title: { zh: '办件终结', en: 'Case finished' },
    description: {
      zh: '办件进入流程的终态时发出，每件一次（主题为 case.<终态名>，如 case.closed 归档、case.rejected 不予受理、case.answered 直接办结、case.merged 合并）。载荷与引起它的动作相同，含答复内容。',
      en: 'Emitted once per case when it reaches a final state of its workflow (topic case.<state>, e.g. case.closed, case.rejected, case.answered, case.merged). Same payload as the action that finished it, with the reply text.',
    },
    emittedBy: { zh: '办件动作（performCaseAction）', en: 'case actions (performCaseAction)' },
    schema: caseTransition,
  },
  {
    topic: 'case.handoff.approval',
    kind: 'fixed',
    version: 1,
    message: 'caseHandoffApproval',
    title: { zh: '移交行政审批', en: 'Handed to approval' },
    description: {
      zh: '流程动作的 handOff 效果（system: approval）把办件移交网上行政审批系统；审批系统的办理状态通过审批插件的回调返回。',
      en: 'A workflow action with a handOff effect (system: approval) hands the case to the online approval system; its statuses come back through the approval plugin’s webhook.',
    },
    emittedBy: {
      zh: '流程效果 handOff（如动作 handOffToApproval）',
      en: 'workflow effect handOff (e.g. action handOffToApproval)',
    },
    schema: caseHandoffApproval,
  },
  {
    topic: 'case.handoff.police',
    kind: 'fixed',
    version: 1,
    message: 'caseHandoffPolice',
    title: { zh: '移交110', en: 'Handed to 110' },
    description: {
      zh: '流程动作的 handOff 效果（system: police）把涉警办件移交 110 联动系统，载荷含事发地点（民警出警需要），不含诉求人姓名、电话和查询密码；110 的处置反馈通过 110 联动插件的回调返回并推进办件流程。',
      en: 'A workflow action with a handOff effect (system: police) hands a case with police relevance to the 110 linkage system, with the incident location (the police need it) but never the requester’s name, phone or query password; 110’s feedback comes back through the 110 linkage plugin’s webhook and moves the case on.',
    },
    emittedBy: {
      zh: '流程效果 handOff（如动作 handOffToPolice）',
      en: 'workflow effect handOff (e.g. action handOffToPolice)',
    },
    schema: caseHandoffPolice,
  },
  {
    topic: 'case.sla.warning',
    kind: 'fixed',
    version: 1,
    message: 'caseSlaWarning',
    title: { zh: '时限预警', en: 'Deadline warning' },
    description: {
      zh: '计时器用时达到时限策略的预警比例（如 80%），每个计时周期、每个比例一次。',
      en: 'A running timer used the warning share of its limit (e.g. 80 %), once per timer run and threshold.',
    },
    emittedBy: { zh: '时限检查（runDeadlineCheck）', en: 'deadline check (runDeadlineCheck)' },
    schema: caseSlaWarning,
  },
  {
    topic: 'case.sla.overdue',
    kind: 'fixed',
    version: 1,
    message: 'caseSlaOverdue',
    title: { zh: '办件超期', en: 'Deadline passed' },
    description: {
      zh: '计时器超过办理时限，每个计时周期一次。',
      en: 'A running timer passed its deadline, once per timer run.',
    },
    emittedBy: { zh: '时限检查（runDeadlineCheck）', en: 'deadline check (runDeadlineCheck)' },
    schema: caseSlaOverdue,
  },
  {
    topic: 'case.reminded',
    kind: 'fixed',
    version: 1,
    message: 'caseReminded',
    title: { zh: '催办', en: 'Reminder' },
    description: {
      zh: '时限策略阶梯中的催办步骤到期。',
      en: 'A reminder step (催办) of the SLA policy’s ladder fell due.',
    },
    emittedBy: { zh: '时限检查（runDeadlineCheck）', en: 'deadline check (runDeadlineCheck)' },
    schema: caseReminded,
  },
  {
    topic: 'case.supervised',
    kind: 'fixed',
    version: 1,
    message: 'caseSupervised',
    title: { zh: '督办', en: 'Supervision' },
    description: {
      zh: '时限策略阶梯中的督办步骤到期，办件督办级别提高。',
      en: 'A supervision step (督办) of the SLA policy’s ladder fell due; the case’s supervision level rises.',
    },
    emittedBy: { zh: '时限检查（runDeadlineCheck）', en: 'deadline check (runDeadlineCheck)' },
    schema: caseSupervised,
  },
  {
    topic: 'performance.entrySubmitted',
    kind: 'fixed',
    version: 1,
    message: 'entrySubmitted',
    title: { zh: '填报已提交', en: 'Entry submitted' },
    description: {
      zh: '单位提交了某指标某期间的填报记录（含更正后的新记录）。',
      en: 'A unit submitted a ledger entry for an indicator and period (also the new entry of an amendment).',
    },
    emittedBy: { zh: '绩效填报（submitEntry）', en: 'performance entries (submitEntry)' },
    schema: entrySubmitted,
  },
];

/** Names the workflow documents give to the family topics. */
export interface TopicVocabulary {
  /** Declared workflow actions (topics `case.<action>`). */
  actions: readonly string[];
  /** Final states (topics `case.<state>`). */
  finalStates: readonly string[];
}

/** The workflow fields a vocabulary is read from. */
interface WorkflowNames {
  actions?: ReadonlyArray<{ name: string }>;
  transitions?: ReadonlyArray<{ action: string }>;
  final?: readonly string[];
}

/** The action and final-state names of `workflows` (actions declared or used by a transition). */
export function vocabularyOf(workflows: readonly WorkflowNames[]): TopicVocabulary {
  const actions = new Set<string>();
  const finalStates = new Set<string>();
  for (const w of workflows) {
    for (const a of w.actions ?? []) actions.add(a.name);
    for (const t of w.transitions ?? []) actions.add(t.action);
    for (const s of w.final ?? []) finalStates.add(s);
  }
  return { actions: [...actions].sort(), finalStates: [...finalStates].sort() };
}

const FIXED = new Map(EVENT_CATALOGUE.filter((e) => e.kind === 'fixed').map((e) => [e.topic, e]));
const ACTION = EVENT_CATALOGUE.find((e) => e.kind === 'action')!;
const FINAL = EVENT_CATALOGUE.find((e) => e.kind === 'finalState')!;
const FAMILY_NAME = /^case\.([a-z][A-Za-z]*)$/;

/** A concrete topic with the entry that declares it. */
export interface DeclaredTopic {
  topic: string;
  entry: EventTopic;
}

/**
 * Every concrete topic: the fixed ones and, for the vocabulary, `case.<action>` per action and
 * `case.<state>` per final state (a name that clashes with a fixed topic keeps the fixed one).
 */
export function declaredTopics(vocabulary: TopicVocabulary): DeclaredTopic[] {
  const out = new Map<string, DeclaredTopic>();
  for (const [topic, entry] of FIXED) out.set(topic, { topic, entry });
  for (const name of vocabulary.finalStates)
    if (!out.has(`case.${name}`)) out.set(`case.${name}`, { topic: `case.${name}`, entry: FINAL });
  for (const name of vocabulary.actions)
    if (!out.has(`case.${name}`)) out.set(`case.${name}`, { topic: `case.${name}`, entry: ACTION });
  return [...out.values()].sort((a, b) => a.topic.localeCompare(b.topic));
}

/** Topics that clash with a fixed catalogue topic: a workflow must not name an action or final state so. */
export function clashingNames(names: readonly string[]): string[] {
  return names.filter((n) => FIXED.has(`case.${n}`));
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();
const validatorOf = (entry: EventTopic): ValidateFunction => {
  let v = validators.get(entry.message);
  if (!v) {
    v = ajv.compile(entry.schema);
    validators.set(entry.message, v);
  }
  return v;
};

const schemaIssues = (entry: EventTopic, payload: unknown): Issue[] => {
  const validate = validatorOf(entry);
  if (validate(payload)) return [];
  return (validate.errors ?? []).map((e) => ({
    path: `/payload${e.instancePath}`,
    code: 'outbox.invalid_payload',
    message: `${entry.message} v${entry.version}: ${e.instancePath || '/'} ${e.message ?? ''}${
      e.keyword === 'additionalProperties'
        ? ` (${(e.params as { additionalProperty: string }).additionalProperty})`
        : ''
    }`,
  }));
};

/**
 * Issues of an event about to be emitted: an undeclared topic (`outbox.undeclared_topic`) or a payload
 * that does not match the topic's schema (`outbox.invalid_payload`). A family topic `case.<name>`
 * must be consistent with its payload: `action` is `<name>` (an action event) or `to` is `<name>` (a
 * final-state event); with a vocabulary, `<name>` must also be one of its actions / final states.
 */
export function checkEvent(
  event: { topic: string; payload: unknown },
  vocabulary?: TopicVocabulary,
): Issue[] {
  const fixed = FIXED.get(event.topic);
  if (fixed) return schemaIssues(fixed, event.payload);
  const name = FAMILY_NAME.exec(event.topic)?.[1];
  const payload = (event.payload ?? {}) as { action?: unknown; to?: unknown };
  const candidates: EventTopic[] = [];
  if (name !== undefined) {
    if (payload.action === name && (!vocabulary || vocabulary.actions.includes(name)))
      candidates.push(ACTION);
    if (payload.to === name && (!vocabulary || vocabulary.finalStates.includes(name))) candidates.push(FINAL);
  }
  if (candidates.length === 0)
    return [
      {
        path: '/topic',
        code: 'outbox.undeclared_topic',
        message: `topic "${event.topic}" is not declared in the event catalogue`,
        messageZh: `事件主题“${event.topic}”未在事件目录中声明`,
      },
    ];
  return schemaIssues(candidates[0]!, event.payload);
}

/**
 * The subscriptions of a plugin manifest (`events`) that match no declared topic: an exact topic must
 * be declared; a pattern `prefix.*` must match at least one declared topic. With a null vocabulary
 * (no workflow published yet) any `case.<name>` counts as a possible action or final-state topic.
 */
export function unknownSubscriptions(
  events: readonly string[],
  vocabulary: TopicVocabulary | null,
): string[] {
  const topics = declaredTopics(vocabulary ?? { actions: [], finalStates: [] }).map((t) => t.topic);
  const isKnown = (topic: string) =>
    topics.includes(topic) || (vocabulary === null && FAMILY_NAME.test(topic));
  return events.filter((pattern) => {
    if (!pattern.endsWith('.*')) return !isKnown(pattern);
    const prefix = pattern.slice(0, -1);
    return !(topics.some((t) => t.startsWith(prefix)) || (vocabulary === null && prefix === 'case.'));
  });
}
