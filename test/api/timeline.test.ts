/** @module The timeline through the API: two timelines in force at once are ambiguous until one is named; an exact `id@n` reads a version that is no longer in force; a version of the same rule set supersedes its predecessor. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/api-app.ts';
import { createTestApp } from '../support/api-app.ts';
import { apiClient } from '../support/api-client.ts';

const root = join(import.meta.dirname, '../..');
const fixture = (name: string) =>
  JSON.parse(readFileSync(join(root, 'test/fixtures/rulesets', name), 'utf8')) as Record<string, any>;

let t: TestApp;
const api = apiClient(() => t);

/** Creates, submits, approves (second admin) and publishes a rule set's version 1. */
async function publish(content: Record<string, any>, body: Record<string, unknown> = {}) {
  const created = await api('admin', '/api/rule-sets', { json: content });
  expect(created.status).toBe(201);
  const base = `/api/rule-sets/${content.id}/versions/${created.body.number}`;
  expect((await api('admin', `${base}/submit`, { json: {} })).status).toBe(200);
  expect((await api('admin2', `${base}/approve`, { json: {} })).status).toBe(200);
  return api('admin', `${base}/publish`, { json: body });
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.advance(Date.parse('2026-06-01T02:00:00Z') - t.clock.now().getTime());
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('resolving on the timeline', () => {
  it('answers 409 when two timelines are in force for the same thing, until a request names one', async () => {
    const first = fixture('district-2026.v1.json');
    expect((await publish({ ...first, id: 'east-2026', timeline: 'east' })).status).toBe(200);
    const east = await api('admin', '/api/performance/scores?unitId=street-xinhua&period=2026-05');
    expect(east.status).toBe(200);
    expect(east.body.ruleSet).toBe('east-2026@1');

    expect((await publish({ ...first, id: 'west-2026', timeline: 'west' })).status).toBe(200);
    const ambiguous = await api('admin', '/api/performance/rankings?period=2026-05');
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.body.error.code).toBe('ruleset.ambiguous_active');
    expect(ambiguous.body.error.details.inForce.map((v: { timeline: string }) => v.timeline).sort()).toEqual([
      'east',
      'west',
    ]);
    const named = await api(
      'admin',
      '/api/performance/scores?unitId=street-xinhua&period=2026-05&ruleSetId=west-2026',
    );
    expect(named.status).toBe(200);
    expect(named.body.ruleSet).toBe('west-2026@1');
  });

  it('lets a new version of the same rule set supersede its predecessor from its first day, and still reads the old one by id@n', async () => {
    const draft = await api('admin', '/api/rule-sets/west-2026/drafts', { json: { basedOn: 1 } });
    expect(draft.status).toBe(201);
    const base = `/api/rule-sets/west-2026/versions/${draft.body.number}`;
    expect((await api('admin', `${base}/submit`, { json: {} })).status).toBe(200);
    expect((await api('admin2', `${base}/approve`, { json: {} })).status).toBe(200);
    const published = await api('admin', `${base}/publish`, {
      json: { effectiveFrom: '2026-07-01', effectiveTo: '2026-12-31' },
    });
    expect(published.status).toBe(200);
    expect(published.body.superseded).toEqual([
      expect.objectContaining({
        ruleSetId: 'west-2026',
        number: 1,
        action: 'trimmed',
        effectiveTo: '2026-06-30',
      }),
    ]);
    const query = (period: string, ruleSetId: string) =>
      api('admin', `/api/performance/scores?unitId=street-xinhua&period=${period}&ruleSetId=${ruleSetId}`);
    expect((await query('2026-05', 'west-2026')).body.ruleSet).toBe('west-2026@1');
    expect((await query('2026-08', 'west-2026')).body.ruleSet).toBe(`west-2026@${draft.body.number}`);
    expect((await query('2026-08', 'west-2026@1')).body.ruleSet).toBe('west-2026@1');
    const unknown = await query('2026-08', 'west-2026@99');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('performance.no_active_rule_set');
  });

  it('lists both timelines, each version marked past, in force or next as of the clock', async () => {
    const timeline = await api('auditor', '/api/rule-sets/timeline');
    expect(timeline.status).toBe(200);
    expect(timeline.body.at).toBe('2026-06-01');
    expect(
      timeline.body.items.map((i: { timeline: string; ruleSetId: string; number: number; when: string }) => [
        i.timeline,
        `${i.ruleSetId}@${i.number}`,
        i.when,
      ]),
    ).toEqual([
      ['east', 'east-2026@1', 'inForce'],
      ['west', 'west-2026@1', 'inForce'],
      ['west', 'west-2026@2', 'next'],
    ]);
    const bad = await api('auditor', '/api/rule-sets/timeline?at=2026-13-01');
    expect(bad.status).toBe(400);
  });
});
