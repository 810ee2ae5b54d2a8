/** @module Analytic Hierarchy Process: weights, consistency, expert aggregation and global weights of an indicator tree. */
import type { Issue } from '../errors.ts';
import { ValidationError } from '../errors.ts';

/** A pairwise comparison matrix: `m[i][j]` is how much more important criterion i is than j. */
export type ComparisonMatrix = readonly (readonly number[])[];

/** Weighting method: principal eigenvector (power iteration) or normalised geometric mean of rows. */
export type AhpMethod = 'eigenvector' | 'geometricMean';

/**
 * Saaty's random consistency index, indexed by `n - 1` (n = 1..11).
 * Other tables (e.g. from larger simulations) can be passed through {@link AhpOptions.randomIndex}.
 */
export const SAATY_RANDOM_INDEX: readonly number[] = Object.freeze([
  0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51,
]);

/** Options shared by the AHP functions. */
export interface AhpOptions {
  /** Weighting method; default `eigenvector`. */
  method?: AhpMethod;
  /** Random index table indexed by `n - 1`; default {@link SAATY_RANDOM_INDEX}. */
  randomIndex?: readonly number[];
  /** Consistency ratio at or above which the matrix is rejected; default 0.1. */
  crThreshold?: number;
  /** Relative tolerance of the reciprocity check `a_ij * a_ji = 1`; default 1e-3 (accepts 1/3 ≈ 0.333). */
  reciprocalTolerance?: number;
  /** Convergence threshold of power iteration (max abs change of the weights); default 1e-12. */
  epsilon?: number;
  /** Iteration cap of power iteration; default 1000. */
  maxIterations?: number;
}

/** The most inconsistent judgement of a matrix relative to its weights. */
export interface InconsistentPair {
  /** Row index (0-based), always `i < j`. */
  i: number;
  /** Column index (0-based). */
  j: number;
  /** The judgement `a_ij` as given. */
  given: number;
  /** The ratio `w_i / w_j` implied by the weights. */
  implied: number;
  /** `|ln(a_ij · w_j / w_i)|`: 0 for a perfectly consistent judgement, symmetric in i/j. */
  deviation: number;
}

/** Result of weighting one comparison matrix. */
export interface AhpResult {
  method: AhpMethod;
  /** Weights, each > 0, summing to 1. */
  weights: number[];
  /** Principal eigenvalue estimate: mean of `(A w)_i / w_i`. */
  lambdaMax: number;
  /** Consistency index `(λmax − n) / (n − 1)`, 0 when n ≤ 1. */
  ci: number;
  /** Random index used for n. */
  ri: number;
  /** Consistency ratio `CI / RI`; 0 when RI is 0 (n ≤ 2: any reciprocal matrix is consistent). */
  cr: number;
  /** `cr < crThreshold`. */
  isConsistent: boolean;
  /** The judgement that disagrees most with the weights (null for n < 2). */
  mostInconsistentPair: InconsistentPair | null;
}

const DEFAULTS = {
  method: 'eigenvector' as AhpMethod,
  crThreshold: 0.1,
  reciprocalTolerance: 1e-3,
  epsilon: 1e-12,
  maxIterations: 1000,
};

/**
 * Validates a comparison matrix: square, non-empty, finite positive entries, diagonal 1 and
 * reciprocal (`a_ij · a_ji = 1` within a relative tolerance). Also reports a missing random index
 * for n. Never throws.
 */
