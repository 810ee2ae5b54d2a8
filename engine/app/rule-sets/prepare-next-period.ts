/** @module Preparing the next period of a timeline: a new rule set copied from a version, governing the period that follows. */
import { type LocalizedText, ValidationError } from '../../core/errors.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import {
  type VersionDetail,
  text,
  requireVersion,
  requireReadable,
  isValidDate,
  timelineOf,
} from './shared.ts';
import { createRuleSet } from './create-rule-set.ts';

/**
 * The period that follows `period` on a timeline: whole calendar years move by their span (a year
 * after a year), any other range starts the day after it ends and lasts as long. Pure.
 */
export function nextPeriodOf(period: { from: string; to: string }): { from: string; to: string } {
  const [fy, fm, fd] = period.from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = period.to.split('-').map(Number) as [number, number, number];
  if (fm === 1 && fd === 1 && tm === 12 && td === 31) {
    const span = ty - fy + 1;
    return { from: `${fy + span}-01-01`, to: `${ty + span}-12-31` };
  }
  const day = 86_400_000;
  const start = Date.UTC(fy, fm - 1, fd);
  const end = Date.UTC(ty, tm - 1, td);
  const from = end + day;
  return {
    from: new Date(from).toISOString().slice(0, 10),
    to: new Date(from + (end - start)).toISOString().slice(0, 10),
  };
}

/**
 * Prepares the next period of a timeline: a NEW rule set (`newId`) whose version 1 is a draft copy
 * of `ruleSetId@number`, on the same timeline, governing the period that follows (or `period`), with
 * the given name. The office then redesigns it, tries it (what-if), has it approved and publishes it
 * ahead of time; the source version stays untouched and in force for its own period.
 */
export async function prepareNextPeriod(
  deps: AppDeps,
  input: {
    actor: Actor;
    ruleSetId: string;
    number: number;
    newId: string;
    name?: LocalizedText;
    period?: { from: string; to: string };
  },
): Promise<VersionDetail> {
  const source = await requireVersion(deps.store, { ruleSetId: input.ruleSetId, number: input.number });
  requireReadable(input.actor, source);
  const sourcePeriod = source.content.period as { from?: unknown; to?: unknown } | undefined;
  const period =
    input.period ??
    (isValidDate(sourcePeriod?.from) && isValidDate(sourcePeriod?.to)
      ? nextPeriodOf({ from: sourcePeriod.from, to: sourcePeriod.to })
      : undefined);
  if (!period || !isValidDate(period.from) || !isValidDate(period.to) || period.from > period.to)
    throw new ValidationError(
      'ruleset.bad_period',
      text(
        'Give the next period (YYYY-MM-DD, from ≤ to); the source has no valid period to follow.',
        '请提供下一期间（YYYY-MM-DD，起始不晚于结束）；源版本没有可接续的有效期间。',
      ),
      { path: '/period' },
    );
  const { version: _version, ...rest } = source.content as Record<string, unknown> & { version?: unknown };
  const content = {
    ...rest,
    id: input.newId,
    timeline: timelineOf(source),
    period,
    ...(input.name ? { name: input.name } : {}),
  };
  return createRuleSet(deps, { actor: input.actor, ruleSet: content });
}
