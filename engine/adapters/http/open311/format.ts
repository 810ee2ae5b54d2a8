/** @module Open311 reply formats: the same document as JSON or as GeoReport v2 XML (built by fast-xml-parser's XMLBuilder), and Open311 error lists. */
import type { Context } from 'hono';
import { XMLBuilder } from 'fast-xml-parser';

/** The two formats every Open311 endpoint answers in, chosen by the path's extension. */
export type Open311Format = 'json' | 'xml';

/** The document kinds and their XML root and item element names (GeoReport v2 and mySociety's updates extension). */
const XML_SHAPES = {
  services: { root: 'services', item: 'service' },
  requests: { root: 'service_requests', item: 'request' },
  updates: { root: 'service_request_updates', item: 'request_update' },
  errors: { root: 'errors', item: 'error' },
} as const;

/** A kind of list reply. */
export type Open311ListKind = keyof typeof XML_SHAPES;

const builder = new XMLBuilder({
  format: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
  // Every element name comes from this module; only text content comes from data, and it is escaped.
  processEntities: true,
});

/** Whether XML 1.0 can carry a code point: tab, LF, CR and everything from space up but surrogates and U+FFFE/U+FFFF. */
const isXmlChar = (cp: number) =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  cp >= 0x10000;

/** A string without the characters XML cannot carry at all (escaping does not help); lone surrogates go too. */
function stripNonXml(value: string): string {
  let out = '';
  for (const ch of value) if (isXmlChar(ch.codePointAt(0)!)) out += ch;
  return out;
}

/** Drops characters XML cannot carry from every string of a value. */
function xmlSafe(value: unknown): unknown {
  if (typeof value === 'string') return stripNonXml(value);
  if (Array.isArray(value)) return value.map(xmlSafe);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlSafe(v)]));
  return value;
}

/** An XML document with the declaration GeoReport v2 examples use. */
export function xmlDocument(body: Record<string, unknown>): string {
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    ...(xmlSafe(body) as object),
  });
}

/** The XML of a list reply: `<services><service>…</service></services>` and so on. */
export function xmlList(kind: Open311ListKind, items: readonly unknown[]): string {
  const shape = XML_SHAPES[kind];
  return xmlDocument({ [shape.root]: { [shape.item]: items } });
}

const XML_TYPE = 'text/xml; charset=utf-8';

/** Sends a list reply in the format asked for. */
export function sendList(
  c: Context,
  format: Open311Format,
  kind: Open311ListKind,
  items: readonly unknown[],
  status = 200,
): Response {
  if (format === 'json') return c.json(items, status as 200);
  return c.body(xmlList(kind, items), status as 200, { 'content-type': XML_TYPE });
}

/** Sends a single-document reply: JSON as is, XML under `root` (nested lists by `xmlBody`). */
export function sendDocument(
  c: Context,
  format: Open311Format,
  json: unknown,
  xmlBody: Record<string, unknown>,
): Response {
  if (format === 'json') return c.json(json as object, 200);
  return c.body(xmlDocument(xmlBody), 200, { 'content-type': XML_TYPE });
}

/** An Open311 error reply: `[{code, description}]` (JSON) or `<errors><error>…` (XML), with the HTTP status. */
export function sendError(c: Context, format: Open311Format, status: number, description: string): Response {
  return sendList(c, format, 'errors', [{ code: status, description }], status);
}

/** The format of a path by its extension (`.xml` or `.json`); null when it has neither. */
export function formatOfPath(path: string): Open311Format | null {
  const match = /\.(json|xml)$/i.exec(path);
  return match ? (match[1]!.toLowerCase() as Open311Format) : null;
}

/** A path parameter like `environment.noise.xml` split into the value and its format. */
export function splitFormat(param: string): { value: string; format: Open311Format } | null {
  const format = formatOfPath(param);
  return format ? { value: param.slice(0, -(format.length + 1)), format } : null;
}
