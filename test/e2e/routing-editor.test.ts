/**
 * @module Browser journey (issue 14.3): an office user reads the published routing table in words
 * (category and unit names, keywords — no quoted codes or JSON), test-runs a sample case on it without
 * creating a draft, then builds a new routing row in a draft with pickers only (category tree, street,
 * keywords as chips, lead and assisting units by name, priority and SLA policy), sees a JSON Logic cell
 * the builder cannot show fall back to the raw view with a note, saves, and test-runs a sample case
 * that the new row decides, with the trace naming the row and its conditions. Axe finds nothing
 * serious on the page; the screenshot goes to docs/screenshots/routing-editor.png.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFindings, seriousViolations } from './axe.ts';
import { apiFromPage, openCaseConfig, screenshot, useJourney } from './browser.ts';

const docsShots = resolve(import.meta.dirname, '../../docs/screenshots');

describe('routing editor with pickers and a test-run', () => {
  const journey = useJourney();

  it('builds a routing row without typing JSON and test-runs a sample case through the draft', async () => {
    const page = await journey.signIn('admin');
    const grid = await openCaseConfig(page);
    const ruleSetId = await page.locator('#config-rule-set').inputValue();
    const versionsBefore = (
      await apiFromPage(page, { method: 'GET', url: `/api/rule-sets/${ruleSetId}/versions` })
    ).body.items.length as number;

    // The published version, read-only, in words.
    expect(await page.getByTestId('version-status').textContent()).toBe('已发布');
    expect(await page.locator('#config-version option:checked').textContent()).toContain('已发布');
    await page.getByTestId('read-only-note').waitFor();
    const firstRow = grid.locator('tbody tr').first();
    const firstText = (await firstRow.textContent()) ?? '';
    expect(firstText).toContain('燃气');
    expect(firstText).not.toContain('"utilities.gas"');
    expect(await firstRow.getByLabel('主办单位（第 1 行）').isDisabled()).toBe(true);
    const constructionRow = grid.locator('tbody tr[data-row-id="r-noise-construction"]');
    const constructionText = (await constructionRow.textContent()) ?? '';
    expect(constructionText).toContain('施工、工地、打桩、渣土车');
    expect(constructionText).not.toContain('keyword_match');
    expect(constructionText).toContain('城市管理局');
    const analysis = (await page.getByTestId('table-analysis').textContent()) ?? '';
    expect(analysis).not.toMatch(/table\.[a-z_]+/);

    // Test-run on the published version, no draft needed.
    const panel = page.getByTestId('route-test');
    await panel.getByTestId('route-test-category').selectOption({ label: '噪音扰民' });
    await panel.getByTestId('route-test-text').fill('楼下工地夜间打桩');
    await panel.getByTestId('route-test-run').click();
    await panel.getByTestId('route-test-result').waitFor();
    expect(await panel.getByTestId('route-test-lead').textContent()).toBe('住房和城乡建设局');
    const matched = (await panel.getByTestId('route-test-matched').textContent()) ?? '';
    const constructionIndex = Number(await constructionRow.getAttribute('data-row'));
    expect(matched).toContain(`命中第 ${constructionIndex + 1} 行`);
    expect(matched).toContain('噪音扰民');
    expect(matched).toContain('包含任一关键词：施工、工地、打桩、渣土车');
    expect(await constructionRow.getAttribute('class')).toContain('grid__row--matched');
    const after = (await apiFromPage(page, { method: 'GET', url: `/api/rule-sets/${ruleSetId}/versions` }))
      .body.items.length as number;
    expect(after).toBe(versionsBefore);

    // A draft; a new first row built with pickers.
    await page.getByRole('button', { name: '基于此版本新建草稿' }).click();
    await page.getByRole('button', { name: '保存到草稿' }).waitFor();
    expect(await page.getByTestId('version-status').textContent()).toBe('草稿');
    const versionNumber = Number(await page.locator('#config-version').inputValue());
    const rowCount = await grid.locator('tbody tr').count();
    await page.getByRole('button', { name: '在下方插入 第 1 行' }).click();
    await page.getByRole('button', { name: '上移 第 2 行' }).click();
    expect(await grid.locator('tbody tr').count()).toBe(rowCount + 1);
    await page.getByRole('button', { name: '编辑 第 1 行' }).click();
    const editor = page.getByTestId('row-editor');
    await editor.waitFor();

    // Category from the category tree (grouped by the forms' category groups).
    await editor.getByLabel('事项分类 条件方式').selectOption({ label: '等于所选值之一' });
    const categories = editor.getByTestId('pick-category');
    expect(await categories.textContent()).toContain('市容环境');
    await categories.getByLabel('噪音扰民').check();
    // Street by name (units API).
    await editor.getByLabel('所属街道 条件方式').selectOption({ label: '等于所选值之一' });
    await editor.getByTestId('pick-street').getByLabel('新华街道办事处').check();

    // A JSON Logic cell the builder cannot show stays raw, with a note.
    await editor.getByLabel('诉求内容 条件方式').selectOption({ label: '高级（原文）' });
    const raw = editor.getByLabel('诉求内容 单元格原文');
    await raw.fill('{"in":["噪音",{"var":"$"}]}');
    await raw.blur();
    await editor.getByTestId('raw-note').waitFor();
    expect(await editor.getByTestId('raw-note').textContent()).toContain('无法用可视化方式表示');

    // Keywords as chips: add three, remove one.
    await editor.getByLabel('诉求内容 条件方式').selectOption({ label: '条件组合' });
    const words = editor.getByLabel('诉求内容 条件 1 关键词：添加');
    for (const word of ['广场舞', '音响', '唱歌']) {
      await words.fill(word);
      await words.press('Enter');
    }
    await editor.getByRole('button', { name: '移除 唱歌' }).click();
    expect(await editor.getByTestId('keywords-text-1').locator('li').allTextContents()).toEqual([
      '广场舞×',
      '音响×',
    ]);
    expect(await editor.getByLabel('诉求内容 条件 1 比较方式').locator('option:checked').textContent()).toBe(
      '关键词匹配',
    );

    // Results by name.
    await editor.getByLabel('主办单位', { exact: true }).selectOption({ label: '新华街道办事处' });
    await editor.getByLabel('添加协办单位').selectOption({ label: '城市管理局' });
    await editor.getByLabel('优先级', { exact: true }).selectOption({ label: '较急' });
    await editor.getByLabel('时限策略', { exact: true }).selectOption({ label: '一般办件时限' });
    await page.getByLabel('说明（第 1 行）').fill('新华街道广场舞噪音：街道主办');
    await page.getByLabel('说明（第 1 行）').press('Tab');
    const newRow = (await grid.locator('tbody tr').first().textContent()) ?? '';
    expect(newRow).toContain('噪音扰民');
    expect(newRow).toContain('新华街道办事处');
    expect(newRow).toContain('命中任一：广场舞、音响');
    expect(newRow).toContain('城市管理局');

    // The condition builder reads an existing keyword cell as chips (round trip of the seed's JSON Logic).
    const constructionDraftIndex = Number(
      await grid.locator('tbody tr[data-row-id="r-noise-construction"]').getAttribute('data-row'),
    );
    await page.getByRole('button', { name: `编辑 第 ${constructionDraftIndex + 1} 行` }).click();
    expect(await editor.getByTestId('keywords-text-1').locator('li').allTextContents()).toEqual([
      '施工×',
      '工地×',
      '打桩×',
      '渣土车×',
    ]);
    await page.getByRole('button', { name: '编辑 第 1 行' }).click();

    // The advanced view holds the raw JSON of the table.
    await page.getByTestId('routing-view-raw').click();
    expect(await page.getByTestId('routing-raw').locator('textarea').inputValue()).toContain('"广场舞"');
    await page.getByRole('button', { name: '表格', exact: true }).click();
    await grid.waitFor();

    await page.getByRole('button', { name: '保存到草稿' }).click();
    await page.getByTestId('toast').getByText('已保存').waitFor();
    const saved = await apiFromPage(page, {
      method: 'GET',
      url: `/api/rule-sets/${ruleSetId}/versions/${versionNumber}`,
    });
    const routing = saved.body.content.documents.find((d: { kind: string }) => d.kind === 'routingTable');
    const inputs = routing.table.inputs.map((i: { id: string }) => i.id) as string[];
    const rule = routing.table.rules[0];
    expect(rule.cells[inputs.indexOf('category')]).toBe('"environment.noise"');
    expect(rule.cells[inputs.indexOf('street')]).toBe('"street-xinhua"');
    expect(rule.cells[inputs.indexOf('text')]).toEqual({
      keyword_match: [{ var: '$' }, ['广场舞', '音响'], 'any'],
    });
    expect(rule.outputs).toEqual(['street-xinhua', 'dept-urban-management', 'high', 'sla-standard']);
    expect(rule.annotation).toBe('新华街道广场舞噪音：街道主办');
    // The seed's keyword cell is unchanged by opening it in the builder.
    const construction = routing.table.rules.find((r: { id: string }) => r.id === 'r-noise-construction');
    expect(construction.cells[inputs.indexOf('text')]).toEqual({
      keyword_match: [{ var: '$' }, ['施工', '工地', '打桩', '渣土车'], 'any'],
    });

    // Test-run through the draft: the new row decides, and the trace says why.
    await panel.getByTestId('route-test-category').selectOption({ label: '噪音扰民' });
    await panel
      .locator('label', { hasText: '所属街道' })
      .locator('select')
      .selectOption({ label: '新华街道办事处' });
    await panel.getByTestId('route-test-text').fill('小区广场舞音响太吵');
    await panel.getByTestId('route-test-run').click();
    await expect.poll(async () => panel.getByTestId('route-test-lead').textContent()).toBe('新华街道办事处');
    const why = (await panel.getByTestId('route-test-matched').textContent()) ?? '';
    expect(why).toContain('命中第 1 行');
    expect(why).toContain('新华街道广场舞噪音：街道主办');
    expect(why).toContain('包含任一关键词：广场舞、音响');
    expect(why).toContain('示例值：新华街道办事处');
    expect(why).not.toContain('street-xinhua');
    expect(await panel.getByTestId('route-test-decision').textContent()).toContain('城市管理局');
    expect(await grid.locator('tbody tr').first().getAttribute('class')).toContain('grid__row--matched');

    // Another street: the new row is a near miss on the street; the old construction row does not apply.
    await panel
      .locator('label', { hasText: '所属街道' })
      .locator('select')
      .selectOption({ label: '滨河街道办事处' });
    await panel.getByTestId('route-test-run').click();
    await expect
      .poll(async () => panel.getByTestId('route-test-lead').textContent())
      .not.toBe('新华街道办事处');
    await panel.getByTestId('route-test-misses').locator('summary').click();
    const misses = (await panel.getByTestId('route-test-misses').textContent()) ?? '';
    expect(misses).toContain('第 1 行');
    expect(misses).toContain('示例值：滨河街道办事处');
    expect(misses).toContain('不满足');

    // The row editor of the new row is still open beside the test-run's result.
    await editor.waitFor();
    const findings = await seriousViolations(page);
    expect(describeFindings('#/case-config', findings)).toEqual([]);
    // The documentation shot: the grid with the new row, its editor and the test-run's trace.
    await page.setViewportSize({ width: 1440, height: 2200 });
    await page.getByTestId('routing-grid').evaluate((el) => {
      el.parentElement!.scrollTop = 0;
    });
    await page.getByTestId('table-analysis').scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(docsShots, 'routing-editor.png') });
    await screenshot(page, 'routing-editor');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Workflow and SLA as forms: a state's label and a deadline edited without JSON, then saved.
    await page.getByRole('tab', { name: '流程与时限' }).click();
    await page.getByTestId('workflow-forms').waitFor();
    const stateEn = page.getByLabel('待派单 显示名（英文）');
    expect(await stateEn.inputValue()).toBe('Awaiting dispatch');
    await stateEn.fill('Waiting for dispatch');
    await stateEn.press('Tab');
    const sla = page.getByTestId('sla-form-sla-standard');
    const handleNormal = sla.getByLabel('办理时限数值（一般）');
    expect(await handleNormal.inputValue()).toBe('5');
    await handleNormal.fill('4');
    await handleNormal.press('Tab');
    expect(await sla.getByLabel('办理时限单位（一般）').locator('option:checked').textContent()).toBe(
      '工作日',
    );
    expect(await page.getByTestId('workflow-transitions').textContent()).toContain('须填写：');
    await page.getByRole('button', { name: '保存到草稿' }).click();
    await page
      .getByTestId('toast')
      .getByText(/已保存（修订 \d+）/)
      .waitFor();
    const afterForms = await apiFromPage(page, {
      method: 'GET',
      url: `/api/rule-sets/${ruleSetId}/versions/${versionNumber}`,
    });
    const docs = afterForms.body.content.documents as Record<string, any>[];
    const workflow = docs.find((d) => d.kind === 'workflow')!;
    expect(workflow.states.find((st: { name: string }) => st.name === 'pendingDispatch').label).toEqual({
      en: 'Waiting for dispatch',
      zh: '待派单',
    });
    const standard = docs.find((d) => d.kind === 'slaPolicy' && d.id === 'sla-standard')!;
    expect(standard.limits.find((l: { priority: string }) => l.priority === 'normal').handle).toEqual({
      amount: 4,
      unit: 'workingDays',
    });
    await page.context().close();
  }, 420_000);
});
