/** @module Generates schemas/types.gen.ts from schemas/*.schema.json: a small JSON Schema → TypeScript emitter. */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A JSON Schema object as read from disk (only the keywords the emitter understands are typed). */
export type JsonSchema = boolean | SchemaObject;

interface SchemaObject {
  $id?: string;
  $ref?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $defs?: Record<string, JsonSchema>;
  [keyword: string]: unknown;
}

/** One schema file: its base name (e.g. `indicator`) and parsed content. */
export interface SchemaFile {
  name: string;
  schema: SchemaObject;
}

/** Base URL the schemas are published under; a file is also addressable as `<base><name>.schema.json`. */
export const SCHEMA_BASE = 'https://baton.example/schemas/';

const pascal = (text: string): string =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

/** Schemas whose `$defs` are named without a prefix: they are the shared vocabulary. */
const SHARED = new Set(['common']);

interface Named {
  file: SchemaFile;
  /** Type name of the root, or null when the file only holds `$defs`. */
  root: string | null;
}

const isTypeful = (s: JsonSchema | undefined): boolean => {
  if (s === undefined || typeof s === 'boolean') return false;
  return (
    s.$ref !== undefined ||
    s.type !== undefined ||
    s.const !== undefined ||
    s.enum !== undefined ||
    s.properties !== undefined ||
    s.items !== undefined ||
    s.prefixItems !== undefined ||
    (s.oneOf ?? []).some(isTypeful) ||
    (s.anyOf ?? []).some(isTypeful) ||
    (s.allOf ?? []).some(isTypeful)
  );
};

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const doc = (text: string | undefined, indent: string): string =>
  text ? `${indent}/** ${text.replaceAll('*/', '*\\/').replace(/\s+/g, ' ')} */\n` : '';

class Emitter {
  private readonly byUrl = new Map<string, Named>();

  constructor(private readonly files: SchemaFile[]) {
    for (const file of files) {
      const named: Named = {
        file,
        root: file.schema.type || file.schema.properties ? pascal(file.name) : null,
      };
      if (file.schema.$id) this.byUrl.set(file.schema.$id, named);
      this.byUrl.set(`${SCHEMA_BASE}${file.name}.schema.json`, named);
    }
  }

  private defName(file: SchemaFile, def: string): string {
    return SHARED.has(file.name) ? pascal(def) : `${pascal(file.name)}${pascal(def)}`;
  }

