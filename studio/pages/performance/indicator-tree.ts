/** @module Pure helpers of the indicator tree editor: tree building, effective weights, sibling sums, moves and AHP application. */
import type { AhpMethod, AhpResult } from '../../../engine/core/scoring/ahp.ts';
import { computeAhp } from '../../../engine/core/scoring/ahp.ts';

/** An AHP comparison block stored on a parent indicator (for its children). */
export interface AhpBlock {
  id: string;
  method?: AhpMethod;
  criteria: string[];
  matrix: number[][];
}

/** The indicator fields the editor reads and writes. */
export interface IndicatorDoc extends Record<string, unknown> {
  kind: 'indicator';
  id: string;
  code?: string;
  name: { zh: string; en: string };
  level: 'city' | 'district' | 'unit';
  parentId?: string;
  weight?: number | { ahp: string };
  ahp?: AhpBlock;
}

/** Levels from the top. */
export const LEVELS = ['city', 'district', 'unit'] as const;

/** The level under a level (unit has none). */
export const childLevel = (level: IndicatorDoc['level']): IndicatorDoc['level'] | null =>
  level === 'city' ? 'district' : level === 'district' ? 'unit' : null;

/** Children of a parent id (`undefined` = roots), in document order. */
export const childrenOf = (docs: readonly IndicatorDoc[], parentId: string | undefined): IndicatorDoc[] =>
  docs.filter((d) => (d.parentId ?? undefined) === parentId);

/** AHP result of a parent's block, or null when absent or invalid. */
export const ahpOf = (parent: IndicatorDoc | undefined): AhpResult | null => {
  if (!parent?.ahp) return null;
  try {
    return computeAhp(parent.ahp.matrix, { method: parent.ahp.method ?? 'eigenvector' });
  } catch {
    return null;
  }
};

/** The weight a node actually gets: its number, or its share from the AHP block that names it. */
export const effectiveWeight = (docs: readonly IndicatorDoc[], doc: IndicatorDoc): number | null => {
  if (typeof doc.weight === 'number') return doc.weight;
  if (doc.weight && typeof doc.weight === 'object') {
    const ref = doc.weight.ahp;
    const owner = docs.find((d) => d.ahp?.id === ref);
    const result = ahpOf(owner);
    const index = owner?.ahp?.criteria.indexOf(doc.id) ?? -1;
    return result && index >= 0 ? (result.weights[index] ?? null) : null;
  }
  return null;
};

/** Sum of the effective weights of a parent's children. */
export const siblingSum = (docs: readonly IndicatorDoc[], parentId: string | undefined): number =>
  childrenOf(docs, parentId).reduce((sum, d) => sum + (effectiveWeight(docs, d) ?? 0), 0);

/** Whether a weight sum counts as 1 (allowing rounding of 4-decimal weights). */
export const isUnitSum = (sum: number): boolean => Math.abs(sum - 1) < 1e-3;

/** Rounds for display: up to 4 decimals without trailing zeros. */
export const round4 = (value: number): string => String(Math.round(value * 10000) / 10000);

/** Ids of a node and all its descendants. */
export const subtreeIds = (docs: readonly IndicatorDoc[], id: string): Set<string> => {
  const ids = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of docs) {
      if (d.parentId && ids.has(d.parentId) && !ids.has(d.id)) {
        ids.add(d.id);
        grew = true;
      }
    }
  }
  return ids;
};

/** Parents a node may move under: nodes one level up (roots have none). */
export const moveTargets = (docs: readonly IndicatorDoc[], doc: IndicatorDoc): IndicatorDoc[] =>
  docs.filter((d) => childLevel(d.level) === doc.level && d.id !== doc.parentId);

/** Removes criterion `id` from an AHP block (row and column). */
const dropCriterion = (block: AhpBlock, id: string): AhpBlock => {
  const index = block.criteria.indexOf(id);
  if (index < 0) return block;
  return {
    ...block,
    criteria: block.criteria.filter((_, i) => i !== index),
    matrix: block.matrix.filter((_, i) => i !== index).map((row) => row.filter((_, j) => j !== index)),
  };
};

/**
 * Moves a node under a new parent and returns the changed documents. A node weighted by the old
 * parent's AHP keeps its current share as a fixed weight, and leaves the old comparison matrix.
 */
