/**
 * @module Browser journey of a department's monthly form on 4 December: from the home page's work queue
 * straight into November's form (the month due next, 2026-12-15, not December), one form with every
 * indicator grouped by level-1 area, Chinese help under the fields, no raw JSON and no "SHA-256"; an
 * invalid value is shown at its field, the fixed form is submitted in one go (a toast, one transaction);
 * a locked month shows labelled values and takes an amendment from the same screen; on a 375 px phone
 * the form does not scroll sideways and axe finds nothing serious. Saves docs/screenshots/unit-monthly-form.png.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { MonthlyForm, MonthlyFormIndicator as Indicator } from '../support/monthly-form.ts';
import { describeFindings, seriousViolations } from './axe.ts';
import { apiFromPage, serverNow, useJourney } from './browser.ts';

const NOW = '2026-12-04T10:00:00+08:00';
const docsShots = resolve(import.meta.dirname, '../../docs/screenshots');

const monthlyForm = async (page: Page, period?: string): Promise<MonthlyForm> =>
  (
    await apiFromPage(page, {
      method: 'GET',
      url: `/api/performance/monthly-form${period ? `?period=${period}` : ''}`,
    })
  ).body as MonthlyForm;

/** Indicators whose form is one number field (what the journey types into). */
const oneNumber = (i: Indicator) => {
  const props = Object.values(i.schema.properties ?? {});
  return props.length === 1 && props[0]!.type === 'number';
};
const fieldOf = (i: Indicator) => Object.entries(i.schema.properties ?? {})[0]!;

/** Waits until the monthly form shows `period` with nothing loading. */
const formShown = async (page: Page, period: string) => {
  await expect.poll(() => page.getByTestId('fill-panel').getAttribute('data-period')).toBe(period);
  await expect
    .poll(() => page.locator('[data-testid="monthly-form"] [role="status"].skeleton').count())
    .toBe(0);
};

