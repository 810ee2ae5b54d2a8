/** @module Browser journey: the office imports next year's holiday schedule (holiday-cn JSON) into the calendar of a draft rule set, sees the days before saving, saves, and the refusal of an unpublished year. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiFromPage, screenshot, useJourney } from './browser.ts';

const ruleSetId = 'district-2026';
const samples = resolve(import.meta.dirname, '../fixtures/holiday-cn');

describe('calendar import in the studio', () => {
  const journey = useJourney();

  it('merges a holiday-cn year into the draft calendar after showing its days, and refuses an unpublished year', async () => {
    const page = await journey.signIn('admin', { defaultTimeoutMs: 15_000 });
    const versions = await apiFromPage(page, { method: 'GET', url: `/api/rule-sets/${ruleSetId}/versions` });
    const items = (versions.body.items ?? versions.body) as { number: number; status: string }[];
    const published = items.find((v) => v.status === 'published');
    expect(published).toBeDefined();
    const draft = await apiFromPage(page, {
      method: 'POST',
      url: `/api/rule-sets/${ruleSetId}/drafts`,
      body: { basedOn: published!.number },
    });
    expect(draft.status).toBe(201);
    const n = draft.body.number as number;
    await page.goto(`${journey.server.url}/#/rule-sets/${ruleSetId}/${n}`);

    const panel = page.getByTestId('calendar-panel');
    await panel.waitFor();
    const calendarId = (draft.body.content.calendars as { id: string }[])[0]!.id;
    const summary = panel.locator(`[data-calendar-id="${calendarId}"]`).getByTestId('calendar-summary');
    expect(await summary.textContent()).toContain('覆盖 2026 年');
    expect(await summary.textContent()).toContain('仅周末休息');

    // An unpublished year (2027.json has no days) is refused in words, not imported as "no holidays".
    await page.getByTestId('calendar-file').setInputFiles(resolve(samples, '2027.json'));
    await page.getByTestId('calendar-read').click();
    await expect(page.getByTestId('calendar-error').textContent()).resolves.toContain('尚未公布');

    // 2025 merges into the draft's calendar: preview first, with the days by date.
    await page.getByTestId('calendar-file').setInputFiles(resolve(samples, '2025.json'));
    await page.getByTestId('calendar-read').click();
    const preview = page.getByTestId('calendar-preview');
    await preview.waitFor();
    expect(await preview.locator('h3').first().textContent()).toContain('覆盖 2025–2026 年');
    const days = page.getByTestId('calendar-preview-days');
    await expect(days.getByText('2025-01-28 – 2025-02-04').count()).resolves.toBe(1);
    await expect(days.locator('tr[data-type="workingDay"]').count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'calendar-import-preview');

    await page.getByTestId('calendar-save').click();
    await page.getByTestId('calendar-saved').waitFor();
    await expect(summary.textContent()).resolves.toContain('覆盖 2025–2026 年');
    const saved = await apiFromPage(page, {
      method: 'GET',
      url: `/api/rule-sets/${ruleSetId}/versions/${n}`,
    });
    const calendar = (saved.body.content.calendars as { id: string; coverage: unknown }[]).find(
      (c) => c.id === calendarId,
    );
    expect(calendar?.coverage).toEqual({ from: 2025, to: 2026 });
    await screenshot(page, 'calendar-import-saved');
  });
});
