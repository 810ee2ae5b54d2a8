/** @module Browser journey of the what-if across years: the office runs next year's draft over this year's history and sees progress, the stated month mapping, deltas and "no history" for a new indicator. */
import { describe, expect, it } from 'vitest';
import { apiFromPage, navLink, screenshot, useJourney } from './browser.ts';

type Doc = Record<string, unknown>;

describe('what-if of next year’s draft in the studio', () => {
  const journey = useJourney();

  it('shows a progress bar, states the month-of-year mapping, moves only the changed indicator and marks the new one as without history', async () => {
    const page = await journey.signIn('admin', { defaultTimeoutMs: 30_000 });
    // Next year's draft, prepared through the API: this year's content, a 2027 period, half the
    // points of A.1.1 and a new indicator beside it.
    const current = await apiFromPage(page, {
      method: 'GET',
      url: '/api/rule-sets/district-2026/versions/1',
    });
    expect(current.status).toBe(200);
    const content = structuredClone(current.body.content) as { documents: Doc[] } & Doc;
    content.id = 'district-2027-whatif';
    content.name = { zh: '2027年度考核（测算用）', en: '2027 assessment (what-if)' };
    content.period = { from: '2027-01-01', to: '2027-12-31' };
    const changed = content.documents.find((d) => d.id === 'ind-econ-1-1')!;
    changed.scoringRule = { '*': [0.5, changed.scoringRule] };
    content.documents.push({
      ...structuredClone(changed),
      id: 'ind-econ-1-new',
      code: 'A.1.9',
      name: { zh: '新增考核指标', en: 'New indicator' },
    });
    const created = await apiFromPage(page, { method: 'POST', url: '/api/rule-sets', body: content });
    expect(created.status).toBe(201);

    await navLink(page, '模拟测算').click();
    await page.getByTestId('whatif-version').selectOption(`district-2027-whatif@${created.body.number}`);
    await page.getByTestId('whatif-run').click();
    const progress = page.getByTestId('whatif-progress');
    await progress.waitFor();
    expect(await progress.textContent()).toMatch(/已完成 \d+\/\d+/);
    await expect
      .poll(() => page.getByTestId('whatif-summary').textContent(), { timeout: 60_000 })
      .toMatch(/\d+ 个单位/);
    expect(await page.getByTestId('whatif-mapping').textContent()).toContain(
      '以 2026 年各月历史数据按月对应测算 2027 年草案',
    );

    await page.getByTestId('whatif-period').selectOption('2026-10');
    expect(await page.getByTestId('whatif-period').locator('option:checked').textContent()).toBe(
      '2026-10 → 2027-10',
    );
    const units = await page
      .getByTestId('whatif-unit-row')
      .evaluateAll((rows) =>
        rows.map((r) => [r.getAttribute('data-draft-period'), Number(r.getAttribute('data-delta'))] as const),
      );
    expect(units.length).toBeGreaterThan(0);
    expect(units.every(([p]) => p === '2027-10')).toBe(true);
    expect(units.some(([, d]) => d < 0)).toBe(true);
    const indicators = await page.getByTestId('whatif-indicator-row').evaluateAll((rows) =>
      rows.map((r) => ({
        id: r.getAttribute('data-indicator'),
        status: r.getAttribute('data-status'),
        delta: r.getAttribute('data-delta'),
        text: r.textContent,
      })),
    );
    const moved = indicators.filter((i) => i.status === 'compared' && Number(i.delta) !== 0).map((i) => i.id);
    expect(moved).toEqual(['ind-econ-1-1']);
    const fresh = indicators.find((i) => i.id === 'ind-econ-1-new')!;
    expect(fresh.status).toBe('noHistory');
    expect(fresh.delta).toBeNull();
    expect(fresh.text).toContain('无历史数据');
    expect(fresh.text).toContain('新增考核指标');
    expect(await page.getByTestId('whatif-no-history').textContent()).toContain('新增考核指标');
    await screenshot(page, 'performance-what-if-next-year');
    await page.context().close();
  }, 180_000);
});
