/** @module Which units a performance request reaches: unit users read their unit's subtree and write only their own unit; other roles name the unit. */
import type { LocalizedText } from '../../core/errors.ts';
import { PermissionError, ValidationError } from '../../core/errors.ts';
import type { AppDeps } from '../context.ts';
import { type Actor, isUnitScoped } from '../permissions.ts';
import { subtreeIds } from '../units.ts';

const t = (en: string, zh: string): LocalizedText => ({ en, zh });

/** The units a unit-scoped actor reads (its unit's subtree); null when the actor reads every unit. */
export async function readableUnits(deps: AppDeps, actor: Actor): Promise<Set<string> | null> {
  if (!isUnitScoped(actor)) return null;
  if (actor.unitId === null) return new Set();
  return subtreeIds(await deps.store.units.list(), actor.unitId);
}

const outOfScope = () =>
  new PermissionError(
    'performance.out_of_scope',
    t('You may only see and fill in your own unit’s data.', '只能查看和填报本单位的数据。'),
  );

/** The unit a request is about: unit users default to (and are limited to) their own unit. */
export async function scopedUnit(q: {
  deps: AppDeps;
  actor: Actor;
  unitId?: string | undefined;
  isWrite?: boolean;
}): Promise<string> {
  const { actor } = q;
  if (isUnitScoped(actor)) {
    const unitId = q.unitId ?? actor.unitId;
    if (unitId === null || unitId === undefined) throw outOfScope();
    if (q.isWrite ? unitId !== actor.unitId : !(await readableUnits(q.deps, actor))!.has(unitId))
      throw outOfScope();
    return unitId;
  }
  if (!q.unitId)
    throw new ValidationError(
      'performance.unit_required',
      t('Name the unit (unitId).', '请指定责任单位（unitId）。'),
      { path: '/unitId' },
    );
  return q.unitId;
}

/** The unit a list is filtered to: the one named (checked as `scopedUnit` does), a unit user's own, or none. */
export async function listedUnit(q: {
  deps: AppDeps;
  actor: Actor;
  unitId?: string | undefined;
}): Promise<string | undefined> {
  return q.unitId !== undefined || isUnitScoped(q.actor) ? scopedUnit(q) : undefined;
}
