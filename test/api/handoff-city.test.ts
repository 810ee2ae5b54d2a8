/**
 * @module Journey: a case transferred by the city-level 12345 platform (市级平台转办) comes back to it
 * with the real reply and closing — Baton (bin/start.js) and the simulated city platform
 * (test/support/outside-city.ts) run as two real processes on 127.0.0.1; the admin enables the plugin
 * over the API; the city platform's signed transfer becomes one case, staff handle it over the API,
 * and the city platform receives the reply and the closing signed by Baton (it checks the HMAC).
 */
import { describe, expect, it } from 'vitest';
import { type HandoffJourney, useHandoffJourney } from '../support/handoff-journey.ts';
import { type LiveSession, until } from '../support/live-session.ts';
import type { OutsideProcess } from '../support/outside-process.ts';
import { closeUnrated, dispatchToReplied } from '../support/staff.ts';

const API_KEY = 'city-journey-key-0123456';
const SECRET = 'city-journey-secret-0123456789';

let journey: HandoffJourney;
let city: OutsideProcess;
let admin: LiveSession;

useHandoffJourney(
  { outside: 'city', plugin: 'city-platform', apiKey: API_KEY, secret: SECRET },
  (started) => {
    journey = started;
    ({ outside: city, admin } = journey);
  },
);

describe('city platform transfer, reply and closing, round trip', () => {
  it('turns the signed transfer into one case and sends its real reply and closing back, signed', async () => {
    const transferred = await journey.sendRepeated('transfer', {
      transfer: {
        transferId: 'SZ-J-0001',
        content: '学校门口路灯不亮，夜间学生出行不便',
        category: 'education.school',
        address: '滨江路 8 号',
      },
    });
    const { items } = await admin.apiJson<{ items: Array<{ id: string }> }>(
      '/api/cases?queue=all&channel=city-transfer',
    );
    expect(items.map((c) => c.id)).toEqual([transferred.caseId]);

    // A transfer of a known category is accepted at intake; otherwise the dispatcher accepts it.
    const taken = await admin.apiJson<{ status: string }>(`/api/cases/${transferred.caseId}`);
    expect(['registered', 'pendingDispatch']).toContain(taken.status);
    if (taken.status === 'registered') await journey.act('dispatcher', transferred.caseId, 'accept');
    await dispatchToReplied(journey, transferred.caseId, {
      result: '已更换灯具',
      reply: '已更换路灯灯具，当晚恢复照明',
    });
    const closed = await closeUnrated(journey, transferred.caseId);
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
    const hotline = await journey.intakeSchoolCase('学校围墙破损');
    await dispatchToReplied(journey, hotline.id, { result: '已修补', reply: '围墙已修补' });
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
