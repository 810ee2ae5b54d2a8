/** @module Compiles the performance part of a rule set (indicator tree, forms, scoring rules, policy, units) once per version. */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type {
  AssessmentPolicy,
  Form,
  Indicator,
  LightRule,
  RuleSet,
  Unit,
} from '../../../schemas/types.gen.ts';
import type { Issue, LocalizedText } from '../errors.ts';
import { ValidationError } from '../errors.ts';
import { type CompiledRule, compile, compileTraced, type TracedRule } from '../rule-language.ts';
import type { CaseMetricId, NoCasesPolicy } from '../routing/metric-catalogue.ts';
import {
  type IndicatorTree,
  indicatorTree,
  isScored,
  localWeight,
  nominalWeights,
  pathOf,
  roleOf,
  treeOrder,
} from './indicator-tree.ts';
import {
  checkPerformancePolicy,
  PIPELINE_STAGES,
  type PipelineStage,
  pipelineOrderIssues,
} from './policy-check.ts';

/** What a leaf contributes: a weighted indicator, a bonus or deduction item, or a veto item. */
export type LeafRole = 'scored' | 'bonus' | 'deduction' | 'veto';

/** A form compiled for the validate stage. */
export interface CompiledForm {
  id: string;
  /** The form's schema, checks and computed fields as JSON: equal keys validate entries alike. */
  key: string;
  validate: ValidateFunction;
  checks: { rule: CompiledRule; message: LocalizedText; path: string }[];
  computed: { field: string; rule: CompiledRule }[];
}

/** A unit's target of a leaf. */
export interface LeafTarget {
  value: number;
  monthly?: readonly number[];
}

/** A leaf indicator, ready to score. */
export interface CompiledLeaf {
  /** Position in `leaves` (indexes the state's slot arrays). */
  index: number;
  id: string;
  code: string;
  name: LocalizedText;
  parentId: string | null;
  /** Ancestors from the city root down to the parent. */
  path: readonly string[];
  role: LeafRole;
  period: 'monthly' | 'quarterly' | 'yearly';
  dataSource: NonNullable<Indicator['dataSource']>;
  /** Primary case metric of a `caseMetrics` leaf (default `onTimeRate`); null for other sources. */
  caseMetric: CaseMetricId | null;
  /** What the leaf scores for a unit-month without cases (its own `whenNoCases`, else the policy's). */
  whenNoCases: NoCasesPolicy;
  maxScore: number;
  minScore: number;
  owners: ReadonlySet<string>;
  targets: ReadonlyMap<string, LeafTarget>;
  /** The rule evaluated (inline rule or the referenced scoring rule's rule). */
  rule: unknown;
  scoringRuleId: string | null;
  params: Readonly<Record<string, unknown>>;
  evaluate: CompiledRule;
  /** Compiled on first use: only explanations need the traced variant. */
  traced(): TracedRule;
  form: CompiledForm | null;
  /** Entry fields the rule reads from the peer group (`peers.<field>`). */
  peerFields: readonly string[];
  progressField: string;
  lightRuleId: string | null;
  /** Weight among its siblings (direct or from the parent's AHP comparison). */
  localWeight: number;
  /** Target by unit index (see `PerformanceModel.unitIndex`). */
  targetByUnit: (LeafTarget | undefined)[];
  /** Global weight down the full tree (direct weights or AHP), before per-unit renormalisation. */
  nominalWeight: number;
}

/** An inner node of the tree. */
export interface CompiledNode {
  id: string;
  code: string;
  name: LocalizedText;
  level: Indicator['level'];
  parentId: string | null;
  children: readonly string[];
  /** Weight among its siblings (direct or from the parent's AHP comparison). */
  localWeight: number;
  /** Whether some leaf below is a weighted (not bonus/deduction/veto) indicator. */
  isScored: boolean;
}

/**
 * The weight stage's tree flattened once per model, so a unit's roll-up walks arrays instead of maps.
 * Child references are a leaf index (≥ 0) or `~node` (< 0) for an inner node of `nodeIds`.
 */
export interface RollUpPlan {
  nodeIds: readonly string[];
  /** Inner nodes reachable from the roots, children before parents. */
  order: Int32Array;
  /** Children of node `n` are `childRef[childStart[n]] … childRef[childStart[n + 1] - 1]`, in tree order. */
  childStart: Int32Array;
  childRef: Int32Array;
  /** Each child's local weight. */
  childWeight: Float64Array;
  rootRef: Int32Array;
  /** A root's weight: its local weight, 1 for a root that is a leaf. */
  rootWeight: Float64Array;
}

