/** @module Browser journey: an admin edits the case routing table and reads the workflow/SLA documents of a rule-set draft. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openCaseConfig, screenshot, useJourney } from './browser.ts';

describe('case configuration editors', () => {
  const journey = useJourney();

  it('edits the routing table of a new draft with row warnings, CSV export and import, and saves it', async () => {
    const page = await journey.signIn('admin');
    const grid = await openCaseConfig(page);
    const rowCount = await grid.locator('tbody tr').count();
    expect(rowCount).toBeGreaterThan(10);
    // The seed table has JSON Logic cells the analysis cannot reason about: a warning names the rows.
    expect(await page.getByTestId('table-analysis').textContent()).toContain('未参与遗漏/重叠分析');

    await page.getByRole('button', { name: '基于此版本新建草稿' }).click();
    await page.getByRole('button', { name: '保存到草稿' }).waitFor();
    const ruleSetId = await page.locator('#config-rule-set').inputValue();
    const versionNumber = Number(await page.locator('#config-version').inputValue());

    // A catch-all row inserted first shadows every other row: the analysis flags them by row.
    await page.getByRole('button', { name: '在下方插入 第 1 行' }).click();
    await page.getByRole('button', { name: '上移 第 2 行' }).click();
    expect(await grid.locator('tbody tr').count()).toBe(rowCount + 1);
    await page.getByTestId('unsaved').waitFor();
    expect(
      await grid.locator('tbody tr.grid__row--warning, tbody tr.grid__row--error').count(),
    ).toBeGreaterThan(0);
    await screenshot(page, 'cases-config-routing-warnings');
    await page.getByRole('button', { name: '删除 第 1 行' }).click();
    expect(await grid.locator('tbody tr').count()).toBe(rowCount);

    // Edit a result cell: the first rule's priority.
    const priority = page.getByLabel('优先级（第 1 行）');
    await priority.selectOption('high');

    // CSV export carries the edit; importing it back gives the same rows.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.replace(/^\uFEFF/, '').startsWith('kind,decisionTable')).toBe(true);
    await page.getByTestId('import-csv').setInputFiles({
      name: 'routing.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByText(`已导入 ${rowCount} 条规则`).waitFor();

    await page.getByRole('button', { name: '保存到草稿' }).click();
    await page.getByTestId('toast').getByText('已保存').waitFor();
    const saved = await page.evaluate(
      async ({ id, n }) => (await fetch(`/api/rule-sets/${id}/versions/${n}`)).json(),
      { id: ruleSetId, n: versionNumber },
    );
    const routing = saved.content.documents.find((d: { kind: string }) => d.kind === 'routingTable');
    expect(routing.table.rules).toHaveLength(rowCount);
    expect(routing.table.rules[0].outputs[2]).toBe('high');
    await screenshot(page, 'cases-config-routing-saved');

    await page.getByRole('tab', { name: '流程与时限' }).click();
    const transitions = page.getByTestId('workflow-transitions');
    await transitions.waitFor();
    // Action labels come from the workflow document's declarations.
    expect(await transitions.textContent()).toContain('责令重办');
    expect(await page.getByTestId('workflow-states').textContent()).toContain('专业评价中');
    await page.getByTestId('sla-sla-standard').waitFor();
    await screenshot(page, 'cases-config-workflow');
    await page.context().close();
  }, 120_000);
});
