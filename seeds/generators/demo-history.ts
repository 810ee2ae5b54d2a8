/** @module Deterministic demo history (pure): a year of entries (and third-party / case-metric values) for every unit × owned leaf. */
import type { Entry, IndicatorInput, ScoringSources } from '../../engine/core/scoring/pipeline.ts';
import type { Indicator, RuleSet } from '../../schemas/types.gen.ts';
import { DEMO_VALUES } from './demo-values.ts';
import type { LeafTemplates } from './district-ruleset.ts';
import { seededRandom } from './random.ts';

/** Options of {@link generateDemoHistory}. */
export interface HistoryOptions {
  ruleSet: RuleSet;
  leafTemplates: LeafTemplates;
  /** PRNG seed; the same seed gives the same history. */
  seed?: number;
  /** Last month generated (1–12). */
  lastMonth?: number;
  /** Share of reports left out, so lights show grey/overdue. */
  missingRate?: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Generates the history (pure, deterministic): each unit gets a stable quality with a small monthly
 * drift; form leaves produce entries submitted between the 3rd and the 18th of the next month (late
 * after the 15th), `thirdParty` leaves third-party values and `caseMetrics` leaves derived values.
 */
export function generateDemoHistory(q: HistoryOptions): Required<ScoringSources> {
  const rng = seededRandom(q.seed ?? 42);
  const lastMonth = q.lastMonth ?? 12;
  const missingRate = q.missingRate ?? 0.01;
  const leaves = q.ruleSet.documents.filter(
    (d): d is Indicator => d.kind === 'indicator' && q.leafTemplates[d.id] !== undefined,
  );
  const units = new Set(leaves.flatMap((l) => l.owners ?? []));
  const quality = new Map([...units].sort().map((u) => [u, 0.25 + 0.7 * rng()]));
  const entries: Entry[] = [];
  const thirdParty: IndicatorInput[] = [];
  const derived: IndicatorInput[] = [];
  const version = q.ruleSet.version?.number ?? 1;
  const year = Number(q.ruleSet.period.from.slice(0, 4));
  for (let month = 1; month <= lastMonth; month++) {
    for (const leaf of leaves) {
      const draw = DEMO_VALUES[q.leafTemplates[leaf.id]!]!;
      const due =
        leaf.period === 'quarterly' ? month % 3 === 0 : leaf.period === 'yearly' ? month === 12 : true;
      if (!due) continue;
      for (const unitId of leaf.owners ?? []) {
        if (rng() < missingRate) continue;
        const base = quality.get(unitId)!;
        const drift = Math.max(
          0,
          Math.min(1, base + 0.1 * Math.sin((month + base * 10) / 2) + 0.05 * (rng() - 0.5)),
        );
        const target = leaf.targets?.find((x) => x.unitId === unitId)?.value ?? 100;
        const values = draw({ rng, target, month, quality: drift });
        const period = `${year}-${pad(month)}`;
        const day = 3 + Math.floor(rng() * (drift > 0.5 ? 12 : 16));
        const ny = month === 12 ? year + 1 : year;
        const nm = month === 12 ? 1 : month + 1;
        const submittedAt = `${ny}-${pad(nm)}-${pad(day)}T0${Math.floor(rng() * 9)}:${pad(Math.floor(rng() * 60))}:00Z`;
        if (leaf.dataSource === 'thirdParty')
          thirdParty.push({ unitId, indicatorId: leaf.id, period, values, submittedAt });
        else if (leaf.dataSource === 'caseMetrics')
          derived.push({ unitId, indicatorId: leaf.id, period, values, submittedAt });
        else
          entries.push({
            unitId,
            indicatorId: leaf.id,
            period,
            values,
            submittedAt,
            late: day > 15,
            ruleSetVersion: version,
          });
      }
    }
  }
  return { entries, thirdParty, derived };
}
