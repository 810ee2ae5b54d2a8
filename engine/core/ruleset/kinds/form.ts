/** @module The form kind: its schema compiles, cross-field checks and computed fields type-check against the entry; its diff reports fields by entry path. */
import { messageOf } from '../../errors.ts';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { jsonEquals } from '../canonical.ts';
import { type DocDiff, type Json, seg, show } from './doc-diff.ts';
import { type ByKind, type Collector, defineKind, DOC, type DocumentKind, type RuleTools } from './kind.ts';
import { entrySchema } from './rule-data.ts';

let formAjv: Ajv2020 | null = null;

function checkForms(by: ByKind, tools: RuleTools, out: Collector): void {
  for (const { doc, index } of by.form.values()) {
    const at = DOC(index);
    try {
      formAjv ??= new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
      formAjv.compile(doc.schema);
    } catch (cause) {
      const detail = messageOf(cause);
      out.error(
        `${at}/schema`,
        'form.schema_invalid',
        `The form schema is not a valid JSON Schema: ${detail}`,
        `表单结构不是有效的 JSON Schema：${detail}`,
      );
    }
    const properties = ((doc.schema as { properties?: Record<string, unknown> }).properties ?? {}) as Record<
      string,
      unknown
    >;
    const entry = entrySchema(doc);
    (doc.checks ?? []).forEach((c, i) => {
      out.nested(`${at}/checks/${i}/rule`, tools.checkRule(c.rule, entry));
      const field = c.path.split('/')[1];
      if (
        field !== undefined &&
        field !== '' &&
        !Object.hasOwn(properties, field.replaceAll('~1', '/').replaceAll('~0', '~'))
      )
        out.warn(
          `${at}/checks/${i}/path`,
          'form.unknown_field',
          `No field "${field}" in the form`,
          `表单中没有字段“${field}”`,
        );
    });
    const seen = new Set<string>();
    (doc.computed ?? []).forEach((c, i) => {
      if (Object.hasOwn(properties, c.field) || seen.has(c.field))
        out.error(
          `${at}/computed/${i}/field`,
          'form.duplicate_field',
          `Field "${c.field}" already exists`,
          `字段“${c.field}”已存在`,
        );
      seen.add(c.field);
      out.nested(`${at}/computed/${i}/rule`, tools.checkRule(c.rule, entry));
    });
  }
}

const FIELD_ASPECTS = [
  'type',
  'title',
  'format',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'default',
];

/** Collects the fields of a form schema by entry path (nested objects and array items `/*`). */
function fieldsOf(schema: unknown, prefix = '', out = new Map<string, { field: Json; required: boolean }>()) {
  if (typeof schema !== 'object' || schema === null) return out;
  const s = schema as Json;
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  const props = (s.properties ?? {}) as Json;
  for (const key of Object.keys(props)) {
    const field = props[key];
    if (typeof field !== 'object' || field === null) continue;
    const path = `${prefix}${seg(key)}`;
    out.set(path, { field: field as Json, required: required.has(key) });
    fieldsOf(field, path, out);
    const items = (field as Json).items;
    if (typeof items === 'object' && items !== null) fieldsOf(items, `${path}/*`, out);
  }
  return out;
}

function diffForm(d: DocDiff, a: Json, b: Json): void {
  const fa = fieldsOf(a.schema);
  const fb = fieldsOf(b.schema);
  for (const path of [...new Set([...fa.keys(), ...fb.keys()])].sort()) {
    const x = fa.get(path);
    const y = fb.get(path);
    if (!x && y)
      d.add('fieldAdded', { en: `field ${path} added`, zh: `新增字段 ${path}` }, { path, after: y.field });
    else if (x && !y)
      d.add(
        'fieldRemoved',
        { en: `field ${path} removed`, zh: `删除字段 ${path}` },
        { path, before: x.field },
      );
    else if (x && y) {
      const before: Json = {};
      const after: Json = {};
      for (const aspect of FIELD_ASPECTS)
        if (!jsonEquals(x.field[aspect], y.field[aspect])) {
          before[aspect] = x.field[aspect] ?? null;
          after[aspect] = y.field[aspect] ?? null;
        }
      if (x.required !== y.required) {
        before.required = x.required;
        after.required = y.required;
      }
      const aspects = Object.keys(after);
      if (aspects.length === 0) continue;
      const text = aspects.map((k) => `${k} ${show(before[k])} → ${show(after[k])}`).join(', ');
      d.add(
        'fieldChanged',
        { en: `field ${path}: ${text}`, zh: `字段 ${path}：${text}` },
        { path, before, after },
      );
    }
  }
  // Schema keywords above the fields (e.g. `additionalProperties`) still show as generic changes.
  const outer = (s: unknown) => {
    const { properties: _p, required: _r, ...others } = (s ?? {}) as Json;
    return others;
  };
  d.deep(outer(a.schema), outer(b.schema), '/schema');
  d.rest(a, b, ['schema']);
}

/** Forms (填报表单). */
export const formKind: DocumentKind = defineKind(
  'form',
  3,
  { zh: '填报表单', en: 'Forms' },
  {
    check: ({ by, tools, out }) => checkForms(by, tools, out),
    diff: diffForm,
  },
);
