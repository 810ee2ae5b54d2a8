/** @module Fields of a case-metric indicator (数据来源：办件指标): its primary metric by Chinese name and what it scores when the unit had no cases (无办件). */
import type { Component } from 'solid-js';
import {
  CASE_METRICS,
  NO_CASES_POLICIES,
  NO_CASES_POLICY_NAMES,
  type NoCasesPolicy,
} from '../../../engine/core/routing/metric-catalogue.ts';
import { documentsOf } from './draft-store.tsx';
import type { IndicatorDoc } from './indicator-tree.ts';
import { local, pt } from './messages.ts';
import { IndicatorSelect, type ListSpec, ListSelect } from './indicator-tree/indicator-select.tsx';

/** The primary metric, by name and id, its description as the tooltip. */
const METRIC: ListSpec = {
  field: 'metric',
  testId: 'indicator-metric',
  fallback: 'onTimeRate',
  choices: () =>
    CASE_METRICS.map((m) => ({
      value: m.id,
      label: `${local(m.name)} (${m.id})`,
      title: local(m.description),
    })),
};

/** The metric and the no-cases policy of an indicator whose data source is `caseMetrics`. */
export const CaseMetricFields: Component<{
  doc: IndicatorDoc;
  isEditable: boolean;
  onUpdate: (patch: Partial<IndicatorDoc>) => void;
}> = (props) => {
  const policyDefault = (): NoCasesPolicy =>
    documentsOf<{ kind: string; id: string; whenNoCases?: NoCasesPolicy }>('assessmentPolicy')[0]
      ?.whenNoCases ?? 'exclude';
  return (
    <>
      <ListSelect {...props} list={METRIC} />
      <IndicatorSelect
        {...props}
        field="whenNoCases"
        label={pt('tree.whenNoCases')}
        testId="indicator-when-no-cases"
        isOptional
        choices={NO_CASES_POLICIES.map((p) => ({ value: p, label: local(NO_CASES_POLICY_NAMES[p]) }))}
      >
        <option value="">
          {pt('tree.whenNoCasesDefault', { policy: local(NO_CASES_POLICY_NAMES[policyDefault()]) })}
        </option>
      </IndicatorSelect>
    </>
  );
};
