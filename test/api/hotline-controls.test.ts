/** @module Hotline controls over the case API (seed rule set): natural clock for emergencies, 不予受理 and 直接办结 at intake, return limit → arbitration with fresh clocks, extension limits, 挂起 pausing the deadline, the 催办 → 督办 ladder run by the deadline worker, duplicates merged with the citizen told, callback attempts → rating / unreachable. */
import { describe, expect, it } from 'vitest';
import type { TestApp } from '../support/api-app.ts';
import { apiClient } from '../support/api-client.ts';
import { SCHOOL_CASE_TO_NOTIFIED, SCHOOL_CASE_TO_SIGNED_FOR, useCaseTestApp } from '../support/case-app.ts';

let t: TestApp;
const api = apiClient(() => t, '198.51.100.31');

/** Sets the product clock (the test app's fake clock) to `iso`; sessions are signed in again. */
function setClock(iso: string): void {
  t.clock.advance(Date.parse(iso) - t.clock.now().getTime());
  api.forget();
}

const act = (user: string, id: string, action: string, input: Record<string, unknown> = {}) =>
  api(user, `/api/cases/${id}/actions/${action}`, { json: { input } });
const detail = async (id: string) => (await api('dispatcher', `/api/cases/${id}`)).body;

async function intake(body: Record<string, unknown>) {
  const r = await api('dispatcher', '/api/cases', { json: body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { case: any; queryPassword: string; likelyOriginals: any[] };
}

const school = (text: string, extra: Record<string, unknown> = {}) =>
  intake({ channel: 'hotline', category: 'education.school', text, ...extra });

/** A school case told in `text`, taken in and then taken through `steps` (user, action, input), each of which must answer 200. */
async function schoolCaseThrough(
  steps: ReadonlyArray<readonly [string, string, Record<string, unknown>]>,
  text: string,
) {
  const created = await school(text);
  for (const [user, action, input] of steps) {
    const r = await act(user, created.case.id, action, input);
    expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
  }
  return created;
}

/** A gas leak the caller smells, over the hotline: an urgent case. */
const gasLeak = (text: string) =>
  intake({ channel: 'hotline', category: 'utilities.gas', text, data: { smellGas: true } });

const lookup = (number: string, password: string) =>
  api(null, '/api/public/cases/lookup', { json: { number, password } });

useCaseTestApp((app) => {
  t = app.t;
});

describe('emergency clock', () => {
  it('gives a gas leak received Friday 17:00 before the 清明 holidays until Friday 17:30 to sign for, 24×7', async () => {
    setClock('2026-04-03T17:00:00+08:00');
    const { case: gas } = await gasLeak('楼道里燃气泄漏，气味很浓');
    expect(gas).toMatchObject({ slaPolicyId: 'sla-urgent', priority: 'urgent' });
    expect((await act('dispatcher', gas.id, 'dispatch')).status).toBe(200);
    const timers = (await detail(gas.id)).timers;
    expect(timers.accept.deadline).toBe('2026-04-03T17:30:00+08:00');
    // One "working day" to handle counts as 24 hours on the natural clock: Saturday, a holiday.
    expect(timers.handle.deadline).toBe('2026-04-04T17:00:00+08:00');

    // Dispatched at 17:20, after office hours would end on the working clock: still 30 clock minutes.
    setClock('2026-04-03T17:20:00+08:00');
    const { case: late } = await gasLeak('小区燃气管道漏气，有刺鼻气味');
    await act('dispatcher', late.id, 'dispatch');
    expect((await detail(late.id)).timers.accept.deadline).toBe('2026-04-03T17:50:00+08:00');
  });
});

describe('finishing at intake', () => {
  it('refuses a case (不予受理) with a reason from the state intake leaves it in, and tells the citizen', async () => {
    setClock('2026-05-11T09:00:00+08:00');
    const { case: c, queryPassword } = await school('咨询外省某高校的招生分数线');
    expect(c.status).toBe('pendingDispatch');
    expect(c.availableActions.map((a: any) => a.action)).toEqual(
      expect.arrayContaining(['reject', 'answerDirectly', 'merge']),
    );
    expect((await act('dispatcher', c.id, 'reject', {})).status).toBe(400);
    const rejected = await act('dispatcher', c.id, 'reject', { reason: '不属于本区受理范围' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.case.status).toBe('rejected');
    expect((await act('dispatcher', c.id, 'dispatch')).status).toBe(409);
    const seen = await lookup(c.number, queryPassword);
    expect(seen.body).toMatchObject({ status: 'rejected', statusLabel: { zh: '不予受理' } });
  });

  it('finishes a case answered on the call (直接办结) with the answer recorded, without dispatch', async () => {
    setClock('2026-05-11T09:05:00+08:00');
    const { case: c, queryPassword } = await school('询问学区划分政策在哪里查询');
    const answered = await act('dispatcher', c.id, 'answerDirectly', {
      answer: '可登录区教育局网站“学区划分”栏目查询',
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.case).toMatchObject({ status: 'answered', flags: { answer: expect.any(String) } });
    expect(Object.keys(answered.body.case.timers)).toEqual([]);
    const seen = await lookup(c.number, queryPassword);
    expect(seen.body).toMatchObject({ status: 'answered', reply: '可登录区教育局网站“学区划分”栏目查询' });
  });
});

describe('returns and arbitration', () => {
  it('accepts two returns, then only arbitration; the arbitrated unit gets fresh clocks and cannot return', async () => {
    setClock('2026-05-12T09:00:00+08:00');
    const { case: c } = await school('某培训机构违规招生并收取高额费用');
    await act('dispatcher', c.id, 'dispatch');
    for (let i = 1; i <= 2; i++) {
      const returned = await act('dept_user', c.id, 'return', { reason: '应由市场监管部门处理' });
      expect(returned.body.case?.status, JSON.stringify(returned.body)).toBe('returned');
      expect(returned.body.case.flags.returnCount).toBe(i);
      expect((await act('dispatcher', c.id, 'rejectReturn', { reason: '培训机构属教育局监管' })).status).toBe(
        200,
      );
    }
    const third = await act('dept_user', c.id, 'return', { reason: '仍不属于本单位' });
    expect(third.status).toBe(400);
    expect(third.body.error.code).toBe('workflow.guard_failed');

    const asked = await act('dept_user', c.id, 'requestArbitration', { reason: '职责存在争议，请求仲裁' });
    expect(asked.body.case.status).toBe('arbitrationRequested');
    const before = asked.body.case.timers.handle;
    expect(before).toMatchObject({ status: 'paused', run: 1 });

    setClock('2026-05-12T10:00:00+08:00');
    const decided = await act('dispatcher', c.id, 'arbitrate', {
      leadUnitId: 'street-xinhua',
      reason: '机构在新华街道辖区，由街道牵头处理',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.case).toMatchObject({
      status: 'dispatched',
      leadUnitId: 'street-xinhua',
      flags: { fixedUnitId: 'street-xinhua' },
    });
    // Fresh clocks for the new unit: a new run of the handle timer from the arbitration.
    const handle = (await detail(c.id)).timers.handle;
    expect(handle).toMatchObject({ status: 'running', run: 2 });
    expect(Date.parse(handle.startedAt)).toBe(Date.parse('2026-05-12T10:00:00+08:00'));
    expect(handle.deadline).toBe('2026-05-19T10:00:00+08:00');
    const refused = await act('street_user', c.id, 'return', { reason: '不属于街道' });
    expect(refused.status).toBe(400);
    expect((await act('street_user', c.id, 'requestArbitration', { reason: '再议' })).status).toBe(400);
    expect((await act('street_user', c.id, 'signFor')).body.case.status).toBe('handling');
  });
});

describe('extension limits', () => {
  it('approves at most two extensions and ten working days in all', async () => {
    setClock('2026-05-13T09:00:00+08:00');
    const { case: c } = await schoolCaseThrough(SCHOOL_CASE_TO_SIGNED_FOR, '学校食堂卫生状况差需要彻查');
    const deadline = async () => (await detail(c.id)).timers.handle.deadline;
    expect(await deadline()).toBe('2026-05-20T09:00:00+08:00');
    await act('dept_user', c.id, 'requestExtension', { reason: '需抽样检测', workingDays: 6 });
    expect((await act('dispatcher', c.id, 'approveExtension')).body.case.status).toBe('handling');
    expect(await deadline()).toBe('2026-05-28T09:00:00+08:00');
    const tooLong = await act('dept_user', c.id, 'requestExtension', {
      reason: '检测未完成',
      workingDays: 5,
    });
    expect(tooLong.status).toBe(400);
    await act('dept_user', c.id, 'requestExtension', { reason: '检测未完成', workingDays: 4 });
    await act('dispatcher', c.id, 'approveExtension');
    const flags = (await detail(c.id)).flags;
    expect(flags).toMatchObject({ extensionCount: 2, extensionDays: 10 });
    expect(await deadline()).toBe('2026-06-03T09:00:00+08:00');
    const third = await act('dept_user', c.id, 'requestExtension', { reason: '再延一天', workingDays: 1 });
    expect(third.status).toBe(400);
    expect(third.body.error.code).toBe('workflow.guard_failed');
  });
});

describe('suspend and resume (挂起)', () => {
  it('pauses the handle deadline while the case is on hold, after approval', async () => {
    setClock('2026-05-18T09:00:00+08:00');
    const { case: c } = await schoolCaseThrough(SCHOOL_CASE_TO_SIGNED_FOR, '学校操场塑胶跑道有异味需检测');
    expect((await detail(c.id)).timers.handle.deadline).toBe('2026-05-25T09:00:00+08:00');
    const asked = await act('dept_user', c.id, 'requestSuspension', { reason: '等待第三方检测报告' });
    expect(asked.body.case.status).toBe('suspensionRequested');
    expect(asked.body.case.timers.handle.status).toBe('running');
    setClock('2026-05-18T10:00:00+08:00');
    const held = await act('dispatcher', c.id, 'approveSuspension');
    expect(held.body.case.status).toBe('onHold');
    expect(held.body.case.timers.handle.status).toBe('paused');

    // Two working days on hold: nothing is reminded, and the deadline moves by the time held.
    setClock('2026-05-20T10:00:00+08:00');
    await t.ops.runDeadlineCheck({ limit: 1000 });
    expect((await detail(c.id)).history.map((e: any) => e.type)).not.toContain('reminded');
    const resumed = await act('dept_user', c.id, 'resume');
    expect(resumed.body.case.status).toBe('handling');
    expect(resumed.body.case.timers.handle).toMatchObject({ status: 'running' });
    // 14 office hours later than 25 May 09:00: the end of the working day of 26 May.
    expect(resumed.body.case.timers.handle.deadline).toBe('2026-05-26T17:30:00+08:00');
  });
});

describe('reminder → supervision ladder', () => {
  it('reminds at 80 %, supervises at the deadline and at level 2 two working days later, each once', async () => {
    setClock('2026-06-01T09:00:00+08:00');
    const { case: c } = await schoolCaseThrough(SCHOOL_CASE_TO_SIGNED_FOR, '学校周边违规设置游戏厅影响学生');
    const outbox = async (topic: string) =>
      (
        await t.store.read('SELECT payload FROM outbox WHERE topic = ? AND payload LIKE ?', [
          topic,
          `%${c.id}%`,
        ])
      ).map((r) => JSON.parse(String(r.payload)));
    const steps = async () =>
      (await detail(c.id)).history
        .filter((e: any) => e.type === 'reminded' || e.type === 'escalated')
        .map((e: any) => [e.type, e.payload.step, e.payload.level ?? null]);

    // Handle deadline Monday 8 June 09:00; 80 % of five working days is the end of Thursday 4 June.
    setClock('2026-06-04T17:00:00+08:00');
    await t.ops.runDeadlineCheck({ limit: 1000 });
    expect(await steps()).toEqual([]);
    setClock('2026-06-04T17:31:00+08:00');
    await t.ops.runDeadlineCheck({ limit: 1000 });
    await t.ops.runDeadlineCheck({ limit: 1000 });
    expect(await steps()).toEqual([['reminded', 'remind', null]]);
    expect(await outbox('case.reminded')).toMatchObject([
      { caseNumber: c.number, step: 'remind', timer: 'handle' },
    ]);

    setClock('2026-06-08T09:01:00+08:00');
    await t.ops.runDeadlineCheck({ limit: 1000 });
    expect(await steps()).toEqual([
      ['reminded', 'remind', null],
      ['escalated', 'supervise-1', 1],
    ]);
    expect((await detail(c.id)).supervisionLevel).toBe(1);

    setClock('2026-06-09T17:00:00+08:00');
    await t.ops.runDeadlineCheck({ limit: 1000 });
    expect((await steps()).length).toBe(2);
    setClock('2026-06-10T09:01:00+08:00');
    await t.ops.runDeadlineCheck({ limit: 1000 });
    await t.ops.runDeadlineCheck({ limit: 1000 });
    expect(await steps()).toEqual([
      ['reminded', 'remind', null],
      ['escalated', 'supervise-1', 1],
      ['escalated', 'supervise-2', 2],
    ]);
    expect((await detail(c.id)).supervisionLevel).toBe(2);
    expect((await outbox('case.supervised')).map((p) => p.level)).toEqual([1, 2]);
    // The supervisor's queue shows the escalated case.
    const queue = await api('supervisor', '/api/cases?queue=supervisor&limit=200');
    expect(queue.body.items.map((i: any) => i.id)).toContain(c.id);
  });
});

describe('duplicates', () => {
  it('lists the likely original at intake, merges the repeat into it and tells the citizen which case carries it', async () => {
    setClock('2026-06-15T09:00:00+08:00');
    const requester = { name: '王女士', phone: '13900001234' };
    const location = { address: '新华路 18 号实验小学' };
    const { case: original } = await school('实验小学门口上下学时段车辆乱停堵塞道路', {
      requester,
      location,
    });
    setClock('2026-06-16T10:00:00+08:00');
    const repeat = await school('实验小学门口上下学时段车辆乱停，道路堵塞严重', { requester, location });
    expect(repeat.likelyOriginals).toEqual([
      expect.objectContaining({
        caseId: original.id,
        number: original.number,
        reasons: ['phone', 'address', 'text'],
      }),
    ]);
    expect((await detail(repeat.case.id)).likelyOriginals[0].number).toBe(original.number);
    const unrelated = await school('学校教师有偿补课问题', { requester: { phone: '13700000000' } });
    expect(unrelated.likelyOriginals).toEqual([]);

    expect(
      (await act('dispatcher', repeat.case.id, 'merge', { caseNumber: repeat.case.number })).status,
    ).toBe(400);
    expect((await act('dispatcher', repeat.case.id, 'merge', { caseNumber: '2026-999999' })).status).toBe(
      400,
    );
    const merged = await act('dispatcher', repeat.case.id, 'merge', { caseNumber: original.number });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.case).toMatchObject({
      status: 'merged',
      links: [{ caseId: original.id, number: original.number, relation: 'mergedInto' }],
    });
    expect((await detail(original.id)).links).toEqual([
      expect.objectContaining({ caseId: repeat.case.id, number: repeat.case.number, relation: 'carries' }),
    ]);
    // A case already merged away cannot carry another.
    const third = await school('实验小学门口车辆乱停问题再次反映', { requester, location });
    expect(third.likelyOriginals.map((m: any) => m.number)).toEqual([original.number]);
    const onMerged = await act('dispatcher', third.case.id, 'merge', { caseNumber: repeat.case.number });
    expect(onMerged.status).toBe(409);

    const seen = await lookup(repeat.case.number, repeat.queryPassword);
    expect(seen.body).toMatchObject({ status: 'merged', mergedInto: { number: original.number } });
  });
});

describe('callback (回访)', () => {
  const notifiedCase = (text: string) => schoolCaseThrough(SCHOOL_CASE_TO_NOTIFIED, text);

  it('turns a callback that reaches the citizen into the rating', async () => {
    setClock('2026-06-22T09:00:00+08:00');
    const { case: c, queryPassword } = await notifiedCase('学校午餐供应商资质问题');
    expect(
      (await act('dispatcher', c.id, 'recordCallback', { reached: true, satisfaction: 'maybe' })).status,
    ).toBe(400);
    const rated = await act('dispatcher', c.id, 'recordCallback', {
      reached: true,
      satisfaction: 'basicallySatisfied',
      note: '市民表示基本满意',
    });
    expect(rated.body.case).toMatchObject({ status: 'rated', flags: { callbackAttempts: 1 } });
    const seen = await lookup(c.number, queryPassword);
    expect(seen.body.rating).toEqual({ satisfaction: 'basicallySatisfied', comment: '市民表示基本满意' });
    const last = (await detail(c.id)).history.filter((e: any) => e.type === 'transitioned').at(-1);
    expect(last.payload.metric).toBe('ratedSatisfied');
  });

  it('closes as unreachable after the third unanswered attempt, without a rating', async () => {
    setClock('2026-06-22T10:00:00+08:00');
    const { case: c, queryPassword } = await notifiedCase('学校放学时间调整未提前通知');
    for (const attempt of [1, 2]) {
      const r = await act('dispatcher', c.id, 'recordCallback', { reached: false, note: '无人接听' });
      expect(r.body.case).toMatchObject({ status: 'notified', flags: { callbackAttempts: attempt } });
    }
    const closed = await act('dispatcher', c.id, 'recordCallback', { reached: false, note: '关机' });
    expect(closed.body.case).toMatchObject({
      status: 'closed',
      flags: { callbackAttempts: 3, unreachable: true },
    });
    const last = (await detail(c.id)).history.filter((e: any) => e.type === 'transitioned').at(-1);
    expect(last.payload).toMatchObject({ action: 'recordCallback', to: 'closed', metric: 'unreachable' });
    const seen = await lookup(c.number, queryPassword);
    expect(seen.body).toMatchObject({ status: 'closed', rating: null, canRate: false });
  });
});
