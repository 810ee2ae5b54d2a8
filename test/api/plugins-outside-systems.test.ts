/** @module Plugins against simulated outside systems, all real processes on 127.0.0.1: SMS retries and dead letters, 110 incidents with duplicates and bad signatures. */
import { describe, expect, it } from 'vitest';
import { expectSecretsHidden, useLivePlugins } from '../support/live-plugins.ts';
import { deliveriesOf, type PluginDelivery, testConnection, until } from '../support/live-session.ts';
import { fastOutboxEnv } from '../support/server.ts';
import { postSignedWebhook } from '../support/signed-webhook.ts';

const SMS_KEY = 'sms-live-key-0123456789';
const LINKAGE_KEY = 'linkage-live-key-0123';
const WEBHOOK_SECRET = 'webhook-shared-secret-0123456789';

const incident = (id: string, extra: Record<string, unknown> = {}) => ({
  incidentId: id,
  description: `噪音扰民 ${id}`,
  address: '幸福路 1 号',
  callerName: '张三',
  callerPhone: `1390000${id.slice(-4).padStart(4, '0')}`,
  ...extra,
});

const live = useLivePlugins(
  {
    sms: {
      sim: 'sms-gateway',
      env: { SMS_API_KEY: SMS_KEY },
      plugin: {
        name: 'sms',
        config: { signName: '测试区' },
        credentials: { apiKey: SMS_KEY },
        grantPersonalData: ['requesterPhone'],
      },
    },
    linkage: {
      sim: 'linkage-110',
      env: { LINKAGE_API_KEY: LINKAGE_KEY },
      plugin: { name: 'linkage-110', credentials: { webhookSecret: WEBHOOK_SECRET, apiKey: LINKAGE_KEY } },
    },
  },
  fastOutboxEnv({ baseDelayMs: 300, maxDelayMs: 1000, maxAttempts: 6, pluginTimeoutMs: 2000 }),
);

const sendIncidents = (body: Record<string, unknown>) =>
  live.linkage.admin<{ results: Array<{ incidentId: string; status: number; body: { status?: string } }> }>(
    'send',
    {
      target: `${live.server.url}/api/plugins/linkage-110/webhook`,
      secret: WEBHOOK_SECRET,
      ...body,
    },
  );

const smsDeliveries = () => deliveriesOf(live.admin, 'sms');

