/** @module The argument checks of performance requests: period and day formats, the period inside the rule set's year, the indicator a form leaf the unit owns. */
import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../../../engine/core/errors.ts';
import {
  requireDate,
  requireFormLeaf,
  requireLeaf,
  requireOwner,
  requirePeriod,
  requirePeriodFormat,
} from '../../../../engine/core/performance/requirements.ts';
import { compilePerformanceModel } from '../../../../engine/core/scoring/model.ts';
import { fixtureRuleSet } from '../scoring/performance-fixture.ts';

const model = compilePerformanceModel(fixtureRuleSet());

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('requirePeriod', () => {
  it('answers a YYYY-MM period of the rule set’s year', () => {
    expect(requirePeriod('2026-03', model)).toBe('2026-03');
  });

  it('refuses a malformed period and one outside the year, at the path given', () => {
    expect(codeOf(() => requirePeriod('2026-13', model))).toBe('performance.bad_period');
    expect(codeOf(() => requirePeriod(undefined, model))).toBe('performance.bad_period');
    expect(codeOf(() => requirePeriod('2025-12', model))).toBe('performance.period_outside_rule_set');
    expect(() => requirePeriodFormat('x', '/basePeriod')).toThrow(
      expect.objectContaining({ path: '/basePeriod' }),
    );
  });
});

describe('requireDate', () => {
  it('takes the value, else the fallback, as a YYYY-MM-DD day', () => {
    expect(requireDate(undefined, '2026-03-02')).toBe('2026-03-02');
    expect(requireDate('2026-04-01', '2026-03-02')).toBe('2026-04-01');
    expect(() => requireDate('April', '2026-03-02')).toThrow(ValidationError);
  });
});

describe('leaf checks', () => {
  it('finds a leaf, refuses an unknown one with 404', () => {
    expect(requireLeaf(model, 'a').id).toBe('a');
    expect(() => requireLeaf(model, 'A')).toThrow(NotFoundError);
  });

  it('refuses a unit the leaf does not assess', () => {
    expect(() => requireOwner(requireLeaf(model, 'a'), 's1')).not.toThrow();
    expect(codeOf(() => requireOwner(requireLeaf(model, 'a'), 'nobody'))).toBe('indicator.not_owned');
  });

  it('answers the form of a form leaf', () => {
    expect(requireFormLeaf(requireLeaf(model, 'a')).id).toBe('f-done');
  });
});
