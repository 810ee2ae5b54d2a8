/** @module Role × attachment access matrix: unit users read only files of their unit subtree (uploaded there or cited by its entries); roles that read every unit read all; citing another unit's sha256 does not make it readable. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/api-app.ts';
import { admin, publishFullAssessment } from '../support/assessment-history.ts';

let t: TestApp;
type Session = { cookie: string; csrfToken: string };
const sessions: Record<string, Session> = {};
const files: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };

const post = (who: Session, path: string, json: unknown) =>
  t.request(path, {
    method: 'POST',
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, 'accept-language': 'en' },
    json,
  });

const upload = async (who: Session, text: string) => {
  const res = await post(who, '/api/performance/attachments', {
    name: `${text}.txt`,
    mime: 'text/plain',
    contentBase64: Buffer.from(text).toString('base64'),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { sha256: string; isDuplicate: boolean };
};

const signIn = async (username: string, password: string): Promise<Session> => {
  const res = await t.request('/api/auth/login', {
    method: 'POST',
    headers: { 'x-forwarded-for': `198.51.100.${Object.keys(sessions).length + 10}` },
    json: { username, password },
  });
  expect(res.status).toBe(200);
  const cookie = /baton_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
  return { cookie, csrfToken: ((await res.json()) as { csrfToken: string }).csrfToken };
};

beforeAll(async () => {
  t = await createTestApp();
  // Every test sets its own clock: November's form is open.
  t.clock.advance(Date.parse('2026-11-25T02:00:00Z') - t.clock.now().getTime());
  const draft = await publishFullAssessment(t);

  for (const user of ['admin', 'auditor', 'reviewer', 'supervisor', 'dispatcher', 'street_user', 'dept_user'])
    sessions[user] = await t.login(user, `198.51.100.${Object.keys(sessions).length + 1}`);
  // A second user of the same street, and a user of one of its communities (a child unit).
  for (const [username, unitId] of [
    ['xinhua_2', 'street-xinhua'],
    ['comm_user', 'comm-xinhua-1'],
  ] as const) {
    const { password } = await t.ops.createUser({ actor: admin('admin'), username, roles: ['unit'], unitId });
    sessions[username] = await signIn(username, password);
  }

  files.A = (await upload(sessions.street_user!, 'street xinhua report')).sha256;
  files.B = (await upload(sessions.dept_user!, 'education bureau report')).sha256;
  files.C = (await upload(sessions.admin!, 'community certificate')).sha256;
  files.D = (await upload(sessions.admin!, 'office memo')).sha256;
  // The street's entry cites A through the API; a community entry cites C (appended directly).
  const entry = await post(sessions.street_user!, '/api/performance/entries', {
    indicatorId: 'ind-econ-1-1',
    period: '2026-11',
    values: { done: 4000 },
    attachments: [files.A],
  });
  expect(entry.status, await entry.clone().text()).toBe(201);
  await t.store.ledger.appendEntries([
    {
      id: 'ent-attachment-matrix-c',
      unitId: 'comm-xinhua-1',
      indicatorId: 'ind-econ-1-1',
      period: '2026-10',
      values: { done: 1 },
      ruleSetId: draft.ruleSetId,
      ruleSetVersion: draft.number,
      submittedBy: 'comm_user',
      submittedAt: '2026-11-02T01:00:00.000Z',
      isLate: false,
      supersedes: null,
      kind: 'submitted',
      attachments: [files.C],
    },
  ]);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

// 200: may read; 404: same answer as a missing file (existence is not revealed).
const MATRIX: Record<string, Record<'A' | 'B' | 'C' | 'D', 200 | 404>> = {
  admin: { A: 200, B: 200, C: 200, D: 200 },
  auditor: { A: 200, B: 200, C: 200, D: 200 },
  reviewer: { A: 200, B: 200, C: 200, D: 200 },
  supervisor: { A: 200, B: 200, C: 200, D: 200 },
  dispatcher: { A: 200, B: 200, C: 200, D: 200 },
  // A: own upload and own entry; C: cited by an entry of a community below the street.
  street_user: { A: 200, B: 404, C: 200, D: 404 },
  // A: uploaded by a user of the same unit.
  xinhua_2: { A: 200, B: 404, C: 200, D: 404 },
  dept_user: { A: 404, B: 200, C: 404, D: 404 },
  // The community sees its own subtree only, not its parent street's files.
  comm_user: { A: 404, B: 404, C: 200, D: 404 },
};

describe('attachment access by role and unit', () => {
  for (const [user, row] of Object.entries(MATRIX))
    it(`${user}: ${Object.entries(row)
      .map(([file, status]) => `${file}→${status}`)
      .join(' ')}`, async () => {
      for (const [file, expected] of Object.entries(row) as ['A' | 'B' | 'C' | 'D', number][]) {
        const res = await t.request(`/api/performance/attachments/${files[file]}`, {
          headers: { cookie: sessions[user]!.cookie },
        });
        expect(`${file}:${res.status}`).toBe(`${file}:${expected}`);
        if (expected === 404)
          expect(((await res.json()) as { error: { code: string } }).error.code).toBe('attachment.not_found');
      }
    });

  it('refuses an entry citing another unit’s sha256 as if the file were missing', async () => {
    const res = await post(sessions.dept_user!, '/api/performance/entries', {
      indicatorId: 'ind-econ-1-1',
      period: '2026-11',
      values: { done: 10 },
      attachments: [files.A],
    });
    const body = (await res.json()) as { error: { code: string } };
    expect([res.status, body.error.code]).toEqual([400, 'attachment.not_found']);
    const still = await t.request(`/api/performance/attachments/${files.A}`, {
      headers: { cookie: sessions.dept_user!.cookie },
    });
    expect(still.status).toBe(404);
  });

  it('lets a unit that uploads the same bytes again read them (it holds them)', async () => {
    const again = await upload(sessions.dept_user!, 'office memo');
    expect(again).toMatchObject({ sha256: files.D, isDuplicate: true });
    const res = await t.request(`/api/performance/attachments/${files.D}`, {
      headers: { cookie: sessions.dept_user!.cookie },
    });
    expect([res.status, await res.text()]).toEqual([200, 'office memo']);
  });
});
