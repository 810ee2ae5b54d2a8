/** @module The assessment state of the performance API tests: the full district rule set approved by a second admin and published, over the ledger history of its year. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Actor, userActor } from '../../engine/app/permissions.ts';
import type { TestApp } from './api-app.ts';

const root = resolve(import.meta.dirname, '../..');

/** A JSON file of the repository, by its path from the root. */
export const readJson = (path: string) =>
  JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, unknown>;

/** An admin actor for calling operations directly. */
export const admin = (username: string): Actor => userActor(username, ['admin']);

/** Creates seeds/rulesets/district-2026-full.json, has `admin2` approve it and publishes it; answers the created version. */
export async function publishFullAssessment(t: TestApp) {
  const draft = await t.ops.createRuleSet({
    actor: admin('admin'),
    ruleSet: readJson('seeds/rulesets/district-2026-full.json'),
  });
  const ref = { ruleSetId: draft.ruleSetId, number: draft.number };
  await t.ops.submitForReview({ actor: admin('admin'), ...ref });
  await t.ops.approveVersion({ actor: admin('admin2'), ...ref });
  await t.ops.publishVersion({ actor: admin('admin'), ...ref });
  return draft;
}

/**
 * Publishes the full assessment ({@link publishFullAssessment}) and loads
 * seeds/history/entries-2026.json as of the test clock; answers the published content and what the
 * history load counted.
 */
export async function publishAssessmentWithHistory(t: TestApp) {
  const draft = await publishFullAssessment(t);
  const seeded = await t.ops.seedPerformanceHistory({
    history: readJson('seeds/history/entries-2026.json') as never,
  });
  return { content: draft.content, seeded };
}
