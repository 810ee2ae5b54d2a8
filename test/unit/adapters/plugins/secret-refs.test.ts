/** @module `{"$secret": "NAME"}` references in plugin bindings: resolved against the plugin's stored credentials only when a hook is called, never stored, exported or logged. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { enqueueOutbox } from '../../../../engine/app/outbox.ts';
import { resolveSecretRefs } from '../../../../engine/core/plugin-api.ts';
import type { Delivery } from '../../../../engine/ports/plugins.ts';
import { UNSUBMITTED } from '../../../../engine/ports/rule-set-store.ts';
import { createPluginApp, type PluginApp } from '../../../support/plugin-app.ts';

const TOKEN = 'vault-token-Q7x9Lm2Pz4';

describe('resolveSecretRefs', () => {
  it('replaces references by exact credential name, or by the name ignoring case and underscores', () => {
    const { value, missing } = resolveSecretRefs(
      {
        baseUrl: 'https://grid.example.gov',
        apiKey: { $secret: 'API_KEY' },
        nested: [{ token: { $secret: 'GRID_TOKEN' } }, 3],
      },
      { apiKey: 'k-1', GRID_TOKEN: 't-2' },
    );
    expect(value).toEqual({
      baseUrl: 'https://grid.example.gov',
      apiKey: 'k-1',
      nested: [{ token: 't-2' }, 3],
    });
    expect(missing).toEqual([]);
  });

  it('lists each missing name once and leaves an object with more keys than $secret alone', () => {
    const input = { a: { $secret: 'NOPE' }, b: { $secret: 'NOPE' }, c: { $secret: 'X', extra: 1 } };
    const { value, missing } = resolveSecretRefs(input, { X: 'x' });
    expect(missing).toEqual(['NOPE']);
    expect(value).toEqual(input);
  });
});

/** A fetch that records every call and answers 200. */
function recordingFetch() {
  const calls: Array<{ url: string; headers: Record<string, string> }> = [];
  const fn = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), headers: Object.fromEntries(new Headers(init?.headers).entries()) });
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fn, calls };
}

/** A plugin in its own folder that sends `config.apiKey` as a header (plain JS: it imports nothing). */
function writeVaultPlugin(root: string): void {
  const dir = join(root, 'vault-echo');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'plugin.json'),
    JSON.stringify({
      name: 'vault-echo',
      version: '1.0.0',
      apiVersion: 1,
      title: { en: 'Vault echo', zh: '密钥回显' },
      capabilities: ['outboundAction'],
      events: ['performance.entrySubmitted'],
    }),
  );
  writeFileSync(
    join(dir, 'config.schema.json'),
    JSON.stringify({ type: 'object', required: ['url'], properties: { url: { type: 'string' } } }),
  );
  writeFileSync(join(dir, 'credentials.schema.json'), JSON.stringify({ type: 'object' }));
  writeFileSync(
    join(dir, 'index.js'),
    `export default { name: 'vault-echo', hooks: {
      async onEvent({ event, config, http }) {
        await http.postJson(config.url, { id: event.id }, { headers: { 'x-api-key': String(config.apiKey) } });
      },
      async testConnection({ config }) { return { ok: typeof config.apiKey === 'string', message: 'resolved' }; },
    } };\n`,
  );
}

let app: PluginApp | undefined;
let pluginsDir: string | undefined;
afterEach(async () => {
  await app?.close();
  if (pluginsDir) rmSync(pluginsDir, { recursive: true, force: true });
  app = undefined;
  pluginsDir = undefined;
});

