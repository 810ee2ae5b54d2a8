/** @module performCaseAction on a memory store: the caller's roles, unit scope, the appended history and the refreshed projection. */
import { describe, expect, it } from 'vitest';
import { getCase } from '../../../../engine/app/cases/get-case.ts';
import { intakeCase } from '../../../../engine/app/cases/intake-case.ts';
import { performCaseAction } from '../../../../engine/app/cases/perform-case-action.ts';
import { caseDeps, noiseIntake, rejection, staff } from './case-deps.ts';

const dispatcher = staff('dispatcher', ['dispatcher']);
const lead = staff('housing', ['unit'], 'dept-housing-construction');
const stranger = staff('stranger', ['unit'], 'street-dongcheng');

async function openNoiseCase() {
  const deps = await caseDeps();
  const out = await intakeCase(deps, noiseIntake);
  return { deps, id: out.case.id, intake: out.case };
}

describe('performCaseAction', { timeout: 60_000 }, () => {
  it('dispatches as the dispatcher, appends the transition and puts the case in the lead unit queue', async () => {
    const { deps, id, intake } = await openNoiseCase();
    expect(intake.availableActions.map((a) => a.action)).toContain('dispatch');
    deps.clock.advance(10 * 60_000);
    const after = await performCaseAction(deps, { actor: dispatcher, id, action: 'dispatch' });
    expect(after.status).not.toBe(intake.status);
    expect(after.history.length).toBeGreaterThan(intake.history.length);
    const added = after.history.slice(intake.history.length);
    expect(added.every((e) => e.at === deps.clock.now().toISOString())).toBe(true);
    const last = added.find((e) => e.type === 'transitioned')!;
    expect(last.payload).toMatchObject({ action: 'dispatch' });
    expect(last.actor).toMatchObject({ username: 'dispatcher', role: 'dispatcher' });
    const stored = (await deps.store.cases.get(id))!;
    expect(stored.eventCount).toBe(after.history.length);
    expect(stored.waitingUnitIds).toContain('dept-housing-construction');
    // The lead unit may now act on it; its actions come from the case's own version.
    const seen = await getCase(deps, { actor: lead, id });
    expect(seen.availableActions.length).toBeGreaterThan(0);
  });

  it('keeps unit users to their own unit cases and refuses roles the workflow does not allow', async () => {
    const { deps, id } = await openNoiseCase();
    expect(
      await rejection(performCaseAction(deps, { actor: stranger, id, action: 'dispatch' })),
    ).toMatchObject({
      code: 'case.out_of_scope',
    });
    expect(await rejection(getCase(deps, { actor: stranger, id }))).toMatchObject({
      code: 'case.out_of_scope',
    });
    expect(await rejection(performCaseAction(deps, { actor: lead, id, action: 'dispatch' }))).toMatchObject({
      code: expect.stringMatching(/^workflow\./),
    });
    expect(
      await rejection(performCaseAction(deps, { actor: dispatcher, id: 'case_missing', action: 'dispatch' })),
    ).toMatchObject({
      code: 'case.not_found',
    });
  });
});
