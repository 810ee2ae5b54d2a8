/**
 * @module Browser journey of the dashboard's charts (issue 14.2): the dashboard opens on the latest
 * month whose reporting deadline has passed and says so; the light map, its legend counts (per peer
 * group, "not applicable" apart from "no data"), the ranking bars, score trends and 12345 case charts
 * (volume by category and channel, SLA compliance by month, on-time rate per unit) agree with the API;
 * a picked month whose deadline is still to come is marked as incomplete; the unit report charts its
 * trend. Axe finds nothing serious; the dashboard's screenshot goes to docs/screenshots/dashboard.png.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { signInOverApi } from '../support/live-session.ts';
import { describeFindings, seriousViolations } from './axe.ts';
import { apiFromPage, navLink, screenshot, useJourney } from './browser.ts';

const docsShots = resolve(import.meta.dirname, '../../docs/screenshots');

/** The server's today is 2026-11-25 (DEFAULT_SERVER_NOW); the demo rule set's data is due on the 15th of the next month. */
const CLOSED_MONTH = '2026-10';
const OPEN_MONTH = '2026-11';

const api = async <T>(page: Page, url: string): Promise<T> => {
  const reply = await apiFromPage(page, { method: 'GET', url });
  expect(reply.status, `${url}: ${JSON.stringify(reply.body)}`).toBe(200);
  return reply.body as T;
};

