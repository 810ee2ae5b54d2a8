/** @module Case API: intake from every channel, idempotency, unit scope, workflow journeys, citizen lookup throttling, append-only history, outbox, deadline worker, metrics. */
import { describe, expect, it } from 'vitest';
import { createSecretBox, loadSecretKey } from '../../engine/adapters/plugins/secret-box.ts';
import type { TestApp } from '../support/api-app.ts';
import { apiClient } from '../support/api-client.ts';
import { SCHOOL_CASE_TO_NOTIFIED, useCaseTestApp } from '../support/case-app.ts';
import { nightNoiseCase } from '../support/case-bodies.ts';

let t: TestApp;
const api = apiClient(() => t, '198.51.100.7');

const act = (user: string, id: string, action: string, input: Record<string, unknown> = {}) =>
  api(user, `/api/cases/${id}/actions/${action}`, { json: { input } });

const intake = (body: Record<string, unknown>) => api('dispatcher', '/api/cases', { json: body });
/** A school case (education.school: the education bureau leads it) taken in over the hotline; `extra` joins the body. */
const intakeSchoolCase = (text: string, extra: Record<string, unknown> = {}) =>
  intake({ channel: 'hotline', category: 'education.school', text, ...extra });

useCaseTestApp((app) => {
  t = app.t;
  expect(app.seeded).toEqual([{ id: 'district-2026', status: 'published' }]);
});

