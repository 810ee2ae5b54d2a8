/** @module Steps on the studio's assessment editors shared by the performance journeys: a field changed and left, a number field added in the form designer, a rule test-run on a sample, a node of the indicator tree selected. */
import type { Locator, Page } from 'playwright-core';

/** Fills the field with test id `testId` (within `scope`) and tabs out of it: the editors take a change when the field is left. */
export const fillAndLeave = async (scope: Page | Locator, testId: string, value: string): Promise<void> => {
  const field = scope.getByTestId(testId);
  await field.fill(value);
  await field.press('Tab');
};

/** In the form designer: adds a number field from the palette with the Chinese title `title`, required and with a minimum when given. */
export const addNumberField = async (
  page: Page,
  title: string,
  options: { required?: boolean; min?: string } = {},
): Promise<void> => {
  await page.getByTestId('palette-number').click();
  await fillAndLeave(page, 'prop-title-zh', title);
  if (options.required) await page.getByTestId('prop-required').check();
  if (options.min !== undefined) await fillAndLeave(page, 'prop-min', options.min);
};

/** In the rule builder: opens the advanced sample, types `sample` as JSON and test-runs the rule on it. */
export const runRuleSample = async (page: Page, sample: unknown): Promise<void> => {
  await page.getByTestId('rule-sample-advanced').locator('summary').click();
  await page.getByTestId('rule-sample').fill(JSON.stringify(sample));
  await page.getByTestId('rule-run').click();
};

/** In the indicator tree: selects the node of row `rowId` by its button's `name`. */
export const selectNode = async (page: Page, rowId: string, name: RegExp): Promise<void> => {
  await page.getByTestId(`tree-row-${rowId}`).getByRole('button', { name }).click();
};
