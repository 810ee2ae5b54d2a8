/** @module The indicator kind: tree levels, references, sibling weights or AHP, scoring rules type-checked against the form; its diff reports moves, weights, renames, rules and targets. */
import type { Indicator } from '../../../../schemas/types.gen.ts';
import { caseMetricEntrySchema } from '../../routing/metric-catalogue.ts';
import { type AhpIndicatorLike, describeAhpNodes, effectiveLocalWeights } from '../../scoring/ahp.ts';
import type { LocalizedText } from '../../errors.ts';
import { jsonEquals } from '../canonical.ts';
import { type DocDiff, docsOf, eachKeyed, type Json, seg, show, textOf } from './doc-diff.ts';
import {
  type ByKind,
  type Collector,
  defineKind,
  type DiffContext,
  DOC,
  type DocumentKind,
  type Located,
  nameLine,
  type RuleTools,
  unresolved,
} from './kind.ts';
import { entrySchema, matchesType, paramsSchemaOf, scoringDataSchema } from './rule-data.ts';

/** Tolerance of the sibling weight sum. */
export const WEIGHT_TOLERANCE = 1e-6;

const LEVEL_PARENT: Record<Indicator['level'], Indicator['level'] | null> = {
  city: null,
  district: 'city',
  unit: 'district',
};

/** Leaves need a data source; parents' children need consistent weights; AHP only on parents. */
function checkLeavesAndParents(
  by: ByKind,
  children: Map<string, Located<Indicator>[]>,
  out: Collector,
): void {
  for (const located of by.indicator.values()) {
    const { doc, index } = located;
    const kids = children.get(doc.id) ?? [];
    if (kids.length === 0 && doc.dataSource === undefined)
      out.error(
        `${DOC(index)}/dataSource`,
        'indicator.leaf_without_source',
        'A leaf indicator needs a data source',
        '末级指标必须指定数据来源',
      );
    if (kids.length > 0) checkSiblingWeights(doc, index, kids, out);
    else if (doc.ahp)
      out.error(
        `${DOC(index)}/ahp`,
        'indicator.ahp_without_children',
        'AHP on an indicator without children',
        '无下级指标却设置了 AHP',
      );
  }
}

function checkIndicators(by: ByKind, tools: RuleTools, out: Collector): void {
  const children = new Map<string, Located<Indicator>[]>();
  for (const located of by.indicator.values()) {
    const { doc, index } = located;
    const at = DOC(index);
    if (doc.parentId !== undefined) {
      const parent = by.indicator.get(doc.parentId);
      if (!parent) unresolved(out, `${at}/parentId`, 'indicator', doc.parentId);
      else {
        const list = children.get(doc.parentId) ?? [];
        list.push(located);
        children.set(doc.parentId, list);
        if (LEVEL_PARENT[doc.level] !== parent.doc.level)
          out.error(
            `${at}/level`,
            'indicator.level',
            `A ${doc.level} indicator cannot sit under a ${parent.doc.level} indicator`,
            `${doc.level} 级指标不能挂在 ${parent.doc.level} 级指标之下`,
          );
      }
    } else if (doc.level !== 'city') {
      out.error(
        `${at}/parentId`,
        'indicator.level',
        'Only city indicators may have no parent',
        '只有市级指标可以没有上级',
      );
    }
    const refs: [string | undefined, keyof ByKind, string, string][] = [
      [doc.formId, 'form', 'formId', 'form'],
      [doc.pluginBindingId, 'pluginBinding', 'pluginBindingId', 'plugin binding'],
      [doc.lightRuleId, 'lightRule', 'lightRuleId', 'light rule'],
      [doc.scoringRuleRef?.id, 'scoringRule', 'scoringRuleRef/id', 'scoring rule'],
    ];
    for (const [id, kind, path, what] of refs)
      if (id !== undefined && !by[kind].has(id)) unresolved(out, `${at}/${path}`, what, id);
    (doc.owners ?? []).forEach((unitId, i) => {
      if (!by.unit.has(unitId)) unresolved(out, `${at}/owners/${i}`, 'unit', unitId);
    });
    const targeted = new Set<string>();
    (doc.targets ?? []).forEach((t, i) => {
      if (!by.unit.has(t.unitId)) unresolved(out, `${at}/targets/${i}/unitId`, 'unit', t.unitId);
      if (targeted.has(t.unitId))
        out.error(
          `${at}/targets/${i}/unitId`,
          'indicator.duplicate_target',
          `Unit "${t.unitId}" has two targets`,
          `单位“${t.unitId}”有两个目标值`,
        );
      targeted.add(t.unitId);
      if (doc.owners && doc.owners.length > 0 && !doc.owners.includes(t.unitId))
        out.warn(
          `${at}/targets/${i}/unitId`,
          'indicator.target_not_owner',
          `Unit "${t.unitId}" has a target but is not an owner`,
          `单位“${t.unitId}”有目标值但不是责任单位`,
        );
    });
    checkScoring(doc, at, by, tools, out);
  }

  checkLeavesAndParents(by, children, out);
}

