/**
 * @module Generates schemas/api-types.gen.ts from the OpenAPI document the server serves at /openapi.json,
 * and studio/api/types.gen.ts, which re-exports it for the studio. The engine may import schemas/, so
 * an engine type that a response schema describes is taken from the generated file instead of written again.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHttpApp, routesOf } from '../engine/adapters/http/app.ts';
import { buildOpenApi } from '../engine/adapters/http/openapi.ts';
import { pluginRoutes } from '../engine/adapters/http/routes/plugins.ts';
import { silentLogger } from '../engine/adapters/log/json-logger.ts';
import { formatWithBiome, generateTypes, type JsonSchema } from './gen-schema-types.ts';

/** Where the generated module is written, relative to the repository root. */
export const API_TYPES_PATH = 'schemas/api-types.gen.ts';

/** The studio's name for the generated module: a re-export of it. */
export const STUDIO_API_TYPES_PATH = 'studio/api/types.gen.ts';

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
  return extendBases(hoistRepeats(aliasRepeats(named)));
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

type SchemaObject = Exclude<JsonSchema, boolean>;

/** A schema's shape: what it says besides its own title and description. */
const shapeKey = ({ title, description, ...shape }: SchemaObject): string => JSON.stringify(shape);

/** Worth a name of its own: an object with two or more fields, or a schema that names itself with `title`. */
const isNameable = (schema: JsonSchema | undefined): schema is SchemaObject =>
  typeof schema === 'object' &&
  schema.$ref === undefined &&
  (typeof schema.title === 'string' || Object.keys(schema.properties ?? {}).length >= 2);

/** A place a schema sits inside another, with a name hint from the fields leading to it. */
interface Slot {
  hint: string;
  schema: SchemaObject;
  set: (schema: JsonSchema) => void;
}

const singular = (word: string): string =>
  word.endsWith('ies') ? `${word.slice(0, -3)}y` : /[^s]s$/.test(word) ? word.slice(0, -1) : word;

/** Every schema nested in `schema` (not `schema` itself), outermost first; references are not followed. */
function slotsOf(schema: JsonSchema, hint: string, out: Slot[] = []): Slot[] {
  if (typeof schema !== 'object' || schema.$ref !== undefined) return out;
  const visit = (child: JsonSchema | undefined, childHint: string, set: (s: JsonSchema) => void): void => {
    if (typeof child !== 'object') return;
    out.push({ hint: childHint, schema: child, set });
    slotsOf(child, childHint, out);
  };
  const properties = schema.properties ?? {};
  for (const key of Object.keys(properties)) {
    visit(properties[key], `${hint}${pascal(key)}`, (s) => {
      properties[key] = s;
    });
  }
  const item = /[a-z]s$/.test(hint) ? singular(hint) : `${hint}Item`;
  visit(schema.items, item, (s) => {
    schema.items = s;
  });
  for (const keyword of ['oneOf', 'anyOf', 'allOf', 'prefixItems'] as const) {
    const members = schema[keyword];
    members?.forEach((member, index) => {
      visit(member, keyword === 'prefixItems' ? item : hint, (s) => {
        members[index] = s;
      });
    });
  }
  if (typeof schema.additionalProperties === 'object') {
    visit(schema.additionalProperties, `${hint}Value`, (s) => {
      schema.additionalProperties = s;
    });
  }
  return out;
}

const refTo = (name: string, description: string | undefined): JsonSchema => ({
  $ref: `#/components/schemas/${name}`,
  ...(description === undefined ? {} : { description }),
});

/**
 * A nested shape written in two or more places (inside responses, or also as a named schema) is
 * written once: named by its `title`, else by the named schema it equals, else by the fields leading
 * to its first place; every place refers to it. Largest shapes first, until none repeats.
 */
