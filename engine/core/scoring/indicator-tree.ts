/** @module The indicator tree of a rule set: children, roles, local weights (direct, equal or AHP), scored subtrees and nominal global weights. */
import type { Indicator } from '../../../schemas/types.gen.ts';
import { type AhpTreeNode, computeAhp, computeGlobalWeights } from './ahp.ts';

/** The indicators of a rule set as a tree. */
export interface IndicatorTree {
  indicators: readonly Indicator[];
  byId: ReadonlyMap<string, Indicator>;
  childrenOf: ReadonlyMap<string, string[]>;
  /** Local weights of AHP criteria, by indicator id. */
  ahpWeights: ReadonlyMap<string, number>;
  /** Memo of {@link isScored}. */
  scored: Map<string, boolean>;
}

export function indicatorTree(indicators: readonly Indicator[]): IndicatorTree {
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const childrenOf = new Map<string, string[]>();
  for (const ind of indicators)
    if (ind.parentId !== undefined) {
      const list = childrenOf.get(ind.parentId) ?? [];
      list.push(ind.id);
      childrenOf.set(ind.parentId, list);
    }
  const ahpWeights = new Map<string, number>();
  for (const ind of indicators) {
    if (!ind.ahp) continue;
    const { weights } = computeAhp(ind.ahp.matrix, { method: ind.ahp.method ?? 'eigenvector' });
    ind.ahp.criteria.forEach((id, k) => {
      ahpWeights.set(id, weights[k]!);
    });
  }
  return { indicators, byId, childrenOf, ahpWeights, scored: new Map() };
}

/** What a leaf contributes: a weighted indicator, a bonus or deduction item, or a veto item. */
export function roleOf(ind: Indicator): 'scored' | 'bonus' | 'deduction' | 'veto' {
  return ind.veto
    ? 'veto'
    : ind.adjustment === 'bonus'
      ? 'bonus'
      : ind.adjustment === 'deduction'
        ? 'deduction'
        : 'scored';
}

/** An indicator's weight among its `siblings`: its own number, its AHP weight, else an equal share. */
export function localWeight(tree: IndicatorTree, ind: Indicator, siblings: number): number {
  if (typeof ind.weight === 'number') return ind.weight;
  if (typeof ind.weight === 'object') return tree.ahpWeights.get(ind.id) ?? 0;
  return 1 / Math.max(1, siblings);
}

/** Whether an indicator is, or has below it, a weighted (scored) leaf. */
export function isScored(tree: IndicatorTree, id: string): boolean {
  const cached = tree.scored.get(id);
  if (cached !== undefined) return cached;
  const kids = tree.childrenOf.get(id) ?? [];
  const ind = tree.byId.get(id)!;
  const value = kids.length === 0 ? roleOf(ind) === 'scored' : kids.some((k) => isScored(tree, k));
  tree.scored.set(id, value);
  return value;
}

/** Nominal global weights of the leaves: the full tree under a virtual root whose children are the scored city roots. */
export function nominalWeights(tree: IndicatorTree, roots: readonly string[]): Record<string, number> {
  if (roots.length === 0) return {};
  const toTree = (id: string): AhpTreeNode => {
    const kids = (tree.childrenOf.get(id) ?? []).filter((k) => isScored(tree, k));
    if (kids.length === 0) return { id };
    return {
      id,
      localWeights: kids.map((k) => localWeight(tree, tree.byId.get(k)!, kids.length)),
      children: kids.map(toTree),
    };
  };
  return computeGlobalWeights({
    id: '\u0000root',
    localWeights: roots.map((r) => localWeight(tree, tree.byId.get(r)!, roots.length)),
    children: roots.map(toTree),
  }).leaves;
}

/** Indicator ids depth first from each root, in document order. */
export function treeOrder(tree: IndicatorTree): string[] {
  const order: string[] = [];
  const visit = (id: string) => {
    order.push(id);
    for (const k of tree.childrenOf.get(id) ?? []) visit(k);
  };
  for (const ind of tree.indicators) if (ind.parentId === undefined) visit(ind.id);
  return order;
}

/** Ancestors of an indicator from the city root down to its parent. */
export function pathOf(tree: IndicatorTree, ind: Indicator): string[] {
  const path: string[] = [];
  for (let p = ind.parentId; p !== undefined; p = tree.byId.get(p)?.parentId) path.unshift(p);
  return path;
}