describe('a department’s monthly form', () => {
  const journey = useJourney({ env: { BATON_NOW: NOW } });

  it('opens November from the home page, groups every indicator, validates at the field and submits in one go', async () => {
    const page = await journey.signIn('dept_user', { defaultTimeoutMs: 30_000 });
    const api = await monthlyForm(page);
    expect(api.dueNext).toBe('2026-11');
    expect(api.counts.empty).toBeGreaterThan(0);

    // The home page's "forms due" item of November links straight into November's form.
    const item = page.locator('[data-queue="formsDue"] [data-key="2026-11"]');
    await item.click();
    expect(await page.evaluate(() => location.hash)).toBe('#/my-forms?period=2026-11');
    await formShown(page, '2026-11');
    const form = page.getByTestId('monthly-form');
    expect(await form.getByTestId('form-title').textContent()).toContain('2026年11月填报表');
    expect(await form.getByTestId('form-deadline').textContent()).toBe('截止日期 2026-12-15');
    expect(await form.getByTestId('countdown').textContent()).toBe('还剩 11 天');
    expect(await form.getByTestId('empty-count').textContent()).toBe(
      `${api.counts.empty} 项未填（共 ${api.counts.total} 项）`,
    );
    // December is offered, but it is not what opens.
    expect(await form.getByTestId('month-2026-12').getAttribute('aria-pressed')).toBe('false');
    expect(await form.getByTestId('month-2026-11').getAttribute('aria-pressed')).toBe('true');

    // The menu entry opens the same month (the one due next), not the current one.
    await page.goto(`${journey.server.url}/#/`);
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '我的填报', exact: true })
      .click();
    await formShown(page, '2026-11');

    // One form: every indicator once, under its level-1 area.
    const indicators = api.areas.flatMap((a) => a.indicators);
    expect(await form.locator('[data-testid^="area-"]').count()).toBe(api.areas.length);
    expect(await form.locator('article[data-indicator]').count()).toBe(api.counts.total);
    for (const area of api.areas)
      expect(await form.getByTestId(`area-${area.id}`).locator('article[data-indicator]').count()).toBe(
        area.indicators.length,
      );
    // Labelled fields with Chinese help, no raw JSON, no hash jargon.
    const [target, second] = indicators.filter((i) => i.entry === null && oneNumber(i));
    expect(target && second).toBeTruthy();
    const [key, property] = fieldOf(target!);
    const card = form.getByTestId(`indicator-${target!.indicatorId}`);
    const input = card.getByLabel(property.title!);
    await input.waitFor();
    expect(property.description).toMatch(/[\u4e00-\u9fff]/);
    expect(await card.textContent()).toContain(property.description!);
    const text = (await form.textContent()) ?? '';
    expect(text).not.toMatch(/\{"/);
    expect(text).not.toMatch(/sha-?256/i);

    // An invalid value is shown at its field and nothing is written.
    const before = (
      await apiFromPage(page, { method: 'GET', url: '/api/performance/entries?period=2026-11' })
    ).body.items.length;
    await input.fill('-1');
    const [, secondProperty] = fieldOf(second!);
    await form.getByTestId(`indicator-${second!.indicatorId}`).getByLabel(secondProperty.title!).fill('12');
    await form.getByTestId('fill-submit').click();
    await expect.poll(() => form.getByTestId('fill-invalid').textContent()).toContain('1 处需要修正');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(
      (await apiFromPage(page, { method: 'GET', url: '/api/performance/entries?period=2026-11' })).body.items
        .length,
    ).toBe(before);

    // Fixed, the two indicators are submitted together: a toast, one submission time, the count drops.
    await input.fill('8');
    await form.getByTestId('fill-submit').click();
    await expect
      .poll(() => page.getByTestId('toast').first().textContent())
      .toContain('已提交（2026-11）：2 项指标');
    await expect.poll(() => form.getByTestId('fill-success').textContent()).toContain('已提交（2026-11）');
    await expect
      .poll(() => form.getByTestId('empty-count').textContent())
      .toBe(`${api.counts.empty - 2} 项未填（共 ${api.counts.total} 项）`);
    const after = await monthlyForm(page, '2026-11');
    const written = after.areas
      .flatMap((a) => a.indicators)
      .filter((i) => i.indicatorId === target!.indicatorId || i.indicatorId === second!.indicatorId);
    expect(written.map((i) => i.entry?.values)).toEqual(
      expect.arrayContaining([{ [key]: 8 }, { [fieldOf(second!)[0]]: 12 }]),
    );
    expect(new Set(written.map((i) => i.entry?.submittedAt)).size).toBe(1);
    await expect.poll(() => card.getByTestId('indicator-state').getAttribute('data-state')).toBe('filled');
    expect(await card.getByLabel(property.title!).inputValue()).toBe('8');

    // In English the labels and help are the form's English texts.
    await page.getByTestId('language-switch').click();
    await expect.poll(() => card.textContent()).toContain(property['x-description-en']!);
    expect(await card.getByLabel(property['x-title-en']!).inputValue()).toBe('8');
    await page.getByTestId('language-switch').click();
    await expect.poll(() => card.textContent()).toContain(property.description!);

    // The screenshot for the docs: the top of November's form.
    mkdirSync(docsShots, { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: resolve(docsShots, 'unit-monthly-form.png') });
    await page.context().close();
  }, 240_000);

  it('shows a locked month as labelled values and takes an amendment from the same screen', async () => {
    const page = await journey.signIn('dept_user', { defaultTimeoutMs: 30_000 });
    await page.goto(`${journey.server.url}/#/my-forms?period=2026-10`);
    await formShown(page, '2026-10');
    const form = page.getByTestId('monthly-form');
    expect(await form.getByTestId('due-status').getAttribute('data-status')).toBe('locked');
    await form.getByTestId('form-locked').waitFor();
    expect(await form.getByTestId('fill-submit').count()).toBe(0);
    const october = await monthlyForm(page, '2026-10');
    const filled = october.areas.flatMap((a) => a.indicators).find((i) => i.entry !== null && oneNumber(i))!;
    const [key, property] = fieldOf(filled);
    const card = form.getByTestId(`indicator-${filled.indicatorId}`);
    const row = card.getByTestId('entry-values').locator(`[data-field="${key}"]`);
    expect(await row.locator('dt').textContent()).toBe(property.title);
    expect(await row.locator('dd').textContent()).toBe(String(filled.entry!.values[key]));
    expect((await form.textContent()) ?? '').not.toMatch(/\{"/);

    await card.getByTestId('amend-open').click();
    const amend = card.getByTestId('amend-panel');
    await amend.getByLabel(property.title!).fill('77');
    await amend.getByTestId('amend-reason').fill('统计口径更正');
    await amend.getByTestId('amend-submit').click();
    await expect.poll(() => form.getByTestId('fill-success').textContent()).toContain('更正申请已提交');
    await expect.poll(() => card.getByTestId('indicator-pending').count()).toBe(1);
    await expect
      .poll(() =>
        page.getByTestId('my-amendments').getByTestId('amendment-status').first().getAttribute('data-status'),
      )
      .toBe('pending');
    // The request shows its values as labelled fields too.
    expect(
      await page.getByTestId('my-amendments').locator(`[data-field="${key}"] dt`).first().textContent(),
    ).toBe(property.title);
    await page.context().close();
  }, 240_000);

  it('fits a 375 px phone without sideways scrolling and passes axe', async () => {
    const phone = await journey.browser.newContext({
      viewport: { width: 375, height: 740 },
      timezoneId: 'Asia/Shanghai',
      locale: 'zh-CN',
      isMobile: true,
      hasTouch: true,
    });
    await phone.clock.install({ time: new Date(await serverNow(journey.server.url)) });
    try {
      const page = await phone.newPage();
      page.setDefaultTimeout(30_000);
      await journey.loginAs(page, 'dept_user');
      await page.goto(`${journey.server.url}/#/my-forms`);
      await formShown(page, '2026-11');
      await page.getByTestId('my-scores').locator('table, p.muted').first().waitFor();
      await page.getByTestId('entry-history').locator('table, p.muted').first().waitFor();
      const overflow = await page.evaluate(() => {
        const root = document.scrollingElement ?? document.documentElement;
        const form = document.querySelector('[data-testid="fill-panel"]') as HTMLElement;
        return { page: root.scrollWidth - window.innerWidth, form: form.scrollWidth - form.clientWidth };
      });
      expect(overflow).toEqual({ page: 0, form: 0 });
      const findings = await seriousViolations(page);
      expect(findings, describeFindings('phone monthly form', findings).join('\n')).toEqual([]);
      await page.screenshot({
        path: resolve(import.meta.dirname, '../../test-results/e2e/unit-monthly-form-phone.png'),
      });

      // A locked month (labelled values, amendment button) on the phone as well.
      await page.goto(`${journey.server.url}/#/my-forms?period=2026-10`);
      await formShown(page, '2026-10');
      const locked = await page.evaluate(() => {
        const root = document.scrollingElement ?? document.documentElement;
        return root.scrollWidth - window.innerWidth;
      });
      expect(locked).toBe(0);
      const lockedFindings = await seriousViolations(page);
      expect(lockedFindings, describeFindings('phone locked month', lockedFindings).join('\n')).toEqual([]);
    } finally {
      await phone.close();
    }
  }, 240_000);
});
