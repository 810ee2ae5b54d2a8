/** @module Browser journey: a new workflow action is data, not code — a draft adds 挂起 (suspend, with its form) into a paused state and 恢复 (resumeSuspended) back, it is approved by a second admin and published over the API, and the case page offers, renders and takes both with no code change; the queue's status filter offers the new state. */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type LiveSession, signInOverApi } from '../support/live-session.ts';
import { errorOf, screenshot, useJourney } from './browser.ts';

const ruleSetId = 'district-2026';

type Json = Record<string, any>;

/**
 * What the draft adds to the published workflow: a paused state, the two actions and their
 * transitions. (The seed declares its own `resume`, out of its approved `onHold`; this one is
 * `resumeSuspended`.)
 */
const suspension = {
  state: {
    name: 'suspended',
    label: { zh: '已挂起', en: 'Suspended' },
    public: true,
    type: 'paused',
    colour: 'purple',
  },
  actions: [
    {
      name: 'suspend',
      label: { zh: '挂起', en: 'Suspend' },
      description: {
        zh: '需等待外部条件（如天气、第三方）时挂起，办理时限暂停计时。',
        en: 'Suspend while waiting for outside conditions; the deadline clock pauses.',
      },
      tone: 'neutral',
      input: {
        schema: {
          type: 'object',
          properties: {
            reason: { type: 'string', title: '挂起原因', 'x-title-en': 'Reason', minLength: 1 },
            resumeOn: {
              type: 'string',
              format: 'date',
              title: '预计恢复日期',
              'x-title-en': 'Expected resume date',
            },
          },
          required: ['reason'],
        },
        uiSchema: {
          type: 'VerticalLayout',
          elements: [
            { type: 'Control', scope: '#/properties/reason', options: { multi: true } },
            { type: 'Control', scope: '#/properties/resumeOn' },
          ],
        },
      },
    },
    { name: 'resumeSuspended', label: { zh: '恢复', en: 'Resume' }, tone: 'primary' },
  ],
  transitions: [
    {
      id: 't-suspend',
      from: 'handling',
      to: 'suspended',
      action: 'suspend',
      roles: ['unit'],
      unitScope: 'lead',
    },
    {
      id: 't-resume-suspended',
      from: 'suspended',
      to: 'handling',
      action: 'resumeSuspended',
      roles: ['unit'],
      unitScope: 'lead',
    },
  ],
};

