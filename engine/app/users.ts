/** @module User administration: list, create with roles and unit, disable/enable, reset password (one-time generated passwords only). */
import { ConflictError, NotFoundError, ValidationError } from '../core/errors.ts';
import type { Role, User } from '../ports/store.ts';
import { appendAudit, auditActor } from './audit.ts';
import { type PublicUser, toPublicUser } from './auth.ts';
import type { AppDeps } from './context.ts';
import type { Actor } from './permissions.ts';
import { requireKnownRoles, requireUnitIfNamed } from './role-checks.ts';
import { subtreeIds } from './units.ts';

/** A user as administrators see it: the public shape plus state. */
export interface AdminUser extends PublicUser {
  disabled: boolean;
  createdAt: string;
}

/** A user together with a password generated for them, shown once. */
export interface UserWithPassword {
  user: AdminUser;
  /** Generated one-time password; only its hash is stored. */
  password: string;
}

/** Random bytes behind a generated password (base64url: 16 characters). */
const PASSWORD_BYTES = 12;

const toAdminUser = (user: User): AdminUser => ({
  ...toPublicUser(user),
  disabled: user.disabled,
  createdAt: user.createdAt,
});

async function requireUser(deps: AppDeps, id: string): Promise<User> {
  const user = await deps.store.users.get(id);
  if (!user) {
    throw new NotFoundError('user.not_found', {
      en: `User "${id}" does not exist.`,
      zh: `用户“${id}”不存在。`,
    });
  }
  return user;
}

/**
 * Lists users ordered by username. `unitId` keeps the users of that unit and of the units below it;
 * `role` keeps holders of the role.
 */
export async function listUsers(
  deps: AppDeps,
  input: { actor: Actor; unitId?: string; role?: Role },
): Promise<AdminUser[]> {
  let users = await deps.store.users.list();
  if (input.unitId !== undefined) {
    const ids = subtreeIds(await deps.store.units.list(), input.unitId);
    users = users.filter((user) => user.unitId !== null && ids.has(user.unitId));
  }
  if (input.role !== undefined) users = users.filter((user) => user.roles.includes(input.role!));
  return users.map(toAdminUser);
}

/** Audits an administrator's change to `user`; the details name the user, then `more`. */
function auditUserChange(
  tx: Parameters<typeof appendAudit>[0],
  change: { at: string; actor: Actor; action: string; user: User },
  more: Record<string, unknown> = {},
): Promise<unknown> {
  const { at, actor, action, user } = change;
  return appendAudit(tx, {
    at,
    entry: {
      actor: auditActor(actor),
      action,
      target: `user:${user.id}`,
      details: { username: user.username, ...more },
    },
  });
}

/**
 * Creates a user with a generated one-time password. A `unit` user must name a unit (it is scoped
 * to that unit's subtree); 404 `unit.not_found`, 409 `user.username_taken`.
 */
export async function createUser(
  deps: AppDeps,
  input: { actor: Actor; username: string; displayName?: string; roles: Role[]; unitId?: string | null },
): Promise<UserWithPassword> {
  const roles = [...new Set(input.roles)];
  requireKnownRoles(roles, 'user.unknown_role');
  if (roles.length === 0) {
    throw new ValidationError(
      'user.no_role',
      { en: 'Give the user at least one role.', zh: '请至少为用户指定一个角色。' },
      { path: '/roles' },
    );
  }
  const unitId = input.unitId ?? null;
  if (roles.includes('unit') && unitId === null) {
    throw new ValidationError(
      'user.unit_required',
      {
        en: 'A user with the unit role must belong to a unit.',
        zh: '责任单位角色的用户必须指定所属单位。',
      },
      { path: '/unitId' },
    );
  }
  await requireUnitIfNamed(deps, unitId);
  const password = deps.tokens.randomToken(PASSWORD_BYTES);
  const passwordHash = await deps.hasher.hash(password);
  const at = deps.clock.now().toISOString();
  const user: User = {
    id: deps.ids.newId('usr'),
    username: input.username,
    displayName: input.displayName ?? input.username,
    passwordHash,
    roles,
    unitId,
    disabled: false,
    createdAt: at,
  };
  await deps.store.transaction(async (tx) => {
    if (await tx.users.getByUsername(input.username)) {
      throw new ConflictError(
        'user.username_taken',
        {
          en: `The username "${input.username}" is taken.`,
          zh: `用户名“${input.username}”已被使用。`,
        },
        { path: '/username' },
      );
    }
    await tx.users.insert(user);
    await auditUserChange(tx, { at, actor: input.actor, action: 'user.create', user }, { roles, unitId });
  });
  return { user: toAdminUser(user), password };
}

/**
 * Disables or enables a user. Disabling ends the user's sessions at once; admins cannot disable
 * themselves (409 `user.self_disable`), so the office cannot lock itself out by accident.
 */
export async function setUserDisabled(
  deps: AppDeps,
  input: { actor: Actor; id: string; disabled: boolean },
): Promise<AdminUser> {
  const user = await requireUser(deps, input.id);
  if (input.disabled && input.actor.kind === 'user' && input.actor.id === user.id) {
    throw new ConflictError('user.self_disable', {
      en: 'You cannot disable your own account.',
      zh: '不能停用自己的账号。',
    });
  }
  if (user.disabled === input.disabled) return toAdminUser(user);
  const updated: User = { ...user, disabled: input.disabled };
  const at = deps.clock.now().toISOString();
  await deps.store.transaction(async (tx) => {
    await tx.users.update(updated);
    if (input.disabled) await tx.sessions.deleteForUser(user.id);
    await auditUserChange(tx, {
      at,
      actor: input.actor,
      action: input.disabled ? 'user.disable' : 'user.enable',
      user,
    });
  });
  return toAdminUser(updated);
}

/** Replaces a user's password with a generated one-time password and ends their sessions. */
export async function resetUserPassword(
  deps: AppDeps,
  input: { actor: Actor; id: string },
): Promise<UserWithPassword> {
  const user = await requireUser(deps, input.id);
  const password = deps.tokens.randomToken(PASSWORD_BYTES);
  const updated: User = { ...user, passwordHash: await deps.hasher.hash(password) };
  const at = deps.clock.now().toISOString();
  await deps.store.transaction(async (tx) => {
    await tx.users.update(updated);
    await tx.sessions.deleteForUser(user.id);
    await auditUserChange(tx, { at, actor: input.actor, action: 'user.resetPassword', user });
  });
  return { user: toAdminUser(updated), password };
}