function hoistRepeats(schemas: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const out = structuredClone(schemas);
  for (;;) {
    const named = new Map<string, string>();
    const nested = new Map<string, Slot[]>();
    for (const [name, schema] of Object.entries(out)) {
      if (typeof schema === 'object' && schema.properties !== undefined && !named.has(shapeKey(schema)))
        named.set(shapeKey(schema), name);
      for (const slot of slotsOf(schema, name)) {
        if (slot.schema.$ref !== undefined || slot.schema.properties === undefined) continue;
        const key = shapeKey(slot.schema);
        nested.set(key, [...(nested.get(key) ?? []), slot]);
      }
    }
    // A shape a named schema already has is referred to wherever it stands; others need a name of their own.
    const repeated = [...nested].filter(
      ([key, slots]) => named.has(key) || (slots.length >= 2 && isNameable(slots[0]!.schema)),
    );
    if (repeated.length === 0) return out;
    const [key, slots] = repeated.reduce((a, b) => (b[0].length > a[0].length ? b : a));
    const first = slots[0]!.schema;
    const { title, description, ...shape } = first;
    let name = named.get(key);
    const titled = typeof title === 'string' ? pascal(title) : undefined;
    if (titled !== undefined && (out[titled] === undefined || titled === name)) {
      if (name !== undefined && name !== titled) {
        const top = out[name] as SchemaObject;
        out[name] = refTo(titled, top.description);
      }
      name = titled;
      out[name] = shape;
    }
    if (name === undefined) {
      name = slots[0]!.hint;
      for (let n = 2; out[name] !== undefined; n++) name = `${slots[0]!.hint}${n}`;
      out[name] = shape;
    }
    for (const slot of slots) slot.set(refTo(name, slot.schema.description));
  }
}

/** The fewest fields a named object needs before others are written as extending it. */
const MIN_BASE_FIELDS = 4;

/** Whether `schema` starts with every field of `base` (same schemas, same required ones) and adds some. */
function extendsBase(schema: SchemaObject, base: SchemaObject): boolean {
  const own = Object.entries(schema.properties ?? {});
  const inherited = Object.entries(base.properties ?? {});
  const { title: _t, description: _d, properties: _p, required: baseRequired = [], ...baseRest } = base;
  const { title: _t2, description: _d2, properties: _p2, required = [], ...rest } = schema;
  return (
    inherited.length >= MIN_BASE_FIELDS &&
    own.length > inherited.length &&
    JSON.stringify(rest) === JSON.stringify(baseRest) &&
    inherited.every(
      ([key, value], i) => own[i]![0] === key && JSON.stringify(own[i]![1]) === JSON.stringify(value),
    ) &&
    JSON.stringify([...baseRequired].sort()) ===
      JSON.stringify(required.filter((key) => key in (base.properties ?? {})).sort())
  );
}

/**
 * A named object that repeats all the fields of another named object and adds some is written as
 * that object and its own fields (`A & {…}`), extending the largest such base.
 */
function extendBases(schemas: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const objects = Object.entries(schemas).filter(
    (entry): entry is [string, SchemaObject] =>
      typeof entry[1] === 'object' && entry[1].$ref === undefined && entry[1].properties !== undefined,
  );
  const out = { ...schemas };
  for (const [name, schema] of objects) {
    const bases = objects.filter(([other, base]) => other !== name && extendsBase(schema, base));
    if (bases.length === 0) continue;
    const [baseName, base] = bases.reduce((a, b) =>
      Object.keys(b[1].properties!).length > Object.keys(a[1].properties!).length ? b : a,
    );
    const inherited = new Set(Object.keys(base.properties!));
    const { title, description, properties, required = [], ...rest } = schema;
    out[name] = {
      ...(description === undefined ? {} : { description }),
      allOf: [
        { $ref: `#/components/schemas/${baseName}` },
        {
          ...rest,
          required: required.filter((key) => !inherited.has(key)),
          properties: Object.fromEntries(Object.entries(properties!).filter(([key]) => !inherited.has(key))),
        },
      ],
    };
  }
  return out;
}

const HEADER =
  '/** @module HTTP API types (response, body and query shapes) generated from /openapi.json by scripts/gen-api-types.ts: do not edit, run `npm run gen:api-types`. */\n';

/** The generated module, unformatted. */
export function generateApiTypes(document: OpenApiDocument): string {
  const defs = Object.fromEntries(
    Object.entries(namedSchemas(document)).map(([name, schema]) => [name, localRefs(schema)]),
  );
  // `common` is the schema emitter's file whose `$defs` keep their own names.
  const source = generateTypes([{ name: 'common', schema: { $defs: defs } }]);
  return HEADER + source.slice(source.indexOf('\n') + 1);
}

const STUDIO_MODULE = `${HEADER}export type * from '../../${API_TYPES_PATH}';\n`;

/** Every generated file (path relative to `root` → formatted text) for the repository at `root`. */
export function generateApiTypeFiles(root: string): Record<string, string> {
  return {
    [API_TYPES_PATH]: formatWithBiome(generateApiTypes(buildApiDocument()), root, API_TYPES_PATH),
    [STUDIO_API_TYPES_PATH]: formatWithBiome(STUDIO_MODULE, root, STUDIO_API_TYPES_PATH),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(import.meta.dirname, '..');
  for (const [path, text] of Object.entries(generateApiTypeFiles(root))) {
    writeFileSync(join(root, path), text);
    console.log(`wrote ${path}`);
  }
}
