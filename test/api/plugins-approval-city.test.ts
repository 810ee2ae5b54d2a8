/** @module Approval and city-platform plugins against simulated outside systems, all real processes on 127.0.0.1: indicator data, hand-offs made by the workflow action handOffToApproval with status reports, city transfers in and the real reply and closing out (cases run over the API, the engine emits every event), outages, lost answers and duplicates. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSecretsHidden, useLivePlugins } from '../support/live-plugins.ts';
import { deliveriesOf, testConnection, until } from '../support/live-session.ts';
import { fastOutboxEnv } from '../support/server.ts';
import { closeUnrated, dispatchToReplied, type Staff, staffOf } from '../support/staff.ts';

const APPROVAL_KEY = 'approval-live-key-0123';
const CITY_KEY = 'city-live-key-0123456';
const APPROVAL_HOOK = 'approval-hook-secret-0123456789';
const CITY_HOOK = 'city-hook-secret-0123456789abc';

const dir = mkdtempSync(join(tmpdir(), 'baton-approval-city-'));
// Registered before the live plugins' hooks, so it runs after the server has stopped.
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const live = useLivePlugins(
  {
    approval: {
      sim: 'approval',
      env: { APPROVAL_API_KEY: APPROVAL_KEY },
      plugin: { name: 'approval', credentials: { apiKey: APPROVAL_KEY, webhookSecret: APPROVAL_HOOK } },
    },
    city: {
      sim: 'city-platform',
      env: { CITY_API_KEY: CITY_KEY },
      plugin: { name: 'city-platform', credentials: { apiKey: CITY_KEY, webhookSecret: CITY_HOOK } },
    },
  },
  {
    BATON_DB_URL: `file:${join(dir, 'baton.db')}`,
    ...fastOutboxEnv({ maxDelayMs: 800, maxAttempts: 5, pluginTimeoutMs: 1500 }),
  },
);
let staff: Staff;

/** Dispatch (accepting first when the case came in by a plugin), sign for, handle and reply. */
const runToReplied = async (id: string, reply: string) => {
  const { status } = await (await staff.as('admin')).apiJson<{ status: string }>(`/api/cases/${id}`);
  if (status === 'registered') await staff.act('dispatcher', id, 'accept');
  await dispatchToReplied(staff, id, { result: '已现场处理', reply });
};

const deliveries = (plugin: string) => deliveriesOf(live.admin, plugin);

beforeAll(() => {
  staff = staffOf(live.server);
});

