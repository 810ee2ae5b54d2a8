/** @module Plugin API: the typed contract between Baton and a plugin (manifest, hooks) and pure manifest/config validation. */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Issue } from './errors.ts';

/** The plugin API version this engine speaks; a manifest must name it. */
export const PLUGIN_API_VERSION = 1;

/** What a plugin can do. */
export type PluginCapability = 'intakeChannel' | 'outboundAction' | 'notifier' | 'indicatorDataSource';

/** Every capability, for validation and the studio. */
export const PLUGIN_CAPABILITIES: readonly PluginCapability[] = [
  'intakeChannel',
  'outboundAction',
  'notifier',
  'indicatorDataSource',
];

/** `plugins/<name>/plugin.json`. */
export interface PluginManifest {
  /** Unique plugin name, equal to its folder name, e.g. `sms`. */
  name: string;
  /** Semantic version of the plugin, e.g. `1.2.0`. */
  version: string;
  /** Plugin API version the plugin was written for. */
  apiVersion: number;
  /** Display name. */
  title: { en: string; zh: string };
  description?: { en: string; zh: string };
  capabilities: PluginCapability[];
  /** Outbox topics delivered to `onEvent`; `case.*` matches every `case.` topic. */
  events: string[];
  /**
   * Personal fields of the citizen the plugin needs in its event payloads (e.g. the SMS plugin texts
   * `requesterPhone`). They are kept out of stored payloads and handed only to plugins that declare
   * them here AND whose administrator granted them when enabling the plugin (`grantPersonalData`).
   */
  personalData?: PersonalDataField[];
}

/**
 * The personal fields a plugin may ask for in its manifest's `personalData`. The citizen's query
 * password is not one of them: it never leaves intake (the citizen gets it on the receipt).
 */
export const PERSONAL_DATA_FIELDS = ['requesterPhone'] as const;

/** One personal field. */
export type PersonalDataField = (typeof PERSONAL_DATA_FIELDS)[number];

/** A JSON object as hooks receive it. */
export type JsonObject = Record<string, unknown>;

/** What a plugin may log: never credentials. */
export interface PluginLog {
  info(msg: string, fields?: JsonObject): void;
  warn(msg: string, fields?: JsonObject): void;
}

/** Options of one outside call. */
export interface PluginHttpInit {
  method?: string;
  headers?: Record<string, string>;
  /** JSON-serialised when an object. */
  body?: unknown;
  /** Overrides the host's default timeout (milliseconds), capped by the host. */
  timeoutMs?: number;
  /**
   * Asks the host to sign the request with HMAC-SHA256 under `secret` (e.g. a credential shared with
   * the outside system): it adds `x-baton-timestamp: <unix seconds>` and
   * `x-baton-signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>` — the same
   * scheme Baton checks on inbound webhooks, see {@link OUTBOUND_SIGNATURE}. The receiver recomputes
   * the HMAC over the exact bytes it received and rejects old timestamps (e.g. beyond ±5 minutes).
   */
  sign?: { secret: string };
}

/**
 * How Baton signs requests (outbound with `PluginHttpInit.sign`; inbound webhooks are checked the same
 * way): HMAC-SHA256, hex, over `signedText(timestamp, rawBody)`, in these headers.
 */
export const OUTBOUND_SIGNATURE = {
  timestampHeader: 'x-baton-timestamp',
  signatureHeader: 'x-baton-signature',
  /** The signature header's value is `sha256=<hex>`. */
  prefix: 'sha256=',
} as const;

/** The text a Baton signature covers: `"<unix seconds>.<raw body>"` (an empty body signs `"<ts>."`). */
export function signedText(timestamp: string | number, rawBody: string): string {
  return `${timestamp}.${rawBody}`;
}

/** A response from an outside system, read fully. */
export interface PluginHttpResponse {
  status: number;
  ok: boolean;
  headers: Record<string, string>;
  /** Parsed JSON when the body was JSON, else the text. */
  body: unknown;
}

/**
 * HTTP to outside systems; the only network access a plugin has. The host enforces timeouts and,
 * during a delivery, adds the `Idempotency-Key` header.
 */
export interface PluginHttp {
  /** Sends one request; resolves with any status, rejects on network errors and timeouts. */
  request(url: string, init?: PluginHttpInit): Promise<PluginHttpResponse>;
  /** Sends JSON; rejects with `DeliveryFailure` unless the status is 2xx. */
  postJson(
    url: string,
    body: unknown,
    init?: Omit<PluginHttpInit, 'body' | 'method'>,
  ): Promise<PluginHttpResponse>;
}