/** A unit as the pipeline sees it. */
export interface UnitInfo {
  id: string;
  name: LocalizedText;
  type: Unit['type'];
  parentId: string | null;
  /** Peer groups (first = primary); units without any are ranked in `all`. */
  peerGroups: readonly string[];
}

/** The assessment policy with every default filled. */
export interface ResolvedPolicy {
  id: string;
  pipeline: readonly PipelineStage[];
  totalScore: number;
  decimals: number;
  bonusCap: number;
  deductionCap: number;
  lateEntryDeduction: number;
  veto: { failAtOrBelow: number; score: number; gradeId: string | null };
  grades: readonly { id: string; name: LocalizedText; minScore: number }[];
  deadlineDay: number;
  /** Days after the deadline an entry is still accepted, flagged late; then the period locks. */
  lateGraceDays: number;
  /** Days before the deadline a form shows as due soon. */
  dueSoonDays: number;
  lists: { redBottom: number; blackBelow: number };
  /** Default no-cases policy of `caseMetrics` leaves. */
  whenNoCases: NoCasesPolicy;
}

/** A rule set's indicator system compiled for scoring. */
export interface PerformanceModel {
  ruleSetId: string;
  version: number;
  /** `id@version`, stamped on every trace. */
  ruleSetRef: string;
  year: number;
  policy: ResolvedPolicy;
  nodes: ReadonlyMap<string, CompiledNode>;
  /** City roots counted in the total, with their weights. */
  roots: readonly string[];
  leaves: readonly CompiledLeaf[];
  leafById: ReadonlyMap<string, CompiledLeaf>;
  units: ReadonlyMap<string, UnitInfo>;
  /** Position of each unit (indexes the state's slot arrays). */
  unitIndex: ReadonlyMap<string, number>;
  /** Leaves each unit owns, in tree order. */
  leavesByUnit: ReadonlyMap<string, readonly CompiledLeaf[]>;
  /** Units by peer group. */
  peerGroups: ReadonlyMap<string, readonly string[]>;
  lightRules: ReadonlyMap<string, LightRule>;
  /** The weight stage's tree as arrays. */
  rollUp: RollUpPlan;
  /** Non-fatal findings (e.g. AHP inconsistency). */
  issues: readonly Issue[];
}

/** Policy used when a rule set carries no assessment policy document. */
export const DEFAULT_POLICY: ResolvedPolicy = {
  id: 'default',
  pipeline: PIPELINE_STAGES,
  totalScore: 100,
  decimals: 2,
  bonusCap: 0,
  deductionCap: Number.POSITIVE_INFINITY,
  lateEntryDeduction: 0,
  veto: { failAtOrBelow: 0, score: 0, gradeId: null },
  grades: [{ id: 'all', name: { en: 'Assessed', zh: '已考核' }, minScore: Number.NEGATIVE_INFINITY }],
  deadlineDay: 15,
  lateGraceDays: 5,
  dueSoonDays: 3,
  lists: { redBottom: 3, blackBelow: 60 },
  whenNoCases: 'exclude',
};

function resolvePolicy(doc: AssessmentPolicy | undefined): ResolvedPolicy {
  if (!doc) return DEFAULT_POLICY;
  return {
    id: doc.id,
    pipeline: (doc.pipeline ?? PIPELINE_STAGES) as PipelineStage[],
    totalScore: doc.totalScore ?? 100,
    decimals: doc.decimals ?? 2,
    bonusCap: doc.bonus?.cap ?? 0,
    deductionCap: doc.deduction?.cap ?? Number.POSITIVE_INFINITY,
    lateEntryDeduction: doc.lateEntryDeduction ?? 0,
    veto: {
      failAtOrBelow: doc.veto?.failAtOrBelow ?? 0,
      score: doc.veto?.score ?? 0,
      gradeId: doc.veto?.gradeId ?? null,
    },
    grades: doc.grades.map((g) => ({ id: g.id, name: g.name, minScore: g.minScore })),
    deadlineDay: doc.deadline?.dayOfNextMonth ?? 15,
    lateGraceDays: doc.deadline?.lateGraceDays ?? 5,
    dueSoonDays: doc.deadline?.dueSoonDays ?? 3,
    lists: { redBottom: doc.lists?.redBottom ?? 3, blackBelow: doc.lists?.blackBelow ?? 60 },
    whenNoCases: doc.whenNoCases ?? 'exclude',
  };
}