describe('approval plugin against the simulated approval system', () => {
  it('tests the connection and fetches a month of item counts and on-time rates per unit', async () => {
    expect(await testConnection(live.admin, 'approval')).toEqual({
      ok: true,
      message: 'approval system reachable',
    });
    await live.approval.admin('stats', {
      month: '2026-03',
      units: [
        { unitId: 'unit-market', finished: 40, onTime: 38 },
        { unitId: 'unit-housing', finished: 0, onTime: 0 },
      ],
    });
    const result = await live.admin.apiJson<{ data: unknown[] }>('/api/plugins/approval/indicator-data', {
      method: 'POST',
      json: { period: '2026-03' },
    });
    expect(result.data).toEqual([
      { indicatorId: 'approval-items', unitId: 'unit-market', value: 40 },
      { indicatorId: 'approval-on-time-rate', unitId: 'unit-market', value: 0.95 },
      { indicatorId: 'approval-items', unitId: 'unit-housing', value: 0 },
      { indicatorId: 'approval-on-time-rate', unitId: 'unit-housing', value: null },
    ]);
  });

  it('answers 409 when the approval system is down or failing, and 400 for a period that is not a month', async () => {
    await live.approval.setMode({ mode: 'down' });
    const down = await live.admin.api('/api/plugins/approval/indicator-data', {
      method: 'POST',
      json: { period: '2026-03' },
    });
    expect(down.status).toBe(409);
    expect(JSON.parse(down.text).error.code).toBe('plugin.fetch_failed');
    await live.approval.setMode({ mode: 'error500' });
    const failing = await live.admin.api('/api/plugins/approval/indicator-data', {
      method: 'POST',
      json: { period: '2026-03' },
    });
    expect(JSON.parse(failing.text).error.message).toContain('500');
    await live.approval.setMode({ mode: 'up' });
    const bad = await live.admin.api('/api/plugins/approval/indicator-data', {
      method: 'POST',
      json: { period: '2026-13' },
    });
    expect(bad.status).toBe(400);
    expect(await testConnection(live.admin, 'approval')).toMatchObject({ ok: true });
  });

  it('hands a case to the approval system once, by the workflow action handOffToApproval, despite a lost answer, and records each reported status once', async () => {
    await live.approval.admin('fail-after-processing', { count: 1 });
    const handed = await staff.intakeSchoolCase('学校食堂需办理食品经营许可');
    await staff.act('dispatcher', handed.id, 'dispatch');
    await staff.act('dept_user', handed.id, 'signFor');
    // The engine emits case.handoff.approval from the action's handOff effect; nobody emits it by hand.
    const after = await staff.act('dept_user', handed.id, 'handOffToApproval', { itemCode: 'FOOD-LICENSE' });
    // The case waits for the approval system's decision (审批中), its handling clock paused.
    expect(after.case.status).toBe('awaitingApproval');
    const delivered = await until(async () => {
      const [latest] = await deliveries('approval');
      return latest?.status === 'delivered' ? latest : null;
    }, 'the handoff delivery');
    expect(delivered.topic).toBe('case.handoff.approval');
    expect(delivered.attemptLog.map((a) => a.outcome)).toEqual(['failed', 'delivered']);
    const { handoffs, keyCounts } = await live.approval.admin<{
      handoffs: Array<{ handoffId: string; body: Record<string, unknown> }>;
      keyCounts: Record<string, number>;
    }>('received');
    expect(handoffs).toHaveLength(1);
    expect(handoffs[0]!.body).toMatchObject({
      caseNumber: handed.number,
      caseId: handed.id,
      itemCode: 'FOOD-LICENSE',
      category: 'education.school',
      text: '学校食堂需办理食品经营许可',
    });
    expect(typeof handoffs[0]!.body.unitId).toBe('string');
    expect(keyCounts[delivered.id]).toBe(2);

    const sent = await live.approval.admin<{ results: Array<{ status: number; body: { status: string } }> }>(
      'report',
      {
        target: `${live.server.url}/api/plugins/approval/webhook`,
        secret: APPROVAL_HOOK,
        reports: [
          { caseNumber: handed.number, status: 'accepted' },
          {
            caseNumber: handed.number,
            status: 'approved',
            note: '准予许可',
            decidedBy: '区市场监管局审批科',
          },
        ],
        duplicateDelivery: true,
        duplicateMessage: true,
      },
    );
    expect(sent.results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(sent.results.filter((r) => r.body.status === 'duplicate')).toHaveLength(2);
    const statuses = await live.admin.apiJson<
      Array<{ status: string; externalId: string; caseId: string; note: string | null }>
    >(`/api/plugins/approval/handoffs?caseNumber=${handed.number}`);
    expect(statuses.map((s) => s.status)).toEqual(['approved', 'accepted']);
    // The decision moved the case back to handling, once despite the re-sent report.
    expect((await live.admin.apiJson<{ status: string }>(`/api/cases/${handed.id}`)).status).toBe('handling');
    expect(statuses[0]).toMatchObject({
      externalId: handoffs[0]!.handoffId,
      caseId: handed.id,
      note: '准予许可',
    });

    const forged = await live.approval.admin<{ results: Array<{ status: number }> }>('report', {
      target: `${live.server.url}/api/plugins/approval/webhook`,
      secret: APPROVAL_HOOK,
      reports: [{ caseNumber: handed.number, status: 'rejected' }],
      badSignature: true,
    });
    expect(forged.results.map((r) => r.status)).toEqual([401]);

    // A signed report on a case number that does not exist is refused, not acknowledged, and not recorded.
    const unknown = await live.approval.admin<{
      results: Array<{ status: number; body: { error?: { code: string; message: string } } }>;
    }>('report', {
      target: `${live.server.url}/api/plugins/approval/webhook`,
      secret: APPROVAL_HOOK,
      reports: [{ caseNumber: '1999-999999', status: 'approved' }],
    });
    expect(unknown.results.map((r) => r.status)).toEqual([400]);
    expect(unknown.results[0]!.body.error).toMatchObject({ code: 'plugin.unknown_case' });
    expect(
      await live.admin.apiJson<unknown[]>('/api/plugins/approval/handoffs?caseNumber=1999-999999'),
    ).toEqual([]);
  });
});

describe('city-platform plugin against the simulated city platform', () => {
  it('turns each transfer into exactly one city-transfer intake despite duplicates', async () => {
    const transfer = (id: string) => ({
      transferId: id,
      content: `小区路灯不亮 ${id}`,
      category: 'street-lights',
      address: '滨江路 8 号',
      citizenName: '李四',
      citizenPhone: '13700000001',
    });
    const sent = await live.city.admin<{ results: Array<{ status: number; body: { status: string } }> }>(
      'transfer',
      {
        target: `${live.server.url}/api/plugins/city-platform/webhook`,
        secret: CITY_HOOK,
        transfers: [transfer('SZ-0001'), transfer('SZ-0002')],
        duplicateDelivery: true,
        duplicateMessage: true,
      },
    );
    expect(sent.results.every((r) => r.status === 200)).toBe(true);
    // Per transfer: accepted, the same delivery id again (a duplicate), and a re-send under a new id.
    type Answer = { status: string; results: Array<{ caseNumber: string; isDuplicate: boolean }> };
    const answers = sent.results.map((r) => r.body as unknown as Answer);
    expect(answers.map((a) => a.status)).toEqual([
      'accepted',
      'duplicate',
      'accepted',
      'accepted',
      'duplicate',
      'accepted',
    ]);
    const pairs: Array<[(typeof answers)[number], (typeof answers)[number]]> = [
      [answers[0]!, answers[2]!],
      [answers[3]!, answers[5]!],
    ];
    for (const [first, resent] of pairs) {
      expect(first.results).toHaveLength(1);
      expect(first.results[0]!.isDuplicate).toBe(false);
      expect(resent.results[0]).toEqual({ ...first.results[0], isDuplicate: true });
    }
    expect(answers[0]!.results[0]!.caseNumber).not.toBe(answers[3]!.results[0]!.caseNumber);
    const stale = await live.city.admin<{ results: Array<{ status: number }> }>('transfer', {
      target: `${live.server.url}/api/plugins/city-platform/webhook`,
      secret: CITY_HOOK,
      transfers: [transfer('SZ-0003')],
      ageSeconds: 900,
    });
    expect(stale.results.map((r) => r.status)).toEqual([401]);
  });

  it('sends the real reply and closing of a city-transfer case back, retrying through an outage, and ignores other channels', async () => {
    const sent = await live.city.admin<{
      results: Array<{ status: number; body: { results: Array<{ caseId: string; caseNumber: string }> } }>;
    }>('transfer', {
      target: `${live.server.url}/api/plugins/city-platform/webhook`,
      secret: CITY_HOOK,
      transfers: [{ transferId: 'SZ-0101', content: '学校门口路灯不亮', category: 'education.school' }],
    });
    const transferred = sent.results[0]!.body.results[0]!;
    await live.city.setMode({ mode: 'down' });
    await runToReplied(transferred.caseId, '已安排维修，今晚恢复照明');
    // A hotline case's reply reaches the plugin too, which sends nothing for it.
    const hotline = await staff.intakeSchoolCase('学校围墙破损');
    await runToReplied(hotline.id, '已修补');
    const failing = await until(async () => {
      const list = await deliveries('city-platform');
      const replied = list.find((d) => d.topic === 'case.reply' && d.attempts >= 2);
      return replied ?? null;
    }, 'failed attempts while the city platform is down');
    expect(failing.attemptLog.every((a) => a.outcome === 'failed')).toBe(true);
    await live.city.setMode({ mode: 'up', delayMs: 300 });
    const closed = await closeUnrated(staff, transferred.caseId);
    expect(closed.case.status).toBe('closed');
    const done = await until(async () => {
      const list = await deliveries('city-platform');
      return list.length === 3 && list.every((d) => d.status === 'delivered') ? list : null;
    }, 'all city deliveries delivered');
    expect(done.map((d) => d.topic).sort()).toEqual(['case.closed', 'case.reply', 'case.reply']);
    const { results } = await live.city.admin<{
      results: Array<{ transferId: string; body: Record<string, unknown> }>;
    }>('received');
    // Sorted: the retried reply may arrive after the closing (per-case order is issue 15's item 5).
    expect(results.map((r) => [r.transferId, r.body.result]).sort()).toEqual([
      ['SZ-0101', 'closed'],
      ['SZ-0101', 'replied'],
    ]);
    for (const r of results)
      expect(r.body).toMatchObject({
        caseNumber: transferred.caseNumber,
        reply: '已安排维修，今晚恢复照明',
        unitId: expect.any(String),
      });
    await live.city.setMode({ mode: 'up', delayMs: 0 });
  });

  it('audits enabling, config and credential changes in the hash chain, naming credential fields but never their values', async () => {
    await live.admin.apiJson('/api/plugins/approval/upgrade', { method: 'POST' });
    const { items } = await live.admin.apiJson<{
      items: Array<{ actor: string; action: string; target: string; details: Record<string, unknown> }>;
    }>('/api/audit?target=plugin:&limit=100&order=asc');
    const approvalLog = items.filter((r) => r.target === 'plugin:approval').map((r) => r.action);
    expect(approvalLog).toEqual(['plugin.config', 'plugin.credentials', 'plugin.enable', 'plugin.upgrade']);
    const credentials = items.find(
      (r) => r.action === 'plugin.credentials' && r.target === 'plugin:approval',
    )!;
    expect(credentials.actor).toBe('admin');
    expect(credentials.details).toEqual({
      message: 'credentials set for approval',
      fields: ['apiKey', 'webhookSecret'],
    });
    const verified = await live.admin.apiJson<{ ok: boolean }>('/api/audit/verify');
    expect(verified.ok).toBe(true);
  });

  it('never shows the approval or city credentials in responses or logs', async () => {
    await expectSecretsHidden(
      live,
      [
        '/api/plugins',
        '/api/plugins/approval/config',
        '/api/plugins/city-platform/config',
        '/api/plugins/deliveries',
        '/api/audit?limit=200',
      ],
      [APPROVAL_KEY, CITY_KEY, APPROVAL_HOOK, CITY_HOOK],
    );
  });
});
