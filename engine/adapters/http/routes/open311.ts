/** @module Open311 GeoReport v2 under /open311: discovery, services, service definitions, requests (create, search, one), tokens and mySociety's servicerequestupdates, each in JSON and XML; errors as Open311 lists; unknown paths an Open311 404. */
import type { Context } from 'hono';
import type { Open311Lang } from '../../../app/open311/model.ts';
import type { Operations } from '../../../app/operations.ts';
import type { Actor } from '../../../app/permissions.ts';
import { BatonError, ValidationError } from '../../../core/errors.ts';
import { statusOf } from '../errors.ts';
import { readPostedFields } from '../open311/body.ts';
import {
  formatOfPath,
  type Open311Format,
  sendDocument,
  sendError,
  sendList,
  splitFormat,
} from '../open311/format.ts';
import {
  defineRoute,
  type HttpMethod,
  type JsonSchema,
  type RouteDefinition,
  type RouteContext,
} from '../route.ts';
import {
  createdSchema,
  discoverySchema,
  errorsSchema,
  requestsSchema,
  serviceDefinitionSchema,
  servicesSchema,
  tokensSchema,
  updatesSchema,
} from '../open311/schemas.ts';

const FORMATS: Open311Format[] = ['json', 'xml'];
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

const notFoundText = (lang: Open311Lang, what: string) =>
  lang === 'en' ? `No Open311 resource at ${what}.` : `Open311 中没有 ${what}。`;

/** Runs a handler; a BatonError becomes an Open311 error list with its status, in the request's format. */
async function guarded(
  ctx: RouteContext<unknown, unknown, unknown>,
  format: Open311Format,
  fn: () => Promise<Response>,
): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof BatonError) return sendError(ctx.c, format, statusOf(error), error.text[ctx.lang]);
    throw error;
  }
}

const forbidden = (lang: Open311Lang) =>
  lang === 'en' ? 'The api_key is missing, invalid or revoked.' : 'api_key 缺失、无效或已吊销。';

class KeyRefused extends Error {}

/** The actor of an api_key value: undefined when none was given; throws KeyRefused for a bad one. */
async function actorOfKey(ops: Operations, key: unknown): Promise<Actor | undefined> {
  if (key === undefined) return undefined;
  if (typeof key !== 'string')
    throw new ValidationError('open311.invalid_api_key', {
      en: 'api_key must be given once, as text.',
      zh: 'api_key 须以文本形式提供一次。',
    });
  if (key === '' || key.length > 512) throw new KeyRefused();
  const actor = await ops.authenticateApiKey({ key });
  if (!actor) throw new KeyRefused();
  return actor;
}

/** `jurisdiction_id` is accepted (this endpoint serves one jurisdiction) but must be short text. */
function checkJurisdiction(value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.length > 200)
    throw new ValidationError('open311.invalid_jurisdiction', {
      en: 'jurisdiction_id must be short text.',
      zh: 'jurisdiction_id 须为较短的文本。',
    });
}

/** The reader of a GET: the key's actor, or null (public) without api_key; 403 for a bad key. */
async function readerOf(ctx: RouteContext<unknown, unknown, unknown>): Promise<Actor | null> {
  checkJurisdiction(ctx.c.req.query('jurisdiction_id'));
  const keys = ctx.c.req.queries('api_key');
  return (await actorOfKey(ctx.ops, keys && keys.length > 1 ? keys : keys?.[0])) ?? null;
}

/** Wraps guarded() and turns a refused key into the spec's 403. */
function handle(format: Open311Format, fn: (ctx: RouteContext<any, any, any>) => Promise<Response>) {
  return (ctx: RouteContext<any, any, any>) =>
    guarded(ctx, format, async () => {
      try {
        return await fn(ctx);
      } catch (error) {
        if (error instanceof KeyRefused) return sendError(ctx.c, format, 403, forbidden(ctx.lang));
        throw error;
      }
    });
}

/** Comma-joined values of a query parameter given once or repeated. */
const joined = (c: Context, name: string) => c.req.queries(name)?.join(',');

const xmlResponse = (description: string) => ({
  description,
  contentType: 'text/xml',
  schema: { type: 'string' },
});

function errorResponses(statuses: number[]) {
  const texts: Record<number, string> = {
    400: 'Bad input (Open311 error list)',
    403: 'api_key missing, invalid or not allowed (Open311 error list)',
    404: 'Unknown service, request or path (Open311 error list)',
    413: 'Body too large (Open311 error list)',
    415: 'Unsupported body type (Open311 error list)',
  };
  return Object.fromEntries(statuses.map((s) => [s, { description: texts[s]!, schema: errorsSchema }]));
}

