/** @module The one checker of a workflow document (used by the rule-set check, compile, the server and the studio), and the guard helpers compile shares. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Workflow } from '../../../schemas/types.gen.ts';
import type { Issue } from '../errors.ts';
import { messageOf } from '../errors.ts';
import { BatonError, issueOf } from '../errors.ts';
import { clashingNames, EVENT_CATALOGUE } from '../events/catalogue.ts';
import { compile } from '../rule-language.ts';

/** What a state means for clocks and lists (the document's `type`, defaulted). */
export type StateType = 'open' | 'paused' | 'closed';

/** Effects that act on a timer (and so must name one). */
export const TIMER_EFFECTS = new Set(['startTimer', 'stopTimer', 'pauseTimer', 'resumeTimer', 'extendTimer']);
/** The catalogue's fixed topics: hand-off events must be among them; actions and final states must not clash with them. */
const FIXED_TOPICS = new Set(EVENT_CATALOGUE.filter((e) => e.kind === 'fixed').map((e) => e.topic));

/** Options of {@link checkWorkflowDocument}. */
export interface WorkflowCheckOptions {
  /** Type-checks a rule against the JSON Schema of its data (the rule set check passes the language's checker). */
  checkRule?: (rule: unknown, dataSchema: object) => Issue[];
}

const GUARD_DATA = {
  type: 'object',
  properties: { case: { type: 'object' }, input: { type: 'object' }, actor: { type: 'object' } },
};

export function newAjv(): Ajv2020 {
  return new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
}

/** The type of a state: declared, else `closed` for final states and `open` otherwise. */
export function stateTypeOf(doc: Workflow, name: string): StateType {
  const declared = doc.states.find((s) => s.name === name)?.type;
  return declared ?? (doc.final.includes(name) ? 'closed' : 'open');
}

/** The issue for a name declared a second time: `kind` names what it is, in English and Chinese. */
function declaredTwice(path: string, code: string, kind: { en: string; zh: string }, name: string): Issue {
  return issueOf(path, code, `${kind.en} "${name}" is declared twice`, `${kind.zh}“${name}”重复声明`);
}

/** The conjuncts of a guard `{and: [...]}` that read no input, as one rule; null when it is no `and` or all read input. */
export function caseOnlyConjuncts(guard: unknown): unknown {
  if (typeof guard !== 'object' || guard === null || Array.isArray(guard)) return null;
  const conjuncts = (guard as Record<string, unknown>).and;
  if (Object.keys(guard).length !== 1 || !Array.isArray(conjuncts)) return null;
  const caseOnly = conjuncts.filter((c) => !readsInput(c));
  return caseOnly.length > 0 ? { and: caseOnly } : null;
}

export function readsInput(rule: unknown): boolean {
  if (Array.isArray(rule)) return rule.some(readsInput);
  if (typeof rule !== 'object' || rule === null) return false;
  for (const [op, args] of Object.entries(rule)) {
    if (op === 'var') {
      const path = Array.isArray(args) ? args[0] : args;
      if (typeof path === 'string' && (path === 'input' || path.startsWith('input.'))) return true;
    }
    if (readsInput(args)) return true;
  }
  return false;
}

/** Checks of the declarations: actions, channels and state types. */
function checkDeclarations(doc: Workflow): Issue[] {
  const issues: Issue[] = [];
  checkStateTypes(doc, issues);
  checkActions(doc, issues);
  checkChannels(doc, issues);
  return issues;
}

/** Declared state types agree with `final`. */
function checkStateTypes(doc: Workflow, issues: Issue[]): void {
  const finals = new Set(doc.final);
  doc.states.forEach((s, i) => {
    if (s.type === 'closed' && !finals.has(s.name))
      issues.push(
        issueOf(
          `/states/${i}/type`,
          'workflow.state_type',
          `State "${s.name}" is typed closed but is not final`,
          `状态“${s.name}”类型为“已结束”，却不是终态`,
        ),
      );
    if (s.type !== undefined && s.type !== 'closed' && finals.has(s.name))
      issues.push(
        issueOf(
          `/states/${i}/type`,
          'workflow.state_type',
          `Final state "${s.name}" must be typed closed`,
          `终态“${s.name}”的类型必须是“已结束”`,
        ),
      );
  });
}

