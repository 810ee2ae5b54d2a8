/**
 * @module Journey: a case handed to the approval system (行政审批) and its decision back in the case —
 * Baton (bin/start.js) and the simulated approval system (test/support/outside-approval.ts) run as
 * two real processes on 127.0.0.1; the admin enables the plugin over the API; the unit's workflow
 * action hands the case over, the approval system checks Baton's signature, reports `accepted`, and
 * its decision (rejected with a reason, by whom, when) moves the case back to handling, once,
 * recorded in the case history, the case detail and the audit log.
 */
import { describe, expect, it } from 'vitest';
import { type HandoffJourney, useHandoffJourney } from '../support/handoff-journey.ts';
import type { LiveSession } from '../support/live-session.ts';
import type { OutsideProcess } from '../support/outside-process.ts';

const API_KEY = 'approval-journey-key-0123';
const SECRET = 'approval-journey-secret-0123456789';

let journey: HandoffJourney;
let approval: OutsideProcess;
let admin: LiveSession;

const act = (user: string, id: string, action: string, input: Record<string, unknown> = {}) =>
  journey.act(user, id, action, input);
const detail = (id: string) => journey.detail(id);

/** A school case (dept_user's unit leads it) dispatched and signed for: being handled. */
const caseBeingHandled = async (text: string) => {
  const c = await journey.intakeSchoolCase(text);
  await act('dispatcher', c.id, 'dispatch');
  await act('dept_user', c.id, 'signFor');
  return c;
};

useHandoffJourney({ outside: 'approval', plugin: 'approval', apiKey: API_KEY, secret: SECRET }, (started) => {
  journey = started;
  ({ outside: approval, admin } = journey);
});

describe('hand-off to the approval system and its decision back in the case', () => {
  it('hands the case over signed, waits for the decision, and the rejection (reason, by whom, when) moves the case back to handling once', async () => {
    const handed = await caseBeingHandled('学校食堂需办理食品经营许可，请协助');
    const after = await act('dept_user', handed.id, 'handOffToApproval', { itemCode: 'FOOD-LICENSE' });
    expect(after.case.status).toBe('awaitingApproval');

    // The approval system received the hand-off with a valid Baton signature (it refuses others).
    const received = await journey.handoffAtOutside(handed.number);
    expect(received.path).toBe('/api/handoffs');
    expect(received.isSigned).toBe(true);
    expect(received.body).toMatchObject({
      caseNumber: handed.number,
      caseId: handed.id,
      itemCode: 'FOOD-LICENSE',
      category: 'education.school',
      text: '学校食堂需办理食品经营许可，请协助',
    });
    expect(JSON.stringify(received.body)).not.toMatch(/requester|phone|password/i);
    expect((await approval.log()).refused).toEqual([]);

    // Its `accepted` report came back over HTTP and is recorded; it does not move the case.
    const items = await approval.command<Record<string, { handoffId: string }>>('items');
    const handoffId = items[handed.number]!.handoffId;
    const accepted = await journey.reportOn(handed.number, 'accepted');
    expect(accepted.externalId).toBe(handoffId);
    expect((await detail(handed.id)).status).toBe('awaitingApproval');

    // A rejection without its reason is refused by the workflow (400) and not recorded.
    const noReason = await approval.command<Array<{ status: number; answer: { error?: { code: string } } }>>(
      'decide',
      { caseNumber: handed.number, decision: 'rejected', decidedBy: '区市场监管局 王科长' },
    );
    expect(noReason.map((a) => a.status)).toEqual([400]);
    expect((await detail(handed.id)).status).toBe('awaitingApproval');

    // The decision, sent twice under one delivery id and once more under a new one.
    const decided = await approval.command<Array<{ status: number; answer: { status: string } }>>('decide', {
      caseNumber: handed.number,
      decision: 'rejected',
      reason: '经营场所不符合食品安全条件',
      decidedBy: '区市场监管局 王科长',
      duplicateDelivery: true,
      duplicateMessage: true,
    });
    expect(decided.map((a) => [a.status, a.answer.status])).toEqual([
      [200, 'accepted'],
      [200, 'duplicate'],
      [200, 'accepted'],
    ]);
    const back = await detail(handed.id);
    expect(back.status).toBe('handling');
    const decisions = back.history.filter((e) => e.payload.action === 'approvalDecided');
    expect(decisions).toHaveLength(1);
    expect(decisions[0]!.actor).toMatchObject({ username: 'plugin:approval', role: 'plugin' });
    expect(decisions[0]!.payload).toMatchObject({ from: 'awaitingApproval', to: 'handling' });
    expect(decisions[0]!.payload.input).toMatchObject({
      decision: 'rejected',
      reason: '经营场所不符合食品安全条件',
      decidedBy: '区市场监管局 王科长',
      handoffId,
      decidedAt: expect.stringMatching(/^2026-11-25T/),
    });
    expect(back.flags).toMatchObject({
      approvalDecision: 'rejected',
      approvalReason: '经营场所不符合食品安全条件',
      approvalDecidedBy: '区市场监管局 王科长',
    });

    // The audit log names the plugin as the actor of the decision.
    const { items: audit } = await admin.apiJson<{
      items: Array<{ actor: string; action: string; target: string; details: Record<string, unknown> }>;
    }>(`/api/audit?target=case:${handed.number}&limit=50&order=asc`);
    const decidedAudit = audit.filter((r) => r.action === 'case.approvalDecided');
    expect(decidedAudit).toHaveLength(1);
    expect(decidedAudit[0]).toMatchObject({
      actor: 'plugin:approval',
      details: { from: 'awaitingApproval', to: 'handling', role: 'plugin' },
    });

    // The unit goes on with the case: the decision is part of what it handles.
    const handled = await act('dept_user', handed.id, 'handle', { result: '已告知不予许可的理由及整改要求' });
    expect(handled.case.status).toBe('handled');
  });

  it('refuses a decision on a case that is not waiting for one, and a forged one, and records neither', async () => {
    const other = await caseBeingHandled('学校周边需办理临时占道许可');
    // Never handed over: the approval system cannot decide on it (the workflow has no such move).
    const refused = await approval.command<Array<{ status: number; answer: { error?: { code: string } } }>>(
      'decide',
      { caseNumber: other.number, decision: 'approved', decidedBy: '区审批局' },
    );
    expect(refused[0]!.status).toBeGreaterThanOrEqual(400);
    expect(refused[0]!.status).toBeLessThan(500);
    expect(typeof refused[0]!.answer.error?.code).toBe('string');
    const forged = await approval.command<Array<{ status: number }>>('decide', {
      caseNumber: other.number,
      decision: 'approved',
      decidedBy: '区审批局',
      badSignature: true,
    });
    expect(forged.map((a) => a.status)).toEqual([401]);
    expect((await detail(other.id)).status).toBe('handling');
    expect(
      await admin.apiJson<unknown[]>(`/api/plugins/approval/handoffs?caseNumber=${other.number}`),
    ).toEqual([]);
  });

  it('is refused by the approval system when the signature is not Baton’s', async () => {
    const body = JSON.stringify({ caseNumber: '2026-000001' });
    const response = await fetch(`${approval.url}/api/handoffs`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${API_KEY}`,
        'content-type': 'application/json',
        'x-baton-timestamp': String(Math.floor(Date.parse('2026-11-25T10:00:00+08:00') / 1000)),
        'x-baton-signature': `sha256=${'0'.repeat(64)}`,
      },
      body,
    });
    expect(response.status).toBe(401);
    expect((await approval.log()).refused.map((r) => r.reason)).toEqual(['bad signature']);
  });
});
