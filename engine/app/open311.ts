/** @module Open311 GeoReport v2 operations: services from the intake forms, typed attributes, intake, searches and lookups by opaque id, updates from case history, and the privacy projection of reads. */
import type { Form, LocalizedText } from '../../schemas/types.gen.ts';
import { NotFoundError, PermissionError, ValidationError } from '../core/errors.ts';
import type { CaseEventRecord, CaseRecord } from '../ports/cases.ts';
import { activeCaseRules, type CaseCategory, type CaseRules, caseRulesOf } from './cases/rules.ts';
import { intakeCase } from './cases/intake-case.ts';
import type { AppDeps } from './context.ts';
import { type Actor, can, isUnitScoped } from './permissions.ts';
import { publishedVersions } from './rule-sets.ts';

/** Language of the texts in an Open311 reply. */
export type Open311Lang = 'zh' | 'en';

/** Open311 attribute datatypes. */
export type Open311Datatype =
  | 'string'
  | 'number'
  | 'datetime'
  | 'text'
  | 'singlevaluelist'
  | 'multivaluelist';

/** Limits of the Open311 surface (GeoReport v2 and the updates extension). */
export const OPEN311_LIMITS = {
  /** GeoReport v2 allows descriptions up to 4,000 characters. */
  descriptionMax: 4000,
  /** Most requests one search answers (the spec's limit), newest first. */
  maxRequests: 1000,
  /** Widest start_date..end_date range of a search or an updates query, and the default search window. */
  maxRangeDays: 90,
  /** Most ids in one `service_request_id` list. */
  maxIds: 100,
  /** Most updates one updates query answers, oldest first. */
  maxUpdates: 1000,
  /** Window of an updates query without dates. */
  defaultUpdatesHours: 24,
  /** Longest address_string, name, phone, other text field. */
  addressMax: 500,
  nameMax: 100,
  phoneMax: 30,
  textFieldMax: 4000,
} as const;

/** The channel Open311 requests arrive by. */
export const OPEN311_CHANNEL = 'app';

const DAY_MS = 86_400_000;

/** `publicLocation` of a category's intake form: what readers without an API key see of a case's location. */
export interface PublicLocationRule {
  level: 'none' | 'coarse' | 'exact';
  /** Decimal places of coarse coordinates. */
  decimals: number;
}

/** One Open311 service (a case category). */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

/** One attribute of a service definition. */
export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: Open311Datatype;
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

/** A service definition. */
export interface Open311ServiceDefinition {
  service_code: string;
  attributes: Open311Attribute[];
}

/** A service request as Open311 reads show it (never the requester's name or phone). */
export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

/** The answer to a created request: the id, never also a token. */
export interface Open311Created {
  service_request_id: string;
  service_notice: string;
  account_id: string | null;
}

/** One update of the servicerequestupdates extension. */
export interface Open311Update {
  update_id: string;
  service_request_id: string;
  status: 'open' | 'closed';
  updated_datetime: string;
  description: string;
  media_url: string | null;
}

/** Discovery facts that come from the rule set in force. */
export interface Open311DiscoveryFacts {
  changeset: string;
  contact: string;
  key_service: string;
}

const text = (en: string, zh: string): LocalizedText => ({ en, zh });
const pick = (t: LocalizedText | undefined | null, lang: Open311Lang): string =>
  t ? (lang === 'en' ? t.en || t.zh : t.zh || t.en) : '';

const badInput = (code: string, en: string, zh: string, path?: string) =>
  new ValidationError(`open311.${code}`, text(en, zh), path ? { path } : {});
const requestNotFound = () =>
  new NotFoundError(
    'open311.request_not_found',
    text('No service request has this service_request_id.', '没有该 service_request_id 的服务请求。'),
  );

// ---------------------------------------------------------------------------------------------
// Opaque ids

/**
 * The public id of a case: its random id (a v4 UUID from the id source) without the `case_`
 * prefix. The sequential case number never appears in, and is never accepted by, Open311.
 */
