/** @module GET /api/me/work against the real server (`node bin/start.js`, BATON_NOW set): each role's queues match what the other routes say of the seeded demo district, a unit user never sees another unit's work, and a month later (the server restarted on the same database with a later clock) the counts move with the clock. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workRoutes } from '../../engine/adapters/http/routes/work.ts';
import { type JsonCall, signedInCaller } from '../support/live-session.ts';
import { createResponseChecker } from '../support/response-contract.ts';
import { DEFAULT_SERVER_NOW, type RunningServer, startServer } from '../support/server.ts';

// One database for both runs: time moves by restarting the server with a later BATON_NOW.
const dataDir = mkdtempSync(join(tmpdir(), 'baton-work-'));
let server: RunningServer;
let passwords: Record<string, string> = {};
beforeAll(async () => {
  server = await startServer({ dataDir });
  passwords = server.passwords;
}, 180_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const sessions = new Map<string, JsonCall>();
const contract = createResponseChecker(workRoutes());

async function as(username: string): Promise<JsonCall> {
  const known = sessions.get(username);
  if (known) return known;
  const call = await signedInCaller(server.url, username, passwords[username], async (path, response) => {
    if (path === '/api/me/work') await contract.check('GET', `${server.url}${path}`, response.clone());
  });
  sessions.set(username, call);
  return call;
}

const work = async (username: string) => {
  const answer = await (await as(username))('/api/me/work');
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as {
    now: string;
    today: string;
    unit: { id: string; name: string } | null;
    queues: { id: string; total: number; link: string; items: any[] }[];
  };
};
const queueOf = (answer: Awaited<ReturnType<typeof work>>, id: string) =>
  answer.queues.find((q) => q.id === id);

const monthBefore = (period: string, back: number) => {
  const index = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1 - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

const caseIds: Record<string, string> = {};

describe('GET /api/me/work on the real server', () => {
  it('is refused without a session', async () => {
    const response = await fetch(`${server.url}/api/me/work`);
    expect(response.status).toBe(401);
  });

  it('sets up cases: one for the education bureau, one for a street, one waiting for dispatch, one under supervision', async () => {
    const dispatcher = await as('dispatcher');
    const intake = async (text: string) => {
      const r = await dispatcher('/api/cases', { channel: 'hotline', category: 'education.school', text });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.case.id as string;
    };
    const act = async (user: string, id: string, action: string, input: unknown = {}) => {
      const r = await (await as(user))(`/api/cases/${id}/actions/${action}`, { input });
      expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
      return r.body.case;
    };
    caseIds.education = await intake('学校门口占道经营，上下学拥堵');
    await act('dispatcher', caseIds.education, 'dispatch');
    caseIds.street = await intake('小区楼道堆放杂物，被派错到教育局');
    await act('dispatcher', caseIds.street, 'dispatch');
    await act('dept_user', caseIds.street, 'return', { reason: '不属于教育局职责' });
    const street = await act('dispatcher', caseIds.street, 'dispatch', { leadUnitId: 'street-xinhua' });
    expect(street.leadUnitId).toBe('street-xinhua');
    caseIds.waiting = await intake('学校食堂卫生差，请尽快处理');
    caseIds.supervised = await intake('学校违规收取补课费');
    await act('dispatcher', caseIds.supervised, 'dispatch');
    await act('dept_user', caseIds.supervised, 'signFor');
    await act('dispatcher', caseIds.supervised, 'requestSupervision', { reason: '群众反映强烈' });
  });

  it('gives a unit user the months with empty forms, nearest deadline first, and only its own unit’s cases', async () => {
    const answer = await work('dept_user');
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { now: string; today: string };
    expect(answer.today).toBe(health.today);
    expect(days(DEFAULT_SERVER_NOW, answer.now)).toBe(0);
    const me = (await (await as('dept_user'))('/api/me')).body.user;
    const unit = (await (await as('dept_user'))(`/api/units/${me.unitId}`)).body;
    expect(answer.unit).toEqual({ id: me.unitId, name: unit.name });

    // Expected months, from the forms-due route the unit workspace reads.
    const expected: { period: string; deadline: string; empty: number; total: number; status: string }[] = [];
    for (let back = 0; back < 3; back += 1) {
      const period = monthBefore(answer.today.slice(0, 7), back);
      const due = await (await as('dept_user'))(`/api/performance/forms-due?period=${period}`);
      if (due.status !== 200 || due.body.forms.length === 0) continue;
      const first = due.body.forms[0];
      const empty = due.body.forms.filter((f: any) => f.entry === null).length;
      if (first.status === 'locked' || first.status === 'notDue' || empty === 0) continue;
      expected.push({
        period,
        deadline: first.deadline,
        empty,
        total: due.body.forms.length,
        status: first.status,
      });
    }
    expected.sort((a, b) => a.deadline.localeCompare(b.deadline));
    // The demo's current month is not in yet: at least one month is due.
    expect(expected.length).toBeGreaterThan(0);
    const forms = queueOf(answer, 'formsDue');
    expect(forms?.total).toBe(expected.length);
    expect(
      forms!.items.map((item) => ({
        period: item.period,
        deadline: item.deadline,
        empty: item.counts.empty,
        total: item.counts.total,
        daysLeft: item.daysLeft,
        link: item.link,
      })),
    ).toEqual(
      expected.map((e) => ({
        period: e.period,
        deadline: e.deadline,
        empty: e.empty,
        total: e.total,
        daysLeft: days(answer.today, e.deadline),
        link: `/my-forms?period=${e.period}`,
      })),
    );
    expect(forms!.items[0].title.zh).toBe(
      `${expected[0]!.period.slice(0, 4)}年${Number(expected[0]!.period.slice(5))}月报表`,
    );

    // Cases: exactly the unit's waiting queue, with labels and one-click links, never another unit's.
    const inbox = (await (await as('dept_user'))('/api/cases?queue=unit&limit=200')).body;
    const caseQueues = answer.queues.filter((q) => q.id.startsWith('cases'));
    const listed = caseQueues.flatMap((q) => q.items.map((item) => item.key));
    expect(new Set(listed)).toEqual(new Set(inbox.items.map((c: any) => c.id)));
    expect(caseQueues.reduce((sum, q) => sum + q.total, 0)).toBe(inbox.total);
    expect(listed).toContain(caseIds.education);
    expect(listed).not.toContain(caseIds.street);
    expect(listed).not.toContain(caseIds.waiting);
    for (const q of caseQueues) {
      for (const item of q.items) {
        const summary = inbox.items.find((c: any) => c.id === item.key);
        expect(item.link).toBe(`/cases/${item.key}`);
        expect(item.category).toEqual(summary.categoryName);
        expect(item.state).toEqual(summary.statusLabel);
        expect(item.unit).toEqual({ id: summary.leadUnitId, name: unit.name });
        expect(item.title.zh).toContain(summary.number);
      }
    }
    // Nothing of the office's or the dispatch centre's work.
    for (const id of ['approvals', 'amendments', 'deadLetters', 'casesToDispatch', 'supervision'])
      expect(queueOf(answer, id)).toBeUndefined();
    expect(JSON.stringify(answer)).not.toContain('street-xinhua');

    // The street's user sees the street's case and none of the education bureau's.
    const street = await work('street_user');
    const streetCases = street.queues.filter((q) => q.id.startsWith('cases')).flatMap((q) => q.items);
    expect(streetCases.map((item) => item.key)).toContain(caseIds.street);
    expect(streetCases.map((item) => item.key)).not.toContain(caseIds.education);
    expect(streetCases.find((item) => item.key === caseIds.street)?.unit?.name).toBe(
      (await (await as('street_user'))('/api/units/street-xinhua')).body.name,
    );
  });

  it('gives the dispatcher the dispatch queue, the district’s overdue and near-due cases and the supervision requests', async () => {
    const dispatcher = await as('dispatcher');
    const answer = await work('dispatcher');
    expect(queueOf(answer, 'formsDue')).toBeUndefined();
    const queue = (await dispatcher('/api/cases?queue=dispatcher&limit=200')).body;
    const toDispatch = queueOf(answer, 'casesToDispatch');
    expect(toDispatch?.total).toBe(queue.total);
    expect(toDispatch!.items.map((i) => i.key)).toContain(caseIds.waiting);
    expect(toDispatch!.items.every((i) => queue.items.some((c: any) => c.id === i.key))).toBe(true);
    const waiting = toDispatch!.items.find((i) => i.key === caseIds.waiting);
    const summary = queue.items.find((c: any) => c.id === caseIds.waiting);
    expect(waiting.state).toEqual(summary.statusLabel);
    expect(waiting.category).toEqual(summary.categoryName);

    for (const [id, lights] of [
      ['casesOverdue', ['overdue']],
      ['casesNearDue', ['red', 'yellow']],
    ] as const) {
      let total = 0;
      for (const light of lights)
        total += (await dispatcher(`/api/cases?queue=all&slaLight=${light}&limit=200`)).body.total;
      expect(queueOf(answer, id)?.total ?? 0).toBe(total);
    }

    const supervision = (await dispatcher('/api/cases?queue=supervisor&limit=200')).body;
    const queueSupervision = queueOf(answer, 'supervision');
    expect(queueSupervision?.total).toBe(supervision.total);
    const supervised = queueSupervision!.items.find((i) => i.key === caseIds.supervised);
    expect(supervised.detail.zh).toContain('提请督办');
    expect(supervised.unit.name).toBe((await dispatcher('/api/units/dept-education')).body.name);
    // The supervisor sees the same request to decide on.
    expect(queueOf(await work('supervisor'), 'supervision')?.items.map((i) => i.key)).toContain(
      caseIds.supervised,
    );
  });

  it('gives the office the versions in review and the amendment requests, with names', async () => {
    const admin = await as('admin');
    const setsOf = (body: any): any[] => (Array.isArray(body) ? body : body.items);
    const sets = setsOf((await admin('/api/rule-sets')).body);
    const published = sets.find((s) => s.versions.some((v: any) => v.status === 'published'))!;
    const base = published.versions.find((v: any) => v.status === 'published');
    const draft = await admin(`/api/rule-sets/${published.id}/drafts`, { basedOn: base.number });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const submitted = await admin(`/api/rule-sets/${published.id}/versions/${draft.body.number}/submit`, {
      revision: draft.body.revision,
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);

    // An amendment of a locked month's entry by the education bureau.
    const dept = await as('dept_user');
    const entries = (await dept('/api/performance/entries')).body;
    const list: any[] = Array.isArray(entries) ? entries : entries.items;
    const today = (await work('dept_user')).today;
    const locked = list.find((e) => e.period < monthBefore(today.slice(0, 7), 1));
    expect(locked).toBeDefined();
    const amended = await dept('/api/performance/amendments', {
      entryId: locked.id,
      values: locked.values,
      reason: '原填报数据有误',
    });
    expect(amended.status, JSON.stringify(amended.body)).toBe(201);

    for (const username of ['admin', 'admin2']) {
      const answer = await work(username);
      const versions = setsOf((await (await as(username))('/api/rule-sets')).body).flatMap((s: any) =>
        s.versions.filter((v: any) => v.status === 'inReview').map((v: any) => `${s.id}@${v.number}`),
      );
      const approvals = queueOf(answer, 'approvals');
      expect(
        approvals?.items
          .filter((i) => i.state.zh === '待审批')
          .map((i) => i.key)
          .sort(),
      ).toEqual(versions.sort());
      const mine = approvals!.items.find((i) => i.key === `${published.id}@${draft.body.number}`);
      expect(mine.link).toBe(`/rule-sets/${published.id}/${draft.body.number}/review`);
      expect(mine.detail.zh).toBe(username === 'admin' ? '由您提交：需另一位管理员审批' : '提交人 admin');

      const pending = (await (await as(username))('/api/performance/amendments?status=pending')).body.items;
      const amendments = queueOf(answer, 'amendments');
      expect(amendments?.total).toBe(pending.length);
      const item = amendments!.items.find((i) => i.key === amended.body.id);
      expect(item.unit).toEqual({
        id: 'dept-education',
        name: (await admin('/api/units/dept-education')).body.name,
      });
      expect(item.period).toBe(locked.period);
      expect(item.title.zh).not.toContain(locked.indicatorId);
      expect(item.link).toBe('/amendments');

      const dead = (await (await as(username))('/api/plugins/deliveries?status=dead&limit=200')).body;
      const deadList: any[] = Array.isArray(dead) ? dead : dead.items;
      expect(queueOf(answer, 'deadLetters')?.total ?? 0).toBe(deadList.length);
      expect(queueOf(answer, 'formsDue')).toBeUndefined();
    }
    // The unit user still sees none of it.
    const unit = await work('dept_user');
    expect(queueOf(unit, 'approvals')).toBeUndefined();
    expect(queueOf(unit, 'amendments')).toBeUndefined();
    // The auditor reads but decides nothing: no queues of decisions.
    const auditor = await work('auditor');
    expect(auditor.queues.map((q) => q.id)).toEqual([]);
  });
  it('a month later counts from the new day: the unit’s November forms are locked, its case is overdue', async () => {
    const before = await work('dept_user');
    await server.stop();
    const later = new Date(Date.parse(DEFAULT_SERVER_NOW) + 30 * 86_400_000).toISOString();
    server = await startServer({ dataDir, env: { BATON_NOW: later } });
    sessions.clear();
    const answer = await work('dept_user');
    expect(days(before.today, answer.today)).toBe(30);
    for (const item of queueOf(answer, 'formsDue')?.items ?? []) {
      const due = await (await as('dept_user'))(`/api/performance/forms-due?period=${item.period}`);
      expect(due.body.forms[0].status).not.toBe('locked');
      expect(item.daysLeft).toBe(days(answer.today, item.deadline));
    }
    // Months whose forms locked since are gone; months still open moved 30 days closer.
    for (const old of queueOf(before, 'formsDue')?.items ?? []) {
      const now = queueOf(answer, 'formsDue')?.items.find((item) => item.period === old.period);
      const due = await (await as('dept_user'))(`/api/performance/forms-due?period=${old.period}`);
      if (due.body.forms[0].status === 'locked') expect(now).toBeUndefined();
      else if (now) expect(now.daysLeft).toBe(old.daysLeft - 30);
    }
    // The education bureau's case, dispatched a month ago and never signed for, is overdue now.
    const overdue = (await (await as('dept_user'))('/api/cases?queue=unit&slaLight=overdue&limit=200')).body;
    expect(overdue.items.map((c: any) => c.id)).toContain(caseIds.education);
    const queue = queueOf(answer, 'casesOverdue');
    expect(queue?.total).toBe(overdue.total);
    const item = queue!.items.find((i) => i.key === caseIds.education);
    expect(item.tone).toBe('overdue');
    expect(item.daysLeft).toBeLessThan(0);
    const summary = overdue.items.find((c: any) => c.id === caseIds.education);
    expect(item.deadline).toBe(summary.dueAt);
    // The dispatch centre sees the district's overdue cases, the street's among them.
    const dispatcher = await work('dispatcher');
    const districtOverdue = (
      await (
        await as('dispatcher')
      )('/api/cases?queue=all&slaLight=overdue&limit=200')
    ).body;
    expect(queueOf(dispatcher, 'casesOverdue')?.total).toBe(districtOverdue.total);
    expect(queueOf(dispatcher, 'casesOverdue')!.items.map((i) => i.key)).toEqual(
      expect.arrayContaining([caseIds.education, caseIds.street]),
    );
    // The street user still sees only the street's.
    const street = await work('street_user');
    const streetKeys = street.queues
      .filter((q) => q.id.startsWith('cases'))
      .flatMap((q) => q.items.map((i) => i.key));
    expect(streetKeys).toContain(caseIds.street);
    expect(streetKeys).not.toContain(caseIds.education);
  }, 180_000);
});
