/** @module The leaves fed by case metrics (`dataSource: caseMetrics`) in the assessment version in force, with the entry field their rule reads. */
import type { CaseMetricId } from '../../core/routing/metric-catalogue.ts';
import type { AppDeps } from '../context.ts';
import { loadScoring } from './scoring-state.ts';

/** A leaf fed by case metrics (`dataSource: caseMetrics`) in the assessment version in force. */
export interface CaseMetricIndicator {
  indicatorId: string;
  period: 'monthly' | 'quarterly' | 'yearly';
  owners: string[];
  /** Primary metric (`metric` of the indicator; default `onTimeRate`); the rule reads every metric as `entry.<id>`. */
  metric: CaseMetricId;
  /** Entry field the scoring rule reads the metric from: the form's first required field, else `value`. */
  field: string;
}

/** The `caseMetrics` leaves of the assessment version in force (or of `ruleSetId`). */
export async function listCaseMetricIndicators(
  deps: AppDeps,
  input: { ruleSetId?: string; period?: string } = {},
): Promise<CaseMetricIndicator[]> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.period });
  const docs = (loaded.content.documents ?? []) as unknown as Array<Record<string, unknown>>;
  const formFieldOf = (formId: unknown): string => {
    const form = docs.find((d) => d.kind === 'form' && d.id === formId) as
      | { schema?: { required?: string[]; properties?: Record<string, unknown> } }
      | undefined;
    return form?.schema?.required?.[0] ?? Object.keys(form?.schema?.properties ?? {})[0] ?? 'value';
  };
  return loaded.model.leaves
    .filter((leaf) => leaf.dataSource === 'caseMetrics')
    .map((leaf) => {
      const doc = docs.find((d) => d.kind === 'indicator' && d.id === leaf.id) ?? {};
      return {
        indicatorId: leaf.id,
        period: leaf.period,
        owners: [...leaf.owners],
        metric: leaf.caseMetric ?? 'onTimeRate',
        field: formFieldOf(doc.formId),
      };
    });
}
