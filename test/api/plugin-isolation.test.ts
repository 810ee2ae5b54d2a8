/** @module Plugin isolation (issue 15.6) on a real server: plugins in a temp folder (BATON_PLUGIN_DIRS) that import node:fs, import node:child_process, call global fetch or send to a host their config does not name are stopped and reported (load or delivery error with a code in both languages, disabled, audited) while the server, a well-behaved plugin and the built-in plugins go on; a fixed plugin comes back through upgrade. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveSession, setUpPlugin, until } from '../support/live-session.ts';
import { startReceiver, startWithPluginFolder } from '../support/plugin-folder.ts';
import type { RunningServer } from '../support/server.ts';
import type { Staff } from '../support/staff.ts';

const manifest = (name: string) =>
  JSON.stringify({
    name,
    version: '1.0.0',
    apiVersion: 1,
    title: { en: `Isolation ${name}`, zh: `隔离测试 ${name}` },
    capabilities: ['notifier'],
    events: ['case.accepted'],
  });

const CONFIG_SCHEMA = JSON.stringify({
  type: 'object',
  required: ['url'],
  properties: { url: { type: 'string', title: 'URL / 地址' } },
});

/** index.ts of each plugin; `__STEAL__` is replaced with a URL of the receiver the config does not name. */
const PLUGINS: Record<string, string> = {
  // Breaks the rule when loaded: a top-level import of the file system.
  'fs-reader': `import { readFileSync } from 'node:fs';
import { definePlugin } from 'baton/plugin-api';
export default definePlugin<{ url: string }>({
  name: 'fs-reader',
  hooks: { async onEvent({ config, http }) { await http.postJson(config.url, { text: readFileSync('/etc/hostname', 'utf8') }); } },
});
`,
  // Breaks it during a delivery, and catches the refusal: it is stopped all the same.
  spawner: `import { definePlugin } from 'baton/plugin-api';
export default definePlugin<{ url: string }>({
  name: 'spawner',
  hooks: {
    async onEvent({ config, http }) {
      let ran = 'no';
      try {
        const cp = await import('node:child_process');
        ran = cp.execSync('id').toString();
      } catch {}
      await http.postJson(config.url, { from: 'spawner', ran });
    },
  },
});
`,
  // The network without the host's helper.
  fetcher: `import { definePlugin } from 'baton/plugin-api';
export default definePlugin<{ url: string }>({
  name: 'fetcher',
  hooks: { async onEvent({ config }) { await fetch(config.url, { method: 'POST', body: '{"from":"fetcher"}' }); } },
});
`,
  // The host's helper, but to a host its config does not name (the same receiver as 127.0.0.1).
  wanderer: `import { definePlugin } from 'baton/plugin-api';
export default definePlugin<{ url: string }>({
  name: 'wanderer',
  hooks: { async onEvent({ http }) { await http.postJson('__STEAL__', { from: 'wanderer' }); } },
});
`,
  // Plays by the rules: what it sees of the process goes to the receiver.
  'well-behaved': `import { definePlugin } from 'baton/plugin-api';
import { format } from 'node:util';
import { FROM } from './from.ts';
export default definePlugin<{ url: string }>({
  name: 'well-behaved',
  hooks: {
    async onEvent({ event, config, http }) {
      const seen = globalThis.process as unknown as Record<string, unknown>;
      await http.postJson(config.url, {
        from: FROM,
        caseNumber: event.payload.caseNumber,
        formatted: format('%s-%d', 'case', 7),
        binding: typeof seen.binding,
        getBuiltinModule: typeof seen.getBuiltinModule,
        kill: typeof seen.kill,
        envKeys: Object.keys((seen.env ?? {}) as object).length,
        fetch: (() => { try { return typeof globalThis.fetch; } catch { return 'error'; } })(),
      });
    },
  },
});
`,
};

