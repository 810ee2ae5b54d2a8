/** @module Routes of evidence files: upload (content-addressed), download (engine/app/performance/upload-attachment.ts, get-attachment.ts). */
import { defineRoute, type RouteDefinition } from '../../route.ts';
import { actorOf, errors, sha } from './schemas.ts';

/** POST /api/performance/attachments, GET /attachments/:sha256. */
export function attachmentRoutes(): RouteDefinition[] {
  return [
    defineRoute<{ name: string; mime: string; contentBase64: string }>({
      method: 'post',
      path: '/api/performance/attachments',
      bodyLimit: 'upload',
      permission: 'performance.submit',
      summary: 'Upload an attachment (content-addressed by sha256, stored once)',
      tags: ['performance'],
      request: {
        body: {
          type: 'object',
          required: ['name', 'mime', 'contentBase64'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 255 },
            mime: { type: 'string', minLength: 1, maxLength: 100 },
            contentBase64: {
              type: 'string',
              minLength: 1,
              maxLength: 960_000,
              pattern: '^[A-Za-z0-9+/]*={0,2}$',
            },
          },
          additionalProperties: false,
        },
      },
      responses: {
        201: {
          description: '{sha256, name, mime, size, isDuplicate}',
          schema: {
            type: 'object',
            required: ['sha256', 'name', 'mime', 'size', 'isDuplicate'],
            properties: {
              sha256: sha,
              name: { type: 'string' },
              mime: { type: 'string' },
              size: { type: 'integer' },
              isDuplicate: { type: 'boolean' },
            },
          },
        },
        ...errors,
      },
      handler: ({ ops, auth, body }) =>
        ops.uploadAttachment({
          actor: actorOf(auth),
          name: body.name,
          mime: body.mime,
          content: new Uint8Array(Buffer.from(body.contentBase64, 'base64')),
        }),
    }),
    defineRoute<unknown, Record<string, unknown>, { sha256: string }>({
      method: 'get',
      path: '/api/performance/attachments/:sha256',
      permission: 'performance.read',
      summary: 'Download an attachment',
      tags: ['performance'],
      request: { params: { type: 'object', required: ['sha256'], properties: { sha256: sha } } },
      responses: { 200: { description: 'The bytes', contentType: 'application/octet-stream' }, ...errors },
      handler: async ({ ops, auth, params }) => {
        const { meta, content } = await ops.getAttachment({ actor: actorOf(auth), sha256: params.sha256 });
        return new Response(content as unknown as BodyInit, {
          headers: {
            'content-type': meta.mime,
            'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(meta.name)}`,
            'x-content-type-options': 'nosniff',
          },
        });
      },
    }),
  ];
}