export function validateMatrix(matrix: unknown, options: AhpOptions = {}, path = ''): Issue[] {
  const issues: Issue[] = [];
  const tol = options.reciprocalTolerance ?? DEFAULTS.reciprocalTolerance;
  if (!Array.isArray(matrix) || matrix.length === 0) {
    issues.push({
      path,
      code: 'ahp.not_square',
      message: 'Comparison matrix must be a non-empty array of rows',
      messageZh: '判断矩阵必须是非空的行数组',
    });
    return issues;
  }
  const n = matrix.length;
  for (let i = 0; i < n; i++) {
    const row: unknown = matrix[i];
    if (!Array.isArray(row) || row.length !== n) {
      issues.push({
        path: `${path}/${i}`,
        code: 'ahp.not_square',
        message: `Row ${i + 1} must have ${n} entries`,
        messageZh: `第 ${i + 1} 行必须有 ${n} 个元素`,
      });
    }
  }
  if (issues.length > 0) return issues;
  const m = matrix as unknown[][];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = m[i]![j];
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
        issues.push({
          path: `${path}/${i}/${j}`,
          code: 'ahp.not_positive',
          message: `Entry (${i + 1}, ${j + 1}) must be a positive finite number`,
          messageZh: `元素 (${i + 1}, ${j + 1}) 必须是正的有限数`,
        });
      }
    }
  }
  if (issues.length > 0) return issues;
  const a = m as number[][];
  for (let i = 0; i < n; i++) {
    if (Math.abs(a[i]![i]! - 1) > tol) {
      issues.push({
        path: `${path}/${i}/${i}`,
        code: 'ahp.diagonal',
        message: `Diagonal entry (${i + 1}, ${i + 1}) must be 1`,
        messageZh: `对角元素 (${i + 1}, ${i + 1}) 必须为 1`,
      });
    }
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(a[i]![j]! * a[j]![i]! - 1) > tol) {
        issues.push({
          path: `${path}/${j}/${i}`,
          code: 'ahp.not_reciprocal',
          message: `Entry (${j + 1}, ${i + 1}) must be the reciprocal of entry (${i + 1}, ${j + 1})`,
          messageZh: `元素 (${j + 1}, ${i + 1}) 必须是元素 (${i + 1}, ${j + 1}) 的倒数`,
        });
      }
    }
  }
  const ri = options.randomIndex ?? SAATY_RANDOM_INDEX;
  if (ri[n - 1] === undefined) {
    issues.push({
      path,
      code: 'ahp.random_index_missing',
      message: `The random index table has no value for n = ${n}`,
      messageZh: `随机一致性指标表没有 n = ${n} 的值`,
    });
  }
  return issues;
}

function assertValid(matrix: ComparisonMatrix, options: AhpOptions): void {
  const issues = validateMatrix(matrix, options);
  if (issues.length > 0) {
    const first = issues[0]!;
    throw new ValidationError(
      first.code,
      { en: first.message, zh: first.messageZh ?? first.message },
      { path: first.path, details: issues },
    );
  }
}

function normalise(v: number[]): number[] {
  let sum = 0;
  for (const x of v) sum += x;
  return v.map((x) => x / sum);
}

/**
 * Principal eigenvector by power iteration, normalised to sum 1. A positive matrix has a unique
 * positive Perron vector, so iteration from the uniform vector converges. Does not validate.
 */
export function eigenvectorWeights(matrix: ComparisonMatrix, options: AhpOptions = {}): number[] {
  const n = matrix.length;
  const epsilon = options.epsilon ?? DEFAULTS.epsilon;
  const maxIterations = options.maxIterations ?? DEFAULTS.maxIterations;
  let w = new Array<number>(n).fill(1 / n);
  for (let iter = 0; iter < maxIterations; iter++) {
    const next = normalise(multiply(matrix, w));
    let change = 0;
    for (let i = 0; i < n; i++) change = Math.max(change, Math.abs(next[i]! - w[i]!));
    w = next;
    if (change < epsilon) break;
  }
  return w;
}

/** Weights as the normalised geometric mean of each row (the "row geometric mean" method). Does not validate. */
export function geometricMeanWeights(matrix: ComparisonMatrix): number[] {
  const n = matrix.length;
  // Sum of logs avoids overflow of long products of large judgements.
  return normalise(
    matrix.map((row) => {
      let logSum = 0;
      for (const v of row) logSum += Math.log(v);
      return Math.exp(logSum / n);
    }),
  );
}

function multiply(matrix: ComparisonMatrix, w: readonly number[]): number[] {
  return matrix.map((row) => {
    let s = 0;
    for (let j = 0; j < row.length; j++) s += row[j]! * w[j]!;
    return s;
  });
}

/** λmax estimate for weights `w`: the mean of `(A w)_i / w_i`. */
export function lambdaMax(matrix: ComparisonMatrix, weights: readonly number[]): number {
  const aw = multiply(matrix, weights);
  let s = 0;
  for (let i = 0; i < aw.length; i++) s += aw[i]! / weights[i]!;
  return s / aw.length;
}

/**
 * The judgement deviating most from the ratio its weights imply. The deviation of a_ij is
 * `|ln(a_ij · w_j / w_i)|` (the log of the ratio error): it is symmetric for a reciprocal matrix
 * (a_ji gives the same value) and treats "3 instead of 1" like "1/3 instead of 1". Ties keep the
 * first pair in row-major order.
 */
