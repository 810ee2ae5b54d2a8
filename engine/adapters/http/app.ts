/** @module Hono app factory: request ids, access log, auth, CSRF, permission checks, validation and error mapping around declared routes. */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { type Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { actorOfUser } from '../../app/auth.ts';
import type { Operations } from '../../app/operations.ts';
import { TooManyRequestsError } from '../../app/errors.ts';
import { can, isPermission, PERMISSIONS } from '../../app/permissions.ts';
import {
  AuthenticationError,
  NotFoundError,
  PermissionError,
  RuleError,
  ValidationError,
} from '../../core/errors.ts';
import { setAmbientBudget, StepBudget } from '../../core/rule-language.ts';
import { issuesOf } from '../../core/plugin-api.ts';
import type { Logger } from '../../ports/logger.ts';
import {
  checkDeclaredLength,
  firstNonFiniteNumber,
  numberOutOfRange,
  parseJsonBody,
  readBodyText,
} from './body.ts';
import { errorBody, HttpRequestError, type Lang, pickLanguage, statusOf } from './errors.ts';
import { buildOpenApi } from './openapi.ts';
import type { RequestAuth, RouteContext, RouteDefinition } from './route.ts';
import { apiKeyRoutes } from './routes/api-keys.ts';
import { authRoutes, SESSION_COOKIE } from './routes/auth.ts';
import { calendarRoutes } from './routes/calendars.ts';
import { caseWhatIfRoutes } from './routes/case-what-if.ts';
import { caseRoutes } from './routes/cases.ts';
import { jobRoutes } from './routes/jobs.ts';
import { formatOfPath, sendError } from './open311/format.ts';
import { open311Routes } from './routes/open311.ts';
import { performanceRoutes } from './routes/performance.ts';
import { auditRoutes } from './routes/audit.ts';
import { ruleSetRoutes } from './routes/rule-sets/rule-set-routes.ts';
import { type DemoDataProgress, studioRoute, systemRoutes } from './routes/system.ts';
import { unitRoutes } from './routes/units.ts';
import { userRoutes } from './routes/users.ts';
import { workRoutes } from './routes/work.ts';
import type { DeadLetterSource } from '../../app/work-queue.ts';
import { clientIpOf } from './client-ip.ts';

/** Options of `createHttpApp`. */
export interface HttpAppOptions {
  ops: Operations;
  logger: Logger;
  /** Reported by /api/health and OpenAPI (default 0.0.0). */
  version?: string;
  /** Folder of the built studio (default `dist/studio` under the working directory). */
  studioDir?: string;
  /**
   * Trust `x-forwarded-for` / `x-forwarded-proto` (only behind proxies you run): the number of proxy
   * hops in front of Baton (`true` = 1); the client is the rightmost address those hops did not add.
   */
  trustProxy?: boolean | number;
  /** Body size limit in bytes of ordinary routes (default 1 MiB). */
  maxBodyBytes?: number;
  /** Body size limit of routes carrying rule-set content or bundles (`bodyLimit: 'content'`; default 4 MiB). */
  maxContentBodyBytes?: number;
  /** Body size limit of upload routes (`bodyLimit: 'upload'`; default 5 MiB). */
  maxUploadBodyBytes?: number;
  /** JSON nesting limit (default 64). */
  maxJsonDepth?: number;
  /** Extra routes, registered before the studio catch-all. */
  routes?: RouteDefinition[];
  /** The plugin delivery log's dead letters, for the admins' work queue (GET /api/me/work). */
  deadLetters?: DeadLetterSource;
  /** Progress of the demo cases loading after start (shown by /api/health), or null when none load. */
  demoData?: () => DemoDataProgress | null;
}

type Env = { Variables: { requestId: string; lang: Lang } };

/** Step budget of one request's rule evaluations unless its route says otherwise (`ruleSteps`). */
export const DEFAULT_REQUEST_STEPS = 100_000_000;

/** The budget of the request being handled, across awaits: every rule it evaluates draws on it. */
const requestBudgets = new AsyncLocalStorage<StepBudget>();
setAmbientBudget(() => requestBudgets.getStore());

const requestBudgetExceeded = (limit: number) =>
  new RuleError(
    'rule.budget_exceeded',
    {
      en: `This request's rules do too much work: they exceeded the budget of ${limit} steps (loop iterations). Make loops smaller or avoid nesting them over large arrays.`,
      zh: `本次请求的规则计算量过大：超过了 ${limit} 步（循环迭代）的预算。请缩小循环规模，或避免在大数组上嵌套循环。`,
    },
    { details: { limit } },
  );

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const digest = (value: string) => createHash('sha256').update(value).digest();
/** Constant-time string equality (compares digests, so lengths do not leak). */
const isSameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));
const registries = new WeakMap<Hono<any>, readonly RouteDefinition[]>();