/** Field names `peers.<field>` read anywhere in a rule. */
export function peerFieldsOf(rule: unknown): string[] {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [op, arg] of Object.entries(node)) {
      if (op === 'var') {
        const name = Array.isArray(arg) ? arg[0] : arg;
        if (typeof name === 'string' && name.startsWith('peers.')) found.add(name.slice(6).split('.')[0]!);
      }
      walk(arg);
    }
  };
  walk(rule);
  return [...found].sort();
}

function compileForm(ajv: Ajv2020, form: Form): CompiledForm {
  return {
    id: form.id,
    key: JSON.stringify([form.schema, form.checks ?? [], form.computed ?? []]),
    validate: ajv.compile(form.schema as object),
    checks: (form.checks ?? []).map((c) => ({ rule: compile(c.rule), message: c.message, path: c.path })),
    computed: (form.computed ?? []).map((c) => ({ field: c.field, rule: compile(c.rule) })),
  };
}

/** Formats ajv errors of an entry as issues. */
export function entryIssues(errors: readonly ErrorObject[] | null | undefined): Issue[] {
  return (errors ?? []).map((e) => ({
    path: e.instancePath || (e.params as { missingProperty?: string }).missingProperty || '',
    code: `entry.${e.keyword}`,
    message: e.message ?? 'invalid',
    severity: 'error' as const,
  }));
}

const UNIT_ALL = 'all';

/**
 * Compiles the indicator part of a rule set once: the tree with local and nominal global weights
 * (direct, or AHP on the parent), each leaf's scoring rule (inline or referenced, with merged params),
 * its form's validator, checks and computed fields, targets, owners and peer fields; the assessment
 * policy with defaults; units and peer groups. Throws `ValidationError` (`performance.invalid`) when
 * the tree cannot be scored (e.g. a broken pipeline order or a rule that does not compile); run
 * `validate` + `check` first for a complete list of issues.
 */
export function compilePerformanceModel(ruleSet: RuleSet): PerformanceModel {
  const docs = ruleSet.documents ?? [];
  const indicators = docs.filter((d): d is Indicator => d.kind === 'indicator');
  const lightRules = new Map(
    docs.filter((d): d is LightRule => d.kind === 'lightRule').map((l) => [l.id, l]),
  );
  const policy = resolvePolicy(docs.find((d): d is AssessmentPolicy => d.kind === 'assessmentPolicy'));
  const fatal = pipelineOrderIssues(policy.pipeline);
  if (fatal.length > 0)
    throw new ValidationError(
      'performance.invalid',
      { en: fatal[0]!.message, zh: fatal[0]!.messageZh ?? fatal[0]!.message },
      { details: fatal },
    );
  const issues: Issue[] = checkPerformancePolicy(ruleSet).filter((i) => i.code === 'ahp.inconsistent');
  const tree = indicatorTree(indicators);
  const nodes = compileNodes(tree);
  const roots = indicators.filter((i) => i.parentId === undefined && isScored(tree, i.id)).map((i) => i.id);
  const leaves = compileLeaves(docs, { tree, policy, nominal: nominalWeights(tree, roots) });
  const { units, unitIndex, leavesByUnit, peerGroups } = compileUnits(docs, leaves);
  const version = ruleSet.version?.number ?? 0;
  const leafById = new Map(leaves.map((l) => [l.id, l]));
  return {
    ruleSetId: ruleSet.id,
    version,
    ruleSetRef: `${ruleSet.id}@${version}`,
    year: Number(ruleSet.period.from.slice(0, 4)),
    policy,
    nodes,
    roots,
    leaves,
    leafById,
    units,
    unitIndex,
    leavesByUnit,
    peerGroups,
    lightRules,
    rollUp: rollUpPlanOf({ nodes, roots, leafById }),
    issues,
  };
}

type Documents = NonNullable<RuleSet['documents']>;

/** The inner nodes of the tree (indicators with children). */
function compileNodes(tree: IndicatorTree): Map<string, CompiledNode> {
  const { indicators, childrenOf } = tree;
  const nodes = new Map<string, CompiledNode>();
  for (const ind of indicators) {
    const kids = childrenOf.get(ind.id) ?? [];
    const siblings =
      ind.parentId === undefined
        ? indicators.filter((i) => i.parentId === undefined).length
        : (childrenOf.get(ind.parentId)?.length ?? 1);
    if (kids.length > 0)
      nodes.set(ind.id, {
        id: ind.id,
        code: ind.code ?? ind.id,
        name: ind.name,
        level: ind.level,
        parentId: ind.parentId ?? null,
        children: kids,
        localWeight: localWeight(tree, ind, siblings),
        isScored: isScored(tree, ind.id),
      });
  }
  return nodes;
}

