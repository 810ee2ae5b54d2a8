/** @module Derived values (e.g. case metrics) fed into the ledger as `derived` source values, rescoring what they change. */
import { monthOf } from '../../core/scoring/model.ts';
import { type IndicatorScore, inputOf, scoreOf } from '../../core/scoring/pipeline.ts';
import type { SourceValueRecord } from '../../ports/ledger.ts';
import { appendAudit } from '../audit.ts';
import type { AppDeps } from '../context.ts';
import { applyInputs, inputOfSource, type Loaded, ledgerWrite, persistChanges } from './scoring-cache.ts';
import { loadScoring } from './scoring-state.ts';

/** One derived value of (unit, indicator, period). */
interface DerivedValue {
  unitId: string;
  indicatorId: string;
  period: string;
  values: Record<string, unknown>;
}

/** Whether a value differs from the input the state holds for its slot (or the slot is empty). */
function isChanged(loaded: Loaded, v: DerivedValue): boolean {
  const current = inputOf(loaded.state, {
    unitId: v.unitId,
    indicatorId: v.indicatorId,
    month: monthOf(v.period),
  });
  return !current || JSON.stringify(current.values) !== JSON.stringify(v.values);
}

/**
 * Feeds derived values (e.g. case metrics) into the ledger as `derived` source values and rescores
 * the affected (unit, indicator, period) of every cached state of the rule set. Values equal to the
 * input in force are skipped, so calling it after every case transition writes only real changes.
 * Returns how many values were written.
 */
export async function feedDerivedValues(
  deps: AppDeps,
  input: { actor: string; ruleSetId?: string; values: readonly DerivedValue[] },
): Promise<{ written: number; scores: number }> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.values[0]?.period });
  const at = deps.clock.now().toISOString();
  const records: SourceValueRecord[] = input.values
    .filter((v) => Number(v.period.slice(0, 4)) === loaded.model.year && isChanged(loaded, v))
    .map((v) => ({
      id: deps.ids.newId('src'),
      source: 'derived',
      unitId: v.unitId,
      indicatorId: v.indicatorId,
      period: v.period,
      values: v.values,
      ruleSetId: loaded.ruleSetId,
      ruleSetVersion: loaded.version,
      submittedBy: input.actor,
      submittedAt: at,
    }));
  if (records.length === 0) return { written: 0, scores: 0 };
  return ledgerWrite(deps, async (tx) => {
    await tx.ledger.appendSourceValues(records);
    const changed = await applyInputs({ deps, tx, loaded, inputs: records.map(inputOfSource) });
    // Same points count as unchanged to the pipeline, but the trace must show the new values.
    const fed = records
      .map((r) => scoreOf(loaded.state, { unitId: r.unitId, indicatorId: r.indicatorId, period: r.period }))
      .filter((x): x is IndicatorScore => x !== undefined);
    await persistChanges(tx, loaded, { scores: fed, results: [] });
    await appendAudit(tx, {
      at,
      entry: {
        actor: input.actor,
        action: 'derived.feed',
        target: `ruleSet:${loaded.ruleSetId}@${loaded.version}`,
        details: {
          values: records.map((r) => ({ unitId: r.unitId, indicatorId: r.indicatorId, period: r.period })),
        },
      },
    });
    return { written: records.length, scores: changed.scores };
  });
}
