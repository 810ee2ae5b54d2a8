/**
 * @module Journey: a case transferred by the city-level 12345 platform (市级平台转办) comes back to it
 * with the real reply and closing — Baton (bin/start.js) and the simulated city platform
 * (test/support/outside-city.ts) run as two real processes on 127.0.0.1; the admin enables the plugin
 * over the API; the city platform's signed transfer becomes one case, staff handle it over the API,
 * and the city platform receives the reply and the closing signed by Baton (it checks the HMAC).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HandoffJourney, startHandoffJourney } from '../support/handoff-journey.ts';
import { type LiveSession, until } from '../support/live-session.ts';
import type { OutsideProcess } from '../support/outside-process.ts';

const API_KEY = 'city-journey-key-0123456';
const SECRET = 'city-journey-secret-0123456789';

let journey: HandoffJourney;
let city: OutsideProcess;
let admin: LiveSession;

const act = (user: string, id: string, action: string, input: Record<string, unknown> = {}) =>
  journey.act(user, id, action, input);

beforeAll(async () => {
  journey = await startHandoffJourney({
    outside: 'city',
    plugin: 'city-platform',
    apiKey: API_KEY,
    secret: SECRET,
  });
  ({ outside: city, admin } = journey);
}, 120_000);

afterAll(() => journey?.stop());

describe('city platform transfer, reply and closing, round trip', () => {
  it('turns the signed transfer into one case and sends its real reply and closing back, signed', async () => {
    const sent = await city.command<
      Array<{
        status: number;
        answer: {
          status: string;
          results: Array<{ caseId: string; caseNumber: string; isDuplicate: boolean }>;
        };
      }>
    >('transfer', {
      transfer: {
        transferId: 'SZ-J-0001',
        content: '学校门口路灯不亮，夜间学生出行不便',
        category: 'education.school',
        address: '滨江路 8 号',
      },
      duplicateDelivery: true,
      duplicateMessage: true,
    });
    expect(sent.map((s) => [s.status, s.answer.status])).toEqual([
      [200, 'accepted'],
      [200, 'duplicate'],
      [200, 'accepted'],
    ]);
    const transferred = sent[0]!.answer.results[0]!;
    expect(sent[2]!.answer.results[0]).toEqual({ ...transferred, isDuplicate: true });
    const { items } = await admin.apiJson<{ items: Array<{ id: string }> }>(
      '/api/cases?queue=all&channel=city-transfer',
    );
    expect(items.map((c) => c.id)).toEqual([transferred.caseId]);

    // A transfer of a known category is accepted at intake; otherwise the dispatcher accepts it.
    const taken = await admin.apiJson<{ status: string }>(`/api/cases/${transferred.caseId}`);
    expect(['registered', 'pendingDispatch']).toContain(taken.status);
    if (taken.status === 'registered') await act('dispatcher', transferred.caseId, 'accept');
    await act('dispatcher', transferred.caseId, 'dispatch');
    await act('dept_user', transferred.caseId, 'signFor');
    await act('dept_user', transferred.caseId, 'handle', { result: '已更换灯具' });
    await act('dept_user', transferred.caseId, 'reply', { reply: '已更换路灯灯具，当晚恢复照明' });
    await act('dispatcher', transferred.caseId, 'verify');
    await act('dispatcher', transferred.caseId, 'notifyCitizen');
    const closed = await act('dispatcher', transferred.caseId, 'closeWithoutRating', {
      reason: '回访未接通',
    });
    expect(closed.case.status).toBe('closed');

    const results = await until(async () => {
      const log = await city.log();
      return log.received.length >= 2 ? log.received : null;
    }, 'the reply and the closing at the city platform');
    expect(results.map((r) => [r.path, r.body.result]).sort()).toEqual([
      ['/api/transfers/SZ-J-0001/result', 'closed'],
      ['/api/transfers/SZ-J-0001/result', 'replied'],
    ]);
    for (const r of results) {
      expect(r.isSigned).toBe(true);
      expect(r.body).toMatchObject({
        caseNumber: transferred.caseNumber,
        reply: '已更换路灯灯具，当晚恢复照明',
        unitId: expect.any(String),
      });
    }
    expect((await city.log()).refused).toEqual([]);
  });

  it('sends nothing for a hotline case, and the city platform refuses a result not signed by Baton', async () => {
    const dispatcher = await journey.as('dispatcher');
    const { case: hotline } = await dispatcher.apiJson<{ case: { id: string } }>('/api/cases', {
      method: 'POST',
      json: { channel: 'hotline', category: 'education.school', text: '学校围墙破损' },
    });
    await act('dispatcher', hotline.id, 'dispatch');
    await act('dept_user', hotline.id, 'signFor');
    await act('dept_user', hotline.id, 'handle', { result: '已修补' });
    await act('dept_user', hotline.id, 'reply', { reply: '围墙已修补' });
    await until(async () => {
      const list = await admin.apiJson<Array<{ topic: string; status: string }>>(
        '/api/plugins/deliveries?plugin=city-platform&limit=100',
      );
      return list.filter((d) => d.topic === 'case.reply').every((d) => d.status === 'delivered') &&
        list.filter((d) => d.topic === 'case.reply').length === 2
        ? list
        : null;
    }, 'the hotline reply delivered to the plugin');
    expect((await city.log()).received).toHaveLength(2);

    const forged = await fetch(`${city.url}/api/transfers/SZ-J-0001/result`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ result: 'closed' }),
    });
    expect(forged.status).toBe(401);
    expect((await city.log()).refused).toEqual([
      { path: '/api/transfers/SZ-J-0001/result', reason: 'unsigned' },
    ]);
  });
});