/** The route definitions an app was built from, in registration order. */
export function routesOf(app: Hono<any>): readonly RouteDefinition[] {
  const routes = registries.get(app);
  if (!routes) throw new Error('Not an app built by createHttpApp');
  return routes;
}

function invalid(errors: ErrorObject[], prefix: string): ValidationError {
  const issues = issuesOf(errors, prefix);
  const first = issues[0]!;
  return new ValidationError(
    'request.invalid',
    {
      en: `The request is invalid at ${first.path}: ${first.message}.`,
      zh: `请求参数不合法（${first.path}）：${first.message}。`,
    },
    { path: first.path, details: issues },
  );
}

/** Validators and limits of one route, compiled once at start-up. */
interface RouteChecks {
  validateBody: ValidateFunction | null;
  validateQuery: ValidateFunction | null;
  validateParams: ValidateFunction | null;
  successStatus: number | undefined;
  bodyBytes: number;
}

/** What every route handler shares: the operations, limits, validators and how a client is read. */
interface AppSetting {
  ops: Operations;
  bodyLimits: Record<'default' | 'content' | 'upload', number>;
  maxJsonDepth: number;
  ajv: Ajv2020;
  coercingAjv: Ajv2020;
  clientIp(c: Context): string | null;
  isHttps(c: Context): boolean;
  authenticate(c: Context): Promise<RequestAuth | null>;
}

/**
 * Builds the HTTP app. Every route comes from a `RouteDefinition`; a definition without a known
 * permission (or `'public'`) is refused here, at start-up.
 */
