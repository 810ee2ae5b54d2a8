/** @module Helpers of the studio's AHP weights panel: percentages, statistics, the consistency badge and method labels, Chinese first. */
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../../studio/i18n/index.ts';
import {
  type AhpNodeView,
  consistencyBadge,
  methodText,
  percentText,
  statText,
} from '../../../studio/pages/performance/ahp-weights-model.ts';

const node = (extra: Partial<AhpNodeView> = {}): AhpNodeView => ({
  nodeId: 'ind-service',
  name: { zh: '公共服务', en: 'Public service' },
  comparisonId: 'ahp-service',
  method: 'eigenvector',
  children: [
    { id: 'a', name: { zh: '按时办结率', en: 'On time' }, weight: 2 / 3 },
    { id: 'b', name: null, weight: 1 / 3 },
  ],
  lambdaMax: 2,
  ci: 0,
  ri: 0,
  cr: 0,
  crThreshold: 0.1,
  isConsistent: true,
  issues: [],
  ...extra,
});

afterEach(() => setLocale('zh-CN'));

describe('AHP weights panel helpers', () => {
  it('formats shares as percentages with one decimal and statistics with four', () => {
    expect(percentText(2 / 3)).toBe('66.7');
    expect(percentText(null)).toBe('—');
    expect(statText(4.118386)).toBe('4.1184');
    expect(statText(null)).toBe('—');
  });

  it('shows a green badge for a consistent node and a red one otherwise, in Chinese by default', () => {
    setLocale('zh-CN');
    expect(consistencyBadge(node())).toEqual({ tone: 'ok', text: '一致（CR < 0.1）' });
    expect(consistencyBadge(node({ cr: 0.2, isConsistent: false }))).toEqual({
      tone: 'bad',
      text: '不一致（CR ≥ 0.1）',
    });
    const invalid = node({
      cr: null,
      isConsistent: false,
      issues: [{ path: '/ahp/matrix/1/0', code: 'ahp.not_reciprocal', message: 'x', messageZh: 'y' }],
    });
    expect(consistencyBadge(invalid)).toEqual({ tone: 'bad', text: '判断矩阵无效' });
    expect(methodText('geometricMean')).toBe('几何平均法');
  });

  it('speaks English when the studio is switched to English', () => {
    setLocale('en');
    expect(consistencyBadge(node()).text).toBe('Consistent (CR < 0.1)');
    expect(methodText('eigenvector')).toBe('Eigenvector');
  });
});