/**
 * The Open311 routes, each path in JSON and XML, then the catch-all 404 for /open311.
 * Long: a table of the GeoReport v2 routes, declared once per format; each handler is one call of an operation.
 */
export function open311Routes(): RouteDefinition[] {
  const routes: RouteDefinition[] = [];
  for (const format of FORMATS) {
    const ok = (description: string, schema: Record<string, unknown>) =>
      format === 'json' ? { description, schema } : xmlResponse(description);
    routes.push(
      defineRoute({
        method: 'get',
        path: `/open311/discovery.${format}`,
        permission: 'public',
        summary: `Open311 discovery (${format.toUpperCase()}): the GeoReport v2 endpoint, its formats and changeset`,
        tags: ['open311'],
        responses: { 200: ok('Discovery', discoverySchema) },
        handler: handle(format, async ({ ops, c, lang, isHttps }) => {
          const facts = await ops.getOpen311DiscoveryFacts({ lang });
          const origin = new URL(c.req.url);
          const url = `${isHttps ? 'https' : origin.protocol.replace(':', '')}://${origin.host}/open311/v2`;
          const endpoint = {
            specification: SPECIFICATION,
            url,
            changeset: facts.changeset,
            type: 'production',
            formats: ['text/xml', 'application/json'],
          };
          const json = { ...facts, endpoints: [endpoint] };
          return sendDocument(c, format, json, {
            discovery: {
              ...facts,
              endpoints: { endpoint: [{ ...endpoint, formats: { format: endpoint.formats } }] },
            },
          });
        }),
      }),
      defineRoute({
        method: 'get',
        path: `/open311/v2/services.${format}`,
        permission: 'public',
        summary: `Open311 services (${format.toUpperCase()}): the case categories Open311 offers`,
        tags: ['open311'],
        responses: { 200: ok('Services', servicesSchema), ...errorResponses([400]) },
        handler: handle(format, async ({ ops, c, lang }) => {
          checkJurisdiction(c.req.query('jurisdiction_id'));
          return sendList(c, format, 'services', await ops.listOpen311Services({ lang }));
        }),
      }),
      defineRoute({
        method: 'post',
        path: `/open311/v2/requests.${format}`,
        permission: 'public',
        summary: `Open311 create a service request (${format.toUpperCase()}): api_key allowed to take in cases; form-encoded, multipart or JSON body; attribute[code] and attribute[code][] converted to the form's types`,
        tags: ['open311'],
        responses: {
          200: ok('[{service_request_id, service_notice, account_id}]', createdSchema),
          ...errorResponses([400, 403, 404, 413, 415]),
        },
        handler: handle(format, async ({ ops, c, lang }) => {
          // A key in the query string is checked before the body is read.
          const queryKey = c.req.query('api_key');
          const early = queryKey !== undefined ? await actorOfKey(ops, queryKey) : undefined;
          const posted = await readPostedFields(c.req.raw);
          const { api_key: bodyKey, jurisdiction_id: jurisdiction, ...fields } = posted.fields;
          checkJurisdiction(jurisdiction ?? c.req.query('jurisdiction_id'));
          const actor = early ?? (await actorOfKey(ops, bodyKey));
          if (!actor) throw new KeyRefused();
          const created = await ops.createOpen311Request({
            actor,
            fields,
            attributes: posted.attributes,
            lang,
          });
          return sendList(c, format, 'requests', [created]);
        }),
      }),
      defineRoute({
        method: 'get',
        path: `/open311/v2/requests.${format}`,
        permission: 'public',
        summary: `Open311 search requests (${format.toUpperCase()}): service_request_id (comma-separated opaque ids) or service_code (comma-separated), status (open,closed), start_date/end_date (W3C datetimes, default last 90 days, at most 90 days apart); newest first, at most 1000; optional api_key`,
        tags: ['open311'],
        responses: { 200: ok('Requests', requestsSchema), ...errorResponses([400, 403]) },
        handler: handle(format, async (ctx) => {
          const { ops, c, lang } = ctx;
          const actor = await readerOf(ctx);
          const query = {
            service_request_id: joined(c, 'service_request_id'),
            service_code: joined(c, 'service_code'),
            status: joined(c, 'status'),
            start_date: c.req.query('start_date'),
            end_date: c.req.query('end_date'),
          };
          const defined = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
          return sendList(
            c,
            format,
            'requests',
            await ops.searchOpen311Requests({ actor, query: defined, lang }),
          );
        }),
      }),
      defineRoute({
        method: 'get',
        path: `/open311/v2/servicerequestupdates.${format}`,
        permission: 'public',
        summary: `Open311 service request updates (${format.toUpperCase()}, mySociety extension): status changes and replies between start_date and end_date; api_key required`,
        tags: ['open311'],
        responses: { 200: ok('Updates', updatesSchema), ...errorResponses([400, 403]) },
        handler: handle(format, async (ctx) => {
          const { ops, c, lang } = ctx;
          const actor = await readerOf(ctx);
          if (!actor) throw new KeyRefused();
          const start = c.req.query('start_date');
          const end = c.req.query('end_date');
          const updates = await ops.listOpen311Updates({
            actor,
            ...(start !== undefined ? { start_date: start } : {}),
            ...(end !== undefined ? { end_date: end } : {}),
            lang,
          });
          return sendList(c, format, 'updates', updates);
        }),
      }),
    );
  }

  /**
   * A route whose last path parameter carries the format (`environment.noise.xml`): it answers `answer`
   * in JSON, or XML for .xml, else the Open311 errors of `errorStatuses`.
   */
  const withFormat = (
    path: string,
    summary: string,
    answer: { description: string; schema: JsonSchema },
    errorStatuses: number[],
    fn: (ctx: RouteContext<any, any, any>, value: string, format: Open311Format) => Promise<Response>,
  ) => {
    const param = path.slice(path.lastIndexOf(':') + 1);
    return defineRoute({
      method: 'get',
      path,
      permission: 'public',
      summary,
      tags: ['open311'],
      responses: {
        200: { description: `${answer.description} (JSON, or XML for .xml)`, schema: answer.schema },
        ...errorResponses(errorStatuses),
      },
      handler: (ctx: RouteContext<any, any, any>) => {
        const split = splitFormat(String(ctx.params[param] ?? ''));
        if (!split) return sendError(ctx.c, 'json', 404, notFoundText(ctx.lang, ctx.c.req.path));
        return handle(split.format, (inner) => fn(inner, split.value, split.format))(ctx);
      },
    });
  };

  routes.push(
    withFormat(
      '/open311/v2/services/:code',
      'Open311 service definition: the attributes of the category intake form; path ends in .json or .xml',
      { description: 'Service definition', schema: serviceDefinitionSchema },
      [404],
      async ({ ops, c, lang }, code, format) => {
        checkJurisdiction(c.req.query('jurisdiction_id'));
        const definition = await ops.getOpen311ServiceDefinition({ code, lang });
        return sendDocument(c, format, definition, {
          service_definition: {
            service_code: definition.service_code,
            attributes: {
              attribute: definition.attributes.map(({ values, ...a }) => ({
                ...a,
                ...(values ? { values: { value: values } } : {}),
              })),
            },
          },
        });
      },
    ),
    withFormat(
      '/open311/v2/requests/:id',
      'Open311 one request by its opaque service_request_id (never a case number); path ends in .json or .xml; optional api_key',
      { description: '[request]', schema: requestsSchema },
      [403, 404],
      async (ctx, id, format) => {
        const actor = await readerOf(ctx);
        const request = await ctx.ops.getOpen311Request({ actor, id, lang: ctx.lang });
        return sendList(ctx.c, format, 'requests', [request]);
      },
    ),
    withFormat(
      '/open311/v2/tokens/:token',
      'Open311 token lookup: the service_request_id a token stands for; path ends in .json or .xml',
      { description: '[{service_request_id, token}]', schema: tokensSchema },
      [404],
      async ({ ops, c }, token, format) =>
        sendList(c, format, 'requests', [await ops.resolveOpen311Token({ token })]),
    ),
  );

  // Anything else under /open311 is an Open311 404, not the studio's HTML.
  for (const method of ['get', 'post', 'put', 'patch', 'delete'] as HttpMethod[])
    routes.push(
      defineRoute({
        method,
        path: '/open311/*',
        permission: 'public',
        summary: 'Open311: unknown path',
        tags: ['open311'],
        isHidden: true,
        responses: errorResponses([404]),
        handler: ({ c, lang }) =>
          sendError(c, formatOfPath(c.req.path) ?? 'json', 404, notFoundText(lang, c.req.path)),
      }),
    );
  return routes;
}
