/** @module Every schema is documented for the studio's help, references resolve, and generated types are current. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allSchemas, SCHEMA_BASE } from '../../../../engine/core/ruleset/schemas.ts';
import { generateFormatted, generateTypes } from '../../../../scripts/gen-schema-types.ts';

const root = resolve(import.meta.dirname, '../../../..');
/** Schemas owned by other modules are documented by their owners; this suite checks the rule-set ones. */
const OWN = allSchemas().filter(
  (s) => !['decision-table.schema.json', 'calendar.schema.json'].includes(s.file),
);

/** Paths of properties lacking `description` or `examples`, anywhere in a schema. */
function undocumented(schema: unknown, path = '#'): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const s = schema as Record<string, unknown>;
  const out: string[] = [];
  const properties = (s.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, prop] of Object.entries(properties)) {
    if (typeof prop.description !== 'string' || prop.description === '')
      out.push(`${path}/properties/${name}: description`);
    if (!Array.isArray(prop.examples) || prop.examples.length === 0)
      out.push(`${path}/properties/${name}: examples`);
  }
  for (const [key, value] of Object.entries(s)) {
    // Values and conditions (`if`, `not`) are not property definitions the studio shows.
    if (['examples', 'default', 'const', 'enum', 'if', 'not'].includes(key)) continue;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) out.push(...undocumented(value[i], `${path}/${key}/${i}`));
    } else if (typeof value === 'object' && value !== null) {
      if (key === 'properties' || key === '$defs')
        for (const [k, v] of Object.entries(value)) out.push(...undocumented(v, `${path}/${key}/${k}`));
      else out.push(...undocumented(value, `${path}/${key}`));
    }
  }
  return out;
}

describe('the document schemas', () => {
  it('are JSON Schema 2020-12 with an $id under the one base URL, a title and a description', () => {
    for (const { file, schema } of allSchemas()) {
      expect(schema.$schema, file).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id, file).toBe(`${SCHEMA_BASE}${file}`);
      expect(typeof schema.title, file).toBe('string');
      expect(typeof schema.description, file).toBe('string');
    }
  });

  it('give every property a description and examples', () => {
    expect(OWN.flatMap(({ file, schema }) => undocumented(schema, file))).toEqual([]);
  });

  it('notice a property without description or examples', () => {
    const schema = {
      properties: { a: { description: 'x' }, b: { type: 'object', properties: { c: { examples: [1] } } } },
    };
    expect(undocumented(schema)).toEqual([
      '#/properties/a: examples',
      '#/properties/b: description',
      '#/properties/b: examples',
      '#/properties/b/properties/c: description',
    ]);
  });

  it('require kind, id and schemaVersion on every document kind', () => {
    for (const { file, schema } of OWN) {
      if (['common.schema.json', 'bundle.schema.json'].includes(file)) continue;
      expect(schema.required, file).toEqual(expect.arrayContaining(['kind', 'id', 'schemaVersion']));
      expect((schema.properties as Record<string, { const?: unknown }>).kind?.const, file).toBeTypeOf(
        'string',
      );
    }
  });

  it('reference the decision-table and calendar schemas by their canonical URLs', () => {
    const text = JSON.stringify(OWN.map((s) => s.schema));
    expect(text).toContain('"$ref":"https://baton.example/schemas/decision-table.schema.json"');
    expect(text).toContain('"$ref":"https://baton.example/schemas/calendar.schema.json"');
  });
});

describe('schemas/types.gen.ts', () => {
  it('is up to date: run `npx tsx scripts/gen-schema-types.ts` after editing a schema', () => {
    expect(readFileSync(resolve(root, 'schemas/types.gen.ts'), 'utf8')).toBe(generateFormatted(root));
  });

  it('emits objects, optional properties, enums, consts, arrays, refs, unions and maps', () => {
    const source = generateTypes([
      {
        name: 'thing',
        schema: {
          $id: 'https://baton.example/schemas/thing.schema.json',
          type: 'object',
          properties: {
            kind: { const: 'thing' },
            size: { enum: ['s', 'm'] },
            tags: { type: 'array', items: { type: 'string' } },
            other: { $ref: 'other.schema.json' },
            part: { $ref: '#/$defs/part' },
            either: { oneOf: [{ type: 'number' }, { type: 'null' }] },
            bag: { type: 'object', additionalProperties: { type: 'integer' } },
          },
          required: ['kind'],
          $defs: { part: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] } },
        },
      },
      { name: 'other', schema: { $id: 'https://baton.example/schemas/other.schema.json', type: 'boolean' } },
    ]);
    expect(source).toContain('export type ThingPart = {\n  n: number;\n}');
    expect(source).toContain('kind: "thing";');
    expect(source).toContain('size?: "s" | "m";');
    expect(source).toContain('tags?: string[];');
    expect(source).toContain('other?: Other;');
    expect(source).toContain('part?: ThingPart;');
    expect(source).toContain('either?: number | null;');
    expect(source).toContain('bag?: Record<string, number>;');
    expect(source).toContain('export type Other = boolean;');
  });
});
