/**
 * @module GET /api/case-statistics on the real server process: cases received per month by category and
 * channel are counted by their own received time in the district's zone (a case received at 07:00 on
 * 1 October in Beijing is October's, though it is still September in UTC), SLA compliance by the month
 * of the completion, a month after "today" holds nothing, unit users count only their unit's cases,
 * and a bad range is a 400 with its code.
 */
import { describe, expect, it } from 'vitest';
import { actSteps, intakeAs, useSignedInServer } from '../support/live-session.ts';
import { caseRoutes } from '../../engine/adapters/http/routes/cases.ts';
import { createResponseChecker } from '../support/response-contract.ts';
import type { GetApiCaseStatisticsResponse } from '../../schemas/api-types.gen.ts';

const NOW = '2026-11-16T10:00:00+08:00';

const contract = createResponseChecker(caseRoutes());
const live = useSignedInServer(NOW, ['admin', 'dispatcher', 'dept_user', 'street_user']);
const { as } = live;

const intake = (q: Record<string, unknown>) => intakeAs(as.dispatcher!, q);

const act = (id: string, steps: [string, string, Record<string, unknown>?][]) => actSteps(as, id, steps);

type Stats = GetApiCaseStatisticsResponse;

describe('case statistics (real server)', () => {
  it('counts cases by received month, category and channel, SLA compliance by completion month, scoped for unit users', async () => {
    const noise = {
      category: 'environment.noise',
      data: { period: '夜间（22时至次日6时）' },
      location: { streetId: 'street-xinhua' },
    };
    // 07:00 on 1 October in the district is 23:00 on 30 September in UTC: October's case.
    const october = await intake({
      ...noise,
      channel: 'hotline',
      text: '国庆节早上广场音响声音太大',
      receivedAt: '2026-10-01T07:00:00+08:00',
    });
    expect(october.leadUnitId).toBe('street-xinhua');
    const school = await intake({
      category: 'education.school',
      channel: 'web',
      text: '学校门口早高峰交通拥堵，希望增派人员疏导',
      receivedAt: '2026-10-20T09:00:00+08:00',
    });
    expect(school.leadUnitId).toBe('dept-education');
    const november = await intake({ ...noise, channel: 'hotline', text: '夜市摊贩深夜喧哗，噪音扰民' });
    await act(november.id, [
      ['dispatcher', 'dispatch'],
      ['street_user', 'signFor'],
      ['street_user', 'handle', { result: '已到现场处理完毕' }],
    ]);

    const url = '/api/case-statistics?from=2026-09&to=2026-12';
    const response = await as.admin!.api(url);
    expect(response.status, response.text).toBe(200);
    const stats = JSON.parse(response.text) as Stats;
    await contract.check(
      'GET',
      url,
      new Response(response.text, { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    const month = (m: string) => stats.months.find((row) => row.month === m)!;
    expect(stats.months.map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11', '2026-12']);
    expect(month('2026-09').received).toBe(0);
    expect(month('2026-10')).toMatchObject({
      received: 2,
      byCategory: { 'environment.noise': 1, 'education.school': 1 },
      byChannel: { hotline: 1, web: 1 },
      handledWithTimer: 0,
      onTimeRate: null,
    });
    expect(month('2026-11')).toMatchObject({
      received: 1,
      byCategory: { 'environment.noise': 1 },
      byChannel: { hotline: 1 },
      handledWithTimer: 1,
      handledOnTime: 1,
      onTimeRate: 1,
    });
    // December is after the product's today: nothing was received or completed in it.
    expect(month('2026-12')).toMatchObject({ received: 0, handledWithTimer: 0, onTimeRate: null });
    // Names, not codes, come with the figures.
    expect(stats.categories.find((c) => c.code === 'environment.noise')?.name.zh).toMatch(/噪/);
    expect(stats.channels.find((c) => c.code === 'hotline')?.label.zh).toBe('12345热线');

    // A unit user counts only the cases of its unit.
    const mine = await as.dept_user!.apiJson<Stats>('/api/case-statistics?from=2026-10&to=2026-11');
    expect(mine.months.map((m) => [m.month, m.received, m.handledWithTimer])).toEqual([
      ['2026-10', 1, 0],
      ['2026-11', 0, 0],
    ]);
    expect(mine.months[0]!.byCategory).toEqual({ 'education.school': 1 });

    // Bad ranges.
    const reversed = await as.admin!.api('/api/case-statistics?from=2026-11&to=2026-10');
    expect(reversed.status).toBe(400);
    expect(JSON.parse(reversed.text).error.code).toBe('caseStatistics.bad_range');
    const tooLong = await as.admin!.api('/api/case-statistics?from=2024-01&to=2026-01');
    expect(tooLong.status).toBe(400);
    expect(JSON.parse(tooLong.text).error.code).toBe('caseStatistics.bad_range');
    const badMonth = await as.admin!.api('/api/case-statistics?from=2026-13&to=2026-10');
    expect(badMonth.status).toBe(400);
    const anonymous = await fetch(`${live.server().url}/api/case-statistics?from=2026-10&to=2026-11`);
    expect(anonymous.status).toBe(401);
  }, 120_000);
});
