/** @module Browser journeys of the case console over a demo year of cases: queue filters by SLA light and status, the supervisor's approve/decline view, the case-metrics panel against GET /api/case-metrics, the workflow diagram, and the portal in English with the tracking deadline. */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type LiveSession, signInOverApi, until } from '../support/live-session.ts';
import { apiFromPage, openCaseConfig, screenshot, useJourney } from './browser.ts';

interface Summary {
  id: string;
  number: string;
  slaLight: string;
  status: string;
}

describe('case console over a demo year of cases', () => {
  const journey = useJourney({ env: { BATON_DEMO_CASES: 'on' } });
  let dispatcher: LiveSession;
  /** Two cases in handling with a pending supervision request, with the citizen's query password. */
  const requests: { id: string; number: string; password: string }[] = [];

  beforeAll(async () => {
    // The demo year loads through the real operations after the server listens.
    await until(async () => journey.server.logs().includes('seeded demo cases'), 'the demo cases', 400_000);
    dispatcher = await signInOverApi(journey.server, 'dispatcher');
    const unit = await signInOverApi(journey.server, 'dept_user');
    for (const text of [
      '某中学周边网吧违规接纳未成年人，家长多次反映无人处理，请尽快核查。',
      '小学门口早晚高峰车辆乱停，学生过马路很危险，希望安排交通疏导。',
    ]) {
      const opened = await dispatcher.apiJson<{ case: Summary; queryPassword: string }>('/api/cases', {
        method: 'POST',
        json: { channel: 'hotline', category: 'education.school', text, requester: { phone: '13800002222' } },
      });
      const { id, number } = opened.case;
      await dispatcher.apiJson(`/api/cases/${id}/actions/dispatch`, {
        method: 'POST',
        json: { input: { leadUnitId: 'dept-education' } },
      });
      await unit.apiJson(`/api/cases/${id}/actions/signFor`, { method: 'POST', json: { input: {} } });
      await dispatcher.apiJson(`/api/cases/${id}/actions/requestSupervision`, {
        method: 'POST',
        json: { input: { reason: `群众反复反映，申请督办 ${number}` } },
      });
      requests.push({ id, number, password: opened.queryPassword });
    }
  }, 420_000);

  /** Waits until the queue shows exactly the cases `expected` (order aside); answers the `attribute` of each shown row, in order. */
  const waitForQueue = async (
    page: Page,
    expected: Summary[],
    attribute: string,
  ): Promise<(string | null)[]> => {
    await page.waitForFunction(
      (numbers) => {
        const rows = [...document.querySelectorAll('[data-testid="case-queue"] tbody tr[data-case]')];
        const shown = rows.map((r) => r.getAttribute('data-case')).sort();
        return JSON.stringify(shown) === JSON.stringify([...numbers].sort());
      },
      expected.map((c) => c.number),
      { timeout: 30_000 },
    );
    return page
      .locator(`[data-testid="case-queue"] tbody tr[data-case] [${attribute}]`)
      .evaluateAll((els, name) => els.map((el) => el.getAttribute(name)), attribute);
  };

  it('filters the dispatcher queue to overdue, then red, then one status, showing only such cases', async () => {
    const page = await journey.signIn('dispatcher');
    await page.goto(`${journey.server.url}/#/cases`);
    await page.getByTestId('queue-filters').waitFor();
    await page.locator('#queue-scope').selectOption('all');
    // Which lights the demo year has depends on the day it is generated for: overdue and red are
    // checked whenever there are such cases; green always has this file's own supervision cases.
    const shown: Record<string, number> = {};
    for (const light of ['overdue', 'red', 'green'] as const) {
      const api = await dispatcher.apiJson<{ items: Summary[]; total: number }>(
        `/api/cases?queue=all&slaLight=${light}&limit=200`,
      );
      await page.locator('#filter-light').selectOption(light);
      const lights = await waitForQueue(page, api.items, 'data-light');
      expect(lights).toEqual(api.items.map(() => light));
      expect(await page.getByTestId('case-count').textContent()).toContain(String(api.total));
      shown[light] = lights.length;
      await screenshot(page, `cases-console-queue-${light}`);
    }
    expect(shown.green).toBeGreaterThanOrEqual(requests.length);
    console.info('queue rows by light filter', shown);

    await page.locator('#filter-light').selectOption('');
    await page.locator('#filter-status').selectOption('handling');
    await page.locator('#filter-channel').selectOption('hotline');
    const handling = await dispatcher.apiJson<{ items: Summary[] }>(
      '/api/cases?queue=all&status=handling&channel=hotline&limit=200',
    );
    expect(handling.items.length).toBeGreaterThan(0);
    const statuses = await waitForQueue(page, handling.items, 'data-status');
    expect(new Set(statuses)).toEqual(new Set(['handling']));
    await screenshot(page, 'cases-console-queue-status');
  }, 120_000);

  it('lets the supervisor approve one supervision request and decline the other from the supervisor view', async () => {
    const page = await journey.signIn('supervisor');
    await page.goto(`${journey.server.url}/#/cases`);
    await page.locator('[data-tab="supervision"]').click();
    const pending = page.getByTestId('supervision-pending');
    const [approved, declined] = requests as [(typeof requests)[0], (typeof requests)[0]];
    for (const r of requests) await pending.locator(`tr[data-case="${r.number}"]`).waitFor();
    expect(
      await pending
        .locator(`tr[data-case="${approved.number}"]`)
        .getByTestId('supervision-reason')
        .textContent(),
    ).toBe(`群众反复反映，申请督办 ${approved.number}`);
    await screenshot(page, 'cases-console-supervision-pending');

    const approveRow = pending.locator(`tr[data-case="${approved.number}"]`);
    await approveRow.getByLabel(`审批意见（${approved.number}）`).fill('同意督办，请教育局三个工作日内办结');
    await approveRow.getByRole('button', { name: '批准督办', exact: true }).click();
    await page.getByTestId('supervision-notice').getByText(`已批准督办：${approved.number}`).waitFor();
    await page.getByTestId('supervision-cases').locator(`tr[data-case="${approved.number}"]`).waitFor();

    await pending
      .locator(`tr[data-case="${declined.number}"]`)
      .getByRole('button', { name: '不予督办', exact: true })
      .click();
    await page.getByTestId('supervision-notice').getByText(`未批准督办：${declined.number}`).waitFor();
    await pending.locator(`tr[data-case="${declined.number}"]`).waitFor({ state: 'detached' });
    expect(await pending.locator(`tr[data-case="${approved.number}"]`).count()).toBe(0);
    expect(
      await page.getByTestId('supervision-cases').locator(`tr[data-case="${declined.number}"]`).count(),
    ).toBe(0);
    await screenshot(page, 'cases-console-supervision-decided');

    const after = await Promise.all(
      requests.map((r) =>
        apiFromPage(page, { method: 'GET', url: `/api/cases/${r.id}` }).then(
          (res) =>
            res.body as {
              supervisionLevel: number;
              flags: Record<string, unknown>;
              history: { payload: { action?: string; input?: { opinion?: string } } }[];
            },
        ),
      ),
    );
    expect(after.map((c) => c.supervisionLevel)).toEqual([1, 0]);
    expect(after.map((c) => c.flags.supervisionRequested)).toEqual([false, false]);
    expect(
      after[0]!.history.find((e) => e.payload.action === 'approveSupervision')?.payload.input?.opinion,
    ).toBe('同意督办，请教育局三个工作日内办结');
    expect(after[1]!.history.some((e) => e.payload.action === 'rejectSupervision')).toBe(true);
  }, 90_000);

  it('shows case metrics per unit for the month with the numbers GET /api/case-metrics answers', async () => {
    const page = await journey.signIn('dispatcher');
    await page.goto(`${journey.server.url}/#/cases/metrics`);
    const month = await page.locator('#metrics-month').inputValue();
    expect(month).toMatch(/^\d{4}-\d{2}$/);
    const table = page.getByTestId('case-metrics');
    await page
      .locator(`[data-testid="case-metrics"][data-month="${month}"] tbody tr[data-unit]`)
      .first()
      .waitFor();
    const api = await dispatcher.apiJson<{ items: Record<string, number | string | null>[] }>(
      `/api/case-metrics?month=${month}`,
    );
    expect(api.items.length).toBeGreaterThan(0);
    expect(await table.locator('tbody tr[data-unit]').count()).toBe(api.items.length);
    const keys = [
      'dispatched',
      'handled',
      'onTimeRate',
      'satisfactionRate',
      'returned',
      'redo',
      'supervisionCount',
    ];
    for (const item of api.items) {
      const row = table.locator(`tbody tr[data-unit="${item.unitId}"]`);
      for (const key of keys) {
        const cell = row.locator(`td[data-metric="${key}"]`);
        expect(await cell.getAttribute('data-value'), `${item.unitId} ${key}`).toBe(String(item[key] ?? ''));
      }
      const rate = item.onTimeRate as number | null;
      expect(await row.locator('td[data-metric="onTimeRate"]').textContent()).toContain(
        rate === null ? '—' : `${(rate * 100).toFixed(1)}%`,
      );
    }
    await screenshot(page, 'cases-console-metrics');

    // One unit only.
    const busiest = [...api.items].sort((a, b) => Number(b.dispatched) - Number(a.dispatched))[0]!;
    await page.locator('#metrics-unit').selectOption(String(busiest.unitId));
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.waitForFunction((unitId) => {
      const rows = [...document.querySelectorAll('[data-testid="case-metrics"] tbody tr[data-unit]')];
      return rows.length === 1 && rows[0]!.getAttribute('data-unit') === unitId;
    }, String(busiest.unitId));
    expect(await table.locator('td[data-metric="dispatched"]').getAttribute('data-value')).toBe(
      String(busiest.dispatched),
    );
  }, 90_000);

  it('draws the workflow as a diagram with a node per state and an arrow per state pair; admins reach the metrics there', async () => {
    const page = await journey.signIn('admin');
    await openCaseConfig(page);
    const ruleSetId = await page.locator('#config-rule-set').inputValue();
    const versionNumber = await page.locator('#config-version').inputValue();
    await page.getByRole('tab', { name: '流程与时限' }).click();
    const diagram = page.getByTestId('workflow-diagram');
    await diagram.waitFor();
    const version = await apiFromPage(page, {
      method: 'GET',
      url: `/api/rule-sets/${ruleSetId}/versions/${versionNumber}`,
    });
    const workflow = version.body.content.documents.find((d: { kind: string }) => d.kind === 'workflow') as {
      states: { name: string }[];
      initial: string;
      transitions: { from: string; to: string }[];
    };
    const nodes = await diagram
      .locator('g[data-state]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-state')));
    expect([...nodes].sort()).toEqual(workflow.states.map((s) => s.name).sort());
    const pairs = new Set(workflow.transitions.map((t) => `${t.from}->${t.to}`));
    expect(await diagram.locator('g[data-edge]').count()).toBe(pairs.size);
    // The initial state is in the first column, left of every other box.
    const xOf = async (state: string) =>
      Number(await diagram.locator(`g[data-state="${state}"] rect`).getAttribute('x'));
    const initialX = await xOf(workflow.initial);
    for (const s of workflow.states.filter((st) => st.name !== workflow.initial))
      expect(await xOf(s.name)).toBeGreaterThan(initialX);
    expect(await diagram.locator('g[data-state="handling"] text').textContent()).toBe('办理中');
    await screenshot(page, 'cases-console-workflow-diagram');
    await diagram.screenshot({ path: 'test-results/e2e/cases-console-workflow-diagram-svg.png' });

    await page.getByRole('tab', { name: '办件指标' }).click();
    await page.locator('[data-testid="case-metrics"] tbody tr[data-unit]').first().waitFor();
  }, 90_000);

  it('shows the portal in English and the tracked case’s deadline and that it is on time', async () => {
    const page = await journey.openPage();
    await page.goto(`${journey.server.url}/#/portal`);
    await page.locator('#portal-category').selectOption('education.school');
    await page.getByLabel('诉求内容').fill('学校食堂饭菜分量不足');
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Citizen service' }).waitFor();
    // The form's own titles switch too, and what was typed stays.
    await expect(page.getByLabel('Request details').inputValue()).resolves.toBe('学校食堂饭菜分量不足');
    expect(await page.getByRole('button', { name: 'Submit' }).count()).toBe(1);
    await screenshot(page, 'cases-console-portal-en');

    const tracked = requests[0]!;
    await page.getByRole('link', { name: 'Track a case' }).click();
    await page.getByLabel('Case number').fill(tracked.number);
    await page.getByLabel('Query password').fill(tracked.password);
    await page.getByRole('button', { name: 'Look up', exact: true }).click();
    const deadline = page.getByTestId('portal-deadline');
    await deadline.waitFor();
    const detail = await dispatcher.apiJson<{ timers: { handle: { deadline: string } } }>(
      `/api/cases/${tracked.id}`,
    );
    expect(new Date((await deadline.getAttribute('data-deadline'))!).getTime()).toBe(
      new Date(detail.timers.handle.deadline).getTime(),
    );
    expect(await deadline.getAttribute('data-on-time')).toBe('true');
    await expect(page.getByTestId('portal-on-time').textContent()).resolves.toBe('On time');
    expect(await page.getByTestId('portal-case').textContent()).toContain('Deadline');
    await screenshot(page, 'cases-console-portal-track-en');
  }, 90_000);
});
