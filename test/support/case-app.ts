/** @module A test app for the case API: the demo district plus the full 2026 rule set, the case rule set and the 2026 calendar, on a clock at 2026-05-11 09:00 (UTC+8). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createScryptHasher, nodeTokens, uuidIds } from '../../engine/adapters/crypto/node-crypto.ts';
import { DEFAULT_AUTH_SETTINGS } from '../../engine/app/context.ts';
import { seedRuleSets } from '../../engine/app/seed-rule-sets.ts';
import { createTestApp, type TestApp } from './api-app.ts';

const root = join(import.meta.dirname, '../..');
const read = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as unknown;

/** The app and what seeding the case rule sets answered. */
/** The first steps of a school case: the dispatcher dispatches it and the education bureau (dept_user) signs for it. */
export const SCHOOL_CASE_TO_SIGNED_FOR = [
  ['dispatcher', 'dispatch', {}],
  ['dept_user', 'signFor', {}],
] as const;

/** The demo users' steps that take a school-canteen case from 待派单 to 待评价 (notified): (user, action, input). */
export const SCHOOL_CASE_TO_NOTIFIED = [
  ...SCHOOL_CASE_TO_SIGNED_FOR,
  ['dept_user', 'handle', { result: '已约谈食堂承包方整改' }],
  ['dept_user', 'reply', { reply: '已整改，欢迎监督' }],
  ['dispatcher', 'verify', {}],
  ['dispatcher', 'notifyCitizen', {}],
] as const;

export interface CaseTestApp {
  t: TestApp;
  seeded: Awaited<ReturnType<typeof seedRuleSets>>;
}

/** `createTestApp()` with the clock moved to 2026-05-11T01:00:00Z and the case rule sets seeded. */
export async function createCaseTestApp(): Promise<CaseTestApp> {
  const t = await createTestApp();
  t.clock.advance(Date.parse('2026-05-11T01:00:00Z') - t.clock.now().getTime());
  const seeded = await seedRuleSets(
    {
      store: t.store,
      clock: t.clock,
      ids: uuidIds,
      // cheap parameters, as in createTestApp
      hasher: createScryptHasher({ N: 1024, r: 8, p: 1, keyLength: 32, saltLength: 16 }),
      tokens: nodeTokens,
      auth: DEFAULT_AUTH_SETTINGS,
    },
    {
      ruleSets: [read('seeds/rulesets/district-2026-full.json'), read('seeds/rulesets/cases-2026.json')],
      calendars: [read('seeds/calendars/cn-2026.json')],
    },
  );
  return { t, seeded };
}

/** Builds the case test app before the file's tests (handing it to `ready`) and closes it after them. */
export function useCaseTestApp(ready: (app: CaseTestApp) => void): void {
  let app: CaseTestApp | undefined;
  beforeAll(async () => {
    app = await createCaseTestApp();
    ready(app);
  }, 120_000);
  afterAll(async () => {
    await app?.t.close();
  });
}
