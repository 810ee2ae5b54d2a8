/** @module Route definitions: every route declares method, path, permission, docs and JSON schemas; the app and OpenAPI are built from them. */
import type { Context } from 'hono';
import type { Operations } from '../../app/operations.ts';
import type { Actor, Permission } from '../../app/permissions.ts';
import type { Lang } from './errors.ts';

/** Step budget of a what-if request (or job): it replays history, many evaluations. */
export const WHAT_IF_STEPS = 1_000_000_000;

/**
 * What operation `K` takes besides the caller: the body or query type of a route that passes its
 * input on as it is (`ops.K({ actor, ...query })`).
 */
export type OperationInput<K extends keyof Operations> = Omit<Parameters<Operations[K]>[0], 'actor'>;

/** HTTP methods a route may use. */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A JSON Schema (2020-12) object. */
export type JsonSchema = Record<string, unknown>;

/** An object schema that refuses properties it does not name (a request body or query string). */
export const closedObject = (properties: Record<string, JsonSchema>, required?: string[]): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  ...(required ? { required } : {}),
  properties,
});

/** One documented response. */
export interface RouteResponse {
  description: string;
  /** JSON body schema; omit for empty bodies. */
  schema?: JsonSchema;
  /** Defaults to application/json when `schema` is given. */
  contentType?: string;
}

/** How the caller authenticated. */
export interface RequestAuth {
  actor: Actor;
  via: 'cookie' | 'apiKey';
  /** Present for cookie sessions. */
  sessionToken?: string;
  csrfToken?: string;
}

/** What a handler receives: validated input, the caller and the operations. */
export interface RouteContext<
  Body = unknown,
  Query = Record<string, unknown>,
  Params = Record<string, string>,
> {
  /** The Hono context, for headers and cookies. */
  c: Context;
  ops: Operations;
  /** The caller; null only on `public` routes. */
  auth: RequestAuth | null;
  body: Body;
  /** Length in characters of the body text as received (0 for routes without a body). */
  bodyLength: number;
  query: Query;
  params: Params;
  lang: Lang;
  requestId: string;
  ip: string | null;
  /** Whether the request reached us over https (directly or, with trustProxy, via a proxy). */
  isHttps: boolean;
}

/**
 * How large a route's request body may be, checked before anything is parsed (Content-Length first,
 * then the bytes as they stream in): `default` (1 MiB unless configured), `content` for rule-set
 * content and bundles (4 MiB), `upload` for file uploads (5 MiB), or a number of bytes.
 */
export type BodyLimit = 'default' | 'content' | 'upload' | number;

/** A route. `permission` is required: a named permission from the app's table or the explicit `'public'`. */
export interface RouteDefinition<Body = any, Query = any, Params = any> {
  method: HttpMethod;
  /** Hono path syntax, e.g. `/api/units/:id`. */
  path: string;
  permission: Permission | 'public';
  summary: string;
  description?: string;
  tags: string[];
  request?: {
    /** JSON body schema; the body is parsed and validated before the handler runs. */
    body?: JsonSchema;
    /** Query-string schema (values are coerced from strings). */
    query?: JsonSchema;
    /** Path-parameter schema. */
    params?: JsonSchema;
  };
  /**
   * Step budget of all the rule evaluations of one request (loop iterations × body weight, see
   * the rule language's StepBudget), shared across awaits; beyond it 422 `rule.budget_exceeded`.
   * Default `DEFAULT_REQUEST_STEPS`; what-if routes replaying history take more.
   */
  ruleSteps?: number;
  /** Largest request body; default `'default'`. Routes without a body schema accept the default. */
  bodyLimit?: BodyLimit;
  /** Documented responses by status; the lowest 2xx is the status of a plain returned value. */
  responses: Record<number, RouteResponse>;
  /** Left out of the OpenAPI document (e.g. static files). */
  isHidden?: boolean;
  /** Returns a value (sent as JSON) or a Response. */
  handler(ctx: RouteContext<Body, Query, Params>): unknown;
}

/** Declares a route; typing only, so a missing field is a compile error. */
export function defineRoute<Body = unknown, Query = Record<string, unknown>, Params = Record<string, string>>(
  route: RouteDefinition<Body, Query, Params>,
): RouteDefinition<Body, Query, Params> {
  return route;
}

/** Converts `/api/units/:id` to `/api/units/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
