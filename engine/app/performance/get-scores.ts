/** @module Scores of a unit for a month from the projection, with traces (`GET /api/performance/scores`). */
import { requirePeriod } from '../../core/performance/requirements.ts';
import { explainScore, type IndicatorScore, type UnitResult } from '../../core/scoring/pipeline.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { scopedUnit } from './scope.ts';
import { isRecomputing, loadScoring, recomputesSettled } from './scoring-state.ts';

/** Scores of a unit for a month from the projection, with traces naming `ruleSetId@version`; `explain` adds the operator trace. */
export async function getScores(
  deps: AppDeps,
  input: {
    actor: Actor;
    unitId?: string;
    period: string;
    indicatorId?: string;
    explain?: boolean;
    ruleSetId?: string;
    /** Wait for the background recomputes queued so far before reading (otherwise the last projection). */
    fresh?: boolean;
  },
): Promise<{
  ruleSetId: string;
  ruleSetVersion: number;
  ruleSet: string;
  unitId: string;
  period: string;
  result: UnitResult | null;
  scores: IndicatorScore[];
  /** True while entries of this unit (or of a unit it is ranked with) wait for their recompute: the figures are the last projection. */
  recomputing: boolean;
}> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.period });
  // After loading: a version loaded now queues what a previous process left pending.
  if (input.fresh) await recomputesSettled(deps);
  const unitId = await scopedUnit({ deps, actor: input.actor, unitId: input.unitId });
  const period = requirePeriod(input.period, loaded.model);
  const recomputing = isRecomputing(deps, loaded, { unitId, period });
  const rows = await deps.store.ledger.getProjection({
    ruleSetId: loaded.ruleSetId,
    version: loaded.version,
    unitId,
    period,
  });
  const result = (rows.find((r) => r.indicatorId === null)?.data as UnitResult | undefined) ?? null;
  let scores = rows.filter((r) => r.indicatorId !== null).map((r) => r.data as IndicatorScore);
  if (input.indicatorId !== undefined) {
    scores = scores.filter((s) => s.indicatorId === input.indicatorId);
    if (input.explain) {
      const explained = explainScore(loaded.state, { unitId, indicatorId: input.indicatorId, period });
      if (explained) scores = [explained];
    }
  }
  const order = new Map(loaded.model.leaves.map((l, i) => [l.id, i]));
  scores.sort((a, b) => (order.get(a.indicatorId) ?? 0) - (order.get(b.indicatorId) ?? 0));
  return {
    ruleSetId: loaded.ruleSetId,
    ruleSetVersion: loaded.version,
    ruleSet: loaded.model.ruleSetRef,
    unitId,
    period,
    result,
    scores,
    recomputing,
  };
}
