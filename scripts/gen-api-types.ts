/** @module Generates studio/api/types.gen.ts from the OpenAPI document the server serves at /openapi.json. */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHttpApp, routesOf } from '../engine/adapters/http/app.ts';
import { buildOpenApi } from '../engine/adapters/http/openapi.ts';
import { pluginRoutes } from '../engine/adapters/http/routes/plugins.ts';
import { silentLogger } from '../engine/adapters/log/json-logger.ts';
import { formatWithBiome, generateTypes, type JsonSchema } from './gen-schema-types.ts';

/** Where the generated module is written, relative to the repository root. */
export const API_TYPES_PATH = 'studio/api/types.gen.ts';

interface Operation {
  operationId: string;
  summary?: string;
  parameters?: { name: string; in: string; required?: boolean; schema: JsonSchema; description?: string }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}

/**
 * The document /openapi.json serves, plugin routes included. Building the routes needs no store:
 * operations are only called by handlers, so none is given.
 */
export function buildApiDocument(): OpenApiDocument {
  const app = createHttpApp({ ops: {} as never, logger: silentLogger, routes: pluginRoutes({} as never) });
  return buildOpenApi(routesOf(app), { version: '0.0.0' }) as unknown as OpenApiDocument;
}

const pascal = (text: string): string => text[0]!.toUpperCase() + text.slice(1);

/** Rewrites `#/components/schemas/X` references to the `$defs` the schema emitter resolves. */
const localRefs = (schema: JsonSchema): JsonSchema =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"#/$defs/')) as JsonSchema;

const described = (schema: JsonSchema, description: string): JsonSchema =>
  typeof schema === 'object' && schema.description === undefined ? { ...schema, description } : schema;

/**
 * One named schema per components schema and per operation: `<OperationId>Body` (JSON request body),
 * `<OperationId>Query` (query parameters) and `<OperationId>Response` (first 2xx JSON response).
 */
export function namedSchemas(document: OpenApiDocument): Record<string, JsonSchema> {
  const named: Record<string, JsonSchema> = { ...document.components.schemas };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const name = pascal(operation.operationId);
      const label = `${method.toUpperCase()} ${path}`;
      const body = operation.requestBody?.content['application/json']?.schema;
      if (body !== undefined) named[`${name}Body`] = described(body, `Request body of ${label}`);
      const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
      if (query.length > 0) {
        named[`${name}Query`] = {
          description: `Query parameters of ${label}`,
          type: 'object',
          required: query.filter((p) => p.required).map((p) => p.name),
          properties: Object.fromEntries(query.map((p) => [p.name, p.schema])),
        };
      }
      const success = Object.keys(operation.responses)
        .filter((status) => /^2\d\d$/.test(status))
        .sort()
        .map((status) => operation.responses[status]!.content?.['application/json']?.schema)
        .find((schema) => schema !== undefined);
      if (success !== undefined) {
        named[`${name}Response`] = described(success, `${operation.summary ?? label} (${label})`);
      }
    }
  }
  return aliasRepeats(named);
}

/**
 * A schema that repeats an earlier one (ignoring its description) becomes a reference to it, so the
 * generated file says `type B = A` instead of writing the same shape twice.
 */
function aliasRepeats(named: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const firstByShape = new Map<string, string>();
  const out: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(named)) {
    const { description, ...shape } = typeof schema === 'object' ? schema : { description: undefined };
    const key = JSON.stringify(shape);
    // Only shapes with fields or items: two routes that both answer "an object" share no meaning.
    const isShape =
      typeof schema === 'object' &&
      ['properties', 'items', 'oneOf', 'anyOf', 'allOf'].some((k) => k in shape);
    const first = isShape ? firstByShape.get(key) : undefined;
    if (first === undefined) {
      if (isShape) firstByShape.set(key, name);
      out[name] = schema;
    } else {
      out[name] = {
        $ref: `#/components/schemas/${first}`,
        ...(description === undefined ? {} : { description }),
      };
    }
  }
  return out;
}

const HEADER =
  '/** @module Studio API types generated from /openapi.json by scripts/gen-api-types.ts: do not edit, run `npm run gen:api-types`. */\n';

/** The generated module, unformatted. */
export function generateApiTypes(document: OpenApiDocument): string {
  const defs = Object.fromEntries(
    Object.entries(namedSchemas(document)).map(([name, schema]) => [name, localRefs(schema)]),
  );
  // `common` is the schema emitter's file whose `$defs` keep their own names.
  const source = generateTypes([{ name: 'common', schema: { $defs: defs } }]);
  return HEADER + source.slice(source.indexOf('\n') + 1);
}

/** Generates and formats studio/api/types.gen.ts for the repository at `root`. */
export function generateApiTypesFormatted(root: string): string {
  return formatWithBiome(generateApiTypes(buildApiDocument()), root, API_TYPES_PATH);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(import.meta.dirname, '..');
  writeFileSync(join(root, API_TYPES_PATH), generateApiTypesFormatted(root));
  console.log(`wrote ${API_TYPES_PATH}`);
}
