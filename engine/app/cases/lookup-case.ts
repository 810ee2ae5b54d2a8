/** @module lookupCase: the citizen looks a case up by number + query password. */
import type { AppDeps } from '../context.ts';
import { type PublicCase, publicOf } from './public-case.ts';
import { rulesOfCase } from './rules.ts';
import { verifyCitizen } from './verify-citizen.ts';

/** Citizen lookup by case number + query password (throttled per number and per IP). */
export async function lookupCase(
  deps: AppDeps,
  input: { number: string; password: string; ip: string | null },
): Promise<PublicCase> {
  const record = await verifyCitizen(deps, input);
  const rules = await rulesOfCase(deps, record);
  return publicOf({
    rules,
    record,
    events: await deps.store.cases.listEvents(record.id),
    now: deps.clock.now().toISOString(),
  });
}
