/** @module Builds the app deps of the performance operation tests: a memory store with the scoring fixture published, a movable clock and the actors. */
import type { AppDeps } from '../../../../engine/app/context.ts';
import { type Actor, userActor } from '../../../../engine/app/permissions.ts';
import { seedRuleSets } from '../../../../engine/app/seed-rule-sets.ts';
import { fixtureRuleSet } from '../../core/scoring/performance-fixture.ts';
import { memoryDeps } from '../rule-sets/support.ts';

/** Deps whose clock the test sets. */
export interface PerformanceApp {
  deps: AppDeps;
  setNow(iso: string): void;
}

/** A memory store with the fixture rule set (`overrides` as in `fixtureRuleSet`) published, the clock at `now`. */
export async function performanceApp(
  now: string,
  overrides: Parameters<typeof fixtureRuleSet>[0] = {},
): Promise<PerformanceApp> {
  let time = Date.parse(now);
  const deps: AppDeps = { ...memoryDeps(now), clock: { now: () => new Date(time) } };
  const [seeded] = await seedRuleSets(deps, { ruleSets: [fixtureRuleSet(overrides)] });
  if (seeded?.status !== 'published') throw new Error(`fixture not published: ${JSON.stringify(seeded)}`);
  return {
    deps,
    setNow: (iso) => {
      time = Date.parse(iso);
    },
  };
}

/** The assessment office. */
export const admin: Actor = userActor('admin', ['admin'], { id: 'u-admin', displayName: 'Admin' });

/** A user of unit `unitId`. */
export const unitUser = (unitId: string): Actor =>
  userActor(`user_${unitId}`, ['unit'], { id: `u-${unitId}`, displayName: unitId, unitId });
