/** @module Open311 test support: validators for the GeoReport v2 JSON Schemas in test/fixtures/open311, an XML reader, and staff sessions on a running server. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, expect } from 'vitest';
import { signInAt } from '../support/live-session.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const fixtures = resolve(import.meta.dirname, '../fixtures/open311');
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);

/** The GeoReport v2 reply formats we validate JSON bodies against. */
export type Open311SchemaName =
  | 'discovery'
  | 'services'
  | 'service-definition'
  | 'post-response'
  | 'requests'
  | 'tokens'
  | 'updates'
  | 'errors';

const validators = new Map<Open311SchemaName, ValidateFunction>();

/** Fails the test unless `body` matches the named schema. */
export function expectSchema(name: Open311SchemaName, body: unknown): void {
  let validate = validators.get(name);
  if (!validate) {
    validate = ajv.compile(JSON.parse(readFileSync(resolve(fixtures, `${name}.schema.json`), 'utf8')));
    validators.set(name, validate);
  }
  const ok = validate(body);
  expect(ok, `${name}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 600)}`).toBe(true);
}

/** The GeoReport v2 reply elements that are lists: read as arrays even when one is present (as XML::Simple's ForceArray does). */
export const GEOREPORT_LIST_ELEMENTS = [
  'service',
  'attribute',
  'value',
  'request',
  'error',
  'request_update',
];

/** The lists of the replies we read: GeoReport's and the discovery reply's. */
const LIST_ELEMENTS = new Set([...GEOREPORT_LIST_ELEMENTS, 'endpoint', 'format']);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => LIST_ELEMENTS.has(name),
});

/** Parses an XML reply, failing the test when it is not well-formed or lacks the declaration. */
export function parseXml(xml: string): Record<string, any> {
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>'), xml.slice(0, 80)).toBe(true);
  const parsed = parser.parse(xml, true) as Record<string, any>;
  const { '?xml': _declaration, ...rest } = parsed;
  return rest;
}

/** The items of an XML list reply (`<root><item>…</item></root>`), checking there is exactly that one root. */
export function xmlItems(xml: string, root: string, item: string): Record<string, any>[] {
  const doc = parseXml(xml);
  expect(Object.keys(doc)).toEqual([root]);
  const body = doc[root];
  if (body === '' || body === undefined) return [];
  expect(Object.keys(body)).toEqual([item]);
  return body[item] as Record<string, any>[];
}

/** An XML item's fields must be exactly those of the JSON reply for the same resource. */
export function expectSameFields(xmlItem: Record<string, unknown>, jsonItem: Record<string, unknown>): void {
  expect(Object.keys(xmlItem).sort()).toEqual(Object.keys(jsonItem).sort());
}

/** A signed-in staff session. */
export interface Session {
  cookie: string;
  csrf: string;
}

/** Signs a demo user in. */
export const signIn: (url: string, username: string, password: string) => Promise<Session> = signInAt;

/** The real server of a test file and its admin's session: filled in before the file's tests. */
export interface Open311Server {
  server: RunningServer;
  admin: Session;
}

/** Starts a real server for the test file with the admin signed in (then hands both to `ready`), and stops it after. */
export function useOpen311Server(ready: (started: Open311Server) => Promise<void>): Open311Server {
  const started = {} as Open311Server;
  beforeAll(async () => {
    started.server = await startServer();
    started.admin = await signIn(started.server.url, 'admin', started.server.passwords.admin!);
    await ready(started);
  }, 120_000);
  afterAll(async () => {
    await started.server?.stop();
  });
  return started;
}

/** A JSON call to the staff API. */
export async function staff<T = any>(
  url: string,
  session: Session,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** Creates an API key with the given roles (and unit) as an admin. */
export async function createApiKey(
  url: string,
  admin: Session,
  name: string,
  roles: string[],
  unitId?: string,
): Promise<string> {
  const created = await staff(url, admin, 'POST', '/api/api-keys', {
    name,
    roles,
    ...(unitId ? { unitId } : {}),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.key as string;
}

/** Takes a workflow action on a case as a staff user. */
export async function act(
  url: string,
  session: Session,
  caseRef: string,
  action: string,
  input: Record<string, unknown> = {},
): Promise<void> {
  const result = await staff(url, session, 'POST', `/api/cases/${caseRef}/actions/${action}`, { input });
  expect(result.status, `${action}: ${JSON.stringify(result.body)}`).toBe(200);
}

/** The case number a POST's service_notice tells the citizen to quote. */
export function caseNumberOf(serviceNotice: string): string {
  const match = /\d{4}-\d{6}/.exec(serviceNotice);
  expect(match, serviceNotice).not.toBeNull();
  return match![0];
}