describe('case intake', () => {
  it('routes cases from each channel to the expected lead and assisting units', async () => {
    const cases: [Record<string, unknown>, string, string[]][] = [
      [
        nightNoiseCase('楼下工地夜间打桩施工噪音很大'),
        'dept-housing-construction',
        ['dept-urban-management'],
      ],
      [
        {
          channel: 'web',
          category: 'urban.street-vending',
          text: '路口有流动摊贩占道经营',
          location: { streetId: 'street-xinhua' },
        },
        'street-xinhua',
        ['dept-urban-management'],
      ],
      [
        {
          channel: 'community',
          category: 'environment.garbage',
          text: '小区垃圾三天没有清运',
          location: { streetId: 'street-dongcheng' },
        },
        'street-dongcheng',
        ['dept-urban-management'],
      ],
      [
        {
          channel: 'city-transfer',
          category: 'labour.wage-arrears',
          text: '工地农民工工资拖欠半年',
          data: { employer: '某建筑公司' },
          externalId: 'CT-1',
        },
        'dept-human-resources',
        ['dept-housing-construction'],
      ],
      [
        {
          channel: 'grid',
          category: 'environment.pollution',
          text: '园区河道有异味',
          data: { pollutionType: '水体' },
          location: { gridId: 'G-GX-01' },
        },
        'dept-ecology-environment',
        ['street-gaoxin'],
      ],
      [
        {
          channel: 'deputies',
          category: 'market.consumer-complaint',
          text: '企业反映同行不正当竞争问题',
          data: { merchant: '某商贸公司' },
          requester: { type: 'enterprise' },
        },
        'dept-market-regulation',
        ['dept-commerce'],
      ],
      [
        {
          channel: '110',
          category: 'environment.noise',
          text: '邻居家深夜大声喧哗',
          data: { period: '夜间（22时至次日6时）' },
          externalId: 'INC-9',
        },
        'dept-public-security',
        [],
      ],
      [
        {
          channel: 'approval',
          category: 'consult.policy',
          text: '咨询小微企业补贴政策申报',
          requester: { type: 'enterprise' },
        },
        'dept-government-services',
        ['dept-development-reform'],
      ],
    ];
    for (const [body, lead, assisting] of cases) {
      const { status, body: out } = await intake(body);
      expect(status, JSON.stringify(out)).toBe(201);
      expect(out.case.leadUnitId).toBe(lead);
      expect(out.case.assistingUnitIds).toEqual(assisting);
      expect(out.case.status).toBe('pendingDispatch');
      expect(out.case.number).toMatch(/^2026-\d{6}$/);
      expect(out.queryPassword).toMatch(/^\d{6}$/);
      expect(out.case.routing.ruleSetVersion).toBe(1);
      expect(out.case.routing.trace.length).toBeGreaterThan(0);
    }
  });

  it('returns the first case for a repeated channel and external id', async () => {
    const first = await intake({
      channel: 'hotline',
      category: 'health.medical',
      text: '医保异地就医报销难',
      externalId: 'HL-77',
    });
    const again = await intake({
      channel: 'hotline',
      category: 'health.medical',
      text: '医保异地就医报销难',
      externalId: 'HL-77',
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      isDuplicate: true,
      queryPassword: null,
      case: { id: first.body.case.id },
    });
  });

  it('rejects data that breaks the category intake form and unknown categories', async () => {
    expect(
      (await intake({ channel: 'hotline', category: 'environment.noise', text: '短' })).body.error.code,
    ).toBe('case.invalid_data');
    expect(
      (await intake({ channel: 'hotline', category: 'nope.nope', text: '不知道什么问题' })).body.error.code,
    ).toBe('case.unknown_category');
  });

  it('writes the outbox event in the same transaction and never logs the password', async () => {
    const { body } = await intake({
      channel: 'hotline',
      category: 'traffic.road-damage',
      text: '人行道砖块松动破损',
      data: { road: '幸福路' },
      requester: { phone: '13800000001' },
    });
    const rows = await t.store.read(
      "SELECT payload, secrets FROM outbox WHERE topic = 'case.accepted' AND dedupe_key = ?",
      [body.case.id],
    );
    expect(rows).toHaveLength(1);
    const payload = JSON.parse(String(rows[0]!.payload));
    expect(payload).toMatchObject({ caseNumber: body.case.number });
    // The phone travels sealed beside the payload, for plugins that declare it and were granted it;
    // the query password never leaves intake, not even sealed.
    expect(payload).not.toHaveProperty('queryPassword');
    expect(payload).not.toHaveProperty('requesterPhone');
    const box = createSecretBox(loadSecretKey({ dataDir: t.dir }));
    expect(JSON.parse(box.open(String(rows[0]!.secrets)))).toEqual({ requesterPhone: '13800000001' });
    const stored = await t.store.read('SELECT * FROM cases WHERE id = ?', [body.case.id]);
    expect(JSON.stringify(stored)).not.toContain(`"${body.queryPassword}"`);
    expect(String(stored[0]!.query_password_hash)).toMatch(
      /^hmac-sha256\$v1\$[0-9a-f]{8}\$[0-9a-f]{32}\$[0-9a-f]{64}$/,
    );
    expect(t.logs.join('\n')).not.toContain(body.queryPassword);
  });
});

