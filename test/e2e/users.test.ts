/** @module Browser journey: an admin creates a unit user, who signs in with the one-time password; disable refuses the login, reset issues a new password. */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiFromPage, login, logout, navIds, screenshot, useJourney } from './browser.ts';

/** The server's own zh-CN reply to a login attempt. */
const loginReply = async (baseUrl: string, username: string, password: string) => {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': 'zh-CN' },
    body: JSON.stringify({ username, password }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { error?: { code: string; message: string } },
  };
};

const oneTimePassword = async (page: Page): Promise<string> => {
  const box = page.getByTestId('one-time-password');
  await box.waitFor();
  expect(await box.textContent()).toContain('此密码不会再次显示');
  const password = ((await page.getByTestId('one-time-password-value').textContent()) ?? '').trim();
  expect(password.length).toBeGreaterThanOrEqual(8);
  return password;
};

const openUsersPage = async (page: Page): Promise<void> => {
  await page.locator('nav [data-nav="users"]').click();
  await page.getByRole('heading', { level: 1, name: '用户管理' }).waitFor();
  await page.getByTestId('users-table').waitFor();
};

describe('user administration in the studio', () => {
  const journey = useJourney();
  const username = 'journey-unit-clerk';

  it('lets an admin create a unit user who signs in with the one-time password, then disable and reset them', async () => {
    const admin = await journey.signIn('admin');
    await openUsersPage(admin);
    const units = await apiFromPage(admin, { method: 'GET', url: '/api/units' });
    const unitList: { id: string; code: string }[] = Array.isArray(units.body)
      ? units.body
      : units.body.items;
    const unit = unitList.find((u) => u.id !== undefined)!;
    expect(unit).toBeDefined();

    // The unit role without a unit is stopped in the form before any request.
    await admin.getByLabel('用户名').fill(username);
    await admin.getByLabel('显示名称').fill('旅程单位填报员');
    await admin.getByRole('checkbox', { name: '责任单位' }).check();
    await admin.getByTestId('create-user-submit').click();
    await admin.getByText('选择“责任单位”角色时必须指定所属单位').waitFor();
    expect(await admin.getByTestId('one-time-password').count()).toBe(0);

    await admin.locator('#new-unit').selectOption(unit.id);
    await admin.getByTestId('create-user-submit').click();
    const firstPassword = await oneTimePassword(admin);
    const row = admin.locator(`[data-testid="user-row"][data-username="${username}"]`);
    await row.waitFor();
    expect(await row.getByTestId('user-status').textContent()).toBe('正常');
    expect(await row.textContent()).toContain('责任单位');
    await screenshot(admin, 'users-one-time-password');

    const listed = await apiFromPage(admin, { method: 'GET', url: `/api/users?unitId=${unit.id}` });
    const created = (listed.body as { username: string; unitId: string; roles: string[] }[]).find(
      (u) => u.username === username,
    );
    expect(created).toMatchObject({ unitId: unit.id, roles: ['unit'] });

    // The one-time password is gone once the admin leaves the page.
    await admin.goto(`${journey.server.url}/#/`);
    await admin.goto(`${journey.server.url}/#/users`);
    await admin.getByTestId('users-table').waitFor();
    expect(await admin.getByTestId('one-time-password').count()).toBe(0);
    await logout(admin);

    const clerk = await journey.openPage();
    await login(clerk, journey.server.url, username, firstPassword);
    expect(await navIds(clerk)).toEqual(['myForms', 'cases', 'formPlayground']);
    await logout(clerk);

    // Disabled: the login is refused with the server's message.
    await journey.loginAs(admin, 'admin');
    await openUsersPage(admin);
    await row.getByTestId('user-toggle').click();
    await admin.getByTestId('users-notice').waitFor();
    await expect.poll(() => row.getByTestId('user-status').textContent()).toBe('已停用');
    const refused = await loginReply(journey.server.url, username, firstPassword);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    await clerk.getByLabel('用户名').fill(username);
    await clerk.getByLabel('密码').fill(firstPassword);
    await clerk.getByRole('button', { name: '登录' }).click();
    const alert = clerk.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).toBe(refused.body.error!.message);
    expect(await clerk.getByRole('navigation', { name: '主导航' }).count()).toBe(0);

    // Enabled again and reset: the new password works, the old one no longer does.
    await row.getByTestId('user-toggle').click();
    await expect.poll(() => row.getByTestId('user-status').textContent()).toBe('正常');
    admin.once('dialog', (dialog) => void dialog.accept());
    await row.getByTestId('user-reset').click();
    const secondPassword = await oneTimePassword(admin);
    expect(secondPassword).not.toBe(firstPassword);
    expect((await loginReply(journey.server.url, username, firstPassword)).status).toBe(401);
    await screenshot(admin, 'users-reset');

    await login(clerk, journey.server.url, username, secondPassword);
    expect(await navIds(clerk)).toEqual(['myForms', 'cases', 'formPlayground']);
  }, 120_000);

  it('shows an auditor the user list read-only, without the create form or actions', async () => {
    const auditor = await journey.signIn('auditor');
    await openUsersPage(auditor);
    await auditor.getByTestId('users-read-only').waitFor();
    expect(await auditor.getByTestId('create-user-form').count()).toBe(0);
    expect(await auditor.getByTestId('user-toggle').count()).toBe(0);
    const rows = await apiFromPage(auditor, { method: 'GET', url: '/api/users' });
    expect(await auditor.getByTestId('user-row').count()).toBe((rows.body as unknown[]).length);
  }, 60_000);
});
