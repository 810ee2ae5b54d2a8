/** @module Hostile and broken requests: malformed JSON, size and depth limits, validation, unknown routes, internal errors. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineRoute } from '../../engine/adapters/http/route.ts';
import { createTestApp, type TestApp } from '../support/api-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({
    maxBodyBytes: 1024 * 1024,
    routes: [
      defineRoute({
        method: 'get',
        path: '/api/test/explode',
        permission: 'public',
        summary: 'Throws an unexpected error',
        tags: ['test'],
        responses: { 200: { description: 'never' } },
        handler: () => {
          throw new Error('secret internals: table foo is on fire');
        },
      }),
    ],
  });
});
afterEach(async () => {
  await t.close();
});

const postLogin = (body: string, headers: Record<string, string> = {}) =>
  t.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en', ...headers },
    body,
  });

const errorOf = async (response: Response) =>
  ((await response.json()) as { error: Record<string, any> }).error;

describe('request limits', () => {
  it('answers malformed JSON with 400 request.malformed_json without echoing the body', async () => {
    const response = await postLogin('{"username": "admin", "password": "hunter2"');
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('request.malformed_json');
    expect(JSON.stringify(error)).not.toContain('hunter2');
  });

  it('answers an empty body with 400 request.malformed_json', async () => {
    expect((await errorOf(await postLogin(''))).code).toBe('request.malformed_json');
  });

  it('answers a body over 1 MiB with 413 request.too_large', async () => {
    const big = JSON.stringify({ username: 'admin', password: 'x'.repeat(1024 * 1024 + 10) });
    const response = await postLogin(big);
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('request.too_large');
  });

  it('enforces the size limit even when content-length is absent', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 20) controller.close();
        else {
          sent++;
          controller.enqueue(chunk);
        }
      },
    });
    const response = await t.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      // @ts-expect-error: node's fetch needs duplex for streamed bodies
      duplex: 'half',
    });
    expect(response.status).toBe(413);
  });

  it('answers JSON nested deeper than 64 levels with 400 request.too_deep, even when huge', async () => {
    const deep = `${'['.repeat(65)}${']'.repeat(65)}`;
    const response = await postLogin(deep);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('request.too_deep');
    const huge = '['.repeat(500_000);
    expect((await postLogin(huge)).status).toBe(400);
  });

  it('does not count brackets inside strings as nesting', async () => {
    const response = await postLogin(JSON.stringify({ username: 'nobody', password: '['.repeat(200) }));
    expect(response.status).toBe(401);
  });

  it('reports every schema issue and the path of the first one', async () => {
    const response = await postLogin(JSON.stringify({ username: 5, extra: true }));
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('request.invalid');
    expect(error.path).toBe('/password');
    const paths = (error.details as { path: string }[]).map((issue) => issue.path).sort();
    expect(paths).toEqual(['/extra', '/password', '/username']);
  });

  it('answers a non-JSON content type with 415', async () => {
    const response = await postLogin('username=admin', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(415);
    expect((await errorOf(response)).code).toBe('request.unsupported_media_type');
  });

  it('answers unknown /api routes and methods with a JSON 404', async () => {
    for (const [method, path] of [
      ['GET', '/api/nope'],
      ['POST', '/api/units'],
      ['DELETE', '/api/health'],
      ['GET', '/api'],
    ] as const) {
      const response = await t.request(path, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect((await errorOf(response)).code).toBe('request.not_found');
    }
  });

  it('hides an unexpected error behind a generic 500 with the request id and logs the internals', async () => {
    const response = await t.request('/api/test/explode', { headers: { 'x-request-id': 'req-42' } });
    expect(response.status).toBe(500);
    const error = await errorOf(response);
    expect(error).toEqual({
      code: 'internal',
      message: expect.stringContaining('req-42'),
      requestId: 'req-42',
    });
    expect(JSON.stringify(error)).not.toContain('fire');
    const logged = t.logs.map((line) => JSON.parse(line)).find((line) => line.msg === 'unhandled error');
    expect(logged).toMatchObject({ level: 'error', reqId: 'req-42' });
    expect(JSON.stringify(logged)).toContain('table foo is on fire');
  });
});
