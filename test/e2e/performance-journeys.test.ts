/** @module Browser journeys of performance management: a unit fills a month (with evidence) and amends a locked one, the office changes a draft and sees what-if deltas, the dashboard shows lights by month, ranks, red/black lists, comparisons and why a score is what it is. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiFromPage, logout, navLink, screenshot, useJourney } from './browser.ts';
import { addNumberField, fillAndLeave, runRuleSample, selectNode } from './performance-page.ts';

describe('performance management in the studio', () => {
  const journey = useJourney();

  it('lets a unit fill November, refuses a locked October, and shows the amended value once the office approves', async () => {
    const page = await journey.signIn('street_user', { defaultTimeoutMs: 20_000 });
    await navLink(page, '我的填报').click();
    // The monthly form opens on November (the month due next), with its deadline.
    const form = page.getByTestId('monthly-form');
    await expect.poll(() => form.getByTestId('due-status').getAttribute('data-status')).toBe('open');
    expect(await form.getByTestId('form-deadline').textContent()).toContain('2026-12-15');
    expect(await page.getByTestId('fill-panel').getAttribute('data-period')).toBe('2026-11');
    const card = page.getByTestId('indicator-ind-econ-1-1');

    // November (nothing submitted yet): an empty submit is refused, a negative value shows the field's limit at the field.
    const panel = page.getByTestId('fill-panel');
    const field = card.getByLabel('累计完成投资（万元）');
    await field.waitFor();
    const before = await field.inputValue();
    const november = await apiFromPage(page, {
      method: 'GET',
      url: '/api/performance/monthly-form?period=2026-11',
    });
    expect(november.body.counts.empty).toBe(november.body.counts.total);
    await panel.getByTestId('fill-submit').click();
    await expect.poll(() => panel.getByTestId('fill-error').textContent()).toBe('请至少填写一项指标。');
    await field.fill('-5');
    await panel.getByTestId('fill-submit').click();
    await expect.poll(() => panel.getByTestId('fill-invalid').textContent()).toContain('1 处需要修正');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'performance-unit-validation');
    await field.fill('1234.5');
    await panel.getByTestId('fill-submit').click();
    await expect.poll(() => page.getByTestId('fill-success').textContent()).toContain('已提交（2026-11）');
    await expect.poll(() => card.getByLabel('累计完成投资（万元）').inputValue()).toBe('1234.5');
    expect(before).not.toBe('1234.5');
    await expect.poll(() => card.getByTestId('indicator-state').getAttribute('data-state')).toBe('filled');
    const entries = await apiFromPage(page, {
      method: 'GET',
      url: '/api/performance/entries?indicatorId=ind-econ-1-1&period=2026-11',
    });
    expect(entries.body.items[0].values).toEqual({ done: 1234.5 });

    // October is locked: the studio says so, and the server refuses a direct write.
    await page.getByTestId('due-month').fill('2026-10');
    await expect.poll(() => form.getByTestId('due-status').getAttribute('data-status')).toBe('locked');
    const refused = await apiFromPage(page, {
      method: 'POST',
      url: '/api/performance/entries',
      body: { indicatorId: 'ind-econ-1-1', period: '2026-10', values: { done: 1 } },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ledger.locked');
    await expect
      .poll(() => form.getByTestId('form-locked').textContent())
      .toContain('2026-10 已过填报截止日期');
    // The locked value is a labelled field, and the amendment is requested from the same screen.
    await expect
      .poll(() => card.getByTestId('entry-values').locator('[data-field="done"] dt').textContent())
      .toBe('累计完成投资（万元）');
    await card.getByTestId('amend-open').click();
    const amend = card.getByTestId('amend-panel');
    await amend.getByLabel('累计完成投资（万元）').fill('4321');
    await amend.getByTestId('amend-submit').click();
    await expect
      .poll(() => amend.getByTestId('amend-error').first().textContent())
      .toContain('请填写更正理由');
    await amend.getByTestId('amend-reason').fill('统计口径调整，10月数据录入有误');
    await amend.getByTestId('amend-submit').click();
    await expect.poll(() => page.getByTestId('fill-success').textContent()).toContain('更正申请已提交');
    const mine = page.getByTestId('my-amendments');
    await expect
      .poll(() => mine.getByTestId('amendment-status').first().getAttribute('data-status'))
      .toBe('pending');
    await expect.poll(() => card.getByTestId('indicator-pending').count()).toBe(1);
    await screenshot(page, 'performance-unit-amendment-requested');
    await logout(page);

    // The office approves.
    await journey.loginAs(page, 'admin');
    await navLink(page, '更正审批').click();
    const list = page.getByTestId('amendment-list');
    await expect.poll(() => list.textContent()).toContain('统计口径调整');
    const diffRow = list
      .locator('tr', { hasText: '统计口径调整' })
      .getByTestId('amend-diff')
      .locator('[data-field="done"]');
    await expect.poll(() => diffRow.getByTestId('diff-new').textContent()).toContain('4321');
    await expect.poll(() => diffRow.getByTestId('diff-old').textContent()).toMatch(/^\d/);
    expect(await diffRow.getAttribute('data-changed')).toBe('true');
    await screenshot(page, 'performance-amendment-review');
    await list.locator('tr', { hasText: '统计口径调整' }).getByTestId('amend-approve').click();
    await expect.poll(() => page.getByText('暂无待审批的更正申请').isVisible()).toBe(true);
    await logout(page);

    // The unit sees the amended value, the amendment approved, and both versions in the history.
    await journey.loginAs(page, 'street_user');
    await navLink(page, '我的填报').click();
    await page.getByTestId('due-month').fill('2026-10');
    await expect
      .poll(() => card.getByTestId('entry-values').locator('[data-field="done"] dd').textContent())
      .toBe('4321');
    await expect
      .poll(() => mine.getByTestId('amendment-status').first().getAttribute('data-status'))
      .toBe('approved');
    const history = page.getByTestId('entry-history');
    await expect
      .poll(() =>
        history
          .locator('[data-indicator="ind-econ-1-1"][data-period="2026-10"]')
          .evaluateAll((rows) =>
            rows.map((r) => `${r.getAttribute('data-kind')}:${r.getAttribute('data-status')}`),
          ),
      )
      .toEqual(expect.arrayContaining(['amendment:active', expect.stringMatching(/:superseded$/)]));
    await screenshot(page, 'performance-unit-amended');
    await page.context().close();
  }, 180_000);

  it('shows a unit why its score is what it is and keeps the fingerprint of an uploaded evidence file on the entry', async () => {
    const page = await journey.signIn('street_user', { defaultTimeoutMs: 20_000 });
    await navLink(page, '我的填报').click();
    await page.getByTestId('due-month').fill('2026-10');
    const scores = page.getByTestId('my-scores');
    await expect.poll(() => scores.textContent()).toContain('2026-10');
    await scores.getByTestId('score-ind-econ-1-1').click();
    const trace = scores.getByTestId('trace-panel');
    await expect.poll(() => trace.getByTestId('trace-ruleset').textContent()).toMatch(/^district-2026@\d+$/);
    await expect
      .poll(() => trace.getByTestId('trace-tree').getByTestId('trace-node').count())
      .toBeGreaterThan(1);
    expect(await trace.getByTestId('trace-weight').textContent()).toMatch(/\d/);
    const explained = await apiFromPage(page, {
      method: 'GET',
      url: '/api/performance/scores?period=2026-10&indicatorId=ind-econ-1-1&explain=true',
    });
    expect(await trace.getByTestId('trace-ruleset').textContent()).toBe(
      explained.body.scores[0].trace.ruleSet,
    );
    await screenshot(page, 'performance-unit-score-trace');
    await trace.getByTestId('trace-close').click();

    // Evidence for November: the upload shows the file's fingerprint (its sha256) and the entry keeps it.
    const content = Buffer.from(`现场照片说明 ${journey.server.url}\n`, 'utf8');
    const sha = createHash('sha256').update(content).digest('hex');
    await page.getByTestId('due-month').fill('2026-11');
    const form = page.getByTestId('monthly-form');
    await expect.poll(() => form.getByTestId('due-status').getAttribute('data-status')).toBe('open');
    const card = page.getByTestId('indicator-ind-econ-1-1');
    await card
      .getByTestId('attach-input')
      .setInputFiles({ name: 'evidence.txt', mimeType: 'text/plain', buffer: content });
    const shown = card.getByTestId('attach-sha').first();
    await expect.poll(() => shown.getAttribute('data-sha')).toBe(sha);
    expect(await shown.textContent()).toBe(`附件校验码 ${sha.slice(0, 8)} ${sha.slice(8, 16)}`);
    expect(await shown.getAttribute('title')).toBe(sha);
    await card.getByLabel('累计完成投资（万元）').fill('1500');
    await screenshot(page, 'performance-unit-attachment');
    await page.getByTestId('fill-submit').click();
    await expect.poll(() => page.getByTestId('fill-success').textContent()).toContain('已提交（2026-11）');
    const attached = page
      .getByTestId('entry-history')
      .locator('[data-indicator="ind-econ-1-1"][data-period="2026-11"][data-status="active"]')
      .getByTestId('history-attachment');
    await expect.poll(() => attached.getAttribute('data-sha')).toBe(sha);
    const bytes = await page.evaluate(
      async (url) => Array.from(new Uint8Array(await (await fetch(url)).arrayBuffer())),
      (await attached.getAttribute('href')) ?? '',
    );
    expect(Buffer.from(bytes).equals(content)).toBe(true);
    await page.context().close();
  }, 180_000);

  it('lets the office change a weight and a formula in a draft and see non-zero what-if deltas', async () => {
    const page = await journey.signIn('admin', { defaultTimeoutMs: 30_000 });
    await navLink(page, '指标体系').click();
    await page.getByTestId('draft-create').click();
    await expect.poll(() => page.getByTestId('draft-message').textContent()).toMatch(/已新建草稿 v\d+/);

    // Weights: A.1.1 0.2 → 0.3 breaks the sum, A.1.2 0.2 → 0.1 restores it.
    await page.getByRole('button', { name: 'ind-econ-1', exact: true }).click();
    const sum = page.getByTestId('tree-sum-ind-econ-1');
    await expect.poll(() => sum.textContent()).toContain('同级权重合计 1');
    await selectNode(page, 'ind-econ-1-1', /固定资产投资完成率/);
    await fillAndLeave(page, 'indicator-weight', '0.3');
    await expect.poll(() => sum.textContent()).toContain('≠ 1');
    await expect.poll(() => page.getByTestId('tree-weight-ind-econ-1-1').textContent()).toBe('0.3');
    await screenshot(page, 'performance-indicator-sum-warning');
    await selectNode(page, 'ind-econ-1-2', /规上工业增加值增速/);
    await fillAndLeave(page, 'indicator-weight', '0.1');
    await expect.poll(() => sum.textContent()).not.toContain('≠');

    // AHP helper on the city node "经济发展": an extreme judgement is named as inconsistent.
    await selectNode(page, 'ind-econ', /经济发展/);
    const ahp = page.getByTestId('ahp-helper');
    await expect
      .poll(() => ahp.getByTestId('ahp-consistency').getAttribute('class'))
      .toContain('alert--success');
    await ahp.getByTestId('ahp-cell-2-3').selectOption('9');
    await expect.poll(() => ahp.getByTestId('ahp-consistency').textContent()).toContain('最不一致的判断');
    expect(Number(await ahp.getByTestId('ahp-cr').textContent())).toBeGreaterThanOrEqual(0.1);
    await screenshot(page, 'performance-ahp-helper');
    await page.getByTestId('tree-save').click();
    await expect.poll(() => page.getByTestId('draft-message').textContent()).toContain('已保存');

    // Formula: A.1.3 scores half of its former rule, edited as raw JSON and test-run.
    await navLink(page, '计分规则').click();
    await page.getByTestId('rule-target').selectOption('indicator/ind-econ-1-3');
    await expect.poll(() => page.getByTestId('rule-blocks').locator('[data-op="yoy_score"]').count()).toBe(1);
    await page.getByTestId('rule-view-raw').click();
    const raw = page.getByTestId('rule-raw');
    const before = JSON.parse(await raw.inputValue());
    await raw.fill(JSON.stringify({ '*': [0.5, before] }, null, 2));
    await runRuleSample(page, { entry: { value: 108, lastYear: 100 }, target: 0 });
    await expect.poll(() => page.getByTestId('rule-trace').textContent()).toContain('yoy_score');
    await page.getByTestId('rule-view-blocks').click();
    await expect
      .poll(() => page.getByTestId('rule-blocks').locator('[data-kind="op"]').count())
      .toBeGreaterThan(1);
    await screenshot(page, 'performance-rule-builder');
    await page.getByTestId('rule-save').click();
    await expect.poll(() => page.getByTestId('draft-message').textContent()).toContain('已保存');

    // What-if of the draft against the published version.
    await navLink(page, '模拟测算').click();
    await page.getByTestId('whatif-run').click();
    await expect
      .poll(() => page.getByTestId('whatif-summary').textContent(), { timeout: 60_000 })
      .toMatch(/\d+ 个单位/);
    await page.getByTestId('whatif-period').selectOption('2026-10');
    const unitDeltas = await page
      .getByTestId('whatif-unit-row')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-delta'))));
    expect(unitDeltas.length).toBeGreaterThan(0);
    expect(unitDeltas.some((d) => d !== 0)).toBe(true);
    const changed = await page
      .getByTestId('whatif-indicator-row')
      .evaluateAll((rows) =>
        rows.map((r) => [r.getAttribute('data-indicator'), Number(r.getAttribute('data-delta'))]),
      );
    const ids = changed.filter(([, d]) => d !== 0).map(([id]) => id);
    expect(ids).toEqual(expect.arrayContaining(['ind-econ-1-1', 'ind-econ-1-3']));
    await screenshot(page, 'performance-what-if');

    // Form designer: a new form from the palette, previewed live and saved to the same draft.
    await navLink(page, '表单设计').click();
    await page.getByRole('button', { name: '新建表单' }).click();
    await addNumberField(page, '本月完成量', { required: true, min: '0' });
    await page.getByTestId('palette-choice').click();
    const preview = page.getByTestId('form-preview');
    await expect.poll(() => preview.getByLabel('本月完成量').count()).toBe(1);
    const schemaText = await page.getByTestId('form-schema-json').textContent();
    expect(JSON.parse(schemaText ?? '{}')).toMatchObject({
      properties: {
        number1: { type: 'number', title: '本月完成量', minimum: 0 },
        choice1: { type: 'string' },
      },
      required: ['number1'],
    });
    await screenshot(page, 'performance-form-designer');
    await page.getByTestId('form-save').click();
    await expect.poll(() => page.getByTestId('draft-message').textContent()).toContain('已保存');
    const draftNumber = Number((await page.getByTestId('draft-select').inputValue()) || 0);
    const saved = await apiFromPage(page, {
      method: 'GET',
      url: `/api/rule-sets/district-2026/versions/${draftNumber}`,
    });
    const form = saved.body.content.documents.find((d: { id: string }) => d.id === 'form-new-1');
    expect(form.schema.required).toEqual(['number1']);

    // Leaf properties: period, veto, evidence and one more owner of A.1.5; then delete A.2.3.
    await navLink(page, '指标体系').click();
    await page.getByRole('button', { name: 'ind-econ-1', exact: true }).click();
    await selectNode(page, 'ind-econ-1-5', /重点项目推进/);
    const leaf = page.getByTestId('leaf-fields');
    await leaf.getByTestId('indicator-period').selectOption('quarterly');
    await leaf.getByTestId('indicator-veto').check();
    await fillAndLeave(leaf, 'evidence-min', '2');
    await leaf.getByTestId('evidence-kind-video').check();
    const ownersBefore = (await leaf.getByTestId('owners-count').textContent()) ?? '';
    const newOwner = leaf.locator('[data-testid^="owner-"]:not(:checked)').first();
    const newOwnerId = ((await newOwner.getAttribute('data-testid')) ?? '').replace(/^owner-/, '');
    await newOwner.check();
    await expect.poll(() => leaf.getByTestId('owners-count').textContent()).not.toBe(ownersBefore);
    await screenshot(page, 'performance-indicator-leaf-fields');
    await page.getByTestId('tree-save').click();
    await expect.poll(() => page.getByTestId('draft-message').textContent()).toContain('已保存');
    await page.getByRole('button', { name: 'ind-econ-2', exact: true }).click();
    await selectNode(page, 'ind-econ-2-3', /产业项目签约/);
    await page.getByTestId('tree-delete').click();
    await expect
      .poll(() => page.getByRole('alertdialog').textContent())
      .toContain('确定删除指标“A.2.3 产业项目签约”');
    await screenshot(page, 'performance-indicator-delete-confirm');
    await page.getByTestId('tree-delete-confirm').click();
    await expect.poll(() => page.getByTestId('tree-row-ind-econ-2-3').count()).toBe(0);
    await expect.poll(() => page.getByTestId('draft-message').textContent()).toContain('已保存');
    const afterTree = await apiFromPage(page, {
      method: 'GET',
      url: `/api/rule-sets/district-2026/versions/${draftNumber}`,
    });
    const docsAfter: { id: string; [key: string]: unknown }[] = afterTree.body.content.documents;
    const edited = docsAfter.find((d) => d.id === 'ind-econ-1-5')!;
    expect(edited).toMatchObject({ period: 'quarterly', veto: true, evidence: { minCount: 2 } });
    expect((edited.evidence as { kinds: string[] }).kinds).toContain('video');
    expect(edited.owners).toContain(newOwnerId);
    expect(docsAfter.some((d) => d.id === 'ind-econ-2-3')).toBe(false);
    const parent = docsAfter.find((d) => d.id === 'ind-econ-2') as { ahp?: { criteria: string[] } };
    expect(parent.ahp?.criteria).toEqual(['ind-econ-2-1', 'ind-econ-2-2']);
    await page.context().close();
  }, 300_000);

  it('shows the supervisor lights that follow the month picker, ordered rankings, red and black lists, comparisons and a unit report that explains a score', async () => {
    const page = await journey.signIn('supervisor', { defaultTimeoutMs: 30_000 });
    await navLink(page, '考核看板').click();
    const matrix = page.getByTestId('lights-matrix');
    // The month comes first (the server's today and the rule set's deadline), then the month's lights.
    await expect.poll(() => matrix.locator('tbody tr').count(), { timeout: 30_000 }).toBeGreaterThan(5);
    const colours = await matrix
      .locator('td[data-colour]')
      .evaluateAll((cells) => [...new Set(cells.map((c) => c.getAttribute('data-colour')))]);
    expect(colours.length).toBeGreaterThan(1);
    const ranks = page.getByTestId('rankings').getByTestId('ranking-row');
    await expect.poll(() => ranks.count(), { timeout: 30_000 }).toBeGreaterThan(3);
    const numbers = await ranks.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-rank'))));
    expect(numbers[0]).toBe(1);
    expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
    await screenshot(page, 'performance-dashboard');
    await page.getByRole('button', { name: '切换到英文界面' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await expect.poll(() => page.getByTestId('rankings').textContent()).toContain('Rankings');
    await screenshot(page, 'performance-dashboard-en');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByRole('heading', { name: '考核看板' }).waitFor();
    await expect.poll(() => matrix.locator('table').getAttribute('data-view')).toBe('category');
    const categoryColumns = await matrix.locator('thead th').count();
    await page.getByTestId('lights-by-indicator').click();
    await expect.poll(() => matrix.locator('thead th').count()).toBeGreaterThan(categoryColumns);
    await screenshot(page, 'performance-dashboard-by-indicator');

    // The month picker drives the lights: March's lights are as of 31 March and differ from today's.
    const asOf = page.getByTestId('lights-asof');
    const todayAsOf = (await asOf.getAttribute('data-asof')) ?? '';
    expect(todayAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const countsOf = () =>
      page
        .locator('[data-testid^="lights-count-"]')
        .evaluateAll((cells) =>
          cells.map((c) => `${c.getAttribute('data-testid')}=${c.textContent}`).join(' '),
        );
    const todayCounts = await countsOf();
    await page.getByTestId('dash-month').fill('2026-03');
    await expect.poll(() => asOf.getAttribute('data-asof')).toBe('2026-03-31');
    await expect.poll(() => asOf.textContent()).toContain('警示灯截至 2026-03-31');
    await expect.poll(countsOf).not.toBe(todayCounts);
    await expect.poll(() => page.getByTestId('rankings').textContent()).toContain('2026-03');
    // The legend counts the lights of the peer group shown (its units' rows), not the whole district.
    const lights = await apiFromPage(page, { method: 'GET', url: '/api/performance/lights?asOf=2026-03-31' });
    const marchRanks = await apiFromPage(page, {
      method: 'GET',
      url: '/api/performance/rankings?period=2026-03',
    });
    const shownGroup = await page.getByTestId('dash-group').inputValue();
    const groupUnits = new Set(
      marchRanks.body.groups
        .find((g: { group: string }) => g.group === shownGroup)
        .rows.map((r: { unitId: string }) => r.unitId),
    );
    const red = lights.body.lights.filter(
      (l: { colour: string; unitId: string }) => l.colour === 'red' && groupUnits.has(l.unitId),
    ).length;
    await expect.poll(() => page.getByTestId('lights-count-red').textContent()).toBe(String(red));
    expect(await matrix.locator('tbody tr').count()).toBe(groupUnits.size);
    await screenshot(page, 'performance-dashboard-march');

    // Red and black lists and the comparisons of the month.
    const lists = page.getByTestId('lists');
    await expect.poll(() => lists.getByTestId('red-row').count()).toBeGreaterThan(0);
    const listed = await apiFromPage(page, { method: 'GET', url: '/api/performance/lists?period=2026-03' });
    expect(await lists.getByTestId('red-row').count()).toBe(listed.body.red.length);
    expect(await lists.getByTestId('black-row').count()).toBe(listed.body.black.length);
    const comparisons = page.getByTestId('comparisons');
    await expect.poll(() => comparisons.getByTestId('comparison-row').count()).toBeGreaterThan(3);
    const changes = await comparisons
      .getByTestId('comparison-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-change')).filter((c) => c !== ''));
    expect(changes.map(Number)).toEqual([...changes.map(Number)].sort((a, b) => b - a));
    await comparisons.getByTestId('cmp-improvement').click();
    await expect
      .poll(() => comparisons.getByTestId('comparison-table').getAttribute('data-kind'))
      .toBe('improvement');
    await expect.poll(() => comparisons.textContent()).toContain('2026-01');
    await lists.scrollIntoViewIfNeeded();
    await screenshot(page, 'performance-dashboard-lists-comparisons');

    await ranks.first().getByRole('link').click();
    // The report's trend chart (ECharts) plots the months that have a total.
    await expect
      .poll(async () => Number(await page.getByTestId('report-trend').getAttribute('data-points')))
      .toBeGreaterThan(2);
    expect(await page.getByTestId('report-trend').locator('svg').count()).toBe(1);

    // Why this score: the trace panel of the weakest indicator names the rule-set version.
    const weakest = page.getByTestId('report-weak').locator('button.perf-score-link').first();
    await weakest.click();
    const trace = page.getByTestId('trace-panel');
    await expect.poll(() => trace.getByTestId('trace-ruleset').textContent()).toMatch(/^district-2026@\d+$/);
    await expect.poll(() => trace.getByTestId('trace-inputs').locator('tr').count()).toBeGreaterThan(0);
    await screenshot(page, 'performance-unit-report-trace');
    const csvUrl = (await page.getByTestId('report-csv').getAttribute('href')) ?? '';
    expect(csvUrl).toContain('format=csv');
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), csvUrl);
    expect(csv.split('\n').length).toBeGreaterThan(2);
    await screenshot(page, 'performance-unit-report');
    await page.context().close();
  }, 180_000);
});
