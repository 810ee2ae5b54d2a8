/**
 * @module Journey: 110 linkage both ways — Baton (bin/start.js) and the simulated 110 system
 * (test/support/outside-110.ts) run as two real processes on 127.0.0.1; the admin enables the plugin
 * over the API. 110 → Baton: a signed incident becomes one case (re-sent: no second case; a police
 * matter: no case) and its status goes back to 110 signed. Baton → 110: the dispatcher hands a case
 * with police relevance to 110 (a hotline case, or a 110 incident handed back), 110 checks Baton's
 * signature and gets the incident location but no requester data, reports `received`, and its
 * feedback moves the case: `handled` (110's result becomes the reply) or `returned` (back to dispatch).
 */
import { describe, expect, it } from 'vitest';
import { type HandoffJourney, useHandoffJourney } from '../support/handoff-journey.ts';
import { type LiveSession, until } from '../support/live-session.ts';
import type { OutsideProcess } from '../support/outside-process.ts';

const API_KEY = 'linkage-journey-key-0123';
const SECRET = 'linkage-journey-secret-0123456789';

type Answer = {
  status: number;
  answer: {
    status?: string;
    results?: Array<{ caseId: string; caseNumber: string; isDuplicate: boolean }>;
    error?: { code: string };
  };
};

let journey: HandoffJourney;
let linkage: OutsideProcess;
let admin: LiveSession;

const act = (id: string, action: string, input: Record<string, unknown> = {}) =>
  journey.act('dispatcher', id, action, input);
const detail = (id: string) => journey.detail(id);
/** Accepts a case still registered, so it waits for dispatch. */
const toDispatch = async (id: string) => {
  if ((await detail(id)).status === 'registered') await act(id, 'accept');
  expect((await detail(id)).status).toBe('pendingDispatch');
};
/** The hand-off 110 received for a case, once it arrived. */
const handoffAt110 = (caseNumber: string) => journey.handoffAtOutside(caseNumber, '/api/linkage/handoffs');
/** Waits for 110's automatic `received` report on the case. */
const receivedReport = (caseNumber: string) => journey.reportOn(caseNumber, 'received');

useHandoffJourney({ outside: '110', plugin: 'linkage-110', apiKey: API_KEY, secret: SECRET }, (started) => {
  journey = started;
  ({ outside: linkage, admin } = journey);
});