const FIXED_FETCHER = `import { definePlugin } from 'baton/plugin-api';
export default definePlugin<{ url: string }>({
  name: 'fetcher',
  hooks: { async onEvent({ config, http }) { await http.postJson(config.url, { from: 'fetcher-fixed' }); } },
});
`;

let server: RunningServer;
let receiver: Server;
let port = 0;
let dir: string;
let admin: LiveSession;
let staff: Staff;
const received: Array<{ path: string; body: Record<string, unknown> }> = [];

type Listed = { name: string; isEnabled: boolean; isLoaded: boolean; loadError: string | null };
type DeliveryRow = { plugin: string; status: string; lastError: string | null };

beforeAll(async () => {
  ({ receiver, port } = await startReceiver((req, raw) => {
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      body = { raw };
    }
    received.push({ path: req.url ?? '', body });
  }, '{}'));
  dir = mkdtempSync(join(tmpdir(), 'baton-isolation-'));
  for (const [name, code] of Object.entries(PLUGINS)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'plugin.json'), manifest(name));
    writeFileSync(join(dir, name, 'config.schema.json'), CONFIG_SCHEMA);
    // The config names localhost; 127.0.0.1 is the same receiver under a host it does not name.
    writeFileSync(join(dir, name, 'index.ts'), code.replace('__STEAL__', `http://127.0.0.1:${port}/steal`));
  }
  // Its own files are allowed: a relative .ts import with a named export.
  writeFileSync(join(dir, 'well-behaved', 'from.ts'), `export const FROM: string = 'well-behaved';\n`);
  ({ server, admin, staff } = await startWithPluginFolder(dir));
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await new Promise((done) => receiver?.close(done));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const urlFor = (name: string) => `http://localhost:${port}/in/${name}`;
const listed = async (name: string) =>
  (await admin.apiJson<Listed[]>('/api/plugins')).find((p) => p.name === name)!;
const intake = (text: string) => staff.intakeSchoolCase(text);
const auditOf = async (name: string) => {
  const { items } = await admin.apiJson<{
    items: Array<{
      actor: string;
      details: { reason?: string; violation?: { code: string; message: { en: string; zh: string } } };
    }>;
  }>(`/api/audit?target=plugin:${name}&action=plugin.disable`);
  return items.filter((r) => r.details?.reason === 'sandboxViolation');
};
const deadOf = (name: string) =>
  until(async () => {
    const rows = await admin.apiJson<DeliveryRow[]>(`/api/plugins/deliveries?plugin=${name}&status=dead`);
    return rows[0] ?? null;
  }, `the dead letter of ${name}`);

