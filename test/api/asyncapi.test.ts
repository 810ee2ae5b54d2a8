/** @module The event catalogue as an outside client sees it: GET /asyncapi.json from a real server names every topic, each channel's payload schema compiles and accepts the payloads the running product really emitted (a case run over the API, its hand-off to approval, a year of demo cases); a plugin subscribing to an undeclared topic is reported and cannot be enabled. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LibsqlStore, openStore } from '../../engine/adapters/db/libsql-store.ts';
import { type LiveSession, signInOverApi, until } from '../support/live-session.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const root = resolve(import.meta.dirname, '../..');

interface AsyncApi {
  asyncapi: string;
  info: { title: string; version: string; description: string };
  channels: Record<
    string,
    { address: string; description: string; messages: Record<string, { $ref: string }> }
  >;
  operations: Record<string, { action: string; channel: { $ref: string } }>;
  components: {
    messages: Record<
      string,
      { payload: Record<string, unknown>; description: string; 'x-description': { en: string; zh: string } }
    >;
  };
}

interface Workflow {
  kind: string;
  actions: Array<{ name: string }>;
  final: string[];
}

const seedWorkflow = (
  JSON.parse(readFileSync(join(root, 'seeds/rulesets/cases-2026.json'), 'utf8')) as { documents: Workflow[] }
).documents.find((d) => d.kind === 'workflow')!;

let dir: string;
let server: RunningServer;
let db: LibsqlStore;
let doc: AsyncApi;
const sessions: Record<string, LiveSession> = {};

const as = async (user: string) => (sessions[user] ??= await signInOverApi(server, user));
const act = async (user: string, id: string, action: string, input: Record<string, unknown> = {}) =>
  (await as(user)).apiJson(`/api/cases/${id}/actions/${action}`, { method: 'POST', json: { input } });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baton-asyncapi-'));
  // A plugin an outside author got wrong: it subscribes to case.replied, which nothing emits.
  const plugins = join(dir, 'plugins');
  mkdirSync(join(plugins, 'stale-city'), { recursive: true });
  writeFileSync(
    join(plugins, 'stale-city/plugin.json'),
    JSON.stringify({
      name: 'stale-city',
      version: '1.0.0',
      apiVersion: 1,
      title: { en: 'Stale city', zh: '过时的市级平台' },
      capabilities: ['outboundAction'],
      events: ['case.replied', 'case.closed'],
    }),
  );
  writeFileSync(
    join(plugins, 'stale-city/index.js'),
    "export default { name: 'stale-city', hooks: { async onEvent() {} } };\n",
  );
  // A year of demo cases runs through the real operations (and the deadline worker): every event they
  // emit is checked against the catalogue on the way into the outbox.
  server = await startServer({
    dataDir: join(dir, 'data'),
    env: { BATON_DEMO_CASES: 'on', BATON_PLUGIN_DIRS: plugins },
    timeoutMs: 180_000,
  });
  db = await openStore(`file:${join(dir, 'data', 'baton.db')}`, { migrate: false });
  await until(
    async () => /seeded demo cases|demo cases failed/.test(server.logs()),
    'the demo cases',
    400_000,
  );
}, 480_000);

afterAll(async () => {
  await db?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /asyncapi.json', () => {
  it('is public AsyncAPI 3.0 naming every topic of the catalogue and the published workflow', async () => {
    const response = await fetch(`${server.url}/asyncapi.json`);
    expect(response.status).toBe(200);
    doc = (await response.json()) as AsyncApi;
    expect(doc.asyncapi).toBe('3.0.0');
    // Valid by the official AsyncAPI 3.0.0 JSON Schema (draft-07, @asyncapi/specs).
    const spec = new Ajv({ allErrors: true, strict: false });
    addFormats(spec);
    const isAsyncApi = spec.compile(
      JSON.parse(
        readFileSync(join(root, 'node_modules/@asyncapi/specs/schemas/3.0.0-without-$id.json'), 'utf8'),
      ),
    );
    expect(isAsyncApi(doc), JSON.stringify(isAsyncApi.errors?.slice(0, 5))).toBe(true);
    expect(doc.info.description).toMatch(/[\u4e00-\u9fff]/);
    const expected = [
      'case.accepted',
      'case.handoff.approval',
      'case.handoff.police',
      'case.sla.warning',
      'case.sla.overdue',
      'case.reminded',
      'case.supervised',
      'performance.entrySubmitted',
      ...seedWorkflow.actions.map((a) => `case.${a.name}`),
      ...seedWorkflow.final.map((s) => `case.${s}`),
    ];
    expect(Object.keys(doc.channels).sort()).toEqual([...new Set(expected)].sort());
    expect(doc.channels['case.replied']).toBeUndefined();
    for (const [id, channel] of Object.entries(doc.channels)) {
      expect(channel.address).toBe(id);
      expect(channel.description).toMatch(/[\u4e00-\u9fff]/);
      expect(doc.operations[`receive.${id}`]).toMatchObject({
        action: 'receive',
        channel: { $ref: `#/channels/${id}` },
      });
      const refs = Object.values(channel.messages);
      expect(refs).toHaveLength(1);
      const message = doc.components.messages[refs[0]!.$ref.replace('#/components/messages/', '')]!;
      expect(message.payload).toMatchObject({ type: 'object' });
      expect(message['x-description'].zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("compiles every channel's payload schema and accepts the payloads the running product emitted", async () => {
    expect(server.logs()).toContain('seeded demo cases');
    expect(server.logs()).not.toContain('demo cases failed');
    // A case over the API, as staff would run it, including the hand-off to the approval system.
    const intake = await (await as('dispatcher')).apiJson<{ case: { id: string; number: string } }>(
      '/api/cases',
      {
        method: 'POST',
        json: {
          channel: 'hotline',
          category: 'education.school',
          text: '学校食堂需办理食品经营许可',
          requester: { phone: '13955556666', name: '王五' },
        },
      },
    );
    const id = intake.case.id;
    await act('dispatcher', id, 'dispatch');
    await act('dept_user', id, 'signFor');
    await act('dept_user', id, 'handOffToApproval', { itemCode: 'FOOD-LICENSE' });
    // The lead unit records the approval system's written decision (the plugin would send it by webhook).
    await act('dept_user', id, 'approvalDecided', {
      decision: 'approved',
      decidedBy: '区市场监管局审批科',
      decidedAt: '2026-11-25T10:30:00+08:00',
    });
    await act('dept_user', id, 'handle', { result: '已约谈食堂承包方整改' });
    await act('dept_user', id, 'reply', { reply: '已整改，欢迎监督' });
    await act('dispatcher', id, 'verify');
    await act('dispatcher', id, 'notifyCitizen');
    await act('dispatcher', id, 'closeWithoutRating', { reason: '回访未接通' });
    // A request with police relevance handed to 110 (case.handoff.police, with the incident location).
    const police = await (await as('dispatcher')).apiJson<{ case: { id: string; status: string } }>(
      '/api/cases',
      {
        method: 'POST',
        json: {
          channel: 'hotline',
          category: 'education.school',
          text: '学校门口有人推搡',
          location: { address: '学院路 3 号' },
          requester: { phone: '13955557777', name: '赵六' },
        },
      },
    );
    if (police.case.status === 'registered') await act('dispatcher', police.case.id, 'accept');
    await act('dispatcher', police.case.id, 'handOffToPolice', {
      reason: '疑似打架斗殴',
      incidentType: 'fight',
    });

    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    // Channels of one message share its schema: compile each message once.
    const compiled = new Map<string, ValidateFunction>();
    const validators = new Map<string, ValidateFunction>();
    for (const [topic, channel] of Object.entries(doc.channels)) {
      const ref = Object.values(channel.messages)[0]!.$ref.replace('#/components/messages/', '');
      if (!compiled.has(ref)) compiled.set(ref, ajv.compile(doc.components.messages[ref]!.payload));
      validators.set(topic, compiled.get(ref)!);
    }
    expect(compiled.size).toBe(Object.keys(doc.components.messages).length);
    const rows = (await db.read('SELECT topic, payload FROM outbox')) as unknown as Array<{
      topic: string;
      payload: string;
    }>;
    const seen = new Map<string, number>();
    for (const row of rows) {
      const validate = validators.get(row.topic);
      expect(validate, `${row.topic} was emitted but is not in /asyncapi.json`).toBeDefined();
      const payload = JSON.parse(row.payload) as Record<string, unknown>;
      expect(validate!(payload), `${row.topic}: ${JSON.stringify(validate!.errors)}`).toBe(true);
      seen.set(row.topic, (seen.get(row.topic) ?? 0) + 1);
    }
    for (const topic of [
      'case.accepted',
      'case.dispatch',
      'case.signFor',
      'case.handoff.approval',
      'case.approvalDecided',
      'case.handoff.police',
      'case.handle',
      'case.reply',
      'case.verify',
      'case.notifyCitizen',
      'case.closeWithoutRating',
      'case.closed',
    ])
      expect(seen.get(topic) ?? 0, topic).toBeGreaterThan(0);
    // The year of demo cases reaches far more topics than one case does.
    expect(seen.size).toBeGreaterThan(15);

    const ofCase = rows
      .map((r) => ({ topic: r.topic, payload: JSON.parse(r.payload) as Record<string, unknown> }))
      .filter((r) => r.payload.caseId === id);
    const byTopic = (topic: string) => ofCase.find((r) => r.topic === topic)!.payload;
    expect(byTopic('case.handoff.approval')).toMatchObject({
      caseNumber: intake.case.number,
      itemCode: 'FOOD-LICENSE',
      category: 'education.school',
      text: '学校食堂需办理食品经营许可',
    });
    expect(byTopic('case.reply')).toMatchObject({ reply: '已整改，欢迎监督', category: 'education.school' });
    expect(byTopic('case.closed')).toMatchObject({ reply: '已整改，欢迎监督', to: 'closed' });
    expect(typeof byTopic('case.dispatch').leadUnitId).toBe('string');
    // Personal data stays out of every payload: no name, no phone, no query password.
    const text = JSON.stringify(ofCase);
    expect(text).not.toContain('13955556666');
    expect(text).not.toContain('王五');
    expect(text).not.toMatch(/queryPassword|requesterPhone/);
    // The police hand-off carries where (the police go there), never who called.
    const policeHandoff = rows
      .map((r) => ({ topic: r.topic, payload: JSON.parse(r.payload) as Record<string, unknown> }))
      .find((r) => r.topic === 'case.handoff.police' && r.payload.caseId === police.case.id)!.payload;
    expect(policeHandoff).toMatchObject({ location: { address: '学院路 3 号' }, itemCode: 'fight' });
    expect(JSON.stringify(policeHandoff)).not.toMatch(/13955557777|赵六/);
  });
});

describe('plugin subscriptions', () => {
  it('reports a plugin subscribed to an undeclared topic and refuses to enable it', async () => {
    const admin = await as('admin');
    const list = await admin.apiJson<Array<{ name: string; loadError: string | null }>>('/api/plugins');
    expect(list.find((p) => p.name === 'stale-city')!.loadError).toContain('case.replied');
    for (const name of ['approval', 'city-platform', 'linkage-110', 'sms'])
      expect(list.find((p) => p.name === name)!.loadError, name).toBeNull();
    const enabled = await admin.api('/api/plugins/stale-city/enabled', {
      method: 'PUT',
      json: { isEnabled: true },
    });
    expect(enabled.status).toBe(409);
    expect(JSON.parse(enabled.text).error.code).toBe('plugin.unknown_topic');
  });
});
