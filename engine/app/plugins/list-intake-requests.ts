/** @module Listing the intake requests recorded so far. */
import type { IntakeRequest } from '../../ports/case-intake.ts';
import type { PluginDeps } from './shared.ts';

/** Intake requests recorded so far (stand-in for cases). */
export async function listIntakeRequests(deps: PluginDeps): Promise<IntakeRequest[]> {
  return deps.store.intakeRequests.list();
}
