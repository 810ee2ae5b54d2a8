/** @module JSON Schemas of the Open311 JSON replies, for the OpenAPI document. */
import type { JsonSchema } from '../route.ts';
import {
  arrayOf,
  bool,
  int,
  nullableNumber,
  nullableString as nullableText,
  objectOf,
  str as text,
} from '../schemas.ts';

const datetime = { type: 'string', format: 'date-time' } as const;
const openOrClosed = { enum: ['open', 'closed'] } as const;

/** `[{code, description}]`. */
export const errorsSchema: JsonSchema = arrayOf(objectOf({ code: int, description: text }));

/** Discovery. */
export const discoverySchema: JsonSchema = objectOf({
  changeset: datetime,
  contact: text,
  key_service: text,
  endpoints: arrayOf(
    objectOf({
      specification: text,
      url: text,
      changeset: datetime,
      type: { enum: ['production', 'test'] },
      formats: arrayOf(text),
    }),
  ),
});

/** Service list. */
export const servicesSchema: JsonSchema = arrayOf(
  objectOf(
    {
      service_code: text,
      service_name: text,
      description: text,
      metadata: bool,
      type: { enum: ['realtime', 'batch', 'blackbox'] },
      keywords: text,
      group: text,
    },
    { optional: ['description', 'keywords', 'group'] },
  ),
);

/** Service definition. */
export const serviceDefinitionSchema: JsonSchema = objectOf({
  service_code: text,
  attributes: arrayOf(
    objectOf(
      {
        variable: bool,
        code: text,
        datatype: { enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] },
        required: bool,
        datatype_description: text,
        order: int,
        description: text,
        values: arrayOf(objectOf({ key: text, name: text })),
      },
      { optional: ['datatype_description', 'values'] },
    ),
  ),
});

/** POST answer: the id, not a token. */
export const createdSchema: JsonSchema = arrayOf(
  objectOf(
    { service_request_id: text, service_notice: text, account_id: nullableText },
    { optional: ['service_notice', 'account_id'] },
  ),
);

/** Token lookup. */
export const tokensSchema: JsonSchema = arrayOf(objectOf({ service_request_id: text, token: text }));

/** Requests (never a requester's name or phone). */
export const requestsSchema: JsonSchema = arrayOf(
  objectOf(
    {
      service_request_id: text,
      status: openOrClosed,
      status_notes: nullableText,
      service_name: text,
      service_code: text,
      description: nullableText,
      agency_responsible: nullableText,
      service_notice: nullableText,
      requested_datetime: datetime,
      updated_datetime: datetime,
      expected_datetime: nullableText,
      address: nullableText,
      address_id: nullableText,
      zipcode: nullableText,
      lat: nullableNumber,
      long: nullableNumber,
      media_url: nullableText,
    },
    {
      optional: [
        'status_notes',
        'service_name',
        'description',
        'agency_responsible',
        'service_notice',
        'updated_datetime',
        'expected_datetime',
        'address',
        'address_id',
        'zipcode',
        'lat',
        'long',
        'media_url',
      ],
    },
  ),
);

/** servicerequestupdates. */
export const updatesSchema: JsonSchema = arrayOf(
  objectOf(
    {
      update_id: text,
      service_request_id: text,
      status: openOrClosed,
      updated_datetime: datetime,
      description: text,
      media_url: nullableText,
    },
    { optional: ['media_url'] },
  ),
);
