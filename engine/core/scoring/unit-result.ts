/** @module Every stage after score for one unit and month — weight (roll-up), adjust, veto, grade — except the cross-unit ranking. */
import type { CompiledLeaf, PerformanceModel, ResolvedPolicy } from './model.ts';
import { periodOf } from './model.ts';
import { scoreLeaf } from './leaf-score.ts';
import { roundDecimal } from './operators/rounding.ts';
import type { IndicatorScore, ScoreTrace, ScoringState, UnitResult } from './scoring-state.ts';
import { slotOf } from './scoring-state.ts';

/** A no-cases score left out of the roll-up, bonus, deduction and veto stages. */
const isExcluded = (s: IndicatorScore): boolean =>
  s.status === 'noCases' && s.trace.noCases?.applied === 'exclude';

const round = (x: number, decimals: number) => roundDecimal(x, decimals, 'half_up');

type Weight = NonNullable<ScoreTrace['weight']>;

// Weight records are immutable values, so consecutive scores of a leaf with the same effective weight
// (every unit that has the whole tree) share one instead of allocating one per score.
const weightCache = new WeakMap<PerformanceModel, (Weight | undefined)[]>();

function weightOf(model: PerformanceModel, leaf: CompiledLeaf, effective: number): Weight {
  let cache = weightCache.get(model);
  if (!cache) {
    cache = [];
    weightCache.set(model, cache);
  }
  const last = cache[leaf.index];
  if (last && Object.is(last.effective, effective)) return last;
  const w: Weight = Object.freeze({ nominal: leaf.nominalWeight, effective });
  cache[leaf.index] = w;
  return w;
}

/**
 * The weight stage: renormalised roll-up of the unit's scored leaves (`byLeaf`, by leaf index), city →
 * district → unit. Present children are summed in tree order and weights multiplied down each path
 * in the same order as a recursive walk, so the figures are bit-for-bit those of one.
 */
function rollUp(model: PerformanceModel, byLeaf: readonly (IndicatorScore | undefined)[]): number {
  const walk = nodeRatios(model, byLeaf);
  const { rootRef, rootWeight } = model.rollUp;
  let sw = 0;
  let sum = 0;
  for (let i = 0; i < rootRef.length; i++) {
    const r = childRatio(rootRef[i]!, byLeaf, walk);
    if (r === undefined) continue;
    const w = rootWeight[i]!;
    sw += w;
    sum += w * r;
  }
  if (sw <= 0) return 0;
  weighLeaves(model, byLeaf, walk, sw);
  return (model.policy.totalScore * sum) / sw;
}

/** Per tree node: its score ratio, its children's weight sum, and 0 absent / 1 present / 2 reached from a root. */
interface Walk {
  ratio: Float64Array;
  sumW: Float64Array;
  state: Uint8Array;
}

/** The score ratio of a child (`ref` ≥ 0 a leaf index, else `~node`), or undefined when it is absent. */
function childRatio(
  ref: number,
  byLeaf: readonly (IndicatorScore | undefined)[],
  walk: Walk,
): number | undefined {
  if (ref >= 0) {
    const s = byLeaf[ref];
    if (s === undefined) return undefined;
    return s.maxScore > 0 ? s.points / s.maxScore : 0;
  }
  if (walk.state[~ref] === 0) return undefined;
  return walk.ratio[~ref]!;
}

/** Children first: each node's ratio is the weighted mean of its present children's. */
function nodeRatios(model: PerformanceModel, byLeaf: readonly (IndicatorScore | undefined)[]): Walk {
  const { order, childStart, childRef, childWeight, nodeIds } = model.rollUp;
  const n = nodeIds.length;
  const walk: Walk = { ratio: new Float64Array(n), sumW: new Float64Array(n), state: new Uint8Array(n) };
  for (let i = 0; i < order.length; i++) {
    const node = order[i]!;
    let sw = 0;
    let sum = 0;
    let any = false;
    for (let j = childStart[node]!; j < childStart[node + 1]!; j++) {
      const r = childRatio(childRef[j]!, byLeaf, walk);
      if (r === undefined) continue;
      const w = childWeight[j]!;
      sw += w;
      sum += w * r;
      any = true;
    }
    if (!any || sw <= 0) continue;
    walk.state[node] = 1;
    walk.sumW[node] = sw;
    walk.ratio[node] = sum / sw;
  }
  return walk;
}

/** Parents first: multiplies effective weights down each path and writes every present leaf's weighted points. */
function weighLeaves(
  model: PerformanceModel,
  byLeaf: readonly (IndicatorScore | undefined)[],
  walk: Walk,
  rootSum: number,
): void {
  const { order, childStart, childRef, childWeight, rootRef, rootWeight, nodeIds } = model.rollUp;
  const { state, sumW } = walk;
  const eff = new Float64Array(nodeIds.length);
  const { totalScore } = model.policy;
  const toLeaf = (leafIdx: number, weight: number) => {
    const s = byLeaf[leafIdx]!;
    const max = weight * totalScore;
    s.weighted = s.maxScore > 0 ? (max * s.points) / s.maxScore : 0;
    s.pointsLost = max - s.weighted;
    s.trace.weight = weightOf(model, model.leaves[leafIdx]!, weight);
  };
  for (let i = 0; i < rootRef.length; i++) {
    const ref = rootRef[i]!;
    if (ref >= 0) {
      if (byLeaf[ref] !== undefined) toLeaf(ref, rootWeight[i]! / rootSum);
    } else if (state[~ref] !== 0) {
      state[~ref] = 2;
      eff[~ref] = rootWeight[i]! / rootSum;
    }
  }
  // Parents before children: the reverse of the children-first order.
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    if (state[node] !== 2) continue;
    const weight = eff[node]!;
    const s = sumW[node]!;
    for (let j = childStart[node]!; j < childStart[node + 1]!; j++) {
      const ref = childRef[j]!;
      if (ref >= 0) {
        if (byLeaf[ref] !== undefined) toLeaf(ref, (weight * childWeight[j]!) / s);
      } else if (state[~ref] !== 0) {
        state[~ref] = 2;
        eff[~ref] = (weight * childWeight[j]!) / s;
      }
    }
  }
}