describe('dashboard charts', () => {
  const journey = useJourney();

  // Cases of known dates feed the case charts (the demo year takes minutes to load on a busy machine):
  // received in August to October by two channels, and one November case handled today, on time.
  beforeAll(async () => {
    const dispatcher = await signInOverApi(journey.server, 'dispatcher');
    const street = await signInOverApi(journey.server, 'street_user');
    const noise = {
      category: 'environment.noise',
      data: { period: '夜间（22时至次日6时）' },
      location: { streetId: 'street-xinhua' },
    };
    const school = { category: 'education.school', text: '学校门口早高峰交通拥堵，希望增派人员疏导' };
    for (const q of [
      {
        ...noise,
        channel: 'hotline',
        text: '小区楼下广场舞音响声音太大，影响休息',
        receivedAt: '2026-08-12T20:00:00+08:00',
      },
      { ...school, channel: 'web', receivedAt: '2026-09-03T08:00:00+08:00' },
      {
        ...noise,
        channel: 'hotline',
        text: '国庆节早上广场音响声音太大',
        receivedAt: '2026-10-01T07:00:00+08:00',
      },
      { ...school, channel: 'hotline', receivedAt: '2026-10-20T09:00:00+08:00' },
    ])
      await dispatcher.apiJson('/api/cases', { method: 'POST', json: q });
    const today = await dispatcher.apiJson<{ case: { id: string; leadUnitId: string } }>('/api/cases', {
      method: 'POST',
      json: { ...noise, channel: 'hotline', text: '夜市摊贩深夜喧哗，噪音扰民' },
    });
    expect(today.case.leadUnitId).toBe('street-xinhua');
    for (const [who, action, input] of [
      [dispatcher, 'dispatch', {}],
      [street, 'signFor', {}],
      [street, 'handle', { result: '已到现场处理完毕' }],
    ] as const) {
      const reply = await who.api(`/api/cases/${today.case.id}/actions/${action}`, {
        method: 'POST',
        json: { input },
      });
      expect(reply.status, reply.text).toBe(200);
    }
  }, 120_000);

  it('opens on the latest closed month, and its lights, legend, bars, trends and case charts tell the API’s figures', async () => {
    const page = await journey.signIn('supervisor', { defaultTimeoutMs: 60_000 });
    await page.setViewportSize({ width: 1400, height: 1000 });
    // Every lights reply the page receives, for the failure message of the month steps.
    const lightReplies: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/performance/lights'))
        lightReplies.push(`${new URL(r.url()).search} → ${r.status()} at ${new Date().toISOString()}`);
    });
    await navLink(page, '考核看板').click();

    // The month shown: the latest one whose deadline passed, said in words with its deadline.
    const shown = page.getByTestId('dash-shown-month');
    await expect.poll(() => shown.getAttribute('data-month')).toBe(CLOSED_MONTH);
    expect(await shown.getAttribute('data-closed')).toBe('true');
    expect(await shown.textContent()).toContain(`显示 ${CLOSED_MONTH} 的数据`);
    expect(await page.getByTestId('dash-month-hint').textContent()).toContain('2026-11-15');
    expect(await page.getByTestId('dash-month').inputValue()).toBe(CLOSED_MONTH);
    // The deadline day comes from the published rule set, not from the studio.
    const timeline = await api<{
      items: { ruleSetId: string; number: number; when: string; carries: string[] }[];
    }>(page, '/api/rule-sets/timeline');
    const inForce = timeline.items.find((v) => v.when === 'inForce' && v.carries.includes('assessment'))!;
    const version = await api<{
      content: { documents: { kind: string; deadline?: { dayOfNextMonth: number } }[] };
    }>(page, `/api/rule-sets/${inForce.ruleSetId}/versions/${inForce.number}`);
    const day = version.content.documents.find((d) => d.kind === 'assessmentPolicy')?.deadline
      ?.dayOfNextMonth;
    expect(day).toBe(15);

    // Lights follow the month: as of its last day.
    const asOf = page.getByTestId('lights-asof');
    await expect.poll(() => asOf.getAttribute('data-asof')).toBe('2026-10-31');

    // Rankings of the default (largest) peer group; the bars are the group's units.
    const rankings = await api<{
      period: string;
      groups: { group: string; rows: { unitId: string; total: number }[] }[];
    }>(page, `/api/performance/rankings?period=${CLOSED_MONTH}`);
    expect(rankings.period).toBe(CLOSED_MONTH);
    const group = await page.getByTestId('dash-group').inputValue();
    const members = rankings.groups.find((g) => g.group === group)!.rows;
    expect(members.length).toBe(Math.max(...rankings.groups.map((g) => g.rows.length)));
    const rankingChart = page.getByTestId('ranking-chart');
    await expect.poll(() => rankingChart.getAttribute('data-bars')).toBe(String(members.length));
    expect(await page.getByTestId('rankings').getByTestId('ranking-row').count()).toBe(members.length);
    expect(await rankingChart.locator('svg').count()).toBe(1);
    expect(await rankingChart.locator('.echart__canvas').getAttribute('aria-label')).toContain(CLOSED_MONTH);
    // The chart's figures for screen readers: one row per unit, names not ids.
    const rankingTable = page.getByTestId('ranking-chart-table');
    expect(await rankingTable.locator('tbody tr').count()).toBe(members.length);
    expect(await rankingTable.textContent()).not.toMatch(/(dept|street|community)-[a-z]/);

    // The legend counts exactly the cells of the group's units: lights by colour, "not applicable" apart.
    const lights = await api<{
      indicators: { id: string }[];
      lights: { unitId: string; indicatorId: string; colour: string }[];
    }>(page, '/api/performance/lights?asOf=2026-10-31');
    const ids = new Set(members.map((m) => m.unitId));
    const inGroup = lights.lights.filter((l) => ids.has(l.unitId));
    for (const colour of ['green', 'yellow', 'red', 'grey', 'overdue']) {
      const expected = inGroup.filter((l) => l.colour === colour).length;
      await expect
        .poll(() => page.getByTestId(`lights-count-${colour}`).textContent(), { message: colour })
        .toBe(String(expected));
    }
    const notApplicable = members.length * lights.indicators.length - inGroup.length;
    expect(await page.getByTestId('lights-count-na').textContent()).toBe(String(notApplicable));
    const matrix = page.getByTestId('lights-matrix');
    expect(await matrix.locator('tbody tr').count()).toBe(members.length);
    await page.getByTestId('lights-by-indicator').click();
    await expect.poll(() => matrix.locator('td[data-colour="na"]').count()).toBe(notApplicable);
    await matrix.getByRole('button', { name: '按一级指标' }).click();

    // Score trends: the first and last of the group and the group mean, January to the month.
    const trend = page.getByTestId('trend-chart');
    await expect.poll(() => trend.getAttribute('data-months')).toBe('10');
    expect(Number(await trend.getAttribute('data-series'))).toBe(Math.min(6, members.length) + 1);
    expect(await page.getByTestId('trend-chart-table').locator('tbody tr').count()).toBe(members.length + 1);

    // 12345 cases, January to the month: volume by category group and by channel, SLA compliance by month.
    const stats = await api<{
      months: { month: string; received: number; handledWithTimer: number; onTimeRate: number | null }[];
    }>(page, `/api/case-statistics?from=2026-01&to=${CLOSED_MONTH}`);
    const received = stats.months.reduce((s, m) => s + m.received, 0);
    expect(received).toBe(4);
    const volume = page.getByTestId('case-volume-chart');
    await expect.poll(() => volume.getAttribute('data-received')).toBe('4');
    expect(await page.getByTestId('case-channel-chart').getAttribute('data-received')).toBe('4');
    // The hidden table of the volume chart: one row per month, October's total 2.
    const volumeRows = page.getByTestId('case-volume-chart-table').locator('tbody tr');
    expect(await volumeRows.count()).toBe(10);
    expect((await volumeRows.last().locator('td').last().textContent())?.trim()).toBe('2');
    const channelTable = page.getByTestId('case-channel-chart-table');
    expect(await channelTable.locator('thead').textContent()).toContain('12345热线');
    expect(await channelTable.locator('thead').textContent()).toContain('网站');
    const slaRows = page.getByTestId('sla-chart-table').locator('tbody tr');
    expect(await slaRows.count()).toBe(10);
    // Nothing was completed before November: no rate, and no on-time chart for October.
    expect(stats.months.every((m) => m.onTimeRate === null)).toBe(true);
    expect(await slaRows.last().textContent()).toContain('—');
    await expect
      .poll(() => page.getByTestId('case-charts').textContent())
      .toContain(`${CLOSED_MONTH} 没有带时限的办结件`);

    await screenshot(page, 'dashboard-charts');
    mkdirSync(docsShots, { recursive: true });
    await page.screenshot({ path: resolve(docsShots, 'dashboard.png'), fullPage: true });
    const findings = describeFindings('dashboard', await seriousViolations(page));
    expect(findings, findings.join('\n')).toEqual([]);

    // English: the month said in words.
    await page.getByRole('button', { name: '切换到英文界面' }).click();
    await expect.poll(() => shown.textContent()).toContain(`Showing ${CLOSED_MONTH}`);
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await expect.poll(() => shown.textContent()).toContain(`显示 ${CLOSED_MONTH} 的数据`);

    // A month whose deadline is still to come is marked incomplete; its lights are as of today.
    await page.getByTestId('dash-month').fill(OPEN_MONTH);
    await expect.poll(() => shown.getAttribute('data-month')).toBe(OPEN_MONTH);
    expect(await shown.getAttribute('data-closed')).toBe('false');
    await expect.poll(() => page.getByTestId('dash-month-hint').textContent()).toContain('2026-12-15');
    await expect.poll(() => asOf.getAttribute('data-asof')).toBe('2026-11-25');
    // November's case was completed on time today: the SLA line and the on-time bars show it.
    const metrics = await api<{
      items: { unitId: string; handledWithTimer: number; handledOnTime: number; onTimeRate: number | null }[];
    }>(page, `/api/case-metrics?month=${OPEN_MONTH}`);
    const timed = metrics.items.filter((m) => m.handledWithTimer > 0);
    expect(timed.map((m) => [m.unitId, m.onTimeRate])).toEqual([['street-xinhua', 1]]);
    const onTime = page.getByTestId('on-time-chart');
    await expect.poll(() => onTime.getAttribute('data-bars')).toBe('1');
    const onTimeRow = page.getByTestId('on-time-chart-table').locator('tbody tr').first();
    expect(await onTimeRow.textContent()).toContain('新华街道');
    expect(await onTimeRow.textContent()).toContain('100.0%');
    expect(await page.getByTestId('on-time-chart-table').textContent()).not.toContain('street-xinhua');
    expect(await page.getByTestId('sla-chart-table').locator('tbody tr').last().textContent()).toContain(
      '100.0%',
    );
    await screenshot(page, 'dashboard-open-month');
    await page.getByTestId('dash-month-latest').click();
    await expect.poll(() => shown.getAttribute('data-month')).toBe(CLOSED_MONTH);
    await expect
      .poll(() => asOf.getAttribute('data-asof'))
      .toBe('2026-10-31')
      .catch((error: Error) => {
        throw new Error(`${error.message}\nlights replies:\n${lightReplies.join('\n')}`);
      });

    // The unit report of the month: the total trend and the weakest indicators by month.
    await page.getByTestId('rankings').getByTestId('ranking-row').first().getByRole('link').click();
    await expect.poll(() => page.getByTestId('report-month').textContent()).toContain(CLOSED_MONTH);
    await expect.poll(() => page.getByTestId('report-trend').getAttribute('data-points')).toBe('10');
    await expect.poll(() => page.getByTestId('indicator-trend-chart').getAttribute('data-series')).toBe('5');
    expect(await page.getByTestId('report-trend').locator('svg').count()).toBe(1);
    const reportFindings = describeFindings('unit report', await seriousViolations(page));
    expect(reportFindings, reportFindings.join('\n')).toEqual([]);
    await screenshot(page, 'dashboard-unit-report');
    // Without a month in the address the report opens on the latest closed month too.
    const unitPath = new URL(page.url()).hash.replace(/\/\d{4}-\d{2}$/, '');
    expect(unitPath).toMatch(/^#\/dashboard\/units\/[^/]+$/);
    await page.goto(`${journey.server.url}/${unitPath}`);
    await expect.poll(() => page.getByTestId('report-month').textContent()).toContain(CLOSED_MONTH);
    await page.context().close();
  }, 300_000);
});