/** A leaf's scoring rule: inline, or referenced with the reference's defaults merged under its params. */
function scoringRuleOf(
  ind: Indicator,
  scoringRules: ReadonlyMap<
    string,
    { id: string; rule: unknown; params?: { name: string; default?: unknown }[] }
  >,
): { rule: unknown; params: Record<string, unknown>; scoringRuleId: string | null } {
  let rule: unknown = ind.scoringRule;
  let params: Record<string, unknown> = {};
  let scoringRuleId: string | null = null;
  if (ind.scoringRuleRef) {
    const ref = scoringRules.get(ind.scoringRuleRef.id);
    if (!ref)
      throw new ValidationError('performance.invalid', {
        en: `Indicator ${ind.id} refers to the unknown scoring rule ${ind.scoringRuleRef.id}`,
        zh: `指标 ${ind.id} 引用了不存在的计分规则 ${ind.scoringRuleRef.id}`,
      });
    rule = ref.rule;
    scoringRuleId = ref.id;
    for (const p of ref.params ?? []) if (p.default !== undefined) params[p.name] = p.default;
    params = { ...params, ...(ind.scoringRuleRef.params ?? {}) };
  }
  // A leaf without a rule takes the reported `value` as its points.
  if (rule === undefined) rule = { var: 'entry.value' };
  return { rule, params, scoringRuleId };
}

/** Compiles each form once, on first use. */
function formCompiler(docs: Documents): (id: string | undefined) => CompiledForm | null {
  const forms = new Map(docs.filter((d): d is Form => d.kind === 'form').map((f) => [f.id, f]));
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const compiledForms = new Map<string, CompiledForm>();
  return (id) => {
    if (id === undefined) return null;
    const form = forms.get(id);
    if (!form) return null;
    let c = compiledForms.get(id);
    if (!c) {
      c = compileForm(ajv, form);
      compiledForms.set(id, c);
    }
    return c;
  };
}

/** Every leaf of the tree in depth-first order, ready to score. */
function compileLeaves(
  docs: Documents,
  q: { tree: IndicatorTree; policy: ResolvedPolicy; nominal: Record<string, number> },
): CompiledLeaf[] {
  const { tree, policy, nominal } = q;
  const scoringRules = new Map(
    docs
      .filter((d) => d.kind === 'scoringRule')
      .map((r) => [r.id, r as Extract<typeof r, { kind: 'scoringRule' }>]),
  );
  const formOf = formCompiler(docs);
  const leaves: CompiledLeaf[] = [];
  for (const id of treeOrder(tree)) {
    const ind = tree.byId.get(id)!;
    if ((tree.childrenOf.get(id) ?? []).length > 0) continue;
    const { rule, params, scoringRuleId } = scoringRuleOf(ind, scoringRules);
    let evaluate: CompiledRule;
    try {
      evaluate = compile(rule);
    } catch (cause) {
      throw new ValidationError(
        'performance.invalid',
        { en: `The scoring rule of ${id} does not compile`, zh: `指标 ${id} 的计分规则无法编译` },
        { cause, path: id },
      );
    }
    let traced: TracedRule | null = null;
    leaves.push({
      index: leaves.length,
      targetByUnit: [],
      id,
      code: ind.code ?? id,
      name: ind.name,
      parentId: ind.parentId ?? null,
      path: pathOf(tree, ind),
      role: roleOf(ind),
      period: ind.period ?? 'monthly',
      dataSource: ind.dataSource ?? 'form',
      caseMetric: ind.dataSource === 'caseMetrics' ? (ind.metric ?? 'onTimeRate') : null,
      whenNoCases: ind.whenNoCases ?? policy.whenNoCases,
      maxScore: ind.maxScore ?? 100,
      minScore: ind.minScore ?? 0,
      owners: new Set(ind.owners ?? []),
      targets: new Map((ind.targets ?? []).map((t) => [t.unitId, { value: t.value, monthly: t.monthly }])),
      rule,
      scoringRuleId,
      params: Object.freeze(params),
      evaluate,
      traced: () => {
        traced ??= compileTraced(rule);
        return traced;
      },
      form: formOf(ind.formId),
      peerFields: peerFieldsOf(rule),
      progressField: ind.progressField ?? 'value',
      lightRuleId: ind.lightRuleId ?? null,
      localWeight: localWeight(tree, ind, tree.childrenOf.get(ind.parentId ?? '')?.length ?? 1),
      nominalWeight: nominal[id] ?? 0,
    });
  }
  return leaves;
}

