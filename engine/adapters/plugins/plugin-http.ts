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
  /**
   * The sandbox's network rule: the hosts (`host[:port]`, lower case) the plugin may reach, from its
   * config (`allowedHostsOf`), and whether its manifest declares a capability that needs the network.
   * A request elsewhere is refused before anything is sent (`SandboxRefusal`). Absent: no check.
   */
  network?: { allowedHosts: readonly string[]; isDeclared: boolean };
}

/** A request the sandbox refused: the plugin broke its network rule (it is stopped and reported). */
export class SandboxRefusal extends DeliveryFailure {
  override name = 'SandboxRefusal';
  constructor(
    message: string,
    readonly violation: {
      code: 'plugin.host_not_allowed' | 'plugin.network_not_declared';
      specifier: string;
    },
  ) {
    super(message, { isPermanent: true });
  }
}

const HOST_LIKE = /^(localhost|\[[0-9a-f:.]+\]|[a-z0-9-]+(\.[a-z0-9-]+)+)(:\d{1,5})?$/i;

/**
 * The hosts a plugin's config names: the host of every http(s) URL string in it (at any depth) and
 * every string that is itself a host name (`sms.example.cn`, `10.0.0.5:8080`, `localhost`).
 */
export function allowedHostsOf(config: unknown): string[] {
  const hosts = new Set<string>();
  const walk = (value: unknown) => {
    if (typeof value === 'string') {
      const text = value.trim();
      if (/^https?:\/\//i.test(text)) {
        try {
          hosts.add(new URL(text).host.toLowerCase());
        } catch {
          // not a URL
        }
      } else if (HOST_LIKE.test(text)) {
        try {
          hosts.add(new URL(`http://${text}`).host.toLowerCase());
        } catch {
          // not a host
        }
      }
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(config);
  return [...hosts].sort();
}

/** A PluginHttp plus the status of the last response it saw. */
export interface TrackedPluginHttp extends PluginHttp {
  lastStatus(): number | null;
}

/**
 * Builds the client for one hook call.
 * Long: a factory: its methods are short and share the call's budget and log in one closure.
 */
export function createPluginHttp(options: PluginHttpOptions): TrackedPluginHttp {
  let last: number | null = null;
  const request = async (url: string, init: PluginHttpInit = {}): Promise<PluginHttpResponse> => {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new DeliveryFailure(`Only http(s) URLs are allowed, not ${parsed.protocol}`, {
        isPermanent: true,
      });
    }
    if (options.network) {
      const host = parsed.host.toLowerCase();
      if (!options.network.isDeclared)
        throw new SandboxRefusal(`no capability of this plugin needs the network (${host})`, {
          code: 'plugin.network_not_declared',
          specifier: host,
        });
      if (!options.network.allowedHosts.includes(host))
        throw new SandboxRefusal(
          `${host} is not a host the plugin's config names (${options.network.allowedHosts.join(', ') || 'none'})`,
          { code: 'plugin.host_not_allowed', specifier: host },
        );
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
