/** @module Red list and black list of a month (`GET /api/performance/lists`). */
import { requirePeriod } from '../../core/performance/requirements.ts';
import { redBlackLists } from '../../core/scoring/reports.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { loadScoring } from './scoring-state.ts';

/** Red list (bottom of each peer group) and black list (below the threshold or vetoed). */
export async function getLists(
  deps: AppDeps,
  input: { actor: Actor; period: string; ruleSetId?: string },
): Promise<ReturnType<typeof redBlackLists> & { period: string }> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.period });
  const period = requirePeriod(input.period, loaded.model);
  return { period, ...redBlackLists(loaded.state, { period }) };
}
