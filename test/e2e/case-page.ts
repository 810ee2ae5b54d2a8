/** @module Steps on the studio's case page shared by the case journeys: open it, read its status, take an action, and the handle → reply and verify → notify stretches. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Opens the case page at `url`, loading it afresh when the page shows it already (a hash change alone would not). */
export const openCasePage = async (page: Page, url: string): Promise<void> => {
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  await page.getByTestId('case-actions').waitFor();
};

/** The case's status as the page head shows it. */
export const statusOf = async (page: Page): Promise<string> =>
  ((await page.locator('.case-head [data-status]').getAttribute('data-status')) ?? '').trim();

/** Clicks an action by its label from the workflow document; with a form, fills it by its labels and confirms. */
export const act = async (
  page: Page,
  input: {
    action: string;
    label: string;
    fields?: Record<string, string>;
    /** Select options by their value or shown label. */
    select?: Record<string, string>;
    check?: string[];
  },
): Promise<void> => {
  await page
    .getByTestId('case-actions')
    .locator('.actions')
    .getByRole('button', { name: input.label, exact: true })
    .click();
  if (input.fields || input.select || input.check) {
    const form = page.getByTestId(`action-form-${input.action}`);
    for (const label of input.check ?? []) await form.getByLabel(label).check();
    for (const [label, value] of Object.entries(input.select ?? {}))
      await form.getByLabel(label).selectOption(value);
    for (const [label, value] of Object.entries(input.fields ?? {})) await form.getByLabel(label).fill(value);
    await form.getByRole('button', { name: input.label, exact: true }).click();
  }
  await page.getByTestId('case-notice').getByText(input.label).waitFor();
};

/** The lead unit records its result (办结) and answers the citizen (答复市民): the case is replied. */
export const handleAndReply = async (page: Page, result: string, reply: string): Promise<void> => {
  await act(page, { action: 'handle', label: '办结', fields: { 办理结果: result } });
  await act(page, { action: 'reply', label: '答复市民', fields: { 答复内容: reply } });
  expect(await statusOf(page)).toBe('replied');
};

/** The dispatcher passes the reply (审核通过: verified) and tells the citizen (告知结果: notified). */
export const verifyAndNotify = async (page: Page): Promise<void> => {
  await act(page, { action: 'verify', label: '审核通过' });
  expect(await statusOf(page)).toBe('verified');
  await act(page, { action: 'notifyCitizen', label: '告知结果' });
  expect(await statusOf(page)).toBe('notified');
};
