/** @module Pure model of the form designer: a field list ⇄ JSON Schema + UI schema of a form document. */

/** Kinds offered in the palette. */
export const FIELD_KINDS = [
  'text',
  'textarea',
  'number',
  'integer',
  'boolean',
  'choice',
  'date',
  'dateTime',
  'group',
  'table',
] as const;

/** A palette kind. */
export type FieldKind = (typeof FIELD_KINDS)[number];

/** One choice of a choice list. */
export interface FieldOption {
  value: string;
  zh: string;
  en: string;
}

/** A designed field. Groups and tables hold child fields. */
export interface DesignField {
  key: string;
  kind: FieldKind;
  titleZh: string;
  titleEn: string;
  isRequired: boolean;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  options: FieldOption[];
  children: DesignField[];
}

type Json = Record<string, unknown>;

/** A new field of a kind with a key unique among `taken`. */
export const newField = (kind: FieldKind, taken: readonly string[]): DesignField => {
  let n = 1;
  while (taken.includes(`${kind}${n}`)) n += 1;
  return {
    key: `${kind}${n}`,
    kind,
    titleZh: '',
    titleEn: '',
    isRequired: false,
    options:
      kind === 'choice'
        ? [
            { value: 'a', zh: '选项一', en: 'Option A' },
            { value: 'b', zh: '选项二', en: 'Option B' },
          ]
        : [],
    children: [],
  };
};

const title = (f: DesignField): string => f.titleZh || f.titleEn || f.key;

const propertySchema = (f: DesignField): Json => {
  const common: Json = { title: title(f), ...(f.titleEn ? { 'x-title-en': f.titleEn } : {}) };
  const range = (): Json => ({
    ...(f.min !== undefined ? { minimum: f.min } : {}),
    ...(f.max !== undefined ? { maximum: f.max } : {}),
  });
  const text = (): Json => ({
    ...(f.minLength !== undefined ? { minLength: f.minLength } : {}),
    ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
    ...(f.pattern ? { pattern: f.pattern } : {}),
  });
  switch (f.kind) {
    case 'text':
    case 'textarea':
      return { type: 'string', ...common, ...text() };
    case 'number':
      return { type: 'number', ...common, ...range() };
    case 'integer':
      return { type: 'integer', ...common, ...range() };
    case 'boolean':
      return { type: 'boolean', ...common };
    case 'choice':
      return {
        type: 'string',
        ...common,
        oneOf: f.options.map((o) => ({
          const: o.value,
          title: o.zh || o.value,
          ...(o.en ? { 'x-title-en': o.en } : {}),
        })),
      };
    case 'date':
      return { type: 'string', format: 'date', ...common };
    case 'dateTime':
      return { type: 'string', format: 'date-time', ...common };
    case 'group':
      return { ...objectSchema(f.children), ...common };
    case 'table':
      return {
        type: 'array',
        ...common,
        items: objectSchema(f.children),
        ...(f.min !== undefined ? { minItems: f.min } : {}),
        ...(f.max !== undefined ? { maxItems: f.max } : {}),
      };
  }
};

