/** @module Open311 services from the intake forms: which categories Open311 offers, and the typed attributes of their forms. */
import { NotFoundError } from '../../core/errors.ts';
import type { AppDeps } from '../context.ts';
import { activeCaseRules, type CaseCategory } from '../cases/rules.ts';
import { text } from './ids.ts';
import { OPEN311_CHANNEL, type Open311Attribute, type Open311Datatype, type Open311Lang } from './model.ts';

/** One JSON Schema property of an intake form. */
export type Prop = Record<string, unknown>;

/** Form fields Open311 carries in its own parameters (description, address_string), not as attributes. */
export const OWN_FIELDS = new Set(['content', 'address']);

/** The Open311 datatype of one intake-form field. */
export function datatypeOf(prop: Prop): Open311Datatype {
  const items = (prop.items ?? null) as Prop | null;
  if (prop.type === 'array' && items && Array.isArray(items.enum)) return 'multivaluelist';
  if (Array.isArray(prop.enum) || prop.type === 'boolean') return 'singlevaluelist';
  if (prop.type === 'number' || prop.type === 'integer') return 'number';
  if (prop.format === 'date-time') return 'datetime';
  if (typeof prop.maxLength === 'number' && prop.maxLength > 200) return 'text';
  return 'string';
}

function valuesOf(prop: Prop, lang: Open311Lang): { key: string; name: string }[] | undefined {
  if (prop.type === 'boolean')
    return [
      { key: 'true', name: lang === 'en' ? 'Yes' : '是' },
      { key: 'false', name: lang === 'en' ? 'No' : '否' },
    ];
  const list = Array.isArray(prop.enum)
    ? prop.enum
    : Array.isArray((prop.items as Prop | undefined)?.enum)
      ? ((prop.items as Prop).enum as unknown[])
      : null;
  return list ? list.map((v) => ({ key: String(v), name: String(v) })) : undefined;
}

export const schemaOf = (category: CaseCategory) =>
  category.form.schema as { properties?: Record<string, Prop>; required?: string[] };

/** Whether Open311 (the `app` channel) offers the category: its `channels` list is absent or names `app`. */
export function isOffered(category: CaseCategory): boolean {
  const channels = category.form.caseCategory?.channels;
  return !channels || channels.includes(OPEN311_CHANNEL);
}

/** The attributes of a category's intake form, in form order. */
export function attributesOf(category: CaseCategory, lang: Open311Lang): Open311Attribute[] {
  const schema = schemaOf(category);
  return Object.entries(schema.properties ?? {})
    .filter(([name]) => !OWN_FIELDS.has(name))
    .map(([name, prop], i) => {
      const values = valuesOf(prop, lang);
      const title = lang === 'en' ? (prop['x-title-en'] ?? prop.title) : (prop.title ?? prop['x-title-en']);
      return {
        variable: true,
        code: name,
        datatype: datatypeOf(prop),
        required: (schema.required ?? []).includes(name),
        datatype_description: String(prop.description ?? ''),
        order: i + 1,
        description: String(title ?? name),
        ...(values ? { values } : {}),
      };
    });
}

/** The offered category of `code` in the rule set in force; 404 `open311.service_not_found` otherwise. */
export async function offeredCategory(deps: AppDeps, code: string): Promise<CaseCategory> {
  const rules = await activeCaseRules(deps);
  const category = rules.categories.get(code);
  if (!category || !isOffered(category))
    throw new NotFoundError(
      'open311.service_not_found',
      text(`No service has service_code "${code}".`, `没有 service_code 为“${code}”的服务。`),
    );
  return category;
}
