/** @module A FixMyStreet-style Open311 client against a real server: XML first (services, definition, POST form-encoded with attribute[...], lookup, updates), then the same journey in JSON; every body checked against the GeoReport v2 shapes. */
import { beforeAll, describe, expect, it } from 'vitest';
import { serverNow } from '../support/server.ts';
import { Open311Client } from './open311-fms-client.ts';
import {
  act,
  caseNumberOf,
  createApiKey,
  expectSchema,
  expectSameFields,
  parseXml,
  type Session,
  signIn,
  staff,
  useOpen311Server,
  xmlItems,
} from './open311-support.ts';

let unitUser: Session;
let apiKey = '';

const open311 = useOpen311Server(async ({ server, admin }) => {
  unitUser = await signIn(server.url, 'dept_user', server.passwords.dept_user!);
  apiKey = await createApiKey(server.url, admin, 'FixMyStreet', ['plugin']);
});

/** Checks the raw body of the client's last reply: JSON against the schema, XML by its elements. */
function checkLast(
  client: Open311Client,
  format: 'xml' | 'json',
  schema: Parameters<typeof expectSchema>[0],
  xml?: { root: string; item?: string },
): void {
  const reply = client.last;
  if (format === 'json') {
    expect(reply.contentType).toMatch(/^application\/json/);
    expectSchema(schema, JSON.parse(reply.text));
  } else {
    expect(reply.contentType).toMatch(/^text\/xml/);
    if (xml?.item) xmlItems(reply.text, xml.root, xml.item);
    else expect(Object.keys(parseXml(reply.text))).toEqual([xml!.root]);
  }
}

/** What the journey saw, to compare the XML and JSON runs. */
const seen: Record<string, { id: string; request: Record<string, any> }> = {};

