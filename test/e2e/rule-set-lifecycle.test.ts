/** @module Browser journey: draft → edit with live validation → submit → four-eyes refusal → second admin approves and publishes → auditor sees the diff and a verified audit chain; plus a two-tab save conflict. */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiFromPage, logout, newContext, screenshot, serverNow, useJourney } from './browser.ts';

const ruleSetId = 'district-2026';
const renamedSuffix = '（调整）';

/** The first indicator of a version with a plain numeric weight: the journey renames it and breaks its weight. */
const pickIndicator = async (page: Page, n: number): Promise<{ key: string; zh: string }> => {
  const version = await apiFromPage(page, {
    method: 'GET',
    url: `/api/rule-sets/${ruleSetId}/versions/${n}`,
  });
  const doc = (
    version.body.content.documents as { kind: string; id: string; weight?: unknown; name: { zh: string } }[]
  ).find((d) => d.kind === 'indicator' && typeof d.weight === 'number');
  if (!doc) throw new Error('the demo rule set has no indicator with a numeric weight');
  return { key: `indicator/${doc.id}`, zh: doc.name.zh };
};

/** Replaces the editor's JSON with `edit(parsed current JSON)`, pretty-printed like the editor does. */
const editJson = async (page: Page, edit: (doc: Record<string, unknown>) => void): Promise<void> => {
  const editor = page.getByTestId('json-editor');
  const doc = JSON.parse(await editor.inputValue()) as Record<string, unknown>;
  edit(doc);
  await editor.fill(`${JSON.stringify(doc, null, 2)}\n`);
};

/** Opens the rule-set page from the main navigation; resolves the demo rule set's panel once it shows. */
const openRuleSets = async (page: Page): Promise<Locator> => {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '规则集' }).click();
  const panel = page.getByTestId(`rule-set-${ruleSetId}`);
  await panel.waitFor();
  return panel;
};