describe('a workflow action added as data', () => {
  const journey = useJourney();
  let admin: LiveSession;
  let dispatcher: LiveSession;
  let published = 0;
  let caseId = '';

  beforeAll(async () => {
    admin = await signInOverApi(journey.server, 'admin');
    dispatcher = await signInOverApi(journey.server, 'dispatcher');
  });

  it('publishes a draft whose workflow adds 挂起 into a paused state and 恢复 back, over the API', async () => {
    const versions = await admin.apiJson<{ items: { number: number; status: string }[] }>(
      `/api/rule-sets/${ruleSetId}/versions`,
    );
    const base = versions.items.find((v) => v.status === 'published');
    expect(base).toBeDefined();
    const draft = await admin.apiJson<Json>(`/api/rule-sets/${ruleSetId}/drafts`, {
      method: 'POST',
      json: { basedOn: base!.number },
    });
    const n = draft.number as number;
    const workflow = structuredClone((draft.content.documents as Json[]).find((d) => d.kind === 'workflow')!);
    // Names the published workflow does not use yet (its own 挂起 goes through an approval into onHold).
    expect(workflow.states.some((s: Json) => s.name === 'suspended')).toBe(false);
    expect(workflow.actions.some((a: Json) => ['suspend', 'resumeSuspended'].includes(a.name))).toBe(false);
    workflow.states.push(suspension.state);
    workflow.actions.push(...suspension.actions);
    workflow.transitions.push(...suspension.transitions);
    const saved = await admin.apiJson<Json>(
      `/api/rule-sets/${ruleSetId}/versions/${n}/documents/workflow/${workflow.id}`,
      { method: 'PUT', json: { document: workflow, revision: draft.revision } },
    );
    expect((saved.issues as Json[]).filter((i) => i.severity !== 'warning')).toEqual([]);
    await admin.apiJson(`/api/rule-sets/${ruleSetId}/versions/${n}/submit`, { method: 'POST', json: {} });
    const admin2 = await signInOverApi(journey.server, 'admin2');
    await admin2.apiJson(`/api/rule-sets/${ruleSetId}/versions/${n}/approve`, {
      method: 'POST',
      json: { comment: '增加挂起流程' },
    });
    const publication = await admin.apiJson<Json>(`/api/rule-sets/${ruleSetId}/versions/${n}/publish`, {
      method: 'POST',
      json: {},
    });
    expect(publication.status).toBe('published');
    published = n;

    // The workflow in force is the new one, with the state, the actions and who may take them.
    const inForce = await dispatcher.apiJson<Json>('/api/cases/workflow');
    expect(inForce).toMatchObject({ ruleSetId, version: published });
    expect(inForce.states.find((s: Json) => s.name === 'suspended')).toEqual(suspension.state);
    expect(inForce.actions.find((a: Json) => a.name === 'suspend')).toMatchObject({
      label: { zh: '挂起' },
      tone: 'neutral',
      roles: ['unit'],
    });
  }, 120_000);

  it('takes in a new case under the new version; the dispatcher dispatches it on its page with the unit pickers, and the unit signs for it', async () => {
    const opened = await dispatcher.apiJson<Json>('/api/cases', {
      method: 'POST',
      json: {
        channel: 'hotline',
        category: 'education.school',
        text: '学校操场改造工程因连续降雨停工，家长询问何时复工。',
        requester: { phone: '13800003333' },
      },
    });
    caseId = opened.case.id;
    expect(opened.case.ruleSetVersion).toBe(published);

    // The dispatch form's pickers come from `format: "baton-unit"` (one lead, any assisting units).
    const page = await journey.signIn('dispatcher');
    await page.goto(`${journey.server.url}/#/cases/${caseId}`);
    await page.getByTestId('case-actions').getByRole('button', { name: '派单', exact: true }).click();
    const form = page.getByTestId('action-form-dispatch');
    const lead = form.getByLabel('主办单位');
    expect(await lead.evaluate((el) => el.tagName)).toBe('SELECT');
    expect(await lead.locator('option[value="dept-education"]').textContent()).toBe('教育局');
    // The routed lead is where the form starts.
    expect(await lead.inputValue()).toBe(opened.case.leadUnitId);
    const assisting = form.getByRole('group', { name: '协办单位' });
    await assisting.getByLabel('财政局', { exact: true }).check();
    await lead.selectOption('dept-education');
    await screenshot(page, 'workflow-as-data-dispatch-form');
    await form.getByRole('button', { name: '派单', exact: true }).click();
    await page.getByTestId('case-notice').getByText('派单').waitFor();
    expect(await page.getByTestId('case-lead').textContent()).toBe('教育局');
    const detail = await dispatcher.apiJson<Json>(`/api/cases/${caseId}`);
    expect(detail).toMatchObject({ leadUnitId: 'dept-education', assistingUnitIds: ['dept-finance'] });
    expect(await page.getByTestId('case-history').textContent()).toContain('财政局');

    const unit = await signInOverApi(journey.server, 'dept_user');
    const signed = await unit.apiJson<Json>(`/api/cases/${caseId}/actions/signFor`, {
      method: 'POST',
      json: { input: {} },
    });
    expect(signed.case.status).toBe('handling');
    expect(signed.case.availableActions.map((a: Json) => a.action)).toContain('suspend');
  }, 90_000);

  const statusOf = async (page: Page): Promise<string> =>
    (await page.locator('.case-head [data-status]').getAttribute('data-status')) ?? '';

  it('shows the unit user 挂起 with its form from the document; submitting it pauses the clock and 恢复 resumes it', async () => {
    const page = await journey.signIn('dept_user');
    await page.goto(`${journey.server.url}/#/cases/${caseId}`);
    const actions = page.getByTestId('case-actions');
    await actions.waitFor();
    const suspend = actions.getByRole('button', { name: '挂起', exact: true });
    expect(await suspend.getAttribute('data-tone')).toBe('neutral');
    await suspend.click();
    const form = page.getByTestId('action-form-suspend');
    await form.waitFor();
    expect(await form.textContent()).toContain('办理时限暂停计时');
    const reason = form.getByLabel('挂起原因');
    const resumeOn = form.getByLabel('预计恢复日期');
    expect(await reason.evaluate((el) => el.tagName)).toBe('TEXTAREA');
    expect(await resumeOn.getAttribute('type')).toBe('date');
    expect(await reason.getAttribute('aria-required')).toBe('true');
    expect(await resumeOn.getAttribute('aria-required')).toBeNull();

    // The required reason is asked for on the field before anything is sent.
    await form.getByRole('button', { name: '挂起', exact: true }).click();
    expect(await errorOf(reason)).not.toBe('');
    expect(await statusOf(page)).toBe('handling');

    // A refusal the server names at /input/reason shows on that field (answer stubbed once), and
    // goes away when the field is edited.
    const actionUrl = `**/api/cases/${caseId}/actions/suspend`;
    await page.route(
      actionUrl,
      (route) =>
        route.fulfill({
          status: 400,
          contentType: 'application/json',
          body: JSON.stringify({
            error: {
              code: 'workflow.invalid_input',
              message: '“挂起”的填写内容不符合要求（/input/reason）',
              path: '/input/reason',
            },
          }),
        }),
      { times: 1 },
    );
    await reason.fill('x');
    await form.getByRole('button', { name: '挂起', exact: true }).click();
    await expect.poll(() => errorOf(reason)).toContain('不符合要求');
    await page.unroute(actionUrl);
    await reason.fill('连续降雨，施工单位停工，待天气好转后复工。');
    expect(await errorOf(reason)).toBe('');
    await resumeOn.fill('2026-12-02');
    await screenshot(page, 'workflow-as-data-suspend-form');
    await form.getByRole('button', { name: '挂起', exact: true }).click();
    await page.getByTestId('case-notice').getByText('挂起').waitFor();

    const badge = page.locator('.case-head [data-status]');
    expect(await statusOf(page)).toBe('suspended');
    expect((await badge.textContent())?.trim()).toBe('已挂起');
    expect(await badge.getAttribute('data-colour')).toBe('purple');
    await page.getByTestId('case-paused').waitFor();
    expect(await page.locator('tr[data-timer="handle"]').getAttribute('data-timer-status')).toBe('paused');
    expect(await page.locator('tr[data-timer="handle"]').textContent()).toContain('已暂停');
    const history = page.getByTestId('case-history');
    expect(await history.textContent()).toContain('挂起原因');
    expect(await history.textContent()).toContain('连续降雨');
    expect(await history.textContent()).toContain('2026-12-02');
    await screenshot(page, 'workflow-as-data-suspended');

    // 恢复 asks for nothing: one click resumes the case and its clock.
    const resume = actions.getByRole('button', { name: '恢复', exact: true });
    expect(await resume.getAttribute('data-tone')).toBe('primary');
    expect(await resume.getAttribute('aria-expanded')).toBeNull();
    await resume.click();
    await page.getByTestId('case-notice').getByText('恢复').waitFor();
    expect(await statusOf(page)).toBe('handling');
    expect(await page.locator('tr[data-timer="handle"]').getAttribute('data-timer-status')).toBe('running');
    expect(await page.getByTestId('case-paused').count()).toBe(0);
    await screenshot(page, 'workflow-as-data-resumed');
  }, 90_000);

  it('offers the new state in the queue’s status filter with its label from the document', async () => {
    const page = await journey.signIn('dept_user');
    await page.goto(`${journey.server.url}/#/cases`);
    const filter = page.locator('#filter-status');
    await filter.locator('option[value="suspended"]').waitFor({ state: 'attached' });
    expect((await filter.locator('option[value="suspended"]').textContent())?.trim()).toBe('已挂起');
    await filter.selectOption('suspended');
    await page.getByTestId('case-queue').getByText('暂无办件').waitFor();
  }, 60_000);
});