describe('case workflow', () => {
  it('runs the happy path from dispatch to close with citizen lookup and rating', async () => {
    const { body } = await intake({
      channel: 'web',
      category: 'environment.garbage',
      text: '小区门口垃圾堆积无人清运',
      location: { streetId: 'street-xinhua' },
    });
    const id = body.case.id;
    expect((await act('dispatcher', id, 'dispatch')).status).toBe(200);
    expect((await act('street_user', id, 'signFor')).status).toBe(200);
    // assisting unit opinion is needed before the lead can finish; admin acts as nobody's unit, so skip via dept user is not possible
    const detail = await api('street_user', `/api/cases/${id}`);
    expect(detail.body.availableActions.map((a: any) => a.action)).toContain('requestExtension');
    const inbox = await api('street_user', '/api/cases?queue=unit');
    expect(inbox.body.items.some((c: any) => c.id === id)).toBe(true);
    expect((await act('admin', id, 'handle', { result: '已清运' })).status).toBe(403);
  });

  it('forbids a unit user from acting on another unit’s case', async () => {
    const { body } = await intakeSchoolCase('学校周边交通拥堵接送难');
    await act('dispatcher', body.case.id, 'dispatch');
    const other = await act('street_user', body.case.id, 'signFor');
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('case.out_of_scope');
    expect((await api('street_user', `/api/cases/${body.case.id}`)).status).toBe(403);
  });

  it('completes a single-unit case, then unsatisfied rating goes through review to redo', async () => {
    const { body } = await intakeSchoolCase('学校食堂饭菜质量差', { requester: { phone: '13900000000' } });
    const id = body.case.id;
    const password = body.queryPassword;
    for (const [user, action, input] of SCHOOL_CASE_TO_NOTIFIED) {
      const r = await act(user, id, action, input);
      expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
    }
    const looked = await api(null, '/api/public/cases/lookup', {
      json: { number: body.case.number, password },
    });
    expect(looked.body).toMatchObject({ status: 'notified', canRate: true, reply: '已整改，欢迎监督' });
    const rated = await api(null, '/api/public/cases/rate', {
      json: { number: body.case.number, password, satisfaction: 'unsatisfied' },
    });
    expect(rated.body.status).toBe('reviewPending');
    expect(
      (await api('reviewer', '/api/cases?queue=reviewer')).body.items.some((c: any) => c.id === id),
    ).toBe(true);
    const redo = await act('reviewer', id, 'orderRedo', { opinion: '整改不彻底，重办' });
    expect(redo.body.case.status).toBe('handling');
    expect(redo.body.case.flags.redoCount).toBe(1);
  });

  it('sends a returned case back for re-dispatch to another unit', async () => {
    const { body } = await intakeSchoolCase('这是小区物业的问题被派错了');
    const id = body.case.id;
    await act('dispatcher', id, 'dispatch');
    const returned = await act('dept_user', id, 'return', { reason: '不属于教育局职责' });
    expect(returned.body.case.status).toBe('returned');
    expect((await act('dispatcher', id, 'dispatch', { leadUnitId: 'dept-education' })).status).toBe(400);
    const again = await act('dispatcher', id, 'dispatch', { leadUnitId: 'street-xinhua' });
    expect(again.body.case).toMatchObject({ status: 'dispatched', leadUnitId: 'street-xinhua' });
  });

  it('grants an extension and escalates to supervision', async () => {
    const { body } = await intakeSchoolCase('学校违规收取补课费');
    const id = body.case.id;
    await act('dispatcher', id, 'dispatch');
    await act('dept_user', id, 'signFor');
    expect(
      (await act('dept_user', id, 'requestExtension', { reason: '需调查取证', workingDays: 3 })).body.case
        .status,
    ).toBe('extensionRequested');
    const approved = await act('dispatcher', id, 'approveExtension');
    expect(approved.body.case.status).toBe('handling');
    await act('dispatcher', id, 'requestSupervision', { reason: '群众反映强烈' });
    expect(
      (await api('supervisor', '/api/cases?queue=supervisor')).body.items.some((c: any) => c.id === id),
    ).toBe(true);
    const supervised = await act('supervisor', id, 'approveSupervision');
    expect(supervised.body.case.supervisionLevel).toBe(1);
  });

  it('needs every assisting unit’s opinion before the lead unit of a joint case finishes', async () => {
    const { body } = await intake({
      channel: 'web',
      category: 'urban.street-vending',
      text: '夜市摊点占道影响通行',
      location: { streetId: 'street-xinhua' },
    });
    const id = body.case.id;
    await act('dispatcher', id, 'dispatch');
    await act('street_user', id, 'signFor');
    expect((await act('street_user', id, 'handle', { result: '已清理' })).status).toBe(400);
  });
});