describe.each(['xml', 'json'] as const)('a FixMyStreet-style client speaking %s', (format) => {
  let client: Open311Client;
  let id = '';
  let number = '';
  const reply = `已安排维修人员更换灯泡（${format}）`;

  beforeAll(() => {
    client = new Open311Client({
      endpoint: `${open311.server.url}/open311/v2/`,
      apiKey,
      jurisdiction: 'district-12345',
      format,
    });
  });

  it('finds the endpoint by discovery', async () => {
    const response = await fetch(`${open311.server.url}/open311/discovery.${format}`);
    expect(response.status).toBe(200);
    const text = await response.text();
    if (format === 'json') {
      const body = JSON.parse(text);
      expectSchema('discovery', body);
      expect(body.endpoints[0].url).toBe(`${open311.server.url}/open311/v2`);
    } else {
      const endpoint = parseXml(text).discovery.endpoints.endpoint[0];
      expect(endpoint.url).toBe(`${open311.server.url}/open311/v2`);
      expect(endpoint.formats.format).toEqual(['text/xml', 'application/json']);
      expect(endpoint.specification).toBe('http://wiki.open311.org/GeoReport_v2');
    }
  });

  it('reads the service list and a service definition', async () => {
    const services = await client.getServiceList();
    expect(services, client.error).not.toBeNull();
    checkLast(client, format, 'services', { root: 'services', item: 'service' });
    const light = services!.find((s) => s.service_code === 'urban.street-light');
    expect(light!.service_name).toBe('路灯故障');
    // Like FixMyStreet's reader, the client reads <group> as a list (for the groups extension).
    expect([light!.group].flat()).toEqual(['城市管理']);
    expect(String(light!.metadata)).toBe('true');

    const definition = await client.getServiceMetaInfo('urban.street-light');
    expect(definition, client.error).not.toBeNull();
    checkLast(client, format, 'service-definition', { root: 'service_definition' });
    const byCode = Object.fromEntries(definition!.attributes.map((a: any) => [a.code, a]));
    expect(byCode.lightState.datatype).toBe('singlevaluelist');
    expect(byCode.lightState.values.map((v: any) => v.key)).toContain('不亮');
    expect(byCode.lamps.datatype).toBe('number');
    expect(String(byCode.road.required)).toBe('true');
    expect(byCode.content).toBeUndefined();
  });

  it('sends a request form-encoded with attributes and reads the id from the reply', async () => {
    const result = await client.sendServiceRequest(
      {
        service_code: 'urban.street-light',
        description: `和平路 12 号门前路灯不亮（${format}），联系电话 13912345678`,
        lat: '39.9087654',
        long: '116.3976543',
        first_name: '小明',
        last_name: '李',
        email: 'li@example.com',
        phone: '13912345678',
      },
      { road: '和平路', lightState: '不亮', lamps: '2' },
    );
    expect(result, `${client.error} ${client.last.status} ${client.last.text}`).not.toBe(0);
    id = result as string;
    checkLast(client, format, 'post-response', { root: 'service_requests', item: 'request' });
    const answered =
      format === 'json'
        ? JSON.parse(client.last.text)[0]
        : xmlItems(client.last.text, 'service_requests', 'request')[0]!;
    expect(answered.token).toBeUndefined();
    number = caseNumberOf(answered.service_notice);
    // The id is opaque: not the case number, and not derived from it.
    expect(id).not.toContain(number);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    // Attributes reached the case typed as the intake form says (lamps is an integer).
    const detail = await staff(open311.server.url, open311.admin, 'GET', `/api/cases/${number}`);
    expect(detail.status).toBe(200);
    expect(detail.body.data).toMatchObject({ road: '和平路', lightState: '不亮', lamps: 2 });
    expect(detail.body.requester).toMatchObject({ name: '李小明', phone: '13912345678' });
  });

  it('reads the request back by service_request_id, without a key, showing only what is public', async () => {
    const requests = await client.getServiceRequests({ report_ids: [id] });
    expect(requests, client.error).not.toBeNull();
    checkLast(client, format, 'requests', { root: 'service_requests', item: 'request' });
    expect(requests).toHaveLength(1);
    const request = requests![0]!;
    expect(request.service_request_id).toBe(id);
    expect(request.status).toBe('open');
    expect(request.service_code).toBe('urban.street-light');
    // Street lights are public with exact coordinates; the phone in the text is masked.
    expect(Number(request.lat)).toBe(39.9087654);
    expect(Number(request.long)).toBe(116.3976543);
    expect(request.description).toContain('和平路 12 号门前路灯不亮');
    expect(client.last.text).not.toContain('13912345678');
    expect(client.last.text).not.toContain('李小明');
    expect(client.last.text).not.toContain('li@example.com');
    expect(request.address ?? null).toSatisfy((v: unknown) => v === null || v === '');
    seen[format] = { id, request };
  });

  it('resolves a token lookup to the same id', async () => {
    expect(await client.getServiceRequestIdFromToken(id)).toBe(id);
    checkLast(client, format, 'tokens', { root: 'service_requests', item: 'request' });
  });

  it('reads status changes and the reply as service request updates between two dates', async () => {
    const started = await serverNow(open311.server.url);
    const deptUnit = 'dept-education';
    await act(open311.server.url, open311.admin, number, 'dispatch', { leadUnitId: deptUnit });
    await act(open311.server.url, unitUser, number, 'signFor');
    await act(open311.server.url, unitUser, number, 'handle', { result: '已修复' });
    await act(open311.server.url, unitUser, number, 'reply', { reply });
    const ended = new Date(Date.parse(await serverNow(open311.server.url)) + 1000).toISOString();

    expect(await client.getServiceRequestUpdates(started)).toBe(0);
    const updates = await client.getServiceRequestUpdates(started, ended);
    expect(updates, client.error).not.toBeNull();
    checkLast(client, format, 'updates', { root: 'service_request_updates', item: 'request_update' });
    const mine = (updates as Record<string, any>[]).filter((u) => u.service_request_id === id);
    expect(mine.map((u) => u.status)).toEqual(['open', 'open', 'open', 'open']);
    expect(mine.map((u) => u.description)).toEqual(['已派单', '办理中', '已办结', reply]);
    expect(new Set(mine.map((u) => u.update_id)).size).toBe(4);
    for (const u of mine) {
      expect(Date.parse(u.updated_datetime)).toBeGreaterThanOrEqual(Date.parse(started));
      expect(Date.parse(u.updated_datetime)).toBeLessThanOrEqual(Date.parse(ended));
    }
    // Outside the window: nothing of this case.
    const before = new Date(Date.parse(started) - 3_600_000).toISOString();
    const earlier = await client.getServiceRequestUpdates(
      before,
      new Date(Date.parse(started) - 1).toISOString(),
    );
    expect((earlier as Record<string, any>[]).some((u) => u.service_request_id === id)).toBe(false);
  });

  it('is refused updates without its key, with an Open311 error list', async () => {
    const anonymous = new Open311Client({ endpoint: `${open311.server.url}/open311/v2/`, format });
    expect(await anonymous.getServiceRequestUpdates()).toBeNull();
    expect(anonymous.last.status).toBe(403);
    expect(anonymous.error).toMatch(/^403: /);
    checkLast(anonymous, format, 'errors', { root: 'errors', item: 'error' });
  });

  it('is told 404 for an unknown service, in its format', async () => {
    expect(await client.getServiceMetaInfo('no.such-service')).toBeNull();
    expect(client.last.status).toBe(404);
    expect(client.error).toMatch(/^404: /);
    checkLast(client, format, 'errors', { root: 'errors', item: 'error' });
    expect(
      await client.sendServiceRequest({
        service_code: 'no.such-service',
        description: '测试测试测试',
        lat: '39.9',
        long: '116.4',
      }),
    ).toBe(0);
    expect(client.last.status).toBe(404);
  });
});

describe('the XML and JSON journeys', () => {
  it('show the same fields for a request', () => {
    expect(Object.keys(seen)).toEqual(['xml', 'json']);
    expectSameFields(seen.xml!.request, seen.json!.request);
    expect(seen.xml!.id).not.toBe(seen.json!.id);
  });
});
