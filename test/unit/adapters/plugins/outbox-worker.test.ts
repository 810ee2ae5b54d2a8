/** @module Outbox worker, host and plugin routes in-process: atomic outbox, retries with backoff, dead letters, replay, leases, upgrade, secrecy. */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecretBox, loadSecretKey } from '../../../../engine/adapters/plugins/secret-box.ts';
import { enqueueOutbox, sealEventSecrets } from '../../../../engine/app/outbox.ts';
import type { Delivery } from '../../../../engine/ports/plugins.ts';
import { createPluginApp, type PluginApp, type PluginAppOptions } from '../../../support/plugin-app.ts';

const root = resolve(import.meta.dirname, '../../../..');
const SECRET_KEY = 'sms-secret-key-ABCDEF';

/** A fetch that records calls and answers per a switchable behaviour. */
function fakeFetch() {
  const calls: Array<{ url: string; headers: Record<string, string>; body: unknown }> = [];
  let behaviour: 'ok' | 'down' | 'error500' = 'ok';
  const fn = (async (url: string | URL | Request, init?: RequestInit) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    calls.push({ url: String(url), headers, body: init?.body ? JSON.parse(String(init.body)) : null });
    if (behaviour === 'down') throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    if (behaviour === 'error500') return new Response('{"error":"boom"}', { status: 500 });
    return new Response('{"status":"sent"}', {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return {
    fn,
    calls,
    set: (b: typeof behaviour) => {
      behaviour = b;
    },
  };
}

async function setUpSms(app: PluginApp) {
  expect(
    (await app.request('/api/plugins/sms/config', { method: 'PUT', json: { baseUrl: 'http://sms.test' } }))
      .status,
  ).toBe(200);
  expect(
    (await app.request('/api/plugins/sms/credentials', { method: 'PUT', json: { apiKey: SECRET_KEY } }))
      .status,
  ).toBe(200);
  expect(
    (
      await app.request('/api/plugins/sms/enabled', {
        method: 'PUT',
        json: { isEnabled: true, grantPersonalData: ['requesterPhone'] },
      })
    ).status,
  ).toBe(200);
}

// The phone travels sealed beside the payload, under the server's credential key (no query password: it never leaves intake).
const acceptEvent = (app: PluginApp, caseNumber: string) =>
  app.store.transaction((tx) =>
    enqueueOutbox(tx, {
      topic: 'case.accepted',
      payload: {
        caseId: `case-${caseNumber}`,
        caseNumber,
        channel: 'hotline',
        externalId: null,
        category: 'street-lights',
        status: 'accepted',
        deadline: '2026-03-09T18:00:00+08:00',
      },
      sealedSecrets: sealEventSecrets(
        { outboxSecretBox: createSecretBox(loadSecretKey({ dataDir: app.dir })) },
        { requesterPhone: '13800000000' },
      ),
      key: caseNumber,
    }),
  );

/** A catalogue-valid `performance.entrySubmitted` payload (the topic the hello example plugin subscribes to). */
const entrySubmitted = (entryId: string) => ({
  topic: 'performance.entrySubmitted',
  payload: { entryId, unitId: 'unit-a', indicatorId: 'ind-a', period: '2026-03' },
});

/** A plugin app on `fetch` (with `settings`) whose SMS plugin is set up and has event `caseNumber` queued; the endpoint then answers as `behaviour`. */
async function smsAppWithEvent(
  fetch: ReturnType<typeof fakeFetch>,
  caseNumber: string,
  behaviour: Parameters<ReturnType<typeof fakeFetch>['set']>[0],
  settings?: PluginAppOptions['settings'],
): Promise<PluginApp> {
  const created = await createPluginApp({ fetch: fetch.fn, ...(settings ? { settings } : {}) });
  await setUpSms(created);
  await acceptEvent(created, caseNumber);
  fetch.set(behaviour);
  return created;
}

const deliveries = async (app: PluginApp, query = '') =>
  (await (await app.request(`/api/plugins/deliveries${query}`)).json()) as Delivery[];

let app: PluginApp | null = null;
const extra: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  await app?.close();
  app = null;
  for (const cleanup of extra.splice(0)) await cleanup();
});

describe('the outbox', () => {
  it('commits the outbox row with the domain change and rolls both back together', async () => {
    const fetch = fakeFetch();
    app = await createPluginApp({ fetch: fetch.fn });
    const current = app;
    await expect(
      current.store.transaction(async (tx) => {
        await tx.units.insert({
          id: 'u-x',
          code: 'X1',
          name: '测试',
          nameEn: null,
          kind: 'department',
          parentId: null,
          peerGroup: null,
        });
        await enqueueOutbox(tx, entrySubmitted('e-x'));
        throw new Error('abort after both writes');
      }),
    ).rejects.toThrow('abort after both writes');
    expect(await current.store.units.get('u-x')).toBeNull();
    expect(await current.store.read('SELECT * FROM outbox')).toHaveLength(0);

    await current.store.transaction(async (tx) => {
      await tx.units.insert({
        id: 'u-y',
        code: 'Y1',
        name: '测试',
        nameEn: null,
        kind: 'department',
        parentId: null,
        peerGroup: null,
      });
      await enqueueOutbox(tx, entrySubmitted('e-y'));
    });
    expect(await current.store.units.get('u-y')).not.toBeNull();
    expect(await current.store.read('SELECT topic FROM outbox')).toHaveLength(1);
  });

  it('drops a second event with the same topic and key', async () => {
    app = await createPluginApp({ fetch: fakeFetch().fn });
    expect(await acceptEvent(app, 'N1')).toBe(true);
    expect(await acceptEvent(app, 'N1')).toBe(false);
  });
});

describe('the outbox worker', () => {
  it('retries with exponential backoff and jitter, then delivers once with the delivery id as idempotency key', async () => {
    const fetch = fakeFetch();
    app = await smsAppWithEvent(fetch, 'N1', 'down', { maxAttempts: 10 });
    const worker = app.runtime.worker;
    expect((await worker.tick()).fannedOut).toBe(1);
    // jitter cycle 0, 0.5, ~1 → delays 500, 1500 (of 2000), 4000 (of 4000)
    const [first] = await deliveries(app);
    expect(first!.status).toBe('failed-retrying');
    expect(Date.parse(first!.nextAttemptAt) - app.clock.now().getTime()).toBe(500);
    app.clock.advance(499);
    expect((await worker.tick()).failed).toBe(0);
    app.clock.advance(1);
    expect((await worker.tick()).failed).toBe(1);
    const [second] = await deliveries(app);
    expect(Date.parse(second!.nextAttemptAt) - app.clock.now().getTime()).toBe(1500);
    fetch.set('ok');
    app.clock.advance(1500);
    expect((await worker.tick()).delivered).toBe(1);
    const [done] = await deliveries(app);
    expect(done!.status).toBe('delivered');
    expect(done!.attemptLog!.map((a) => a.outcome)).toEqual(['failed', 'failed', 'delivered']);
    expect(done!.attemptLog![0]!.error).toContain('ECONNREFUSED');
    expect(done!.attemptLog![2]!.statusCode).toBe(200);
    const keys = fetch.calls.map((c) => c.headers['idempotency-key']);
    expect(new Set(keys)).toEqual(new Set([done!.id]));
    expect(fetch.calls.at(-1)!.body).toMatchObject({ to: '13800000000' });
    expect(String((fetch.calls.at(-1)!.body as { text: string }).text)).toContain('N1');
  });

  it('sends a delivery to the dead letters after the configured attempts, and a replay delivers it', async () => {
    const fetch = fakeFetch();
    app = await smsAppWithEvent(fetch, 'N2', 'error500', { maxAttempts: 3 });
    for (let i = 0; i < 3; i++) {
      await app.runtime.worker.tick();
      app.clock.advance(60_000);
    }
    const [dead] = await deliveries(app, '?status=dead');
    expect(dead!.status).toBe('dead');
    expect(dead!.attempts).toBe(3);
    expect(dead!.lastStatusCode).toBe(500);
    expect(await deliveries(app, '?status=delivered')).toEqual([]);
    // Nothing more happens to a dead delivery.
    await app.runtime.worker.tick();
    expect(fetch.calls).toHaveLength(3);

    fetch.set('ok');
    const replay = await app.request(`/api/plugins/deliveries/${dead!.id}/replay`, { method: 'POST' });
    expect(replay.status).toBe(200);
    expect(((await replay.json()) as Delivery).status).toBe('pending');
    await app.runtime.worker.tick();
    const [after] = await deliveries(app);
    expect(after!.status).toBe('delivered');
    expect(after!.attempts).toBe(4);
    const again = await app.request(`/api/plugins/deliveries/${dead!.id}/replay`, { method: 'POST' });
    expect(again.status).toBe(409);
  });

  it('keeps its timers in the database, so a restarted worker retries on schedule', async () => {
    const fetch = fakeFetch();
    app = await smsAppWithEvent(fetch, 'N3', 'down');
    await app.runtime.worker.tick();
    const dir = app.dir;
    await app.close({ keepDir: true });
    fetch.set('ok');
    app = await createPluginApp({ fetch: fetch.fn, dir });
    app.clock.advance(10_000);
    expect((await app.runtime.worker.tick()).delivered).toBe(1);
    expect((await deliveries(app))[0]!.status).toBe('delivered');
  });

  it('lets exactly one of two workers hold the lease until it lapses', async () => {
    const fetch = fakeFetch();
    app = await createPluginApp({ fetch: fetch.fn, owner: 'node-a', settings: { leaseMs: 30_000 } });
    const dir = app.dir;
    const other = await createPluginApp({
      fetch: fetch.fn,
      owner: 'node-b',
      dir,
      settings: { leaseMs: 30_000 },
    });
    extra.push(() => other.close({ keepDir: true }));
    const [a, b] = await Promise.all([app.runtime.worker.tick(), other.runtime.worker.tick()]);
    expect([a.isLeaseHolder, b.isLeaseHolder].filter(Boolean)).toHaveLength(1);
    const holder = a.isLeaseHolder ? app : other;
    const waiting = a.isLeaseHolder ? other : app;
    expect((await holder.runtime.worker.tick()).isLeaseHolder).toBe(true);
    expect((await waiting.runtime.worker.tick()).isLeaseHolder).toBe(false);
    waiting.clock.advance(30_001);
    expect((await waiting.runtime.worker.tick()).isLeaseHolder).toBe(true);
  });

  it('hands the sealed phone only to plugins that declare and were granted it, and wipes it once delivered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-spy-'));
    extra.push(() => rmSync(dir, { recursive: true, force: true }));
    // A plugin on every case topic that does not declare `personalData`.
    cpSync(join(root, 'test/fixtures/plugins/hello'), join(dir, 'spy'), { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, 'spy/plugin.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    writeFileSync(
      join(dir, 'spy/plugin.json'),
      JSON.stringify({ ...manifest, name: 'spy', events: ['case.*'] }),
    );
    const code = readFileSync(join(dir, 'spy/index.ts'), 'utf8');
    writeFileSync(join(dir, 'spy/index.ts'), code.replace("name: 'hello'", "name: 'spy'"));
    const fetch = fakeFetch();
    app = await createPluginApp({ fetch: fetch.fn, dirs: [dir] });
    await setUpSms(app);
    const spyConfig = { method: 'PUT', json: { url: 'http://spy.test/hook' } };
    expect((await app.request('/api/plugins/spy/config', spyConfig)).status).toBe(200);
    const enable = { method: 'PUT', json: { isEnabled: true } };
    expect((await app.request('/api/plugins/spy/enabled', enable)).status).toBe(200);

    await acceptEvent(app, 'N9');
    const [stored] = await app.store.read('SELECT payload, secrets FROM outbox');
    for (const column of [String(stored!.payload), String(stored!.secrets)]) {
      expect(column).not.toContain('13800000000');
    }
    expect(stored!.secrets).not.toBeNull();

    expect((await app.runtime.worker.tick()).delivered).toBe(2);
    const sms = fetch.calls.find((c) => c.url.startsWith('http://sms.test'))!;
    expect(sms.body).toMatchObject({ to: '13800000000' });
    expect(String((sms.body as { text: string }).text)).toContain('办件编号N9');
    expect(String((sms.body as { text: string }).text)).not.toMatch(/查询密码\d/);
    const spy = fetch.calls.find((c) => c.url.startsWith('http://spy.test'))!;
    expect(JSON.stringify(spy.body)).toContain('N9');
    expect(JSON.stringify(spy.body)).not.toContain('13800000000');
    const [after] = await app.store.read('SELECT secrets FROM outbox');
    expect(after!.secrets).toBeNull();

    // An upgrade that starts declaring the phone does not widen the grant: still never delivered.
    writeFileSync(
      join(dir, 'spy/plugin.json'),
      JSON.stringify({ ...manifest, name: 'spy', events: ['case.*'], personalData: ['requesterPhone'] }),
    );
    expect((await app.request('/api/plugins/spy/upgrade', { method: 'POST' })).status).toBe(200);
    const listed = (await (await app.request('/api/plugins')).json()) as Array<Record<string, unknown>>;
    expect(listed.find((p) => p.name === 'spy')).toMatchObject({
      isEnabled: true,
      personalData: ['requesterPhone'],
      grantedPersonalData: [],
    });
    expect(listed.find((p) => p.name === 'sms')).toMatchObject({
      personalData: ['requesterPhone'],
      grantedPersonalData: ['requesterPhone'],
    });
    await acceptEvent(app, 'N10');
    expect((await app.runtime.worker.tick()).delivered).toBe(2);
    const spyCalls = fetch.calls.filter((c) => c.url.startsWith('http://spy.test'));
    expect(JSON.stringify(spyCalls.at(-1)!.body)).toContain('N10');
    expect(JSON.stringify(spyCalls.at(-1)!.body)).not.toContain('13800000000');
    expect(fetch.calls.filter((c) => c.url.startsWith('http://sms.test')).at(-1)!.body).toMatchObject({
      to: '13800000000',
    });
  });

  it('refuses to enable a plugin that declares personal fields unless the administrator grants them all', async () => {
    app = await createPluginApp({ fetch: fakeFetch().fn });
    await app.request('/api/plugins/sms/config', { method: 'PUT', json: { baseUrl: 'http://sms.test' } });
    const plugins = app;
    const enable = (json: Record<string, unknown>, lang = 'en') =>
      plugins.request('/api/plugins/sms/enabled', {
        method: 'PUT',
        json: { isEnabled: true, ...json },
        headers: { 'accept-language': lang },
      });
    for (const [lang, words] of [
      ['en', 'personal data requesterPhone'],
      ['zh-CN', '个人信息 requesterPhone'],
    ] as const) {
      const refused = await enable({}, lang);
      expect(refused.status).toBe(409);
      const body = (await refused.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('plugin.personal_data_not_granted');
      expect(body.error.message).toContain(words);
    }
    const password = await enable({ grantPersonalData: ['requesterPhone', 'queryPassword'] });
    expect(password.status).toBe(400);
    expect(((await password.json()) as { error: { code: string } }).error.code).toBe(
      'plugin.personal_data_not_declared',
    );
    let listed = (await (await plugins.request('/api/plugins')).json()) as Array<Record<string, unknown>>;
    expect(listed.find((p) => p.name === 'sms')).toMatchObject({ isEnabled: false, grantedPersonalData: [] });

    expect((await enable({ grantPersonalData: ['requesterPhone'] })).status).toBe(200);
    listed = (await (await plugins.request('/api/plugins')).json()) as Array<Record<string, unknown>>;
    expect(listed.find((p) => p.name === 'sms')).toMatchObject({
      isEnabled: true,
      grantedPersonalData: ['requesterPhone'],
    });
    const audit = await plugins.store.read(
      "SELECT action, details FROM audit_log WHERE target = 'plugin:sms' AND action IN ('plugin.enable', 'plugin.disable') ORDER BY seq",
    );
    expect(audit.map((row) => row.action)).toEqual(['plugin.enable']);
    expect(JSON.parse(String(audit[0]!.details))).toMatchObject({ grantedPersonalData: ['requesterPhone'] });

    // Disabling withdraws the grant: enabling again needs it again.
    const off = { method: 'PUT', json: { isEnabled: false } };
    expect((await plugins.request('/api/plugins/sms/enabled', off)).status).toBe(200);
    listed = (await (await plugins.request('/api/plugins')).json()) as Array<Record<string, unknown>>;
    expect(listed.find((p) => p.name === 'sms')).toMatchObject({ isEnabled: false, grantedPersonalData: [] });
    expect((await enable({})).status).toBe(409);
  });

  it('fans out only to enabled plugins subscribed to the topic', async () => {
    const fetch = fakeFetch();
    app = await createPluginApp({ fetch: fetch.fn });
    await acceptEvent(app, 'N4');
    await app.runtime.worker.tick();
    expect(await deliveries(app)).toEqual([]);
    await setUpSms(app);
    await app.store.transaction((tx) => enqueueOutbox(tx, entrySubmitted('e-1')));
    await acceptEvent(app, 'N5');
    await app.runtime.worker.tick();
    expect((await deliveries(app)).map((d) => [d.plugin, d.topic])).toEqual([['sms', 'case.accepted']]);
  });
});

