/** @module Roles, named permissions and the one table that maps permissions to roles. */
import type { Role, UnitKind } from '../ports/store.ts';

/** Every stored role. */
export const ROLES: readonly Role[] = [
  'admin',
  'dispatcher',
  'supervisor',
  'unit',
  'reviewer',
  'auditor',
  'plugin',
];

/** Every unit kind. */
export const UNIT_KINDS: readonly UnitKind[] = [
  'department',
  'street',
  'community',
  'third_party',
  'city_office',
];

/** Roles that see every unit; anyone else holding a unit is limited to that unit's subtree. */
export const GLOBAL_ROLES: readonly Role[] = ['admin', 'dispatcher', 'supervisor', 'reviewer', 'auditor'];

/** One named permission: who holds it, and whether it only reads (the auditor holds every read). */
export interface PermissionSpec {
  description: string;
  readOnly: boolean;
  roles: readonly Role[];
}

/**
 * The permission table. Add a permission here, then name it in a route's `permission`.
 * Rule of the house: `auditor` holds every `readOnly` permission and no other.
 */
export const PERMISSIONS = {
  'session.self': {
    description: 'Read or end one’s own session',
    readOnly: true,
    roles: ROLES,
  },
  'units.read': {
    description: 'Read responsible units (unit users: own unit and its descendants)',
    readOnly: true,
    roles: ROLES,
  },
  'apiKeys.read': {
    description: 'List API keys (never their secrets)',
    readOnly: true,
    roles: ['admin', 'auditor'],
  },
  'apiKeys.create': {
    description: 'Create API keys',
    readOnly: false,
    roles: ['admin'],
  },
  'apiKeys.revoke': {
    description: 'Revoke API keys (refused from the next request on)',
    readOnly: false,
    roles: ['admin'],
  },
  'users.read': {
    description: 'List user accounts (never their passwords)',
    readOnly: true,
    roles: ['admin', 'auditor'],
  },
  'users.manage': {
    description: 'Create users, disable or enable them, reset their passwords (one-time generated)',
    readOnly: false,
    roles: ['admin'],
  },
  'plugins.read': {
    description: 'List plugins, their config (never credentials), deliveries and intake requests',
    readOnly: true,
    roles: ['admin', 'auditor'],
  },
  'plugins.manage': {
    description:
      'Enable, disable, upgrade and configure plugins, set credentials, test connections, replay deliveries',
    readOnly: false,
    roles: ['admin'],
  },
  'ruleSets.read': {
    description: 'Read rule sets (drafts and reviews only with ruleSets.readDrafts)',
    readOnly: true,
    roles: ROLES,
  },
  'ruleSets.readDrafts': {
    description: 'Read unpublished rule-set versions (drafts, in review, approved)',
    readOnly: true,
    roles: ['admin', 'auditor'],
  },
  'ruleSets.validate': {
    description: 'Validate and check a rule set without saving it',
    readOnly: true,
    roles: ['admin', 'auditor'],
  },
  'ruleSets.export': {
    description: 'Export a rule-set version as a signed bundle',
    readOnly: true,
    roles: ['admin', 'auditor'],
  },
  'ruleSets.edit': {
    description: 'Create rule sets and drafts, edit drafts, submit them for review',
    readOnly: false,
    roles: ['admin'],
  },
  'ruleSets.review': {
    description: 'Approve or reject a version in review (never one’s own: four-eyes rule)',
    readOnly: false,
    roles: ['admin'],
  },
  'ruleSets.publish': {
    description: 'Publish approved versions and archive versions',
    readOnly: false,
    roles: ['admin'],
  },
  'bundles.import': {
    description: 'Import a signed rule-set bundle as a draft',
    readOnly: false,
    roles: ['admin'],
  },
  'cases.intake': {
    description:
      'Take in cases from staff channels (hotline console, community point, grid, deputies, transfers)',
    readOnly: false,
    roles: ['admin', 'dispatcher', 'plugin'],
  },
  'cases.read': {
    description: 'Read cases and queues (unit users: only cases of their unit)',
    readOnly: true,
    roles: ['admin', 'dispatcher', 'supervisor', 'unit', 'reviewer', 'auditor', 'plugin'],
  },
  'cases.act': {
    description: 'Take workflow actions on cases (the workflow decides which role and unit may take which)',
    readOnly: false,
    roles: ['admin', 'dispatcher', 'supervisor', 'unit', 'reviewer', 'plugin'],
  },
  'caseMetrics.read': {
    description: 'Read case metrics per unit and month (unit users: their own unit)',
    readOnly: true,
    roles: ['admin', 'dispatcher', 'supervisor', 'unit', 'reviewer', 'auditor'],
  },
  'performance.read': {
    description:
      'Read forms due, ledger entries, scores with traces, lights, rankings and reports (unit users: own unit)',
    readOnly: true,
    roles: ['admin', 'dispatcher', 'supervisor', 'unit', 'reviewer', 'auditor'],
  },
  'performance.submit': {
    description: 'Submit entries, upload attachments and request amendments (unit users: own unit)',
    readOnly: false,
    roles: ['admin', 'unit'],
  },
  'performance.decide': {
    description: 'Approve or reject amendment requests',
    readOnly: false,
    roles: ['admin'],
  },
  'performance.thirdParty': {
    description: 'Deliver values of third-party indicators',
    readOnly: false,
    roles: ['admin', 'plugin'],
  },
  'performance.whatIf': {
    description: 'Score a draft rule-set version over the ledger history (what-if)',
    readOnly: true,
    roles: ['admin', 'auditor'],
  },
  'audit.read': {
    description: 'Read and verify the audit log',
    readOnly: true,
    roles: ['admin', 'auditor'],
  },
} as const satisfies Record<string, PermissionSpec>;

/** A named permission. */
export type Permission = keyof typeof PERMISSIONS;

/** Who is calling: a signed-in user or an API key. */
export interface Actor {
  kind: 'user' | 'apiKey';
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  unitId: string | null;
}

/**
 * A user actor for operations run without a sign-in (seeding, scripts, tests): `username` with
 * `roles`; its id and display name are the username unless given, its unit none unless given.
 */
export const userActor = (
  username: string,
  roles: Role[],
  q: { id?: string; displayName?: string; unitId?: string | null } = {},
): Actor => ({
  kind: 'user',
  id: q.id ?? username,
  username,
  displayName: q.displayName ?? username,
  roles,
  unitId: q.unitId ?? null,
});

/** Whether `name` is a declared permission. */
export function isPermission(name: string): name is Permission {
  return Object.hasOwn(PERMISSIONS, name);
}

/** Whether `actor` holds `permission` through any of its roles. */
export function can(actor: Pick<Actor, 'roles'>, permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission].roles;
  return actor.roles.some((role) => allowed.includes(role));
}

/** Whether the actor's unit reads are limited to its own unit subtree. */
export function isUnitScoped(actor: Pick<Actor, 'roles' | 'unitId'>): boolean {
  if (actor.roles.some((role) => GLOBAL_ROLES.includes(role))) return false;
  return actor.roles.includes('unit') || actor.unitId !== null;
}
