/** @module Cross-document checks of a rule set: what JSON Schema cannot say (references, weights, rules, tables, workflows). */
import type {
  Form,
  Indicator,
  RoutingTable,
  RuleSet,
  RuleSetDocument,
  ScoringRule,
  SlaPolicy,
  Unit,
  Workflow,
} from '../../../schemas/types.gen.ts';
import type { Issue } from '../errors.ts';
import { checkRule as languageCheckRule, compile as languageCompile } from '../rule-language.ts';
import { checkWorkflowDocument } from '../workflow/workflow.ts';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { analyseTable } from '../tables/analyse.ts';
import type { DecisionTable } from '../tables/types.ts';
import { findInlineSecrets } from './bundle.ts';
import { caseMetricEntrySchema } from '../routing/metric-catalogue.ts';
import { checkPerformancePolicy } from '../scoring/policy-check.ts';
import { checkCalendar } from '../calendar/calendar.ts';

/**
 * The rule-language and table-analysis functions `check` relies on. Defaults: `checkRule` and `compile`
 * from engine/core/rule-language.ts and `analyseTable` from engine/core/tables/analyse.ts; tests and
 * the studio may pass others.
 */
export interface RuleTools {
  /** Type-checks a rule against the JSON Schema of the data it reads; issue paths are relative to the rule. */
  checkRule: (rule: unknown, dataSchema: object) => Issue[];
  /** Compiles a rule into a function of its data; may throw on an invalid rule. */
  compile: (rule: unknown) => (data: unknown) => unknown;
  /** Static analysis of a decision table; issue paths are relative to the table. */
  analyseTable?: (table: unknown) => Issue[];
}

/** The tools used when `check` is called without any. */
export const defaultRuleTools: RuleTools = {
  checkRule: (rule, schema) => languageCheckRule(rule, schema),
  compile: (rule) => languageCompile(rule),
  analyseTable: (table) => analyseTable(table as DecisionTable),
};

/** Tolerance of the sibling weight sum. */
export const WEIGHT_TOLERANCE = 1e-6;

/** Fields of a routing table's output the router reads. */
export const ROUTING_OUTPUTS = ['leadUnit', 'assistingUnits', 'priority', 'slaPolicyId'] as const;

const DOC = (i: number) => `/documents/${i}`;

class Collector {
  readonly issues: Issue[] = [];
  error(path: string, code: string, en: string, zh: string): void {
    this.issues.push({ path, code, message: en, messageZh: zh, severity: 'error' });
  }
  warn(path: string, code: string, en: string, zh: string): void {
    this.issues.push({ path, code, message: en, messageZh: zh, severity: 'warning' });
  }
  nested(prefix: string, issues: readonly Issue[]): void {
    for (const i of issues)
      this.issues.push({ ...i, path: `${prefix}${i.path}`, severity: i.severity ?? 'error' });
  }
}

interface Located<T> {
  doc: T;
  index: number;
}

type ByKind = {
  [K in RuleSetDocument['kind']]: Map<string, Located<Extract<RuleSetDocument, { kind: K }>>>;
};

