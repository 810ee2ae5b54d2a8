/**
 * @module The core of a simulated outside system run as its own process (test/support/outside-*.ts):
 * an HTTP server on 127.0.0.1 port 0 that checks the bearer key and Baton's HMAC signature on every
 * request it receives (rejecting bad ones with 401), records what it accepted, drops repeats of an
 * Idempotency-Key, and calls Baton's signed webhook back. Admin commands under `/__admin/`.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { webhookPost, webhookSignature } from './signed-webhook.ts';
import { listenOnLoopback, readBody, sendJson, simNow } from './sim-process.ts';

/** What the process was started with. */
export const env = {
  /** Baton's base URL, e.g. http://127.0.0.1:41234. */
  batonUrl: process.env.BATON_URL ?? '',
  /** The plugin whose webhook this system calls (`/api/plugins/<plugin>/webhook`). */
  plugin: process.env.OUTSIDE_PLUGIN ?? '',
  apiKey: process.env.OUTSIDE_API_KEY ?? '',
  /** The secret shared with Baton: checks Baton's signatures, signs the calls back. */
  secret: process.env.OUTSIDE_SECRET ?? '',
};

/** One request the system accepted. */
export interface Received {
  method: string;
  path: string;
  idempotencyKey: string;
  /** The signature checked out (always true for recorded requests; refused ones are counted apart). */
  isSigned: true;
  body: Record<string, unknown>;
}

/** The record every simulated system keeps. */
export const log = {
  received: [] as Received[],
  /** Requests refused for a missing or wrong signature or key, with the reason. */
  refused: [] as Array<{ path: string; reason: string }>,
  /** Calls made to Baton and its answers. */
  sent: [] as Array<{ body: unknown; status: number; answer: unknown }>,
};

const hmac = (timestamp: string, rawBody: string, secret = env.secret) =>
  webhookSignature(secret, timestamp, rawBody);

/** Why a request's signature does not check out (over the exact bytes received), or null when it does. */
export function signatureProblem(headers: IncomingMessage['headers'], rawBody: string): string | null {
  const timestamp = String(headers['x-baton-timestamp'] ?? '');
  const signature = String(headers['x-baton-signature'] ?? '');
  if (!/^\d{1,12}$/.test(timestamp) || signature === '') return 'unsigned';
  const expected = Buffer.from(hmac(timestamp, rawBody));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'bad signature';
  if (Math.abs(simNow() / 1000 - Number(timestamp)) > 300) return 'stale timestamp';
  return null;
}

/** Options of {@link callBaton}: defects to send on purpose. */
export interface CallOptions {
  /** Sign with another secret. */
  badSignature?: boolean;
  /** Send twice under the same delivery id. */
  duplicateDelivery?: boolean;
  /** Send again under a new delivery id (the system re-sends its message). */
  duplicateMessage?: boolean;
}

/** Posts `body` to Baton's webhook of this system's plugin, signed; records and returns every answer. */
export async function callBaton(
  body: unknown,
  options: CallOptions = {},
): Promise<Array<{ status: number; answer: unknown }>> {
  const raw = JSON.stringify(body);
  const timestamp = String(Math.floor(simNow() / 1000));
  const signature = hmac(timestamp, raw, options.badSignature ? `${env.secret}-wrong` : env.secret);
  const deliveries = [randomUUID()];
  if (options.duplicateDelivery) deliveries.push(deliveries[0]!);
  if (options.duplicateMessage) deliveries.push(randomUUID());
  const answers: Array<{ status: number; answer: unknown }> = [];
  for (const delivery of deliveries) {
    const response = await fetch(
      `${env.batonUrl}/api/plugins/${env.plugin}/webhook`,
      webhookPost(raw, { timestamp, signature, delivery }),
    );
    const answer = (await response.json()) as unknown;
    log.sent.push({ body, status: response.status, answer });
    answers.push({ status: response.status, answer });
  }
  return answers;
}

/** A handler of the system's own API: gets the checked request, answers it. */
export type Handler = (request: Received, res: ServerResponse) => Promise<void> | void;

