/** @module Tests of AHP weights, consistency checks, expert aggregation and tree weights. */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../engine/core/errors.ts';
import {
  checkAhp,
  combineExperts,
  computeAhp,
  computeGlobalWeights,
  geometricMeanWeights,
  SAATY_RANDOM_INDEX,
  validateMatrix,
} from '../../../../engine/core/scoring/ahp.ts';
import { cyclic, fourByFour } from '../../../support/ahp-matrices.ts';

const consistent = [
  [1, 2, 4],
  [1 / 2, 1, 2],
  [1 / 4, 1 / 2, 1],
];

describe('AHP weights', () => {
  it('computes the principal eigenvector, λmax and CR of the textbook 4×4 matrix', () => {
    const r = computeAhp(fourByFour);
    const expected = [0.548, 0.127, 0.27, 0.056];
    for (const [i, w] of r.weights.entries()) expect(w).toBeCloseTo(expected[i]!, 3);
    expect(r.weights.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(r.lambdaMax).toBeCloseTo(4.1184, 3);
    expect(r.ci).toBeCloseTo(0.0395, 3);
    expect(r.ri).toBe(0.9);
    expect(r.cr).toBeCloseTo(0.044, 3);
    expect(r.isConsistent).toBe(true);
  });

  it('gives geometric-mean weights close to but not identical with the eigenvector for the 4×4 matrix', () => {
    const eig = computeAhp(fourByFour).weights;
    const gm = computeAhp(fourByFour, { method: 'geometricMean' });
    expect(gm.method).toBe('geometricMean');
    for (const [i, w] of gm.weights.entries()) expect(Math.abs(w - eig[i]!)).toBeLessThan(0.01);
    expect(gm.weights.some((w, i) => Math.abs(w - eig[i]!) > 1e-4)).toBe(true);
    expect(gm.cr).toBeCloseTo(0.044, 2);
  });

  it('recovers 4/7, 2/7, 1/7 with CR 0 for a perfectly consistent matrix by both methods', () => {
    for (const method of ['eigenvector', 'geometricMean'] as const) {
      const r = computeAhp(consistent, { method });
      expect(r.weights[0]).toBeCloseTo(4 / 7, 10);
      expect(r.weights[1]).toBeCloseTo(2 / 7, 10);
      expect(r.weights[2]).toBeCloseTo(1 / 7, 10);
      expect(r.lambdaMax).toBeCloseTo(3, 10);
      expect(r.cr).toBeCloseTo(0, 10);
      expect(r.isConsistent).toBe(true);
    }
  });

  it('rejects the cyclic 3×3 matrix with CR ≈ 1.149 by both methods', () => {
    for (const method of ['eigenvector', 'geometricMean'] as const) {
      const r = computeAhp(cyclic, { method });
      for (const w of r.weights) expect(w).toBeCloseTo(1 / 3, 10);
      expect(r.lambdaMax).toBeCloseTo(13 / 3, 10);
      expect(r.cr).toBeCloseTo(1.149, 3);
      expect(r.isConsistent).toBe(false);
    }
  });

  it('returns weight 1 and CR 0 for a single criterion and CR 0 for any reciprocal 2×2', () => {
    expect(computeAhp([[1]]).weights).toEqual([1]);
    const two = computeAhp([
      [1, 5],
      [1 / 5, 1],
    ]);
    expect(two.weights[0]).toBeCloseTo(5 / 6, 10);
    expect(two.cr).toBe(0);
  });

  it('uses a caller-supplied random index table', () => {
    const table = [...SAATY_RANDOM_INDEX];
    table[3] = 0.89;
    expect(computeAhp(fourByFour, { randomIndex: table }).ri).toBe(0.89);
  });

  it('computes geometric-mean weights of a consistent matrix exactly', () => {
    const w = geometricMeanWeights(consistent);
    expect(w[0]! / w[1]!).toBeCloseTo(2, 12);
  });
});

describe('AHP checks', () => {
  it('reports no issue for an acceptably consistent matrix', () => {
    expect(checkAhp(fourByFour)).toEqual([]);
  });

  it('reports the inconsistent matrix naming the most inconsistent pair', () => {
    const issues = checkAhp(cyclic, {}, '/comparisons');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.code).toBe('ahp.inconsistent');
    expect(issues[0]!.path).toBe('/comparisons/0/1');
    expect(issues[0]!.message).toContain('1.149');
    expect(issues[0]!.messageZh).toContain('一致性比率');
  });

  it('names the single bad judgement in an otherwise consistent 4×4 matrix', () => {
    const m = [
      [1, 2, 4, 8],
      [1 / 2, 1, 2, 4],
      [1 / 4, 1 / 2, 1, 2],
      [1 / 8, 1 / 4, 1 / 2, 1],
    ];
    m[1]![3] = 1 / 4;
    m[3]![1] = 4;
    const r = computeAhp(m);
    expect(r.isConsistent).toBe(false);
    expect([r.mostInconsistentPair!.i, r.mostInconsistentPair!.j]).toEqual([1, 3]);
    expect(checkAhp(m)[0]!.path).toBe('/1/3');
  });

  it('validates shape, positivity, diagonal and reciprocity with paths', () => {
    expect(validateMatrix([])[0]!.code).toBe('ahp.not_square');
    expect(validateMatrix([[1, 2], [0.5]])[0]).toMatchObject({ code: 'ahp.not_square', path: '/1' });
    expect(
      validateMatrix([
        [1, -2],
        [0.5, 1],
      ])[0],
    ).toMatchObject({ code: 'ahp.not_positive', path: '/0/1' });
    expect(
      validateMatrix([
        [2, 2],
        [0.5, 1],
      ])[0],
    ).toMatchObject({ code: 'ahp.diagonal', path: '/0/0' });
    expect(
      validateMatrix([
        [1, 2],
        [0.4, 1],
      ])[0],
    ).toMatchObject({ code: 'ahp.not_reciprocal', path: '/1/0' });
    expect(validateMatrix('x')[0]!.code).toBe('ahp.not_square');
  });

  it('accepts rounded reciprocals like 0.333 within the tolerance', () => {
    expect(
      validateMatrix([
        [1, 3],
        [0.333, 1],
      ]),
    ).toEqual([]);
  });

  it('reports a missing random index for a matrix larger than the table', () => {
    const n = 12;
    const m = Array.from({ length: n }, () => new Array<number>(n).fill(1));
    expect(validateMatrix(m).map((i) => i.code)).toEqual(['ahp.random_index_missing']);
  });

  it('throws a ValidationError when weighting an invalid matrix', () => {
    expect(() => computeAhp([[1, 2]])).toThrow(ValidationError);
  });
});

