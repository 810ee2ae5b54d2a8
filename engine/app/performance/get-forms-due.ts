/** @module A unit's forms for a period with their deadline status and latest entry (`GET /api/performance/forms-due`). */
import type { LocalizedText } from '../../core/errors.ts';
import { deadlineStatus, type FormStatus, isDueIn } from '../../core/performance/deadlines.ts';
import { requirePeriod } from '../../core/performance/requirements.ts';
import { type CompiledLeaf, monthOf } from '../../core/scoring/model.ts';
import type { AmendmentRecord, LedgerEntryView } from '../../ports/ledger.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { todayOf } from '../../core/time-zone.ts';
import { scopedUnit } from './scope.ts';
import { loadScoring } from './scoring-state.ts';

/** A form a unit has to fill for a period. */
export interface FormDue {
  indicatorId: string;
  code: string;
  name: LocalizedText;
  formId: string;
  frequency: CompiledLeaf['period'];
  period: string;
  deadline: string;
  lockDate: string;
  status: FormStatus;
  entry: LedgerEntryView | null;
  pendingAmendment: AmendmentRecord | null;
}

/** A unit's active entries and pending amendments of a period, by indicator. */
export async function periodLedgerOf(
  deps: AppDeps,
  q: { unitId: string; period: string },
): Promise<{ entries: Map<string, LedgerEntryView>; pending: Map<string, AmendmentRecord> }> {
  const entries = new Map(
    (await deps.store.ledger.listEntries({ ...q, limit: 5000 })).map((e) => [e.indicatorId, e]),
  );
  const pending = new Map(
    (await deps.store.ledger.listAmendments({ unitId: q.unitId, status: 'pending' }))
      .filter((a) => a.period === q.period)
      .map((a) => [a.indicatorId, a]),
  );
  return { entries, pending };
}

/** A unit's forms for a period (default: the current month) with deadline status and latest entry. */
export async function getFormsDue(
  deps: AppDeps,
  input: { actor: Actor; unitId?: string; period?: string; ruleSetId?: string },
): Promise<{
  ruleSetId: string;
  ruleSetVersion: number;
  unitId: string;
  period: string;
  today: string;
  forms: FormDue[];
}> {
  const now = todayOf(deps.clock.now());
  const loaded = await loadScoring(deps, {
    ruleSetId: input.ruleSetId,
    period: input.period ?? now.slice(0, 7),
  });
  const unitId = await scopedUnit({ deps, actor: input.actor, unitId: input.unitId });
  const period = requirePeriod(input.period ?? now.slice(0, 7), loaded.model);
  const month = monthOf(period);
  const { entries, pending } = await periodLedgerOf(deps, { unitId, period });
  const forms: FormDue[] = [];
  for (const leaf of loaded.model.leavesByUnit.get(unitId) ?? []) {
    if (leaf.dataSource !== 'form' || !leaf.form || !isDueIn(leaf, month)) continue;
    forms.push({
      indicatorId: leaf.id,
      code: leaf.code,
      name: leaf.name,
      formId: leaf.form.id,
      frequency: leaf.period,
      period,
      ...deadlineStatus({ period, policy: loaded.model.policy, today: now }),
      entry: entries.get(leaf.id) ?? null,
      pendingAmendment: pending.get(leaf.id) ?? null,
    });
  }
  return { ruleSetId: loaded.ruleSetId, ruleSetVersion: loaded.version, unitId, period, today: now, forms };
}
