/** @module Checks shared by the operations that give roles and a unit to a user or an API key. */
import { NotFoundError, ValidationError } from '../core/errors.ts';
import type { Role } from '../ports/store.ts';
import type { AppDeps } from './context.ts';
import { ROLES } from './permissions.ts';

/** 400 `code` (e.g. `user.unknown_role`) naming the first role that is not a stored role. */
export function requireKnownRoles(roles: readonly Role[], code: string): void {
  const unknown = roles.find((role) => !ROLES.includes(role));
  if (unknown !== undefined) {
    throw new ValidationError(
      code,
      { en: `Unknown role "${unknown}".`, zh: `未知角色“${unknown}”。` },
      { path: '/roles' },
    );
  }
}

/** 404 `unit.not_found` when `unitId` is given and names no unit. */
export async function requireUnitIfNamed(deps: Pick<AppDeps, 'store'>, unitId: string | null): Promise<void> {
  if (unitId !== null && !(await deps.store.units.get(unitId))) {
    throw new NotFoundError(
      'unit.not_found',
      { en: `Unit "${unitId}" does not exist.`, zh: `责任单位“${unitId}”不存在。` },
      { path: '/unitId' },
    );
  }
}