describe('the plugin host and routes', () => {
  it('enables, disables and upgrades a plugin without a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-plugin-src-'));
    extra.push(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(join(root, 'test/fixtures/plugins/hello'), join(dir, 'greeter'), { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, 'greeter/plugin.json'), 'utf8'));
    writeFileSync(join(dir, 'greeter/plugin.json'), JSON.stringify({ ...manifest, name: 'greeter' }));
    const code = readFileSync(join(dir, 'greeter/index.ts'), 'utf8').replace(
      "name: 'hello'",
      "name: 'greeter'",
    );
    writeFileSync(join(dir, 'greeter/index.ts'), code);
    const fetch = fakeFetch();
    app = await createPluginApp({ fetch: fetch.fn, dirs: [dir] });
    await app.request('/api/plugins/greeter/config', { method: 'PUT', json: { url: 'http://greet.test/x' } });
    const enabled = await app.request('/api/plugins/greeter/enabled', {
      method: 'PUT',
      json: { isEnabled: true },
    });
    expect(await enabled.json()).toMatchObject({
      name: 'greeter',
      isEnabled: true,
      isLoaded: true,
      version: '1.0.0',
    });
    const greet = () => app!.store.transaction((tx) => enqueueOutbox(tx, entrySubmitted('e-greet')));
    await greet();
    await app.runtime.worker.tick();
    expect(fetch.calls.at(-1)!.body).toMatchObject({ version: 1 });

    writeFileSync(join(dir, 'greeter/index.ts'), code.replace('version: 1', 'version: 2'));
    writeFileSync(
      join(dir, 'greeter/plugin.json'),
      JSON.stringify({ ...manifest, name: 'greeter', version: '1.1.0' }),
    );
    const upgraded = await app.request('/api/plugins/greeter/upgrade', { method: 'POST' });
    expect(await upgraded.json()).toMatchObject({ version: '1.1.0', isLoaded: true });
    await greet();
    await app.runtime.worker.tick();
    expect(fetch.calls.at(-1)!.body).toMatchObject({ version: 2 });

    // An upgrade to a manifest whose topic nothing emits is refused and shown as the load error.
    writeFileSync(
      join(dir, 'greeter/plugin.json'),
      JSON.stringify({ ...manifest, name: 'greeter', version: '1.2.0', events: ['hello.greeted'] }),
    );
    const stale = await app.request('/api/plugins/greeter/upgrade', { method: 'POST' });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('plugin.unknown_topic');
    const listed = (await (await app.request('/api/plugins')).json()) as Array<{
      name: string;
      loadError: string | null;
    }>;
    expect(listed.find((p) => p.name === 'greeter')!.loadError).toContain('hello.greeted');
    expect(listed.find((p) => p.name === 'hello')!.loadError).toBeNull();

    await app.request('/api/plugins/greeter/enabled', { method: 'PUT', json: { isEnabled: false } });
    const before = fetch.calls.length;
    await greet();
    await app.runtime.worker.tick();
    expect(fetch.calls).toHaveLength(before);
  });

  it('never returns or logs credentials, and stores them encrypted', async () => {
    const fetch = fakeFetch();
    app = await createPluginApp({ fetch: fetch.fn });
    await setUpSms(app);
    fetch.set('error500');
    await acceptEvent(app, 'N6');
    await app.runtime.worker.tick();
    const bodies = [
      await (await app.request('/api/plugins')).text(),
      await (await app.request('/api/plugins/sms/config')).text(),
      await (await app.request('/api/plugins/deliveries')).text(),
      await (await app.request('/api/plugins/sms/test-connection', { method: 'POST', json: {} })).text(),
    ];
    for (const body of bodies) expect(body).not.toContain(SECRET_KEY);
    expect(JSON.parse(bodies[1]!)).toMatchObject({ credentials: 'set', credentialFields: { apiKey: 'set' } });
    expect(app.logs.join('\n')).not.toContain(SECRET_KEY);
    const stored = await app.store.read('SELECT sealed_credentials FROM plugin_states WHERE name = ?', [
      'sms',
    ]);
    expect(String(stored[0]!.sealed_credentials)).toMatch(/^v1\./);
    expect(String(stored[0]!.sealed_credentials)).not.toContain(SECRET_KEY);
    expect(statSync(join(app.dir, 'secret.key')).mode & 0o777).toBe(0o600);
    // a bad credential is refused without echoing it
    const bad = await app.request('/api/plugins/sms/credentials', {
      method: 'PUT',
      json: { apiKey: 'short' },
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).not.toContain('"short"');
  });

  it('validates config against the plugin schema and requires admin rights', async () => {
    app = await createPluginApp({ fetch: fakeFetch().fn });
    const bad = await app.request('/api/plugins/sms/config', { method: 'PUT', json: { baseUrl: 'ftp://x' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('plugin.config_invalid');
    const unknown = await app.request('/api/plugins/nope/config');
    expect(unknown.status).toBe(404);
    const anonymous = await app.request('/api/plugins', { headers: { authorization: '' } });
    expect([401, 400]).toContain(anonymous.status);
  });

  it('loads the example plugin and lists every plugin with its status', async () => {
    app = await createPluginApp({ fetch: fakeFetch().fn });
    const list = (await (await app.request('/api/plugins')).json()) as Array<{
      name: string;
      credentials: string;
    }>;
    expect(list.map((p) => p.name)).toEqual(expect.arrayContaining(['hello', 'linkage-110', 'sms']));
    const enabled = await app.request('/api/plugins/hello/enabled', {
      method: 'PUT',
      json: { isEnabled: true },
    });
    expect(await enabled.json()).toMatchObject({
      isLoaded: true,
      hooks: ['onEvent', 'testConnection'],
      credentials: 'not set',
    });
  });
});