export function mostInconsistentPair(
  matrix: ComparisonMatrix,
  weights: readonly number[],
): InconsistentPair | null {
  let best: InconsistentPair | null = null;
  const n = matrix.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const given = matrix[i]![j]!;
      const implied = weights[i]! / weights[j]!;
      const deviation = Math.abs(Math.log(given / implied));
      if (best === null || deviation > best.deviation + 1e-12) best = { i, j, given, implied, deviation };
    }
  }
  return best;
}

/**
 * Weights and consistency of one comparison matrix. Throws `ValidationError` (codes `ahp.*`) when
 * the matrix is invalid; an inconsistent matrix is not an error here (see {@link checkAhp}).
 */
export function computeAhp(matrix: ComparisonMatrix, options: AhpOptions = {}): AhpResult {
  assertValid(matrix, options);
  const method = options.method ?? DEFAULTS.method;
  const n = matrix.length;
  const weights =
    method === 'eigenvector' ? eigenvectorWeights(matrix, options) : geometricMeanWeights(matrix);
  const lmax = lambdaMax(matrix, weights);
  const ci = n > 1 ? Math.max(0, (lmax - n) / (n - 1)) : 0;
  const ri = (options.randomIndex ?? SAATY_RANDOM_INDEX)[n - 1]!;
  const cr = ri > 0 ? ci / ri : 0;
  return {
    method,
    weights,
    lambdaMax: lmax,
    ci,
    ri,
    cr,
    isConsistent: cr < (options.crThreshold ?? DEFAULTS.crThreshold),
    mostInconsistentPair: n >= 2 ? mostInconsistentPair(matrix, weights) : null,
  };
}

/**
 * Checks a comparison matrix: validation issues, then `ahp.inconsistent` when CR ≥ the threshold,
 * naming the most inconsistent pair (path `/i/j`). Never throws.
 */
export function checkAhp(matrix: unknown, options: AhpOptions = {}, path = ''): Issue[] {
  const issues = validateMatrix(matrix, options, path);
  if (issues.length > 0) return issues;
  const result = computeAhp(matrix as ComparisonMatrix, options);
  if (!result.isConsistent) {
    const p = result.mostInconsistentPair!;
    const cr = result.cr.toFixed(3);
    const implied = p.implied.toPrecision(3);
    issues.push({
      path: `${path}/${p.i}/${p.j}`,
      code: 'ahp.inconsistent',
      message: `Consistency ratio ${cr} is not below ${options.crThreshold ?? DEFAULTS.crThreshold}; most inconsistent judgement is (${p.i + 1}, ${p.j + 1}) = ${p.given}, the weights imply ${implied}`,
      messageZh: `一致性比率 ${cr} 未低于 ${options.crThreshold ?? DEFAULTS.crThreshold}；最不一致的判断是 (${p.i + 1}, ${p.j + 1}) = ${p.given}，权重推算值为 ${implied}`,
      severity: 'error',
    });
  }
  return issues;
}

/**
 * Combines several experts' matrices by (optionally weighted) element-wise geometric mean, which
 * keeps the result reciprocal. Throws `ValidationError` when matrices are invalid or differ in size.
 */
export function combineExperts(
  matrices: readonly ComparisonMatrix[],
  expertWeights?: readonly number[],
): number[][] {
  if (matrices.length === 0) {
    throw new ValidationError('ahp.no_experts', {
      en: 'At least one expert matrix is required',
      zh: '至少需要一位专家的判断矩阵',
    });
  }
  if (expertWeights && expertWeights.length !== matrices.length) {
    throw new ValidationError('ahp.expert_weights', {
      en: 'There must be one weight per expert',
      zh: '每位专家必须有一个权重',
    });
  }
  const n = matrices[0]!.length;
  matrices.forEach((m, k) => {
    const issues = validateMatrix(m, { randomIndex: [] }).filter(
      (i) => i.code !== 'ahp.random_index_missing',
    );
    if (m.length !== n) {
      issues.push({
        path: `/${k}`,
        code: 'ahp.size_mismatch',
        message: 'Expert matrices differ in size',
        messageZh: '专家判断矩阵的阶数不一致',
      });
    }
    if (issues.length > 0) {
      const first = issues[0]!;
      throw new ValidationError(
        first.code,
        { en: `Expert ${k + 1}: ${first.message}`, zh: `专家 ${k + 1}：${first.messageZh ?? first.message}` },
        { path: `/${k}${first.path}`, details: issues },
      );
    }
  });
  const raw = expertWeights ?? matrices.map(() => 1);
  const total = raw.reduce((s, x) => s + x, 0);
  const ew = raw.map((x) => x / total);
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      let logSum = 0;
      for (let k = 0; k < matrices.length; k++) logSum += ew[k]! * Math.log(matrices[k]![i]![j]!);
      row.push(i === j ? 1 : Math.exp(logSum));
    }
    out.push(row);
  }
  return out;
}

