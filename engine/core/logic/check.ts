/** @module Static checks of a rule against the JSON Schema of its data: operators, variables, types. */
import type { Issue } from '../errors.ts';
import type { Node, OpNode, VarNode } from './parse.ts';
import { parseRule } from './parse.ts';
import type { OperatorRegistry } from './registry.ts';
import { defaultRegistry } from './registry.ts';

/** Options of `checkRule`. */
export interface CheckOptions {
  registry?: OperatorRegistry;
  /** Default 64, as for `compile`. */
  maxDepth?: number;
}

/** JSON types an expression may have; null means unknown (anything). */
type Types = ReadonlySet<string> | null;
type Schema = Record<string, unknown> | boolean;

const ARITHMETIC = new Set(['+', '-', '*', '/', '%', 'min', 'max']);
const ORDERING = new Set(['<', '<=', '>', '>=']);
const EQUALITY = new Set(['==', '===', '!=', '!==']);
const LOOPS = new Set(['map', 'filter', 'reduce', 'all', 'some', 'none']);

function set(...types: string[]): Types {
  return new Set(types);
}

function union(a: Types, b: Types): Types {
  if (a === null || b === null) return null;
  return new Set([...a, ...b]);
}

function describe(types: Types): string {
  return types === null ? 'any' : [...types].sort().join('|');
}

function typeOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Checker {
  readonly issues: Issue[] = [];

  constructor(
    readonly root: Schema,
    readonly registry: OperatorRegistry,
  ) {}

  issue(path: string, code: string, en: string, zh: string): void {
    this.issues.push({ path, code, message: en, messageZh: zh, severity: 'error' });
  }

  /** Follows a local `$ref` (`#/...`) against the root schema. */
  deref(schema: Schema | undefined): Schema | undefined {
    let current = schema;
    for (let guard = 0; guard < 32 && isObject(current) && typeof current.$ref === 'string'; guard++) {
      const ref = current.$ref as string;
      if (!ref.startsWith('#')) return true;
      let target: unknown = this.root;
      for (const raw of ref.slice(1).split('/').filter(Boolean)) {
        const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
        target = isObject(target) ? target[seg] : undefined;
      }
      current = target as Schema | undefined;
    }
    return current;
  }

  /** Alternatives of a schema (anyOf/oneOf/allOf flattened); the schema itself otherwise. */
  alternatives(schema: Schema): Schema[] {
    const s = this.deref(schema);
    if (!isObject(s)) return [s ?? true];
    const branches = [...((s.anyOf as Schema[]) ?? []), ...((s.oneOf as Schema[]) ?? [])];
    if (branches.length > 0) return branches.flatMap((b) => this.alternatives(b));
    return [s];
  }

  typesOf(schema: Schema): Types {
    const out = new Set<string>();
    for (const alt of this.alternatives(schema)) {
      if (!isObject(alt)) return null;
      const t = alt.type;
      if (t === undefined) {
        if ('const' in alt) out.add(typeOfValue(alt.const));
        else if (Array.isArray(alt.enum)) for (const v of alt.enum) out.add(typeOfValue(v));
        else if (isObject(alt.properties)) out.add('object');
        else if (alt.items !== undefined || alt.prefixItems !== undefined) out.add('array');
        else return null;
      } else for (const x of Array.isArray(t) ? t : [t]) out.add(x === 'integer' ? 'number' : String(x));
    }
    return out;
  }

  /** The schema of `key` inside `schema`; undefined when the schema says it cannot exist. */
  child(schema: Schema, key: string): Schema | undefined {
    const found: Schema[] = [];
    let open = false;
    for (const alt of this.alternatives(schema)) {
      if (!isObject(alt)) {
        open = true;
        continue;
      }
      const props = alt.properties;
      if (isObject(props) && Object.hasOwn(props, key)) found.push(props[key] as Schema);
      else if (/^\d+$/.test(key) && (alt.items !== undefined || alt.prefixItems !== undefined)) {
        const prefix = Array.isArray(alt.prefixItems)
          ? (alt.prefixItems[Number(key)] as Schema | undefined)
          : undefined;
        found.push(prefix ?? (alt.items as Schema) ?? true);
      } else if (key === 'length' && (alt.type === 'array' || alt.type === 'string'))
        found.push({ type: 'integer' });
      else if (isObject(alt.additionalProperties) || isObject(alt.patternProperties)) found.push(true);
      else if (alt.additionalProperties === false || isObject(props)) {
        // A schema listing properties documents the data: anything else is a typo or a missing field.
      } else open = true;
    }
    if (found.length === 0) return open ? true : undefined;
    return found.length === 1 ? found[0] : { anyOf: found };
  }

  itemsOf(schema: Schema): Schema {
    const items = this.alternatives(schema)
      .filter(isObject)
      .map((alt) => alt.items as Schema | undefined)
      .filter((x): x is Schema => x !== undefined);
    if (items.length === 0) return true;
    return items.length === 1 ? items[0]! : { anyOf: items };
  }

  variable(node: VarNode, scope: Schema): { types: Types; schema: Schema } {
    const fallback = node.fallback === null ? null : this.infer(node.fallback, scope).types;
    if (node.keys === null) return { types: this.typesOf(scope), schema: scope };
    let current: Schema = scope;
    for (let i = 0; i < node.keys.length; i++) {
      const next = this.child(current, node.keys[i]!);
      if (next === undefined) {
        if (node.fallback === null) {
          const name = node.keys.slice(0, i + 1).join('.');
          this.issue(
            node.path,
            'logic.unknown_variable',
            `Variable ${JSON.stringify(String(node.source))} is not in the data schema (no ${JSON.stringify(name)})`,
            `变量 ${JSON.stringify(String(node.source))} 不在数据结构中（缺少 ${JSON.stringify(name)}）`,
          );
        }
        return { types: fallback, schema: true };
      }
      current = next;
    }
    const types = this.typesOf(current);
    return { types: node.fallback === null ? types : union(types, fallback), schema: current };
  }

  mismatch(path: string, op: string, expected: string, types: Types): void {
    this.issue(
      path,
      'logic.type_mismatch',
      `Operator ${op} expects ${expected} here, got ${describe(types)}`,
      `运算符 ${op} 此处需要 ${expected}，实际为 ${describe(types)}`,
    );
  }

  infer(node: Node, scope: Schema): { types: Types; schema: Schema } {
    switch (node.kind) {
      case 'const':
        return { types: node.invalid ? null : set(typeOfValue(node.value)), schema: true };
      case 'array':
        for (const item of node.items) this.infer(item, scope);
        return { types: set('array'), schema: true };
      case 'var':
        return this.variable(node, scope);
      case 'op':
        return this.op(node, scope);
    }
  }

  op(node: OpNode, scope: Schema): { types: Types; schema: Schema } {
    const name = node.name;
    if (node.standard && LOOPS.has(name)) return this.loop(node, scope);
    const args = node.args.map((a) => this.infer(a, scope));
    const typeAt = (i: number): Types => args[i]?.types ?? null;
    if (node.standard) {
      if (ARITHMETIC.has(name) && !(name === '+' && args.length === 1)) {
        node.args.forEach((arg, i) => {
          const t = typeAt(i);
          if (t !== null && !t.has('number')) this.mismatch(arg.path, name, 'number', t);
        });
      } else if (ORDERING.has(name) || EQUALITY.has(name)) {
        const comparable = args.slice(0, ORDERING.has(name) ? 3 : 2).map((a) => a.types);
        for (let i = 1; i < comparable.length; i++) {
          const [a, b] = [comparable[0]!, comparable[i]!];
          if (a === null || b === null || a.has('null') || b.has('null')) continue;
          if (![...a].some((t) => b.has(t))) {
            this.mismatch(node.args[i]!.path, name, describe(a), b);
            break;
          }
        }
      } else if (name === 'in') {
        const t = typeAt(1);
        if (t !== null && !t.has('string') && !t.has('array'))
          this.mismatch(node.args[1]!.path, name, 'string|array', t);
      } else if (name === 'if' || name === '?:') {
        let types: Types = set();
        for (let i = 1; i < args.length; i += 2) types = union(types, typeAt(i));
        if (args.length % 2 === 1) types = union(types, typeAt(args.length - 1));
        else types = union(types, set('null'));
        return { types, schema: true };
      } else if (name === 'and' || name === 'or') {
        return { types: args.reduce<Types>((acc, a) => union(acc, a.types), set()), schema: true };
      } else if (name === '*' && args.length === 1) {
        return { types: typeAt(0), schema: true };
      }
    } else {
      this.customArgs(
        node,
        args.map((a) => a.types),
      );
    }
    const result = node.def.resultSchema;
    return { types: result ? this.typesOf(result) : null, schema: result ?? true };
  }

  customArgs(node: OpNode, types: Types[]): void {
    const schema = node.def.argsSchema;
    const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
    const max = typeof schema.maxItems === 'number' ? schema.maxItems : Number.POSITIVE_INFINITY;
    if (types.length < min || types.length > max) {
      this.issue(
        node.path,
        'logic.arity',
        `Operator ${node.name} takes ${min}..${max} arguments, got ${types.length}`,
        `运算符 ${node.name} 需要 ${min}..${max} 个参数，实际 ${types.length} 个`,
      );
    }
    const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as Schema[]) : [];
    types.forEach((t, i) => {
      const expectedSchema = prefix[i] ?? (schema.items as Schema | undefined);
      if (expectedSchema === undefined || t === null) return;
      const expected = this.typesOf(expectedSchema);
      if (expected === null) return;
      if (![...t].some((x) => expected.has(x)))
        this.mismatch(node.args[i]!.path, node.name, describe(expected), t);
    });
  }

  loop(node: OpNode, scope: Schema): { types: Types; schema: Schema } {
    const [source, body, initial] = node.args;
    const input = source ? this.infer(source, scope) : { types: set('undefined'), schema: true };
    if (input.types !== null && !input.types.has('array')) {
      this.mismatch(source?.path ?? node.path, node.name, 'array', input.types);
    }
    const items = this.itemsOf(input.schema);
    const init = initial ? this.infer(initial, scope) : null;
    let bodyTypes: Types = null;
    if (body) {
      const bodyScope: Schema =
        node.name === 'reduce'
          ? { type: 'object', properties: { current: items, accumulator: true } }
          : items;
      bodyTypes = this.infer(body, bodyScope).types;
    }
    switch (node.name) {
      case 'map':
        return { types: set('array'), schema: { type: 'array', items: true } };
      case 'filter':
        return { types: set('array'), schema: { type: 'array', items } };
      case 'reduce':
        return { types: union(bodyTypes, init?.types ?? set('null')), schema: true };
      default:
        return { types: set('boolean'), schema: true };
    }
  }
}

/**
 * Checks `rule` against `dataSchema` (JSON Schema of the data it reads) and returns issues with
 * JSON-pointer paths into the rule; never throws. Reports unknown operators, unknown variables,
 * forbidden paths, nesting depth, arity and type mismatches (arithmetic on non-numbers, comparing
 * unrelated types, looping over non-arrays, arguments not matching an operator's `argsSchema`).
 */
export function checkRule(rule: unknown, dataSchema: unknown, options: CheckOptions = {}): Issue[] {
  const issues: Issue[] = [];
  const registry = options.registry ?? defaultRegistry;
  const root = parseRule(rule, { registry, maxDepth: options.maxDepth ?? 64 }, issues);
  const schema: Schema = isObject(dataSchema) || typeof dataSchema === 'boolean' ? dataSchema : true;
  const checker = new Checker(schema, registry);
  checker.infer(root, schema);
  return [...issues, ...checker.issues];
}
