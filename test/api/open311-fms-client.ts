/**
 * @module A GeoReport v2 client that talks the way mySociety's FixMyStreet client (perllib/Open311.pm)
 * does: services.xml and services/<code>.xml, POST requests.xml form-encoded with api_key,
 * jurisdiction_id and attribute[code] (a list repeats the name), the reply read for
 * service_request_id or else a token to poll, GET requests.xml with comma-joined
 * service_request_id, and servicerequestupdates.xml with api_key, start_date and end_date.
 * Written for these tests from reading that client; it copies none of it. The same client speaks
 * JSON when asked, for the same journey in JSON.
 */
import { XMLParser } from 'fast-xml-parser';
import { GEOREPORT_LIST_ELEMENTS } from './open311-support.ts';

/** A reply as received, kept so tests can check its body against the spec's shapes. */
export interface RawReply {
  status: number;
  contentType: string;
  text: string;
}

/** Elements read as lists even when one is present (the client's ForceArray). */
const LIST_ELEMENTS = new Set([...GEOREPORT_LIST_ELEMENTS, 'group']);

/** Options of {@link Open311Client}. */
export interface Open311ClientOptions {
  /** Base URL ending in `/open311/v2/`. */
  endpoint: string;
  apiKey?: string;
  jurisdiction?: string;
  format?: 'xml' | 'json';
  /** Token polling: tries and the pause between them (ms). */
  pollTries?: number;
  pollIntervalMs?: number;
}

/** A FixMyStreet-style Open311 client. */
export class Open311Client {
  /** Every reply in order, newest last. */
  readonly replies: RawReply[] = [];
  /** The error of the last failed call: `code: description` lines. */
  error = '';
  private readonly format: 'xml' | 'json';
  private readonly parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => LIST_ELEMENTS.has(name),
  });

  constructor(private readonly options: Open311ClientOptions) {
    this.format = options.format ?? 'xml';
  }

  /** The last reply. */
  get last(): RawReply {
    return this.replies[this.replies.length - 1]!;
  }

  /** services.{xml,json}: the list of services. */
  async getServiceList(): Promise<Record<string, any>[] | null> {
    const body = await this.get(`services.${this.format}`);
    if (body === null) return null;
    return this.format === 'xml' ? (body.services?.service ?? []) : body;
  }

  /** services/<code>.{xml,json}: the service definition. */
  async getServiceMetaInfo(code: string): Promise<Record<string, any> | null> {
    const body = await this.get(`services/${encodeURIComponent(code)}.${this.format}`);
    if (body === null) return null;
    if (this.format === 'json') return body;
    const definition = body.service_definition;
    const attributes = (definition.attributes?.attribute ?? []).map((a: Record<string, any>) => ({
      ...a,
      ...(a.values ? { values: a.values.value ?? [] } : {}),
    }));
    return { ...definition, attributes };
  }

  /**
   * POSTs a service request form-encoded; `attributes` become attribute[code] (a list repeats the
   * name, as HTTP::Request::Common does with an array). Answers the service_request_id, polling the
   * token endpoint when the reply carries only a token; 0 on failure (see `error`).
   */
  async sendServiceRequest(
    params: Record<string, string | undefined>,
    attributes: Record<string, string | string[]> = {},
  ): Promise<string | 0> {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) if (value !== undefined) form.append(name, value);
    for (const [code, value] of Object.entries(attributes))
      for (const v of Array.isArray(value) ? value : [value]) form.append(`attribute[${code}]`, v);
    const body = await this.post(`requests.${this.format}`, form);
    if (body === null) return 0;
    const request = this.format === 'xml' ? body.service_requests?.request?.[0] : body[0];
    if (typeof request?.service_request_id === 'string' && request.service_request_id !== '')
      return request.service_request_id;
    if (typeof request?.token === 'string' && request.token !== '') {
      for (let i = 0; i < (this.options.pollTries ?? 5); i++) {
        await new Promise((r) => setTimeout(r, this.options.pollIntervalMs ?? 200));
        const id = await this.getServiceRequestIdFromToken(request.token);
        if (id) return id;
      }
    }
    this.error = `no service_request_id in ${this.last.text.slice(0, 200)}`;
    return 0;
  }

  /** tokens/<token>.{xml,json}: the id a token stands for, or 0. */
  async getServiceRequestIdFromToken(token: string): Promise<string | 0> {
    const body = await this.get(`tokens/${encodeURIComponent(token)}.${this.format}`);
    const request =
      body === null ? null : this.format === 'xml' ? body.service_requests?.request?.[0] : body[0];
    return typeof request?.service_request_id === 'string' ? request.service_request_id : 0;
  }

  /** requests.{xml,json}: by report ids (comma-joined) and/or other filters. */
  async getServiceRequests(
    args: { report_ids?: string[] } & Record<string, string | string[] | undefined> = {},
  ): Promise<Record<string, any>[] | null> {
    const { report_ids, ...rest } = args;
    const params: Record<string, string> = {};
    if (report_ids) params.service_request_id = report_ids.join(',');
    for (const [k, v] of Object.entries(rest)) if (typeof v === 'string') params[k] = v;
    const body = await this.get(`requests.${this.format}`, params);
    if (body === null) return null;
    return this.format === 'xml' ? (body.service_requests?.request ?? []) : body;
  }

  /** servicerequestupdates.{xml,json} with api_key, and both dates or neither. */
  async getServiceRequestUpdates(
    startDate?: string,
    endDate?: string,
  ): Promise<Record<string, any>[] | 0 | null> {
    const params: Record<string, string> = { api_key: this.options.apiKey ?? '' };
    if (startDate || endDate) {
      if (!(startDate && endDate)) return 0;
      params.start_date = startDate;
      params.end_date = endDate;
    }
    const body = await this.get(`servicerequestupdates.${this.format}`, params);
    if (body === null) return null;
    return this.format === 'xml' ? (body.service_request_updates?.request_update ?? []) : body;
  }

  private async get(path: string, params: Record<string, string> = {}): Promise<any> {
    const url = new URL(path, this.options.endpoint);
    if (this.options.jurisdiction) params.jurisdiction_id = this.options.jurisdiction;
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return this.receive(await fetch(url));
  }

  private async post(path: string, form: URLSearchParams): Promise<any> {
    // Like the FixMyStreet client: jurisdiction_id always, api_key on POSTs.
    if (this.options.jurisdiction) form.set('jurisdiction_id', this.options.jurisdiction);
    if (this.options.apiKey) form.set('api_key', this.options.apiKey);
    return this.receive(
      await fetch(new URL(path, this.options.endpoint), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      }),
    );
  }

  private async receive(response: Response): Promise<any> {
    const reply = {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      text: await response.text(),
    };
    this.replies.push(reply);
    const body = this.parse(reply.text);
    if (response.ok) return body;
    const errors = (this.format === 'xml' ? body?.errors?.error : body) ?? [];
    this.error = (Array.isArray(errors) ? errors : [])
      .map((e: Record<string, unknown>) => `${e.code ?? '???'}: ${e.description ?? 'unknown error'}`)
      .join('\n');
    return null;
  }

  private parse(text: string): any {
    try {
      if (this.format === 'json') return JSON.parse(text);
      const { '?xml': _declaration, ...doc } = this.parser.parse(text, true) as Record<string, any>;
      return doc;
    } catch {
      return null;
    }
  }
}
