/**
 * @module Browser journey: accessibility and reach. Every page of every role's navigation and the
 * citizen portal have no serious or critical axe-core violations; at a 375 px phone width the portal and
 * the department workspace do not scroll sideways and the studio header's items do not overlap; the
 * portal's 发生时间 is a date-time picker and its error summary counts the invalid fields.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeFindings, seriousViolations } from './axe.ts';
import { apiFromPage, useJourney } from './browser.ts';

/** Waits until the page at the current hash shows its content: a level-1 heading and no loading text left. */
const settled = async (page: Page): Promise<void> => {
  await page.locator('main h1, h1').first().waitFor();
  await expect
    .poll(() => page.locator('.boot, [aria-busy="true"], .skeleton').count(), { timeout: 45_000 })
    .toBe(0);
  await expect.poll(() => page.getByText(/^(加载中|正在加载)/).count(), { timeout: 45_000 }).toBe(0);
  // One more frame for renders that follow the last response.
  await page.waitForTimeout(300);
};

/** Visits `#<path>`, waits for it and returns the lines of its serious or critical violations. */
const auditPage = async (page: Page, baseUrl: string, path: string, label = path): Promise<string[]> => {
  await page.goto(`${baseUrl}/#${path}`);
  try {
    await settled(page);
  } catch (error) {
    throw new Error(`${label} did not finish loading: ${String(error)}`);
  }
  return describeFindings(label, await seriousViolations(page));
};

/** The hash paths of the main navigation, the home page first. */
const navPaths = async (page: Page): Promise<string[]> => {
  const hrefs = await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((h) => h.replace(/^#/, ''));
};

/** Pixels the document is wider than the viewport (0 when it does not scroll sideways). */
const sidewaysOverflow = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollWidth - window.innerWidth;
  });

/** Pairs of visible elements among `selectors` whose boxes intersect (by more than half a pixel). */
const overlaps = async (page: Page, selectors: string[]): Promise<string[]> => {
  const boxes: { name: string; x: number; y: number; width: number; height: number }[] = [];
  for (const selector of selectors) {
    const locator = page.locator(selector).first();
    if ((await locator.count()) === 0 || !(await locator.isVisible())) continue;
    const box = await locator.boundingBox();
    if (box && box.width > 0 && box.height > 0) boxes.push({ name: selector, ...box });
  }
  const found: string[] = [];
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1)) {
      const dx = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (dx > 0.5 && dy > 0.5) found.push(`${a.name} × ${b.name}`);
    }
  return found;
};

/** Items among `selectors` that reach outside the box of `container` (e.g. spill over the page below the header). */
const outside = async (page: Page, container: string, selectors: string[]): Promise<string[]> => {
  const frame = await page.locator(container).first().boundingBox();
  if (!frame) return [`${container} is not shown`];
  const found: string[] = [];
  for (const selector of selectors) {
    const locator = page.locator(selector).first();
    if ((await locator.count()) === 0 || !(await locator.isVisible())) continue;
    const box = await locator.boundingBox();
    if (!box) continue;
    if (
      box.x < frame.x - 0.5 ||
      box.y < frame.y - 0.5 ||
      box.x + box.width > frame.x + frame.width + 0.5 ||
      box.y + box.height > frame.y + frame.height + 0.5
    )
      found.push(`${selector} outside ${container}`);
  }
  return found;
};

/** What is wrong with the studio's header on this page: items overlapping each other or spilling out of the bar. */
const headerProblems = async (page: Page, where: string): Promise<string[]> =>
  [...(await overlaps(page, headerItems)), ...(await outside(page, '.topbar', headerItems))].map(
    (p) => `studio header (${where}): ${p}`,
  );

/** The items of the studio's top bar. */
const headerItems = [
  '.topbar__brand',
  '.topbar__user',
  '.topbar [data-testid="language-switch"]',
  '.topbar__right button.btn--outline-light',
];

const phone = { width: 375, height: 740 };

/** Saves what the phone's screen shows (not the whole page) to test-results/e2e/<name>.png. */
const phoneShot = (page: Page, name: string) =>
  page.screenshot({ path: resolve(import.meta.dirname, `../../test-results/e2e/${name}.png`) });

