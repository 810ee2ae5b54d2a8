/** @module Open311 GeoReport v2 at /open311/v2/: services, service definitions, request create (api_key), request lookup, tokens; JSON, errors as Open311 arrays. */
import type { Context } from 'hono';
import type { Operations } from '../../../app/operations.ts';
import type { Actor } from '../../../app/permissions.ts';
import { BatonError } from '../../../core/errors.ts';
import { statusOf } from '../errors.ts';
import { defineRoute, type RouteDefinition } from '../route.ts';

const READER: Actor = {
  kind: 'apiKey',
  id: 'open311',
  username: 'open311',
  displayName: 'Open311',
  roles: ['auditor'],
  unitId: null,
};

type Zh = { zh?: string; en?: string } | string | undefined;
const zh = (t: Zh) => (typeof t === 'string' ? t : (t?.zh ?? t?.en ?? ''));

/** An Open311 error reply: `[{code, description}]` with the HTTP status. */
function fail(c: Context, status: number, description: string) {
  return c.json([{ code: status, description }], status as 400);
}

async function guarded(c: Context, fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof BatonError) return fail(c, statusOf(error), error.message);
    throw error;
  }
}

const stripJson = (value: string) => value.replace(/\.json$/, '');

async function requestOf(ops: Operations, id: string) {
  const detail = await ops.getCase({ actor: READER, id });
  const categories = await ops.listCaseCategories();
  const category = categories.find((c) => c.code === detail.category);
  const closed = detail.status === 'closed' || detail.status === 'rejected';
  return {
    service_request_id: detail.number,
    status: closed ? 'closed' : 'open',
    status_notes: zh(detail.statusLabel ?? undefined),
    service_name: zh(category?.name as Zh) || detail.category,
    service_code: detail.category,
    agency_responsible: detail.leadUnitId,
    requested_datetime: detail.createdAt,
    updated_datetime: detail.updatedAt,
    address: (detail.location as { address?: string } | null)?.address ?? null,
    lat: (detail.location as { lat?: number } | null)?.lat ?? null,
    long: (detail.location as { lng?: number } | null)?.lng ?? null,
  };
}

function datatypeOf(prop: Record<string, unknown>): string {
  if (Array.isArray(prop.enum)) return 'singlevaluelist';
  if (prop.type === 'number' || prop.type === 'integer') return 'number';
  if (prop.format === 'date-time') return 'datetime';
  if (typeof prop.maxLength === 'number' && prop.maxLength > 200) return 'text';
  return 'string';
}

