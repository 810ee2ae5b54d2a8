/** @module Open311 GeoReport v2 over HTTP against a real server process: services, definitions, typed attributes for every category, search filters, ids that cannot be guessed, what is public, errors, and bad bodies that stay 4xx. */
import { beforeAll, describe, expect, it } from 'vitest';
import { serverNow } from '../support/server.ts';
import {
  act,
  caseNumberOf,
  createApiKey,
  expectSchema,
  parseXml,
  staff,
  useOpen311Server,
  xmlItems,
} from './open311-support.ts';

let apiKey = '';
let auditorKey = '';
let unitKey = '';

interface Reply<T = any> {
  status: number;
  contentType: string;
  text: string;
  body: T;
}

async function call<T = any>(path: string, init: RequestInit = {}): Promise<Reply<T>> {
  const response = await fetch(`${open311.server.url}${path}`, init);
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  let body: any = null;
  if (contentType.startsWith('application/json')) body = JSON.parse(text);
  return { status: response.status, contentType, text, body };
}

const form = (fields: Record<string, string | string[]>): RequestInit => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) params.append(k, one);
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: params.toString(),
  };
};

const jsonBody = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** Fails unless the reply is an Open311 error list with `status` (JSON), or `<errors>` (XML). */
function expectOpen311Error(reply: Reply, status: number): void {
  expect(reply.status, reply.text.slice(0, 300)).toBe(status);
  if (reply.contentType.startsWith('text/xml')) {
    const [error] = xmlItems(reply.text, 'errors', 'error');
    expect(error!.code).toBe(String(status));
    expect(error!.description.length).toBeGreaterThan(0);
  } else {
    expectSchema('errors', reply.body);
    expect(reply.body[0].code).toBe(status);
  }
}

