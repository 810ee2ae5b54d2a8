/** @module Browser journey: login, role-aware navigation, language switch, units page and logout against the real server. */
import { describe, expect, it } from 'vitest';
import { navFor } from '../../studio/nav.ts';
import { logout, navIds, screenshot, useJourney } from './browser.ts';

/** The admin's main navigation labels, in order. */
const ADMIN_NAV = [
  '工作台',
  '规则集',
  '指标体系',
  '表单设计',
  '计分规则',
  '模拟测算',
  '考核看板',
  '更正审批',
  '单位',
  '用户',
  '审计',
  '办件配置',
  '表单预览',
  '插件',
];

describe('login and the studio shell', () => {
  const journey = useJourney();

  it('shows the server’s own message when the password is wrong', async () => {
    const expected = await fetch(`${journey.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'zh-CN' },
      body: JSON.stringify({ username: 'dispatcher', password: 'definitely-wrong' }),
    }).then((r) => r.json() as Promise<{ error: { code: string; message: string } }>);
    expect(expected.error.code).toBe('auth.invalid_credentials');

    const page = await journey.openPage();
    await page.goto(`${journey.server.url}/`);
    // The studio renders after it reads the server's clock: wait for the heading, then check it.
    const heading = page.getByRole('heading', { name: '用户登录' });
    await heading.waitFor({ state: 'visible' });
    expect(await heading.isVisible()).toBe(true);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('definitely-wrong');
    await page.getByRole('button', { name: '登录' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).toBe(expected.error.message);
    expect(await page.getByLabel('密码').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'login-error');
    await page.context().close();
  });

  it('signs an admin in, shows the admin navigation, switches to English and back, and logs out', async () => {
    const page = await journey.signIn('admin');

    // The admin's list is checked against its own expectation in test/unit/studio/nav-and-errors.
    expect(await navIds(page)).toEqual(navFor(['admin']).map((i) => i.id));
    const nav = page.getByRole('navigation', { name: '主导航' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(ADMIN_NAV);
    const me = await page.evaluate(() => fetch('/api/me').then((r) => r.json()));
    expect(await page.getByTestId('current-user').textContent()).toContain(me.user.displayName);
    expect(await page.locator('.topbar__product').textContent()).toBe('指挥棒');
    await screenshot(page, 'admin-home');

    // A built page opens from the navigation, and its heading follows the language switch.
    await page.getByRole('navigation').getByRole('link', { name: '指标体系', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '指标体系', exact: true }).waitFor();
    expect(await page.evaluate(() => location.hash)).toBe('#/indicators');
    expect(await page.getByTestId('placeholder').count()).toBe(0);

    await page.getByTestId('language-switch').click();
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual([
      'Home',
      'Rule sets',
      'Indicators',
      'Form designer',
      'Scoring rules',
      'What-if',
      'Dashboard',
      'Amendments',
      'Units',
      'Users',
      'Audit',
      'Case configuration',
      'Form playground',
      'Plugins',
    ]);
    expect(await page.locator('.topbar__product').textContent()).toBe('Baton');
    await page.getByRole('heading', { level: 1, name: 'Indicator system', exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(page, 'admin-english');

    // The choice survives a reload, and the API is asked in English.
    const requestLanguage = page.waitForRequest((r) => r.url().endsWith('/api/me'));
    await page.reload();
    expect((await requestLanguage).headers()['accept-language']).toBe('en');
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();

    await page.getByTestId('language-switch').click();
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    expect(await page.getByRole('navigation').getByRole('link', { name: '规则集' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('baton.locale'))).toBe('zh-CN');

    await logout(page);
    expect(await page.getByRole('navigation', { name: '主导航' }).count()).toBe(0);
    const status = await page.evaluate(() => fetch('/api/me').then((r) => r.status));
    expect(status).toBe(401);
    await page.reload();
    await page.getByRole('heading', { name: '用户登录' }).waitFor();
    await screenshot(page, 'logged-out');
    await page.context().close();
  });

  it('lists the units the API returns on the units page', async () => {
    const page = await journey.signIn('supervisor');
    expect(await navIds(page)).toEqual(['dashboard', 'cases', 'units']);
    expect(
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link').allTextContents(),
    ).toEqual(['工作台', '考核看板', '办件', '单位']);
    await page.getByRole('navigation').getByRole('link', { name: '单位', exact: true }).click();
    const table = page.getByTestId('units-table');
    await table.waitFor();
    const body = await page.evaluate(() => fetch('/api/units').then((r) => r.json()));
    const units: { code: string; name: string }[] = Array.isArray(body) ? body : body.items;
    expect(units.length).toBeGreaterThan(0);
    expect(await table.locator('tbody tr').count()).toBe(units.length);
    expect(await table.locator('tbody tr').first().locator('td').first().textContent()).toBe(units[0]!.code);
    expect(await table.textContent()).toContain(units[0]!.name);
    await screenshot(page, 'units');
    await page.context().close();
  });

  it('gives a unit user the unit navigation and none of the admin pages', async () => {
    const unitUser = Object.keys(journey.server.passwords).find((name) => /unit|dept|street/.test(name));
    expect(unitUser).toBeDefined();
    const page = await journey.signIn(unitUser!);
    const me = await page.evaluate(() => fetch('/api/me').then((r) => r.json()));
    expect(me.user.roles).toContain('unit');

    expect(await navIds(page)).toEqual(['myForms', 'cases', 'formPlayground']);
    const unitNav = ['工作台', '我的填报', '办件', '表单预览'];
    expect(
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link').allTextContents(),
    ).toEqual(unitNav);
    for (const adminItem of ADMIN_NAV.filter((label) => !unitNav.includes(label))) {
      expect(await page.getByRole('navigation').getByRole('link', { name: adminItem }).count()).toBe(0);
    }
    await page.getByRole('navigation').getByRole('link', { name: '我的填报', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '我的填报', exact: true }).waitFor();
    expect(await page.evaluate(() => location.hash)).toBe('#/my-forms');
    await screenshot(page, 'unit-home');

    // Typing another role's address does not open the page: an admin page, then a supervisor's dashboard.
    await page.goto(`${journey.server.url}/#/rule-sets`);
    await page.getByRole('heading', { name: '无权访问' }).waitFor();
    await page.goto(`${journey.server.url}/#/my-forms`);
    await page.getByRole('heading', { level: 1, name: '我的填报', exact: true }).waitFor();
    await page.goto(`${journey.server.url}/#/dashboard`);
    await page.getByRole('heading', { name: '无权访问' }).waitFor();
    expect(await page.getByRole('heading', { level: 1, name: '考核看板' }).count()).toBe(0);
    await page.context().close();
  });
});
