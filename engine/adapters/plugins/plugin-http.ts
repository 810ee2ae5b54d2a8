/** @module The HTTP client handed to plugins: injected fetch, enforced timeouts, idempotency header, last status remembered. */
import {
  DeliveryFailure,
  OUTBOUND_SIGNATURE,
  type PluginHttp,
  type PluginHttpInit,
  type PluginHttpResponse,
  signedText,
} from '../../core/plugin-api.ts';
import { hmacSigner } from './webhook-signer.ts';

/** Options of `createPluginHttp`. */
export interface PluginHttpOptions {
  fetch: typeof fetch;
  /** Default timeout per request (ms). */
  timeoutMs: number;
  /** Upper bound a plugin may ask for (ms). */
  maxTimeoutMs: number;
  /** Sent as `Idempotency-Key` on every request of a delivery. */
  idempotencyKey?: string;
  /** The clock's now, for the timestamp of signed requests (`init.sign`); required to sign. */
  now?: () => Date;
}

/** A PluginHttp plus the status of the last response it saw. */
export interface TrackedPluginHttp extends PluginHttp {
  lastStatus(): number | null;
}

/** Builds the client for one hook call. */
export function createPluginHttp(options: PluginHttpOptions): TrackedPluginHttp {
  let last: number | null = null;
  const request = async (url: string, init: PluginHttpInit = {}): Promise<PluginHttpResponse> => {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new DeliveryFailure(`Only http(s) URLs are allowed, not ${parsed.protocol}`, {
        isPermanent: true,
      });
    }
    const headers: Record<string, string> = { accept: 'application/json', ...(init.headers ?? {}) };
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    if (init.sign) {
      if (!options.now)
        throw new DeliveryFailure('the host cannot sign requests here (no clock)', { isPermanent: true });
      if (typeof init.sign.secret !== 'string' || init.sign.secret === '')
        throw new DeliveryFailure('no signing secret is configured', { isPermanent: true });
      const timestamp = String(Math.floor(options.now().getTime() / 1000));
      headers[OUTBOUND_SIGNATURE.timestampHeader] = timestamp;
      headers[OUTBOUND_SIGNATURE.signatureHeader] =
        OUTBOUND_SIGNATURE.prefix + hmacSigner.sign(init.sign.secret, signedText(timestamp, body ?? ''));
    }
    const timeoutMs = Math.min(init.timeoutMs ?? options.timeoutMs, options.maxTimeoutMs);
    let response: Response;
    try {
      response = await options.fetch(url, {
        method: init.method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'manual',
      });
    } catch (error) {
      const name = (error as Error).name;
      const reason =
        name === 'TimeoutError' || name === 'AbortError'
          ? `timed out after ${timeoutMs} ms`
          : (error as Error).message;
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new DeliveryFailure(`${parsed.host} unreachable: ${reason}${cause ? ` (${cause})` : ''}`);
    }
    last = response.status;
    const text = await response.text();
    let parsedBody: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text !== '') {
      try {
        parsedBody = JSON.parse(text);
      } catch {
        // keep the text
      }
    }
    return {
      status: response.status,
      ok: response.ok,
      headers: Object.fromEntries(response.headers.entries()),
      body: parsedBody,
    };
  };
  return {
    request,
    async postJson(url, body, init = {}) {
      const response = await request(url, { ...init, method: 'POST', body });
      if (!response.ok) {
        // 4xx other than timeouts/throttling means the request itself is wrong: retrying will not help.
        const isPermanent =
          response.status >= 400 && response.status < 500 && ![408, 409, 425, 429].includes(response.status);
        throw new DeliveryFailure(`${new URL(url).host} answered ${response.status}`, {
          statusCode: response.status,
          isPermanent,
        });
      }
      return response;
    },
    lastStatus: () => last,
  };
}
