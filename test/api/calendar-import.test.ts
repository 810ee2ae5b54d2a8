/** @module POST /api/calendars/import: the studio's upload of holiday-cn JSON / iCalendar files into a calendar document, with permissions and bilingual errors. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/api-app.ts';

const root = resolve(import.meta.dirname, '../..');
const sample = (name: string) => readFileSync(resolve(root, 'test/fixtures/holiday-cn', name), 'utf8');
const seed = JSON.parse(readFileSync(resolve(root, 'seeds/calendars/cn-2026.json'), 'utf8'));
let t: TestApp;

async function post(user: string, json: unknown, lang = 'zh-CN') {
  const { cookie, csrfToken } = await t.login(user);
  const response = await t.request('/api/calendars/import', {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken, 'accept-language': lang },
    json,
  });
  return { status: response.status, body: (await response.json()) as any };
}

beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('POST /api/calendars/import', () => {
  it('turns an uploaded 2026.ics into a calendar covering 2026 with every listed day', async () => {
    const { status, body } = await post('admin', {
      files: [{ fileName: '2026.ics', content: sample('2026.ics') }],
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ format: 'ical', years: [2026], warnings: [] });
    expect(body.calendar).toMatchObject({
      kind: 'calendar',
      id: 'cn-2026',
      coverage: { from: 2026, to: 2026 },
    });
    expect(body.days).toContainEqual({ date: '2026-02-17', type: 'holiday', name: '春节' });
    expect(body.days).toContainEqual({ date: '2026-02-28', type: 'workingDay', name: '春节调休' });
    expect(body.days).toHaveLength(39); // as many as 2026.json lists
  });

  it('merges an uploaded holiday-cn year into the draft calendar given as base', async () => {
    const { status, body } = await post('admin', {
      files: [{ fileName: '2025.json', content: sample('2025.json') }],
      base: seed,
      merge: true,
    });
    expect(status).toBe(200);
    expect(body.calendar).toMatchObject({ id: 'cn-2026', coverage: { from: 2025, to: 2026 } });
    expect(body.days.some((d: { date: string }) => d.date.startsWith('2025'))).toBe(true);
    expect(body.days.some((d: { date: string }) => d.date.startsWith('2026'))).toBe(true);
  });

  it('refuses the unpublished 2027 file with 400 calendar.import_empty in the caller’s language', async () => {
    const zh = await post('admin', { files: [{ fileName: '2027.json', content: sample('2027.json') }] });
    expect(zh.status).toBe(400);
    expect(zh.body.error.code).toBe('calendar.import_empty');
    expect(zh.body.error.message).toContain('尚未公布');
    const en = await post('admin', { files: [{ content: sample('2027.json') }] }, 'en');
    expect(en.body.error.message).toContain('has not been published yet');
  });

  it('refuses a broken base calendar and garbage files with 400', async () => {
    const broken = await post('admin', {
      files: [{ content: sample('2026.json') }],
      base: { kind: 'calendar' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('calendar.invalid');
    const garbage = await post('admin', { files: [{ content: 'hello' }] });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.code).toBe('calendar.import_format');
  });

  it('is for rule-set editors only', async () => {
    const { status } = await post('dispatcher', { files: [{ content: sample('2026.json') }] });
    expect(status).toBe(403);
  });
});
