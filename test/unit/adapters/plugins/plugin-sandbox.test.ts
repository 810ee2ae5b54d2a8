/** @module The plugin sandbox's ways around the rules (issue 15.6): `new Function` imports, `data:` URLs, symlinks out of the folder, CommonJS, a hook that never ends; and the hosts a config names. Plugins are real folders in a temp dir, run in real worker threads. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryFailure } from '../../../../engine/core/plugin-api.ts';
import { allowedHostsOf } from '../../../../engine/adapters/plugins/plugin-http.ts';
import { createPluginHost } from '../../../../engine/adapters/plugins/plugin-host.ts';
import type { SandboxViolation } from '../../../../engine/adapters/plugins/plugin-sandbox.ts';

const root = resolve(import.meta.dirname, '../../../..');

const PLUGINS: Record<string, string> = {
  'new-function': `export default { name: 'new-function', hooks: { async onEvent() {
    const fs = await (new Function('return import("node:fs")'))();
    fs.writeFileSync(${JSON.stringify(join(tmpdir(), 'baton-sandbox-escaped'))}, 'x');
  } } };`,
  'data-url': `export default { name: 'data-url', hooks: { async onEvent() {
    await import('data:text/javascript,import fs from "node:fs"; export default fs;');
  } } };`,
  symlinked: `import { createSecretBox } from './box.ts';
export default { name: 'symlinked', hooks: { async onEvent() { createSecretBox(new Uint8Array(32) as never); } } };`,
  commonjs: `import helper from './helper.cjs';
export default { name: 'commonjs', hooks: { async onEvent() { helper.readFileSync('/etc/hostname'); } } };`,
  spinner: `export default { name: 'spinner', hooks: { async onEvent() { for (;;) {} } } };`,
  polite: `export default { name: 'polite', hooks: {
    async onEvent({ config, credentials, http }) {
      console.log('sending with', credentials.token);
      await http.postJson(config.url, { ok: true });
    },
  } };`,
};

let dir: string;
const violations: Array<{ name: string; violation: SandboxViolation }> = [];
const sent: string[] = [];
const logged: string[] = [];
let host: ReturnType<typeof createPluginHost>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-sandbox-'));
  for (const [name, code] of Object.entries(PLUGINS)) {
    mkdirSync(join(dir, name));
    writeFileSync(
      join(dir, name, 'plugin.json'),
      JSON.stringify({
        name,
        version: '1.0.0',
        apiVersion: 1,
        title: { en: name, zh: name },
        capabilities: ['notifier'],
        events: ['case.accepted'],
      }),
    );
    writeFileSync(join(dir, name, 'index.ts'), code);
  }
  symlinkSync(join(root, 'engine/adapters/plugins/secret-box.ts'), join(dir, 'symlinked', 'box.ts'));
  writeFileSync(join(dir, 'commonjs', 'helper.cjs'), "module.exports = require('node:fs');\n");
  host = createPluginHost({
    dirs: [dir],
    logger: {
      info: (msg: string, fields: unknown) => logged.push(`${msg} ${JSON.stringify(fields)}`),
      warn: (msg: string, fields: unknown) => logged.push(`${msg} ${JSON.stringify(fields)}`),
      error() {},
    } as never,
    fetch: (async (url: string) => {
      sent.push(String(url));
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch,
    hookTimeoutMs: 1500,
    onViolation: ({ name, violation }) => violations.push({ name, violation }),
  });
});

afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

const deliver = (name: string, config: Record<string, unknown> = {}) =>
  host.deliver({
    name,
    event: { id: 1, topic: 'case.accepted', payload: {}, createdAt: '2026-11-25T02:00:00.000Z' },
    config,
    credentials: { token: 'tok-0123456789' },
    idempotencyKey: `dlv-${name}`,
  });

describe('the plugin sandbox', () => {
  it('stops imports of Node modules from `new Function` code and from `data:` URLs', async () => {
    await host.discover();
    await expect(deliver('new-function')).rejects.toThrow(/\[plugin\.forbidden_module\].*node:fs/);
    await expect(deliver('data-url')).rejects.toThrow(/\[plugin\.import_outside_folder\].*data:/);
    expect(violations.map((v) => [v.name, v.violation.code])).toEqual([
      ['new-function', 'plugin.forbidden_module'],
      ['data-url', 'plugin.import_outside_folder'],
    ]);
    // Stopped for good: the next call does not start it again.
    const again = await deliver('new-function').catch((error: unknown) => error);
    expect(again).toBeInstanceOf(DeliveryFailure);
    expect((again as DeliveryFailure).isPermanent).toBe(true);
    expect(violations).toHaveLength(2);
  });

  it('refuses a symlink out of the folder and CommonJS at load time', async () => {
    const symlinked = await host.load('symlinked');
    expect(symlinked.isLoaded).toBe(false);
    expect(symlinked.loadError).toMatch(/^\[plugin\.import_outside_folder\].*box\.ts.*已被沙箱停止/);
    const commonjs = await host.load('commonjs');
    expect(commonjs.isLoaded).toBe(false);
    expect(commonjs.loadError).toMatch(/^\[plugin\.forbidden_module\].*helper\.cjs/);
  });

  it('stops a hook that never ends without blocking the host, and retries on a fresh worker', async () => {
    const first = await deliver('spinner').catch((error: unknown) => error);
    expect(first).toBeInstanceOf(DeliveryFailure);
    expect((first as DeliveryFailure).message).toContain('did not answer within 1500 ms');
    expect((first as DeliveryFailure).isPermanent).toBe(false);
    // Not a rule broken: it may be tried again (a new worker), and the polite plugin is unaffected.
    expect(host.get('spinner')).toMatchObject({ loadError: null });
    await deliver('polite', { url: 'https://gw.example.cn/send' });
    expect(sent).toEqual(['https://gw.example.cn/send']);
    // Its console went to the host's log, with the credential redacted.
    expect(logged).toContain('console: sending with [redacted] {"plugin":"polite"}');
    expect(logged.join('\n')).not.toContain('tok-0123456789');
    await expect(deliver('spinner')).rejects.toThrow('did not answer');
  });

  it('takes the allowed hosts from the URLs and host names in the config, at any depth', () => {
    expect(
      allowedHostsOf({
        baseUrl: 'https://SMS.example.cn/v1',
        backup: { urls: ['http://10.0.0.5:8080/x'] },
        host: 'api.gov.example',
        local: 'localhost:9000',
        signName: '区12345',
        template: '您的诉求已受理 {caseNumber}',
        retries: 3,
      }),
    ).toEqual(['10.0.0.5:8080', 'api.gov.example', 'localhost:9000', 'sms.example.cn']);
    expect(allowedHostsOf({})).toEqual([]);
  });
});
