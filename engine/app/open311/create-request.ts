/** @module createOpen311Request: a POSTed service request taken in as a case on the `app` channel. */
import { PermissionError } from '../../core/errors.ts';
import type { AppDeps } from '../context.ts';
import { intakeCase } from '../cases/intake-case.ts';
import type { CaseCategory } from '../cases/rules.ts';
import { type Actor, can } from '../permissions.ts';
import { attributeValueOf } from './attribute-values.ts';
import { OWN_FIELDS, offeredCategory, schemaOf } from './attributes.ts';
import { badInput, publicIdOf, text } from './ids.ts';
import {
  OPEN311_CHANNEL,
  OPEN311_LIMITS,
  type Open311Created,
  type Open311Lang,
  type Open311Value,
} from './model.ts';

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
