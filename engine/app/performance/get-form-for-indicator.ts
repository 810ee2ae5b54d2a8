/** @module The form of an indicator from the version in force: JSON Schema, UI schema, checks, computed fields and deadline status (`GET /api/performance/forms/:indicatorId`). */
import { deadlineStatus } from '../../core/performance/deadlines.ts';
import { requireFormLeaf, requireLeaf, requirePeriod } from '../../core/performance/requirements.ts';
import type { AppDeps } from '../context.ts';
import { type Actor, isUnitScoped } from '../permissions.ts';
import { todayOf } from '../../core/time-zone.ts';
import { scopedUnit } from './scope.ts';
import { loadScoring } from './scoring-state.ts';

/** The form of an indicator from the active rule set: JSON Schema, UI schema, checks, computed fields, status. */
export async function getFormForIndicator(
  deps: AppDeps,
  input: { actor: Actor; indicatorId: string; unitId?: string; period?: string; ruleSetId?: string },
): Promise<Record<string, unknown>> {
  const now = todayOf(deps.clock.now());
  const loaded = await loadScoring(deps, {
    ruleSetId: input.ruleSetId,
    period: input.period ?? now.slice(0, 7),
  });
  const leaf = requireLeaf(loaded.model, input.indicatorId);
  const form = requireFormLeaf(leaf);
  const unitId = await scopedUnit({
    deps,
    actor: input.actor,
    unitId: input.unitId ?? (isUnitScoped(input.actor) ? undefined : [...leaf.owners][0]),
  });
  const doc = (loaded.content.documents ?? []).find((d) => d.kind === 'form' && d.id === form.id) as
    | Record<string, unknown>
    | undefined;
  const period = requirePeriod(input.period ?? now.slice(0, 7), loaded.model);
  const target = leaf.targets.get(unitId);
  return {
    ruleSetId: loaded.ruleSetId,
    ruleSetVersion: loaded.version,
    indicatorId: leaf.id,
    code: leaf.code,
    unitId,
    formId: form.id,
    name: doc?.name ?? leaf.name,
    schema: doc?.schema ?? {},
    uiSchema: doc?.uiSchema ?? null,
    checks: doc?.checks ?? [],
    computed: doc?.computed ?? [],
    target: target ? target.value : null,
    period,
    ...deadlineStatus({ period, policy: loaded.model.policy, today: now }),
  };
}
