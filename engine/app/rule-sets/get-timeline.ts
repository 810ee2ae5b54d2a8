/** @module The district's timeline: every published version marked past, in force or next. */
import type { VersionStatus } from '../../ports/rule-set-store.ts';
import type { AppDeps } from '../context.ts';
import { todayOf } from '../../core/time-zone.ts';
import { timelineOf } from './shared.ts';
import { requireDay, type RuleSetCapability, hasCapability } from './in-force.ts';

/**
 * The district's timeline: every published version (of every timeline), ordered by effective
 * period, each marked past / in force / next relative to `at` (default today by the clock).
 */
export async function getTimeline(
  deps: AppDeps,
  input: { at?: string } = {},
): Promise<{
  at: string;
  items: Array<{
    timeline: string;
    ruleSetId: string;
    number: number;
    name: unknown;
    effectiveFrom: string;
    effectiveTo: string;
    status: VersionStatus;
    when: 'past' | 'inForce' | 'next';
    carries: RuleSetCapability[];
  }>;
}> {
  const at = requireDay(input.at ?? todayOf(deps.clock.now()));
  const rows = (await deps.store.ruleSets.listPublished()).filter(
    (v) => v.effectiveFrom !== null && v.effectiveTo !== null,
  );
  const items = rows
    .map((v) => ({
      timeline: timelineOf(v),
      ruleSetId: v.ruleSetId,
      number: v.number,
      name: v.content.name ?? null,
      effectiveFrom: v.effectiveFrom!,
      effectiveTo: v.effectiveTo!,
      status: v.status,
      when: (v.effectiveTo! < at ? 'past' : v.effectiveFrom! > at ? 'next' : 'inForce') as
        | 'past'
        | 'inForce'
        | 'next',
      carries: (['assessment', 'cases'] as const).filter((c) => hasCapability(v, c)),
    }))
    .sort(
      (a, b) =>
        a.timeline.localeCompare(b.timeline) ||
        a.effectiveFrom.localeCompare(b.effectiveFrom) ||
        a.ruleSetId.localeCompare(b.ruleSetId),
    );
  return { at, items };
}