/** Declared actions: unique, input schemas compile, every transition's action declared, none unused. */
function checkActions(doc: Workflow, issues: Issue[]): void {
  const declared = new Map<string, number>();
  (doc.actions ?? []).forEach((a, i) => {
    if (declared.has(a.name))
      issues.push(
        declaredTwice(
          `/actions/${i}/name`,
          'workflow.duplicate_action',
          { en: 'Action', zh: '动作' },
          a.name,
        ),
      );
    else declared.set(a.name, i);
    if (a.input !== undefined)
      try {
        newAjv().compile(a.input.schema);
      } catch (cause) {
        const detail = messageOf(cause);
        issues.push(
          issueOf(
            `/actions/${i}/input/schema`,
            'workflow.action_input_schema',
            `The input schema of action "${a.name}" does not compile: ${detail}`,
            `动作“${a.name}”的输入结构无法编译：${detail}`,
          ),
        );
      }
  });
  if (doc.actions !== undefined) {
    const used = new Set<string>();
    doc.transitions.forEach((t, i) => {
      used.add(t.action);
      if (!declared.has(t.action))
        issues.push(
          issueOf(
            `/transitions/${i}/action`,
            'workflow.undeclared_action',
            `Action "${t.action}" is not declared in the workflow's actions`,
            `动作“${t.action}”未在流程的动作列表中声明`,
          ),
        );
    });
    for (const [name, i] of declared)
      if (!used.has(name))
        issues.push(
          issueOf(
            `/actions/${i}`,
            'workflow.unused_action',
            `No transition uses action "${name}"`,
            `没有流转使用动作“${name}”`,
            'warning',
          ),
        );
  }
}

/** Channel codes and aliases are unique. */
function checkChannels(doc: Workflow, issues: Issue[]): void {
  const codes = new Map<string, string>();
  (doc.channels ?? []).forEach((c, i) => {
    [c.code, ...(c.aliases ?? [])].forEach((code, k) => {
      const owner = codes.get(code);
      if (owner !== undefined && !(owner === c.code && k === 0))
        issues.push(
          issueOf(
            k === 0 ? `/channels/${i}/code` : `/channels/${i}/aliases/${k - 1}`,
            'workflow.duplicate_channel',
            `Channel code "${code}" is used twice`,
            `渠道编码“${code}”重复使用`,
          ),
        );
      else codes.set(code, c.code);
    });
  });
}

/** An issue for a state name the document does not declare. */
function unknownState(issues: Issue[], path: string, name: string): void {
  issues.push(issueOf(path, 'workflow.unknown_state', `No state "${name}"`, `没有状态“${name}”`));
}

/** State names: no duplicates, none clashing with a fixed event topic, initial and final declared. Returns the names. */
function checkStateNames(doc: Workflow, issues: Issue[]): Set<string> {
  const names = new Set<string>();
  doc.states.forEach((s, i) => {
    if (names.has(s.name))
      issues.push(
        declaredTwice(`/states/${i}/name`, 'workflow.duplicate_state', { en: 'State', zh: '状态' }, s.name),
      );
    names.add(s.name);
  });
  // Actions and final states name outbox topics (case.<name>); one that is already a fixed topic would mix two events.
  const clashes = clashingNames([...(doc.actions ?? []).map((a) => a.name), ...doc.final]);
  for (const name of new Set(clashes))
    issues.push(
      issueOf(
        doc.final.includes(name)
          ? `/final/${doc.final.indexOf(name)}`
          : `/actions/${(doc.actions ?? []).findIndex((a) => a.name === name)}/name`,
        'workflow.topic_clash',
        `"${name}" would emit case.${name}, a topic the event catalogue already declares for another event`,
        `“${name}”会发出事件 case.${name}，该主题在事件目录中已有其他含义`,
      ),
    );
  if (!names.has(doc.initial)) unknownState(issues, '/initial', doc.initial);
  doc.final.forEach((f, i) => {
    if (!names.has(f)) unknownState(issues, `/final/${i}`, f);
  });
  return names;
}

/** Transitions: known states, at most one unguarded transition per action and state, effects and rules. Returns the edges both ways. */
function checkTransitions(
  doc: Workflow,
  names: Set<string>,
  options: WorkflowCheckOptions,
  issues: Issue[],
): { next: Map<string, Set<string>>; prev: Map<string, Set<string>> } {
  const next = new Map<string, Set<string>>();
  const prev = new Map<string, Set<string>>();
  const unguarded = new Map<string, number>();
  doc.transitions.forEach((t, i) => {
    const at = `/transitions/${i}`;
    if (!names.has(t.from)) unknownState(issues, `${at}/from`, t.from);
    if (!names.has(t.to)) unknownState(issues, `${at}/to`, t.to);
    if (!next.has(t.from)) next.set(t.from, new Set());
    next.get(t.from)!.add(t.to);
    if (!prev.has(t.to)) prev.set(t.to, new Set());
    prev.get(t.to)!.add(t.from);
    if (t.guard === undefined) {
      const key = `${t.from}\u0000${t.action}`;
      if (unguarded.has(key))
        issues.push(
          issueOf(
            `${at}/action`,
            'workflow.ambiguous_action',
            `Action "${t.action}" from "${t.from}" has two transitions without a guard`,
            `状态“${t.from}”的动作“${t.action}”有两条无条件流转`,
          ),
        );
      unguarded.set(key, i);
    }
    checkTransitionRules(t, at, options, issues);
  });
  return { next, prev };
}

