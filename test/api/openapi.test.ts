/** @module The route registry is the single source: every route declares a permission, and OpenAPI and the docs page are generated from it. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpApp, routesOf } from '../../engine/adapters/http/app.ts';
import { defineRoute, openApiPath } from '../../engine/adapters/http/route.ts';
import { silentLogger } from '../../engine/adapters/log/json-logger.ts';
import { isPermission } from '../../engine/app/permissions.ts';
import { createTestApp, type TestApp } from '../support/api-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

type OpenApi = {
  openapi: string;
  paths: Record<string, Record<string, Record<string, any>>>;
  components: any;
};

describe('route registry', () => {
  it('has a permission declaration for every route Hono serves', () => {
    const registry = routesOf(t.app);
    const handlers = t.app.routes.filter((route) => route.method !== 'ALL');
    expect(handlers.length).toBeGreaterThan(0);
    for (const handler of handlers) {
      const definition = registry.find(
        (route) => route.method.toUpperCase() === handler.method && route.path === handler.path,
      );
      expect(definition, `${handler.method} ${handler.path} is not a declared route`).toBeDefined();
      const permission = definition!.permission as string | undefined;
      expect(
        permission === 'public' || (typeof permission === 'string' && isPermission(permission)),
        `${handler.method} ${handler.path} declares no valid permission`,
      ).toBe(true);
    }
  });

  it('refuses to build an app with a route whose permission is unknown', () => {
    const route = defineRoute({
      method: 'get',
      path: '/api/bad',
      permission: 'units.read',
      summary: 'x',
      tags: [],
      responses: {},
      handler: () => null,
    });
    (route as { permission: string }).permission = 'units.everything';
    expect(() => createHttpApp({ ops: t.ops, logger: silentLogger, routes: [route] })).toThrow(
      /unknown permission/,
    );
  });
});

describe('OpenAPI', () => {
  it('is OpenAPI 3.1 and lists every registered route with its permission', async () => {
    const response = await t.request('/openapi.json');
    expect(response.status).toBe(200);
    const doc = (await response.json()) as OpenApi;
    expect(doc.openapi).toBe('3.1.0');
    const visible = routesOf(t.app).filter((route) => !route.isHidden);
    expect(visible.length).toBeGreaterThanOrEqual(9);
    for (const route of visible) {
      const operation = doc.paths[openApiPath(route.path)]?.[route.method];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation!['x-permission']).toBe(route.permission);
      expect(operation!.summary).toBe(route.summary);
    }
    const count = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    expect(count).toBe(visible.length);
  });

  it('declares cookie and bearer security, the error schema, request bodies and path parameters', async () => {
    const doc = (await (await t.request('/openapi.json')).json()) as OpenApi;
    expect(doc.components.securitySchemes.cookieAuth).toEqual({
      type: 'apiKey',
      in: 'cookie',
      name: 'baton_session',
    });
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message']);
    const login = doc.paths['/api/auth/login']!.post!;
    expect(login.security).toEqual([]);
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    expect(login.responses['401'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Error',
    });
    const unit = doc.paths['/api/units/{id}']!.get!;
    expect(unit.security).toEqual([{ cookieAuth: [] }, { bearerAuth: [] }]);
    expect(unit.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    expect(unit.responses['403']).toBeDefined();
  });

  it('renders a self-contained docs page listing every operation', async () => {
    const response = await t.request('/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    for (const path of ['/api/health', '/api/auth/login', '/api/units/{id}', '/api/api-keys']) {
      expect(html).toContain(path);
    }
    expect(html).toContain('units.read');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="https?:/);
  });
});

describe('studio files', () => {
  it('serves a "not built" page when dist/studio is missing', async () => {
    const response = await t.request('/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('The studio is not built');
  });

  it('serves built files and falls back to index.html for client-side routes, but never for /api', async () => {
    const dir = join(t.dir, 'studio');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>studio</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    const asset = await t.request('/assets/app.js');
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(await asset.text()).toBe('console.log(1)');
    expect(await (await t.request('/rules/2026/indicators')).text()).toContain('<title>studio</title>');
    expect(await (await t.request('/../../etc/passwd')).text()).toContain('<title>studio</title>');
    expect(await (await t.request('/%2e%2e/%2e%2e/etc/passwd')).text()).toContain('<title>studio</title>');
    expect((await t.request('/api/missing')).status).toBe(404);
  });
});