function checkSiblingWeights(
  parent: Indicator,
  parentIndex: number,
  kids: Located<Indicator>[],
  out: Collector,
): void {
  const numeric = kids.filter((k) => typeof k.doc.weight === 'number');
  const byAhp = kids.filter((k) => typeof k.doc.weight === 'object');
  const missing = kids.filter((k) => k.doc.weight === undefined);
  const ids = kids.map((k) => k.doc.id).join(', ');
  if (missing.length > 0 && kids.length > 1) {
    for (const m of missing)
      out.error(
        `${DOC(m.index)}/weight`,
        'indicator.weight_missing',
        `"${m.doc.id}" has siblings, so it needs a weight`,
        `“${m.doc.id}”有同级指标，必须设置权重`,
      );
  }
  if (numeric.length > 0 && byAhp.length > 0) {
    out.error(
      `${DOC(parentIndex)}`,
      'indicator.weights_mixed',
      `Children of "${parent.id}" mix fixed and AHP weights (${ids})`,
      `“${parent.id}”的下级指标混用了固定权重和 AHP 权重（${ids}）`,
    );
    return;
  }
  if (numeric.length > 0 && missing.length === 0) {
    const sum = numeric.reduce((s, k) => s + (k.doc.weight as number), 0);
    if (Math.abs(sum - 1) > WEIGHT_TOLERANCE)
      out.error(
        `${DOC(numeric[0]!.index)}/weight`,
        'indicator.weights_sum',
        `Weights of the children of "${parent.id}" sum to ${Number(sum.toFixed(9))}, not 1 (${ids})`,
        `“${parent.id}”下级指标权重之和为 ${Number(sum.toFixed(9))}，不等于 1（${ids}）`,
      );
  }
  if (byAhp.length > 0) {
    const ahp = parent.ahp;
    if (!ahp) {
      out.error(
        `${DOC(parentIndex)}/ahp`,
        'indicator.ahp_missing',
        `Children of "${parent.id}" take AHP weights but it has no AHP comparison`,
        `“${parent.id}”的下级指标引用 AHP 权重，但其未设置 AHP 判断矩阵`,
      );
      return;
    }
    for (const k of byAhp) {
      const ref = (k.doc.weight as { ahp: string }).ahp;
      if (ref !== ahp.id) unresolved(out, `${DOC(k.index)}/weight/ahp`, 'AHP comparison on the parent', ref);
    }
    const expected = new Set(kids.map((k) => k.doc.id));
    const given = new Set(ahp.criteria);
    const same = expected.size === given.size && [...expected].every((id) => given.has(id));
    if (!same)
      out.error(
        `${DOC(parentIndex)}/ahp/criteria`,
        'indicator.ahp_criteria',
        `AHP criteria must be exactly the children of "${parent.id}" (${ids})`,
        `AHP 准则必须恰好是“${parent.id}”的下级指标（${ids}）`,
      );
    const n = ahp.criteria.length;
    if (ahp.matrix.length !== n || ahp.matrix.some((row) => row.length !== n))
      out.error(
        `${DOC(parentIndex)}/ahp/matrix`,
        'indicator.ahp_matrix_shape',
        `The AHP matrix must be ${n}×${n}`,
        `AHP 判断矩阵必须是 ${n}×${n}`,
      );
  }
}