function indexDocuments(ruleSet: RuleSet, out: Collector): ByKind {
  const byKind = {
    unit: new Map(),
    indicator: new Map(),
    form: new Map(),
    scoringRule: new Map(),
    routingTable: new Map(),
    workflow: new Map(),
    slaPolicy: new Map(),
    lightRule: new Map(),
    pluginBinding: new Map(),
    assessmentPolicy: new Map(),
  } as ByKind;
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

function unresolved(out: Collector, path: string, what: string, id: string): void {
  out.error(
    path,
    'ref.unresolved',
    `No ${what} with id "${id}" in the rule set`,
    `规则集中没有 id 为“${id}”的${what}`,
  );
}

const LEVEL_PARENT: Record<Indicator['level'], Indicator['level'] | null> = {
  city: null,
  district: 'city',
  unit: 'district',
};

/** The data a scoring rule reads: the form entry (with computed fields), the unit's target and the params. */
export function scoringDataSchema(form: Form | undefined, paramsSchema: object = { type: 'object' }): object {
  return {
    type: 'object',
    properties: {
      entry: form ? entrySchema(form) : { type: 'object' },
      target: { type: 'number' },
      params: paramsSchema,
      unitId: { type: 'string' },
      period: { type: 'string' },
      // Supplied by the scoring pipeline: the same fields of the unit's peer group, the month and the elapsed year.
      peers: { type: 'object', additionalProperties: { type: 'array', items: { type: 'number' } } },
      month: { type: 'integer' },
      elapsed: { type: 'number' },
    },
    required: ['entry', 'params'],
  };
}

/** The form's entry schema extended with its computed fields. */
export function entrySchema(form: Form): Record<string, unknown> {
  const base = form.schema as Record<string, unknown>;
  const computed = form.computed ?? [];
  if (computed.length === 0) return base;
  const properties = { ...((base.properties as Record<string, unknown> | undefined) ?? {}) };
  for (const c of computed) properties[c.field] = { type: c.type };
  return { ...base, properties };
}

function paramsSchemaOf(rule: ScoringRule): object {
  const properties: Record<string, unknown> = {};
  for (const p of rule.params ?? []) properties[p.name] = { type: p.type };
  return { type: 'object', properties };
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

function matchesType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  return typeof value === type;
}

/** Deep equality of JSON values; numbers within 1e-9 (relative for large magnitudes). */
export function jsonEquals(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number')
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEquals(x, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && jsonEquals((a as any)[k], (b as any)[k]));
  }
  return a === b;
}

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
      const detail = cause instanceof Error ? cause.message : String(cause);
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
        const detail = cause instanceof Error ? cause.message : String(cause);
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

let formAjv: Ajv2020 | null = null;

function checkForms(by: ByKind, tools: RuleTools, out: Collector): void {
  for (const { doc, index } of by.form.values()) {
    const at = DOC(index);
    try {
      formAjv ??= new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
      formAjv.compile(doc.schema);
    } catch (cause) {
      const detail = cause instanceof Error ? cause.message : String(cause);
      out.error(
        `${at}/schema`,
        'form.schema_invalid',
        `The form schema is not a valid JSON Schema: ${detail}`,
        `表单结构不是有效的 JSON Schema：${detail}`,
      );
    }
    const properties = ((doc.schema as { properties?: Record<string, unknown> }).properties ?? {}) as Record<
      string,
      unknown
    >;
    const entry = entrySchema(doc);
    (doc.checks ?? []).forEach((c, i) => {
      out.nested(`${at}/checks/${i}/rule`, tools.checkRule(c.rule, entry));
      const field = c.path.split('/')[1];
      if (
        field !== undefined &&
        field !== '' &&
        !Object.hasOwn(properties, field.replaceAll('~1', '/').replaceAll('~0', '~'))
      )
        out.warn(
          `${at}/checks/${i}/path`,
          'form.unknown_field',
          `No field "${field}" in the form`,
          `表单中没有字段“${field}”`,
        );
    });
    const seen = new Set<string>();
    (doc.computed ?? []).forEach((c, i) => {
      if (Object.hasOwn(properties, c.field) || seen.has(c.field))
        out.error(
          `${at}/computed/${i}/field`,
          'form.duplicate_field',
          `Field "${c.field}" already exists`,
          `字段“${c.field}”已存在`,
        );
      seen.add(c.field);
      out.nested(`${at}/computed/${i}/rule`, tools.checkRule(c.rule, entry));
    });
  }
}

/** Reads a routing row's outputs by column id (rows hold values positionally, aligned with the output columns). */
export function routingRowOutputs(table: unknown, row: unknown): Record<string, unknown> {
  const columns = ((table as { outputs?: unknown[] })?.outputs ?? []).map((c) => (c as { id?: unknown })?.id);
  const values = (row as { outputs?: unknown })?.outputs;
  const out: Record<string, unknown> = {};
  if (Array.isArray(values)) {
    columns.forEach((id, i) => {
      if (typeof id === 'string') out[id] = values[i];
    });
  } else if (values && typeof values === 'object') Object.assign(out, values);
  return out;
}

/** Splits an `assistingUnits` cell: comma-separated unit ids (or an array), blanks dropped. */
export function splitUnitList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return list.map((v) => String(v).trim()).filter((v) => v !== '');
}

function checkRouting(by: ByKind, tools: RuleTools, out: Collector): void {
  for (const { doc, index } of by.routingTable.values()) {
    const at = DOC(index);
    checkRoutingTable(doc, at, by, out);
    if (tools.analyseTable) out.nested(`${at}/table`, tools.analyseTable(doc.table));
  }
}