/** One domain event from the outbox. */
export interface PluginEvent {
  /** Outbox event id. */
  id: number;
  topic: string;
  payload: JsonObject;
  /** ISO instant the event was written. */
  createdAt: string;
}

/** A request arriving from an intake channel (the case intake port takes the same). */
export interface IntakeCaseInput {
  /** Channel code, e.g. `110`, `city-platform`. */
  channel: string;
  /** The outside system's id of the request; (channel, externalId) is unique. */
  externalId: string;
  category?: string;
  text: string;
  location?: { address?: string; lat?: number; lng?: number };
  requester?: { name?: string; phone?: string };
}

/** A command an inbound webhook maps to; the host runs it through an app operation. */
export type InboundCommand =
  | {
      type: 'intakeCase';
      input: IntakeCaseInput;
    }
  | {
      /** The outside system reports progress on a case Baton handed to it (e.g. an approval). */
      type: 'trackHandoff';
      input: {
        caseNumber: string;
        /** The outside system's id of the handed-off item. */
        externalId: string;
        /** The outside system's status word, e.g. `accepted`, `approved`, `rejected`. */
        status: string;
        caseId?: string;
        note?: string;
        /** ISO instant the status changed at the outside system. */
        at?: string;
        /**
         * The workflow action this status takes on the case (e.g. `approvalDecided` with the approval
         * system's decision): Baton runs it as the role `plugin` the first time the status is
         * reported — the case's workflow must declare a transition for it — and records it on the
         * case's history and the audit log. A repeat of the same `(externalId, status)` is not re-applied.
         */
        action?: { name: string; input: JsonObject };
      };
    };

/** One indicator value fetched from a data source. */
export interface IndicatorDatum {
  indicatorId: string;
  unitId: string;
  value: number | string | boolean | null;
}

/** The hooks a plugin may implement; each takes one object. */
export interface PluginHooks<Config = JsonObject, Credentials = JsonObject> {
  /** Outbound actions and notifiers: handle one event. Throw to fail the delivery (it is retried). */
  onEvent?(input: {
    event: PluginEvent;
    config: Config;
    credentials: Credentials;
    http: PluginHttp;
    log: PluginLog;
    /** The delivery id; send it so the outside system can drop duplicates. */
    idempotencyKey: string;
  }): Promise<void>;
  /** Checks that the outside system answers with this config and these credentials. */
  testConnection?(input: {
    config: Config;
    credentials: Credentials;
    http: PluginHttp;
  }): Promise<{ ok: boolean; message?: string }>;
  /** Intake channels: maps a verified inbound webhook to commands. */
  onWebhook?(input: {
    payload: unknown;
    headers: Record<string, string>;
    config: Config;
  }): Promise<InboundCommand[]> | InboundCommand[];
  /** Indicator data sources: values for a period. */
  fetchIndicatorData?(input: {
    period: string;
    config: Config;
    credentials: Credentials;
    http: PluginHttp;
  }): Promise<IndicatorDatum[]>;
}

/** What `plugins/<name>/index.ts` exports as default. */
export interface PluginDefinition<Config = JsonObject, Credentials = JsonObject> {
  /** The manifest's name; the host checks it matches plugin.json. */
  name: string;
  hooks: PluginHooks<Config, Credentials>;
}

/** An outbound request a plugin made in a `baton plugin test` run (the host's `http`, recorded). */
export interface RecordedRequest {
  method: string;
  url: string;
  /** Lower-case header names, e.g. `idempotency-key`, `x-baton-signature`. */
  headers: Record<string, string>;
  /** The raw body sent ('' without one). */
  rawBody: string;
  /** The body parsed as JSON, else the raw text. */
  body: unknown;
}

/**
 * One case of a plugin's tests (`plugin-tests.ts` in its folder, run by `npx baton plugin test`):
 * the host delivers `event` to the plugin's `onEvent` with `config` and `credentials`, the outside
 * system answers `respond`, and `check` asserts on the requests the plugin sent (throw to fail).
 */
export interface PluginTestCase<Config = JsonObject, Credentials = JsonObject> {
  name: string;
  /** A catalogue topic and a payload that matches its schema (docs/events.md); checked first. */
  event: { topic: string; payload: JsonObject };
  config: Config;
  credentials: Credentials;
  /** What the simulated outside system answers (default 200 `{}`). */
  respond?: { status: number; body?: unknown };
  check(result: {
    requests: RecordedRequest[];
    /** The delivery's failure, null when delivered; `isPermanent` tells a dead letter from a retry. */
    failure: { message: string; statusCode: number | null; isPermanent: boolean } | null;
  }): void | Promise<void>;
}