function checkScoring(doc: Indicator, at: string, by: ByKind, tools: RuleTools, out: Collector): void {
  const form = doc.formId ? by.form.get(doc.formId)?.doc : undefined;
  // A case-metric indicator's entry holds every case metric by name (the catalogue) besides its form's fields.
  const isCaseMetrics = doc.dataSource === 'caseMetrics';
  const dataSchema = (params?: object): object => {
    const data = scoringDataSchema(form, params) as { properties: Record<string, unknown> };
    if (!isCaseMetrics) return data;
    const entry = form ? entrySchema(form) : undefined;
    return { ...data, properties: { ...data.properties, entry: caseMetricEntrySchema(entry) } };
  };
  // Without a form the shape of `entry` is unknown, so only form-fed indicators are type-checked.
  if (doc.scoringRule !== undefined && (form || isCaseMetrics))
    out.nested(`${at}/scoringRule`, tools.checkRule(doc.scoringRule, dataSchema()));
  const ref = doc.scoringRuleRef;
  const rule = ref ? by.scoringRule.get(ref.id)?.doc : undefined;
  if (!ref || !rule) return;
  const declared = new Map((rule.params ?? []).map((p) => [p.name, p]));
  const given = (ref.params ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(given)) {
    const p = declared.get(name);
    if (!p)
      out.error(
        `${at}/scoringRuleRef/params/${name}`,
        'scoringRule.unknown_param',
        `Scoring rule "${rule.id}" has no parameter "${name}"`,
        `计分规则“${rule.id}”没有参数“${name}”`,
      );
    else if (!matchesType(value, p.type))
      out.error(
        `${at}/scoringRuleRef/params/${name}`,
        'scoringRule.param_type',
        `Parameter "${name}" must be a ${p.type}`,
        `参数“${name}”必须是 ${p.type}`,
      );
  }
  for (const p of declared.values())
    if (!(p.name in given) && p.default === undefined)
      out.error(
        `${at}/scoringRuleRef/params`,
        'scoringRule.missing_param',
        `Parameter "${p.name}" of "${rule.id}" has no value and no default`,
        `“${rule.id}”的参数“${p.name}”既没有取值也没有默认值`,
      );
  if (form || isCaseMetrics)
    out.nested(`${at}/scoringRuleRef`, tools.checkRule(rule.rule, dataSchema(paramsSchemaOf(rule))));
}

/** What the indicator part of the diff knows about each side as a whole: effective weights and AHP nodes. */
interface WeightSide {
  /** Weight among siblings: the number, or the share derived from the parent's AHP matrix. */
  weights: Map<string, number>;
  /** CR and method of each indicator's AHP comparison, by indicator id. */
  ahp: Map<string, { cr: number | null; method: string }>;
  names: Map<string, unknown>;
}

/** Both sides of an indicator diff. */
interface WeightSides {
  before: WeightSide;
  after: WeightSide;
}

/** The weights of both rule sets, worked out once per diff. */
function weightSides(ctx: DiffContext): WeightSides {
  let sides = ctx.memo.get('indicator.weights') as WeightSides | undefined;
  if (!sides) {
    sides = { before: weightSide(ctx.before), after: weightSide(ctx.after) };
    ctx.memo.set('indicator.weights', sides);
  }
  return sides;
}

function weightSide(ruleSet: unknown): WeightSide {
  const indicators = docsOf(ruleSet).filter((d) => d.kind === 'indicator') as unknown as AhpIndicatorLike[];
  return {
    weights: effectiveLocalWeights(indicators),
    ahp: new Map(
      describeAhpNodes(indicators).map((n) => [n.nodeId, { cr: n.cr, method: n.method }] as const),
    ),
    names: new Map(indicators.map((d) => [d.id, d.name] as const)),
  };
}

/** Two shares as percentages, with the fewest decimals (1 to 3) that tell them apart. */
function percentPair(x: number | undefined, y: number | undefined): [string, string] {
  const pct = (v: number | undefined, digits: number) =>
    v === undefined ? '—' : `${(v * 100).toFixed(digits)}%`;
  let digits = 1;
  while (digits < 3 && x !== undefined && y !== undefined && x !== y && pct(x, digits) === pct(y, digits))
    digits += 1;
  return [pct(x, digits), pct(y, digits)];
}

/** Where a weight comes from: `fixed 0.3334` or `AHP ahp-safety`. */
const weightSource = (w: unknown, lang: keyof LocalizedText): string => {
  if (typeof w === 'number') return `${lang === 'zh' ? '固定' : 'fixed'} ${w}`;
  if (typeof w === 'object' && w !== null && 'ahp' in w) return `AHP ${String((w as { ahp: unknown }).ahp)}`;
  return show(w);
};

/**
 * A changed `weight`: plain numbers as before (`0.4 → 0.5`); when either side is an AHP reference,
 * the derived shares (`33.3% → 41.2%`) with where each comes from.
 */
