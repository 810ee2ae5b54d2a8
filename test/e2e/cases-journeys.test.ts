/** @module Browser journeys of case handling against the real server: portal submit/track/rate, dispatch, return, reply, verify, review → redo, supervision. */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, useJourney } from './browser.ts';
import { act, handleAndReply, openCasePage, statusOf, verifyAndNotify } from './case-page.ts';

describe('case handling journeys', () => {
  const journey = useJourney();
  /** The citizen's case (education, to the education bureau), the hotline case (street vending) and the supervised one. */
  const citizenCase = { number: '', password: '', id: '' };
  let hotlineCaseId = '';
  let supervisedCaseId = '';

  const openCase = (page: Page, id: string, base = '/cases'): Promise<void> =>
    openCasePage(page, `${journey.server.url}/#${base}/${id}`);
  const findCaseId = async (page: Page, number: string): Promise<string> =>
    page.evaluate(async (q) => {
      const body = await (await fetch(`/api/cases?queue=all&q=${encodeURIComponent(q)}`)).json();
      return body.items[0].id as string;
    }, number);

  it('lets a citizen submit a case on the portal and track it with number and password', async () => {
    const page = await journey.openPage();
    await page.goto(`${journey.server.url}/#/portal`);
    await page.locator('#portal-category').selectOption('education.school');
    await page
      .getByLabel('诉求内容')
      .fill('孩子所在小学放学时间提前到下午三点，家长无法接送，希望学校提供课后托管服务。');
    await page.getByLabel('联系电话').fill('13800001234');
    await page.getByLabel('姓名').fill('王女士');
    await screenshot(page, 'cases-portal-form');
    await page.getByRole('button', { name: '提交诉求' }).click();
    const receipt = page.getByTestId('portal-receipt');
    await receipt.waitFor();
    citizenCase.number = (await page.getByTestId('receipt-number').textContent())!.trim();
    citizenCase.password = (await page.getByTestId('receipt-password').textContent())!.trim();
    expect(citizenCase.number).toMatch(/^\d{4}-\d{6}$/);
    expect(citizenCase.password).toMatch(/^\d{6}$/);
    expect(await receipt.textContent()).toContain('请妥善保存');
    await screenshot(page, 'cases-portal-receipt');

    // Track from a fresh page, as the citizen would later.
    await page.goto(`${journey.server.url}/#/portal/track`);
    await page.getByLabel('办件编号').fill(citizenCase.number);
    await page.getByLabel('查询密码').fill('000000');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('查询密码').fill(citizenCase.password);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    const found = page.getByTestId('portal-case');
    await found.waitFor();
    expect(
      await page.locator('[data-testid="portal-status"] [data-status]').getAttribute('data-status'),
    ).toBe('pendingDispatch');
    expect(await page.getByTestId('portal-timeline').locator('li').count()).toBeGreaterThan(0);
    await screenshot(page, 'cases-portal-track');
  }, 90_000);

  it('lets the dispatcher see the routing decision and dispatch the citizen’s case; an operator registers a hotline case', async () => {
    const page = await journey.signIn('dispatcher');
    await page.getByRole('navigation').getByRole('link', { name: '办件', exact: true }).click();
    const row = page.getByTestId('case-queue').locator(`tr[data-case="${citizenCase.number}"]`);
    await row.waitFor();
    expect(await row.locator('[data-light]').count()).toBe(1);
    await screenshot(page, 'cases-dispatcher-queue');
    await row.getByRole('link', { name: citizenCase.number }).click();
    await page.getByTestId('case-routing').waitFor();
    citizenCase.id = await findCaseId(page, citizenCase.number);
    expect(await page.getByTestId('case-routing').textContent()).toContain('规则集版本');
    await act(page, {
      action: 'dispatch',
      label: '派单',
      select: { 主办单位: 'dept-education' },
      fields: {},
    });
    expect(await statusOf(page)).toBe('dispatched');
    expect(await page.getByTestId('case-lead').textContent()).toBe('教育局');
    await screenshot(page, 'cases-dispatcher-detail');

    // Hotline intake: a street-vending complaint, dispatched to the Xinhua street office.
    await page.goto(`${journey.server.url}/#/cases/hotline`);
    await page.locator('#intake-category').selectOption('urban.street-vending');
    await page.getByLabel('诉求内容').fill('新华路菜市场门口每天傍晚有流动摊贩占道经营，行人无法通行。');
    await page.locator('#intake-phone').fill('13900005678');
    await page.locator('#intake-street').selectOption('street-xinhua');
    await screenshot(page, 'cases-hotline-form');
    await page.getByRole('button', { name: '提交诉求' }).click();
    await page.getByTestId('intake-receipt').waitFor();
    expect(await page.getByTestId('intake-receipt').textContent()).toMatch(/\d{6}/);
    hotlineCaseId = decodeURIComponent(page.url().split('#/cases/')[1]!);
    await act(page, { action: 'dispatch', label: '派单', select: { 主办单位: 'street-xinhua' }, fields: {} });
    expect(await statusOf(page)).toBe('dispatched');

    // A third case, registered through the API, for the supervision journey.
    supervisedCaseId = await page.evaluate(async () => {
      const csrf = (await (await fetch('/api/me')).json()).csrfToken as string;
      const reply = await fetch('/api/cases', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({
          channel: 'hotline',
          category: 'education.school',
          text: '某中学食堂卫生条件差，多名学生反映吃坏肚子，请尽快核查处理。',
        }),
      });
      return ((await reply.json()) as { case: { id: string } }).case.id;
    });
    await openCase(page, supervisedCaseId);
    await act(page, {
      action: 'dispatch',
      label: '派单',
      select: { 主办单位: 'dept-education' },
      fields: {},
    });
  }, 120_000);

  it('lets a unit user return one case and reply to another', async () => {
    const street = await journey.signIn('street_user');
    await street.getByRole('navigation').getByRole('link', { name: '办件', exact: true }).click();
    await street.getByTestId('case-queue').locator('tbody tr[data-case]').first().waitFor();
    await screenshot(street, 'cases-unit-inbox');
    await openCase(street, hotlineCaseId);
    await act(street, {
      action: 'return',
      label: '退单',
      fields: { 退单理由: '该路段属东城街道辖区，不在本街道管辖范围，申请退回重新派单。' },
    });
    expect(await statusOf(street)).toBe('returned');
    await screenshot(street, 'cases-unit-returned');

    const dept = await journey.signIn('dept_user');
    await openCase(dept, citizenCase.id);
    await act(dept, { action: 'signFor', label: '签收' });
    expect(await statusOf(dept)).toBe('handling');
    await handleAndReply(
      dept,
      '已协调学校开设课后托管班，下周一起开放报名。',
      '您好，学校已开设课后托管班，下周一起可在班主任处报名。感谢您的反映。',
    );
    await screenshot(dept, 'cases-unit-replied');

    // The supervised case is signed for so it is being handled.
    await openCase(dept, supervisedCaseId);
    await act(dept, { action: 'signFor', label: '签收' });
  }, 120_000);

  it('lets the dispatcher re-dispatch the returned case and verify the reply, then notify the citizen', async () => {
    const page = await journey.signIn('dispatcher');
    await openCase(page, hotlineCaseId);
    expect(await page.locator('[data-testid="case-history"]').textContent()).toContain('不在本街道管辖范围');
    await act(page, {
      action: 'dispatch',
      label: '派单',
      select: { 主办单位: 'street-dongcheng' },
      fields: {},
    });
    expect(await statusOf(page)).toBe('dispatched');

    await openCase(page, citizenCase.id);
    await verifyAndNotify(page);
  }, 90_000);

  it('lets the citizen rate unsatisfied, and the reviewer order a redo that puts the case back with the unit', async () => {
    const citizen = await journey.openPage();
    await citizen.goto(`${journey.server.url}/#/portal/track`);
    await citizen.getByLabel('办件编号').fill(citizenCase.number);
    await citizen.getByLabel('查询密码').fill(citizenCase.password);
    await citizen.getByRole('button', { name: '查询', exact: true }).click();
    await citizen.getByTestId('portal-rate-form').waitFor();
    expect(await citizen.getByTestId('portal-reply').textContent()).toContain('课后托管班');
    await citizen.getByLabel('不满意').check();
    await citizen.getByLabel('评价意见').fill('托管班名额太少，很多家长报不上名。');
    await screenshot(citizen, 'cases-portal-rate');
    await citizen.getByRole('button', { name: '提交评价' }).click();
    await citizen.getByText('感谢您的评价').waitFor();
    expect(
      await citizen.locator('[data-testid="portal-status"] [data-status]').getAttribute('data-status'),
    ).toBe('reviewPending');

    const reviewer = await journey.signIn('reviewer');
    await reviewer.getByRole('navigation').getByRole('link', { name: '专业评价' }).click();
    const row = reviewer.getByTestId('case-queue').locator(`tr[data-case="${citizenCase.number}"]`);
    await row.waitFor();
    await row.getByRole('link', { name: citizenCase.number }).click();
    await reviewer.getByTestId('case-actions').waitFor();
    expect(await reviewer.getByTestId('case-history').textContent()).toContain('托管班名额太少');
    await act(reviewer, {
      action: 'orderRedo',
      label: '责令重办',
      fields: { 重办意见: '答复未解决名额不足的问题，请教育局协调扩大托管班规模后重新答复。' },
    });
    expect(await statusOf(reviewer)).toBe('handling');
    await screenshot(reviewer, 'cases-reviewer-redo');

    const dept = await journey.signIn('dept_user');
    await dept.getByRole('navigation').getByRole('link', { name: '办件', exact: true }).click();
    await dept.getByTestId('case-queue').locator(`tr[data-case="${citizenCase.number}"]`).waitFor();
    await openCase(dept, citizenCase.id);
    expect(await dept.getByTestId('case-lead').textContent()).toBe('教育局');
    expect(await dept.getByTestId('case-actions').getByRole('button', { name: '办结' }).count()).toBe(1);
  }, 120_000);

  it('escalates a case to supervision once the supervisor approves', async () => {
    const dispatcher = await journey.signIn('dispatcher');
    await openCase(dispatcher, supervisedCaseId);
    await act(dispatcher, {
      action: 'requestSupervision',
      label: '提请督办',
      fields: { 督办事由: '涉及学生饮食安全，社会关注度高，申请一级督办。' },
    });

    const supervisor = await journey.signIn('supervisor');
    await supervisor.getByRole('navigation').getByRole('link', { name: '办件', exact: true }).click();
    await supervisor.getByTestId('case-queue').locator('tbody tr[data-case]').first().waitFor();
    await screenshot(supervisor, 'cases-supervisor-queue');
    await openCase(supervisor, supervisedCaseId);
    await act(supervisor, { action: 'approveSupervision', label: '批准督办', fields: {} });
    await supervisor.locator('.case-head .tag--supervised').waitFor();
    expect(await supervisor.locator('.case-head').textContent()).toContain('已督办');
    await screenshot(supervisor, 'cases-supervisor-approved');
  }, 90_000);
});
