/**
 * @module Browser journey (issue 14.3): an office user, with the studio only, sees the published
 * indicator tree, form and scoring rules read-only before any draft, creates a draft from there, builds
 * a new indicator, its form and its scoring rule without typing JSON, and test-runs the rule on the form
 * filled with sample values (a real score, with the operators named in Chinese). Axe finds nothing
 * serious or critical on the three pages, read-only and editable.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeFindings, seriousViolations } from './axe.ts';
import { apiFromPage, navLink, screenshot, useJourney } from './browser.ts';
import { addNumberField, fillAndLeave, selectNode } from './performance-page.ts';

const axeOf = async (page: Page, label: string): Promise<string[]> =>
  describeFindings(label, await seriousViolations(page));

/** The text of the chosen option of each select matching `testId` inside `scope`. */
const chosen = (page: Page, testId: string): Promise<string[]> =>
  page
    .getByTestId(testId)
    .evaluateAll((selects) =>
      selects.map((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent?.trim() ?? ''),
    );

describe('an office user builds next year’s indicator in the studio', () => {
  const journey = useJourney();

  it('shows the published version read-only without a draft, then builds an indicator, its form and its rule', async () => {
    const page = await journey.signIn('admin', { defaultTimeoutMs: 30_000 });
    const findings: string[] = [];

    // Published version, read-only, before any draft: the tree, the forms and the rules are visible.
    await navLink(page, '指标体系').click();
    const readOnly = page.getByTestId('draft-readonly');
    await expect.poll(() => readOnly.getAttribute('data-status')).toBe('published');
    expect(await readOnly.textContent()).toContain('只能查看');
    await page.getByTestId('tree-row-ind-econ').waitFor();
    expect(await page.getByTestId('tree-save').isDisabled()).toBe(true);
    findings.push(...(await axeOf(page, 'indicator tree (published)')));
    await screenshot(page, 'office-tree-published');

    await navLink(page, '表单设计').click();
    await expect.poll(() => page.getByTestId('draft-readonly').isVisible()).toBe(true);
    await page.getByTestId('field-0').waitFor();
    // A field is listed, so the properties panel asks to pick one (not "no fields yet").
    const hint = page.getByTestId('field-properties-hint');
    expect(await hint.textContent()).toContain('选择一个字段');
    expect(await hint.textContent()).not.toContain('还没有字段');
    await page.getByTestId('field-0').click();
    expect(await page.getByTestId('prop-title-zh').isDisabled()).toBe(true);
    expect(await page.getByTestId('palette-number').isDisabled()).toBe(true);
    findings.push(...(await axeOf(page, 'form designer (published)')));

    await navLink(page, '计分规则').click();
    await expect.poll(() => page.getByTestId('draft-readonly').isVisible()).toBe(true);
    await page.getByTestId('rule-target').selectOption('indicator/ind-econ-1-1');
    // round_to(completion_ratio(...), 1, "half_even"): Chinese names, the mode as a named choice.
    await expect.poll(async () => (await chosen(page, 'rule-operator'))[0]).toBe('保留小数');
    const operators = await chosen(page, 'rule-operator');
    expect(operators).toContain('完成率得分');
    expect(operators.join(' ')).not.toMatch(/round_to|completion_ratio/);
    expect(await chosen(page, 'rule-choice')).toEqual(['银行家舍入（逢五取偶）']);
    expect(await chosen(page, 'rule-var')).toContain('累计完成投资（万元）');
    expect(await page.getByTestId('rule-operator-help').first().textContent()).toContain('保留 N 位小数');
    // The test input is the indicator's form, prefilled; the sample gives a real score.
    const testForm = page.getByTestId('rule-test-form');
    const done = Number(await testForm.getByLabel('累计完成投资（万元）').inputValue());
    expect(done).toBeGreaterThan(0);
    await page.getByTestId('rule-run').click();
    const publishedScore = Number(await page.getByTestId('rule-result').textContent());
    expect(publishedScore).toBeGreaterThan(0);
    expect(await page.getByTestId('rule-trace').textContent()).toContain('完成率得分');
    expect(await page.getByTestId('rule-save').isDisabled()).toBe(true);
    findings.push(...(await axeOf(page, 'rule builder (published)')));
    await screenshot(page, 'office-rule-builder-published');

    // Create a draft from the read-only notice.
    await page.getByTestId('draft-create-to-edit').click();
    await expect.poll(() => page.getByTestId('draft-message').textContent()).toMatch(/已新建草稿 v\d+/);
    await expect.poll(() => page.getByTestId('toast').first().textContent()).toMatch(/已新建草稿 v\d+/);
    expect(await page.getByTestId('draft-readonly').count()).toBe(0);
    const draft = Number(await page.getByTestId('draft-select').inputValue());
    expect(draft).toBeGreaterThan(1);

    // The form: two number fields from the palette.
    await navLink(page, '表单设计').click();
    await page.getByRole('button', { name: '新建表单' }).click();
    await fillAndLeave(page, 'form-name', '民生项目进度填报表');
    expect(await page.getByTestId('field-properties-hint').textContent()).toContain('还没有字段');
    await addNumberField(page, '本年完成投资', { required: true, min: '0' });
    await addNumberField(page, '上年同期投资');
    await expect.poll(() => page.getByTestId('form-preview').getByLabel('上年同期投资').count()).toBe(1);
    findings.push(...(await axeOf(page, 'form designer (draft)')));
    await page.getByTestId('form-save').click();
    await expect.poll(() => page.getByTestId('draft-message').textContent()).toContain('已保存');

    // The indicator: a new leaf under A.1 reading that form, with one owner and a target.
    await navLink(page, '指标体系').click();
    await page.getByRole('button', { name: 'ind-econ-1', exact: true }).click();
    await selectNode(page, 'ind-econ-1', /A\.1/);
    await page.getByRole('button', { name: '添加下级指标' }).click();
    const details = page.getByTestId('indicator-details');
    await fillAndLeave(details, 'indicator-name-zh', '民生项目投资完成率');
    const leaf = page.getByTestId('leaf-fields');
    await leaf.getByTestId('indicator-datasource').selectOption('form');
    await leaf.getByTestId('indicator-form').selectOption({ label: '民生项目进度填报表' });
    await leaf.locator('[data-testid^="owner-"]').first().check();
    await fillAndLeave(leaf, 'indicator-target', '200');
    findings.push(...(await axeOf(page, 'indicator tree (draft)')));
    await page.getByTestId('tree-save').click();
    await expect.poll(() => page.getByTestId('draft-message').textContent()).toContain('已保存');
    const treeDoc = async () => {
      const saved = await apiFromPage(page, {
        method: 'GET',
        url: `/api/rule-sets/district-2026/versions/${draft}`,
      });
      return saved.body.content.documents as { id: string; kind: string; [key: string]: unknown }[];
    };
    const created = (await treeDoc()).find(
      (d) => d.kind === 'indicator' && (d.name as { zh: string }).zh === '民生项目投资完成率',
    );
    expect(created).toMatchObject({ level: 'unit', dataSource: 'form', parentId: 'ind-econ-1' });
    const form = (await treeDoc()).find((d) => d.id === created!.formId);
    expect(form?.name).toMatchObject({ zh: '民生项目进度填报表' });

    // The rule: a first rule from the form's first number, edited with blocks only, test-run, saved.
    await navLink(page, '计分规则').click();
    await page.getByTestId('rule-target').selectOption(`indicator/${created!.id}`);
    await expect.poll(async () => (await chosen(page, 'rule-operator'))[0]).toBe('保留小数');
    expect(await chosen(page, 'rule-var')).toEqual(['本年完成投资', '目标值（target）']);
    await page.getByTestId('rule-choice').selectOption({ label: '银行家舍入（逢五取偶）' });
    expect(await chosen(page, 'rule-choice')).toEqual(['银行家舍入（逢五取偶）']);
    const sample = Number(await page.getByTestId('rule-test-form').getByLabel('本年完成投资').inputValue());
    expect(sample).toBeGreaterThan(0);
    expect(await page.getByTestId('rule-test-target').inputValue()).toBe('200');
    await page.getByTestId('rule-run').click();
    const score = Number(await page.getByTestId('rule-result').textContent());
    expect(score).toBeGreaterThan(0);
    expect(score).toBeCloseTo(Math.min(100, (100 * sample) / 200), 2);
    // Changing the form's value changes the score.
    await page.getByTestId('rule-test-form').getByLabel('本年完成投资').fill('50');
    await page.getByTestId('rule-run').click();
    await expect.poll(() => page.getByTestId('rule-result').textContent()).toBe('25');
    expect(await page.getByTestId('rule-issues-ok').isVisible()).toBe(true);
    findings.push(...(await axeOf(page, 'rule builder (draft)')));
    await screenshot(page, 'office-rule-builder-draft');
    await page.getByTestId('rule-save').click();
    await expect.poll(() => page.getByTestId('draft-message').textContent()).toContain('已保存');
    const ruled = (await treeDoc()).find((d) => d.id === created!.id);
    expect(ruled?.scoringRule).toEqual({
      round_to: [
        {
          completion_ratio: [
            { var: `entry.${Object.keys((form!.schema as { properties: object }).properties)[0]}` },
            { var: 'target' },
          ],
        },
        2,
        'half_even',
      ],
    });

    expect(findings).toEqual([]);
    await page.context().close();
  }, 300_000);
});
