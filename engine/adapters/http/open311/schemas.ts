/** @module JSON Schemas of the Open311 JSON replies, for the OpenAPI document. */

const text = { type: 'string' } as const;
const nullableText = { type: ['string', 'null'] } as const;
const datetime = { type: 'string', format: 'date-time' } as const;

/** `[{code, description}]`. */
export const errorsSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: { code: { type: 'integer' }, description: text },
    required: ['code', 'description'],
  },
};

/** Discovery. */
export const discoverySchema = {
  type: 'object',
  properties: {
    changeset: datetime,
    contact: text,
    key_service: text,
    endpoints: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          specification: text,
          url: text,
          changeset: datetime,
          type: { enum: ['production', 'test'] },
          formats: { type: 'array', items: text },
        },
        required: ['specification', 'url', 'changeset', 'type', 'formats'],
      },
    },
  },
  required: ['changeset', 'contact', 'key_service', 'endpoints'],
};

/** Service list. */
export const servicesSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      service_code: text,
      service_name: text,
      description: text,
      metadata: { type: 'boolean' },
      type: { enum: ['realtime', 'batch', 'blackbox'] },
      keywords: text,
      group: text,
    },
    required: ['service_code', 'service_name', 'metadata', 'type'],
  },
};

/** Service definition. */
export const serviceDefinitionSchema = {
  type: 'object',
  properties: {
    service_code: text,
    attributes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          variable: { type: 'boolean' },
          code: text,
          datatype: { enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] },
          required: { type: 'boolean' },
          datatype_description: text,
          order: { type: 'integer' },
          description: text,
          values: {
            type: 'array',
            items: { type: 'object', properties: { key: text, name: text }, required: ['key', 'name'] },
          },
        },
        required: ['variable', 'code', 'datatype', 'required', 'order', 'description'],
      },
    },
  },
  required: ['service_code', 'attributes'],
};

/** POST answer: the id, not a token. */
export const createdSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: { service_request_id: text, service_notice: text, account_id: nullableText },
    required: ['service_request_id'],
  },
};

/** Token lookup. */
export const tokensSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: { service_request_id: text, token: text },
    required: ['service_request_id', 'token'],
  },
};

/** Requests (never a requester's name or phone). */
export const requestsSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      service_request_id: text,
      status: { enum: ['open', 'closed'] },
      status_notes: nullableText,
      service_name: text,
      service_code: text,
      description: nullableText,
      agency_responsible: nullableText,
      service_notice: nullableText,
      requested_datetime: datetime,
      updated_datetime: datetime,
      expected_datetime: { type: ['string', 'null'] },
      address: nullableText,
      address_id: nullableText,
      zipcode: nullableText,
      lat: { type: ['number', 'null'] },
      long: { type: ['number', 'null'] },
      media_url: nullableText,
    },
    required: ['service_request_id', 'status', 'service_code', 'requested_datetime'],
  },
};

/** servicerequestupdates. */
export const updatesSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      update_id: text,
      service_request_id: text,
      status: { enum: ['open', 'closed'] },
      updated_datetime: datetime,
      description: text,
      media_url: nullableText,
    },
    required: ['update_id', 'service_request_id', 'status', 'updated_datetime', 'description'],
  },
};
