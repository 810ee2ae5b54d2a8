/** @module The SLA-policy kind: its calendar, priorities, thresholds, the 催办 → 督办 ladder and pause states; its diff reports the limits of each priority. */
import type { SlaPolicy } from '../../../../schemas/types.gen.ts';
import type { LocalizedText } from '../../errors.ts';
import { jsonEquals } from '../canonical.ts';
import { type DocDiff, eachKeyed, type Json, seg, show } from './doc-diff.ts';
import {
  type ByKind,
  type CheckContext,
  type Collector,
  defineKind,
  DOC,
  type DocumentKind,
  nameWithCount,
} from './kind.ts';

/** Each SLA policy checked against the calendars the rule set carries, then the states it pauses in. */
function checkSlaPolicies({ ruleSet, by, out }: CheckContext): void {
  const calendars = new Set<unknown>((ruleSet.calendars ?? []).map((c) => (c as { id?: unknown }).id));
  for (const { doc, index } of by.slaPolicy.values()) checkOneSla(doc, DOC(index), calendars, out);
  checkPauseStates(by, out);
}

function checkOneSla(doc: SlaPolicy, at: string, calendars: Set<unknown>, out: Collector): void {
  if (!calendars.has(doc.calendarId))
    out.error(
      `${at}/calendarId`,
      'ref.missing_calendar',
      `SLA policy "${doc.id}" names calendar "${doc.calendarId}", which this rule set does not carry: add or import the calendar, or name one of its calendars`,
      `时限策略“${doc.id}”引用的工作日历“${doc.calendarId}”不在本规则集中：请添加或导入该日历，或改为引用已有的日历`,
    );
  const seen = new Set<string>();
  doc.limits.forEach((l, i) => {
    if (seen.has(l.priority))
      out.error(
        `${at}/limits/${i}/priority`,
        'sla.duplicate_priority',
        `Priority "${l.priority}" is listed twice`,
        `优先级“${l.priority}”重复`,
      );
    seen.add(l.priority);
  });
  const t = doc.warningThresholds ?? [];
  if (t.some((v, i) => i > 0 && v <= t[i - 1]!))
    out.error(
      `${at}/warningThresholds`,
      'sla.thresholds_order',
      'Warning thresholds must ascend',
      '预警阈值必须递增',
    );
  checkLadder(doc, at, out);
}

/**
 * The 催办 → 督办 ladder: step ids unique (each fires once per timer run by id), and on each timer the
 * supervision levels rise in the order the steps are reached (a fraction of the budget before any
 * time after the deadline).
 */
function checkLadder(doc: SlaPolicy, at: string, out: Collector): void {
  const ids = new Set<string>();
  const steps = doc.ladder ?? [];
  steps.forEach((step, i) => {
    if (ids.has(step.id))
      out.error(
        `${at}/ladder/${i}/id`,
        'sla.duplicate_ladder_step',
        `Ladder step "${step.id}" is declared twice`,
        `催办督办步骤“${step.id}”重复声明`,
      );
    ids.add(step.id);
  });
  const reachedAt = (step: (typeof steps)[number]): [number, number] => {
    if (step.fraction !== undefined) return [0, step.fraction];
    const after = step.afterDeadline;
    const hours = after ? after.amount * (after.unit === 'workingHours' ? 1 : 24) : 0;
    return [1, hours];
  };
  for (const timer of new Set(steps.map((s) => s.timer))) {
    const supervising = steps
      .map((step, index) => ({ step, index }))
      .filter(({ step }) => step.timer === timer && step.action === 'supervise')
      .sort((a, b) => {
        const [ka, va] = reachedAt(a.step);
        const [kb, vb] = reachedAt(b.step);
        return ka - kb || va - vb;
      });
    supervising.forEach(({ step, index }, k) => {
      const before = supervising[k - 1]?.step;
      if (before && (step.level ?? 0) <= (before.level ?? 0))
        out.error(
          `${at}/ladder/${index}/level`,
          'sla.ladder_order',
          `Supervision step "${step.id}" is reached after "${before.id}" but does not raise the level`,
          `督办步骤“${step.id}”晚于“${before.id}”触发，督办级别却没有升高`,
        );
    });
  }
}

/** `pauseInStates` of every SLA policy must name states of the rule set's workflows. */
function checkPauseStates(by: ByKind, out: Collector): void {
  if (by.workflow.size === 0) return;
  const states = new Set([...by.workflow.values()].flatMap(({ doc }) => doc.states.map((s) => s.name)));
  for (const { doc, index } of by.slaPolicy.values())
    (doc.pauseInStates ?? []).forEach((name, i) => {
      if (!states.has(name))
        out.error(
          `${DOC(index)}/pauseInStates/${i}`,
          'slaPolicy.unknown_pause_state',
          `The workflow has no state "${name}" to pause in`,
          `流程中没有可暂停计时的状态“${name}”`,
        );
    });
}

const LIMIT_KINDS: [string, LocalizedText][] = [
  ['accept', { en: 'accept', zh: '签收' }],
  ['handle', { en: 'handle', zh: '办结' }],
  ['reply', { en: 'reply', zh: '答复' }],
];
const UNIT_TEXT: Record<string, LocalizedText> = {
  workingHours: { en: 'working hours', zh: '工作小时' },
  workingDays: { en: 'working days', zh: '工作日' },
  calendarDays: { en: 'calendar days', zh: '自然日' },
};
const durationText = (x: unknown, lang: keyof LocalizedText): string => {
  if (typeof x !== 'object' || x === null) return '—';
  const { amount, unit } = x as Json;
  return `${show(amount)} ${UNIT_TEXT[String(unit)]?.[lang] ?? String(unit)}`;
};

function diffSlaPolicy(d: DocDiff, a: Json, b: Json): void {
  d.renamed(a, b);
  eachKeyed(
    a,
    b,
    'limits',
    (l) => String(l.priority),
    (priority, x, y) => {
      const path = `/limits${seg(priority)}`;
      if (!x)
        d.add(
          'limitAdded',
          { en: `limits for priority ${priority} added`, zh: `新增 ${priority} 优先级时限` },
          { path, after: y },
        );
      else if (!y)
        d.add(
          'limitRemoved',
          { en: `limits for priority ${priority} removed`, zh: `删除 ${priority} 优先级时限` },
          { path, before: x },
        );
      else
        for (const [key, what] of LIMIT_KINDS) {
          if (jsonEquals(x[key], y[key])) continue;
          d.add(
            'limitChanged',
            {
              en: `${priority} ${what.en} limit ${durationText(x[key], 'en')} → ${durationText(y[key], 'en')}`,
              zh: `${priority} 优先级${what.zh}时限 ${durationText(x[key], 'zh')} → ${durationText(y[key], 'zh')}`,
            },
            { path: `${path}${seg(key)}`, before: x[key], after: y[key] },
          );
        }
    },
  );
  d.rest(a, b, ['name', 'limits']);
}

/** SLA policies (办理时限). */
export const slaPolicyKind: DocumentKind = defineKind(
  'slaPolicy',
  7,
  { zh: '办理时限', en: 'SLA policies' },
  {
    check: checkSlaPolicies,
    diff: diffSlaPolicy,
    summary: (doc) => nameWithCount(doc, doc.limits, 'priorities', '个优先级'),
  },
);