/** Creates a request with the API key; answers the opaque id and the case number. */
async function create(
  fields: Record<string, string | string[]>,
  key = apiKey,
): Promise<{ id: string; number: string }> {
  const reply = await call('/open311/v2/requests.json', form({ api_key: key, ...fields }));
  expect(reply.status, reply.text).toBe(200);
  expectSchema('post-response', reply.body);
  return { id: reply.body[0].service_request_id, number: caseNumberOf(reply.body[0].service_notice) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const open311 = useOpen311Server(async ({ server, admin }) => {
  apiKey = await createApiKey(server.url, admin, 'Open311 client', ['plugin']);
  auditorKey = await createApiKey(server.url, admin, 'Open311 reader', ['auditor']);
  unitKey = await createApiKey(server.url, admin, 'Education bureau system', ['unit'], 'dept-education');
});

describe('Open311 services', () => {
  it('lists the case categories as services, in JSON and XML with the same content', async () => {
    const json = await call('/open311/v2/services.json');
    expect(json.status).toBe(200);
    expectSchema('services', json.body);
    const noise = json.body.find((s: any) => s.service_code === 'environment.noise');
    expect(noise).toMatchObject({
      service_name: '噪音扰民',
      metadata: true,
      type: 'realtime',
      group: '市容环境',
    });
    expect(json.body.length).toBeGreaterThanOrEqual(40);
    const xml = await call('/open311/v2/services.xml');
    expect(xml.contentType).toMatch(/^text\/xml/);
    const items = xmlItems(xml.text, 'services', 'service');
    expect(items.map((s) => s.service_code)).toEqual(json.body.map((s: any) => s.service_code));
    const english = await call('/open311/v2/services.json', { headers: { 'accept-language': 'en' } });
    expect(english.body.find((s: any) => s.service_code === 'environment.noise').service_name).toBe(
      'Noise nuisance',
    );
  });

  it('describes a service with typed attributes from its intake form', async () => {
    const { status, body } = await call('/open311/v2/services/environment.noise.json');
    expect(status).toBe(200);
    expectSchema('service-definition', body);
    const period = body.attributes.find((a: any) => a.code === 'period');
    expect(period).toMatchObject({ datatype: 'singlevaluelist', required: true, variable: true });
    expect(period.values.map((v: any) => v.key)).toContain('白天');
    expect(body.attributes.some((a: any) => a.code === 'content' || a.code === 'address')).toBe(false);
    const elevator = await call('/open311/v2/services/housing.elevator.json');
    const trapped = elevator.body.attributes.find((a: any) => a.code === 'trapped');
    expect(trapped).toMatchObject({ datatype: 'singlevaluelist', required: true });
    expect(trapped.values.map((v: any) => v.key)).toEqual(['true', 'false']);
    const light = await call('/open311/v2/services/urban.street-light.xml');
    const doc = parseXml(light.text);
    expect(Object.keys(doc)).toEqual(['service_definition']);
    expect(doc.service_definition.service_code).toBe('urban.street-light');
    const attributes = doc.service_definition.attributes.attribute as any[];
    expect(attributes.map((a) => a.code)).toEqual(['occurredAt', 'road', 'lightState', 'lamps']);
    expect(attributes[2].values.value.map((v: any) => v.key)).toContain('不亮');
    expect(attributes[3].datatype).toBe('number');
  });

  it('answers 404 for an unknown service and for a path without a format', async () => {
    expectOpen311Error(await call('/open311/v2/services/no.such.json'), 404);
    expectOpen311Error(await call('/open311/v2/services/no.such.xml'), 404);
    expectOpen311Error(await call('/open311/v2/services/environment.noise'), 404);
  });
});

describe('Open311 requests: create', () => {
  it('creates a request in every service, with each required attribute converted to its type', async () => {
    const services = (await call('/open311/v2/services.json')).body as any[];
    const sample: Record<string, string> = { number: '3', datetime: '2026-11-20T09:30:00+08:00' };
    const created: Record<string, string> = {};
    for (const [i, service] of services.entries()) {
      const definition = (await call(`/open311/v2/services/${service.service_code}.json`)).body;
      const attributes: Record<string, string> = {};
      for (const a of definition.attributes) {
        if (!a.required) continue;
        attributes[`attribute[${a.code}]`] = a.values
          ? a.values[0].key
          : (sample[a.datatype] ?? (a.code === 'creditCode' ? '91110000MA0000000X' : '测试值'));
      }
      // Half form-encoded, half JSON.
      const fields = {
        service_code: service.service_code,
        description: `第 ${i} 个服务的测试诉求内容`,
        lat: '39.9',
        long: '116.4',
        ...attributes,
      };
      const reply =
        i % 2 === 0
          ? await call('/open311/v2/requests.json', form({ api_key: apiKey, ...fields }))
          : await call('/open311/v2/requests.json', jsonBody({ api_key: apiKey, ...fields }));
      expect(reply.status, `${service.service_code}: ${reply.text}`).toBe(200);
      expectSchema('post-response', reply.body);
      created[service.service_code] = caseNumberOf(reply.body[0].service_notice);
    }
    expect(Object.keys(created)).toHaveLength(services.length);
    const elevator = await staff(
      open311.server.url,
      open311.admin,
      'GET',
      `/api/cases/${created['housing.elevator']}`,
    );
    expect(elevator.body.data.trapped).toBe(true);
    const gas = await staff(
      open311.server.url,
      open311.admin,
      'GET',
      `/api/cases/${created['utilities.gas']}`,
    );
    expect(typeof gas.body.data.smellGas).toBe('boolean');
  });

  it('converts numbers, booleans and lists from form strings and from JSON', async () => {
    const { number } = await create({
      service_code: 'urban.street-light',
      description: '路灯不亮已经三天了',
      lat: '39.91',
      long: '116.40',
      'attribute[road]': '和平路',
      'attribute[lightState]': '闪烁',
      'attribute[lamps]': '4',
      'attribute[notAField]': 'ignored',
    });
    const detail = await staff(open311.server.url, open311.admin, 'GET', `/api/cases/${number}`);
    expect(detail.body.data).toMatchObject({ road: '和平路', lightState: '闪烁', lamps: 4 });
    expect(detail.body.data.notAField).toBeUndefined();

    const viaJson = await call(
      '/open311/v2/requests.json',
      jsonBody({
        api_key: apiKey,
        service_code: 'housing.elevator',
        description: '电梯停在三楼不动了',
        address_string: '和平里小区 3 号楼',
        attribute: { estate: '和平里小区', trapped: false },
      }),
    );
    expect(viaJson.status, viaJson.text).toBe(200);
    const elevator = await staff(
      open311.server.url,
      open311.admin,
      'GET',
      `/api/cases/${caseNumberOf(viaJson.body[0].service_notice)}`,
    );
    expect(elevator.body.data).toMatchObject({
      estate: '和平里小区',
      trapped: false,
      address: '和平里小区 3 号楼',
    });
  });

  it('refuses attribute values that do not fit their type, naming the attribute', async () => {
    const base = {
      service_code: 'urban.street-light',
      description: '路灯不亮已经三天了',
      lat: '39.9',
      long: '116.4',
      'attribute[road]': '和平路',
    };
    for (const [name, value] of [
      ['lamps', 'many'],
      ['lamps', '2.5'],
      ['lightState', '不存在的故障'],
    ] as const) {
      const reply = await call(
        '/open311/v2/requests.json',
        form({ api_key: apiKey, ...base, [`attribute[${name}]`]: value }),
      );
      expectOpen311Error(reply, 400);
      expect(reply.body[0].description).toContain(`attribute[${name}]`);
    }
    const twice = await call(
      '/open311/v2/requests.json',
      form({ api_key: apiKey, ...base, 'attribute[lamps]': ['1', '2'] }),
    );
    expectOpen311Error(twice, 400);
    // attribute[code][] marks a list: a single-value field takes only one.
    const list = await call(
      '/open311/v2/requests.json',
      form({ api_key: apiKey, ...base, 'attribute[lightState][]': ['不亮', '闪烁'] }),
    );
    expectOpen311Error(list, 400);
    expect(list.body[0].description).toContain('attribute[lightState]');
    const one = await call(
      '/open311/v2/requests.json',
      form({ api_key: apiKey, ...base, 'attribute[lightState][]': ['不亮'] }),
    );
    expect(one.status, one.text).toBe(200);
    const missing = await call(
      '/open311/v2/requests.json',
      form({ api_key: apiKey, ...base, 'attribute[road]': '' }),
    );
    expectOpen311Error(missing, 400);
  });

  it('accepts descriptions up to 4,000 characters and refuses longer ones', async () => {
    const long = '路灯'.repeat(2000);
    const { number } = await create({
      service_code: 'urban.street-light',
      description: long,
      lat: '39.9',
      long: '116.4',
      'attribute[road]': '和平路',
    });
    const detail = await staff(open311.server.url, open311.admin, 'GET', `/api/cases/${number}`);
    expect(detail.body.text).toBe(long);
    const tooLong = await call(
      '/open311/v2/requests.json',
      form({
        api_key: apiKey,
        service_code: 'urban.street-light',
        description: `${long}灯`,
        lat: '39.9',
        long: '116.4',
        'attribute[road]': '和平路',
      }),
    );
    expectOpen311Error(tooLong, 400);
  });

  it('answers the spec shape: service_request_id and no token, in XML too', async () => {
    const reply = await call(
      '/open311/v2/requests.xml',
      form({
        api_key: apiKey,
        service_code: 'environment.noise',
        description: '工地夜间施工噪音扰民',
        'attribute[period]': '白天',
        address_string: '和平里',
      }),
    );
    expect(reply.status, reply.text).toBe(200);
    const [request] = xmlItems(reply.text, 'service_requests', 'request');
    expect(Object.keys(request!).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
  });

  const noise = {
    service_code: 'environment.noise',
    description: '工地夜间施工噪音扰民',
    'attribute[period]': '白天',
  };
  it.each<{ refused: string; status: number; fields: Record<string, string> }>([
    { refused: 'without a location', status: 400, fields: noise },
    {
      refused: 'without a description',
      status: 400,
      fields: { service_code: 'environment.noise', lat: '39.9', long: '116.4' },
    },
    {
      refused: 'without a service code',
      status: 400,
      fields: { description: '噪音', lat: '39.9', long: '116.4' },
    },
    { refused: 'with a latitude out of range', status: 400, fields: { ...noise, lat: '95', long: '116.4' } },
    { refused: 'with a latitude and no longitude', status: 400, fields: { ...noise, lat: '39.9' } },
    {
      refused: 'for an unknown service',
      status: 404,
      fields: { service_code: 'no.such', description: '工地夜间施工噪音扰民', lat: '39.9', long: '116.4' },
    },
    {
      refused: 'with a description too short for the intake form',
      status: 400,
      fields: { ...noise, description: '噪音', lat: '39.9', long: '116.4' },
    },
  ])('refuses a request $refused ($status)', async ({ fields, status }) => {
    expectOpen311Error(await call('/open311/v2/requests.json', form({ api_key: apiKey, ...fields })), status);
  });

  it('needs an api_key allowed to take in cases (403)', async () => {
    const fields = {
      service_code: 'environment.noise',
      description: '工地夜间施工噪音扰民',
      'attribute[period]': '白天',
      lat: '39.9',
      long: '116.4',
    };
    const noKey = await call('/open311/v2/requests.json', form(fields));
    expectOpen311Error(noKey, 403);
    expect(noKey.body[0].description).toContain('api_key');
    expectOpen311Error(
      await call('/open311/v2/requests.json', form({ api_key: 'bk_nope_nope', ...fields })),
      403,
    );
    expectOpen311Error(
      await call('/open311/v2/requests.xml', form({ api_key: 'bk_nope_nope', ...fields })),
      403,
    );
    expectOpen311Error(
      await call('/open311/v2/requests.json', form({ api_key: auditorKey, ...fields })),
      403,
    );
    // The key may come in the query string too.
    const inQuery = await call(
      `/open311/v2/requests.json?api_key=${encodeURIComponent(apiKey)}`,
      form(fields),
    );
    expect(inQuery.status, inQuery.text).toBe(200);
    expect(
      await call(
        '/open311/v2/requests.json',
        form({ api_key: apiKey, jurisdiction_id: 'district', ...fields }),
      ),
    ).toMatchObject({ status: 200 });
  });
});

describe('Open311 requests: search and lookup', () => {
  let first: { id: string; number: string };
  let second: { id: string; number: string };
  let closed: { id: string; number: string };
  let secondAt = '';

  beforeAll(async () => {
    const fields = (text: string) => ({
      service_code: 'traffic.road-damage',
      description: text,
      lat: '39.912345',
      long: '116.404321',
      'attribute[road]': '建设路',
    });
    first = await create(fields('建设路路面出现大坑洞'));
    await sleep(30);
    second = await create({
      ...fields('建设路路面塌陷需要修补'),
      service_code: 'urban.manhole-cover',
      'attribute[coverState]': '缺失',
    });
    secondAt = (await call(`/open311/v2/requests/${second.id}.json`)).body[0].requested_datetime;
    closed = await create(fields('建设路井盖附近路面破损'));
    await act(open311.server.url, open311.admin, closed.number, 'reject', { reason: '重复反映' });
  });

  it('finds requests by comma-separated service_request_id, ignoring unknown ones', async () => {
    const reply = await call(
      `/open311/v2/requests.json?service_request_id=${first.id},${second.id},00000000-0000-4000-8000-000000000000`,
    );
    expect(reply.status).toBe(200);
    expectSchema('requests', reply.body);
    expect(reply.body.map((r: any) => r.service_request_id)).toEqual([first.id, second.id]);
  });

  it('filters by a list of service codes and by open, closed or both', async () => {
    const both = await call(
      '/open311/v2/requests.json?service_code=traffic.road-damage,urban.manhole-cover&status=open,closed',
    );
    expect(both.status).toBe(200);
    expectSchema('requests', both.body);
    const ids = both.body.map((r: any) => r.service_request_id);
    expect(ids).toEqual(expect.arrayContaining([first.id, second.id, closed.id]));
    expect(
      both.body.every((r: any) => ['traffic.road-damage', 'urban.manhole-cover'].includes(r.service_code)),
    ).toBe(true);
    // Newest first.
    const times = both.body.map((r: any) => r.requested_datetime);
    expect([...times].sort().reverse()).toEqual(times);

    const open = await call('/open311/v2/requests.json?service_code=traffic.road-damage&status=open');
    expect(open.body.map((r: any) => r.service_request_id)).toContain(first.id);
    expect(open.body.map((r: any) => r.service_request_id)).not.toContain(closed.id);
    const onlyClosed = await call('/open311/v2/requests.xml?service_code=traffic.road-damage&status=closed');
    const items = xmlItems(onlyClosed.text, 'service_requests', 'request');
    expect(items.map((r) => r.service_request_id)).toEqual([closed.id]);
    expect(items[0]!.status).toBe('closed');
  });

  it('honours start_date and end_date to the millisecond, as W3C datetimes', async () => {
    const from = await call(
      `/open311/v2/requests.json?service_code=traffic.road-damage,urban.manhole-cover&start_date=${encodeURIComponent(secondAt)}`,
    );
    expect(from.status, from.text).toBe(200);
    const ids = from.body.map((r: any) => r.service_request_id);
    expect(ids).toContain(second.id);
    expect(ids).not.toContain(first.id);
    const before = new Date(Date.parse(secondAt) - 1).toISOString();
    const until = await call(
      `/open311/v2/requests.json?service_code=traffic.road-damage,urban.manhole-cover&end_date=${encodeURIComponent(before)}`,
    );
    expect(until.body.map((r: any) => r.service_request_id)).toContain(first.id);
    expect(until.body.map((r: any) => r.service_request_id)).not.toContain(second.id);
    // The same instant in +08:00.
    const local = new Date(Date.parse(secondAt) + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    const inLocal = await call(
      `/open311/v2/requests.json?service_code=urban.manhole-cover&start_date=${encodeURIComponent(local)}`,
    );
    expect(inLocal.body.map((r: any) => r.service_request_id)).toContain(second.id);
  });

  it('refuses bad filters with 400', async () => {
    for (const query of [
      'status=pending',
      'status=open,pending',
      'start_date=2026-11-01',
      'start_date=yesterday',
      'start_date=2026-11-20T00:00:00Z&end_date=2026-11-10T00:00:00Z',
      'start_date=2026-01-01T00:00:00Z&end_date=2026-11-01T00:00:00Z',
      'service_code=%3Cscript%3E',
      `service_request_id=${Array.from({ length: 101 }, (_, i) => `id-${i}-0000000000000000`).join(',')}`,
    ]) {
      const reply = await call(`/open311/v2/requests.json?${query}`);
      expectOpen311Error(reply, 400);
    }
  });

  it('returns description and expected_datetime, and one request by id in both formats', async () => {
    const now = await serverNow(open311.server.url);
    await act(open311.server.url, open311.admin, first.number, 'dispatch', { leadUnitId: 'dept-education' });
    const one = await call(`/open311/v2/requests/${first.id}.json`);
    expect(one.status).toBe(200);
    expectSchema('requests', one.body);
    expect(one.body[0].description).toBe('建设路路面出现大坑洞');
    expect(Date.parse(one.body[0].expected_datetime)).toBeGreaterThan(Date.parse(now));
    const xml = await call(`/open311/v2/requests/${first.id}.xml`);
    const [item] = xmlItems(xml.text, 'service_requests', 'request');
    expect(Object.keys(item!).sort()).toEqual(Object.keys(one.body[0]).sort());
    expect(item!.expected_datetime).toBe(one.body[0].expected_datetime);
  });
});

describe('Open311 privacy', () => {
  let noise: { id: string; number: string };
  let road: { id: string; number: string };
  const phone = '13700001234';
  const name = { first_name: '建国', last_name: '张' };

  beforeAll(async () => {
    noise = await create({
      service_code: 'environment.noise',
      description: `楼下饭店每晚噪音扰民，我家电话 ${phone}，邮箱 zhang@example.com`,
      'attribute[period]': '夜间（22时至次日6时）',
      address_string: '和平里小区 5 号楼 302 室',
      lat: '39.9187654',
      long: '116.4012345',
      phone,
      ...name,
    });
    road = await create({
      service_code: 'traffic.road-damage',
      description: `幸福路路面大坑，电话 ${phone}`,
      'attribute[road]': '幸福路',
      address_string: '幸福路 88 号门前',
      lat: '39.9187654',
      long: '116.4012345',
      phone,
      ...name,
    });
  });

  const personal = [phone, '张建国', '建国', 'zhang@example.com', '302 室', '88 号门前'];

  it('shows no name, phone or address without a key, and no location or description of a non-public category', async () => {
    for (const path of [
      `/open311/v2/requests/${noise.id}.json`,
      `/open311/v2/requests/${noise.id}.xml`,
      `/open311/v2/requests.json?service_request_id=${noise.id}`,
      '/open311/v2/requests.json?service_code=environment.noise',
      '/open311/v2/requests.xml',
    ]) {
      const reply = await call(path);
      expect(reply.status, path).toBe(200);
      for (const secret of personal) expect(reply.text, `${path} shows ${secret}`).not.toContain(secret);
      expect(reply.text).not.toContain('39.918');
    }
    const [request] = (await call(`/open311/v2/requests/${noise.id}.json`)).body;
    expect(request).toMatchObject({
      description: null,
      address: null,
      lat: null,
      long: null,
      media_url: null,
    });
  });

  it('coarsens the location of a coarse category and masks numbers in its public description', async () => {
    const [request] = (await call(`/open311/v2/requests/${road.id}.json`)).body;
    expect(request.lat).toBe(39.919);
    expect(request.long).toBe(116.401);
    expect(request.address).toBeNull();
    expect(request.description).toBe('幸福路路面大坑，电话 ***********');
  });

  it('shows description, address and exact coordinates with a key, but never name or phone', async () => {
    for (const key of [apiKey, auditorKey]) {
      const reply = await call(`/open311/v2/requests/${noise.id}.json?api_key=${encodeURIComponent(key)}`);
      expect(reply.status).toBe(200);
      expectSchema('requests', reply.body);
      expect(reply.body[0]).toMatchObject({
        address: '和平里小区 5 号楼 302 室',
        lat: 39.9187654,
        long: 116.4012345,
      });
      expect(reply.body[0].description).toContain('楼下饭店每晚噪音扰民');
      expect(JSON.stringify({ ...reply.body[0], description: '' })).not.toContain(phone);
      expect(reply.text).not.toContain('张建国');
    }
    expectOpen311Error(await call(`/open311/v2/requests/${noise.id}.json?api_key=bk_wrong`), 403);
  });

  it('lets a unit key see only its unit’s cases', async () => {
    const hidden = await call(`/open311/v2/requests/${noise.id}.json?api_key=${encodeURIComponent(unitKey)}`);
    expectOpen311Error(hidden, 404);
    await act(open311.server.url, open311.admin, road.number, 'dispatch', { leadUnitId: 'dept-education' });
    const seen = await call(`/open311/v2/requests/${road.id}.json?api_key=${encodeURIComponent(unitKey)}`);
    expect(seen.status).toBe(200);
    expect(seen.body[0].address).toBe('幸福路 88 号门前');
  });

  it('cannot be walked by case number or guessed ids', async () => {
    for (const guess of [
      noise.number,
      road.number,
      `case_${noise.id}`,
      '00000000-0000-4000-8000-000000000000',
      '1',
      '2026-000001',
    ]) {
      expectOpen311Error(await call(`/open311/v2/requests/${encodeURIComponent(guess)}.json`), 404);
      const listed = await call(`/open311/v2/requests.json?service_request_id=${encodeURIComponent(guess)}`);
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual([]);
      expectOpen311Error(await call(`/open311/v2/tokens/${encodeURIComponent(guess)}.json`), 404);
    }
    // Consecutive cases get unrelated ids.
    expect(noise.id).not.toBe(road.id);
    expect(noise.id.slice(0, 8)).not.toBe(road.id.slice(0, 8));
  });

  it('gives updates only to a key', async () => {
    expectOpen311Error(await call('/open311/v2/servicerequestupdates.json'), 403);
    expectOpen311Error(await call('/open311/v2/servicerequestupdates.xml?api_key=bk_wrong'), 403);
    const ok = await call(`/open311/v2/servicerequestupdates.json?api_key=${encodeURIComponent(auditorKey)}`);
    expect(ok.status).toBe(200);
    expectSchema('updates', ok.body);
    expect(ok.body.some((u: any) => u.service_request_id === road.id)).toBe(true);
    expect(ok.text).not.toContain(phone);
  });
});

describe('Open311 errors and bad input', () => {
  it('answers unknown paths under /open311 with an Open311 404, never HTML', async () => {
    for (const [method, path] of [
      ['GET', '/open311/v2/nope.json'],
      ['GET', '/open311/v2/nope.xml'],
      ['GET', '/open311/'],
      ['GET', '/open311/v3/services.json'],
      ['POST', '/open311/v2/services.json'],
      ['DELETE', '/open311/v2/requests.json'],
      ['PUT', '/open311/v2/requests/abc.json'],
    ] as const) {
      const reply = await call(path, { method });
      expect(reply.contentType, path).not.toMatch(/html/);
      expectOpen311Error(reply, 404);
    }
    expect((await call('/open311/v2/nope.xml')).contentType).toMatch(/^text\/xml/);
  });

  it('keeps bad bodies at 4xx, never 5xx', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const cases: [string, RequestInit, number][] = [
      ['null', jsonBody('null'), 400],
      ['a list', jsonBody('[]'), 400],
      ['a string', jsonBody('"x"'), 400],
      ['toString trick', jsonBody({ api_key: { toString: 1 } }), 400],
      [
        'api_key list in JSON',
        jsonBody({ api_key: [apiKey, apiKey], service_code: 'environment.noise' }),
        400,
      ],
      ['10k-deep array', jsonBody(deep), 400],
      ['deep in a field', jsonBody(`{"api_key":${deep}}`), 400],
      ['malformed JSON', jsonBody('{"api_key": '), 400],
      [
        'object attribute',
        jsonBody({
          api_key: apiKey,
          service_code: 'urban.street-light',
          description: '路灯不亮三天了',
          lat: 39.9,
          long: 116.4,
          attribute: { road: { nested: true } },
        }),
        400,
      ],
      [
        'proto keys',
        jsonBody(
          `{"api_key":"${apiKey}","__proto__":{"x":1},"attribute":{"__proto__":"x"},"service_code":"urban.street-light","description":"路灯不亮三天了","lat":39.9,"long":116.4}`,
        ),
        400,
      ],
      ['form api_key twice', form({ api_key: [apiKey, apiKey] }), 400],
      ['unsupported type', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' }, 415],
      ['huge form body', form({ api_key: apiKey, description: 'x'.repeat(2 * 1024 * 1024) }), 413],
      ['huge JSON body', jsonBody({ api_key: apiKey, description: 'x'.repeat(2 * 1024 * 1024) }), 413],
    ];
    for (const [label, init, status] of cases) {
      const reply = await call('/open311/v2/requests.json', init);
      expect(reply.status, `${label}: ${reply.text.slice(0, 200)}`).toBe(status);
      expectOpen311Error(reply, status);
    }
    // The same errors in XML.
    expectOpen311Error(await call('/open311/v2/requests.xml', jsonBody('null')), 400);
  });

  it('checks an api_key given in the query before reading a body over its own cap', async () => {
    // Over Open311's own 128 KiB cap but under the server's declared-length limit: the key decides first.
    const reply = await call(
      '/open311/v2/requests.json?api_key=bk_wrong_key',
      form({ description: 'x'.repeat(512 * 1024) }),
    );
    expectOpen311Error(reply, 403);
    // Over the server's limit, the declared length is refused before anything is read, still as an Open311 error.
    const huge = await call(
      '/open311/v2/requests.xml?api_key=bk_wrong_key',
      form({ description: 'x'.repeat(2 * 1024 * 1024) }),
    );
    expect(huge.status).toBe(413);
    expect(huge.text).toContain('<errors>');
  });
});