function gradeOf(policy: ResolvedPolicy, total: number): string | null {
  for (const g of policy.grades) if (total >= g.minScore) return g.id;
  return policy.grades.at(-1)?.id ?? null;
}

/** A unit's scores outside the weighted roll-up, by role. */
interface Adjustments {
  bonusItems: IndicatorScore[];
  deductionItems: IndicatorScore[];
  vetoes: IndicatorScore[];
}

/** A unit result before its stages run, with its trace's stage records. */
function emptyResult(
  model: PerformanceModel,
  q: { unitId: string; period: string; indicatorCount: number; lateEntries: number },
): UnitResult {
  const { policy } = model;
  return {
    unitId: q.unitId,
    period: q.period,
    weightedTotal: 0,
    bonus: 0,
    deduction: 0,
    total: 0,
    vetoed: false,
    gradeId: null,
    ranks: {},
    indicatorCount: q.indicatorCount,
    trace: {
      ruleSet: model.ruleSetRef,
      stages: policy.pipeline,
      bonus: { raw: 0, capped: 0, cap: policy.bonusCap, items: [] },
      deduction: { raw: 0, capped: 0, cap: policy.deductionCap, items: [], lateEntries: q.lateEntries },
      vetoReasons: [],
      rankedOn: 0,
    },
  };
}

/** Adds the items that earned points to a bonus or deduction record. */
function addItems(record: { raw: number; items: string[] }, items: readonly IndicatorScore[]): void {
  for (const s of items)
    if (s.points > 0) {
      record.raw += s.points;
      record.items.push(s.indicatorId);
    }
}

/** The adjust stage: capped bonus and deduction (late entries included) on top of the weighted total. */
function adjust(result: UnitResult, sorted: Adjustments, policy: ResolvedPolicy): void {
  const b = result.trace.bonus;
  addItems(b, sorted.bonusItems);
  b.capped = Math.min(b.raw, policy.bonusCap);
  const d = result.trace.deduction;
  addItems(d, sorted.deductionItems);
  d.raw += d.lateEntries * policy.lateEntryDeduction;
  d.capped = Math.min(d.raw, policy.deductionCap);
  result.bonus = round(b.capped, policy.decimals);
  result.deduction = round(d.capped, policy.decimals);
  if (!result.vetoed)
    result.total = round(Math.max(0, result.total + result.bonus - result.deduction), policy.decimals);
}

/** Every stage after score for one unit and month, except the cross-unit ranking itself. */
export function computeUnit(
  state: ScoringState,
  unitId: string,
  month: number,
  only?: CompiledLeaf,
): UnitResult | null {
  const { model } = state;
  const { policy } = model;
  const period = periodOf(model.year, month);
  const leaves = model.leavesByUnit.get(unitId) ?? [];
  const unitIdx = model.unitIndex.get(unitId)!;
  const byLeaf: (IndicatorScore | undefined)[] = new Array(model.leaves.length);
  let scoredCount = 0;
  const sorted: Adjustments = { bonusItems: [], deductionItems: [], vetoes: [] };
  let lateEntries = 0;
  let any = false;
  for (const leaf of leaves) {
    const k = slotOf(model, unitIdx, leaf.index, month);
    // Incremental runs re-score only the leaf the input belongs to; the others are read back.
    const score =
      only === undefined || only === leaf
        ? scoreLeaf({ state, leaf, unitId, unitIdx, month, period })
        : state.scores[k];
    state.scores[k] = score ?? undefined;
    if (!score) continue;
    any = true;
    if (isExcluded(score)) continue;
    if (score.trace.entry?.late === true && score.trace.reportPeriod === period) lateEntries++;
    if (leaf.role === 'scored') {
      byLeaf[leaf.index] = score;
      scoredCount++;
    } else if (leaf.role === 'bonus') sorted.bonusItems.push(score);
    else if (leaf.role === 'deduction') sorted.deductionItems.push(score);
    else sorted.vetoes.push(score);
  }
  if (!any) return null;
  const result = emptyResult(model, { unitId, period, indicatorCount: scoredCount, lateEntries });
  for (const stage of policy.pipeline) {
    switch (stage) {
      case 'weight':
        result.weightedTotal = round(rollUp(model, byLeaf), policy.decimals);
        result.total = result.weightedTotal;
        break;
      case 'adjust':
        adjust(result, sorted, policy);
        break;
      case 'veto': {
        const failed = sorted.vetoes.filter((v) => v.vetoed);
        if (failed.length > 0) {
          result.vetoed = true;
          result.trace.vetoReasons = failed.map((v) => v.trace.vetoReason ?? v.indicatorId);
          result.total = policy.veto.score;
        }
        break;
      }
      case 'grade':
        result.gradeId =
          result.vetoed && policy.veto.gradeId !== null ? policy.veto.gradeId : gradeOf(policy, result.total);
        break;
      case 'rank':
        result.trace.rankedOn = result.total;
        break;
      default:
        break;
    }
  }
  if (!policy.pipeline.includes('rank')) result.trace.rankedOn = result.total;
  return result;
}
