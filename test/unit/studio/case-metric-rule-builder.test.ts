/** @module The rule builder's variables for case-metric indicators: every metric of the core catalogue by its Chinese name, checked rules and sample data that read them. */
import { describe, expect, it } from 'vitest';
import { CASE_METRICS } from '../../../engine/core/routing/metric-catalogue.ts';
import { checkRule, evaluate } from '../../../engine/core/rule-language.ts';
import {
  caseMetricOfPath,
  entrySchemaOf,
  ruleVariablesOf,
  sampleData,
} from '../../../studio/pages/performance/rule-blocks.ts';

const form = {
  type: 'object',
  properties: { rate: { type: 'number', minimum: 0, maximum: 100 } },
  required: ['rate'],
  additionalProperties: false,
};
const caseMetrics = { dataSource: 'caseMetrics', metric: 'satisfactionRate' };
const rule = {
  '-': [{ '*': [100, { var: 'entry.satisfactionRate' }] }, { '*': [50, { var: 'entry.returnRate' }] }],
};
const dataSchema = (subject?: typeof caseMetrics) => ({
  type: 'object',
  properties: { entry: entrySchemaOf(form, subject), target: { type: 'number' }, month: { type: 'integer' } },
});

describe('case metrics in the rule builder', () => {
  it('offers every catalogue metric by its Chinese name, first, when the data source is caseMetrics', () => {
    const vars = ruleVariablesOf(form, caseMetrics);
    expect(vars.slice(0, CASE_METRICS.length).map((v) => v.path)).toEqual(
      CASE_METRICS.map((m) => `entry.${m.id}`),
    );
    expect(vars.find((v) => v.path === 'entry.satisfactionRate')?.label?.zh).toBe('满意率');
    expect(vars.find((v) => v.path === 'entry.overdueCount')?.label?.zh).toBe('超期件数');
    expect(vars.map((v) => v.path)).toContain('entry.rate');
    // A form-fed indicator keeps its form fields only.
    expect(ruleVariablesOf(form, { dataSource: 'form' }).map((v) => v.path)).toEqual([
      'entry.rate',
      'target',
      'month',
      'params',
    ]);
    expect(caseMetricOfPath('entry.returnRate')?.name.zh).toBe('退单率');
    expect(caseMetricOfPath('entry.rate')).toBeUndefined();
  });

  it('checks a rule over named metrics against the catalogue, not only the form', () => {
    expect(checkRule(rule, dataSchema(caseMetrics)).filter((i) => i.severity !== 'warning')).toEqual([]);
    const unknown = checkRule(rule, dataSchema());
    expect(unknown.map((i) => i.code)).toContain('logic.unknown_variable');
  });

  it('tries the rule on sample metrics of a unit-month with cases', () => {
    const sample = sampleData(form, 95, caseMetrics);
    expect(sample.entry).toMatchObject({ metric: 'satisfactionRate', rate: 87.5, satisfactionRate: 0.875 });
    expect((sample.entry as Record<string, unknown>).noCases).toBeUndefined();
    expect(evaluate(rule, sample)).toBeCloseTo(87.5 - 5, 10);
  });
});