/** The Open311 GeoReport v2 routes. */
export function open311Routes(): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/open311/v2/services.json',
      permission: 'public',
      summary: 'Open311: service list (case categories)',
      tags: ['open311'],
      responses: { 200: { description: 'Services', schema: { type: 'array' } } },
      handler: async ({ ops }) =>
        (await ops.listCaseCategories()).map((c) => ({
          service_code: c.code,
          service_name: zh(c.name as Zh),
          description: zh(c.name as Zh),
          metadata: true,
          type: 'realtime',
          keywords: '',
          group: zh(c.group as Zh),
        })),
    }),
    defineRoute<unknown, Record<string, unknown>, { code: string }>({
      method: 'get',
      path: '/open311/v2/services/:code',
      permission: 'public',
      summary: 'Open311: service definition (attributes from the category intake form); path ends in .json',
      tags: ['open311'],
      responses: { 200: { description: 'Definition' }, 404: { description: 'Unknown service' } },
      handler: ({ ops, params, c }) =>
        guarded(c, async () => {
          const code = stripJson(params.code);
          const category = (await ops.listCaseCategories()).find((k) => k.code === code);
          if (!category) return fail(c, 404, `service_code ${code} not found`);
          const schema = category.schema as {
            properties?: Record<string, Record<string, unknown>>;
            required?: string[];
          };
          const attributes = Object.entries(schema.properties ?? {})
            .filter(([name]) => name !== 'content')
            .map(([name, prop], i) => ({
              variable: true,
              code: name,
              datatype: datatypeOf(prop),
              required: (schema.required ?? []).includes(name),
              datatype_description: String(prop.description ?? ''),
              order: i + 1,
              description: String(prop.title ?? name),
              ...(Array.isArray(prop.enum) ? { values: prop.enum.map((v) => ({ key: v, name: v })) } : {}),
            }));
          return c.json({ service_code: code, attributes });
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/open311/v2/requests.json',
      permission: 'public',
      summary: 'Open311: create a service request (api_key of a plugin or dispatcher key); form or JSON body',
      tags: ['open311'],
      responses: {
        200: { description: '[{service_request_id, token, service_notice}]' },
        400: { description: 'Missing or invalid fields' },
        403: { description: 'api_key missing or not allowed' },
      },
      handler: ({ ops, c }) =>
        guarded(c, async () => {
          const type = c.req.header('content-type') ?? '';
          const fields: Record<string, string> = {};
          if (/json/i.test(type)) {
            const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
            for (const [k, v] of Object.entries(body))
              if (v !== null && v !== undefined) fields[k] = String(v);
          } else {
            const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
            for (const [k, v] of Object.entries(body)) if (typeof v === 'string') fields[k] = v;
          }
          const key = fields.api_key ?? c.req.query('api_key');
          const actor = key ? await ops.authenticateApiKey({ key }) : null;
          if (!actor || !actor.roles.some((r) => r === 'plugin' || r === 'dispatcher' || r === 'admin'))
            return fail(c, 403, 'api_key is missing, invalid or not allowed to create requests');
          if (!fields.service_code) return fail(c, 400, 'service_code is required');
          if (!fields.description) return fail(c, 400, 'description is required');
          const data: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(fields)) {
            const m = /^attribute\[(.+)\]$/.exec(k);
            if (m) data[m[1]!] = v;
          }
          if (fields.address_string) data.address = fields.address_string;
          const lat = fields.lat !== undefined ? Number(fields.lat) : undefined;
          const lng = fields.long !== undefined ? Number(fields.long) : undefined;
          const name = [fields.last_name, fields.first_name].filter(Boolean).join('');
          const result = await ops.intakeCase({
            actor,
            channel: 'app',
            category: fields.service_code,
            text: fields.description,
            data,
            ...(fields.service_request_id || fields.device_id ? {} : {}),
            ...(name || fields.phone
              ? { requester: { ...(name ? { name } : {}), ...(fields.phone ? { phone: fields.phone } : {}) } }
              : {}),
            ...(fields.address_string || Number.isFinite(lat)
              ? {
                  location: {
                    ...(fields.address_string ? { address: fields.address_string } : {}),
                    ...(Number.isFinite(lat) ? { lat: lat! } : {}),
                    ...(Number.isFinite(lng) ? { lng: lng! } : {}),
                  },
                }
              : {}),
          });
          return c.json([
            {
              service_request_id: result.case.number,
              token: result.case.id,
              service_notice: `已受理，办件编号 ${result.case.number}`,
              account_id: null,
            },
          ]);
        }),
    }),
    defineRoute({
      method: 'get',
      path: '/open311/v2/requests.json',
      permission: 'public',
      summary:
        'Open311: requests by service_request_id (comma-separated case numbers), or searched by service_code, status, start_date, end_date (at most 50, newest first)',
      tags: ['open311'],
      responses: { 200: { description: 'Requests' } },
      handler: ({ ops, c }) =>
        guarded(c, async () => {
          const ids = (c.req.query('service_request_id') ?? '')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
            .slice(0, 50);
          if (ids.length === 0) {
            // GeoReport v2 search: service_code, status (open|closed), start_date/end_date, newest first.
            const status = c.req.query('status');
            if (status !== undefined && status !== 'open' && status !== 'closed')
              return fail(c, 400, 'status must be open or closed');
            const day = (q: string | undefined) => (q ? new Date(q).toISOString().slice(0, 10) : undefined);
            const [from, to] = [c.req.query('start_date'), c.req.query('end_date')].map((q) =>
              q && Number.isNaN(Date.parse(q)) ? null : day(q),
            );
            if (from === null || to === null)
              return fail(c, 400, 'start_date and end_date must be ISO dates');
            const serviceCode = c.req.query('service_code');
            const page = await ops.listCases({
              actor: READER,
              queue: 'all',
              limit: 200,
              ...(serviceCode ? { category: serviceCode } : {}),
              ...(from ? { from } : {}),
              ...(to ? { to } : {}),
            });
            const found = [];
            for (const item of page.items) {
              const request = await requestOf(ops, item.id);
              if (status === undefined || request.status === status) found.push(request);
              if (found.length >= 50) break;
            }
            return c.json(found);
          }
          const out = [];
          for (const id of ids) {
            try {
              out.push(await requestOf(ops, id));
            } catch (error) {
              if (!(error instanceof BatonError)) throw error;
            }
          }
          return c.json(out);
        }),
    }),
    defineRoute<unknown, Record<string, unknown>, { id: string }>({
      method: 'get',
      path: '/open311/v2/requests/:id',
      permission: 'public',
      summary: 'Open311: one request by case number; path ends in .json',
      tags: ['open311'],
      responses: { 200: { description: '[request]' }, 404: { description: 'Unknown request' } },
      handler: ({ ops, params, c }) =>
        guarded(c, async () => c.json([await requestOf(ops, stripJson(params.id))])),
    }),
    defineRoute<unknown, Record<string, unknown>, { token: string }>({
      method: 'get',
      path: '/open311/v2/tokens/:token',
      permission: 'public',
      summary: 'Open311: the request id of a token; path ends in .json',
      tags: ['open311'],
      responses: {
        200: { description: '[{service_request_id, token}]' },
        404: { description: 'Unknown token' },
      },
      handler: ({ ops, params, c }) =>
        guarded(c, async () => {
          const token = stripJson(params.token);
          const detail = await ops.getCase({ actor: READER, id: token });
          if (detail.id !== token) return fail(c, 404, 'token not found');
          return c.json([{ service_request_id: detail.number, token }]);
        }),
    }),
  ];
}