function checkRoutingTable(doc: RoutingTable, at: string, by: ByKind, out: Collector): void {
  if (doc.fallbackUnitId !== undefined && !by.unit.has(doc.fallbackUnitId))
    unresolved(out, `${at}/fallbackUnitId`, 'unit', doc.fallbackUnitId);
  const table = doc.table as unknown as { outputs?: unknown[]; rules?: unknown[] };
  const columns = new Set((table.outputs ?? []).map((c) => (c as { id?: unknown })?.id));
  for (const name of ROUTING_OUTPUTS)
    if (!columns.has(name))
      out.error(
        `${at}/table/outputs`,
        'routing.output_missing',
        `The routing table needs an output "${name}"`,
        `派单表缺少输出列“${name}”`,
      );
  (table.rules ?? []).forEach((row, r) => {
    const values = routingRowOutputs(table, row);
    const rowAt = `${at}/table/rules/${r}/outputs`;
    const col = (name: string) => {
      const i = (table.outputs ?? []).findIndex((c) => (c as { id?: unknown })?.id === name);
      return `${rowAt}/${i}`;
    };
    const lead = values.leadUnit;
    if (typeof lead === 'string' && lead !== '' && !by.unit.has(lead))
      unresolved(out, col('leadUnit'), 'unit', lead);
    for (const id of splitUnitList(values.assistingUnits))
      if (!by.unit.has(id)) unresolved(out, col('assistingUnits'), 'unit', id);
    const slaId = values.slaPolicyId;
    const sla = typeof slaId === 'string' ? by.slaPolicy.get(slaId) : undefined;
    if (typeof slaId === 'string' && slaId !== '' && !sla)
      unresolved(out, col('slaPolicyId'), 'SLA policy', slaId);
    const priority = values.priority;
    if (typeof priority === 'string' && priority !== '') {
      if (!['urgent', 'high', 'normal', 'low'].includes(priority))
        out.error(
          col('priority'),
          'routing.priority',
          `Unknown priority "${priority}"`,
          `未知的优先级“${priority}”`,
        );
      else if (sla && !sla.doc.limits.some((l) => l.priority === priority))
        out.error(
          col('priority'),
          'routing.priority_not_covered',
          `SLA policy "${sla.doc.id}" has no limits for priority "${priority}"`,
          `时限策略“${sla.doc.id}”未设置“${priority}”优先级的时限`,
        );
    }
  });
}

function checkSla(ruleSet: RuleSet, by: ByKind, out: Collector): void {
  const calendars = checkCalendars(ruleSet, out);
  for (const { doc, index } of by.slaPolicy.values()) {
    const at = DOC(index);
    checkOneSla(doc, at, calendars, out);
  }
}

/** The calendars a rule set carries: each one checked, ids unique. Returns the ids. */
function checkCalendars(ruleSet: RuleSet, out: Collector): Set<unknown> {
  const ids = new Set<unknown>();
  (ruleSet.calendars ?? []).forEach((calendar, i) => {
    const id = (calendar as { id?: unknown }).id;
    if (ids.has(id))
      out.error(
        `/calendars/${i}/id`,
        'calendar.duplicate_id',
        `Calendar id "${String(id)}" is used twice; cover several years in one calendar instead`,
        `日历 id“${String(id)}”重复；多个年份请放在同一份日历中`,
      );
    ids.add(id);
    out.nested(`/calendars/${i}`, checkCalendar(calendar));
    checkCalendarCoversPeriod(ruleSet, calendar, `/calendars/${i}`, out);
  });
  return ids;
}

/**
 * Warnings when the rule set's period reaches years the calendar does not cover, and when a calendar
 * whose policy is `error` stops at the period's last year (deadlines of late cases run into the next).
 */