describe('AHP aggregation', () => {
  // Two experts' judgements of the same pair of criteria.
  const a = [
    [1, 2],
    [1 / 2, 1],
  ];
  const b = [
    [1, 8],
    [1 / 8, 1],
  ];

  it('combines experts by element-wise geometric mean and keeps the result reciprocal', () => {
    const c = combineExperts([a, b]);
    expect(c[0]![1]).toBeCloseTo(4, 12);
    expect(c[1]![0]).toBeCloseTo(1 / 4, 12);
    expect(validateMatrix(c)).toEqual([]);
  });

  it('weights experts when weights are given', () => {
    expect(combineExperts([a, b], [3, 1])[0]![1]).toBeCloseTo(2 ** 0.75 * 8 ** 0.25, 12);
  });

  it('refuses mismatched expert matrices', () => {
    expect(() => combineExperts([consistent, [[1]]])).toThrow(ValidationError);
    expect(() => combineExperts([])).toThrow(ValidationError);
  });

  it('multiplies local weights by the parent global weight down the indicator tree', () => {
    const result = computeGlobalWeights({
      id: 'root',
      localWeights: [0.6, 0.4],
      children: [
        { id: 'a', comparisons: consistent, children: [{ id: 'a1' }, { id: 'a2' }, { id: 'a3' }] },
        { id: 'b', children: [{ id: 'b1' }, { id: 'b2' }] },
      ],
    });
    expect(result.leaves.a1).toBeCloseTo(0.6 * (4 / 7), 12);
    expect(result.leaves.a3).toBeCloseTo(0.6 * (1 / 7), 12);
    expect(result.leaves.b2).toBeCloseTo(0.2, 12);
    expect(Object.values(result.leaves).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    const a = result.nodes.find((n) => n.id === 'a')!;
    expect(a).toMatchObject({ parentId: 'root', depth: 1, local: 0.6 });
    expect(a.cr).toBeCloseTo(0, 10);
    expect(result.issues).toEqual([]);
  });

  it('reports inconsistent tree nodes with the path of their matrix', () => {
    const result = computeGlobalWeights({
      id: 'root',
      children: [
        { id: 'x', comparisons: cyclic, children: [{ id: 'x1' }, { id: 'x2' }, { id: 'x3' }] },
        { id: 'y' },
      ],
    });
    expect(result.leaves.y).toBeCloseTo(0.5, 12);
    expect(result.issues.map((i) => i.path)).toEqual(['/children/0/comparisons/0/1']);
  });

  it('refuses a tree node whose weights do not match its children', () => {
    expect(() =>
      computeGlobalWeights({ id: 'r', localWeights: [1], children: [{ id: 'a' }, { id: 'b' }] }),
    ).toThrow(ValidationError);
  });
});