export function createHttpApp(options: HttpAppOptions): Hono<Env> {
  const app = new Hono<Env>();
  const ajv = new Ajv2020({ allErrors: true, strict: false, useDefaults: true });
  const coercingAjv = new Ajv2020({ allErrors: true, strict: false, coerceTypes: true, useDefaults: true });
  addFormats(ajv);
  addFormats(coercingAjv);
  const routes = declaredRoutes(options);
  registries.set(app, routes);

  const trustedHops = options.trustProxy === true ? 1 : Number(options.trustProxy || 0);
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const setting: AppSetting = {
    ops: options.ops,
    bodyLimits: {
      default: maxBodyBytes,
      content: options.maxContentBodyBytes ?? 4 * 1024 * 1024,
      upload: options.maxUploadBodyBytes ?? 5 * 1024 * 1024,
    },
    maxJsonDepth: options.maxJsonDepth ?? 64,
    ajv,
    coercingAjv,
    clientIp: (c) =>
      clientIpOf({
        hops: trustedHops,
        forwardedFor: c.req.header('x-forwarded-for'),
        remoteAddress:
          (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
            ?.remoteAddress ?? null,
      }),
    isHttps: (c) =>
      new URL(c.req.url).protocol === 'https:' ||
      (trustedHops > 0 && c.req.header('x-forwarded-proto') === 'https'),
    authenticate: (c) => authenticate(options.ops, c),
  };

  useRequestLog(app, options.logger);
  useErrorAnswers(app, options.logger);
  for (const route of routes) registerRoute(app, route, setting);
  return app;
}

/** Every route the app serves, in registration order; the studio's catch-all last. */
function declaredRoutes(options: HttpAppOptions): RouteDefinition[] {
  const version = options.version ?? '0.0.0';
  let openApi: Record<string, unknown> | null = null;
  const routes: RouteDefinition[] = [
    ...systemRoutes({
      version,
      demoData: options.demoData,
      getOpenApi: () => (openApi ??= buildOpenApi(routes, { version })),
    }),
    ...authRoutes(),
    ...unitRoutes(),
    ...apiKeyRoutes(),
    ...userRoutes(),
    ...ruleSetRoutes(),
    ...auditRoutes(),
    ...calendarRoutes(),
    ...performanceRoutes(),
    ...caseRoutes(),
    ...caseWhatIfRoutes(),
    ...jobRoutes(),
    ...open311Routes(),
    ...workRoutes(options.deadLetters ? { deadLetters: options.deadLetters } : {}),
    ...(options.routes ?? []),
    studioRoute(options.studioDir ?? 'dist/studio'),
  ];
  return routes;
}

/** A request id on every answer and one access-log line per request. */
function useRequestLog(app: Hono<Env>, logger: Logger): void {
  app.use(async (c, next) => {
    const started = performance.now();
    const incomingId = c.req.header('x-request-id');
    const requestId = incomingId && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
    c.set('requestId', requestId);
    c.set('lang', pickLanguage(c.req.header('accept-language')));
    await next();
    c.res.headers.set('x-request-id', requestId);
    // Only these fields: never headers, cookies, bodies or query strings (they may carry secrets).
    logger.info('request', {
      reqId: requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });
}

/** Errors become `{error:{code,message,path}}` in the caller's language (Open311's own list under /open311/). */
function useErrorAnswers(app: Hono<Env>, logger: Logger): void {
  app.onError((error, c) => {
    const requestId = c.get('requestId') ?? randomUUID();
    const status = statusOf(error);
    if (status === 500) {
      logger.error('unhandled error', {
        reqId: requestId,
        method: c.req.method,
        path: c.req.path,
        error: {
          name: (error as Error).name,
          message: (error as Error).message,
          stack: (error as Error).stack,
        },
      });
    }
    if (error instanceof TooManyRequestsError) c.header('Retry-After', String(error.retryAfterSeconds));
    // Open311 clients read errors as the GeoReport `[{code, description}]` list (JSON or XML), also for
    // refusals made before a route runs (e.g. the declared body size).
    if (c.req.path.startsWith('/open311/') && status < 500) {
      const body = errorBody(error, c.get('lang') ?? 'zh', requestId) as { error: { message: string } };
      return sendError(c, formatOfPath(c.req.path) ?? 'json', status, body.error.message);
    }
    return c.json(errorBody(error, c.get('lang') ?? 'zh', requestId), status as 400);
  });

  app.notFound((c) => {
    const error = new NotFoundError('request.not_found', {
      en: `No route ${c.req.method} ${c.req.path}.`,
      zh: `接口 ${c.req.method} ${c.req.path} 不存在。`,
    });
    return c.json(errorBody(error, c.get('lang') ?? 'zh', c.get('requestId') ?? ''), 404);
  });
}

/** The caller: a bearer API key (refused when unknown), else the session cookie, else nobody. */
async function authenticate(ops: Operations, c: Context): Promise<RequestAuth | null> {
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const actor = match ? await ops.authenticateApiKey({ key: match[1]! }) : null;
    if (!actor) {
      throw new AuthenticationError('auth.invalid_api_key', {
        en: 'The API key is invalid or revoked.',
        zh: 'API 密钥无效或已吊销。',
      });
    }
    return { actor, via: 'apiKey' };
  }
  const sessionToken = getCookie(c, SESSION_COOKIE);
  if (!sessionToken) return null;
  const current = await ops.getCurrentUser({ sessionToken });
  if (!current) return null;
  return { actor: actorOfUser(current.user), via: 'cookie', sessionToken, csrfToken: current.csrfToken };
}

/** Compiles a route's validators and limits; refuses a route whose permission is unknown. */
function checksOf(route: RouteDefinition, setting: AppSetting): RouteChecks {
  if (route.permission !== 'public' && !isPermission(route.permission)) {
    throw new Error(
      `Route ${route.method.toUpperCase()} ${route.path} declares unknown permission "${route.permission}"`,
    );
  }
  const compile = (schema: Record<string, unknown> | undefined, coerce: boolean): ValidateFunction | null =>
    schema ? (coerce ? setting.coercingAjv : setting.ajv).compile(schema) : null;
  const limit = route.bodyLimit ?? 'default';
  return {
    validateBody: compile(route.request?.body, false),
    validateQuery: compile(route.request?.query, true),
    validateParams: compile(route.request?.params, true),
    successStatus: Object.keys(route.responses)
      .map(Number)
      .filter((status) => status >= 200 && status < 300)
      .sort((a, b) => a - b)[0],
    bodyBytes: typeof limit === 'number' ? limit : setting.bodyLimits[limit],
  };
}

/** Signed in, the CSRF token matching for a cookie session's writes, and the role allowed the route's permission. */
async function authorize(
  c: Context,
  route: RouteDefinition,
  setting: AppSetting,
): Promise<RequestAuth | null> {
  if (route.permission === 'public') return null;
  const auth = await setting.authenticate(c);
  if (!auth) {
    throw new AuthenticationError('auth.required', { en: 'Please sign in.', zh: '请先登录。' });
  }
  if (auth.via === 'cookie' && !SAFE_METHODS.has(c.req.method)) {
    const sent = c.req.header('x-csrf-token');
    if (!sent || !auth.csrfToken || !isSameSecret(sent, auth.csrfToken)) {
      throw new PermissionError('auth.csrf', {
        en: 'Missing or wrong x-csrf-token header.',
        zh: '缺少或错误的 x-csrf-token 请求头。',
      });
    }
  }
  if (!can(auth.actor, route.permission)) {
    throw new PermissionError(
      'auth.forbidden',
      {
        en: `Your role does not allow this (needs "${route.permission}").`,
        zh: `当前角色无权执行此操作（需要“${route.permission}”权限）。`,
      },
      { details: { permission: route.permission, description: PERMISSIONS[route.permission].description } },
    );
  }
  return auth;
}

/** The route's params and query (coerced, validated, finite) and its JSON body (size, type, depth, schema). */
async function readInput(c: Context, checks: RouteChecks, maxJsonDepth: number) {
  const params = { ...c.req.param() } as Record<string, unknown>;
  const { validateParams, validateQuery, validateBody } = checks;
  if (validateParams && !validateParams(params)) throw invalid(validateParams.errors ?? [], '/params');
  const query: Record<string, unknown> = { ...c.req.query() };
  if (validateQuery && !validateQuery(query)) throw invalid(validateQuery.errors ?? [], '/query');
  // Coercion turns "1e309" into Infinity and "1e20" into an integer no driver takes: refused
  // here for every route rather than in each handler.
  const badParam = firstNonFiniteNumber(params, true, '/params');
  if (badParam !== null) throw numberOutOfRange(badParam);
  const badQuery = firstNonFiniteNumber(query, true, '/query');
  if (badQuery !== null) throw numberOutOfRange(badQuery);

  let body: unknown;
  let bodyLength = 0;
  if (validateBody) {
    const contentType = c.req.header('content-type') ?? '';
    const text = await readBodyText(c.req.raw, checks.bodyBytes);
    bodyLength = text.length;
    if (!/^application\/([a-z0-9.+-]+\+)?json\b/i.test(contentType)) {
      throw new HttpRequestError(415, 'request.unsupported_media_type', {
        en: 'Send the body as application/json.',
        zh: '请求体须为 application/json。',
      });
    }
    body = parseJsonBody(text, maxJsonDepth);
    // JSON.parse reads 1e309 as Infinity, which JSON cannot even write back.
    const badNumber = firstNonFiniteNumber(body);
    if (badNumber !== null) throw numberOutOfRange(badNumber);
    if (!validateBody(body)) throw invalid(validateBody.errors ?? [], '');
  }
  return { params, query, body, bodyLength };
}

/** Registers one route: size, then caller, then input, then the handler within the request's rule budget. */
function registerRoute(app: Hono<Env>, route: RouteDefinition, setting: AppSetting): void {
  const checks = checksOf(route, setting);
  app.on(route.method.toUpperCase(), route.path, async (c) => {
    // The declared size is refused before anything else, authentication included.
    checkDeclaredLength(c.req.raw, checks.bodyBytes);
    const auth = await authorize(c, route, setting);
    const input = await readInput(c, checks, setting.maxJsonDepth);
    const ctx: RouteContext<any, any, any> = {
      c,
      ops: setting.ops,
      auth,
      ...input,
      lang: c.get('lang'),
      requestId: c.get('requestId'),
      ip: setting.clientIp(c),
      isHttps: setting.isHttps(c),
    };
    const budget = new StepBudget(route.ruleSteps ?? DEFAULT_REQUEST_STEPS);
    const result = await requestBudgets.run(budget, () => route.handler(ctx));
    // Operations that turn a failed evaluation into a result (a test issue, an error cell) still
    // ran out: the answer would be partial, so it is refused.
    if (budget.exceeded) throw requestBudgetExceeded(budget.limit);
    if (result instanceof Response) return result;
    if (checks.successStatus === 204) return c.body(null, 204);
    return c.json(result as object, (checks.successStatus ?? 200) as 200);
  });
}
