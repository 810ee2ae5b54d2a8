/** @module The Open311 GeoReport v2 surface's shapes and limits: services, attributes, requests, updates and discovery facts as the spec names them. */
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

/** One POSTed value: a form string (or several), or a JSON scalar (or a list of them). */
export type Open311Value = string | number | boolean | (string | number | boolean)[];
