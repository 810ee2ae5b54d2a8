/** @module A generated history (seeds/history/*.json) loaded into an empty ledger and scored. */
import type { RuleSet } from '../../../schemas/types.gen.ts';
import { PERIOD } from '../../core/performance/requirements.ts';
import type { IndicatorInput } from '../../core/scoring/pipeline.ts';
import type { LedgerEntryRecord, SourceValueRecord } from '../../ports/ledger.ts';
import { appendAudit } from '../audit.ts';
import type { AppDeps } from '../context.ts';
import { resolveInForce } from '../rule-sets/resolve-in-force.ts';
import {
  buildState,
  cacheOf,
  compileVersion,
  type Loaded,
  ledgerWrite,
  type PublishedVersion,
  persistAll,
  yearPrefix,
} from './scoring-cache.ts';

/** The generated history file (seeds/history/*.json). */
export interface SeedHistory {
  ruleSetId: string;
  entries: readonly (IndicatorInput & { late?: boolean })[];
  thirdParty?: readonly IndicatorInput[];
  derived?: readonly IndicatorInput[];
}

/** The history's rows submitted up to `now` as ledger records pinned to `active`, and how many were later. */
function seedRecords(
  deps: AppDeps,
  q: { history: SeedHistory; active: PublishedVersion; now: string },
): { entries: LedgerEntryRecord[]; sources: SourceValueRecord[]; skippedFuture: number } {
  const { history, active, now } = q;
  let skippedFuture = 0;
  const isPast = (x: IndicatorInput) => {
    const ok = (x.submittedAt ?? '') <= now;
    if (!ok) skippedFuture++;
    return ok;
  };
  const pinned = { ruleSetId: active.ruleSetId, ruleSetVersion: active.number, submittedBy: 'seed' };
  const entries: LedgerEntryRecord[] = history.entries.filter(isPast).map((e) => ({
    id: deps.ids.newId('ent'),
    unitId: e.unitId,
    indicatorId: e.indicatorId,
    period: e.period,
    values: e.values,
    ...pinned,
    submittedAt: e.submittedAt ?? now,
    isLate: e.late === true,
    supersedes: null,
    kind: 'seeded',
    attachments: [],
  }));
  const source =
    (kind: SourceValueRecord['source']) =>
    (v: IndicatorInput): SourceValueRecord => ({
      id: deps.ids.newId('src'),
      source: kind,
      unitId: v.unitId,
      indicatorId: v.indicatorId,
      period: v.period,
      values: v.values,
      ...pinned,
      submittedAt: v.submittedAt ?? now,
    });
  const sources = [
    ...(history.thirdParty ?? []).filter(isPast).map(source('thirdParty')),
    ...(history.derived ?? []).filter(isPast).map(source('derived')),
  ];
  return { entries, sources, skippedFuture };
}

/**
 * Loads a generated history into an empty ledger: only what was submitted up to the clock's now (so
 * periods still before their deadline stay fillable), in one transaction with batch inserts, then
 * scores it and writes the projection. Returns counts; does nothing when the ledger holds entries.
 */
export async function seedPerformanceHistory(
  deps: AppDeps,
  input: { history: SeedHistory },
): Promise<{ entries: number; sourceValues: number; scores: number; skippedFuture: number } | null> {
  const { history } = input;
  const first = history.entries[0]?.period;
  if (first === undefined || !PERIOD.test(first)) return null;
  // The version in force for the history's own periods, whatever today is.
  const active = await resolveInForce(deps, {
    at: `${first}-01`,
    needs: 'assessment',
    ruleSetId: history.ruleSetId,
  });
  if (!active) return null;
  const model = compileVersion(active);
  const now = deps.clock.now().toISOString();
  const { entries, sources, skippedFuture } = seedRecords(deps, { history, active, now });
  return ledgerWrite(deps, async (tx) => {
    // Seeds once per year: a ledger that already holds entries of the history's year is left alone.
    if (await tx.ledger.hasEntriesOfYear(yearPrefix(model))) return null;
    await tx.ledger.appendEntries(entries);
    await tx.ledger.appendSourceValues(sources);
    const loaded: Loaded = {
      ruleSetId: active.ruleSetId,
      version: active.number,
      content: active.content as RuleSet,
      model,
      ...(await buildState(tx, model)),
      checkedAt: deps.clock.now().getTime(),
      dirty: new Map(),
    };
    await persistAll(tx, loaded);
    await appendAudit(tx, {
      at: now,
      entry: {
        actor: 'system',
        action: 'ledger.seed',
        target: `ruleSet:${active.ruleSetId}@${active.number}`,
        details: { entries: entries.length, sourceValues: sources.length, skippedFuture },
      },
    });
    cacheOf(deps).set(`${active.ruleSetId}@${active.number}`, loaded);
    let scores = 0;
    for (const s of loaded.state.scores) if (s) scores++;
    return { entries: entries.length, sourceValues: sources.length, scores, skippedFuture };
  });
}