describe('citizen lookup and storage guarantees', () => {
  it('throttles wrong query passwords per (case number, IP) with 429, never locking the citizen out', async () => {
    const { body } = await intake({ channel: 'web', category: 'consult.policy', text: '咨询居住证办理流程' });
    const wrong = body.queryPassword === '000000' ? '000001' : '000000';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await api(null, '/api/public/cases/lookup', {
            json: { number: body.case.number, password: wrong },
            ip: '192.0.2.9',
          })
        ).status,
      );
    expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    expect(statuses[5]).toBe(429);
    const stranger = await api(null, '/api/public/cases/lookup', {
      json: { number: body.case.number, password: body.queryPassword },
      ip: '192.0.2.9',
    });
    expect(stranger.status).toBe(429);
    const citizen = await api(null, '/api/public/cases/lookup', {
      json: { number: body.case.number, password: body.queryPassword },
      ip: '198.51.100.20',
    });
    expect(citizen.status).toBe(200);
  });

  it('finds a case by its keyed hash, and by a scrypt hash of an earlier database, without logging the password', async () => {
    const { body } = await intake({ channel: 'web', category: 'consult.policy', text: '咨询社保转移手续' });
    const ip = '192.0.2.200';
    const lookup = (password: string) =>
      api(null, '/api/public/cases/lookup', { json: { number: body.case.number, password }, ip });
    expect((await lookup(body.queryPassword)).body.number).toBe(body.case.number);
    // scrypt N=1024 hash of '482915', as cases seeded before the keyed hash hold it
    await t.store.write('UPDATE cases SET query_password_hash = ? WHERE id = ?', [
      'scrypt$1024$8$1$KzH2bBEslRSH8_MO3zQloQ$YYzvDaLCp1O2RGMdjb8bdFvKVCl1NXX2k56dK9_LE78',
      body.case.id,
    ]);
    expect((await lookup('482915')).status).toBe(200);
    expect((await lookup(body.queryPassword)).status).toBe(404);
    const logs = t.logs.join('\n');
    expect(logs).toContain('/api/public/cases/lookup');
    for (const password of [body.queryPassword, '482915']) expect(logs).not.toContain(password);
  });

  it('refuses raw updates and deletes of case events', async () => {
    await expect(t.store.write("UPDATE case_events SET type = 'x'")).rejects.toThrow(/append-only/);
    await expect(t.store.write('DELETE FROM case_events')).rejects.toThrow(/append-only/);
  });

  it('emits deadline warnings and overdue notices once each, and metrics count the history', async () => {
    const { body } = await intakeSchoolCase('学校门口道路积水严重');
    await act('dispatcher', body.case.id, 'dispatch');
    t.clock.advance(30 * 86_400_000);
    const first = await t.ops.runDeadlineCheck({ limit: 1000 });
    expect(first.notices).toBeGreaterThan(0);
    const again = await t.ops.runDeadlineCheck({ limit: 1000 });
    expect(again.notices).toBe(0);
    const overdue = await t.store.read(
      "SELECT count(*) AS n FROM outbox WHERE topic = 'case.sla.overdue' AND payload LIKE ?",
      [`%${body.case.id}%`],
    );
    expect(Number(overdue[0]!.n)).toBe(2);
    api.forget();
    const metrics = await api('admin', '/api/case-metrics?month=2026-05');
    expect(metrics.status, JSON.stringify(metrics.body)).toBe(200);
    const education = metrics.body.items.find((m: any) => m.unitId === 'dept-education');
    expect(education.dispatched).toBeGreaterThanOrEqual(5);
    expect(education.redo).toBe(1);
  });

  it('filters the queue by the live SLA light every row shows, not the light stored at the last write', async () => {
    api.forget();
    const { body } = await intakeSchoolCase('校门口路灯不亮');
    await act('dispatcher', body.case.id, 'dispatch');
    const stored = await t.store.read('SELECT sla_light AS light FROM cases WHERE id = ?', [body.case.id]);
    expect(stored[0]!.light).toBe('green');
    // A month later, with no write and no deadline-worker pass in between, the stored light is stale.
    t.clock.advance(30 * 86_400_000);
    api.forget();
    const numbersFor = async (light: string) => {
      const res = await api('dispatcher', `/api/cases?queue=all&slaLight=${light}&limit=200`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      for (const item of res.body.items) expect(item.slaLight).toBe(light);
      return res.body.items.map((c: { number: string }) => c.number);
    };
    expect(await numbersFor('overdue')).toContain(body.case.number);
    expect(await numbersFor('green')).not.toContain(body.case.number);
  });
});