  private refName(ref: string, base: string): string {
    let url: URL;
    try {
      url = new URL(ref, base);
    } catch {
      return 'unknown';
    }
    const fragment = decodeURIComponent(url.hash.replace(/^#/, ''));
    url.hash = '';
    const target = this.byUrl.get(url.href);
    if (!target) return 'unknown';
    if (fragment === '' || fragment === '/') return target.root ?? 'unknown';
    const match = /^\/\$defs\/([^/]+)$/.exec(fragment);
    if (match && target.file.schema.$defs?.[match[1]!] !== undefined)
      return this.defName(target.file, match[1]!);
    return 'unknown';
  }

  private type(schema: JsonSchema | undefined, base: string, indent: string): string {
    if (schema === undefined || schema === true) return 'unknown';
    if (schema === false) return 'never';
    if (schema.$ref !== undefined) return this.refName(schema.$ref, base);
    if (schema.const !== undefined) return JSON.stringify(schema.const);
    if (schema.enum !== undefined) return schema.enum.map((v) => JSON.stringify(v)).join(' | ') || 'never';
    const parts: string[] = [];
    const types = Array.isArray(schema.type)
      ? schema.type
      : schema.type
        ? [schema.type]
        : schema.properties || schema.additionalProperties !== undefined
          ? ['object']
          : schema.items || schema.prefixItems
            ? ['array']
            : [];
    const alternatives = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].filter(isTypeful);
    // A bare `type: object` next to alternatives only restates what every alternative says.
    const bareObject =
      types.length === 1 &&
      types[0] === 'object' &&
      !schema.properties &&
      schema.additionalProperties === undefined;
    const own =
      bareObject && alternatives.length > 0 ? [] : types.map((t) => this.primitive(t, schema, base, indent));
    if (own.length > 0) parts.push(own.length > 1 ? own.join(' | ') : own[0]!);
    for (const member of (schema.allOf ?? []).filter(isTypeful)) parts.push(this.type(member, base, indent));
    if (alternatives.length > 0) {
      parts.push(alternatives.map((m) => this.type(m, base, indent)).join(' | '));
    }
    if (parts.length === 0) return 'unknown';
    if (parts.length === 1) return parts[0]!;
    return parts.map((p) => `(${p})`).join(' & ');
  }

  private primitive(type: string, schema: SchemaObject, base: string, indent: string): string {
    switch (type) {
      case 'string':
        return 'string';
      case 'number':
      case 'integer':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'array': {
        if (schema.prefixItems) {
          const items = schema.prefixItems.map((s) => this.type(s, base, indent));
          return `[${items.join(', ')}]`;
        }
        const item = this.type(schema.items, base, indent);
        return /^[A-Za-z0-9_]+$/.test(item) ? `${item}[]` : `Array<${item}>`;
      }
      case 'object':
        return this.object(schema, base, indent);
      default:
        return 'unknown';
    }
  }

  private object(schema: SchemaObject, base: string, indent: string): string {
    const properties = Object.entries(schema.properties ?? {});
    const extra = schema.additionalProperties;
    if (properties.length === 0) {
      if (extra === false) return 'Record<string, never>';
      return `Record<string, ${this.type(extra === undefined ? true : extra, base, indent)}>`;
    }
    const required = new Set(schema.required ?? []);
    const inner = `${indent}  `;
    let out = '{\n';
    for (const [key, value] of properties) {
      const description = typeof value === 'object' ? value.description : undefined;
      out += doc(description, inner);
      const name = identifier.test(key) ? key : JSON.stringify(key);
      out += `${inner}${name}${required.has(key) ? '' : '?'}: ${this.type(value, base, inner)};\n`;
    }
    if (extra !== undefined && extra !== false && extra !== true && isTypeful(extra)) {
      out += `${inner}[key: string]: unknown;\n`;
    }
    return `${out}${indent}}`;
  }

  /** The whole generated module (before formatting). */
  emit(): string {
    let out =
      '/** @module Types generated from schemas/*.schema.json by scripts/gen-schema-types.ts: do not edit, run `npx tsx scripts/gen-schema-types.ts`. */\n';
    for (const file of [...this.files].sort((a, b) => a.name.localeCompare(b.name))) {
      const base = file.schema.$id ?? `${SCHEMA_BASE}${file.name}.schema.json`;
      const defs = Object.entries(file.schema.$defs ?? {}).sort(([a], [b]) => a.localeCompare(b));
      for (const [key, def] of defs) {
        const description = typeof def === 'object' ? def.description : undefined;
        out += `\n${doc(description, '')}export type ${this.defName(file, key)} = ${this.type(def, base, '')};\n`;
      }
      const root = this.byUrl.get(base)?.root;
      if (root) {
        out += `\n${doc(file.schema.description, '')}export type ${root} = ${this.type({ ...file.schema, $defs: undefined }, base, '')};\n`;
      }
    }
    return out;
  }
}

/** Emits the TypeScript source (unformatted) for a set of schema files. */
export function generateTypes(files: SchemaFile[]): string {
  return new Emitter(files).emit();
}

/** Reads every `*.schema.json` of a directory, sorted by name. */
export function readSchemaFiles(dir: string): SchemaFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((f) => ({
      name: f.replace(/\.schema\.json$/, ''),
      schema: JSON.parse(readFileSync(join(dir, f), 'utf8')) as SchemaObject,
    }));
}

/** Formats TypeScript source with the repository's Biome configuration. */
export function formatWithBiome(source: string, root: string, filePath = 'schemas/types.gen.ts'): string {
  const result = spawnSync(
    join(root, 'node_modules/.bin/biome'),
    ['format', `--stdin-file-path=${filePath}`],
    {
      cwd: root,
      input: source,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`biome format failed: ${result.stderr}`);
  return result.stdout;
}

/** Generates and formats the types of the schemas under `root/schemas`. */
export function generateFormatted(root: string): string {
  return formatWithBiome(generateTypes(readSchemaFiles(join(root, 'schemas'))), root);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(import.meta.dirname, '..');
  writeFileSync(join(root, 'schemas/types.gen.ts'), generateFormatted(root));
  console.log('wrote schemas/types.gen.ts');
}
