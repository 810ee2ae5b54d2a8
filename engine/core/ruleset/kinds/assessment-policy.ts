/** @module The assessment-policy kind: checked by the scoring policy check; its diff reports grades, caps, the deadline day and the pipeline. */
import type { LocalizedText } from '../../errors.ts';
import { checkPerformancePolicy } from '../../scoring/policy-check.ts';
import { jsonEquals } from '../canonical.ts';
import { type DocDiff, type Json, renameText, seg, show, textOf } from './doc-diff.ts';
import { defineKind, type DocumentKind, nameWithCount } from './kind.ts';

const PIPELINE_DEFAULT = ['validate', 'score', 'weight', 'adjust', 'veto', 'grade', 'rank'];

/** Grade bands by id: added, removed, changed (minimum score, name), and the order of the bands both sides keep. */
function diffGrades(d: DocDiff, a: Json, b: Json): void {
  const grades = (x: Json) =>
    new Map(
      ((x.grades ?? []) as Json[]).map((g, i) => [typeof g.id === 'string' ? g.id : `#${i}`, g] as const),
    );
  const ga = grades(a);
  const gb = grades(b);
  for (const id of [...new Set([...ga.keys(), ...gb.keys()])]) {
    const x = ga.get(id);
    const y = gb.get(id);
    const path = `/grades${seg(id)}`;
    const label = (g: Json, lang: keyof LocalizedText) => textOf(g.name, lang) || id;
    if (!x)
      d.add(
        'gradeAdded',
        {
          en: `grade ${label(y!, 'en')} added from ${show(y!.minScore)} points`,
          zh: `新增等次“${label(y!, 'zh')}”（${show(y!.minScore)} 分起）`,
        },
        { path, after: y },
      );
    else if (!y)
      d.add(
        'gradeRemoved',
        { en: `grade ${label(x, 'en')} removed`, zh: `删除等次“${label(x, 'zh')}”` },
        { path, before: x },
      );
    else if (!jsonEquals(x, y)) {
      const parts: LocalizedText[] = [];
      if (!jsonEquals(x.minScore, y.minScore))
        parts.push({
          en: `minimum score ${show(x.minScore)} → ${show(y.minScore)}`,
          zh: `最低分 ${show(x.minScore)} → ${show(y.minScore)}`,
        });
      if (!jsonEquals(x.name, y.name)) parts.push(renameText({ en: 'renamed', zh: '更名' }, x.name, y.name));
      d.add(
        'gradeChanged',
        {
          en: `grade ${label(y, 'en')}: ${parts.map((p) => p.en).join('; ')}`,
          zh: `等次“${label(y, 'zh')}”：${parts.map((p) => p.zh).join('；')}`,
        },
        { path, before: x, after: y },
      );
    }
  }
  const gradeOrder = (m: Map<string, Json>) => [...m.keys()].filter((k) => ga.has(k) && gb.has(k));
  if (!jsonEquals(gradeOrder(ga), gradeOrder(gb)))
    d.add(
      'gradeChanged',
      {
        en: `grade order ${gradeOrder(ga).join(' > ')} → ${gradeOrder(gb).join(' > ')}`,
        zh: `等次顺序 ${gradeOrder(ga).join(' > ')} → ${gradeOrder(gb).join(' > ')}`,
      },
      { path: '/grades', before: gradeOrder(ga), after: gradeOrder(gb) },
    );
}

function diffAssessmentPolicy(d: DocDiff, a: Json, b: Json): void {
  d.renamed(a, b);
  diffGrades(d, a, b);
  const caps: [string, LocalizedText][] = [
    ['bonus', { en: 'bonus cap', zh: '加分上限' }],
    ['deduction', { en: 'deduction cap', zh: '扣分上限' }],
  ];
  for (const [key, what] of caps) {
    const x = (a[key] as Json | undefined)?.cap;
    const y = (b[key] as Json | undefined)?.cap;
    if (!jsonEquals(x, y))
      d.add(
        'capChanged',
        { en: `${what.en} ${show(x)} → ${show(y)}`, zh: `${what.zh} ${show(x)} → ${show(y)}` },
        { path: `${seg(key)}/cap`, before: x, after: y },
      );
  }
  const day = (x: Json) => (x.deadline as Json | undefined)?.dayOfNextMonth;
  if (!jsonEquals(day(a), day(b)))
    d.add(
      'deadlineChanged',
      {
        en: `data due by day ${show(day(a))} → ${show(day(b))} of the next month`,
        zh: `报送截止日 次月 ${show(day(a))} 日 → ${show(day(b))} 日`,
      },
      { path: '/deadline/dayOfNextMonth', before: day(a), after: day(b) },
    );
  const pipeline = (x: Json) => (x.pipeline as string[] | undefined) ?? PIPELINE_DEFAULT;
  if (!jsonEquals(pipeline(a), pipeline(b)))
    d.add(
      'pipelineChanged',
      {
        en: `pipeline ${pipeline(a).join(' → ')} ⇒ ${pipeline(b).join(' → ')}`,
        zh: `计分流程 ${pipeline(a).join(' → ')} ⇒ ${pipeline(b).join(' → ')}`,
      },
      { path: '/pipeline', before: pipeline(a), after: pipeline(b) },
    );
  const others = (x: Json) => {
    const { deadline, bonus, deduction, ...rest } = x;
    // Caps and the deadline day were reported above; anything else inside those objects still shows.
    const { cap: _b, ...bonusRest } = (bonus ?? {}) as Json;
    const { cap: _d, ...deductionRest } = (deduction ?? {}) as Json;
    const { dayOfNextMonth: _day, ...deadlineRest } = (deadline ?? {}) as Json;
    return { ...rest, bonus: bonusRest, deduction: deductionRest, deadline: deadlineRest };
  };
  d.rest(others(a), others(b), ['name', 'grades', 'pipeline']);
}

/** The assessment policy (考核政策): at most one per rule set. */
export const assessmentPolicyKind: DocumentKind = defineKind(
  'assessmentPolicy',
  10,
  { zh: '考核政策', en: 'Assessment policy' },
  {
    check: ({ ruleSet, out }) => out.nested('', checkPerformancePolicy(ruleSet)),
    diff: diffAssessmentPolicy,
    summary: (doc) => nameWithCount(doc, doc.grades, 'grades', '个等次'),
  },
);
