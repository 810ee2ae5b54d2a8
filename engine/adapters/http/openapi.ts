/** @module OpenAPI 3.1 generated from the route definitions; never edited by hand. */
import { type JsonSchema, openApiPath, type RouteDefinition } from './route.ts';
import { errorSchema } from './schemas.ts';

/** Standard error responses every route may give, besides the ones it documents. */
const COMMON_ERRORS: Record<number, string> = {
  400: 'Invalid request (`request.invalid`, `request.malformed_json`, `request.too_deep`)',
  413: 'Body too large (`request.too_large`)',
  500: 'Internal error (message carries the request id)',
};
const AUTH_ERRORS: Record<number, string> = {
  401: 'Not signed in (`auth.required`, `auth.invalid_api_key`)',
  403: 'Not allowed (`auth.forbidden`, `auth.csrf`)',
};

const errorRef = { $ref: '#/components/schemas/Error' };

function parametersOf(route: RouteDefinition): unknown[] {
  const parameters: unknown[] = [];
  for (const where of ['path', 'query'] as const) {
    const schema = where === 'path' ? route.request?.params : route.request?.query;
    const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((schema?.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries(properties)) {
      parameters.push({
        name,
        in: where,
        required: where === 'path' || required.has(name),
        schema: property,
        ...(typeof property.description === 'string' ? { description: property.description } : {}),
      });
    }
  }
  return parameters;
}

/** The OpenAPI 3.1 document of `routes` (hidden routes left out). */
export function buildOpenApi(
  routes: readonly RouteDefinition[],
  info: { version: string },
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    if (route.isHidden) continue;
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      const isError = Number(status) >= 400;
      const contentType = response.contentType ?? 'application/json';
      const schema = response.schema ?? (isError ? errorRef : undefined);
      responses[status] = {
        description: response.description,
        ...(schema ? { content: { [contentType]: { schema } } } : {}),
      };
    }
    const extra = route.permission === 'public' ? COMMON_ERRORS : { ...COMMON_ERRORS, ...AUTH_ERRORS };
    for (const [status, description] of Object.entries(extra)) {
      responses[status] ??= { description, content: { 'application/json': { schema: errorRef } } };
    }
    const operation: Record<string, unknown> = {
      operationId: `${route.method}${openApiPath(route.path)
        .replace(/[{}]/g, '')
        .split(/[/.-]/)
        .filter(Boolean)
        .map((part) => part[0]!.toUpperCase() + part.slice(1))
        .join('')}`,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: route.tags,
      'x-permission': route.permission,
      security: route.permission === 'public' ? [] : [{ cookieAuth: [] }, { bearerAuth: [] }],
      responses,
    };
    const parameters = parametersOf(route);
    if (parameters.length > 0) operation.parameters = parameters;
    if (route.request?.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: route.request.body } },
      };
    }
    const path = openApiPath(route.path);
    paths[path] ??= {};
    paths[path][route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Baton API',
      version: info.version,
      description:
        'Baton rules platform. Cookie sessions must send `x-csrf-token` on every non-GET request; API keys use `Authorization: Bearer bk_<prefix>_<secret>`. Errors are `{error:{code,message,path?,details?}}` in zh-CN or en by Accept-Language.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        cookieAuth: { type: 'apiKey', in: 'cookie', name: 'baton_session' },
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'API key `bk_<prefix>_<secret>`' },
      },
    },
  };
}
