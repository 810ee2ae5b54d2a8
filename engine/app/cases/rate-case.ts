/** @module rateCase: the citizen rates a case on the web. */
import type { AppDeps } from '../context.ts';
import { eventActorOf } from './history.ts';
import { type PublicCase, publicOf } from './public-case.ts';
import { transition } from './transition.ts';
import { verifyCitizen } from './verify-citizen.ts';

/** Citizen rating on the web (the workflow's `rate` as role `citizen`). */
export async function rateCase(
  deps: AppDeps,
  input: { number: string; password: string; ip: string | null; satisfaction: string; comment?: string },
): Promise<PublicCase> {
  const record = await verifyCitizen(deps, input);
  const { rules, next } = await transition(deps, {
    record,
    candidates: [{ role: 'citizen' }],
    eventActor: () => eventActorOf(null, 'citizen'),
    action: 'rate',
    input: { satisfaction: input.satisfaction, ...(input.comment ? { comment: input.comment } : {}) },
    at: deps.clock.now().toISOString(),
  });
  return publicOf({
    rules,
    record: next,
    events: await deps.store.cases.listEvents(record.id),
    now: deps.clock.now().toISOString(),
  });
}
