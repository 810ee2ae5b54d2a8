/** @module Schema validation of documents (never throws) and default filling. */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsImport from 'ajv-formats';
import type { Issue } from '../errors.ts';
import { messageOf } from '../errors.ts';
import { allSchemas, isKind, type Kind, type KindTypes, SCHEMA_BASE, SCHEMAS } from './schemas.ts';

/** Result of {@link validate}. */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** Bounds on the input walked before validation, so garbage cannot exhaust the stack or the heap. */
export const INPUT_LIMITS = { maxDepth: 256, maxNodes: 2_000_000 } as const;

const addFormats = addFormatsImport as unknown as (ajv: Ajv2020) => Ajv2020;

function createAjv(useDefaults: boolean): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, discriminator: true, strict: false, useDefaults });
  addFormats(ajv);
  // Every schema's $id is `<SCHEMA_BASE><file>` (a test holds them to it), so `$ref`s resolve by file URL.
  for (const { schema } of allSchemas()) ajv.addSchema(schema);
  return ajv;
}

let checking: Ajv2020 | null = null;
let defaulting: Ajv2020 | null = null;
const compiled = new Map<string, ValidateFunction>();

function validatorFor(kind: Kind, withDefaults: boolean): ValidateFunction {
  const key = `${withDefaults ? 'd' : 'v'}:${kind}`;
  let fn = compiled.get(key);
  if (!fn) {
    if (withDefaults && !defaulting) defaulting = createAjv(true);
    if (!withDefaults && !checking) checking = createAjv(false);
    const ajv = (withDefaults ? defaulting : checking)!;
    fn = ajv.getSchema(`${SCHEMA_BASE}${SCHEMAS[kind].file}`);
    if (!fn) throw new Error(`schema of ${kind} not registered`);
    compiled.set(key, fn);
  }
  return fn;
}

const issue = (path: string, code: string, en: string, zh: string): Issue => ({
  path,
  code,
  message: en,
  messageZh: zh,
  severity: 'error',
});

const segment = (s: string | number): string => String(s).replaceAll('~', '~0').replaceAll('/', '~1');

/** Finds what JSON Schema validation must not be handed: non-JSON values, cycles, absurd depth or size. */
function jsonSafetyIssues(raw: unknown): Issue[] {
  const issues: Issue[] = [];
  const ancestors = new Set<object>();
  let nodes = 0;
  const walk = (v: unknown, path: string, depth: number): void => {
    if (issues.length >= 20) return;
    if (++nodes > INPUT_LIMITS.maxNodes) {
      if (nodes === INPUT_LIMITS.maxNodes + 1)
        issues.push(issue('', 'json.too_large', 'The document is too large', '文档过大'));
      return;
    }
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return;
      case 'number':
        if (!Number.isFinite(v))
          issues.push(issue(path, 'json.not_json', `${v} is not a JSON number`, `${v} 不是合法的 JSON 数字`));
        return;
      case 'object': {
        if (v === null) return;
        if (ancestors.has(v)) {
          issues.push(issue(path, 'json.cycle', 'The value contains itself', '该值存在循环引用'));
          return;
        }
        if (depth >= INPUT_LIMITS.maxDepth) {
          issues.push(issue(path, 'json.too_deep', 'The document is nested too deeply', '文档嵌套过深'));
          return;
        }
        const isArray = Array.isArray(v);
        const proto = Object.getPrototypeOf(v);
        if (!isArray && proto !== Object.prototype && proto !== null) {
          issues.push(
            issue(path, 'json.not_json', 'Only plain objects and arrays are allowed', '只允许普通对象和数组'),
          );
          return;
        }
        ancestors.add(v);
        if (isArray) for (let i = 0; i < v.length; i++) walk(v[i], `${path}/${i}`, depth + 1);
        else
          for (const key of Object.keys(v))
            walk((v as Record<string, unknown>)[key], `${path}/${segment(key)}`, depth + 1);
        ancestors.delete(v);
        return;
      }
      default:
        issues.push(
          issue(path, 'json.not_json', `A ${typeof v} is not a JSON value`, `${typeof v} 不是 JSON 值`),
        );
    }
  };
  walk(raw, '', 0);
  return issues;
}

