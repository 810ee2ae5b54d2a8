/** @module Browser journey: an admin changes one routing row of a draft and runs 办件测算 over the demo year's recent cases; the panel shows progress, then the same counts the job answered, with unit names. */
import type { Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { nightNoiseCase } from '../support/case-bodies.ts';
import { apiFromPage, openCaseConfig, screenshot, useJourney } from './browser.ts';

describe('case what-if panel', () => {
  const journey = useJourney();

  it('replays recent cases through an edited draft and shows moved cases by unit and category', async () => {
    const page = await journey.signIn('admin');
    // Three construction-noise cases and one street-vending case received now (the journey server has no demo cases).
    for (const text of ['楼下工地夜间打桩施工噪音很大', '隔壁工地打桩噪音', '工地渣土车夜间施工噪音']) {
      const intake = await apiFromPage(page, {
        method: 'POST',
        url: '/api/cases',
        body: nightNoiseCase(text),
      });
      expect(intake.status).toBe(201);
      expect(intake.body.case.leadUnitId).toBe('dept-housing-construction');
    }
    const vending = await apiFromPage(page, {
      method: 'POST',
      url: '/api/cases',
      body: { channel: 'web', category: 'urban.street-vending', text: '路口有流动摊贩占道经营' },
    });
    expect(vending.status).toBe(201);
    await openCaseConfig(page);
    // No panel on a published version: the what-if is of a draft.
    expect(await page.getByTestId('case-what-if').count()).toBe(0);
    await page.getByRole('button', { name: '基于此版本新建草稿' }).click();
    await page.getByRole('button', { name: '保存到草稿' }).waitFor();
    await page.getByTestId('case-what-if').waitFor();

    // Row 5 of the seed table (construction noise) goes to urban management instead.
    const lead = page.getByLabel('主办单位（第 5 行）');
    expect(await lead.inputValue()).toBe('dept-housing-construction');
    await lead.selectOption('dept-urban-management');
    await page.getByRole('button', { name: '保存到草稿' }).click();
    await page.getByTestId('toast').getByText('已保存').waitFor();

    await page.locator('#case-what-if-months').selectOption('12');
    const finished = page.waitForResponse(
      async (response: Response) =>
        response.url().includes('/api/jobs/') && (await response.json()).status === 'done',
    );
    await page.getByTestId('case-what-if-run').click();
    const job = await (await finished).json();
    const result = job.result;
    await page.getByTestId('case-what-if-result').waitFor();
    expect(await page.getByTestId('case-what-if-moved').textContent()).toBe(`改派 ${result.totals.moved} 件`);
    const summary = (await page.getByTestId('case-what-if-summary').textContent()) ?? '';
    expect(summary).toContain(`共 ${result.totals.cases} 件`);
    expect(summary).toContain(`改派 ${result.totals.moved} 件`);
    expect(result.deadlines.earlier + result.deadlines.later).toBe(0);
    if (result.totals.moved > 0) {
      const rows = page.getByTestId('case-what-if-moves').locator('tbody tr');
      expect(await rows.count()).toBe(result.moves.length);
      const first = (await rows.first().textContent()) ?? '';
      // Names, not ids.
      expect(first).toContain(result.moves[0].fromUnit.name.zh);
      expect(first).toContain(result.moves[0].toUnit.name.zh);
      expect(first).toContain(result.moves[0].category.name.zh);
      expect(first).not.toContain('dept-urban-management');
      expect(
        result.moves.every((m: { toUnit: { id: string } }) => m.toUnit.id === 'dept-urban-management'),
      ).toBe(true);
    }
    await screenshot(page, 'case-what-if-result');
    await page.context().close();
  }, 180_000);
});