/** Declares a plugin's test cases (default export of `plugin-tests.ts`); typing only. */
export function definePluginTests<Config = JsonObject, Credentials = JsonObject>(
  cases: PluginTestCase<Config, Credentials>[],
): PluginTestCase<Config, Credentials>[] {
  return cases;
}

/** Declares a plugin; typing only. */
export function definePlugin<Config = JsonObject, Credentials = JsonObject>(
  definition: PluginDefinition<Config, Credentials>,
): PluginDefinition<Config, Credentials> {
  return definition;
}

/**
 * A delivery failure a plugin throws (or `postJson` throws). `isPermanent` sends the delivery to
 * the dead letters at once (e.g. the outside system refused the request as malformed).
 */
export class DeliveryFailure extends Error {
  override name = 'DeliveryFailure';
  readonly statusCode: number | null;
  readonly isPermanent: boolean;
  constructor(message: string, options: { statusCode?: number | null; isPermanent?: boolean } = {}) {
    super(message);
    this.statusCode = options.statusCode ?? null;
    this.isPermanent = options.isPermanent ?? false;
  }
}

const localized = {
  type: 'object',
  required: ['en', 'zh'],
  properties: { en: { type: 'string', minLength: 1 }, zh: { type: 'string', minLength: 1 } },
  additionalProperties: false,
};

/** JSON Schema of plugin.json. */
export const PLUGIN_MANIFEST_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Plugin manifest',
  type: 'object',
  required: ['name', 'version', 'apiVersion', 'title', 'capabilities', 'events'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'Plugin name = folder name.' },
    version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+([-+][0-9A-Za-z.-]+)?$' },
    apiVersion: { type: 'integer', minimum: 1 },
    title: localized,
    description: localized,
    capabilities: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { enum: [...PLUGIN_CAPABILITIES] },
    },
    events: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', pattern: '^[a-z][A-Za-z]*(\\.([a-z][A-Za-z]*|\\*))*$' },
    },
    personalData: {
      type: 'array',
      uniqueItems: true,
      description:
        'Personal fields of the citizen handed to this plugin only once the administrator grants them (kept out of stored payloads).',
      items: { enum: [...PERSONAL_DATA_FIELDS] },
    },
  },
  additionalProperties: false,
} as const;

const newAjv = () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv;
};
const manifestValidator = newAjv().compile(PLUGIN_MANIFEST_SCHEMA);

/**
 * Ajv errors as issues: the path names the missing or unexpected property, after `prefix` (e.g.
 * `/body`); `/` when the whole value is at fault.
 */
export function issuesOf(errors: ErrorObject[] | null | undefined, prefix = ''): Issue[] {
  return (errors ?? []).map((error) => {
    const extra =
      error.keyword === 'required'
        ? `/${(error.params as { missingProperty: string }).missingProperty}`
        : error.keyword === 'additionalProperties'
          ? `/${(error.params as { additionalProperty: string }).additionalProperty}`
          : '';
    return {
      path: `${prefix}${error.instancePath}${extra}` || '/',
      code: error.keyword,
      message: error.message ?? '',
    };
  });
}

/** Issues of a plugin.json; empty when valid. `folder`, when given, must equal the name. Never throws. */
export function validatePluginManifest(raw: unknown, folder?: string): Issue[] {
  if (!manifestValidator(raw)) return issuesOf(manifestValidator.errors);
  const manifest = raw as PluginManifest;
  const issues: Issue[] = [];
  if (folder !== undefined && manifest.name !== folder) {
    issues.push({
      path: '/name',
      code: 'plugin.name_mismatch',
      message: `name "${manifest.name}" differs from folder "${folder}"`,
      messageZh: `插件名“${manifest.name}”与目录名“${folder}”不一致`,
    });
  }
  if (manifest.apiVersion !== PLUGIN_API_VERSION) {
    issues.push({
      path: '/apiVersion',
      code: 'plugin.api_version',
      message: `apiVersion ${manifest.apiVersion} is not supported (expected ${PLUGIN_API_VERSION})`,
      messageZh: `不支持插件接口版本 ${manifest.apiVersion}（应为 ${PLUGIN_API_VERSION}）`,
    });
  }
  return issues;
}