export function publicIdOf(caseId: string): string {
  return caseId.startsWith('case_') ? caseId.slice('case_'.length) : caseId;
}

const PUBLIC_ID = /^[A-Za-z0-9-]{16,64}$/;

/** The case id a public id stands for, or null when it cannot be one (e.g. a case number). */
export function caseIdOf(publicId: string): string | null {
  return PUBLIC_ID.test(publicId) ? `case_${publicId}` : null;
}

// ---------------------------------------------------------------------------------------------
// Services and attributes

type Prop = Record<string, unknown>;

/** Form fields Open311 carries in its own parameters (description, address_string), not as attributes. */
const OWN_FIELDS = new Set(['content', 'address']);

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

const schemaOf = (category: CaseCategory) =>
  category.form.schema as { properties?: Record<string, Prop>; required?: string[] };

/** Whether Open311 (the `app` channel) offers the category: its `channels` list is absent or names `app`. */
function isOffered(category: CaseCategory): boolean {
  const channels = category.form.caseCategory?.channels;
  return !channels || channels.includes(OPEN311_CHANNEL);
}

/** The attributes of a category's intake form, in form order. */
function attributesOf(category: CaseCategory, lang: Open311Lang): Open311Attribute[] {
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

/** The case categories of the rule set in force that Open311 offers, as services. */
export async function listOpen311Services(
  deps: AppDeps,
  input: { lang: Open311Lang },
): Promise<Open311Service[]> {
  const rules = await activeCaseRules(deps);
  return [...rules.categories.values()].filter(isOffered).map((c) => ({
    service_code: c.code,
    service_name: pick(c.name, input.lang),
    description: `${pick(c.group, input.lang)} / ${pick(c.name, input.lang)}`,
    metadata: attributesOf(c, input.lang).length > 0,
    type: 'realtime',
    keywords: c.keywords.join(', '),
    group: pick(c.group, input.lang),
  }));
}

async function offeredCategory(deps: AppDeps, code: string): Promise<CaseCategory> {
  const rules = await activeCaseRules(deps);
  const category = rules.categories.get(code);
  if (!category || !isOffered(category))
    throw new NotFoundError(
      'open311.service_not_found',
      text(`No service has service_code "${code}".`, `没有 service_code 为“${code}”的服务。`),
    );
  return category;
}

/** A service definition: the attributes of the category's intake form. Throws 404 for an unknown code. */
export async function getOpen311ServiceDefinition(
  deps: AppDeps,
  input: { code: string; lang: Open311Lang },
): Promise<Open311ServiceDefinition> {
  const category = await offeredCategory(deps, input.code);
  return { service_code: category.code, attributes: attributesOf(category, input.lang) };
}

// ---------------------------------------------------------------------------------------------
// Creating a request

/** One POSTed value: a form string (or several), or a JSON scalar (or a list of them). */
export type Open311Value = string | number | boolean | (string | number | boolean)[];

/** A POST to requests: the named parameters and the `attribute[...]` values by code. */
export interface Open311CreateInput {
  actor: Actor;
  fields: Record<string, Open311Value>;
  attributes: Record<string, Open311Value>;
  lang: Open311Lang;
}

/** A single text parameter: absent, or one string (numbers are accepted as their text). */
function single(fields: Record<string, Open311Value>, name: string, max: number): string | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value))
    throw badInput('invalid_field', `${name} must be given once.`, `${name} 只能提供一次。`, `/${name}`);
  const s = typeof value === 'string' ? value.trim() : String(value);
  if (s.length > max)
    throw badInput(
      'invalid_field',
      `${name} is longer than ${max} characters.`,
      `${name} 超过 ${max} 个字符。`,
      `/${name}`,
    );
  return s === '' ? undefined : s;
}

