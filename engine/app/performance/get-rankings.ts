/** @module Rankings of a month per peer group (`GET /api/performance/rankings`). */
import { NotFoundError } from '../../core/errors.ts';
import { requirePeriod } from '../../core/performance/requirements.ts';
import { type RankingRow, ranking } from '../../core/scoring/reports.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { isRecomputing, loadScoring, recomputesSettled } from './scoring-state.ts';

/** Rankings of a month per peer group (or one group), competition ranks with ties. */
export async function getRankings(
  deps: AppDeps,
  input: { actor: Actor; period: string; group?: string; ruleSetId?: string; fresh?: boolean },
): Promise<{
  period: string;
  ruleSet: string;
  groups: { group: string; rows: RankingRow[] }[];
  /** True while entries of the period wait for their recompute (the ranks are from the last state). */
  recomputing: boolean;
}> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.period });
  if (input.fresh) await recomputesSettled(deps);
  const period = requirePeriod(input.period, loaded.model);
  const names = input.group !== undefined ? [input.group] : [...loaded.model.peerGroups.keys()].sort();
  if (input.group !== undefined && !loaded.model.peerGroups.has(input.group))
    throw new NotFoundError('performance.no_such_group', {
      en: `No peer group "${input.group}".`,
      zh: `没有比较组“${input.group}”。`,
    });
  return {
    period,
    ruleSet: loaded.model.ruleSetRef,
    groups: names.map((group) => ({ group, rows: ranking(loaded.state, { period, group }) })),
    recomputing: isRecomputing(deps, loaded, { period }),
  };
}
