/** @module The light matrix unit × indicator on a day (`GET /api/performance/lights`). */
import type { LocalizedText } from '../../core/errors.ts';
import { NotFoundError } from '../../core/errors.ts';
import { requireDate } from '../../core/performance/requirements.ts';
import { computeLights, type Light } from '../../core/scoring/lights.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { todayOf } from '../../core/time-zone.ts';
import { readableUnits, scopedUnit } from './scope.ts';
import type { Loaded } from './scoring-cache.ts';
import { isRecomputing, loadScoring, recomputesSettled } from './scoring-state.ts';

const t = (en: string, zh: string): LocalizedText => ({ en, zh });

/** The units of the matrix: the one named (404 when the rule set does not know it), else every unit the caller reads. */
async function matrixUnits(
  deps: AppDeps,
  q: { loaded: Loaded; actor: Actor; unitId?: string | undefined },
): Promise<string[]> {
  const all = [...q.loaded.model.units.keys()];
  if (q.unitId === undefined) {
    const visible = await readableUnits(deps, q.actor);
    return visible ? all.filter((u) => visible.has(u)) : all;
  }
  const unitId = await scopedUnit({ deps, actor: q.actor, unitId: q.unitId });
  // An id the rule set does not know (found by the fuzzer: it was a TypeError, 500).
  if (!q.loaded.model.units.has(unitId))
    throw new NotFoundError(
      'unit.not_found',
      t(`No unit "${unitId}" in this rule set.`, `该规则集中没有责任单位“${unitId}”。`),
      { path: '/unitId' },
    );
  return [unitId];
}

/** Light matrix unit × indicator on `asOf` (default today); unit users get their own rows. */
export async function getLights(
  deps: AppDeps,
  input: { actor: Actor; asOf?: string; unitId?: string; ruleSetId?: string; fresh?: boolean },
): Promise<{
  asOf: string;
  ruleSet: string;
  units: { id: string; name: LocalizedText }[];
  indicators: { id: string; code: string; name: LocalizedText }[];
  lights: Light[];
  /** True while entries of the rule set wait for their recompute (the lights are from the last state). */
  recomputing: boolean;
}> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, at: input.asOf });
  if (input.fresh) await recomputesSettled(deps);
  const asOf = requireDate(input.asOf, todayOf(deps.clock.now()));
  const unitIds = await matrixUnits(deps, { loaded, actor: input.actor, unitId: input.unitId });
  const lights = computeLights({ state: loaded.state, asOf, unitIds });
  const used = new Set(lights.map((l) => l.indicatorId));
  return {
    asOf,
    ruleSet: loaded.model.ruleSetRef,
    units: unitIds.map((id) => ({ id, name: loaded.model.units.get(id)!.name })),
    indicators: loaded.model.leaves
      .filter((l) => used.has(l.id))
      .map((l) => ({ id: l.id, code: l.code, name: l.name })),
    lights,
    recomputing: isRecomputing(deps, loaded, {}),
  };
}
