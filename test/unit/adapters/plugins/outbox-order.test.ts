/** @module Per-case delivery order: a case's events reach a plugin in outbox order, a retry holds back the case's later events, other cases go on in parallel. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { enqueueOutbox } from '../../../../engine/app/outbox.ts';
import type { Delivery } from '../../../../engine/ports/plugins.ts';
import { createPluginApp, type PluginApp } from '../../../support/plugin-app.ts';

const root = resolve(import.meta.dirname, '../../../..');

/** A receiver that records what arrives and answers `status` for the first attempt of chosen events. */
function receiver(failFirst: { topic: string; caseId: string; status: number }) {
  const arrived: string[] = [];
  const attempts: string[] = [];
  let hasFailed = false;
  const fn = (async (_url: string | URL | Request, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { topic: string; event: { caseId: string } };
    const name = `${body.event.caseId} ${body.topic}`;
    attempts.push(name);
    if (!hasFailed && body.topic === failFirst.topic && body.event.caseId === failFirst.caseId) {
      hasFailed = true;
      return new Response('{"error":"try again"}', { status: failFirst.status });
    }
    arrived.push(name);
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fn, arrived, attempts };
}

const accepted = (caseId: string) => ({
  topic: 'case.accepted',
  key: caseId,
  payload: {
    caseId,
    caseNumber: `N-${caseId}`,
    channel: 'hotline',
    externalId: null,
    category: 'street-lights',
    status: 'accepted',
    deadline: '2026-03-09T18:00:00+08:00',
  },
});
const warned = (caseId: string) => ({
  topic: 'case.sla.warning',
  key: `${caseId}:handle:1:warning:0.8`,
  payload: {
    caseId,
    caseNumber: `N-${caseId}`,
    leadUnitId: 'unit-a',
    timer: 'handle',
    run: 1,
    deadline: '2026-03-09T18:00:00+08:00',
    threshold: 0.8,
  },
});

let app: PluginApp | null = null;
const cleanups: Array<() => void> = [];
afterEach(async () => {
  await app?.close();
  app = null;
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** An app with a `spy` plugin on every case topic that posts `{topic, event}` to http://spy.test. */
async function spyApp(fetch: typeof globalThis.fetch): Promise<PluginApp> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-order-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(root, 'test/fixtures/plugins/hello'), join(dir, 'spy'), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'spy/plugin.json'), 'utf8')) as object;
  writeFileSync(
    join(dir, 'spy/plugin.json'),
    JSON.stringify({ ...manifest, name: 'spy', events: ['case.*'] }),
  );
  const code = readFileSync(join(dir, 'spy/index.ts'), 'utf8')
    .replace("name: 'hello'", "name: 'spy'")
    .replace('event: event.payload', 'topic: event.topic, event: event.payload');
  expect(code).toContain('topic: event.topic');
  writeFileSync(join(dir, 'spy/index.ts'), code);
  const created = await createPluginApp({ fetch, dirs: [dir] });
  expect(
    (
      await created.request('/api/plugins/spy/config', {
        method: 'PUT',
        json: { url: 'http://spy.test/hook' },
      })
    ).status,
  ).toBe(200);
  expect(
    (await created.request('/api/plugins/spy/enabled', { method: 'PUT', json: { isEnabled: true } })).status,
  ).toBe(200);
  return created;
}

const deliveries = async (current: PluginApp) =>
  (await (await current.request('/api/plugins/deliveries?plugin=spy')).json()) as Delivery[];

describe('per-case delivery order', () => {
  it('holds a case’s later event back while its earlier one waits for a retry; other cases go on', async () => {
    const spy = receiver({ topic: 'case.accepted', caseId: 'case-a', status: 503 });
    app = await spyApp(spy.fn);
    const current = app;
    for (const event of [accepted('case-a'), accepted('case-b'), warned('case-a'), warned('case-b')])
      expect(await current.store.transaction((tx) => enqueueOutbox(tx, event))).toBe(true);

    const first = await current.runtime.worker.tick();
    expect(first).toMatchObject({ fannedOut: 4, delivered: 2, failed: 1 });
    // case-a's warning was not attempted: its acceptance waits for a retry. case-b is not held back.
    expect(spy.attempts.filter((a) => a.startsWith('case-a'))).toEqual(['case-a case.accepted']);
    expect(spy.arrived).toEqual(['case-b case.accepted', 'case-b case.sla.warning']);
    const held = (await deliveries(current)).find((d) => d.topic === 'case.sla.warning' && d.outboxId === 3)!;
    expect(held).toMatchObject({ status: 'pending', attempts: 0 });

    // Due again (the put-back delivery is due now), but still held back by the waiting acceptance.
    expect(await current.runtime.worker.tick()).toMatchObject({ delivered: 0, failed: 0 });
    expect(spy.attempts).toHaveLength(3);

    current.clock.advance(60_000);
    expect(await current.runtime.worker.tick()).toMatchObject({ delivered: 2, failed: 0 });
    expect(spy.arrived.filter((a) => a.startsWith('case-a'))).toEqual([
      'case-a case.accepted',
      'case-a case.sla.warning',
    ]);
    expect((await deliveries(current)).map((d) => d.status)).toEqual(Array(4).fill('delivered'));
  });

  it('lets the later events go once the earlier one is dead', async () => {
    // 400 is permanent: the acceptance goes straight to the dead letters.
    const spy = receiver({ topic: 'case.accepted', caseId: 'case-a', status: 400 });
    app = await spyApp(spy.fn);
    const current = app;
    for (const event of [accepted('case-a'), warned('case-a')])
      await current.store.transaction((tx) => enqueueOutbox(tx, event));
    expect(await current.runtime.worker.tick()).toMatchObject({ delivered: 1, failed: 1 });
    expect(spy.attempts).toEqual(['case-a case.accepted', 'case-a case.sla.warning']);
    expect((await deliveries(current)).map((d) => [d.topic, d.status]).sort()).toEqual([
      ['case.accepted', 'dead'],
      ['case.sla.warning', 'delivered'],
    ]);
  });

  it('holds a later event back across ticks even when it was not claimed with the earlier one', async () => {
    const spy = receiver({ topic: 'case.accepted', caseId: 'case-a', status: 500 });
    app = await spyApp(spy.fn);
    const current = app;
    await current.store.transaction((tx) => enqueueOutbox(tx, accepted('case-a')));
    expect(await current.runtime.worker.tick()).toMatchObject({ failed: 1 });
    // The case's next event happens while the acceptance waits for its retry.
    await current.store.transaction((tx) => enqueueOutbox(tx, warned('case-a')));
    expect(await current.runtime.worker.tick()).toMatchObject({ fannedOut: 1, delivered: 0, failed: 0 });
    expect(spy.attempts).toEqual(['case-a case.accepted']);
    current.clock.advance(60_000);
    expect(await current.runtime.worker.tick()).toMatchObject({ delivered: 2 });
    expect(spy.arrived).toEqual(['case-a case.accepted', 'case-a case.sla.warning']);
  });
});
