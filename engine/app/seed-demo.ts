/** @module Demo district seeding: units and demo accounts with random passwords, only into an empty store. */
import { ValidationError } from '../core/errors.ts';
import type { Role, Unit } from '../ports/store.ts';
import type { AppDeps } from './context.ts';
import { seedRuleSets } from './seed-rule-sets.ts';

/** One unit of `seeds/units.json`. */
export interface SeedUnit {
  id: string;
  code: string;
  name: string;
  nameEn?: string | null;
  kind: Unit['kind'];
  parentId?: string | null;
  peerGroup?: string | null;
}

/** One demo account; `unitId` refers to a seeded unit. */
export interface DemoAccount {
  username: string;
  displayName: string;
  roles: Role[];
  unitId?: string | null;
}

/** The demo accounts: two admins (four-eyes approval), one per role, and two unit users. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', displayName: '考核办管理员 Admin', roles: ['admin'] },
  { username: 'admin2', displayName: '考核办复核员 Admin 2', roles: ['admin'] },
  { username: 'dispatcher', displayName: '二级中心派单员 Dispatcher', roles: ['dispatcher'] },
  { username: 'supervisor', displayName: '一级督办员 Supervisor', roles: ['supervisor'] },
  { username: 'reviewer', displayName: '代表评议员 Reviewer', roles: ['reviewer'] },
  { username: 'auditor', displayName: '审计员 Auditor', roles: ['auditor'] },
  {
    username: 'street_user',
    displayName: '新华街道办事处 Xinhua Street user',
    roles: ['unit'],
    unitId: 'street-xinhua',
  },
  {
    username: 'dept_user',
    displayName: '教育局 Education Bureau user',
    roles: ['unit'],
    unitId: 'dept-education',
  },
];

/** Orders units so that every parent comes before its children; throws on unknown parents or cycles. */
export function orderUnits(units: readonly SeedUnit[]): SeedUnit[] {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const ordered: SeedUnit[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (unit: SeedUnit) => {
    if (placed.has(unit.id)) return;
    if (visiting.has(unit.id)) {
      throw new ValidationError('seed.unit_cycle', {
        en: `Unit "${unit.id}" is its own ancestor.`,
        zh: `责任单位“${unit.id}”的上级关系形成了循环。`,
      });
    }
    visiting.add(unit.id);
    const parentId = unit.parentId ?? null;
    if (parentId !== null) {
      const parent = byId.get(parentId);
      if (!parent) {
        throw new ValidationError('seed.unknown_parent', {
          en: `Unit "${unit.id}" names unknown parent "${parentId}".`,
          zh: `责任单位“${unit.id}”的上级“${parentId}”不存在。`,
        });
      }
      place(parent);
    }
    visiting.delete(unit.id);
    placed.add(unit.id);
    ordered.push(unit);
  };
  units.forEach(place);
  return ordered;
}

/**
 * Seeds the demo district when the store holds no units and no users (and, when given, publishes
 * the demo rule sets). Passwords are random and
 * returned once as `{username: password}`; returns null when the store was not empty.
 */
export async function seedDemo(
  deps: AppDeps,
  input: {
    units: readonly SeedUnit[];
    accounts?: readonly DemoAccount[];
    ruleSets?: readonly unknown[];
    /** Calendars (seeds/calendars/) attached to merged rule sets whose SLA policies name them. */
    calendars?: readonly unknown[];
  },
): Promise<Record<string, string> | null> {
  const accounts = input.accounts ?? DEMO_ACCOUNTS;
  const units = orderUnits(input.units);
  const passwords: Record<string, string> = {};
  const hashes = new Map<string, string>();
  // Hash before the transaction: scrypt is slow and the write queue should not wait on it.
  for (const account of accounts) {
    const password = deps.tokens.randomToken(12);
    passwords[account.username] = password;
    hashes.set(account.username, await deps.hasher.hash(password));
  }
  const createdAt = deps.clock.now().toISOString();
  const seeded = await deps.store.transaction(async (tx) => {
    if ((await tx.units.count()) > 0 || (await tx.users.count()) > 0) return false;
    for (const unit of units) {
      await tx.units.insert({
        id: unit.id,
        code: unit.code,
        name: unit.name,
        nameEn: unit.nameEn ?? null,
        kind: unit.kind,
        parentId: unit.parentId ?? null,
        peerGroup: unit.peerGroup ?? null,
      });
    }
    for (const account of accounts) {
      await tx.users.insert({
        id: deps.ids.newId('usr'),
        username: account.username,
        displayName: account.displayName,
        passwordHash: hashes.get(account.username)!,
        roles: [...account.roles],
        unitId: account.unitId ?? null,
        disabled: false,
        createdAt,
      });
    }
    return true;
  });
  // Rule sets go through the lifecycle operations (admin authors, admin2 approves), each in its own transaction.
  if (seeded && input.ruleSets && input.ruleSets.length > 0)
    await seedRuleSets(deps, { ruleSets: input.ruleSets, calendars: input.calendars ?? [] });
  return seeded ? passwords : null;
}

/** Whether the store has neither units nor users. */
export async function isStoreEmpty(deps: AppDeps): Promise<boolean> {
  return (await deps.store.units.count()) === 0 && (await deps.store.users.count()) === 0;
}