function checkCalendarCoversPeriod(
  ruleSet: RuleSet,
  calendar: NonNullable<RuleSet['calendars']>[number],
  at: string,
  out: Collector,
): void {
  const coverage = calendar.coverage;
  if (!coverage || !Number.isInteger(coverage.from) || !Number.isInteger(coverage.to)) return;
  const first = Number(String(ruleSet.period?.from).slice(0, 4));
  const last = Number(String(ruleSet.period?.to).slice(0, 4));
  if (!Number.isInteger(first) || !Number.isInteger(last)) return;
  const isStrict = calendar.outsideCoverage === 'error';
  const missing: number[] = [];
  for (let y = first; y <= last; y++) if (y < coverage.from || y > coverage.to) missing.push(y);
  if (missing.length > 0) {
    const ranges: string[] = [];
    for (let i = 0; i < missing.length; ) {
      let j = i;
      while (j + 1 < missing.length && missing[j + 1] === missing[j]! + 1) j++;
      ranges.push(i === j ? `${missing[i]}` : `${missing[i]}–${missing[j]}`);
      i = j + 1;
    }
    const years = ranges.join(', ');
    out.warn(
      `${at}/coverage`,
      'calendar.period_not_covered',
      isStrict
        ? `Calendar "${calendar.id}" does not cover ${years} of the rule set's period; deadline math on those days fails until their holidays are imported`
        : `Calendar "${calendar.id}" does not cover ${years} of the rule set's period; deadlines on those days are provisional (weekends only) until their holidays are imported`,
      isStrict
        ? `工作日历“${calendar.id}”未覆盖规则集周期内的 ${years} 年；导入其节假日安排之前，这些日期的时限计算会报错`
        : `工作日历“${calendar.id}”未覆盖规则集周期内的 ${years} 年；导入其节假日安排之前，这些日期的时限为暂定（仅周末休息）`,
    );
  } else if (isStrict && coverage.to === last) {
    out.warn(
      `${at}/coverage`,
      'calendar.next_year_not_covered',
      `Calendar "${calendar.id}" stops at ${last} and its policy outside coverage is "error": deadlines of cases received late in ${last} run into ${last + 1} and fail until ${last + 1} is imported`,
      `工作日历“${calendar.id}”只覆盖到 ${last} 年，且覆盖范围外策略为“报错”：${last} 年末受理的办件时限跨入 ${last + 1} 年，在导入 ${last + 1} 年安排之前会计算失败`,
    );
  }
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

function checkLights(by: ByKind, out: Collector): void {
  for (const { doc, index } of by.lightRule.values())
    if (doc.tolerances.green > doc.tolerances.yellow)
      out.error(
        `${DOC(index)}/tolerances/green`,
        'lightRule.tolerances_order',
        'The green tolerance cannot exceed the yellow one',
        '绿灯容差不能大于黄灯容差',
      );
}

/** The workflow's own checks (the one checker in core/workflow), with guards type-checked by the rule tools. */
function checkWorkflow(doc: Workflow, at: string, tools: RuleTools, out: Collector): void {
  out.nested(at, checkWorkflowDocument(doc, { checkRule: tools.checkRule }));
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

function checkUnits(by: ByKind, out: Collector): void {
  for (const { doc, index } of by.unit.values()) {
    if (doc.parentId === undefined) continue;
    if (!by.unit.has(doc.parentId)) {
      unresolved(out, `${DOC(index)}/parentId`, 'unit', doc.parentId);
      continue;
    }
    // Walk up at most as many steps as there are units: more means a cycle.
    let current: Unit | undefined = doc;
    for (let steps = 0; current?.parentId !== undefined && steps <= by.unit.size; steps++) {
      current = by.unit.get(current.parentId)?.doc;
      if (current?.id === doc.id) {
        out.error(
          `${DOC(index)}/parentId`,
          'unit.cycle',
          `Unit "${doc.id}" is its own ancestor`,
          `单位“${doc.id}”的上级链形成循环`,
        );
        break;
      }
    }
  }
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
    checkUnits(by, out);
    checkIndicators(by, tools, out);
    checkForms(by, tools, out);
    checkScoringRules(by, tools, out);
    checkRouting(by, tools, out);
    for (const { doc, index } of by.workflow.values()) checkWorkflow(doc, DOC(index), tools, out);
    checkSla(ruleSet, by, out);
    checkPauseStates(by, out);
    checkLights(by, out);
    out.nested('', checkPerformancePolicy(ruleSet));
    out.nested('', findInlineSecrets(ruleSet));
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    out.error('', 'check.internal', `The check stopped: ${detail}`, `检查中止：${detail}`);
  }
  return out.issues;
}