describe('plugin isolation / 插件隔离', () => {
  it('refuses a plugin that imports node:fs when it is loaded: 409 with the code in both languages, disabled, audited', async () => {
    for (const step of ['config', 'credentials'] as const) {
      const answer = await admin.api(`/api/plugins/fs-reader/${step}`, {
        method: 'PUT',
        json: step === 'config' ? { url: urlFor('fs-reader') } : {},
      });
      expect(answer.status).toBe(200);
    }
    const enabled = await admin.api('/api/plugins/fs-reader/enabled', {
      method: 'PUT',
      json: { isEnabled: true },
    });
    expect(enabled.status).toBe(409);
    const error = (JSON.parse(enabled.text) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('plugin.not_loadable');
    expect(error.message).toContain('plugin.forbidden_module');
    expect(error.message).toContain('node:fs');
    const plugin = await listed('fs-reader');
    expect(plugin).toMatchObject({ isEnabled: false, isLoaded: false });
    expect(plugin.loadError).toContain('[plugin.forbidden_module]');
    expect(plugin.loadError).toContain('已被沙箱停止');
    const audit = await until(async () => (await auditOf('fs-reader'))[0], 'the audit record');
    expect(audit.actor).toBe('system');
    expect(audit.details.violation?.code).toBe('plugin.forbidden_module');
    expect(audit.details.violation?.message.zh).toContain('node:fs');
  });

  it('stops plugins that spawn a process, call fetch or send to an undeclared host during a delivery; the others go on', async () => {
    for (const name of ['spawner', 'fetcher', 'wanderer', 'well-behaved']) {
      await setUpPlugin(admin, { name, config: { url: urlFor(name) }, credentials: {} });
      expect(await listed(name)).toMatchObject({ isEnabled: true, isLoaded: true, loadError: null });
    }
    const first = await intake('学校门口积水');

    const good = await until(
      async () => received.find((r) => r.body.from === 'well-behaved' && r.body.caseNumber === first.number),
      'the well-behaved delivery',
    );
    expect(good.path).toBe('/in/well-behaved');
    expect(good.body).toMatchObject({
      binding: 'undefined',
      getBuiltinModule: 'undefined',
      kill: 'undefined',
      envKeys: 0,
      fetch: 'function',
    });
    expect(good.body.formatted).toBe('case-7');

    const expectations: Array<[string, string, string]> = [
      ['spawner', 'plugin.forbidden_module', 'node:child_process'],
      ['fetcher', 'plugin.forbidden_global', 'fetch'],
      ['wanderer', 'plugin.host_not_allowed', '127.0.0.1'],
    ];
    for (const [name, code, what] of expectations) {
      const dead = await deadOf(name);
      expect(dead.lastError).toContain(`[${code}]`);
      expect(dead.lastError).toContain(what);
      expect(dead.lastError).toContain('已被沙箱停止');
      const plugin = await until(async () => {
        const p = await listed(name);
        return p.isEnabled ? null : p;
      }, `${name} switched off`);
      expect(plugin.isLoaded).toBe(false);
      expect(plugin.loadError).toContain(`[${code}]`);
      const [audit] = await until(async () => {
        const records = await auditOf(name);
        return records.length > 0 ? records : null;
      }, `the audit record of ${name}`);
      expect(audit!.details.violation?.code).toBe(code);
    }
    // Nothing left the sandbox: no child process ran, fetch sent nothing, the undeclared host got nothing.
    expect(received.some((r) => r.body.from === 'spawner')).toBe(false);
    expect(received.some((r) => r.body.from === 'fetcher' || r.path.startsWith('/in/fetcher'))).toBe(false);
    expect(received.some((r) => r.path === '/steal')).toBe(false);

    // The server is up, the built-in plugins are listed and the well-behaved plugin keeps delivering.
    expect((await admin.api('/api/health')).status).toBe(200);
    const names = (await admin.apiJson<Listed[]>('/api/plugins')).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['approval', 'city-platform', 'linkage-110', 'sms']));
    const second = await intake('学校门口路灯不亮');
    await until(
      async () => received.find((r) => r.body.from === 'well-behaved' && r.body.caseNumber === second.number),
      'the second well-behaved delivery',
    );
    expect((await listed('well-behaved')).isEnabled).toBe(true);
  });

  it('a stopped plugin cannot be enabled until fixed code is upgraded; then it delivers again without a restart', async () => {
    const refused = await admin.api('/api/plugins/fetcher/enabled', {
      method: 'PUT',
      json: { isEnabled: true },
    });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('plugin.forbidden_global');
    writeFileSync(join(dir, 'fetcher', 'index.ts'), FIXED_FETCHER);
    const upgraded = await admin.api('/api/plugins/fetcher/upgrade', { method: 'POST', json: {} });
    expect(upgraded.status).toBe(200);
    expect(await listed('fetcher')).toMatchObject({ isLoaded: true, loadError: null });
    await setUpPlugin(admin, { name: 'fetcher', config: { url: urlFor('fetcher') }, credentials: {} });
    await intake('学校周边噪音');
    const got = await until(
      async () => received.find((r) => r.body.from === 'fetcher-fixed'),
      'the fixed fetcher',
    );
    expect(got.path).toBe('/in/fetcher');
  });
});
