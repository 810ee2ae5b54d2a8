/** @module JSON Schemas shared by routes; OpenAPI and request validation both read these. */
import { ROLES, UNIT_KINDS } from '../../app/permissions.ts';
import type { JsonSchema } from './route.ts';

/** A string. */
export const str: JsonSchema = { type: 'string' };
/** An integer. */
export const int: JsonSchema = { type: 'integer' };
/** A number. */
export const num: JsonSchema = { type: 'number' };
/** A boolean. */
export const bool: JsonSchema = { type: 'boolean' };
/** A string or null. */
export const nullableString: JsonSchema = { type: ['string', 'null'] };
/** A number or null. */
export const nullableNumber: JsonSchema = { type: ['number', 'null'] };
/** An array of strings. */
export const strings: JsonSchema = { type: 'array', items: str };
/** An array of `items`. */
export const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });

/**
 * An object schema whose `required` list is its property names, less those in `optional`; any other
 * key of `extra` (a description, `additionalProperties`, a title) is added to the schema.
 */
export function objectOf(
  properties: Record<string, JsonSchema>,
  { optional = [], ...extra }: { optional?: readonly string[] } & JsonSchema = {},
): JsonSchema {
  return {
    type: 'object',
    required: Object.keys(properties).filter((key) => !optional.includes(key)),
    properties,
    ...extra,
  };
}

/** The error envelope. */
export const errorSchema: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Stable machine-readable code', examples: ['auth.required'] },
        message: { type: 'string', description: 'Message in zh-CN or en, by Accept-Language' },
        path: { type: 'string', description: 'JSON pointer of the offending input', examples: ['/username'] },
        details: { description: 'Further facts, e.g. every validation issue' },
        requestId: { type: 'string', description: 'Request id, on internal errors' },
      },
    },
  },
};

/** Text in both languages, `{en, zh}` (a stage, a statement, a name). */
export const bilingualTextSchema: JsonSchema = {
  type: 'object',
  required: ['en', 'zh'],
  properties: { en: { type: 'string' }, zh: { type: 'string' } },
};

/** Path parameters of a route on one item: `:id`. */
export const idParamsSchema: JsonSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
};

/** A role name. */
export const roleSchema: JsonSchema = { type: 'string', enum: [...ROLES] };

/** A user as the API shows it. */
export const userSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'username', 'displayName', 'roles', 'unitId'],
  properties: {
    id: { type: 'string' },
    username: { type: 'string', examples: ['admin'] },
    displayName: { type: 'string' },
    roles: { type: 'array', items: roleSchema },
    unitId: { type: ['string', 'null'], description: 'The unit of a unit user' },
  },
};

/** A user as administrators see it: the public shape plus state. */
export const adminUserSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'username', 'displayName', 'roles', 'unitId', 'disabled', 'createdAt'],
  properties: {
    ...(userSchema.properties as Record<string, JsonSchema>),
    disabled: { type: 'boolean', description: 'A disabled user cannot sign in' },
    createdAt: { type: 'string', format: 'date-time' },
  },
};

/** A user with a generated one-time password (shown once). */
export const userWithPasswordSchema: JsonSchema = {
  type: 'object',
  required: ['user', 'password'],
  properties: {
    user: adminUserSchema,
    password: { type: 'string', description: 'Generated one-time password; only its hash is stored' },
  },
};

/** A responsible unit. */
export const unitSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'code', 'name', 'nameEn', 'kind', 'parentId', 'peerGroup'],
  properties: {
    id: { type: 'string', examples: ['dept-education'] },
    code: { type: 'string', examples: ['D02'] },
    name: { type: 'string', examples: ['教育局'] },
    nameEn: { type: ['string', 'null'], examples: ['Education Bureau'] },
    kind: { type: 'string', enum: [...UNIT_KINDS] },
    parentId: { type: ['string', 'null'] },
    peerGroup: { type: ['string', 'null'], examples: ['departments'] },
  },
};

/** An API key without its secret. */
export const apiKeySchema: JsonSchema = {
  type: 'object',
  required: ['id', 'prefix', 'name', 'roles', 'unitId', 'createdAt', 'revokedAt'],
  properties: {
    id: { type: 'string' },
    prefix: { type: 'string', description: 'The public part of the key, `bk_<prefix>_…`' },
    name: { type: 'string' },
    roles: { type: 'array', items: roleSchema },
    unitId: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    revokedAt: { type: ['string', 'null'] },
  },
};

/** `{user, csrfToken}` as returned by login and /api/me. */
export const sessionSchema: JsonSchema = {
  type: 'object',
  required: ['user', 'csrfToken'],
  properties: {
    user: userSchema,
    csrfToken: {
      type: ['string', 'null'],
      description: 'Send as `x-csrf-token` on every cookie-authenticated non-GET request; null for API keys',
    },
  },
};
