/** @module Units over HTTP, including unit scoping for unit users. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/api-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const get = async (path: string, username: string) => {
  const { cookie } = await t.login(username);
  return t.request(path, { headers: { cookie } });
};

describe('units', () => {
  it('lists every demo unit to an admin, with all kinds and peer groups', async () => {
    const response = await get('/api/units', 'admin');
    expect(response.status).toBe(200);
    const units = (await response.json()) as {
      kind: string;
      peerGroup: string | null;
      parentId: string | null;
    }[];
    expect(units).toHaveLength(76);
    const kinds = new Set(units.map((unit) => unit.kind));
    expect([...kinds].sort()).toEqual(['city_office', 'community', 'department', 'street', 'third_party']);
    expect(new Set(units.map((unit) => unit.peerGroup))).toEqual(
      new Set(['departments', 'streets', 'communities', 'third-parties', null]),
    );
    expect(
      units.filter((unit) => unit.kind === 'community').every((unit) => unit.parentId?.startsWith('street-')),
    ).toBe(true);
  });

  it('lists only its own street and the communities below it to a street user', async () => {
    const response = await get('/api/units', 'street_user');
    const units = (await response.json()) as { id: string }[];
    expect(units.map((unit) => unit.id)).toEqual([
      'street-xinhua',
      'comm-xinhua-1',
      'comm-xinhua-2',
      'comm-xinhua-3',
    ]);
  });

  it('gives a unit user its own unit and its descendants but 403 on another unit', async () => {
    expect((await get('/api/units/street-xinhua', 'street_user')).status).toBe(200);
    expect((await get('/api/units/comm-xinhua-2', 'street_user')).status).toBe(200);
    const other = await get('/api/units/street-dongcheng', 'street_user');
    expect(other.status).toBe(403);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('unit.out_of_scope');
    expect((await get('/api/units/street-xinhua', 'dept_user')).status).toBe(403);
    const own = await get('/api/units/dept-education', 'dept_user');
    expect(await own.json()).toMatchObject({
      id: 'dept-education',
      name: '教育局',
      nameEn: 'Education Bureau',
    });
  });

  it('lets every non-unit role read any unit', async () => {
    for (const username of ['admin', 'dispatcher', 'supervisor', 'reviewer', 'auditor']) {
      expect((await get('/api/units/street-dongcheng', username)).status).toBe(200);
    }
  });

  it('answers 404 with a localized message for a unit that does not exist', async () => {
    const { cookie } = await t.login('admin');
    const response = await t.request('/api/units/nowhere', { headers: { cookie, 'accept-language': 'en' } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'unit.not_found', message: 'Unit "nowhere" does not exist.' },
    });
  });
});
