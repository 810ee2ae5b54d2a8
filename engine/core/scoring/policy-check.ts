/** @module Checks of the performance part of a rule set that `check` cannot do generically: policy, root weights, AHP consistency, veto/bonus placement. */
import type { AssessmentPolicy, Indicator, RuleSet } from '../../../schemas/types.gen.ts';
import type { Issue } from '../errors.ts';
import { messageOf } from '../errors.ts';
import { checkAhp } from './ahp.ts';

/** Stages of the scoring pipeline, in their default order. */
export const PIPELINE_STAGES = ['validate', 'score', 'weight', 'adjust', 'veto', 'grade', 'rank'] as const;

/** One stage of the scoring pipeline. */
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

const err = (path: string, code: string, en: string, zh: string): Issue => ({
  path,
  code,
  message: en,
  messageZh: zh,
  severity: 'error',
});

/** Problems with a pipeline order; empty when the order can run. */
export function pipelineOrderIssues(order: readonly string[], path = ''): Issue[] {
  const issues: Issue[] = [];
  const at = (s: string) => order.indexOf(s);
  for (const stage of ['validate', 'score', 'weight'] as const)
    if (at(stage) < 0)
      issues.push(
        err(
          path,
          'policy.pipeline_missing',
          `The pipeline needs the stage "${stage}"`,
          `流程缺少“${stage}”环节`,
        ),
      );
  if (issues.length > 0) return issues;
  if (!(at('validate') < at('score') && at('score') < at('weight')))
    issues.push(
      err(
        path,
        'policy.pipeline_order',
        'validate, score and weight must run in that order',
        '校验、计分、加权必须按此顺序执行',
      ),
    );
  for (const late of ['adjust', 'veto', 'grade', 'rank'])
    if (at(late) >= 0 && at(late) < at('weight'))
      issues.push(
        err(
          path,
          'policy.pipeline_order',
          `"${late}" must come after "weight"`,
          `“${late}”必须在“weight”之后`,
        ),
      );
  for (const late of ['adjust', 'veto'])
    if (at(late) >= 0 && at('grade') >= 0 && at(late) > at('grade'))
      issues.push(
        err(
          path,
          'policy.pipeline_order',
          `"${late}" must come before "grade", which reads the final total`,
          `“${late}”必须在“grade”之前，定级读取最终总分`,
        ),
      );
  return issues;
}

/**
 * Cross-document checks of the performance model of a rule set: at most one assessment policy,
 * a runnable pipeline order, descending grade bands, a known veto grade, weights of the scored city
 * roots summing to 1, consistent AHP matrices (CR < 0.1), and bonus/deduction/veto flags only on leaves.
 * Never throws; paths point into `/documents/<i>`.
 */
export function checkPerformancePolicy(ruleSet: RuleSet): Issue[] {
  const issues: Issue[] = [];
  try {
    const docs = ruleSet.documents ?? [];
    const policies: { doc: AssessmentPolicy; index: number }[] = [];
    const indicators: Located<Indicator>[] = [];
    docs.forEach((doc, index) => {
      if (doc.kind === 'assessmentPolicy') policies.push({ doc, index });
      if (doc.kind === 'indicator') indicators.push({ doc, index });
    });
    for (const { index } of policies.slice(1))
      issues.push(
        err(
          `/documents/${index}`,
          'policy.duplicate',
          'A rule set has at most one assessment policy',
          '一个规则集最多只能有一个考核办法',
        ),
      );
    for (const policy of policies.slice(0, 1)) checkPolicyDocument(policy, issues);
    const hasChildren = new Set(indicators.map((i) => i.doc.parentId).filter((p) => p !== undefined));
    for (const { doc, index } of indicators) {
      if (hasChildren.has(doc.id) && isSpecial(doc))
        issues.push(
          err(
            `/documents/${index}`,
            'indicator.special_not_leaf',
            'Only leaf indicators can be bonus, deduction or veto items',
            '只有末级指标可以作为加分、减分或否决项',
          ),
        );
      if (doc.ahp) issues.push(...checkAhp(doc.ahp.matrix, {}, `/documents/${index}/ahp/matrix`));
    }
    checkRootWeights(indicators, hasChildren, issues);
  } catch (cause) {
    const detail = messageOf(cause);
    issues.push(
      err('', 'policy.internal', `The policy check stopped: ${detail}`, `考核办法检查中止：${detail}`),
    );
  }
  return issues;
}

/** A document and its index in the rule set. */
interface Located<T> {
  doc: T;
  index: number;
}

const isSpecial = (d: Indicator) => d.adjustment !== undefined || d.veto === true;

/** The policy: a runnable pipeline order, grade bands from the highest down, a known veto grade. */
function checkPolicyDocument({ doc, index }: Located<AssessmentPolicy>, issues: Issue[]): void {
  const at = `/documents/${index}`;
  if (doc.pipeline) issues.push(...pipelineOrderIssues(doc.pipeline, `${at}/pipeline`));
  doc.grades.forEach((g, i) => {
    if (i > 0 && g.minScore >= doc.grades[i - 1]!.minScore)
      issues.push(
        err(
          `${at}/grades/${i}/minScore`,
          'policy.grades_order',
          'Grade bands must be listed from the highest minimum score down',
          '等次须按最低分从高到低排列',
        ),
      );
  });
  const gradeId = doc.veto?.gradeId;
  if (gradeId !== undefined && !doc.grades.some((g) => g.id === gradeId))
    issues.push(
      err(
        `${at}/veto/gradeId`,
        'ref.unresolved',
        `No grade with id "${gradeId}" in the policy`,
        `考核办法中没有 id 为“${gradeId}”的等次`,
      ),
    );
}

/** Weights of the scored city roots: all fixed, summing to 1 (when there is more than one). */
function checkRootWeights(
  indicators: readonly Located<Indicator>[],
  hasChildren: ReadonlySet<string | undefined>,
  issues: Issue[],
): void {
  // A root counts in the total when some leaf under it is a plain weighted indicator.
  const byId = new Map(indicators.map((i) => [i.doc.id, i.doc]));
  const scoredRoots = new Set<string>();
  for (const { doc } of indicators) {
    if (hasChildren.has(doc.id) || isSpecial(doc)) continue;
    let node: Indicator | undefined = doc;
    for (let steps = 0; node?.parentId !== undefined && steps < 8; steps++) node = byId.get(node.parentId);
    if (node && node.parentId === undefined) scoredRoots.add(node.id);
  }
  const roots = indicators.filter((i) => scoredRoots.has(i.doc.id));
  if (roots.length <= 1) return;
  const weights = roots.map((r) => r.doc.weight);
  if (weights.some((w) => typeof w !== 'number')) {
    issues.push(
      err(
        `/documents/${roots[0]!.index}/weight`,
        'indicator.root_weight_missing',
        'Every scored city-level indicator needs a fixed weight',
        '每个计分的市级指标都必须设置固定权重',
      ),
    );
    return;
  }
  const sum = (weights as number[]).reduce((s, w) => s + w, 0);
  if (Math.abs(sum - 1) > 1e-6)
    issues.push(
      err(
        `/documents/${roots[0]!.index}/weight`,
        'indicator.weights_sum',
        `Weights of the scored city-level indicators sum to ${Number(sum.toFixed(9))}, not 1`,
        `计分的市级指标权重之和为 ${Number(sum.toFixed(9))}，不等于 1`,
      ),
    );
}
