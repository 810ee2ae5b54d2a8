/** @module Browser journeys: the scoring-rule builder offers a case-metric indicator's metrics by their Chinese names, checks and runs a rule over them, and saves it to a draft; a unit without cases sees 无办件, not 0, and why. */
import { describe, expect, it } from 'vitest';
import { apiFromPage, logout, navLink, screenshot, useJourney } from './browser.ts';
import { runRuleSample } from './performance-page.ts';

const RULE = {
  '-': [{ '*': [100, { var: 'entry.satisfactionRate' }] }, { '*': [50, { var: 'entry.returnRate' }] }],
};

describe('case metrics in the rule builder', () => {
  const journey = useJourney({ env: { BATON_NOW: '2026-11-16T10:00:00+08:00' } });

  it('names the case metrics in Chinese, accepts a rule over satisfaction and returns, and saves it', async () => {
    const page = await journey.signIn('admin', { defaultTimeoutMs: 30_000 });
    await navLink(page, '指标体系').click();
    await page.getByTestId('draft-create').click();
    await expect.poll(() => page.getByTestId('draft-message').textContent()).toMatch(/已新建草稿 v\d+/);

    await navLink(page, '计分规则').click();
    await page.getByTestId('rule-target').selectOption('indicator/ind-gov-3-1');
    const panel = page.getByTestId('rule-case-metrics');
    await expect.poll(() => panel.textContent()).toContain('满意率');
    expect(await panel.getByTestId('rule-case-metric-overdueCount').textContent()).toContain('超期件数');
    expect(await panel.getByTestId('rule-case-metric-returnRate').textContent()).toContain(
      'entry.returnRate',
    );
    expect(await page.getByTestId('rule-no-cases-policy').textContent()).toContain('不计入');
    expect(
      await page
        .getByTestId('rule-var')
        .first()
        .locator('option[value="entry.satisfactionRate"]')
        .textContent(),
    ).toBe('满意率');

    await page.getByTestId('rule-view-raw').click();
    await page.getByTestId('rule-raw').fill(JSON.stringify(RULE, null, 2));
    await expect.poll(() => page.getByTestId('rule-issues-ok').isVisible()).toBe(true);
    await runRuleSample(page, { entry: { satisfactionRate: 0.9, returnRate: 0.2 }, target: 95 });
    await expect.poll(() => page.getByTestId('rule-result').textContent()).toBe('80');
    await page.getByTestId('rule-view-blocks').click();
    const names = await page
      .getByTestId('rule-var')
      .evaluateAll((pickers) =>
        pickers.map((p) => (p as HTMLSelectElement).selectedOptions[0]?.textContent ?? ''),
      );
    expect(names).toEqual(['满意率', '退单率']);
    await screenshot(page, 'case-metric-rule-builder');

    // A metric the catalogue does not know is reported, not silently read as empty.
    await page.getByTestId('rule-view-raw').click();
    await page.getByTestId('rule-raw').fill(JSON.stringify({ var: 'entry.complaintRate' }));
    await expect.poll(() => page.getByTestId('rule-issues').textContent()).toContain('entry.complaintRate');
    await page.getByTestId('rule-raw').fill(JSON.stringify(RULE, null, 2));
    await page.getByTestId('rule-save').click();
    await expect.poll(() => page.getByTestId('draft-message').textContent()).toContain('已保存');

    const draft = Number(await page.getByTestId('draft-select').inputValue());
    const saved = await apiFromPage(page, {
      method: 'GET',
      url: `/api/rule-sets/district-2026/versions/${draft}`,
    });
    const indicator = saved.body.content.documents.find((d: { id: string }) => d.id === 'ind-gov-3-1');
    expect(indicator.scoringRule).toEqual(RULE);
    expect(saved.body.issues.filter((i: { severity?: string }) => i.severity !== 'warning')).toEqual([]);
  }, 180_000);

  it('shows a unit without cases this month 无办件 with what its policy did, not a score of 0', async () => {
    const page = await journey.signIn('dispatcher', { defaultTimeoutMs: 30_000 });
    // A case of the education bureau moves in November: the month's case metrics are fed to every owner.
    const created = await apiFromPage(page, {
      method: 'POST',
      url: '/api/cases',
      body: {
        channel: 'hotline',
        category: 'education.school',
        text: '学校门口早高峰交通拥堵，希望增派人员疏导',
      },
    });
    expect(created.status).toBe(201);
    const dispatched = await apiFromPage(page, {
      method: 'POST',
      url: `/api/cases/${created.body.case.id}/actions/dispatch`,
      body: { input: {} },
    });
    expect(dispatched.status).toBe(200);
    await logout(page);

    // Xinhua street had no case in November.
    await journey.loginAs(page, 'street_user');
    await navLink(page, '我的填报').click();
    await page.getByTestId('due-month').fill('2026-11');
    const row = page.getByTestId('score-row-ind-gov-3-1');
    await expect.poll(() => row.textContent()).toContain('无办件');
    expect(await page.getByTestId('score-ind-gov-3-1').textContent()).not.toMatch(/^0 \//);
    await page.getByTestId('score-ind-gov-3-1').click();
    const trace = page.getByTestId('trace-panel');
    await expect.poll(() => trace.getByTestId('trace-status').getAttribute('data-status')).toBe('noCases');
    expect(await trace.getByTestId('trace-no-cases').textContent()).toContain('不计入总分');
    expect(await trace.getByTestId('trace-points').textContent()).toContain('无办件');
    await screenshot(page, 'case-metric-no-cases-trace');
  }, 180_000);
});
