/** @module Browser journey: each role lands on its work for today (GET /api/me/work); a unit user reaches the month's forms in one click; screenshots of every role's home go to docs/screenshots/. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiFromPage, useJourney } from './browser.ts';

const docsShots = resolve(import.meta.dirname, '../../docs/screenshots');

/** Saves a full-page screenshot of a role's home for the documentation. */
const docShot = async (page: Page, name: string) => {
  mkdirSync(docsShots, { recursive: true });
  await page.screenshot({ path: resolve(docsShots, `${name}.png`), fullPage: true });
};

const countdownZh = (daysLeft: number) =>
  daysLeft === 0 ? '今天截止' : daysLeft > 0 ? `还剩 ${daysLeft} 天` : `已逾期 ${-daysLeft} 天`;

type MyWork = {
  today: string;
  unit: { id: string; name: string } | null;
  queues: { id: string; total: number; label: { zh: string }; items: any[] }[];
};
const myWork = async (page: Page): Promise<MyWork> =>
  (await apiFromPage(page, { method: 'GET', url: '/api/me/work' })).body as MyWork;

/** Waits until the home page has loaded its work (queues or the empty state). */
const workShown = async (page: Page) => {
  await page
    .getByTestId('work')
    .locator('[data-testid="work-queue"], [data-testid="work-empty"]')
    .first()
    .waitFor();
};

