/** @module Open311 GeoReport v2 over HTTP against a real server process: services, definitions, request create with an API key, lookups, tokens, search, error arrays. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/server.ts';

let server: RunningServer;
let apiKey = '';

async function json<T = any>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${path}`, init);
  return { status: response.status, body: (await response.json()) as T };
}

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

beforeAll(async () => {
  server = await startServer();
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: server.passwords.admin }),
  });
  expect(login.status).toBe(200);
  const cookie = /baton_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const created = await json('/api/api-keys', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: `baton_session=${cookie}`,
      'x-csrf-token': csrfToken,
    },
    body: JSON.stringify({ name: 'Open311 client', roles: ['plugin'] }),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  apiKey = created.body.key;
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('Open311 GeoReport v2', () => {
  it('lists the case categories as services', async () => {
    const { status, body } = await json('/open311/v2/services.json');
    expect(status).toBe(200);
    const noise = body.find((s: any) => s.service_code === 'environment.noise');
    expect(noise).toMatchObject({
      service_name: '噪音扰民',
      metadata: true,
      type: 'realtime',
      group: '市容环境',
    });
    expect(body.length).toBeGreaterThanOrEqual(40);
  });

  it('describes a service with attributes from its intake form', async () => {
    const { status, body } = await json('/open311/v2/services/environment.noise.json');
    expect(status).toBe(200);
    const period = body.attributes.find((a: any) => a.code === 'period');
    expect(period).toMatchObject({ datatype: 'singlevaluelist', required: true, variable: true });
    expect(period.values.map((v: any) => v.key)).toContain('白天');
    expect(body.attributes.some((a: any) => a.code === 'content')).toBe(false);
    const unknown = await json('/open311/v2/services/no.such.json');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual([{ code: 404, description: expect.any(String) }]);
  });

  it('creates a request with an API key and finds it by id, by token and by search', async () => {
    const created = await json(
      '/open311/v2/requests.json',
      form({
        api_key: apiKey,
        service_code: 'environment.noise',
        description: '小区旁工地夜间施工噪音扰民',
        'attribute[period]': '夜间（22时至次日6时）',
        address_string: '新华街道和平里社区',
        lat: '39.91',
        long: '116.40',
        last_name: '王',
        first_name: '先生',
        phone: '13800000000',
      }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const [{ service_request_id: number, token }] = created.body;
    expect(number).toMatch(/^\d{4}-\d{6}$/);
    expect(token).toEqual(expect.any(String));

    const one = await json(`/open311/v2/requests/${number}.json`);
    expect(one.status).toBe(200);
    expect(one.body[0]).toMatchObject({
      service_request_id: number,
      status: 'open',
      service_code: 'environment.noise',
      address: '新华街道和平里社区',
      lat: 39.91,
      long: 116.4,
    });
    expect(one.body[0].agency_responsible).toEqual(expect.any(String));

    const byToken = await json(`/open311/v2/tokens/${token}.json`);
    expect(byToken.body).toEqual([{ service_request_id: number, token }]);

    const byIds = await json(`/open311/v2/requests.json?service_request_id=${number},2026-999999`);
    expect(byIds.body.map((r: any) => r.service_request_id)).toEqual([number]);

    const searched = await json('/open311/v2/requests.json?service_code=environment.noise&status=open');
    expect(searched.status).toBe(200);
    expect(searched.body.some((r: any) => r.service_request_id === number)).toBe(true);
    expect(
      searched.body.every((r: any) => r.service_code === 'environment.noise' && r.status === 'open'),
    ).toBe(true);
    const closedOnly = await json('/open311/v2/requests.json?service_code=environment.noise&status=closed');
    expect(closedOnly.body.some((r: any) => r.service_request_id === number)).toBe(false);
  });

  it('answers errors as Open311 arrays', async () => {
    const noKey = await json(
      '/open311/v2/requests.json',
      form({ service_code: 'environment.noise', description: '噪音' }),
    );
    expect(noKey.status).toBe(403);
    expect(noKey.body).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);

    const badKey = await json(
      '/open311/v2/requests.json',
      form({ api_key: 'bk_nope_nope', service_code: 'environment.noise', description: '噪音' }),
    );
    expect(badKey.status).toBe(403);

    const noService = await json('/open311/v2/requests.json', form({ api_key: apiKey, description: '噪音' }));
    expect(noService.status).toBe(400);
    expect(noService.body).toEqual([{ code: 400, description: expect.stringContaining('service_code') }]);

    const invalid = await json(
      '/open311/v2/requests.json',
      form({ api_key: apiKey, service_code: 'environment.noise', description: '噪音' }),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body[0].code).toBe(400);

    const missing = await json('/open311/v2/requests/2026-999999.json');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual([{ code: 404, description: expect.any(String) }]);

    const badStatus = await json('/open311/v2/requests.json?status=pending');
    expect(badStatus.status).toBe(400);
    expect(badStatus.body[0].code).toBe(400);
  });
});
