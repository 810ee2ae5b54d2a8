/** @module Tests of the AHP weights view of indicator documents (describeAhpNodes) and of effective sibling weights. */
import { describe, expect, it } from 'vitest';
import {
  type AhpIndicatorLike,
  describeAhpNodes,
  effectiveLocalWeights,
} from '../../../../engine/core/scoring/ahp.ts';
import { cyclic, fourByFour } from '../../../support/ahp-matrices.ts';

const name = (zh: string, en: string) => ({ zh, en });

const tree = (matrix: unknown, criteria = ['c1', 'c2', 'c3', 'c4']): AhpIndicatorLike[] => [
  {
    id: 'p',
    name: name('公共安全', 'Public safety'),
    weight: 1,
    ahp: { id: 'ahp-p', criteria, matrix },
  },
  ...criteria.map((id, k) => ({
    id,
    name: name(`子指标${k + 1}`, `Child ${k + 1}`),
    parentId: 'p',
    weight: { ahp: 'ahp-p' },
  })),
];

describe('describeAhpNodes', () => {
  it('shows the derived weights, λmax, CI, RI, CR and method of a known 4×4 matrix, children by name', () => {
    const [node, ...others] = describeAhpNodes(tree(fourByFour));
    expect(others).toEqual([]);
    expect(node).toMatchObject({
      nodeId: 'p',
      name: { zh: '公共安全', en: 'Public safety' },
      comparisonId: 'ahp-p',
      method: 'eigenvector',
      ri: 0.9,
      crThreshold: 0.1,
      isConsistent: true,
      issues: [],
    });
    expect(node!.children.map((c) => c.id)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(node!.children[0]!.name).toEqual({ zh: '子指标1', en: 'Child 1' });
    const expected = [0.548, 0.127, 0.27, 0.056];
    for (const [k, c] of node!.children.entries()) expect(c.weight).toBeCloseTo(expected[k]!, 3);
    expect(node!.lambdaMax).toBeCloseTo(4.1184, 3);
    expect(node!.ci).toBeCloseTo(0.0395, 3);
    expect(node!.cr).toBeCloseTo(0.044, 3);
  });

  it('follows the method of the comparison (geometric mean)', () => {
    const docs = tree(fourByFour);
    docs[0]!.ahp = { ...docs[0]!.ahp!, method: 'geometricMean' };
    const [node] = describeAhpNodes(docs);
    expect(node!.method).toBe('geometricMean');
    expect(node!.cr).toBeCloseTo(0.044, 2);
  });

  it('marks the cyclic matrix inconsistent (CR ≈ 1.149) and names the pair by child id', () => {
    const [node] = describeAhpNodes(tree(cyclic, ['a', 'b', 'c']));
    expect(node!.isConsistent).toBe(false);
    expect(node!.cr).toBeCloseTo(1.149, 2);
    expect(node!.lambdaMax).toBeCloseTo(4.333, 2);
    expect(node!.mostInconsistentPair).toMatchObject({ a: expect.any(String), b: expect.any(String) });
    for (const c of node!.children) expect(c.weight).toBeCloseTo(1 / 3, 6);
  });

  it('reports an invalid or mis-sized matrix in issues instead of throwing, with no weights', () => {
    const [bad] = describeAhpNodes(
      tree(
        [
          [1, 3],
          [3, 1],
        ],
        ['a', 'b'],
      ),
    );
    expect(bad!.issues.map((i) => i.code)).toEqual(['ahp.not_reciprocal']);
    expect(bad!.children.map((c) => c.weight)).toEqual([null, null]);
    expect(bad).toMatchObject({ lambdaMax: null, ci: null, cr: null, ri: null, isConsistent: false });
    const [mismatch] = describeAhpNodes(tree(fourByFour, ['a', 'b']));
    expect(mismatch!.issues.map((i) => i.code)).toEqual(['ahp.size_mismatch']);
    expect(mismatch!.issues[0]!.messageZh).toContain('判断矩阵');
  });

  it('gives a null name for a criterion no indicator has', () => {
    const docs = tree(fourByFour).filter((d) => d.id !== 'c4');
    expect(describeAhpNodes(docs)[0]!.children[3]).toMatchObject({ id: 'c4', name: null });
  });
});

describe('effectiveLocalWeights', () => {
  it('uses fixed numbers as they are and derives AHP references from the parent matrix', () => {
    const weights = effectiveLocalWeights(
      tree(
        [
          [1, 3],
          [1 / 3, 1],
        ],
        ['a', 'b'],
      ),
    );
    expect(weights.get('p')).toBe(1);
    expect(weights.get('a')).toBeCloseTo(0.75, 10);
    expect(weights.get('b')).toBeCloseTo(0.25, 10);
  });

  it('leaves out a reference to a comparison the parent does not have', () => {
    const docs = tree(
      [
        [1, 3],
        [1 / 3, 1],
      ],
      ['a', 'b'],
    );
    docs[1]!.weight = { ahp: 'ahp-other' };
    const weights = effectiveLocalWeights(docs);
    expect(weights.has('a')).toBe(false);
    expect(weights.get('b')).toBeCloseTo(0.25, 10);
  });
});
