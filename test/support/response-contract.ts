/** @module Checks every JSON response a test receives against the response schema its route declares (the one OpenAPI publishes). */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { RouteDefinition } from '../../engine/adapters/http/route.ts';
import { errorSchema } from '../../engine/adapters/http/schemas.ts';

/** A response that does not match its route's declared contract. */
export class ResponseContractError extends Error {
  override name = 'ResponseContractError';
}

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
}

/** Hono path syntax to an anchored regular expression (`:id` matches one segment). */
function patternOf(path: string): RegExp {
  const source = path
    .split('/')
    .map((part) =>
      part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/** Validates responses of the routes of one app. */
export interface ResponseChecker {
  /** Throws ResponseContractError when `response` breaks the contract of the route serving `method path`. */
  check(method: string, url: string, response: Response): Promise<void>;
  /** `METHOD path` of every route a response was checked for, in first-seen order. */
  readonly checked: ReadonlySet<string>;
  /** The route whose contract a response to `method url` is held to (Hono's pick), if any. */
  routeFor(method: string, url: string): RouteDefinition | undefined;
}

/**
 * Builds a checker over `routes` (in registration order, like Hono picks them). A 2xx must be a
 * declared status and, when JSON, match its declared schema; an error must match its declared
 * schema or, when none is declared, the error envelope. Non-JSON bodies are only status-checked.
 */
export function createResponseChecker(routes: readonly RouteDefinition[]): ResponseChecker {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const compiled: CompiledRoute[] = routes
    .filter((route) => !route.isHidden)
    .map((route) => ({ route, pattern: patternOf(route.path) }));
  const validators = new Map<object, ValidateFunction>();
  const validatorOf = (schema: object): ValidateFunction => {
    let fn = validators.get(schema);
    if (!fn) {
      fn = ajv.compile(schema);
      validators.set(schema, fn);
    }
    return fn;
  };
  const checked = new Set<string>();

  const routeFor = (method: string, url: string): RouteDefinition | undefined => {
    const path = new URL(url, 'http://localhost').pathname;
    return compiled.find(
      ({ route, pattern }) => route.method.toUpperCase() === method.toUpperCase() && pattern.test(path),
    )?.route;
  };
  return {
    checked,
    routeFor,
    async check(method, url, response) {
      const route = routeFor(method, url);
      if (!route) return;
      const name = `${route.method.toUpperCase()} ${route.path}`;
      const where = `${name} → ${response.status}`;
      const declared = route.responses[response.status];
      const isSuccess = response.status >= 200 && response.status < 300;
      if (isSuccess && !declared) {
        throw new ResponseContractError(
          `${where}: status not declared (declared: ${Object.keys(route.responses).join(', ')})`,
        );
      }
      checked.add(name);
      const contentType = response.headers.get('content-type') ?? '';
      if (!/\bjson\b/i.test(contentType)) {
        if (declared?.schema && (declared.contentType ?? 'application/json').includes('json')) {
          throw new ResponseContractError(`${where}: declared JSON but got "${contentType}"`);
        }
        return;
      }
      const schema = declared?.schema ?? (isSuccess ? undefined : errorSchema);
      if (!schema) return;
      const body = (await response.clone().json()) as unknown;
      const validate = validatorOf(schema);
      if (!validate(body)) {
        const issues = (validate.errors ?? [])
          .slice(0, 5)
          .map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`)
          .join('; ');
        throw new ResponseContractError(`${where}: body does not match its declared schema: ${issues}`);
      }
    },
  };
}
