/** @module Demo seeding publishes every seeds/rulesets/ file: authored by admin, approved by admin2. */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createScryptHasher, nodeTokens, uuidIds } from '../../../engine/adapters/crypto/node-crypto.ts';
import { MemoryStore } from '../../../engine/adapters/memory/memory-store.ts';
import { DEFAULT_AUTH_SETTINGS } from '../../../engine/app/context.ts';
import { createOperations } from '../../../engine/app/operations.ts';
import { demoUnits } from '../../support/api-app.ts';

const root = resolve(import.meta.dirname, '../../..');
const seedRuleSets = () =>
  readdirSync(resolve(root, 'seeds/rulesets'))
    .filter((f) => f.endsWith('.json'))
    .map(
      (f) =>
        JSON.parse(readFileSync(resolve(root, 'seeds/rulesets', f), 'utf8')) as {
          id: string;
          partOf?: string;
        },
    );

describe('seeding the demo rule sets', () => {
  it('publishes the district rule set as version 1, authored by admin and approved by admin2', async () => {
    const store = new MemoryStore();
    const ops = createOperations({
      store,
      clock: { now: () => new Date('2026-03-02T09:00:00Z') },
      ids: uuidIds,
      hasher: createScryptHasher({ N: 1024, r: 8, p: 1, keyLength: 32, saltLength: 16 }),
      tokens: nodeTokens,
      auth: DEFAULT_AUTH_SETTINGS,
    });
    const ruleSets = seedRuleSets();
    expect(ruleSets.length).toBeGreaterThan(0);
    // The SLA policies name cn-2026; a rule set without the calendar they name does not pass the check.
    const calendars = [JSON.parse(readFileSync(resolve(root, 'seeds/calendars/cn-2026.json'), 'utf8'))];
    expect(await ops.seedDemo({ units: demoUnits(), ruleSets, calendars })).not.toBeNull();
    const auditor = {
      kind: 'user' as const,
      id: 'a',
      username: 'auditor',
      displayName: 'a',
      roles: ['auditor' as const],
      unitId: null,
    };
    // Every seed file is attempted; one whose check reports errors stays a draft for its owner to fix.
    // A partial file (`partOf`) is merged into its rule set and has no versions of its own.
    for (const id of new Set(ruleSets.filter((r) => r.partOf === undefined).map((r) => r.id))) {
      const version = await ops.getVersion({ actor: auditor, ruleSetId: id, number: 1 });
      expect(['published', 'draft'], id).toContain(version.status);
    }
    const district = await ops.getVersion({ actor: auditor, ruleSetId: 'district-2026', number: 1 });
    expect(district).toMatchObject({
      status: 'published',
      createdBy: 'admin',
      approvedBy: 'admin2',
      publishedBy: 'admin',
    });
    expect((await ops.getActiveRuleSet({ at: '2026-06-01', ruleSetId: 'district-2026' }))?.number).toBe(1);
    const partial = ruleSets.find((r) => r.partOf === 'district-2026');
    expect(partial, 'the case documents are a partial file of district-2026').toBeDefined();
    const content = district.content as { documents: Array<{ kind: string }> };
    const kinds = new Set(content.documents.map((d) => d.kind));
    expect(kinds.has('routingTable') && kinds.has('workflow') && kinds.has('indicator')).toBe(true);
    expect((await ops.verifyAudit()).ok).toBe(true);
  });
});
