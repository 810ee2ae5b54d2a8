/** @module The indicators a unit is assessed on, with weights and targets (`GET /api/performance/indicators`). */
import type { LocalizedText } from '../../core/errors.ts';
import type { CompiledLeaf } from '../../core/scoring/model.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { scopedUnit } from './scope.ts';
import { loadScoring } from './scoring-state.ts';

/** One of a unit's indicators with its weight and target. */
export interface UnitIndicator {
  indicatorId: string;
  code: string;
  name: LocalizedText;
  path: readonly string[];
  role: CompiledLeaf['role'];
  frequency: CompiledLeaf['period'];
  dataSource: CompiledLeaf['dataSource'];
  formId: string | null;
  maxScore: number;
  minScore: number;
  weight: number;
  localWeight: number;
  target: { value: number; monthly?: readonly number[] } | null;
  lightRuleId: string | null;
}

/** A leaf as one of `unitId`'s indicators. */
function unitIndicatorOf(leaf: CompiledLeaf, unitId: string): UnitIndicator {
  const target = leaf.targets.get(unitId);
  return {
    indicatorId: leaf.id,
    code: leaf.code,
    name: leaf.name,
    path: leaf.path,
    role: leaf.role,
    frequency: leaf.period,
    dataSource: leaf.dataSource,
    formId: leaf.form?.id ?? null,
    maxScore: leaf.maxScore,
    minScore: leaf.minScore,
    weight: leaf.nominalWeight,
    localWeight: leaf.localWeight,
    target: target ? { value: target.value, ...(target.monthly ? { monthly: target.monthly } : {}) } : null,
    lightRuleId: leaf.lightRuleId,
  };
}

/** The indicators a unit is assessed on, with weights and targets (getUnitIndicators). */
export async function getUnitIndicators(
  deps: AppDeps,
  input: { actor: Actor; unitId?: string; period?: string; ruleSetId?: string },
): Promise<{ ruleSetId: string; ruleSetVersion: number; unitId: string; indicators: UnitIndicator[] }> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.period });
  const unitId = await scopedUnit({ deps, actor: input.actor, unitId: input.unitId });
  const indicators = (loaded.model.leavesByUnit.get(unitId) ?? []).map((leaf) =>
    unitIndicatorOf(leaf, unitId),
  );
  return { ruleSetId: loaded.ruleSetId, ruleSetVersion: loaded.version, unitId, indicators };
}
