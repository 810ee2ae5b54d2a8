/** @module The permission table keeps its house rules. */
import { describe, expect, it } from 'vitest';
import { can, GLOBAL_ROLES, isUnitScoped, PERMISSIONS, ROLES } from '../../../engine/app/permissions.ts';

describe('permissions', () => {
  it('gives the auditor every read-only permission and no write permission', () => {
    for (const [name, spec] of Object.entries(PERMISSIONS)) {
      const roles: readonly string[] = spec.roles;
      expect(roles.includes('auditor'), name).toBe(spec.readOnly);
    }
  });

  it('names only known roles', () => {
    for (const spec of Object.values(PERMISSIONS)) {
      for (const role of spec.roles) expect(ROLES).toContain(role);
    }
  });

  it('lets admins create API keys and nobody else', () => {
    for (const role of ROLES) expect(can({ roles: [role] }, 'apiKeys.create'), role).toBe(role === 'admin');
  });

  it('scopes unit users and unit-bound keys to their unit, but not global roles', () => {
    expect(isUnitScoped({ roles: ['unit'], unitId: 'u' })).toBe(true);
    expect(isUnitScoped({ roles: ['plugin'], unitId: 'u' })).toBe(true);
    expect(isUnitScoped({ roles: ['plugin'], unitId: null })).toBe(false);
    for (const role of GLOBAL_ROLES) expect(isUnitScoped({ roles: ['unit', role], unitId: 'u' })).toBe(false);
  });
});