/** Active units (and leaf owners that are no unit document), their leaves, targets and peer groups. */
function compileUnits(docs: Documents, leaves: readonly CompiledLeaf[]) {
  const units = new Map<string, UnitInfo>();
  for (const d of docs)
    if (d.kind === 'unit' && d.active !== false)
      units.set(d.id, {
        id: d.id,
        name: d.name,
        type: d.type,
        parentId: d.parentId ?? null,
        peerGroups: d.peerGroups && d.peerGroups.length > 0 ? d.peerGroups : [UNIT_ALL],
      });
  // Owners that are not unit documents still get scored, ranked in `all`.
  for (const leaf of leaves)
    for (const u of leaf.owners)
      if (!units.has(u))
        units.set(u, {
          id: u,
          name: { en: u, zh: u },
          type: 'department',
          parentId: null,
          peerGroups: [UNIT_ALL],
        });
  const unitIndex = new Map([...units.keys()].map((u, i) => [u, i]));
  for (const leaf of leaves) for (const [u, t] of leaf.targets) leaf.targetByUnit[unitIndex.get(u) ?? -1] = t;
  const leavesByUnit = new Map<string, CompiledLeaf[]>();
  for (const u of units.keys()) leavesByUnit.set(u, []);
  for (const leaf of leaves) for (const u of leaf.owners) leavesByUnit.get(u)!.push(leaf);
  const peerGroups = new Map<string, string[]>();
  for (const u of units.values())
    for (const g of u.peerGroups) {
      const list = peerGroups.get(g) ?? [];
      list.push(u.id);
      peerGroups.set(g, list);
    }
  return { units, unitIndex, leavesByUnit, peerGroups };
}

function rollUpPlanOf(m: Pick<PerformanceModel, 'nodes' | 'roots' | 'leafById'>): RollUpPlan {
  const nodeIds: string[] = [];
  const nodeIndex = new Map<string, number>();
  const order: number[] = [];
  const refOf = (id: string): number => {
    const node = m.nodes.get(id);
    if (!node) return m.leafById.get(id)!.index;
    let n = nodeIndex.get(id);
    if (n === undefined) {
      n = nodeIds.length;
      nodeIds.push(id);
      nodeIndex.set(id, n);
      for (const c of node.children) refOf(c);
      order.push(n);
    }
    return ~n;
  };
  const rootRef = m.roots.map(refOf);
  const childStart = [0];
  const childRef: number[] = [];
  const childWeight: number[] = [];
  for (const id of nodeIds) {
    for (const c of m.nodes.get(id)!.children) {
      childRef.push(refOf(c));
      childWeight.push(m.nodes.get(c)?.localWeight ?? m.leafById.get(c)!.localWeight);
    }
    childStart.push(childRef.length);
  }
  return {
    nodeIds,
    order: Int32Array.from(order),
    childStart: Int32Array.from(childStart),
    childRef: Int32Array.from(childRef),
    childWeight: Float64Array.from(childWeight),
    rootRef: Int32Array.from(rootRef),
    rootWeight: Float64Array.from(m.roots.map((r) => m.nodes.get(r)?.localWeight ?? 1)),
  };
}

const digit = (s: string, i: number) => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
};

/** Month (1–12) of a `YYYY-MM` period, or NaN. */
export function monthOf(period: string): number {
  // Called once per entry: read two digits without slicing; anything unusual takes Number's rules.
  const a = digit(period, 5);
  const b = digit(period, 6);
  return a >= 0 && b >= 0 ? a * 10 + b : Number(period.slice(5, 7));
}

/** Year of a `YYYY-MM` period (Number of its first four characters, so NaN when not a year). */
export function yearOf(period: string): number {
  const a = digit(period, 0);
  const b = digit(period, 1);
  const c = digit(period, 2);
  const d = digit(period, 3);
  return a >= 0 && b >= 0 && c >= 0 && d >= 0 ? ((a * 10 + b) * 10 + c) * 10 + d : Number(period.slice(0, 4));
}

/** `YYYY-MM` of a month of the model's year. */
export function periodOf(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/**
 * The month whose report a leaf is scored on in month `month`: the month itself (monthly), the
 * last quarter end (quarterly), December (yearly); null when nothing is due yet.
 */
export function reportingMonth(period: CompiledLeaf['period'], month: number): number | null {
  if (period === 'monthly') return month;
  if (period === 'quarterly') return month >= 3 ? month - (month % 3) : null;
  return month === 12 ? 12 : null;
}