function weightText(a: Json, b: Json, ctx: WeightSides | undefined): LocalizedText {
  if (typeof a.weight === 'number' && typeof b.weight === 'number')
    return {
      en: `weight ${show(a.weight)} → ${show(b.weight)}`,
      zh: `权重 ${show(a.weight)} → ${show(b.weight)}`,
    };
  const [from, to] = percentPair(ctx?.before.weights.get(String(a.id)), ctx?.after.weights.get(String(b.id)));
  const source = (lang: keyof LocalizedText) =>
    `${weightSource(a.weight, lang)} → ${weightSource(b.weight, lang)}`;
  return { en: `weight ${from} → ${to} (${source('en')})`, zh: `权重 ${from} → ${to}（${source('zh')}）` };
}

/**
 * A changed AHP comparison of an indicator's children: each child's share before → after (shares
 * the children had before, fixed or derived), the consistency ratio and the method when it changed.
 */
function ahpText(a: Json, b: Json, ctx: WeightSides | undefined): LocalizedText {
  const criteria = (x: Json) => {
    const c = (x.ahp as { criteria?: unknown } | undefined)?.criteria;
    return Array.isArray(c) ? c.map(String) : [];
  };
  const children = [...new Set([...criteria(b), ...criteria(a)])];
  const line = (lang: keyof LocalizedText): string => {
    const shares = children.map((id) => {
      const name = textOf(ctx?.after.names.get(id) ?? ctx?.before.names.get(id), lang) || id;
      const [from, to] = percentPair(ctx?.before.weights.get(id), ctx?.after.weights.get(id));
      return `${name} ${from} → ${to}`;
    });
    const x = ctx?.before.ahp.get(String(a.id));
    const y = ctx?.after.ahp.get(String(b.id));
    const cr = (v: { cr: number | null } | undefined) => (v?.cr == null ? '—' : v.cr.toFixed(3));
    const parts = [shares.join(lang === 'zh' ? '，' : ', '), `CR ${cr(x)} → ${cr(y)}`];
    if (x && y && x.method !== y.method)
      parts.push(`${lang === 'zh' ? '方法' : 'method'} ${x.method} → ${y.method}`);
    return lang === 'zh'
      ? `下级指标 AHP 权重：${parts.join('；')}`
      : `AHP weights of the children: ${parts.join('; ')}`;
  };
  return { en: line('en'), zh: line('zh') };
}

function diffIndicator(d: DocDiff, a: Json, b: Json, context: DiffContext): void {
  const ctx = weightSides(context);
  if (!jsonEquals(a.parentId, b.parentId))
    d.add(
      'moved',
      {
        en: `moved from ${show(a.parentId)} to ${show(b.parentId)}`,
        zh: `上级由 ${show(a.parentId)} 调整为 ${show(b.parentId)}`,
      },
      { path: '/parentId', before: a.parentId, after: b.parentId },
    );
  if (!jsonEquals(a.weight, b.weight))
    d.add('reweighted', weightText(a, b, ctx), { path: '/weight', before: a.weight, after: b.weight });
  if (!jsonEquals(a.ahp, b.ahp))
    d.add('reweighted', ahpText(a, b, ctx), { path: '/ahp', before: a.ahp, after: b.ahp });
  d.renamed(a, b);
  for (const key of ['scoringRule', 'scoringRuleRef'])
    if (!jsonEquals(a[key], b[key]))
      d.add(
        'ruleChanged',
        {
          en: `${key} changed: ${show(a[key])} → ${show(b[key])}`,
          zh: `计分规则变更：${show(a[key])} → ${show(b[key])}`,
        },
        { path: seg(key), before: a[key], after: b[key] },
      );
  eachKeyed(
    a,
    b,
    'targets',
    (t) => String(t.unitId),
    (unit, before, after) => {
      if (jsonEquals(before, after)) return;
      d.add(
        'targetChanged',
        {
          en: `target of ${unit}: ${show(before?.value)} → ${show(after?.value)}`,
          zh: `${unit} 的目标值：${show(before?.value)} → ${show(after?.value)}`,
        },
        { path: `/targets${seg(unit)}`, before, after },
      );
    },
  );
  d.rest(a, b, ['parentId', 'weight', 'ahp', 'name', 'scoringRule', 'scoringRuleRef', 'targets']);
}

/** Indicators (指标). */
export const indicatorKind: DocumentKind = defineKind(
  'indicator',
  2,
  { zh: '指标', en: 'Indicators' },
  {
    check: ({ by, tools, out }) => checkIndicators(by, tools, out),
    diff: diffIndicator,
    summary: (doc) => nameLine(doc, { en: `${String(doc.level)} level`, zh: `${String(doc.level)} 级` }),
  },
);