const quote = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** Turns an ajv error into a bilingual issue whose path points at the offending value. */
function toIssue(error: ErrorObject): Issue {
  const p = error.params as Record<string, unknown>;
  const at = error.instancePath;
  const code = `schema.${error.keyword}`;
  switch (error.keyword) {
    case 'required': {
      const name = String(p.missingProperty);
      return issue(
        `${at}/${segment(name)}`,
        code,
        `Required property "${name}" is missing`,
        `缺少必填属性“${name}”`,
      );
    }
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      return issue(`${at}/${segment(name)}`, code, `Unknown property "${name}"`, `未知属性“${name}”`);
    }
    case 'type':
      return issue(at, code, `Must be of type ${p.type}`, `类型必须是 ${p.type}`);
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(quote).join(', ');
      return issue(at, code, `Must be one of: ${allowed}`, `必须是以下值之一：${allowed}`);
    }
    case 'const':
      return issue(at, code, `Must be ${quote(p.allowedValue)}`, `必须等于 ${quote(p.allowedValue)}`);
    case 'pattern':
      return issue(at, code, `Must match the pattern ${p.pattern}`, `必须符合格式 ${p.pattern}`);
    case 'format':
      return issue(at, code, `Must be a valid ${p.format}`, `必须是有效的 ${p.format}`);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const zh = {
        minimum: '不能小于',
        maximum: '不能大于',
        exclusiveMinimum: '必须大于',
        exclusiveMaximum: '必须小于',
      }[error.keyword];
      return issue(at, code, `Must be ${p.comparison} ${p.limit}`, `${zh} ${p.limit}`);
    }
    case 'minLength':
      return issue(at, code, `Must have at least ${p.limit} characters`, `至少需要 ${p.limit} 个字符`);
    case 'maxLength':
      return issue(at, code, `Must have at most ${p.limit} characters`, `最多 ${p.limit} 个字符`);
    case 'minItems':
      return issue(at, code, `Must have at least ${p.limit} items`, `至少需要 ${p.limit} 项`);
    case 'maxItems':
      return issue(at, code, `Must have at most ${p.limit} items`, `最多 ${p.limit} 项`);
    case 'uniqueItems':
      return issue(at, code, `Items ${p.j} and ${p.i} are duplicates`, `第 ${p.j} 项与第 ${p.i} 项重复`);
    case 'oneOf':
      return issue(at, code, 'Must match exactly one of the allowed forms', '必须恰好符合一种允许的形式');
    case 'not':
      return issue(at, code, 'Uses a combination of properties that is not allowed', '属性组合不被允许');
    case 'discriminator': {
      const tag = String(p.tag);
      return issue(
        p.error === 'tag' ? `${at}/${segment(tag)}` : `${at}/${segment(tag)}`,
        code,
        `Unknown or missing "${tag}"`,
        `“${tag}”缺失或未知`,
      );
    }
    default:
      return issue(at, code, error.message ?? 'Invalid value', '值无效');
  }
}

function mapErrors(errors: readonly ErrorObject[]): Issue[] {
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const error of errors) {
    // `if` only reports that `then` failed; the `then` error itself is more precise.
    if (error.keyword === 'if') continue;
    const i = toIssue(error);
    const key = `${i.path}\u0000${i.code}\u0000${i.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(i);
  }
  return out;
}

/**
 * Validates a raw value as a document of `kind` against its JSON Schema (all errors).
 * Never throws: non-JSON input (cycles, functions, NaN, class instances), too deep or too large input,
 * an unknown kind or an internal failure all come back as issues with JSON-pointer paths.
 * The returned `value` is the input itself (not a copy, no defaults filled: see {@link sanitize}).
 */
export function validate<K extends Kind>(kind: K, raw: unknown): ValidationResult<KindTypes[K]> {
  try {
    if (!isKind(kind)) {
      return {
        ok: false,
        issues: [
          issue(
            '',
            'validate.unknown_kind',
            `Unknown document kind "${String(kind)}"`,
            `未知的文档类型“${String(kind)}”`,
          ),
        ],
      };
    }
    const unsafe = jsonSafetyIssues(raw);
    if (unsafe.length > 0) return { ok: false, issues: unsafe };
    const fn = validatorFor(kind, false);
    if (fn(raw)) return { ok: true, value: raw as KindTypes[K] };
    return { ok: false, issues: mapErrors(fn.errors ?? []) };
  } catch (cause) {
    const detail = messageOf(cause);
    return {
      ok: false,
      issues: [issue('', 'validate.internal', `Validation failed: ${detail}`, `校验失败：${detail}`)],
    };
  }
}

/**
 * Returns a copy of a valid document with every schema `default` filled in (e.g. `veto: false`,
 * `targets: []`). The input is not modified. Throws a `TypeError` when the value is not JSON;
 * call {@link validate} first.
 */
export function sanitize<K extends Kind>(kind: K, value: KindTypes[K]): KindTypes[K] {
  const copy = structuredClone(value);
  validatorFor(kind, true)(copy);
  return copy;
}
