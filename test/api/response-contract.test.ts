/** @module Responses are held to the schemas OpenAPI declares: the checker every API test goes through catches drift. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { routesOf } from '../../engine/adapters/http/app.ts';
import { defineRoute } from '../../engine/adapters/http/route.ts';
import { createTestApp, type TestApp } from '../support/api-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({
    routes: [
      defineRoute({
        method: 'get',
        path: '/api/test/drift',
        permission: 'public',
        summary: 'Returns a body its schema forbids',
        tags: ['test'],
        responses: {
          200: {
            description: 'x',
            schema: { type: 'object', required: ['count'], properties: { count: { type: 'integer' } } },
          },
        },
        handler: () => ({ count: 'three' }),
      }),
      defineRoute({
        method: 'post',
        path: '/api/test/undeclared',
        permission: 'public',
        summary: 'Answers with a status it does not declare',
        tags: ['test'],
        responses: { 200: { description: 'x' } },
        handler: ({ c }) => c.json({}, 202),
      }),
    ],
  });
});
afterEach(async () => {
  await t.close();
});

describe('response contract checking', () => {
  it('fails a test whose response body breaks the declared schema', async () => {
    await expect(t.request('/api/test/drift')).rejects.toThrow(/does not match its declared schema: \/count/);
  });

  it('fails a test whose response has an undeclared success status', async () => {
    await expect(t.request('/api/test/undeclared', { method: 'POST' })).rejects.toThrow(
      /status not declared/,
    );
  });

  it('holds error responses without a declared schema to the error envelope', async () => {
    const response = await t.request('/api/me');
    expect(response.status).toBe(401);
    expect(t.contract.checked.has('GET /api/me')).toBe(true);
  });

  it('resolves every route in OpenAPI to its own declaration, and every declared schema compiles', async () => {
    const openApi = (await (await t.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    let count = 0;
    for (const route of routesOf(t.app).filter((r) => !r.isHidden)) {
      const sample = route.path.replace(/:([A-Za-z0-9_]+)/g, 'sample-$1');
      const resolved = t.contract.routeFor(route.method, sample);
      // A literal route registered earlier may win for a sample value; it must then share the path shape.
      expect(resolved, `${route.method} ${route.path}`).toBeDefined();
      if (!route.path.includes(':')) expect(resolved).toBe(route);
      const openApiPath = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      expect(
        openApi.paths[openApiPath]?.[route.method],
        `${route.method} ${route.path} in OpenAPI`,
      ).toBeDefined();
      for (const response of Object.values(route.responses)) {
        if (response.schema) expect(() => ajv.compile(response.schema!)).not.toThrow();
      }
      count++;
    }
    expect(count).toBeGreaterThan(30);
  });
});