describe('plugins against real outside systems', () => {
  it('tests the connection to the SMS gateway and the 110 system', async () => {
    expect(await testConnection(live.admin, 'sms')).toEqual({
      ok: true,
      message: 'gateway reachable',
    });
    expect(await testConnection(live.admin, 'linkage-110')).toMatchObject({
      ok: true,
    });
  });

  it('turns each 110 incident into exactly one intake despite duplicates, and rejects bad signatures and replayed timestamps', async () => {
    const first = await sendIncidents({
      incidents: [incident('INC-0001'), incident('INC-0002'), incident('INC-0003', { isPoliceMatter: true })],
      duplicateDelivery: true,
      duplicateIncident: true,
    });
    expect(first.results.every((r) => r.status === 200)).toBe(true);
    expect(first.results.filter((r) => r.body.status === 'duplicate')).toHaveLength(3);

    const forged = await sendIncidents({ incidents: [incident('INC-0004')], badSignature: true });
    expect(forged.results.map((r) => r.status)).toEqual([401]);
    const replayed = await sendIncidents({ incidents: [incident('INC-0005')], ageSeconds: 600 });
    expect(replayed.results.map((r) => r.status)).toEqual([401]);

    const cases = await live.admin.apiJson<{ items: Array<{ id: string; number: string; channel: string }> }>(
      '/api/cases?queue=all&channel=police110',
    );
    const details = await Promise.all(
      cases.items.map((c) =>
        live.admin.apiJson<{ externalId: string; number: string }>(`/api/cases/${c.id}`),
      ),
    );
    expect(details.map((d) => d.externalId).sort()).toEqual(['INC-0001', 'INC-0002']);
    expect(new Set(details.map((d) => d.number)).size).toBe(2);

    // Status flows back to 110 for each case, once.
    const received = await until(async () => {
      const { statuses } = await live.linkage.admin<{
        statuses: Array<{ incidentId: string; body: { status: string } }>;
      }>('received');
      return statuses.length >= 2 ? statuses : null;
    }, 'status updates at the 110 system');
    expect(received.map((s) => [s.incidentId, s.body.status]).sort()).toEqual([
      ['INC-0001', 'accepted'],
      ['INC-0002', 'accepted'],
    ]);
  });

  it('rejects a webhook signed over a different body or timestamp', async () => {
    const body = JSON.stringify({ incidents: [incident('INC-0009')] });
    const tampered = await postSignedWebhook(live.server.url, 'linkage-110', {
      body,
      secret: WEBHOOK_SECRET,
      delivery: 'tampered-1',
      timestampShift: 1,
    });
    expect(tampered.status).toBe(401);
    expect(((await tampered.json()) as { error: { code: string } }).error.code).toBe('webhook.bad_signature');
  });

  it('retries SMS while the gateway is down and delivers every message exactly once when it returns', async () => {
    await until(
      async () => (await smsDeliveries()).every((d) => d.status === 'delivered') || null,
      'earlier SMS',
    );
    const before = (await smsDeliveries()).length;
    await live.sms.setMode({ mode: 'down' });
    const ids = ['INC-0101', 'INC-0102', 'INC-0103'];
    await sendIncidents({ incidents: ids.map((id) => incident(id)) });
    const failing = await until(async () => {
      const list = (await smsDeliveries()).slice(0, ids.length);
      return list.length === ids.length && list.every((d) => d.attempts >= 2) ? list : null;
    }, 'two failed attempts each');
    for (const delivery of failing) {
      expect(['failed-retrying', 'delivering']).toContain(delivery.status);
      expect(delivery.attemptLog.every((a) => a.outcome === 'failed')).toBe(true);
    }
    await live.sms.setMode({ mode: 'up' });
    const done = await until(async () => {
      const list = (await smsDeliveries()).slice(0, ids.length);
      return list.every((d) => d.status === 'delivered') ? list : null;
    }, 'delivery after recovery');
    expect((await smsDeliveries()).length).toBe(before + ids.length);
    for (const delivery of done) {
      expect(delivery.attemptLog.at(-1)).toMatchObject({ outcome: 'delivered', statusCode: 200 });
      expect(delivery.attemptLog.filter((a) => a.outcome === 'failed').length).toBeGreaterThanOrEqual(2);
    }
    const { messages, keyCounts } = await live.sms.admin<{
      messages: Array<{ idempotencyKey: string; text: string }>;
      keyCounts: Record<string, number>;
    }>('received');
    for (const delivery of done) {
      expect(keyCounts[delivery.id]).toBe(1);
      expect(messages.filter((m) => m.idempotencyKey === delivery.id)).toHaveLength(1);
    }
    expect(messages.at(-1)!.text).toMatch(/^【测试区】您的诉求已受理，办件编号\d+/);
  });

  it('dead-letters SMS while the gateway answers 500, and a manual replay delivers after it recovers', async () => {
    await live.sms.setMode({ mode: 'error500' });
    await sendIncidents({ incidents: [incident('INC-0201')] });
    const dead = await until(async () => {
      const [latest] = await live.admin.apiJson<PluginDelivery[]>(
        '/api/plugins/deliveries?plugin=sms&status=dead',
      );
      return latest ?? null;
    }, 'a dead letter');
    expect(dead.attempts).toBe(6);
    expect(dead.attemptLog.every((a) => a.outcome === 'failed' && a.statusCode === 500)).toBe(true);
    await live.sms.setMode({ mode: 'up' });
    const replay = await live.admin.api(`/api/plugins/deliveries/${dead.id}/replay`, { method: 'POST' });
    expect(replay.status).toBe(200);
    const delivered = await until(async () => {
      const list = await live.admin.apiJson<PluginDelivery[]>(
        '/api/plugins/deliveries?plugin=sms&status=delivered',
      );
      return list.find((d) => d.id === dead.id) ?? null;
    }, 'the replayed delivery');
    expect(delivered.attemptLog.at(-1)!.outcome).toBe('delivered');
    const { keyCounts } = await live.sms.admin<{ keyCounts: Record<string, number> }>('received');
    // The 500s came before the gateway processed anything: it took the message exactly once.
    expect(keyCounts[dead.id]).toBe(1);
  });

  it('never shows credentials in API responses or logs', async () => {
    await expectSecretsHidden(
      live,
      [
        '/api/plugins',
        '/api/plugins/sms/config',
        '/api/plugins/linkage-110/config',
        '/api/plugins/deliveries',
      ],
      [SMS_KEY, LINKAGE_KEY, WEBHOOK_SECRET],
    );
  });
});
