/** @module Semantic diff of reweights: derived AHP shares before → after as percentages, not `{ahp}`. */
import { describe, expect, it } from 'vitest';
import { diffRuleSets, renderDiffText } from '../../../../engine/core/ruleset/diff.ts';

type Json = Record<string, any>;

const indicator = (id: string, zh: string, en: string, extra: Json = {}): Json => ({
  kind: 'indicator',
  id,
  schemaVersion: 1,
  name: { zh, en },
  level: 'unit',
  parentId: 'ind-service',
  ...extra,
});
const ruleSet = (documents: Json[]): Json => ({ id: 'district-x', documents });
const parent = (extra: Json = {}): Json => ({
  kind: 'indicator',
  id: 'ind-service',
  schemaVersion: 1,
  name: { zh: '公共服务', en: 'Public service' },
  level: 'district',
  parentId: 'ind-root',
  weight: 0.4,
  ...extra,
});
const ahp = (matrix: number[][], method?: string): Json => ({
  ahp: {
    id: 'ahp-service',
    criteria: ['ind-ontime', 'ind-satisfaction'],
    matrix,
    ...(method ? { method } : {}),
  },
});
const children = (ontime: unknown, satisfaction: unknown): Json[] => [
  indicator('ind-ontime', '按时办结率', 'Cases closed on time', { weight: ontime }),
  indicator('ind-satisfaction', '群众满意率', 'Citizen satisfaction', { weight: satisfaction }),
];
const ref = { ahp: 'ahp-service' };
/** The parent weighting both children by an AHP comparison `matrix` (and `method`), the children referring to it. */
const ahpRuleSet = (matrix: number[][], method?: string): Json =>
  ruleSet([parent(ahp(matrix, method)), ...children(ref, ref)]);

describe('diffRuleSets on weights', () => {
  it('shows a fixed weight becoming AHP as derived percentages with where each comes from', () => {
    const before = ruleSet([parent(), ...children(0.3334, 0.6666)]);
    const after = ahpRuleSet([
      [1, 3],
      [1 / 3, 1],
    ]);
    const diff = diffRuleSets(before, after);
    const ontime = diff.find((e) => e.documentId === 'ind-ontime' && e.change === 'reweighted')!;
    expect(ontime.summary).toEqual({
      en: 'weight 33.3% → 75.0% (fixed 0.3334 → AHP ahp-service)',
      zh: '权重 33.3% → 75.0%（固定 0.3334 → AHP ahp-service）',
    });
    // The raw values stay machine-readable.
    expect(ontime).toMatchObject({ path: '/weight', before: 0.3334, after: ref });
    const node = diff.find((e) => e.documentId === 'ind-service' && e.change === 'reweighted')!;
    expect(node.path).toBe('/ahp');
    expect(node.summary.zh).toBe(
      '下级指标 AHP 权重：按时办结率 33.3% → 75.0%，群众满意率 66.7% → 25.0%；CR — → 0.000',
    );
    expect(node.summary.en).toBe(
      'AHP weights of the children: Cases closed on time 33.3% → 75.0%, Citizen satisfaction 66.7% → 25.0%; CR — → 0.000',
    );
    expect(JSON.stringify(diff.map((e) => e.summary))).not.toContain('{"ahp"');
  });

  it('shows a changed matrix on the parent as each child’s share before → after, and the method when it changes', () => {
    const before = ahpRuleSet([
      [1, 2],
      [0.5, 1],
    ]);
    const after = ahpRuleSet(
      [
        [1, 3],
        [1 / 3, 1],
      ],
      'geometricMean',
    );
    const diff = diffRuleSets(before, after);
    // The children did not change as documents; the reweight is reported once, on the parent.
    expect(diff.map((e) => [e.documentId, e.change, e.path])).toEqual([
      ['ind-service', 'reweighted', '/ahp'],
    ]);
    expect(diff[0]!.summary.en).toBe(
      'AHP weights of the children: Cases closed on time 66.7% → 75.0%, Citizen satisfaction 33.3% → 25.0%; CR 0.000 → 0.000; method eigenvector → geometricMean',
    );
    expect(renderDiffText(diff, 'zh')).toContain('按时办结率 66.7% → 75.0%，群众满意率 33.3% → 25.0%');
  });

  it('adds decimals when the rounded shares would read the same', () => {
    const before = ruleSet([parent(), ...children(0.3334, 0.6666)]);
    const after = ahpRuleSet([
      [1, 0.5],
      [2, 1],
    ]);
    const ontime = diffRuleSets(before, after).find((e) => e.documentId === 'ind-ontime')!;
    expect(ontime.summary.en).toBe('weight 33.34% → 33.33% (fixed 0.3334 → AHP ahp-service)');
  });

  it('keeps plain number reweights as they were', () => {
    const diff = diffRuleSets(
      ruleSet([parent(), ...children(0.4, 0.6)]),
      ruleSet([parent(), ...children(0.5, 0.5)]),
    );
    expect(diff.find((e) => e.documentId === 'ind-ontime')!.summary).toEqual({
      en: 'weight 0.4 → 0.5',
      zh: '权重 0.4 → 0.5',
    });
  });
});
