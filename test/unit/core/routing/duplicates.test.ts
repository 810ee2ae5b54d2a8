/** @module Duplicate detection at intake: text similarity of Chinese texts and the judgement of candidates by phone, address, category and text. */
import { describe, expect, it } from 'vitest';
import {
  type DuplicateCandidate,
  type DuplicateSettings,
  judgeDuplicates,
  textSimilarity,
} from '../../../../engine/core/routing/duplicates.ts';

const settings: DuplicateSettings = {
  windowHours: 72,
  sameCategory: true,
  textSimilarity: 0.5,
  limit: 5,
  excludeStates: ['merged', 'rejected'],
};

const candidate = (over: Partial<DuplicateCandidate>): DuplicateCandidate => ({
  id: 'c-1',
  number: '2026-000001',
  category: 'utilities.water',
  status: 'handling',
  text: '幸福小区3号楼停水两天了',
  phone: '13800000001',
  address: '幸福小区3号楼',
  createdAt: '2026-05-11T01:00:00.000Z',
  ...over,
});

const incoming = {
  category: 'utilities.water',
  text: '幸福小区3号楼停水已经两天，一直没人管',
  phone: '138-0000-0001',
  address: '幸福小区 3号楼',
  receivedAt: '2026-05-11T03:00:00.000Z',
};

describe('textSimilarity', () => {
  it('scores the same complaint in other words high and an unrelated one low', () => {
    expect(textSimilarity('幸福小区停水两天了', '幸福小区停水两天了。')).toBe(1);
    expect(textSimilarity(incoming.text, '幸福小区3号楼停水两天了')).toBeGreaterThan(0.5);
    expect(textSimilarity(incoming.text, '路口有流动摊贩占道经营')).toBeLessThan(0.1);
    expect(textSimilarity('', '任何')).toBe(0);
  });
});

describe('judgeDuplicates', () => {
  it('lists a same-category case by the same caller at the same address as a likely original with its reasons', () => {
    const [match, ...rest] = judgeDuplicates(settings, incoming, [candidate({})]);
    expect(rest).toEqual([]);
    expect(match).toMatchObject({
      caseId: 'c-1',
      number: '2026-000001',
      reasons: ['phone', 'address', 'text'],
    });
  });

  it('finds a repeat by text alone from another caller, and ranks it after a stronger match', () => {
    const other = candidate({ id: 'c-2', number: '2026-000002', phone: '13900000002', address: null });
    const matches = judgeDuplicates(settings, incoming, [other, candidate({})]);
    expect(matches.map((m) => [m.caseId, m.reasons])).toEqual([
      ['c-1', ['phone', 'address', 'text']],
      ['c-2', ['text']],
    ]);
  });

  it('skips other categories, excluded states, later cases and unrelated texts', () => {
    expect(
      judgeDuplicates(settings, incoming, [
        candidate({ category: 'environment.noise' }),
        candidate({ status: 'merged' }),
        candidate({ createdAt: '2026-05-11T04:00:00.000Z' }),
        candidate({ phone: null, address: null, text: '路口有流动摊贩占道经营' }),
      ]),
    ).toEqual([]);
    // Without the same-category rule the same caller's other complaint is listed.
    expect(
      judgeDuplicates({ ...settings, sameCategory: false }, incoming, [
        candidate({ category: 'environment.noise' }),
      ]),
    ).toHaveLength(1);
  });
});
