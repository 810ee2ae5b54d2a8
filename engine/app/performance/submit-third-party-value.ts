/** @module A third party (plugin key or admin) delivers the value of a third-party indicator (`POST /api/performance/third-party`). */
import type { LocalizedText } from '../../core/errors.ts';
import { ValidationError } from '../../core/errors.ts';
import { invalidEntry, validateEntryValues } from '../../core/performance/entry-values.ts';
import { requireLeaf, requireOwner, requirePeriod } from '../../core/performance/requirements.ts';
import { type IndicatorScore, scoreOf } from '../../core/scoring/pipeline.ts';
import type { SourceValueRecord } from '../../ports/ledger.ts';
import { appendAudit, auditActor } from '../audit.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { applyInputs, inputOfSource, ledgerWrite } from './scoring-cache.ts';
import { loadScoring } from './scoring-state.ts';

const t = (en: string, zh: string): LocalizedText => ({ en, zh });

/** A third party (plugin key or admin) delivers the value of a third-party indicator. */
export async function submitThirdPartyValue(
  deps: AppDeps,
  input: {
    actor: Actor;
    unitId: string;
    indicatorId: string;
    period: string;
    values: Record<string, unknown>;
    ruleSetId?: string;
  },
): Promise<{ value: SourceValueRecord; score: IndicatorScore | null }> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId, period: input.period });
  const leaf = requireLeaf(loaded.model, input.indicatorId);
  if (leaf.dataSource !== 'thirdParty' && leaf.dataSource !== 'plugin')
    throw new ValidationError(
      'indicator.not_third_party',
      t(`Indicator "${leaf.id}" is not delivered by a third party.`, `指标“${leaf.id}”不由第三方提供数据。`),
      { path: '/indicatorId' },
    );
  requireOwner(leaf, input.unitId);
  const period = requirePeriod(input.period, loaded.model);
  if (leaf.form) {
    const issues = validateEntryValues(leaf.form, input.values);
    if (issues.length > 0) throw invalidEntry(issues);
  }
  const record: SourceValueRecord = {
    id: deps.ids.newId('src'),
    source: 'thirdParty',
    unitId: input.unitId,
    indicatorId: leaf.id,
    period,
    values: input.values,
    ruleSetId: loaded.ruleSetId,
    ruleSetVersion: loaded.version,
    submittedBy: auditActor(input.actor),
    submittedAt: deps.clock.now().toISOString(),
  };
  return ledgerWrite(deps, async (tx) => {
    await tx.ledger.appendSourceValues([record]);
    await applyInputs({ deps, tx, loaded, inputs: [inputOfSource(record)] });
    await appendAudit(tx, {
      at: record.submittedAt,
      entry: {
        actor: record.submittedBy,
        action: 'thirdParty.submit',
        target: `sourceValue:${record.id}`,
        details: { unitId: record.unitId, indicatorId: record.indicatorId, period, values: record.values },
      },
    });
    return {
      value: record,
      score: scoreOf(loaded.state, { unitId: record.unitId, indicatorId: leaf.id, period }) ?? null,
    };
  });
}