describe('110 linkage, both ways', () => {
  let fromIncident: { caseId: string; caseNumber: string };

  it('110 → Baton: a signed incident becomes one case, a police matter none, and the case status goes back signed', async () => {
    fromIncident = await journey.sendRepeated('incident', {
      incident: {
        incidentId: 'JJ-IN-0001',
        description: '小区楼道堆放杂物堵塞消防通道，学校旁边',
        category: 'education.school',
        address: '滨江路 12 号',
        callerName: '赵六',
        callerPhone: '13900000012',
      },
    });
    const police = await linkage.command<Answer[]>('incident', {
      incident: { incidentId: 'JJ-IN-0002', description: '有人持刀伤人', isPoliceMatter: true },
    });
    expect(police.map((s) => [s.status, s.answer.results])).toEqual([[200, []]]);
    const c = await detail(fromIncident.caseId);
    expect(c).toMatchObject({ externalId: 'JJ-IN-0001', number: fromIncident.caseNumber });

    const status = await until(async () => {
      const log = await linkage.log();
      return log.received.find((r) => r.path === '/api/incidents/JJ-IN-0001/status') ?? null;
    }, 'the status update at 110');
    expect(status.isSigned).toBe(true);
    expect(status.body).toMatchObject({ caseNumber: fromIncident.caseNumber });
    expect((await linkage.log()).refused).toEqual([]);
  });

  it('reverse hand-off: the 110 incident that is a police matter after all goes back to 110, and 110’s “handled” feedback becomes the reply', async () => {
    await toDispatch(fromIncident.caseId);
    const handed = await act(fromIncident.caseId, 'handOffToPolice', {
      reason: '经核实为邻里纠纷引发的治安事件，属警务事项',
      incidentType: 'public-order',
    });
    expect(handed.case.status).toBe('policeLinked');
    const received = await handoffAt110(fromIncident.caseNumber);
    expect(received.isSigned).toBe(true);
    expect(received.body).toMatchObject({
      caseNumber: fromIncident.caseNumber,
      caseId: fromIncident.caseId,
      incidentType: 'public-order',
      location: { address: '滨江路 12 号' },
      externalId: 'JJ-IN-0001',
    });
    // The police get the place, not the caller: no name, no phone, no query password.
    expect(JSON.stringify(received.body)).not.toMatch(/赵六|13900000012|password|requester/i);
    await receivedReport(fromIncident.caseNumber);
    expect((await detail(fromIncident.caseId)).status).toBe('policeLinked');

    // Feedback without who handled it is refused by the workflow (400) and not recorded.
    const incomplete = await linkage.command<Answer[]>('feedback', {
      caseNumber: fromIncident.caseNumber,
      outcome: 'handled',
      result: '民警已到场调解',
    });
    expect(incomplete.map((a) => a.status)).toEqual([400]);

    const feedback = await linkage.command<Answer[]>('feedback', {
      caseNumber: fromIncident.caseNumber,
      outcome: 'handled',
      result: '民警已到场调解，双方达成和解，杂物已清理',
      handledBy: '城东派出所',
      duplicateMessage: true,
    });
    expect(feedback.map((a) => [a.status, a.answer.status])).toEqual([
      [200, 'accepted'],
      [200, 'accepted'],
    ]);
    const after = await detail(fromIncident.caseId);
    expect(after.status).toBe('replied');
    expect(after.flags).toMatchObject({
      reply: '民警已到场调解，双方达成和解，杂物已清理',
      policeHandledBy: '城东派出所',
    });
    const moves = after.history.filter((e) => e.payload.action === 'policeFeedback');
    expect(moves).toHaveLength(1);
    expect(moves[0]!.actor).toMatchObject({ username: 'plugin:linkage-110', role: 'plugin' });
    expect(moves[0]!.payload).toMatchObject({ from: 'policeLinked', to: 'replied' });
    const statuses = await admin.apiJson<Array<{ status: string }>>(
      `/api/plugins/linkage-110/handoffs?caseNumber=${fromIncident.caseNumber}`,
    );
    expect(statuses.map((s) => s.status)).toEqual(['handled', 'received']);
    const { items: audit } = await admin.apiJson<{ items: Array<{ actor: string; action: string }> }>(
      `/api/audit?target=case:${fromIncident.caseNumber}&limit=50&order=asc`,
    );
    expect(audit.filter((r) => r.action === 'case.policeFeedback').map((r) => r.actor)).toEqual([
      'plugin:linkage-110',
    ]);
    // The dispatcher verifies the police's result like any reply.
    expect((await act(fromIncident.caseId, 'verify')).case.status).toBe('verified');
  });

  it('a hotline case with police relevance goes to 110, which returns it as not a police matter: back to dispatch', async () => {
    const hotline = await journey.intakeSchoolCase('学校门口有人争吵推搡', {
      location: { address: '学院路 3 号' },
      requester: { name: '钱七', phone: '13900000013' },
    });
    await toDispatch(hotline.id);
    expect((await act(hotline.id, 'handOffToPolice', { reason: '疑似打架斗殴' })).case.status).toBe(
      'policeLinked',
    );
    const received = await handoffAt110(hotline.number);
    expect(received.body).toMatchObject({ location: { address: '学院路 3 号' }, incidentType: null });
    expect(JSON.stringify(received.body)).not.toMatch(/钱七|13900000013/);
    await receivedReport(hotline.number);

    const returned = await linkage.command<Answer[]>('feedback', {
      caseNumber: hotline.number,
      outcome: 'returned',
      result: '经出警核实为家长接送时的口角，不属于警务事项，请 12345 派单处理',
      handledBy: '110指挥中心',
    });
    expect(returned.map((a) => a.status)).toEqual([200]);
    const back = await detail(hotline.id);
    expect(back.status).toBe('pendingDispatch');
    expect(back.flags.policeReturnReason).toMatch(/不属于警务事项/);
    // The dispatcher goes on as with any case; a late repeat of 110's return changes nothing.
    expect((await act(hotline.id, 'dispatch')).case.status).toBe('dispatched');
    const repeat = await linkage.command<Answer[]>('feedback', {
      caseNumber: hotline.number,
      outcome: 'returned',
      result: '经出警核实为家长接送时的口角，不属于警务事项，请 12345 派单处理',
      handledBy: '110指挥中心',
    });
    expect(repeat.map((a) => [a.status, a.answer.results?.[0]?.isDuplicate])).toEqual([[200, true]]);
    expect((await detail(hotline.id)).status).toBe('dispatched');
    expect((await linkage.log()).refused).toEqual([]);
  });
});