export const moveIndicator = (
  docs: readonly IndicatorDoc[],
  move: { id: string; newParentId: string },
): IndicatorDoc[] => {
  const doc = docs.find((d) => d.id === move.id);
  const oldParent = docs.find((d) => d.id === doc?.parentId);
  if (!doc) return [];
  const changed: IndicatorDoc[] = [];
  const moved: IndicatorDoc = { ...doc, parentId: move.newParentId };
  if (typeof doc.weight === 'object')
    moved.weight = Number(round4(effectiveWeight(docs, doc) ?? 0)) || 0.0001;
  changed.push(moved);
  if (oldParent?.ahp?.criteria.includes(doc.id)) {
    const block = dropCriterion(oldParent.ahp, doc.id);
    changed.push({ ...oldParent, ahp: block.criteria.length > 0 ? block : undefined });
  }
  return changed;
};

/** Saaty scale values offered per cell, as [value, label]. */
export const SAATY_SCALE: readonly [number, string][] = [9, 8, 7, 6, 5, 4, 3, 2, 1]
  .map((v) => [v, String(v)] as [number, string])
  .concat([2, 3, 4, 5, 6, 7, 8, 9].map((v) => [1 / v, `1/${v}`] as [number, string]));

/** The scale label closest to a value (matrices may store 0.333…). */
export const saatyLabel = (value: number): string => {
  let best = SAATY_SCALE[0]!;
  for (const entry of SAATY_SCALE)
    if (Math.abs(Math.log(entry[0] / value)) < Math.abs(Math.log(best[0] / value))) best = entry;
  return best[1];
};

/** A reciprocal matrix for `ids`, reusing judgements from an existing block where both ids appear. */
export const initialMatrix = (ids: readonly string[], block: AhpBlock | undefined): number[][] =>
  ids.map((a, i) =>
    ids.map((b, j) => {
      if (i === j) return 1;
      const ia = block?.criteria.indexOf(a) ?? -1;
      const ib = block?.criteria.indexOf(b) ?? -1;
      return ia >= 0 && ib >= 0 ? (block?.matrix[ia]?.[ib] ?? 1) : 1;
    }),
  );

/** Sets `m[i][j] = value` and the reciprocal `m[j][i]`, returning a new matrix. */
export const setJudgement = (
  matrix: readonly number[][],
  q: { i: number; j: number; value: number },
): number[][] =>
  matrix.map((row, r) =>
    row.map((cell, c) => (r === q.i && c === q.j ? q.value : r === q.j && c === q.i ? 1 / q.value : cell)),
  );

/**
 * Stores the comparison on the parent and points each child's weight at it; returns the changed
 * documents (parent first).
 */
export const applyAhp = (
  docs: readonly IndicatorDoc[],
  q: { parentId: string; matrix: number[][]; method: AhpMethod },
): IndicatorDoc[] => {
  const parent = docs.find((d) => d.id === q.parentId);
  if (!parent) return [];
  const children = childrenOf(docs, q.parentId);
  const blockId = parent.ahp?.id ?? `ahp-${parent.id}`;
  const block: AhpBlock = {
    id: blockId,
    method: q.method,
    criteria: children.map((c) => c.id),
    matrix: q.matrix,
  };
  return [{ ...parent, ahp: block }, ...children.map((c) => ({ ...c, weight: { ahp: blockId } }))];
};

/**
 * What deleting a leaf changes besides removing it: the parent loses it from its AHP comparison
 *. Returns the changed parent, or [] when none.
 * Only leaves without children may be deleted (`canDelete`).
 */
export const deleteLeaf = (docs: readonly IndicatorDoc[], id: string): IndicatorDoc[] => {
  const doc = docs.find((d) => d.id === id);
  const parent = docs.find((d) => d.id === doc?.parentId);
  if (!parent?.ahp?.criteria.includes(id)) return [];
  const block = dropCriterion(parent.ahp, id);
  return [{ ...parent, ahp: block.criteria.length > 0 ? block : undefined }];
};

/** Whether a node may be deleted in the editor: it has no children. */
export const canDelete = (docs: readonly IndicatorDoc[], id: string): boolean =>
  childrenOf(docs, id).length === 0;