/** Issues of `value` against a plugin's config or credentials schema (JSON Schema 2020-12). Never throws. */
export function validateAgainstSchema(schema: JsonObject, value: unknown): Issue[] {
  try {
    // A fresh instance per call: upgraded plugins may reuse a schema $id with new content.
    const validate = newAjv().compile(schema);
    return validate(value) ? [] : issuesOf(validate.errors);
  } catch (error) {
    return [
      {
        path: '/',
        code: 'schema.invalid',
        message: `the plugin's schema does not compile: ${String(error)}`,
      },
    ];
  }
}

/**
 * A type guard from a JSON Schema (2020-12), compiled once: how a plugin tells the items of an
 * inbound payload it can read from those it skips. Throws when the schema does not compile (a
 * plugin's own mistake, found when its module loads).
 */
export function schemaGuard<T>(schema: JsonObject): (value: unknown) => value is T {
  const validate = newAjv().compile(schema);
  return (value: unknown): value is T => validate(value) === true;
}

/**
 * The items of an inbound payload that carries a list under `key` (`{incidents: [...]}`), or the
 * payload itself as the one item when it has no such list.
 */
export function itemsOf(payload: unknown, key: string): unknown[] {
  const list = (payload as Record<string, unknown> | null | undefined)?.[key];
  return Array.isArray(list) ? list : [payload];
}

/** The input of a `trackHandoff` command. */
type TrackHandoffInput = Extract<InboundCommand, { type: 'trackHandoff' }>['input'];

/** What an outside system reports on a case handed to it (`trackHandoff`); absent fields are left out. */
export type HandoffReport = {
  [K in keyof TrackHandoffInput]: K extends 'caseNumber' | 'externalId' | 'status'
    ? string
    : TrackHandoffInput[K] | undefined;
};

/**
 * A `trackHandoff` command from a report. Optional fields that are `undefined` are left out, and
 * so are the action input's, so a plugin writes each field once instead of a conditional spread.
 */
export function trackHandoff(report: HandoffReport): InboundCommand {
  const input = withoutUndefined(report) as TrackHandoffInput;
  if (report.action)
    input.action = { name: report.action.name, input: withoutUndefined(report.action.input) };
  return { type: 'trackHandoff', input };
}

/** A copy of `value` without its `undefined` properties (key order kept). */
function withoutUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as T;
}

/** Whether `topic` matches a subscription pattern (`case.*` matches `case.closed`, not `case`). */
export function topicMatches(pattern: string, topic: string): boolean {
  if (pattern === topic) return true;
  if (!pattern.endsWith('.*')) return false;
  return topic.startsWith(pattern.slice(0, -1)) && topic.length > pattern.length - 1;
}

/** Exponential backoff with jitter: half fixed, half random, so retries of many deliveries spread out. */
export function backoffDelayMs(input: {
  /** 1 for the first retry. */
  attempt: number;
  baseMs: number;
  maxMs: number;
  /** A number in [0, 1). */
  random: number;
}): number {
  const exponential = Math.min(input.maxMs, input.baseMs * 2 ** Math.max(0, input.attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * input.random);
}

/** Renders `{name}` placeholders from `values`; unknown names become empty. Pure, for message templates. */
export function renderTemplate(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const value = values[name];
    return value === undefined || value === null ? '' : String(value);
  });
}

/** A `{"$secret": "NAME"}` reference in a plugin binding's config. */
export interface SecretRef {
  $secret: string;
}

/** Whether `value` is exactly a `{"$secret": "NAME"}` reference. */
export const isSecretRef = (value: unknown): value is SecretRef =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  typeof (value as Record<string, unknown>).$secret === 'string' &&
  Object.keys(value).length === 1;

const secretKeyOf = (name: string) => name.replaceAll('_', '').toLowerCase();

/**
 * Replaces every `{"$secret": "NAME"}` in `value` with the plugin credential of that name: an exact
 * key first, else the key equal ignoring case and underscores (`API_KEY` finds `apiKey`). Names with
 * no credential are listed in `missing` (and left as references). Pure; never throws.
 */
export function resolveSecretRefs(
  value: unknown,
  credentials: JsonObject,
): { value: unknown; missing: string[] } {
  const missing: string[] = [];
  const lookup = (name: string): unknown => {
    if (Object.hasOwn(credentials, name)) return credentials[name];
    const key = Object.keys(credentials).find((k) => secretKeyOf(k) === secretKeyOf(name));
    return key === undefined ? undefined : credentials[key];
  };
  const walk = (v: unknown): unknown => {
    if (isSecretRef(v)) {
      const found = lookup(v.$secret);
      if (found === undefined) {
        if (!missing.includes(v.$secret)) missing.push(v.$secret);
        return v;
      }
      return found;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item)]));
    }
    return v;
  };
  return { value: walk(value), missing };
}