describe('home pages as work queues', () => {
  const journey = useJourney();

  it('shows a unit user the month’s forms due with a countdown, and opens them in one click', async () => {
    const page = await journey.signIn('dept_user');
    await workShown(page);
    const work = await myWork(page);
    const forms = work.queues.find((q) => q.id === 'formsDue');
    expect(forms, JSON.stringify(work.queues.map((q) => q.id))).toBeDefined();
    const first = forms!.items[0];

    // The unit's name, not its id; the queue with its count; the most urgent month first with its countdown.
    expect(await page.getByTestId('home-unit').textContent()).toBe(`所属单位：${work.unit!.name}`);
    expect(await page.getByText(work.unit!.id).count()).toBe(0);
    const panel = page.locator('[data-queue="formsDue"]');
    expect(await panel.getByRole('heading').textContent()).toBe(`待填报${forms!.total}`);
    const item = panel.getByTestId('work-item').first();
    expect(await item.getAttribute('data-key')).toBe(first.period);
    expect(await item.getByTestId('countdown').textContent()).toBe(countdownZh(first.daysLeft));
    expect(await item.getByTestId('empty-count').textContent()).toBe(
      `${first.counts.empty} 项未填（共 ${first.counts.total} 项）`,
    );
    expect(await item.textContent()).toContain(
      `${first.period.slice(0, 4)}年${Number(first.period.slice(5))}月报表`,
    );
    // The rest of the studio stays one click away, grouped.
    expect(
      await page
        .getByTestId('home-nav')
        .locator('[data-home-nav]')
        .evaluateAll((links) => links.map((a) => a.getAttribute('data-home-nav'))),
    ).toEqual(['myForms', 'cases', 'formPlayground']);
    await docShot(page, 'home-unit');

    await item.click();
    await page.getByRole('heading', { level: 1, name: '我的填报', exact: true }).waitFor();
    expect(await page.evaluate(() => location.hash)).toBe(`#/my-forms?period=${first.period}`);
    await expect.poll(() => page.getByTestId('due-month').inputValue()).toBe(first.period);
    // It opens that month's monthly form, ready to fill.
    await expect.poll(() => page.getByTestId('fill-panel').getAttribute('data-period')).toBe(first.period);

    // The same home in English.
    await page.goto(`${journey.server.url}/#/`);
    await workShown(page);
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'To do today' }).waitFor();
    const english =
      first.daysLeft === 0
        ? 'Due today'
        : first.daysLeft > 0
          ? `${first.daysLeft} day${first.daysLeft === 1 ? '' : 's'} left`
          : `${-first.daysLeft} day${first.daysLeft === -1 ? '' : 's'} overdue`;
    expect(await page.getByTestId('countdown').first().textContent()).toBe(english);
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: '今日待办' }).waitFor();

    // An amendment request of a locked month, for the office's queue below.
    const entries = (await apiFromPage(page, { method: 'GET', url: '/api/performance/entries' })).body;
    const list: any[] = Array.isArray(entries) ? entries : entries.items;
    const older = list
      .filter((e) => e.period < first.period)
      .sort((a, b) => a.period.localeCompare(b.period));
    const entry = older[0];
    expect(entry).toBeDefined();
    const amended = await apiFromPage(page, {
      method: 'POST',
      url: '/api/performance/amendments',
      body: { entryId: entry.id, values: entry.values, reason: '原填报数据有误' },
    });
    expect(amended.status, JSON.stringify(amended.body)).toBe(201);
    await page.context().close();
  }, 120_000);

  it('shows the dispatcher the case waiting for dispatch with its labels and opens it in one click', async () => {
    const page = await journey.signIn('dispatcher');
    const received = await apiFromPage(page, {
      method: 'POST',
      url: '/api/cases',
      body: { channel: 'hotline', category: 'education.school', text: '学校门口占道经营，上下学拥堵' },
    });
    expect(received.status, JSON.stringify(received.body)).toBe(201);
    await page.reload();
    await workShown(page);
    const work = await myWork(page);
    const queue = work.queues.find((q) => q.id === 'casesToDispatch')!;
    const expected = queue.items.find((i) => i.key === received.body.case.id);
    expect(expected).toBeDefined();
    const item = page.locator(`[data-queue="casesToDispatch"] [data-key="${received.body.case.id}"]`);
    const text = await item.textContent();
    expect(text).toContain(received.body.case.number);
    expect(text).toContain(expected.state.zh);
    expect(text).toContain(expected.category.zh);
    expect(text).not.toContain('education.school');
    expect(
      await page
        .locator('[data-testid="work-queue"]')
        .evaluateAll((panels) => panels.map((p) => p.getAttribute('data-queue'))),
    ).toEqual(work.queues.map((q) => q.id));
    await docShot(page, 'home-dispatcher');

    await item.click();
    await page.waitForFunction(() => location.hash.startsWith('#/cases/'));
    expect(await page.evaluate(() => location.hash)).toBe(`#/cases/${received.body.case.id}`);
    await page.getByText(received.body.case.number).first().waitFor();
    await page.context().close();
  }, 120_000);

  it('shows the office a loading state, then the amendment waiting, and each role’s home', async () => {
    const page = await journey.openPage();
    // Hold the work answer to see the loading state.
    let release: () => void = () => {};
    const held = new Promise<void>((resolveHeld) => {
      release = resolveHeld;
    });
    await page.route('**/api/me/work', async (route) => {
      await held;
      await route.continue();
    });
    await journey.loginAs(page, 'admin');
    await page.getByTestId('work-loading').waitFor();
    expect(await page.getByTestId('work-empty').count()).toBe(0);
    release();
    await workShown(page);
    const work = await myWork(page);
    const amendments = work.queues.find((q) => q.id === 'amendments')!;
    expect(amendments.total).toBeGreaterThan(0);
    const first = amendments.items[0];
    const item = page.locator(`[data-queue="amendments"] [data-key="${first.key}"]`);
    expect(await item.textContent()).toContain(first.unit.name);
    expect(await item.textContent()).toContain(first.title.zh);
    // Admin navigation is grouped, not one flat list.
    const groups = await page.getByTestId('home-nav').locator('h3').allTextContents();
    expect(groups).toEqual(['绩效考核', '12345 办件', '规则与配置', '系统管理']);
    await docShot(page, 'home-admin');
    await item.click();
    await page.getByRole('heading', { level: 1, name: '更正审批' }).waitFor();
    await page.context().close();

    // Roles with nothing to do see a true empty state, never an empty list.
    for (const username of ['auditor', 'reviewer', 'supervisor', 'street_user']) {
      const other = await journey.signIn(username);
      await workShown(other);
      const theirs = await myWork(other);
      expect(await other.getByTestId('work-empty').count()).toBe(theirs.queues.length === 0 ? 1 : 0);
      if (theirs.queues.length === 0) expect(await other.getByText('今天没有待办').count()).toBe(1);
      expect(await other.getByTestId('work-queue').count()).toBe(theirs.queues.length);
      await docShot(other, `home-${username.replace('_user', '')}`);
      await other.context().close();
    }
  }, 120_000);
});