/**
 * A node of an indicator tree for AHP. A node with children carries either a comparison matrix of
 * its children (in child order) or explicit local weights of its children.
 */
export interface AhpTreeNode {
  id: string;
  /** Pairwise comparisons of `children`, in the same order. */
  comparisons?: ComparisonMatrix;
  /** Explicit local weights of `children` (normalised to sum 1), used when there is no matrix. */
  localWeights?: readonly number[];
  children?: readonly AhpTreeNode[];
}

/** Weight of one node of the tree. */
export interface GlobalWeight {
  id: string;
  /** Parent id, null for the root. */
  parentId: string | null;
  /** Depth, root = 0. */
  depth: number;
  /** Weight among siblings (root = 1). */
  local: number;
  /** Local weight × parent's global weight (root = 1); leaves' globals sum to 1. */
  global: number;
  /** CR of this node's comparison matrix, when it has one. */
  cr?: number;
}

/** Result of {@link computeGlobalWeights}. */
export interface GlobalWeightsResult {
  /** Every node in depth-first pre-order. */
  nodes: GlobalWeight[];
  /** Global weights of leaves by id. */
  leaves: Record<string, number>;
  /** Inconsistency issues (`ahp.inconsistent`), path `/children/k/comparisons/i/j`. */
  issues: Issue[];
}

/**
 * Global weights down an indicator tree: each child's global weight is its local weight times the
 * parent's global weight. Invalid matrices or weight/children count mismatches throw
 * `ValidationError`; inconsistent matrices are reported in `issues` and still weighted.
 */
export function computeGlobalWeights(root: AhpTreeNode, options: AhpOptions = {}): GlobalWeightsResult {
  const nodes: GlobalWeight[] = [];
  const leaves: Record<string, number> = {};
  const issues: Issue[] = [];
  const visit = (
    node: AhpTreeNode,
    info: { parentId: string | null; depth: number; local: number; global: number; path: string },
  ): void => {
    const entry: GlobalWeight = {
      id: node.id,
      parentId: info.parentId,
      depth: info.depth,
      local: info.local,
      global: info.global,
    };
    nodes.push(entry);
    const children = node.children ?? [];
    if (children.length === 0) {
      leaves[node.id] = info.global;
      return;
    }
    let local: number[];
    if (node.comparisons) {
      if (node.comparisons.length !== children.length) {
        throw mismatch(node.id, `${info.path}/comparisons`);
      }
      const result = computeAhp(node.comparisons, options);
      entry.cr = result.cr;
      local = result.weights;
      issues.push(...checkAhp(node.comparisons, options, `${info.path}/comparisons`));
    } else if (node.localWeights) {
      if (node.localWeights.length !== children.length) throw mismatch(node.id, `${info.path}/localWeights`);
      local = normalise([...node.localWeights]);
    } else {
      local = children.map(() => 1 / children.length);
    }
    children.forEach((child, k) => {
      visit(child, {
        parentId: node.id,
        depth: info.depth + 1,
        local: local[k]!,
        global: local[k]! * info.global,
        path: `${info.path}/children/${k}`,
      });
    });
  };
  visit(root, { parentId: null, depth: 0, local: 1, global: 1, path: '' });
  return { nodes, leaves, issues };
}

function mismatch(id: string, path: string): ValidationError {
  return new ValidationError(
    'ahp.size_mismatch',
    {
      en: `Node ${id}: the number of comparisons or weights differs from the number of children`,
      zh: `节点 ${id}：判断矩阵或权重的数量与子指标数量不一致`,
    },
    { path },
  );
}

/** The AHP comparison block an indicator document carries for its children (schemas/indicator.schema.json). */
export interface AhpComparisonBlock {
  id: string;
  method?: AhpMethod;
  /** Child indicator ids, in matrix order. */
  criteria: readonly string[];
  matrix: unknown;
}

/** The parts of an indicator document the weight views read. */
export interface AhpIndicatorLike {
  id: string;
  name?: unknown;
  parentId?: string;
  weight?: unknown;
  ahp?: AhpComparisonBlock;
}

/** One child of an AHP node with its derived local weight. */
export interface AhpChildWeight {
  id: string;
  /** The child's `name` as the document gives it; null when no indicator has that id. */
  name: unknown;
  /** Derived weight among the siblings (sums to 1), null when the matrix cannot be weighted. */
  weight: number | null;
}