/**
 * Runs the system: `routes` by `METHOD /path-pattern` (a RegExp over the path) for Baton's requests,
 * which must carry `Bearer <apiKey>` and a valid signature (GET /api/ping only the key); `admin`
 * commands by name (`POST /__admin/<name>` with a JSON body). `GET /__admin/log` returns the record.
 * Prints `{"port":N}` once listening.
 */
export function runOutsideSystem(input: {
  routes: Array<{ method: string; path: RegExp; handle: Handler }>;
  admin: Record<string, (body: Record<string, unknown>) => Promise<unknown> | unknown>;
}): void {
  const server = createServer(async (req, res) => {
    try {
      const raw = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = url.pathname;
      if (path === '/__admin/log') return sendJson(res, 200, log);
      if (path.startsWith('/__admin/') && req.method === 'POST') {
        const command = input.admin[path.slice('/__admin/'.length)];
        if (!command) return sendJson(res, 404, { error: 'no such command' });
        return sendJson(res, 200, await command(raw === '' ? {} : JSON.parse(raw)));
      }
      if (req.headers.authorization !== `Bearer ${env.apiKey}`) {
        log.refused.push({ path, reason: 'bad key' });
        return sendJson(res, 401, { error: 'bad key' });
      }
      if (req.method === 'GET' && path === '/api/ping') return sendJson(res, 200, { ok: true });
      const problem = signatureProblem(req.headers, raw);
      if (problem) {
        log.refused.push({ path, reason: problem });
        return sendJson(res, 401, { error: problem });
      }
      const route = input.routes.find((r) => r.method === req.method && r.path.test(path));
      if (!route) return sendJson(res, 404, { error: 'not found' });
      const idempotencyKey = String(req.headers['idempotency-key'] ?? '');
      const repeat = log.received.find((r) => r.idempotencyKey === idempotencyKey && idempotencyKey !== '');
      if (repeat) return sendJson(res, 200, { ok: true, isDuplicate: true });
      const request: Received = {
        method: req.method ?? 'POST',
        path,
        idempotencyKey,
        isSigned: true,
        body: (raw === '' ? {} : JSON.parse(raw)) as Record<string, unknown>,
      };
      log.received.push(request);
      await route.handle(request, res);
    } catch (error) {
      sendJson(res, 500, { error: String(error) });
    }
  });
  listenOnLoopback(server);
}

/**
 * The desk where a system takes Baton's signed hand-offs (POST `path`): each opens an item under a
 * fresh `<idPrefix>-xxxxxxxx` id (answered 201 as `{[idField]: id}`), remembered by case number
 * with the case id, and the system at once reports `fields` back on it (after answering, like a
 * queue would). `reportOf` builds any report on an item: its id, the case, `[timeField]` now, `fields`.
 */
export function handoffDesk(options: {
  path: RegExp;
  idField: string;
  idPrefix: string;
  timeField: string;
  /** The body of the call back to Baton that carries a report. */
  wrap?: (report: Record<string, unknown>) => unknown;
  /** The report sent at once on a new item. */
  firstReport: Record<string, unknown>;
}) {
  const items = new Map<string, Record<string, unknown> & { caseId: string | null }>();
  const wrap = options.wrap ?? ((report) => report);
  const reportOf = (caseNumber: string, fields: Record<string, unknown>) => {
    const item = items.get(caseNumber);
    return wrap({
      [options.idField]: item?.[options.idField] ?? `${options.idPrefix}-unknown-${caseNumber}`,
      caseNumber,
      ...(item?.caseId ? { caseId: item.caseId } : {}),
      [options.timeField]: new Date(simNow()).toISOString(),
      ...fields,
    });
  };
  const route = {
    method: 'POST',
    path: options.path,
    handle(request: Received, res: ServerResponse) {
      const caseNumber = String(request.body.caseNumber);
      const id = `${options.idPrefix}-${randomUUID().slice(0, 8)}`;
      items.set(caseNumber, {
        [options.idField]: id,
        caseId: typeof request.body.caseId === 'string' ? request.body.caseId : null,
      });
      sendJson(res, 201, { [options.idField]: id });
      setImmediate(() => {
        void callBaton(reportOf(caseNumber, options.firstReport));
      });
    },
  };
  return { route, reportOf, items: () => Object.fromEntries(items) };
}