const objectSchema = (fields: readonly DesignField[]): Json => {
  const required = fields.filter((f) => f.isRequired).map((f) => f.key);
  return {
    type: 'object',
    properties: Object.fromEntries(fields.map((f) => [f.key, propertySchema(f)])),
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
};

const controlOf = (f: DesignField, prefix: string): Json => {
  const scope = `${prefix}/properties/${f.key}`;
  const labels = { label: title(f), ...(f.titleEn ? { options: { labelEn: f.titleEn } } : {}) };
  if (f.kind === 'group') {
    return {
      type: 'Group',
      label: title(f),
      ...(f.titleEn ? { options: { labelEn: f.titleEn } } : {}),
      elements: f.children.map((c) => controlOf(c, scope)),
    };
  }
  if (f.kind === 'textarea')
    return { type: 'Control', scope, ...labels, options: { ...labels.options, multi: true } };
  return { type: 'Control', scope, ...labels };
};

/** The JSON Schema and UI schema of a field list. */
export const toSchemas = (fields: readonly DesignField[]): { schema: Json; uiSchema: Json } => ({
  schema: objectSchema(fields),
  uiSchema: { type: 'VerticalLayout', elements: fields.map((f) => controlOf(f, '#')) },
});

const kindOf = (prop: Json, isMulti: boolean): FieldKind => {
  const type = Array.isArray(prop.type) ? prop.type.find((t) => t !== 'null') : prop.type;
  if (type === 'array') return 'table';
  if (type === 'object') return 'group';
  if (type === 'number') return 'number';
  if (type === 'integer') return 'integer';
  if (type === 'boolean') return 'boolean';
  if (Array.isArray(prop.oneOf) || Array.isArray(prop.enum)) return 'choice';
  if (prop.format === 'date') return 'date';
  if (prop.format === 'date-time') return 'dateTime';
  return isMulti ? 'textarea' : 'text';
};

const multiScopes = (ui: unknown, out = new Set<string>()): Set<string> => {
  if (ui && typeof ui === 'object') {
    const el = ui as Json;
    if (el.type === 'Control' && typeof el.scope === 'string' && (el.options as Json | undefined)?.multi)
      out.add(el.scope);
    for (const child of (el.elements as unknown[] | undefined) ?? []) multiScopes(child, out);
  }
  return out;
};

const fieldsOf = (schema: Json, multi: Set<string>, prefix: string): DesignField[] => {
  const props = (schema.properties as Record<string, Json> | undefined) ?? {};
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([key, prop]) => {
    const scope = `${prefix}/properties/${key}`;
    const kind = kindOf(prop, multi.has(scope));
    const inner = kind === 'table' ? ((prop.items as Json | undefined) ?? {}) : prop;
    const options: FieldOption[] = Array.isArray(prop.oneOf)
      ? (prop.oneOf as Json[]).map((o) => ({
          value: String(o.const),
          zh: String(o.title ?? o.const),
          en: String(o['x-title-en'] ?? ''),
        }))
      : Array.isArray(prop.enum)
        ? (prop.enum as unknown[])
            .filter((v) => v !== null)
            .map((v) => ({ value: String(v), zh: String(v), en: '' }))
        : [];
    return {
      key,
      kind,
      titleZh: String(prop.title ?? ''),
      titleEn: String(prop['x-title-en'] ?? ''),
      isRequired: required.has(key),
      min: (prop.minimum ?? prop.minItems) as number | undefined,
      max: (prop.maximum ?? prop.maxItems) as number | undefined,
      minLength: prop.minLength as number | undefined,
      maxLength: prop.maxLength as number | undefined,
      pattern: prop.pattern as string | undefined,
      options,
      children: kind === 'group' || kind === 'table' ? fieldsOf(inner, multi, scope) : [],
    };
  });
};

/** Best-effort reading of an existing form's schema back into designer fields. */
export const fromSchemas = (schema: unknown, uiSchema: unknown): DesignField[] =>
  schema && typeof schema === 'object' ? fieldsOf(schema as Json, multiScopes(uiSchema), '#') : [];

/** Keys used more than once among siblings, at any depth. */
export const duplicateKeys = (fields: readonly DesignField[]): string[] => {
  const seen = new Set<string>();
  const dups: string[] = [];
  for (const f of fields) {
    if (seen.has(f.key)) dups.push(f.key);
    seen.add(f.key);
    dups.push(...duplicateKeys(f.children));
  }
  return dups;
};

/** Parses the options text `value=中文=English` (one per line). */
export const parseOptions = (text: string): FieldOption[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [value = '', zh = '', en = ''] = line.split('=').map((s) => s.trim());
      return { value, zh: zh || value, en };
    });

/** The options as editable text. */
export const optionsText = (options: readonly FieldOption[]): string =>
  options.map((o) => [o.value, o.zh, o.en].filter((s, i) => i < 2 || s).join('=')).join('\n');

/** A UI schema with labels in English where `options.labelEn` gives one. */
export const localizeUiSchema = (ui: unknown, lang: 'zh-CN' | 'en'): unknown => {
  if (!ui || typeof ui !== 'object' || lang !== 'en') return ui;
  const el = ui as Json;
  const labelEn = (el.options as Json | undefined)?.labelEn;
  return {
    ...el,
    ...(typeof labelEn === 'string' ? { label: labelEn } : {}),
    ...(Array.isArray(el.elements) ? { elements: el.elements.map((c) => localizeUiSchema(c, lang)) } : {}),
  };
};