/** How one node's pairwise matrix turns into its children's weights, with its consistency. */
export interface AhpNodeWeights {
  nodeId: string;
  name: unknown;
  /** Id of the comparison, the one the children's `weight: {ahp}` names. */
  comparisonId: string;
  method: AhpMethod;
  children: AhpChildWeight[];
  /** Null when the matrix is invalid (see `issues`). */
  lambdaMax: number | null;
  ci: number | null;
  ri: number | null;
  cr: number | null;
  /** Threshold the CR is compared with. */
  crThreshold: number;
  /** `cr < crThreshold`; false when the matrix is invalid. */
  isConsistent: boolean;
  /** The judgement disagreeing most with the weights, by child ids. */
  mostInconsistentPair: (InconsistentPair & { a: string; b: string }) | null;
  /** Why the matrix cannot be weighted (shape, reciprocity, criteria count); empty when it can. */
  issues: Issue[];
}

/**
 * Weights, λmax, CI, CR and method of every indicator carrying an AHP comparison, in document
 * order. Never throws: an invalid matrix (even in a draft) is reported in the node's `issues`.
 */
export function describeAhpNodes(
  indicators: readonly AhpIndicatorLike[],
  options: Omit<AhpOptions, 'method'> = {},
): AhpNodeWeights[] {
  const byId = new Map(indicators.map((d) => [d.id, d] as const));
  const crThreshold = options.crThreshold ?? DEFAULTS.crThreshold;
  const out: AhpNodeWeights[] = [];
  for (const doc of indicators) {
    const ahp = doc.ahp;
    if (!ahp || typeof ahp !== 'object') continue;
    const method: AhpMethod = ahp.method === 'geometricMean' ? 'geometricMean' : 'eigenvector';
    const criteria = Array.isArray(ahp.criteria) ? ahp.criteria.map(String) : [];
    const issues = validateMatrix(ahp.matrix, options, '/ahp/matrix');
    if (issues.length === 0 && (ahp.matrix as unknown[]).length !== criteria.length)
      issues.push({
        path: '/ahp/criteria',
        code: 'ahp.size_mismatch',
        message: `The matrix is ${(ahp.matrix as unknown[]).length}×${(ahp.matrix as unknown[]).length} but there are ${criteria.length} criteria`,
        messageZh: `判断矩阵为 ${(ahp.matrix as unknown[]).length}×${(ahp.matrix as unknown[]).length} 阶，但准则有 ${criteria.length} 个`,
      });
    const result =
      issues.length === 0 ? computeAhp(ahp.matrix as ComparisonMatrix, { ...options, method }) : null;
    const pair = result?.mostInconsistentPair ?? null;
    out.push({
      nodeId: doc.id,
      name: doc.name ?? null,
      comparisonId: String(ahp.id),
      method,
      children: criteria.map((id, k) => ({
        id,
        name: byId.get(id)?.name ?? null,
        weight: result ? result.weights[k]! : null,
      })),
      lambdaMax: result?.lambdaMax ?? null,
      ci: result?.ci ?? null,
      ri: result?.ri ?? null,
      cr: result?.cr ?? null,
      crThreshold,
      isConsistent: result?.isConsistent ?? false,
      mostInconsistentPair: pair ? { ...pair, a: criteria[pair.i]!, b: criteria[pair.j]! } : null,
      issues,
    });
  }
  return out;
}

/**
 * The weight each indicator gets among its siblings: its number, or its share of the parent's AHP
 * comparison it names. Indicators whose AHP weight cannot be derived (no such comparison on the
 * parent, invalid matrix, not among the criteria) are left out.
 */
export function effectiveLocalWeights(indicators: readonly AhpIndicatorLike[]): Map<string, number> {
  const derived = new Map<string, Map<string, number>>();
  for (const node of describeAhpNodes(indicators)) {
    const shares = new Map<string, number>();
    for (const child of node.children) if (child.weight !== null) shares.set(child.id, child.weight);
    derived.set(`${node.nodeId}\u0000${node.comparisonId}`, shares);
  }
  const out = new Map<string, number>();
  for (const doc of indicators) {
    const w = doc.weight;
    if (typeof w === 'number') out.set(doc.id, w);
    else if (typeof w === 'object' && w !== null && typeof (w as { ahp?: unknown }).ahp === 'string') {
      const share = derived.get(`${doc.parentId}\u0000${(w as { ahp: string }).ahp}`)?.get(doc.id);
      if (share !== undefined) out.set(doc.id, share);
    }
  }
  return out;
}
