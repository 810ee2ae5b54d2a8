/** @module API tests of performance management: entries, deadlines, amendments, scoping, scores, lights, rankings, reports, what-if, ledger integrity. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/api-app.ts';
import { admin, publishAssessmentWithHistory } from '../support/assessment-history.ts';

let t: TestApp;
let street: { cookie: string; csrfToken: string };
let office: { cookie: string; csrfToken: string };

const get = (who: { cookie: string }, path: string, lang = 'en') =>
  t.request(path, { headers: { cookie: who.cookie, 'accept-language': lang } });
const post = (who: { cookie: string; csrfToken: string }, path: string, json: unknown, lang = 'en') =>
  t.request(path, {
    method: 'POST',
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, 'accept-language': lang },
    json,
  });

beforeAll(async () => {
  t = await createTestApp();
  // The server's "today": November's form is open until 2026-12-15, October's is locked.
  t.clock.advance(Date.parse('2026-11-25T02:00:00Z') - t.clock.now().getTime());
  const { seeded } = await publishAssessmentWithHistory(t);
  expect(seeded?.entries).toBeGreaterThan(20_000);
  expect(seeded?.skippedFuture).toBeGreaterThan(0);
  street = await t.login('street_user');
  office = await t.login('admin');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

async function firstFormDue(period: string) {
  const res = await get(street, `/api/performance/forms-due?period=${period}`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as {
    forms: {
      indicatorId: string;
      status: string;
      entry: { id: string; values: Record<string, unknown> } | null;
    }[];
  };
  return body.forms.find((f) => f.indicatorId === 'ind-econ-1-1') ?? body.forms[0]!;
}

describe('performance API', () => {
  it('lists the unit’s November form as open and accepts a valid entry with the score recomputed', async () => {
    const form = await firstFormDue('2026-11');
    expect(form.status).toBe('open');
    expect(form.entry).toBeNull();
    const schema = (await (
      await get(street, `/api/performance/forms/${form.indicatorId}?period=2026-11`)
    ).json()) as { schema: { required: string[] }; ruleSetVersion: number };
    expect(schema.schema.required).toContain('done');
    // `wait`: answer once the background recompute wrote the entry's scores.
    const res = await post(street, '/api/performance/entries?wait=true', {
      indicatorId: form.indicatorId,
      period: '2026-11',
      values: { done: 4000 },
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      entry: { ruleSetVersion: number; isLate: boolean; unitId: string };
      score: { status: string; trace: { ruleSet: string } };
      changed: { scores: number };
    };
    expect(body.entry).toMatchObject({ ruleSetVersion: 1, isLate: false, unitId: 'street-xinhua' });
    expect(body.score.status).toBe('scored');
    expect(body.score.trace.ruleSet).toBe('district-2026@1');
    expect(body.changed.scores).toBeGreaterThan(0);
    const scores = (await (
      await get(street, '/api/performance/scores?period=2026-11&indicatorId=ind-econ-1-1')
    ).json()) as { scores: { status: string }[] };
    expect(scores.scores[0]!.status).toBe('scored');
  });

  it('refuses invalid values with field paths and messages in English and Chinese', async () => {
    const en = await post(street, '/api/performance/entries', {
      indicatorId: 'ind-econ-1-1',
      period: '2026-11',
      values: { done: -5 },
    });
    expect(en.status).toBe(400);
    const enBody = (await en.json()) as {
      error: { code: string; path: string; details: { issues: { path: string; messageZh: string }[] } };
    };
    expect(enBody.error.code).toBe('entry.invalid');
    expect(enBody.error.path).toBe('/done');
    expect(enBody.error.details.issues[0]!.path).toBe('/done');
    const zh = await post(
      street,
      '/api/performance/entries',
      { indicatorId: 'ind-econ-1-1', period: '2026-11', values: {} },
      'zh-CN',
    );
    expect(zh.status).toBe(400);
    const zhBody = (await zh.json()) as {
      error: { message: string; details: { issues: { path: string; messageZh: string }[] } };
    };
    expect(zhBody.error.message).toContain('填报内容有误');
    expect(zhBody.error.details.issues[0]).toMatchObject({ path: '/done', messageZh: '必填项' });
  });

  it('refuses a new entry for a locked period with ledger.locked', async () => {
    const form = await firstFormDue('2026-10');
    expect(form.status).toBe('locked');
    const res = await post(street, '/api/performance/entries', {
      indicatorId: form.indicatorId,
      period: '2026-10',
      values: { done: 1 },
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ledger.locked');
  });

  it('changes a locked entry only through an approved amendment, keeping both versions', async () => {
    const form = await firstFormDue('2026-10');
    const oldId = form.entry!.id;
    const before = (await (
      await get(street, '/api/performance/scores?period=2026-10&indicatorId=ind-econ-1-1')
    ).json()) as { scores: { points: number }[] };
    const requested = await post(street, '/api/performance/amendments', {
      entryId: oldId,
      values: { done: 1 },
      reason: 'Typo in the October report',
    });
    expect(requested.status).toBe(201);
    const amendment = (await requested.json()) as { id: string; status: string };
    expect(amendment.status).toBe('pending');
    const streetDecides = await post(street, `/api/performance/amendments/${amendment.id}/decision`, {
      decision: 'approve',
    });
    expect(streetDecides.status).toBe(403);
    const decided = await post(office, `/api/performance/amendments/${amendment.id}/decision?wait=true`, {
      decision: 'approve',
      note: 'ok',
    });
    expect(decided.status).toBe(200);
    const body = (await decided.json()) as {
      amendment: { status: string };
      entry: { id: string; supersedes: string; kind: string };
    };
    expect(body.amendment.status).toBe('approved');
    expect(body.entry).toMatchObject({ supersedes: oldId, kind: 'amendment' });
    const history = (await (
      await get(
        street,
        '/api/performance/entries?indicatorId=ind-econ-1-1&period=2026-10&includeSuperseded=true',
      )
    ).json()) as { items: { id: string; status: string }[] };
    expect(history.items.map((e) => [e.id, e.status])).toEqual([
      [body.entry.id, 'active'],
      [oldId, 'superseded'],
    ]);
    const after = (await (
      await get(street, '/api/performance/scores?period=2026-10&indicatorId=ind-econ-1-1')
    ).json()) as { scores: { points: number }[] };
    expect(after.scores[0]!.points).not.toBe(before.scores[0]!.points);
  });

  it('answers 403 when a unit user reads another unit’s scores or entries', async () => {
    expect((await get(street, '/api/performance/scores?unitId=dept-education&period=2026-10')).status).toBe(
      403,
    );
    expect((await get(street, '/api/performance/entries?unitId=dept-education')).status).toBe(403);
    expect((await get(office, '/api/performance/scores?unitId=dept-education&period=2026-10')).status).toBe(
      200,
    );
  });

  it('explains a score with an operator trace naming the rule-set version', async () => {
    const res = await get(
      office,
      '/api/performance/scores?unitId=dept-education&period=2026-09&indicatorId=ind-econ-1-1&explain=true',
    );
    const body = (await res.json()) as {
      ruleSet: string;
      scores: { trace: { ruleSet: string; ruleTrace?: unknown; inputs: unknown } }[];
    };
    expect(body.ruleSet).toBe('district-2026@1');
    expect(body.scores[0]!.trace.ruleSet).toBe('district-2026@1');
    expect(body.scores[0]!.trace.ruleTrace).toBeDefined();
  });

  it('shows grey lights before any data is reported', async () => {
    const res = await get(office, '/api/performance/lights?asOf=2026-01-05');
    const body = (await res.json()) as { lights: { colour: string; actual: number | null }[] };
    const noData = body.lights.filter((l) => l.actual === null);
    expect(noData.length).toBeGreaterThan(0);
    expect(noData.every((l) => l.colour === 'grey')).toBe(true);
    const later = (await (await get(office, '/api/performance/lights?asOf=2026-09-30')).json()) as {
      lights: { colour: string }[];
    };
    expect(later.lights.some((l) => l.colour !== 'grey')).toBe(true);
  });

  it('ranks peer groups with competition ranks (ties share a rank)', async () => {
    const body = (await (await get(street, '/api/performance/rankings?period=2026-09')).json()) as {
      groups: { group: string; rows: { rank: number; total: number }[] }[];
    };
    expect(body.groups.length).toBeGreaterThan(1);
    for (const { rows } of body.groups)
      rows.forEach((row, i) => {
        const expected = i > 0 && rows[i - 1]!.total === row.total ? rows[i - 1]!.rank : i + 1;
        expect(row.rank).toBe(expected);
      });
  });

  it('exports the unit report as CSV and a printable HTML page, and the district ranking as CSV', async () => {
    const csv = await get(street, '/api/performance/reports/unit?period=2026-09&format=csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await csv.text()).split('\r\n')[0]).toBe(
      'unitId,period,indicatorId,code,nameZh,nameEn,points,maxScore,pointsLost,status',
    );
    const html = await get(street, '/api/performance/reports/unit?period=2026-09&format=html');
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('<html');
    const district = await get(office, '/api/performance/reports/district?period=2026-09&format=csv');
    expect((await district.text()).startsWith('rank,unitId,nameZh,nameEn,total,grade,vetoed')).toBe(true);
  });

  it('runs a what-if of a draft changing a weight and a formula with deltas on the affected indicators only', async () => {
    const draft = await t.ops.createDraft({ actor: admin('admin'), ruleSetId: 'district-2026', basedOn: 1 });
    const content = structuredClone(draft.content) as { documents: Record<string, unknown>[] };
    const changed = ['ind-econ-1-1', 'ind-econ-1-3'];
    for (const doc of content.documents) {
      if (doc.id === 'ind-econ-1-1')
        doc.scoringRule = {
          '*': [
            0.5,
            {
              round_to: [
                {
                  completion_ratio: [
                    { var: 'entry.done' },
                    { expected_by_month: [{ var: 'target' }, { var: 'month' }] },
                  ],
                },
                1,
                'half_even',
              ],
            },
          ],
        };
      if (doc.id === 'ind-econ-1-3') doc.weight = 0.4;
    }
    await t.ops.replaceDraftContent({
      actor: admin('admin'),
      ruleSetId: 'district-2026',
      number: draft.number,
      ifRevision: draft.revision,
      content,
    });
    const res = await post(office, '/api/performance/what-if', {
      ruleSetId: 'district-2026',
      draftVersion: draft.number,
      periods: ['2026-09'],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      indicators: { indicatorId: string; weightedDelta: number; meanPointsDelta: number }[];
      maxAbsDelta: number;
    };
    expect(body.maxAbsDelta).toBeGreaterThan(0);
    const moved = body.indicators.filter((i) => Math.abs(i.meanPointsDelta) > 1e-9);
    expect(moved.map((i) => i.indicatorId)).toEqual(['ind-econ-1-1']);
    expect(body.indicators.find((i) => i.indicatorId === 'ind-econ-1-1')!.weightedDelta).not.toBe(0);
  });

  it('keeps ledger entries append-only: a raw UPDATE or DELETE fails', async () => {
    await expect(t.store.write("UPDATE ledger_entries SET values_json = '{}'")).rejects.toThrow(
      /append-only/,
    );
    await expect(t.store.write('DELETE FROM ledger_entries')).rejects.toThrow(/append-only/);
  });

  it('stores an attachment once per content hash', async () => {
    const contentBase64 = Buffer.from('certified document 2026').toString('base64');
    const first = await post(street, '/api/performance/attachments', {
      name: 'a.pdf',
      mime: 'application/pdf',
      contentBase64,
    });
    expect(first.status).toBe(201);
    const a = (await first.json()) as { sha256: string; isDuplicate: boolean };
    expect(a.isDuplicate).toBe(false);
    const second = (await (
      await post(street, '/api/performance/attachments', {
        name: 'copy.pdf',
        mime: 'application/pdf',
        contentBase64,
      })
    ).json()) as { sha256: string; isDuplicate: boolean };
    expect(second).toMatchObject({ sha256: a.sha256, isDuplicate: true });
    const rows = await t.store.read('SELECT count(*) AS n FROM attachments WHERE sha256 = ?', [a.sha256]);
    expect(Number(rows[0]!.n)).toBe(1);
    const download = await get(street, `/api/performance/attachments/${a.sha256}`);
    expect(await download.text()).toBe('certified document 2026');
  });
});
