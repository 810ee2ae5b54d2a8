/** @module System routes: health, OpenAPI, AsyncAPI (the event catalogue), API docs and the studio's static files. */
import { NotFoundError } from '../../../core/errors.ts';
import { renderDocsPage } from '../docs-page.ts';
import { defineRoute, type RouteDefinition } from '../route.ts';
import { serveStudio } from '../static.ts';

/** The demo cases loading after start: steps done of all (cases, then months scored). */
export interface DemoDataProgress {
  isLoading: boolean;
  done: number;
  total: number;
}

/**
 * Health, OpenAPI and docs routes. `getOpenApi` is called lazily, after every route is registered.
 * Long: a table of route declarations; each handler is a few lines that call one operation.
 */
export function systemRoutes(options: {
  version: string;
  getOpenApi: () => Record<string, unknown>;
  demoData?: () => DemoDataProgress | null;
}): RouteDefinition[] {
  let docsPage: string | null = null;
  return [
    defineRoute({
      method: 'get',
      path: '/api/health',
      permission: 'public',
      summary: 'Liveness and database check',
      tags: ['system'],
      responses: {
        200: {
          description: 'Healthy',
          schema: {
            type: 'object',
            required: ['status', 'version', 'db'],
            properties: {
              status: { type: 'string', enum: ['ok', 'degraded'] },
              version: { type: 'string' },
              db: { type: 'string', enum: ['ok', 'error'] },
              now: { type: 'string', format: 'date-time', description: "The product's clock (ISO 8601)" },
              today: {
                type: 'string',
                format: 'date',
                description: "Today's date in the district's time zone, by the product's clock",
              },
              timeZone: {
                type: 'string',
                description: "The district's IANA time zone: clients show every instant in it",
              },
              demoData: {
                type: 'object',
                description:
                  'Only on a demo start: the year of demo cases loading in the background (cases, then months scored)',
                required: ['isLoading', 'done', 'total'],
                properties: {
                  isLoading: { type: 'boolean' },
                  done: { type: 'integer', minimum: 0 },
                  total: { type: 'integer', minimum: 0 },
                },
              },
            },
          },
        },
        503: { description: 'The database does not answer' },
      },
      handler: async ({ c, ops }) => {
        const { db, now, today, timeZone } = await ops.checkHealth();
        const demoData = options.demoData?.() ?? null;
        return c.json(
          {
            status: db === 'ok' ? 'ok' : 'degraded',
            version: options.version,
            db,
            now,
            today,
            timeZone,
            ...(demoData ? { demoData } : {}),
          },
          db === 'ok' ? 200 : 503,
        );
      },
    }),
    defineRoute({
      method: 'get',
      path: '/openapi.json',
      permission: 'public',
      summary: 'This API as OpenAPI 3.1, generated from the route definitions',
      tags: ['system'],
      responses: { 200: { description: 'OpenAPI document', schema: { type: 'object' } } },
      handler: () => options.getOpenApi(),
    }),
    defineRoute({
      method: 'get',
      path: '/asyncapi.json',
      permission: 'public',
      summary:
        'The event catalogue as AsyncAPI 3.0: every outbox topic plugins can subscribe to, with its payload schema',
      tags: ['system'],
      responses: { 200: { description: 'AsyncAPI 3.0 document', schema: { type: 'object' } } },
      handler: ({ ops }) => ops.getAsyncApi({ version: options.version }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/docs',
      permission: 'public',
      summary: 'Human-readable API documentation',
      tags: ['system'],
      responses: { 200: { description: 'HTML page', contentType: 'text/html', schema: { type: 'string' } } },
      handler: ({ c }) => {
        docsPage ??= renderDocsPage(options.getOpenApi());
        return c.html(docsPage);
      },
    }),
  ];
}

/** The catch-all GET serving the studio; /api paths that reached it do not exist. */
export function studioRoute(studioDir: string): RouteDefinition {
  return defineRoute({
    method: 'get',
    path: '/*',
    permission: 'public',
    summary: 'The studio (static files, SPA fallback)',
    tags: ['system'],
    isHidden: true,
    responses: { 200: { description: 'A studio file', contentType: 'text/html' } },
    handler: ({ c }) => {
      if (c.req.path === '/api' || c.req.path.startsWith('/api/')) {
        throw new NotFoundError('request.not_found', {
          en: `No API route ${c.req.method} ${c.req.path}.`,
          zh: `接口 ${c.req.method} ${c.req.path} 不存在。`,
        });
      }
      return serveStudio(studioDir, c.req.path, c.req.header('accept-encoding'));
    },
  });
}