function coordinate(value: string | undefined, name: 'lat' | 'long'): number | undefined {
  if (value === undefined) return undefined;
  const limit = name === 'lat' ? 90 : 180;
  const n = /^[+-]?\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(n) || Math.abs(n) > limit)
    throw badInput(
      'invalid_location',
      `${name} must be a decimal number between -${limit} and ${limit}.`,
      `${name} 须为 -${limit} 到 ${limit} 之间的十进制数。`,
      `/${name}`,
    );
  return n;
}

/** W3C datetime (complete date plus hours and minutes, with a zone): the forms GeoReport v2 uses. */
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses a W3C datetime (the zone is required), or null. */
export function parseW3cDatetime(value: string): Date | null {
  if (!W3C_DATETIME.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

const attributeError = (code: string, en: string, zh: string) =>
  badInput('invalid_attribute', `attribute[${code}] ${en}`, `attribute[${code}] ${zh}`, `/attribute/${code}`);

/** Converts one posted attribute to its intake-form field's type (number, boolean, list, datetime or text); 400 when it does not fit. */
export function attributeValueOf(code: string, prop: Prop, raw: Open311Value): unknown {
  const datatype = datatypeOf(prop);
  const list = Array.isArray(raw) ? raw : [raw];
  if (datatype === 'multivaluelist') {
    const allowed = ((prop.items as Prop).enum as unknown[]).map(String);
    const out: unknown[] = [];
    for (const v of list) {
      const key = String(v);
      const index = allowed.indexOf(key);
      if (index < 0) throw attributeError(code, `has no value "${key}".`, `没有取值“${key}”。`);
      out.push(((prop.items as Prop).enum as unknown[])[index]);
    }
    return [...new Set(out)];
  }
  if (list.length !== 1) throw attributeError(code, 'takes one value.', '只能取一个值。');
  const value = list[0]!;
  const s = typeof value === 'string' ? value.trim() : String(value);
  if (prop.type === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (/^(true|1|yes)$/i.test(s)) return true;
    if (/^(false|0|no)$/i.test(s)) return false;
    throw attributeError(code, 'must be true or false.', '须为 true 或 false。');
  }
  if (datatype === 'singlevaluelist') {
    const allowed = (prop.enum as unknown[]).map(String);
    const index = allowed.indexOf(s);
    if (index < 0) throw attributeError(code, `has no value "${s}".`, `没有取值“${s}”。`);
    return (prop.enum as unknown[])[index];
  }
  if (datatype === 'number') {
    const n =
      typeof value === 'number'
        ? value
        : /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)
          ? Number(s)
          : Number.NaN;
    if (!Number.isFinite(n)) throw attributeError(code, 'must be a number.', '须为数字。');
    if (prop.type === 'integer' && !Number.isInteger(n))
      throw attributeError(code, 'must be a whole number.', '须为整数。');
    return n;
  }
  if (datatype === 'datetime') {
    if (!parseW3cDatetime(s))
      throw attributeError(
        code,
        'must be a W3C datetime such as YYYY-MM-DDThh:mm:ss+08:00.',
        '须为 W3C 日期时间，如 YYYY-MM-DDThh:mm:ss+08:00。',
      );
    return s;
  }
  if (s.length > OPEN311_LIMITS.textFieldMax)
    throw attributeError(code, `is longer than ${OPEN311_LIMITS.textFieldMax} characters.`, '过长。');
  return s;
}

/** The intake data of a POST: attributes converted by the form's types, plus the form's own content and address fields. */
function intakeDataOf(input: {
  category: CaseCategory;
  attributes: Record<string, Open311Value>;
  description: string;
  address: string | undefined;
}): Record<string, unknown> {
  const properties = schemaOf(input.category).properties ?? {};
  const data: Record<string, unknown> = {};
  for (const [code, raw] of Object.entries(input.attributes)) {
    const prop = Object.hasOwn(properties, code) ? properties[code] : undefined;
    // Attributes the form does not define (e.g. a client's own extras) are not kept.
    if (!prop || OWN_FIELDS.has(code)) continue;
    if (raw === '' || (Array.isArray(raw) && raw.length === 0)) continue;
    data[code] = attributeValueOf(code, prop, raw);
  }
  const content = properties.content;
  if (content) {
    // The full description is the case text (up to 4,000 characters); the form's own field keeps
    // what its schema allows, so the category's form need not change to accept Open311 requests.
    const max = typeof content.maxLength === 'number' ? content.maxLength : OPEN311_LIMITS.descriptionMax;
    data.content = [...input.description].slice(0, max).join('');
  }
  if (properties.address && input.address !== undefined) data.address = input.address;
  return data;
}

/** A requester's name from first_name / last_name: family name first for Chinese names, "first last" otherwise. */
function nameOf(first: string | undefined, last: string | undefined): string | undefined {
  if (!first && !last) return undefined;
  const isLatin = /^[\p{Script=Latin}\s.'-]*$/u.test(`${first ?? ''}${last ?? ''}`);
  return isLatin ? [first, last].filter(Boolean).join(' ') : `${last ?? ''}${first ?? ''}`;
}

/**
 * Creates a service request: needs an API key allowed to take in cases (`cases.intake`); converts
 * `attribute[...]` values to the types of the category's intake form; requires a location (lat and
 * long, address_string or address_id) as GeoReport v2 does; descriptions up to 4,000 characters.
 * Answers the opaque service_request_id (never a token as well).
 */
export async function createOpen311Request(
  deps: AppDeps,
  input: Open311CreateInput,
): Promise<Open311Created> {
  if (!can(input.actor, 'cases.intake'))
    throw new PermissionError(
      'open311.forbidden',
      text('This api_key may not create service requests.', '该 api_key 无权创建服务请求。'),
    );
  const f = input.fields;
  const serviceCode = single(f, 'service_code', 200);
  if (!serviceCode)
    throw badInput('missing_field', 'service_code is required.', '缺少 service_code。', '/service_code');
  const description = single(f, 'description', OPEN311_LIMITS.descriptionMax);
  if (!description)
    throw badInput('missing_field', 'description is required.', '缺少 description。', '/description');
  const category = await offeredCategory(deps, serviceCode);
  const lat = coordinate(single(f, 'lat', 40), 'lat');
  const long = coordinate(single(f, 'long', 40), 'long');
  if ((lat === undefined) !== (long === undefined))
    throw badInput('invalid_location', 'lat and long go together.', 'lat 与 long 须同时提供。', '/lat');
  const address = single(f, 'address_string', OPEN311_LIMITS.addressMax);
  const addressId = single(f, 'address_id', OPEN311_LIMITS.addressMax);
  if (lat === undefined && !address && !addressId)
    throw badInput(
      'missing_location',
      'A location is required: lat and long, address_string or address_id.',
      '须提供位置：lat 和 long、address_string 或 address_id。',
      '/lat',
    );
  const name = nameOf(
    single(f, 'first_name', OPEN311_LIMITS.nameMax),
    single(f, 'last_name', OPEN311_LIMITS.nameMax),
  );
  const phone = single(f, 'phone', OPEN311_LIMITS.phoneMax);
  for (const other of ['email', 'device_id', 'account_id', 'media_url'])
    single(f, other, OPEN311_LIMITS.textFieldMax);
  const data = intakeDataOf({ category, attributes: input.attributes, description, address });
  const result = await intakeCase(deps, {
    actor: input.actor,
    channel: OPEN311_CHANNEL,
    category: category.code,
    text: description,
    data,
    ...(name || phone ? { requester: { ...(name ? { name } : {}), ...(phone ? { phone } : {}) } } : {}),
    ...(address || lat !== undefined
      ? {
          location: {
            ...(address ? { address } : {}),
            ...(lat !== undefined && long !== undefined ? { lat, lng: long } : {}),
          },
        }
      : {}),
  });
  const number = result.case.number;
  return {
    service_request_id: publicIdOf(result.case.id),
    service_notice:
      input.lang === 'en'
        ? `Received. Quote case number ${number} when you call the 12345 hotline.`
        : `已受理，致电 12345 热线时请报办件编号 ${number}。`,
    account_id: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading requests: the privacy projection

/** The category's `publicLocation` rule; absent means none. */
export function publicLocationOf(form: Form | undefined): PublicLocationRule {
  const rule = form?.caseCategory?.publicLocation;
  return { level: rule?.level ?? 'none', decimals: rule?.decimals ?? 3 };
}

/** Masks what looks like a phone, id-card or account number (7+ digits) and e-mail addresses in public text. */
export function redactPublicText(value: string): string {
  return value
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '***@***')
    .replace(/\d[\d\s-]{5,}[\dXx]/g, (run) =>
      run.replace(/\D/g, '').length >= 7 ? run.replace(/[\dXx]/g, '*') : run,
    );
}

const round = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/** Who reads: a caller with an API key allowed to read cases, or the public. */
interface Reader {
  actor: Actor | null;
}

function checkReader(actor: Actor | null): void {
  if (actor && !can(actor, 'cases.read'))
    throw new PermissionError(
      'open311.forbidden',
      text('This api_key may not read service requests.', '该 api_key 无权读取服务请求。'),
    );
}

/** Whether a unit-scoped key may see the case (lead or assisting unit); everyone else may. */
const inScope = (actor: Actor | null, record: CaseRecord) =>
  !actor ||
  !isUnitScoped(actor) ||
  (actor.unitId !== null &&
    (record.leadUnitId === actor.unitId || record.assistingUnitIds.includes(actor.unitId)));

const isClosed = (rules: CaseRules, state: string) => rules.workflow.finals.has(state);

const labelOf = (rules: CaseRules, state: string, lang: Open311Lang) =>
  pick(rules.workflowDoc.states.find((s) => s.name === state)?.label as LocalizedText | undefined, lang) ||
  state;

type UnitNames = Map<string, { name: string; nameEn: string | null }>;

async function unitNamesOf(deps: AppDeps): Promise<UnitNames> {
  return new Map((await deps.store.units.list()).map((u) => [u.id, { name: u.name, nameEn: u.nameEn }]));
}

/**
 * A case as Open311 shows it. Never the requester's name or phone. Without a key: no address, no
 * media, location only as the category's `publicLocation` says (none by default; coarse rounds the
 * coordinates), the description only for categories marked public and with numbers and e-mail
 * addresses masked. With a key allowed to read cases: description, address and exact coordinates.
 */
function requestOf(input: {
  rules: CaseRules;
  record: CaseRecord;
  reader: Reader;
  lang: Open311Lang;
  units: UnitNames;
}): Open311Request {
  const { rules, record, lang } = input;
  const category = rules.categories.get(record.category);
  const rule = publicLocationOf(category?.form);
  const isKeyed = input.reader.actor !== null;
  const location = (record.location ?? {}) as { address?: unknown; lat?: unknown; lng?: unknown };
  const hasPoint = typeof location.lat === 'number' && typeof location.lng === 'number';
  let lat: number | null = null;
  let long: number | null = null;
  if (hasPoint && (isKeyed || rule.level === 'exact')) {
    lat = location.lat as number;
    long = location.lng as number;
  } else if (hasPoint && rule.level === 'coarse') {
    lat = round(location.lat as number, rule.decimals);
    long = round(location.lng as number, rule.decimals);
  }
  const description = isKeyed ? record.text : rule.level !== 'none' ? redactPublicText(record.text) : null;
  const unit = record.leadUnitId ? input.units.get(record.leadUnitId) : undefined;
  const handle = (record.timers as Record<string, { deadline?: unknown }>).handle;
  const expected = typeof handle?.deadline === 'string' ? handle.deadline : record.dueAt;
  return {
    service_request_id: publicIdOf(record.id),
    status: isClosed(rules, record.status) ? 'closed' : 'open',
    status_notes: labelOf(rules, record.status, lang),
    service_name: category ? pick(category.name, lang) : record.category,
    service_code: record.category,
    description,
    agency_responsible: unit ? (lang === 'en' ? (unit.nameEn ?? unit.name) : unit.name) : record.leadUnitId,
    service_notice: null,
    requested_datetime: record.createdAt,
    updated_datetime: record.updatedAt,
    expected_datetime: expected ? new Date(expected).toISOString() : null,
    address: isKeyed && typeof location.address === 'string' ? location.address : null,
    address_id: null,
    zipcode: null,
    lat,
    long,
    media_url: null,
  };
}

async function viewsOf(
  deps: AppDeps,
  records: CaseRecord[],
  reader: Reader,
  lang: Open311Lang,
): Promise<Open311Request[]> {
  const units = await unitNamesOf(deps);
  const out: Open311Request[] = [];
  for (const record of records) {
    const rules = await caseRulesOf(deps, { ruleSetId: record.ruleSetId, number: record.ruleSetVersion });
    out.push(requestOf({ rules, record, reader, lang, units }));
  }
  return out;
}

async function recordOfPublicId(deps: AppDeps, reader: Reader, publicId: string): Promise<CaseRecord | null> {
  const caseId = caseIdOf(publicId);
  if (caseId === null) return null;
  const record = await deps.store.cases.get(caseId);
  return record && inScope(reader.actor, record) ? record : null;
}

/** One request by its opaque id; 404 for anything else (a case number included). */
export async function getOpen311Request(
  deps: AppDeps,
  input: { actor: Actor | null; id: string; lang: Open311Lang },
): Promise<Open311Request> {
  checkReader(input.actor);
  const record = await recordOfPublicId(deps, input, input.id);
  if (!record) throw requestNotFound();
  return (await viewsOf(deps, [record], input, input.lang))[0]!;
}

/** A token stands for the request it created: `{service_request_id, token}`; 404 when unknown. */
export async function resolveOpen311Token(
  deps: AppDeps,
  input: { token: string },
): Promise<{ service_request_id: string; token: string }> {
  const record = await recordOfPublicId(deps, { actor: null }, input.token);
  if (!record)
    throw new NotFoundError(
      'open311.token_not_found',
      text('No request has this token.', '没有该 token 对应的请求。'),
    );
  return { service_request_id: publicIdOf(record.id), token: input.token };
}

/** The query of GET requests, as strings. */
export interface Open311SearchQuery {
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
}

const listOf = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A start..end range from W3C datetimes: both, one (the other 90 days away, end not after now) or neither (the last 90 days). */
function rangeOf(
  query: { start_date?: string; end_date?: string },
  now: Date,
  defaultSpanMs: number,
): { start: Date; end: Date } {
  const parse = (name: 'start_date' | 'end_date') => {
    const raw = query[name];
    if (raw === undefined || raw === '') return undefined;
    const at = parseW3cDatetime(raw.trim());
    if (!at)
      throw badInput(
        'invalid_date',
        `${name} must be a W3C datetime with a time and zone, e.g. YYYY-MM-DDThh:mm:ss+08:00.`,
        `${name} 须为带时间和时区的 W3C 日期时间，如 YYYY-MM-DDThh:mm:ss+08:00。`,
        `/${name}`,
      );
    return at;
  };
  const start = parse('start_date');
  const end = parse('end_date');
  const maxMs = OPEN311_LIMITS.maxRangeDays * DAY_MS;
  const range =
    start && end
      ? { start, end }
      : start
        ? { start, end: new Date(Math.min(start.getTime() + defaultSpanMs, now.getTime())) }
        : end
          ? { start: new Date(end.getTime() - defaultSpanMs), end }
          : { start: new Date(now.getTime() - defaultSpanMs), end: now };
  if (range.start.getTime() > range.end.getTime())
    throw badInput(
      'invalid_date',
      'start_date is after end_date.',
      'start_date 晚于 end_date。',
      '/start_date',
    );
  if (range.end.getTime() - range.start.getTime() > maxMs)
    throw badInput(
      'invalid_date',
      `start_date and end_date may be at most ${OPEN311_LIMITS.maxRangeDays} days apart.`,
      `start_date 与 end_date 最多相隔 ${OPEN311_LIMITS.maxRangeDays} 天。`,
      '/end_date',
    );
  return range;
}

const SERVICE_CODE = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/;

/**
 * GET requests. `service_request_id` (comma-separated opaque ids) overrides every other filter;
 * otherwise `service_code` (comma-separated), `status` (open, closed or both), `start_date` /
 * `end_date` (full W3C datetimes over requested_datetime; default the last 90 days, at most 90 days
 * apart), newest first, at most 1,000.
 */
export async function searchOpen311Requests(
  deps: AppDeps,
  input: { actor: Actor | null; query: Open311SearchQuery; lang: Open311Lang },
): Promise<Open311Request[]> {
  checkReader(input.actor);
  const q = input.query;
  const ids = listOf(q.service_request_id);
  if (ids.length > 0) {
    if (ids.length > OPEN311_LIMITS.maxIds)
      throw badInput(
        'too_many_ids',
        `At most ${OPEN311_LIMITS.maxIds} service_request_id values at once.`,
        `一次最多查询 ${OPEN311_LIMITS.maxIds} 个 service_request_id。`,
        '/service_request_id',
      );
    const records: CaseRecord[] = [];
    for (const id of new Set(ids)) {
      const record = await recordOfPublicId(deps, input, id);
      if (record) records.push(record);
    }
    return viewsOf(deps, records, input, input.lang);
  }
  const statuses = listOf(q.status);
  for (const s of statuses)
    if (s !== 'open' && s !== 'closed')
      throw badInput(
        'invalid_status',
        'status must be open, closed or both.',
        'status 须为 open、closed 或二者。',
        '/status',
      );
  const wanted = new Set(statuses.length > 0 ? statuses : ['open', 'closed']);
  const codes = listOf(q.service_code);
  for (const code of codes)
    if (code.length > 200 || !SERVICE_CODE.test(code))
      throw badInput(
        'invalid_service_code',
        `"${code.slice(0, 50)}" is not a service_code.`,
        `“${code.slice(0, 50)}”不是合法的 service_code。`,
        '/service_code',
      );
  const { start, end } = rangeOf(q, deps.clock.now(), OPEN311_LIMITS.maxRangeDays * DAY_MS);
  const actor = input.actor;
  const scope =
    actor && isUnitScoped(actor) ? (actor.unitId === null ? null : { involvedUnitId: actor.unitId }) : {};
  if (scope === null) return [];
  const found: CaseRecord[] = [];
  const pageSize = 200;
  for (const code of codes.length > 0 ? [...new Set(codes)] : [undefined]) {
    let matched = 0;
    for (let offset = 0; matched < OPEN311_LIMITS.maxRequests; offset += pageSize) {
      const page = await deps.store.cases.list({
        ...scope,
        ...(code ? { category: code } : {}),
        createdFrom: start.toISOString(),
        createdBefore: new Date(end.getTime() + 1).toISOString(),
        limit: pageSize,
        offset,
      });
      for (const record of page.items) {
        const rules = await caseRulesOf(deps, { ruleSetId: record.ruleSetId, number: record.ruleSetVersion });
        if (!wanted.has(isClosed(rules, record.status) ? 'closed' : 'open')) continue;
        found.push(record);
        if (++matched >= OPEN311_LIMITS.maxRequests) break;
      }
      if (page.items.length < pageSize) break;
    }
  }
  found.sort((a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.number.localeCompare(a.number),
  );
  return viewsOf(deps, found.slice(0, OPEN311_LIMITS.maxRequests), input, input.lang);
}

// ---------------------------------------------------------------------------------------------
// Updates (mySociety's servicerequestupdates extension)

/** The update a history event makes public to key holders: status changes and replies, not intake or internal steps. */
function updateOf(input: {
  rules: CaseRules;
  record: CaseRecord;
  event: CaseEventRecord;
  lang: Open311Lang;
}): Open311Update | null {
  const { rules, record, event, lang } = input;
  if (event.type !== 'transitioned') return null;
  const p = event.payload as { action?: string; from?: string; to?: string; input?: Record<string, unknown> };
  if (p.action === 'accept' || !p.to) return null;
  const reply = p.action === 'reply' && typeof p.input?.reply === 'string' ? p.input.reply : null;
  if (p.from === p.to && reply === null) return null;
  return {
    update_id: `${publicIdOf(record.id)}-${event.seq}`,
    service_request_id: publicIdOf(record.id),
    status: isClosed(rules, p.to) ? 'closed' : 'open',
    updated_datetime: new Date(event.at).toISOString(),
    description: reply ?? labelOf(rules, p.to, lang),
    media_url: null,
  };
}

/**
 * GET servicerequestupdates: the updates (status changes, replies) of cases between start_date and
 * end_date (both or neither; default the last 24 hours; at most 90 days), oldest first, at most
 * 1,000. Needs an API key allowed to read cases; a unit's key sees its unit's cases.
 */
export async function listOpen311Updates(
  deps: AppDeps,
  input: { actor: Actor; start_date?: string; end_date?: string; lang: Open311Lang },
): Promise<Open311Update[]> {
  checkReader(input.actor);
  const hasStart = input.start_date !== undefined && input.start_date !== '';
  const hasEnd = input.end_date !== undefined && input.end_date !== '';
  if (hasStart !== hasEnd)
    throw badInput(
      'invalid_date',
      'Give both start_date and end_date, or neither.',
      'start_date 与 end_date 须同时提供或都不提供。',
      hasStart ? '/end_date' : '/start_date',
    );
  const { start, end } = rangeOf(input, deps.clock.now(), OPEN311_LIMITS.defaultUpdatesHours * 3_600_000);
  const [from, to] = [start.getTime(), end.getTime()];
  const histories = await deps.store.cases.histories({
    since: start.toISOString(),
    before: new Date(to + 1).toISOString(),
  });
  const updates: Open311Update[] = [];
  for (const { record, events } of histories) {
    if (!inScope(input.actor, record)) continue;
    const rules = await caseRulesOf(deps, { ruleSetId: record.ruleSetId, number: record.ruleSetVersion });
    for (const event of events) {
      const at = Date.parse(event.at);
      if (at < from || at > to) continue;
      const update = updateOf({ rules, record, event, lang: input.lang });
      if (update) updates.push(update);
    }
  }
  updates.sort(
    (a, b) => a.updated_datetime.localeCompare(b.updated_datetime) || a.update_id.localeCompare(b.update_id),
  );
  return updates.slice(0, OPEN311_LIMITS.maxUpdates);
}

// ---------------------------------------------------------------------------------------------
// Discovery

/** What discovery says that comes from the rule set in force: its publication time as the changeset. */
export async function getOpen311DiscoveryFacts(
  deps: AppDeps,
  input: { lang: Open311Lang },
): Promise<Open311DiscoveryFacts> {
  const rules = await activeCaseRules(deps);
  const version = (await publishedVersions(deps)).find(
    (v) => v.ruleSetId === rules.ruleSetId && v.number === rules.version,
  );
  const changeset =
    version?.publishedAt ?? (version?.effectiveFrom ? `${version.effectiveFrom}T00:00:00Z` : null);
  return {
    changeset: new Date(changeset ?? 0).toISOString(),
    contact: pick(
      text(
        'District 12345 hotline centre (dispatcher desk); cases by phone: 12345.',
        '区 12345 热线中心（派单席）；电话反映请拨 12345。',
      ),
      input.lang,
    ),
    key_service: pick(
      text(
        'API keys are issued by the 12345 hotline centre to partner systems; reading without a key shows only what is public.',
        'API 密钥由 12345 热线中心向合作系统发放；不带密钥只能读取公开信息。',
      ),
      input.lang,
    ),
  };
}