describe('rule-set lifecycle in the studio', () => {
  const journey = useJourney();
  let draftNumber = 0;
  /** Signs `username` in on `page` and opens the demo rule set's panel. */
  const openRuleSetsAs = async (page: Page, username: string): Promise<Locator> => {
    await journey.loginAs(page, username);
    return openRuleSets(page);
  };

  it('takes a change from a new draft through review by a second admin to publication, and the auditor can trace it', async () => {
    // — admin: new draft from the published demo rule set
    const page = await journey.signIn('admin', { defaultTimeoutMs: 15_000 });
    const panel = await openRuleSets(page);
    const published = panel
      .locator('tr[data-status="published"]')
      .filter({ has: page.getByTestId('in-force') });
    await expect(published.count()).resolves.toBe(1);
    expect(await published.getByTestId('status-badge').textContent()).toBe('已发布');
    expect(await published.locator('td').nth(3).textContent()).toMatch(/^[0-9a-f]{8}$/);
    // The timeline shows the demo year in force on the journey's clock, with what it carries.
    const onTimeline = page.getByTestId('timeline').getByTestId(`timeline-${ruleSetId}-1`);
    await expect.poll(() => onTimeline.getAttribute('data-when')).toBe('inForce');
    expect(await onTimeline.textContent()).toContain('生效中');
    expect(await onTimeline.textContent()).toContain('考核、办件');
    await screenshot(page, 'rule-sets-list-admin');

    await published.getByRole('button', { name: '新建草稿' }).click();
    await page.waitForURL(/#\/rule-sets\/district-2026\/\d+$/);
    draftNumber = Number(page.url().split('/').pop());
    expect(draftNumber).toBeGreaterThan(1);
    const { key: indicatorKey, zh: oldName } = await pickIndicator(page, draftNumber);
    const newName = `${oldName}${renamedSuffix}`;
    await page.getByTestId('json-editor').waitFor();
    expect(await page.getByTestId('status-badge').textContent()).toBe('草稿');
    expect(Number(await page.getByTestId('count-indicator').textContent())).toBeGreaterThan(0);

    // — a bad edit shows an inline issue with its JSON path; fixing it clears it
    await page.getByLabel('按编号或名称筛选文档').fill(indicatorKey.split('/')[1]!);
    await expect(page.locator('[data-doc^="unit/"]').count()).resolves.toBe(0);
    await page.locator(`[data-doc="${indicatorKey}"]`).click();
    await expect(page.getByTestId('selected-document').textContent()).resolves.toBe(indicatorKey);
    const originalWeight = JSON.parse(await page.getByTestId('json-editor').inputValue()).weight as number;
    await editJson(page, (doc) => {
      doc.weight = 1.5;
    });
    const issues = page.getByTestId('document-issues');
    await issues.getByText('/weight').first().waitFor();
    expect(await page.getByTestId('json-editor').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.code__line--issue').count()).toBeGreaterThan(0);
    // Clicking the issue's path selects the offending line in the editor.
    await issues.getByRole('button', { name: '/weight' }).first().click();
    const selectedText = await page
      .getByTestId('json-editor')
      .evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
    expect(selectedText).toContain('"weight": 1.5');
    await screenshot(page, 'rule-set-editor-invalid');

    await editJson(page, (doc) => {
      doc.weight = originalWeight;
      (doc.name as { zh: string }).zh = newName;
    });
    await page.getByTestId('document-issues-ok').waitFor();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByTestId('editor-message').getByText('已保存').waitFor();
    await screenshot(page, 'rule-set-editor-saved');

    // — submit, then the author's own approval is refused with the server's four-eyes message
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.waitForURL(new RegExp(`#/rule-sets/district-2026/${draftNumber}/review$`));
    await page.getByTestId('diff').waitFor();
    expect(await page.getByTestId('status-badge').textContent()).toBe('审核中');
    await page.getByRole('button', { name: '批准' }).click();
    const refusal = page.getByTestId('review-message');
    await refusal.waitFor();
    expect(await refusal.getAttribute('role')).toBe('alert');
    const direct = await apiFromPage(page, {
      method: 'POST',
      url: `/api/rule-sets/${ruleSetId}/versions/${draftNumber}/approve`,
      body: {},
    });
    expect(direct.status).toBe(403);
    expect(direct.body.error.code).toBe('ruleset.four_eyes');
    expect((await refusal.textContent())?.trim()).toBe(direct.body.error.message);
    expect(await page.getByTestId('status-badge').textContent()).toBe('审核中');
    await screenshot(page, 'rule-set-four-eyes');
    await logout(page);

    // — admin2: review the semantic diff, approve, publish
    const inReview = (await openRuleSetsAs(page, 'admin2')).locator(
      `tr[data-testid="version-${draftNumber}"]`,
    );
    expect(await inReview.getAttribute('data-status')).toBe('inReview');
    await inReview.getByRole('link', { name: '审核' }).click();
    const change = page.locator(`[data-doc="${indicatorKey}"] tr[data-change="renamed"]`);
    await change.waitFor();
    expect(await change.textContent()).toContain(newName);
    expect(await change.textContent()).toContain(`“${oldName}”`);
    expect(await page.getByTestId('baseline').textContent()).toContain('现行版本');
    await screenshot(page, 'rule-set-review-diff');
    await page.getByLabel('审核意见').fill('名称调整，同意。');
    await page.getByRole('button', { name: '批准' }).click();
    await page.getByTestId('review-message').getByText('已批准').waitFor();
    expect(await page.getByTestId('status-badge').first().textContent()).toBe('已批准');
    await page.getByTestId('decision').getByRole('button', { name: '发布' }).click();
    await page.getByTestId('review-message').getByText('已发布').waitFor();
    expect(await page.getByTestId('status-badge').first().textContent()).toBe('已发布');
    await screenshot(page, 'rule-set-published');
    await logout(page);

    // — auditor: sees the new published version, its diff, and the audit trail; the chain verifies
    const newest = (await openRuleSetsAs(page, 'auditor')).locator(
      `tr[data-testid="version-${draftNumber}"]`,
    );
    expect(await newest.getAttribute('data-status')).toBe('published');
    expect(await newest.getByTestId('in-force').count()).toBe(1);
    expect(await newest.getByRole('button').count()).toBe(0);
    expect(await newest.textContent()).toContain('admin2');
    await screenshot(page, 'rule-sets-list-auditor');
    await newest.getByRole('link', { name: '查看差异' }).click();
    await page.locator(`[data-doc="${indicatorKey}"] tr[data-change="renamed"]`).waitFor();
    expect(await page.getByTestId('decision').count()).toBe(0);
    expect(await page.getByTestId('baseline').textContent()).toContain('来源版本');

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '审计' }).click();
    const table = page.getByTestId('audit-table');
    await table.waitFor();
    const target = `ruleSet:${ruleSetId}@${draftNumber}`;
    const actionsOf = async () =>
      table
        .locator('tbody tr')
        .evaluateAll(
          (rows, t) =>
            rows
              .filter((row) => row.textContent?.includes(t))
              .map((row) => `${row.children[2]?.textContent}:${row.getAttribute('data-action')}`),
          target,
        );
    const trail = await actionsOf();
    for (const expected of [
      'admin:ruleSet.draft.create',
      'admin:ruleSet.document.put',
      'admin:ruleSet.submit',
      'admin2:ruleSet.approve',
      'admin2:ruleSet.publish',
    ]) {
      expect(trail).toContain(expected);
    }
    await screenshot(page, 'audit-log');

    await page.getByLabel('操作人').fill('admin2');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="audit-table"] tbody tr')].every(
        (row) => row.children[2]?.textContent === 'admin2',
      ),
    );
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);

    // Date range: the day of the newest record keeps it; a later day finds nothing.
    const day = ((await table.locator('tbody tr').first().locator('td').nth(1).textContent()) ?? '').slice(
      0,
      10,
    );
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.getByLabel('开始日期').fill(day);
    await page.getByLabel('结束日期').fill(day);
    await page.getByRole('button', { name: '查询' }).click();
    await page
      .getByTestId('audit-total')
      .getByText(/^共 [1-9]\d* 条/)
      .waitFor();
    const nextYear = `${Number(day.slice(0, 4)) + 1}${day.slice(4)}`;
    await page.getByLabel('开始日期').fill(nextYear);
    await page.getByLabel('结束日期').fill(nextYear);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('没有符合条件的记录').waitFor();
    await page.getByRole('button', { name: '清除' }).click();
    await table.locator('tbody tr').first().waitFor();

    await page.getByRole('button', { name: '校验哈希链' }).click();
    const result = page.getByTestId('verify-result');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('true');
    expect(await result.textContent()).toContain('哈希链完整');
    await screenshot(page, 'audit-verified');
    await page.context().close();
  }, 120_000);

  it('refuses the second of two concurrent saves of the same draft with a conflict message, never overwrites, and edits on after a reload', async () => {
    const context = await newContext(journey.browser, { now: await serverNow(journey.server.url) });
    const first = await context.newPage();
    context.setDefaultTimeout(15_000);
    const inForce = (await openRuleSetsAs(first, 'admin'))
      .locator('tr[data-status="published"]')
      .filter({ has: first.getByTestId('in-force') });
    await inForce.getByRole('button', { name: '新建草稿' }).click();
    await first.waitForURL(/#\/rule-sets\/district-2026\/\d+$/);
    const editorUrl = first.url();
    const { key: indicatorKey } = await pickIndicator(first, Number(editorUrl.split('/').pop()));
    const second = await context.newPage();
    await second.goto(editorUrl);

    for (const page of [first, second]) {
      await page.locator(`[data-doc="${indicatorKey}"]`).click();
      await expect(page.getByTestId('selected-document').textContent()).resolves.toBe(indicatorKey);
    }
    await editJson(first, (doc) => {
      (doc.name as { en: string }).en = 'Safety (tab one)';
    });
    await editJson(second, (doc) => {
      (doc.name as { en: string }).en = 'Safety (tab two)';
    });
    await first.getByRole('button', { name: '保存', exact: true }).click();
    await first.getByTestId('editor-message').getByText('已保存').waitFor();

    await second.getByRole('button', { name: '保存', exact: true }).click();
    const conflict = second.getByTestId('conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('保存冲突');
    // The losing edit stays in the editor until the user chooses to reload.
    expect(await second.getByTestId('json-editor').inputValue()).toContain('Safety (tab two)');
    await screenshot(second, 'rule-set-conflict');

    const n = Number(editorUrl.split('/').pop());
    const stored = await apiFromPage(second, {
      method: 'GET',
      url: `/api/rule-sets/${ruleSetId}/versions/${n}`,
    });
    const doc = stored.body.content.documents.find(
      (d: { kind: string; id: string }) => `${d.kind}/${d.id}` === indicatorKey,
    );
    expect(doc.name.en).toBe('Safety (tab one)');

    await conflict.getByRole('button').click();
    await conflict.waitFor({ state: 'detached' });
    await second.locator(`[data-doc="${indicatorKey}"]`).click();
    expect(await second.getByTestId('json-editor').inputValue()).toContain('Safety (tab one)');

    // After reloading, the same tab can add a document, save it and delete it again.
    const unitCount = Number(await second.getByTestId('count-unit').textContent());
    await second.getByLabel('文档类型').selectOption('unit');
    await second.getByLabel('文档编号，如 ind-new').fill('unit.e2e-temp');
    await second.getByRole('button', { name: '添加', exact: true }).click();
    await expect(second.getByTestId('selected-document').textContent()).resolves.toBe('unit/unit.e2e-temp');
    await editJson(second, (doc) => {
      doc.name = { zh: '临时单位', en: 'Temporary unit' };
    });
    await second.getByRole('button', { name: '保存', exact: true }).click();
    await second.getByTestId('editor-message').getByText('已保存').waitFor();
    expect(Number(await second.getByTestId('count-unit').textContent())).toBe(unitCount + 1);
    await second.getByRole('button', { name: '删除文档' }).click();
    await second.getByRole('button', { name: '确认删除' }).click();
    await second.getByTestId('editor-message').getByText('已删除文档').waitFor();
    expect(Number(await second.getByTestId('count-unit').textContent())).toBe(unitCount);
    expect(await second.locator('[data-doc="unit/unit.e2e-temp"]').count()).toBe(0);
    await context.close();
  }, 90_000);
});