/** Publishes (directly in the store) a rule set in force today holding a binding of vault-echo. */
async function publishBinding(target: PluginApp, config: Record<string, unknown>): Promise<void> {
  const at = target.clock.now().toISOString();
  const content = {
    id: 'plugins-2026',
    name: { en: 'Plugins', zh: '插件' },
    documents: [
      { kind: 'pluginBinding', id: 'binding-vault', schemaVersion: 1, pluginId: 'vault-echo', config },
    ],
  };
  await target.store.transaction(async (tx) => {
    await tx.ruleSets.insert({ id: 'plugins-2026', name: content.name, createdBy: 'test', createdAt: at });
    await tx.ruleSets.insertVersion({
      ruleSetId: 'plugins-2026',
      number: 1,
      content,
      sha256: 'f'.repeat(64),
      revision: 1,
      basedOn: null,
      createdBy: 'test',
      createdAt: at,
      status: 'published',
      ...UNSUBMITTED,
      submittedBy: 'test',
      submittedAt: at,
      approvedBy: 'other',
      approvedAt: at,
      publishedBy: 'other',
      publishedAt: at,
      effectiveFrom: '2026-01-01',
    });
  });
}

async function setUp(bindingConfig: Record<string, unknown>) {
  pluginsDir = mkdtempSync(join(tmpdir(), 'baton-vault-plugin-'));
  writeVaultPlugin(pluginsDir);
  const fetcher = recordingFetch();
  app = await createPluginApp({ fetch: fetcher.fn, dirs: [pluginsDir] });
  await publishBinding(app, bindingConfig);
  const put = async (path: string, json: unknown) => {
    const response = await app!.request(`/api/plugins/vault-echo/${path}`, { method: 'PUT', json });
    expect(response.status).toBe(200);
  };
  await put('config', { url: 'http://vault.test/hook' });
  await put('credentials', { VAULT_TOKEN: TOKEN });
  await put('enabled', { isEnabled: true });
  await app.store.transaction((tx) =>
    enqueueOutbox(tx, {
      topic: 'performance.entrySubmitted',
      payload: { entryId: 'e-1', unitId: 'unit-a', indicatorId: 'ind-a', period: '2026-03' },
      key: 'p1',
    }),
  );
  await app.runtime.worker.tick();
  const deliveries = (await (
    await app.request('/api/plugins/deliveries?plugin=vault-echo')
  ).json()) as Delivery[];
  return { fetcher, deliveries };
}

describe('secret references in plugin bindings', () => {
  it('sends the stored credential where the binding in force refers to it, and nowhere else', async () => {
    const { fetcher, deliveries } = await setUp({ apiKey: { $secret: 'VAULT_TOKEN' } });
    expect(deliveries.map((d) => d.status)).toEqual(['delivered']);
    expect(fetcher.calls).toHaveLength(1);
    expect(fetcher.calls[0]!.headers['x-api-key']).toBe(TOKEN);

    const test = (await (
      await app!.request('/api/plugins/vault-echo/test-connection', { method: 'POST', json: {} })
    ).json()) as { ok: boolean };
    expect(test.ok).toBe(true);
    // The rule set keeps the reference; responses, the audit log and logs never hold the value.
    const stored = await app!.store.ruleSets.getVersion('plugins-2026', 1);
    expect(JSON.stringify(stored!.content)).toContain('{"$secret":"VAULT_TOKEN"}');
    for (const path of ['/api/plugins/vault-echo/config', '/api/plugins/deliveries', '/api/plugins']) {
      expect(await (await app!.request(path)).text()).not.toContain(TOKEN);
    }
    const audit = await app!.store.audit.list({ limit: 100, offset: 0, order: 'asc' });
    expect(JSON.stringify(audit.items)).not.toContain(TOKEN);
    expect(app!.logs.join('\n')).not.toContain(TOKEN);
  });

  it('dead-letters a delivery whose binding refers to a secret the plugin does not hold, naming only the reference', async () => {
    const { fetcher, deliveries } = await setUp({ apiKey: { $secret: 'MISSING_TOKEN' } });
    expect(fetcher.calls).toHaveLength(0);
    expect(deliveries[0]).toMatchObject({ status: 'dead', attempts: 1 });
    expect(deliveries[0]!.lastError).toContain('"MISSING_TOKEN"');
    expect(deliveries[0]!.lastError).toContain('binding-vault');
    expect(deliveries[0]!.lastError).not.toContain(TOKEN);
  });
});
