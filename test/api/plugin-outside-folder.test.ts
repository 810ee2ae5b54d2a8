/** @module A plugin written outside the repository, as an author following docs/plugins.md would: a `.ts` folder without package.json importing `baton/plugin-api`, loaded by a real server through BATON_PLUGIN_DIRS; it signs its requests with the host's helper and its DeliveryFailure is the host's. */
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveSession, setUpPlugin, testConnection, until } from '../support/live-session.ts';
import { startReceiver, startWithPluginFolder } from '../support/plugin-folder.ts';
import type { RunningServer } from '../support/server.ts';
import type { Staff } from '../support/staff.ts';

const root = resolve(import.meta.dirname, '../..');
const SECRET = 'wecom-signing-secret-0123456789';

const FILES: Record<string, string> = {
  'plugin.json': JSON.stringify({
    name: 'wecom',
    version: '0.1.0',
    apiVersion: 1,
    title: { en: 'WeCom group notifier', zh: '企业微信群通知' },
    capabilities: ['notifier'],
    events: ['case.accepted'],
  }),
  'config.schema.json': JSON.stringify({
    type: 'object',
    required: ['url'],
    properties: {
      url: { type: 'string', title: 'Webhook URL / 群机器人地址' },
      refuse: { type: 'boolean', title: 'Refuse / 拒绝' },
    },
  }),
  'credentials.schema.json': JSON.stringify({
    type: 'object',
    required: ['secret'],
    properties: { secret: { type: 'string', minLength: 16, title: 'Signing secret / 签名密钥' } },
  }),
  // TypeScript with types from the importable API, and a relative .ts import of its own.
  'index.ts': `import { definePlugin, DeliveryFailure, PLUGIN_API_VERSION, type PluginEvent } from 'baton/plugin-api';
import { textOf } from './text.ts';

interface Config { url: string; refuse?: boolean }
interface Credentials { secret: string }

export default definePlugin<Config, Credentials>({
  name: 'wecom',
  hooks: {
    async onEvent({ event, config, credentials, http }) {
      if (config.refuse) throw new DeliveryFailure('refused by configuration', { isPermanent: true });
      await http.postJson(config.url, { msgtype: 'text', text: { content: textOf(event) } }, {
        sign: { secret: credentials.secret },
      });
    },
    async testConnection({ config }) {
      return { ok: true, message: \`plugin api v\${PLUGIN_API_VERSION}, posting to \${new URL(config.url).host}\` };
    },
  },
});
export type { PluginEvent };
`,
  'text.ts': `import type { PluginEvent } from 'baton/plugin-api';
export const textOf = (event: PluginEvent): string => \`新办件 \${String(event.payload.caseNumber)}\`;
`,
};

let server: RunningServer;
let receiver: Server;
let receiverUrl = '';
let dir: string;
let admin: LiveSession;
let staff: Staff;
const received: Array<{ headers: Record<string, string | string[] | undefined>; raw: string }> = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baton-outside-author-'));
  expect(relative(root, dir).startsWith('..')).toBe(true);
  mkdirSync(join(dir, 'wecom'));
  for (const [file, text] of Object.entries(FILES)) writeFileSync(join(dir, 'wecom', file), text);
  const started = await startReceiver(
    (req, raw) => received.push({ headers: req.headers, raw }),
    '{"errcode":0}',
  );
  receiver = started.receiver;
  receiverUrl = `http://127.0.0.1:${started.port}/hook`;
  ({ server, admin, staff } = await startWithPluginFolder(dir));
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await new Promise((done) => receiver?.close(done));
  rmSync(dir, { recursive: true, force: true });
});

const intake = (text: string) => staff.intakeSchoolCase(text);

describe('a plugin from a folder outside the repository', () => {
  it('loads with `baton/plugin-api` and no package.json, delivers signed requests, and fails with the host’s DeliveryFailure', async () => {
    const listed = await admin.apiJson<Array<{ name: string; loadError: string | null }>>('/api/plugins');
    expect(listed.find((p) => p.name === 'wecom')).toMatchObject({ loadError: null });
    await setUpPlugin(admin, {
      name: 'wecom',
      config: { url: receiverUrl },
      credentials: { secret: SECRET },
    });
    const [plugin] = (
      await admin.apiJson<Array<{ name: string; isLoaded: boolean; loadError: string | null }>>(
        '/api/plugins',
      )
    ).filter((p) => p.name === 'wecom');
    expect(plugin).toMatchObject({ isLoaded: true, loadError: null });
    const test = await testConnection(admin, 'wecom');
    expect(test).toMatchObject({ ok: true });
    expect(test.message).toContain('plugin api v1');

    const first = await intake('学校门口路灯不亮');
    const got = await until(async () => received.find((r) => r.raw.includes(first.number)), 'the notice');
    expect(JSON.parse(got.raw)).toEqual({ msgtype: 'text', text: { content: `新办件 ${first.number}` } });
    const timestamp = String(got.headers['x-baton-timestamp']);
    const expected = createHmac('sha256', SECRET).update(`${timestamp}.${got.raw}`).digest('hex');
    expect(got.headers['x-baton-signature']).toBe(`sha256=${expected}`);
    expect(typeof got.headers['idempotency-key']).toBe('string');

    // Thrown from the plugin's own import of the API, a permanent failure goes straight to the dead letters.
    const refused = await admin.api('/api/plugins/wecom/config', {
      method: 'PUT',
      json: { url: receiverUrl, refuse: true },
    });
    expect(refused.status).toBe(200);
    const second = await intake('学校食堂卫生问题');
    const dead = await until(async () => {
      const list = await admin.apiJson<
        Array<{ status: string; attempts: number; lastError: string | null; outboxId: number }>
      >('/api/plugins/deliveries?plugin=wecom&status=dead');
      return list[0] ?? null;
    }, 'the dead letter');
    expect(dead).toMatchObject({ attempts: 1, lastError: 'refused by configuration' });
    expect(received.some((r) => r.raw.includes(second.number))).toBe(false);
  });
});
