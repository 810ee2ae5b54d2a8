/** @module Browser journey: the generated demo form — required errors, every control, rules, table rows, submit JSON. */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorOf, screenshot, useJourney } from './browser.ts';

describe('the form playground renders and submits the demo ledger form', () => {
  const journey = useJourney();
  let page: Page;

  beforeAll(async () => {
    page = await journey.signIn('admin');
    await page.getByRole('navigation').getByRole('link', { name: '表单预览', exact: true }).click();
    await page.getByTestId('playground-form').waitFor();
  }, 240_000);

  const tab = (name: string) => page.getByRole('tab', { name, exact: true });
  const field = (label: string) => page.getByLabel(label, { exact: false });
  const row = (index: number) => page.locator(`tr[data-row="${index}"]`);
  /** Types `bad` into the field labelled `label` (and leaves it when `blur`), expects the error `message` at it, then types `good` and expects the error gone. */
  const errorThenFixed = async (label: string, bad: string, message: string, good: string, blur: boolean) => {
    await field(label).fill(bad);
    if (blur) await field(label).blur();
    expect(await errorOf(field(label)), label).toBe(message);
    await field(label).fill(good);
    expect(await errorOf(field(label)), label).toBe('');
  };

  it('shows Chinese required errors on every required field after an empty submit and focuses the first', async () => {
    // Nothing is flagged before the user touched anything.
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.getByTestId('form-invalid').waitFor();

    expect(await errorOf(field('填报单位'))).toBe('此项为必填项');
    expect(await errorOf(field('统计截止日期'))).toBe('此项为必填项');
    expect(await errorOf(field('联系电话'))).toBe('此项为必填项');
    expect(await errorOf(field('重点工作类别'))).toBe('此项为必填项');
    expect(await errorOf(field('工作进度'))).toBe('此项为必填项');
    expect(await errorOf(field('本月受理办件数'))).toBe('此项为必填项');
    expect(await errorOf(field('填报时间'))).toBe('');
    expect(await field('填报单位').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    expect(await field('填报单位').evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'form-required-errors');

    await tab('重点事项').click();
    expect(await errorOf(field('姓名'))).toBe('此项为必填项');
    await tab('督查与小结').click();
    expect(await page.locator('.jf-array .jf-error').textContent()).toBe('至少需要 1 条记录');
  });

  it('accepts every control type, applies the rules and edits table rows', async () => {
    await tab('基本信息').click();
    await field('填报单位').fill('区教育局');
    await field('统计截止日期').fill('2025-03-31');
    await field('填报人').fill('王晓');
    await errorThenFixed('联系电话', '12345', '请输入以 1 开头的 11 位手机号码', '13800138000', true);
    await field('填报时间').fill('2025-04-02T09:30');
    await field('重点工作类别').selectOption({ label: '社会治理' });
    await field('工作进度').selectOption({ label: '进度滞后（黄灯）' });
    await field('本月受理办件数').fill('120');
    await field('本月办结数').fill('118');

    // A maximum error, then fixed.
    await errorThenFixed('群众满意率', '150', '不能大于 100', '96.5', true);
    // A minimum error, then fixed.
    await errorThenFixed('本月办结数', '-1', '不能小于 0', '118', false);

    await tab('重点事项').click();
    // SHOW rule: the explanation appears only when a major event is ticked.
    expect(await field('重大事项说明').count()).toBe(0);
    await field('本月发生重大事项').check();
    await field('重大事项说明').waitFor();
    await field('重大事项说明').fill('辖区学校食堂专项检查发现问题并已通报。');

    // ENABLE rule: bonus fields are disabled until a bonus is claimed.
    expect(await field('申报加分（分）').isDisabled()).toBe(true);
    expect(await field('加分依据').isDisabled()).toBe(true);
    await field('申报加分事项').check();
    expect(await field('申报加分（分）').isEnabled()).toBe(true);
    await field('申报加分（分）').fill('2.5');
    await field('加分依据').fill('获市级表彰');

    // Nested object.
    await field('姓名').fill('陈立');
    await field('职务').selectOption({ label: '副局长' });
    await field('办公电话').fill('010-88886666');

    await tab('督查与小结').click();
    const addRow = page.getByRole('button', { name: '新增一行' });
    await addRow.click();
    await addRow.click();
    await addRow.click();
    expect(await page.locator('tbody tr[data-row]').count()).toBe(3);
    await row(0).getByLabel('检查日期').fill('2025-03-10');
    await row(0).getByLabel('检查地点').fill('第一中学');
    await row(0).getByLabel('发现问题数').fill('2');
    await row(0).getByLabel('已整改').check();
    await row(1).getByLabel('检查地点').fill('临时记录');
    await row(2).getByLabel('检查日期').fill('2025-03-20');
    await row(2).getByLabel('检查地点').fill('实验小学');
    await row(2).getByLabel('发现问题数').fill('0');

    await page.getByRole('button', { name: '删除第 2 行' }).click();
    expect(await page.locator('tbody tr[data-row]').count()).toBe(2);
    expect(await row(1).getByLabel('检查地点').inputValue()).toBe('实验小学');
    await page.getByRole('button', { name: '第 2 行上移' }).click();
    expect(await row(0).getByLabel('检查地点').inputValue()).toBe('实验小学');
    expect(await row(0).getByLabel('检查日期').inputValue()).toBe('2025-03-20');
    expect(await row(1).getByLabel('已整改').isChecked()).toBe(true);

    await field('本月工作小结').fill('完成季度督查两次。\n整改率 100%。');
    await screenshot(page, 'form-filled');
  });

  it('submits valid data and shows exactly what was typed, with the right types', async () => {
    await page.getByRole('button', { name: '提交', exact: true }).click();
    const output = page.getByTestId('submitted-json');
    await output.waitFor();
    expect(await page.getByTestId('form-invalid').count()).toBe(0);
    const submitted = JSON.parse((await output.textContent()) ?? 'null');
    expect(submitted).toEqual({
      unitName: '区教育局',
      periodEnd: '2025-03-31',
      reporter: '王晓',
      reporterPhone: '13800138000',
      reportedAt: '2025-04-02T09:30:00+08:00',
      workCategory: '社会治理',
      progress: 'yellow',
      casesReceived: 120,
      casesClosed: 118,
      satisfactionRate: 96.5,
      hasMajorEvent: true,
      majorEventNote: '辖区学校食堂专项检查发现问题并已通报。',
      claimsBonus: true,
      bonusPoints: 2.5,
      bonusBasis: '获市级表彰',
      leader: { name: '陈立', position: '副局长', phone: '010-88886666' },
      inspections: [
        { date: '2025-03-20', place: '实验小学', issuesFound: 0 },
        { date: '2025-03-10', place: '第一中学', issuesFound: 2, rectified: true },
      ],
      summary: '完成季度督查两次。\n整改率 100%。',
    });
    expect(Number.isInteger(submitted.casesReceived)).toBe(true);
    expect(typeof submitted.satisfactionRate).toBe('number');
    expect(typeof submitted.hasMajorEvent).toBe('boolean');
    expect(typeof submitted.inspections[0].issuesFound).toBe('number');
    await output.scrollIntoViewIfNeeded();
    await screenshot(page, 'form-submitted');
  });

  it('relabels the form and its errors in English', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByRole('tab', { name: 'Basic information' }).click();
    await page.getByLabel('Reporting unit').fill('');
    await page.getByLabel('Reporting unit').blur();
    expect(await errorOf(page.getByLabel('Reporting unit'))).toBe('This field is required');
    // Editing after a submit retires the submitted JSON.
    expect(await page.getByTestId('submitted-json').count()).toBe(0);
    expect(await page.getByLabel('Key work category').locator('option:checked').textContent()).toBe(
      'Social governance',
    );
    await screenshot(page, 'form-english');
    await page.getByTestId('language-switch').click();
  });
});