describe('accessibility (axe-core) and the phone layout', () => {
  const journey = useJourney();

  for (const username of ['admin', 'dispatcher', 'dept_user', 'auditor']) {
    it(`has no serious or critical violations on any page ${username} can open`, async () => {
      const page = await journey.signIn(username, { defaultTimeoutMs: 60_000 });
      const extraPaths: string[] = [];
      if (username === 'dispatcher') {
        // A case in the queue, so the case list has a row and a detail page to open.
        const received = await apiFromPage(page, {
          method: 'POST',
          url: '/api/cases',
          body: { channel: 'hotline', category: 'education.school', text: '学校门口占道经营，上下学拥堵' },
        });
        expect(received.status, JSON.stringify(received.body)).toBe(201);
        extraPaths.push(`/cases/${encodeURIComponent(received.body.case.id)}`);
      }
      const paths = [...(await navPaths(page)), ...extraPaths];
      expect(paths.length).toBeGreaterThan(1);
      const findings: string[] = [];
      const visited: string[] = [];
      for (const path of paths) {
        findings.push(...(await auditPage(page, journey.server.url, path)));
        visited.push(path);
        // The first detail page a list links to (a rule set version, a case, a unit's dashboard …).
        if (path === '/') continue;
        const detail = await page
          .locator(`main a[href^="#${path}/"]`)
          .first()
          .getAttribute('href', { timeout: 1_000 })
          .catch(() => null);
        if (detail) {
          findings.push(...(await auditPage(page, journey.server.url, detail.replace(/^#/, ''))));
          visited.push(detail.replace(/^#/, ''));
        }
      }
      console.log(`${username}: audited ${visited.join(', ')}`);
      expect(findings, `${username}: ${findings.length} violations\n${findings.join('\n')}`).toEqual([]);
      await page.context().close();
    }, 420_000);
  }

  it('has no serious or critical violations in English either (unit user’s pages and the portal)', async () => {
    const page = await journey.signIn('dept_user', { defaultTimeoutMs: 60_000 });
    await page.getByTestId('language-switch').click();
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    const paths = (
      await page
        .getByRole('navigation', { name: 'Main navigation' })
        .getByRole('link')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))
    ).map((h) => h.replace(/^#/, ''));
    const findings: string[] = [];
    for (const path of [...paths, '/portal', '/portal/track'])
      findings.push(...(await auditPage(page, journey.server.url, path, `${path} (en)`)));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(findings, `${findings.length} violations\n${findings.join('\n')}`).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('has no serious or critical violations on the citizen portal, its error state, receipt and tracking', async () => {
    const page = await journey.openPage();
    const url = journey.server.url;
    const findings: string[] = [];
    findings.push(...(await auditPage(page, url, '/portal', 'portal')));
    await page.locator('#portal-category').selectOption('environment.noise');
    await page.getByLabel('诉求内容').waitFor();
    await page.getByRole('button', { name: '提交诉求' }).click();
    await page.getByTestId('portal-invalid').waitFor();
    findings.push(...describeFindings('portal (errors)', await seriousViolations(page)));

    await page.getByLabel('诉求内容').fill('小区楼下夜里施工噪音很大，影响休息。');
    await page.getByLabel('时段').selectOption({ index: 1 });
    await page.getByLabel('联系电话').fill('13800001234');
    await page.getByRole('button', { name: '提交诉求' }).click();
    await page.getByTestId('portal-receipt').waitFor();
    findings.push(...describeFindings('portal (receipt)', await seriousViolations(page)));

    await page.getByRole('button', { name: '查询此办件' }).click();
    await page.getByTestId('portal-case').waitFor();
    await settled(page);
    findings.push(...describeFindings('portal/track (case)', await seriousViolations(page)));
    findings.push(...(await auditPage(page, url, '/login', 'login')));
    expect(findings, `${findings.length} violations\n${findings.join('\n')}`).toEqual([]);
  }, 120_000);

  it('offers a date-time picker for 发生时间 and counts each invalid field once in the error summary', async () => {
    const page = await journey.openPage();
    await page.goto(`${journey.server.url}/#/portal`);
    await page.locator('#portal-category').selectOption('environment.noise');
    const when = page.getByLabel('发生时间');
    await when.waitFor();
    expect(await when.getAttribute('type')).toBe('datetime-local');

    // Two required fields left empty (诉求内容, 时段): two fields to fix, not one.
    await page.getByRole('button', { name: '提交诉求' }).click();
    const summary = page.getByTestId('portal-invalid');
    await summary.waitFor();
    const invalid = await page
      .locator('[data-testid="portal-submit-form"] .jf-form [aria-invalid="true"]')
      .count();
    expect(invalid).toBe(2);
    expect(await summary.textContent()).toBe(`表单有 ${invalid} 处需要修正，请查看标红的字段。`);

    // One field fixed, one left: one to fix.
    await page.getByLabel('诉求内容').fill('小区楼下夜里施工噪音很大，影响休息。');
    await page.getByRole('button', { name: '提交诉求' }).click();
    await expect.poll(() => summary.textContent()).toBe('表单有 1 处需要修正，请查看标红的字段。');

    // The picked local time goes to the server as an instant with the district's offset (+08:00).
    await when.fill('2026-11-24T21:30');
    await page.getByLabel('时段').selectOption({ index: 1 });
    await page.getByLabel('联系电话').fill('13800001234');
    const request = page.waitForRequest(
      (r) => r.method() === 'POST' && r.url().endsWith('/api/public/cases'),
    );
    await page.getByRole('button', { name: '提交诉求' }).click();
    const body = (await request).postDataJSON() as { data: Record<string, unknown> };
    expect(body.data.occurredAt).toBe('2026-11-24T21:30:00+08:00');
    await page.getByTestId('portal-receipt').waitFor();
    expect(await summary.count()).toBe(0);
  }, 120_000);

  it('fits the portal and the department workspace on a 375 px phone, with a header that does not overlap', async () => {
    const context = await journey.browser.newContext({
      viewport: phone,
      timezoneId: 'Asia/Shanghai',
      locale: 'zh-CN',
      isMobile: true,
      hasTouch: true,
    });
    try {
      const page = await context.newPage();
      const url = journey.server.url;
      const problems: string[] = [];
      const check = async (where: string) => {
        const extra = await sidewaysOverflow(page);
        if (extra > 1) problems.push(`${where}: ${extra}px wider than the screen`);
      };
      await page.goto(`${url}/#/portal`);
      await settled(page);
      await page.locator('#portal-category').selectOption('environment.noise');
      await page.getByLabel('诉求内容').waitFor();
      await check('portal (submit)');
      await page.getByRole('button', { name: '提交诉求' }).click();
      await page.getByTestId('portal-invalid').waitFor();
      await check('portal (errors)');
      problems.push(...describeFindings('phone portal (errors)', await seriousViolations(page)));
      await phoneShot(page, 'phone-portal-errors');
      await page.goto(`${url}/#/portal/track`);
      await page.getByTestId('portal-track-form').waitFor();
      await check('portal (track)');
      problems.push(...describeFindings('phone portal (track)', await seriousViolations(page)));
      await phoneShot(page, 'phone-portal-track');
      const headerOverlaps = await overlaps(page, ['.portal__brand', '.portal__tools']);
      problems.push(...headerOverlaps.map((o) => `portal header: ${o}`));

      await page.goto(`${url}/#/login`);
      await page.getByLabel('用户名').fill('dept_user');
      await page.getByLabel('密码').fill(journey.server.passwords.dept_user!);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('navigation', { name: '主导航' }).waitFor({ state: 'attached' });
      await settled(page);
      await check('home (dept_user)');
      problems.push(...(await headerProblems(page, 'home')));
      await page.goto(`${url}/#/my-forms`);
      await settled(page);
      await check('my-forms (dept_user)');
      problems.push(...describeFindings('phone my-forms', await seriousViolations(page)));
      problems.push(...(await headerProblems(page, 'my-forms')));
      await phoneShot(page, 'phone-my-forms');
      // English labels are longer.
      await page.getByTestId('language-switch').click();
      await page.getByRole('navigation', { name: 'Main navigation' }).waitFor({ state: 'attached' });
      await settled(page);
      await check('my-forms (dept_user, en)');
      problems.push(...(await headerProblems(page, 'my-forms, en')));
      await page.getByTestId('language-switch').click();
      await page.getByRole('navigation', { name: '主导航' }).waitFor({ state: 'attached' });
      expect(problems, problems.join('\n')).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
