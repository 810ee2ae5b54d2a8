/** @module The scoring-rule kind: params, the rule type-checked against its data, its embedded tests run; its diff reports the rule. */
import { messageOf } from '../../errors.ts';
import { jsonEquals } from '../canonical.ts';
import { type DocDiff, type Json, show } from './doc-diff.ts';
import { type ByKind, type Collector, defineKind, DOC, type DocumentKind, type RuleTools } from './kind.ts';
import { matchesType, paramsSchemaOf, scoringDataSchema } from './rule-data.ts';

function checkScoringRules(by: ByKind, tools: RuleTools, out: Collector): void {
  for (const { doc, index } of by.scoringRule.values()) {
    const at = DOC(index);
    const names = new Set<string>();
    (doc.params ?? []).forEach((p, i) => {
      if (names.has(p.name))
        out.error(
          `${at}/params/${i}/name`,
          'scoringRule.duplicate_param',
          `Parameter "${p.name}" is declared twice`,
          `参数“${p.name}”重复声明`,
        );
      names.add(p.name);
      if (p.default !== undefined && !matchesType(p.default, p.type))
        out.error(
          `${at}/params/${i}/default`,
          'scoringRule.param_type',
          `The default must be a ${p.type}`,
          `默认值必须是 ${p.type}`,
        );
    });
    out.nested(`${at}/rule`, tools.checkRule(doc.rule, scoringDataSchema(undefined, paramsSchemaOf(doc))));
    const tests = doc.tests ?? [];
    if (tests.length === 0) continue;
    let fn: (data: unknown) => unknown;
    try {
      fn = tools.compile(doc.rule);
    } catch (cause) {
      const detail = messageOf(cause);
      out.error(
        `${at}/rule`,
        'scoringRule.compile_failed',
        `The rule does not compile: ${detail}`,
        `规则无法编译：${detail}`,
      );
      continue;
    }
    tests.forEach((test, i) => {
      const name = test.name ? ` "${test.name}"` : '';
      try {
        const actual = fn(test.input);
        if (!jsonEquals(actual, test.expected))
          out.error(
            `${at}/tests/${i}`,
            'scoringRule.test_failed',
            `Test${name} expected ${JSON.stringify(test.expected)} but the rule gave ${JSON.stringify(actual)}`,
            `测试${name}期望 ${JSON.stringify(test.expected)}，规则结果为 ${JSON.stringify(actual)}`,
          );
      } catch (cause) {
        const detail = messageOf(cause);
        out.error(
          `${at}/tests/${i}`,
          'scoringRule.test_error',
          `Test${name} failed with: ${detail}`,
          `测试${name}出错：${detail}`,
        );
      }
    });
  }
}

function diffScoringRule(d: DocDiff, a: Json, b: Json): void {
  if (!jsonEquals(a.rule, b.rule))
    d.add(
      'ruleChanged',
      {
        en: `rule changed: ${show(a.rule)} → ${show(b.rule)}`,
        zh: `规则变更：${show(a.rule)} → ${show(b.rule)}`,
      },
      { path: '/rule', before: a.rule, after: b.rule },
    );
  d.rest(a, b, ['rule']);
}

/** Scoring rules (评分规则). */
export const scoringRuleKind: DocumentKind = defineKind(
  'scoringRule',
  4,
  { zh: '评分规则', en: 'Scoring rules' },
  {
    check: ({ by, tools, out }) => checkScoringRules(by, tools, out),
    diff: diffScoringRule,
  },
);
