/** @module Cross-document checks of a rule set: the rule-set header, then each kind's check from the registry, then inline secrets. */
import type { RuleSet, RuleSetDocument } from '../../../schemas/types.gen.ts';
import type { Issue } from '../errors.ts';
import { messageOf } from '../errors.ts';
import { checkRule as languageCheckRule, compile as languageCompile } from '../rule-language.ts';
import { analyseTable } from '../tables/analyse.ts';
import type { DecisionTable } from '../tables/types.ts';
import { findInlineSecrets } from './bundle.ts';
import { type ByKind, Collector, DOC, type Located, type RuleTools } from './kinds/kind.ts';
import { DOCUMENT_KIND_REGISTRY } from './kinds/registry.ts';

/** The tools used when `check` is called without any. */
export const defaultRuleTools: RuleTools = {
  checkRule: (rule, schema) => languageCheckRule(rule, schema),
  compile: (rule) => languageCompile(rule),
  analyseTable: (table) => analyseTable(table as DecisionTable),
};

/**
 * The order kinds are checked in: the registry's, except that calendars come just before the SLA
 * policies that name them (the issues have always listed the calendars' first).
 */
const CHECK_ORDER = DOCUMENT_KIND_REGISTRY.filter((k) => k.kind !== 'calendar').flatMap((k) =>
  k.kind === 'slaPolicy' ? DOCUMENT_KIND_REGISTRY.filter((c) => c.kind === 'calendar').concat(k) : [k],
);

function indexDocuments(ruleSet: RuleSet, out: Collector): ByKind {
  const byKind = Object.fromEntries(
    DOCUMENT_KIND_REGISTRY.filter((k) => k.place === 'documents').map((k) => [k.kind, new Map()]),
  ) as ByKind;
  ruleSet.documents.forEach((doc, index) => {
    const map = byKind[doc.kind] as Map<string, Located<RuleSetDocument>>;
    if (map.has(doc.id)) {
      out.error(
        `${DOC(index)}/id`,
        'ruleSet.duplicate_id',
        `Another ${doc.kind} already has the id "${doc.id}"`,
        `已存在 id 为“${doc.id}”的 ${doc.kind}`,
      );
      return;
    }
    map.set(doc.id, { doc, index });
  });
  return byKind;
}

function checkRuleSetMeta(ruleSet: RuleSet, out: Collector): void {
  if (ruleSet.period.from > ruleSet.period.to)
    out.error('/period', 'ruleSet.period', 'The period ends before it starts', '考核周期的结束早于开始');
  const v = ruleSet.version;
  if (v && (v.status === 'published' || v.status === 'archived')) {
    if (!v.submittedBy || !v.approvedBy)
      out.error(
        '/version',
        'ruleSet.four_eyes',
        'A published version records who submitted and who approved it',
        '已发布版本必须记录提交人和审批人',
      );
    else if (v.submittedBy === v.approvedBy)
      out.error(
        '/version/approvedBy',
        'ruleSet.four_eyes',
        'The approver must be a different admin than the submitter',
        '审批人必须是提交人以外的另一名管理员',
      );
  }
}

/**
 * Cross-document checks of a schema-valid rule set (run {@link validate} first): unique ids, references
 * (parents, forms, light rules, scoring rules, plugin bindings, units in owners/targets/routing rows,
 * SLA policies and calendars, workflow states), sibling weights summing to 1 (±1e-6) or a matching AHP
 * comparison, indicator levels, rules type-checked against the forms they read, scoring rules' embedded
 * tests, routing tables' outputs and analysis, workflow reachability and dead ends, SLA/light consistency,
 * the four-eyes rule of published versions and inline secrets. Never throws.
 */
export function check(ruleSet: RuleSet, tools: RuleTools = defaultRuleTools): Issue[] {
  const out = new Collector();
  try {
    const by = indexDocuments(ruleSet, out);
    checkRuleSetMeta(ruleSet, out);
    for (const kind of CHECK_ORDER) kind.check?.({ ruleSet, by, tools, out });
    out.nested('', findInlineSecrets(ruleSet));
  } catch (cause) {
    const detail = messageOf(cause);
    out.error('', 'check.internal', `The check stopped: ${detail}`, `检查中止：${detail}`);
  }
  return out.issues;
}
