/** @module Baseline of the intake bench: a plain Hono route that ajv-validates the intake body and the category form, then does one INSERT through a serial write queue. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createClient } from '@libsql/client';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Hono } from 'hono';
import { WriteQueue } from '../../engine/adapters/db/write-queue.ts';
import { caseRoutes } from '../../engine/adapters/http/routes/cases.ts';

const root = join(import.meta.dirname, '../..');
const dbFile = process.env.BASELINE_DB;
const port = Number(process.env.PORT ?? 0);
if (!dbFile || !port) throw new Error('set BASELINE_DB and PORT');

// The same schemas Baton validates: the route's body schema and every category's intake form.
const intakeRoute = caseRoutes().find((r) => r.method === 'post' && r.path === '/api/cases')!;
const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validateBody = ajv.compile(intakeRoute.request!.body as object);
const bundle = JSON.parse(readFileSync(join(root, 'seeds/rulesets/cases-2026.json'), 'utf8')) as {
  documents: { kind: string; caseCategory?: { code: string }; schema?: object }[];
};
const forms = new Map(
  bundle.documents
    .filter((d) => d.kind === 'form' && d.caseCategory)
    .map((d) => [d.caseCategory!.code, ajv.compile(d.schema!)]),
);

const client = createClient({ url: `file:${dbFile}` });
await client.execute('PRAGMA journal_mode = WAL');
await client.execute(
  'CREATE TABLE IF NOT EXISTS cases (id INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL, category TEXT NOT NULL, text TEXT NOT NULL, data TEXT NOT NULL, created_at TEXT NOT NULL)',
);
const queue = new WriteQueue();

const app = new Hono();
app.post('/cases', async (c) => {
  const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
  if (!validateBody(body)) return c.json({ error: { code: 'invalid', details: validateBody.errors } }, 400);
  const data = { content: body!.text, ...((body!.data as object | undefined) ?? {}) };
  const form = forms.get(String(body!.category));
  if (!form?.(data)) return c.json({ error: { code: 'invalid_data' } }, 400);
  const result = await queue.run(() =>
    client.execute({
      sql: 'INSERT INTO cases (channel, category, text, data, created_at) VALUES (?, ?, ?, ?, ?)',
      args: [
        String(body!.channel),
        String(body!.category),
        String(body!.text),
        JSON.stringify(data),
        new Date().toISOString(),
      ],
    }),
  );
  return c.json({ id: Number(result.lastInsertRowid) }, 201);
});

const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => {
  process.stdout.write('listening\n');
});
process.once('SIGTERM', () => server.close(() => client.close()));