/** A transition's effects (hand-off systems, timers) and rules (compile; guards type-check with `options.checkRule`). */
function checkTransitionRules(
  t: Workflow['transitions'][number],
  at: string,
  options: WorkflowCheckOptions,
  issues: Issue[],
): void {
  const rules: [string, unknown][] = [];
  if (t.guard !== undefined) rules.push([`${at}/guard`, t.guard]);
  (t.effects ?? []).forEach((e, k) => {
    for (const key of ['amount', 'lead', 'assisting', 'value', 'target'] as const)
      if (e[key] !== undefined) rules.push([`${at}/effects/${k}/${key}`, e[key]]);
    if (e.type === 'handOff' && (e.system === undefined || !FIXED_TOPICS.has(`case.handoff.${e.system}`)))
      issues.push(
        issueOf(
          `${at}/effects/${k}/system`,
          'workflow.handoff_topic',
          `The hand-off needs a system whose event case.handoff.<system> the event catalogue declares (${[
            ...FIXED_TOPICS,
          ]
            .filter((topic) => topic.startsWith('case.handoff.'))
            .join(', ')})`,
          '移交需指定外部系统，且事件目录中须有对应的 case.handoff.<系统> 事件',
        ),
      );
    if (TIMER_EFFECTS.has(e.type) && e.timer === undefined)
      issues.push(
        issueOf(
          `${at}/effects/${k}`,
          'workflow.effect_timer',
          'The effect needs a timer',
          '该效果需要指定计时器',
        ),
      );
  });
  for (const [path, rule] of rules) {
    try {
      compile(rule);
      if (options.checkRule && path.endsWith('/guard'))
        for (const found of options.checkRule(rule, GUARD_DATA))
          issues.push({ ...found, path: `${path}${found.path}` });
    } catch (cause) {
      const detail = messageOf(cause);
      const detailZh = cause instanceof BatonError ? cause.text.zh : detail;
      issues.push(
        issueOf(path, 'workflow.rule', `The rule does not compile: ${detail}`, `规则无法编译：${detailZh}`),
      );
    }
  }
}

/** Every state reachable from the initial one, not a dead end, able to finish; final states without exits. */
function checkGraph(
  doc: Workflow,
  next: Map<string, Set<string>>,
  prev: Map<string, Set<string>>,
  issues: Issue[],
): void {
  const walk = (start: Iterable<string>, edges: Map<string, Set<string>>) => {
    const seen = new Set(start);
    const queue = [...seen];
    while (queue.length > 0)
      for (const to of edges.get(queue.shift()!) ?? [])
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
    return seen;
  };
  const reached = walk([doc.initial], next);
  const canFinish = walk(doc.final, prev);
  const finals = new Set(doc.final);
  doc.states.forEach((s, i) => {
    const at = `/states/${i}`;
    if (!reached.has(s.name))
      issues.push(
        issueOf(
          at,
          'workflow.unreachable_state',
          `State "${s.name}" cannot be reached from "${doc.initial}"`,
          `从“${doc.initial}”无法到达状态“${s.name}”`,
        ),
      );
    if (!finals.has(s.name) && !next.has(s.name))
      issues.push(
        issueOf(
          at,
          'workflow.dead_end',
          `State "${s.name}" is not final and has no way out`,
          `状态“${s.name}”不是终态，却没有出口`,
        ),
      );
    else if (!finals.has(s.name) && !canFinish.has(s.name))
      issues.push(
        issueOf(
          at,
          'workflow.no_path_to_final',
          `No final state can be reached from "${s.name}"`,
          `从状态“${s.name}”无法到达任何终态`,
          'warning',
        ),
      );
    if (finals.has(s.name) && next.has(s.name))
      issues.push(
        issueOf(
          at,
          'workflow.final_has_exit',
          `Final state "${s.name}" has outgoing transitions`,
          `终态“${s.name}”存在流出的流转`,
          'warning',
        ),
      );
  });
}

/**
 * The one checker of a (schema-valid) workflow document, used by the rule-set check, compile, the
 * server and the studio alike; never throws. Errors: unknown or duplicate states, transitions to/from
 * unknown states, two unguarded transitions for the same action and state, states unreachable from the
 * initial state, non-final states without a way out, rules that do not compile (and, with
 * `options.checkRule`, guards that do not type-check), actions used but not declared, duplicate
 * actions or channel codes, action input schemas that do not compile, state types that contradict
 * `final`. Warnings: final states with exits, states from which no final state can be reached,
 * declared actions no transition uses.
 */
export function checkWorkflowDocument(doc: Workflow, options: WorkflowCheckOptions = {}): Issue[] {
  const issues: Issue[] = [];
  try {
    issues.push(...checkDeclarations(doc));
    const names = checkStateNames(doc, issues);
    const { next, prev } = checkTransitions(doc, names, options, issues);
    checkGraph(doc, next, prev, issues);
  } catch (cause) {
    const detail = messageOf(cause);
    issues.push(issueOf('', 'workflow.internal', `The check stopped: ${detail}`, `检查中止：${detail}`));
  }
  return issues;
}
