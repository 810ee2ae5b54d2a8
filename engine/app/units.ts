/** @module Unit operations with unit scoping: a unit-scoped actor reads only its unit and its descendants. */
import { NotFoundError, PermissionError } from '../core/errors.ts';
import type { Unit } from '../ports/store.ts';
import type { AppDeps } from './context.ts';
import { type Actor, isUnitScoped } from './permissions.ts';

/** Ids of `rootId` and every unit below it. */
export function subtreeIds(units: readonly Unit[], rootId: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const unit of units) {
    if (unit.parentId === null) continue;
    const list = children.get(unit.parentId) ?? [];
    list.push(unit.id);
    children.set(unit.parentId, list);
  }
  const ids = new Set<string>();
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (ids.has(id)) continue;
    ids.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return ids;
}

/** Units the actor may read, ordered by code. */
export async function listUnits(deps: AppDeps, input: { actor: Actor }): Promise<Unit[]> {
  const units = await deps.store.units.list();
  if (!isUnitScoped(input.actor)) return units;
  if (input.actor.unitId === null) return [];
  const visible = subtreeIds(units, input.actor.unitId);
  return units.filter((unit) => visible.has(unit.id));
}

/** One unit; 404 if it does not exist, 403 if it lies outside a unit-scoped actor's subtree. */
export async function getUnit(deps: AppDeps, input: { actor: Actor; id: string }): Promise<Unit> {
  const unit = await deps.store.units.get(input.id);
  if (!unit) {
    throw new NotFoundError('unit.not_found', {
      en: `Unit "${input.id}" does not exist.`,
      zh: `责任单位“${input.id}”不存在。`,
    });
  }
  if (isUnitScoped(input.actor)) {
    const visible =
      input.actor.unitId === null
        ? new Set<string>()
        : subtreeIds(await deps.store.units.list(), input.actor.unitId);
    if (!visible.has(unit.id)) {
      throw new PermissionError('unit.out_of_scope', {
        en: 'You may only read your own unit and the units below it.',
        zh: '只能查看本单位及下级单位。',
      });
    }
  }
  return unit;
}
