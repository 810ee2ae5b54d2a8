/** @module Comparisons over time: month on month, year on year, improvement (`GET /api/performance/comparisons`). */
import { requirePeriod } from '../../core/performance/requirements.ts';
import { type Comparison, improvement, monthOnMonth, yearOnYear } from '../../core/scoring/reports.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { readableUnits } from './scope.ts';
import { loadScoring } from './scoring-state.ts';

/** Comparisons over time: month on month, year on year, or improvement since `basePeriod`. */
export async function getComparisons(
  deps: AppDeps,
  input: {
    actor: Actor;
    period: string;
    kind: 'monthOnMonth' | 'yearOnYear' | 'improvement';
    basePeriod?: string;
    ruleSetId?: string;
  },
): Promise<{ period: string; kind: string; items: Comparison[] }> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.period });
  const period = requirePeriod(input.period, loaded.model);
  const visible = await readableUnits(deps, input.actor);
  let items: Comparison[];
  if (input.kind === 'improvement')
    items = improvement(loaded.state, {
      period,
      basePeriod: requirePeriod(input.basePeriod ?? `${loaded.model.year}-01`, loaded.model, '/basePeriod'),
    });
  else if (input.kind === 'yearOnYear') items = yearOnYear(loaded.state, { period });
  else items = monthOnMonth(loaded.state, { period });
  if (visible) items = items.filter((c) => visible.has(c.unitId));
  return { period, kind: input.kind, items };
}
