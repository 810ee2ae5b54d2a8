/** @module Browser journey: in December the office prepares next year's rule set from the one in force, on the same timeline, and opens it as a draft. */
import { describe, expect, it } from 'vitest';
import { apiFromPage, navLink, screenshot, useJourney } from './browser.ts';

describe('preparing next year in the studio', () => {
  // A December day of the demo year: the office redesigns the coming year.
  const journey = useJourney({ env: { BATON_NOW: '2026-12-03T10:00:00+08:00' } });

  it('copies the rule set in force into a new draft for the following year with suggested id and names', async () => {
    const page = await journey.signIn('admin', { defaultTimeoutMs: 20_000 });
    await navLink(page, '规则集').click();
    const panel = page.getByTestId('rule-set-district-2026');
    await panel.waitFor();
    await expect
      .poll(() =>
        page.getByTestId('timeline').getByTestId('timeline-district-2026-1').getAttribute('data-when'),
      )
      .toBe('inForce');
    const published = panel.locator('tr[data-status="published"]');
    await published.getByTestId('next-period-open').click();
    const form = page.getByTestId('next-period-form');
    expect(await form.getByTestId('next-period-id').inputValue()).toBe('district-2027');
    expect(await form.getByLabel('名称（中文）').inputValue()).toBe('2027年度区绩效考核');
    await screenshot(page, 'rule-sets-next-year-form');
    await form.getByTestId('next-period-create').click();
    await page.waitForURL(/#\/rule-sets\/district-2027\/1$/);
    await expect.poll(() => page.getByTestId('status-badge').first().textContent()).toBe('草稿');

    const version = await apiFromPage(page, {
      method: 'GET',
      url: '/api/rule-sets/district-2027/versions/1',
    });
    expect(version.status).toBe(200);
    expect(version.body.content.period).toEqual({ from: '2027-01-01', to: '2027-12-31' });
    expect(version.body.content.timeline).toBe('district');
    expect(version.body.content.name).toEqual({
      zh: '2027年度区绩效考核',
      en: 'District performance assessment 2027',
    });
    // The year in force is untouched: still version 1 of 2026 on the timeline.
    const timeline = await apiFromPage(page, { method: 'GET', url: '/api/rule-sets/timeline' });
    expect(
      timeline.body.items.map((i: { ruleSetId: string; when: string }) => [i.ruleSetId, i.when]),
    ).toEqual([['district-2026', 'inForce']]);
  });
});
