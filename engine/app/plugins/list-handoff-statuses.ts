/** @module Listing the statuses outside systems reported on cases handed to them. */
import type { HandoffStatus } from '../../ports/plugins.ts';
import type { PluginDeps } from './shared.ts';

/** Statuses outside systems reported on cases handed to them, newest first. */
export async function listHandoffStatuses(
  deps: PluginDeps,
  input: { plugin?: string; caseNumber?: string; limit?: number },
): Promise<HandoffStatus[]> {
  return deps.plugins.listHandoffStatuses({ ...input, limit: input.limit ?? 100 });
}
