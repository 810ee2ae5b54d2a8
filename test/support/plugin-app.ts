/** @module A test app with the plugin runtime: temp libSQL file, movable clock, fixed jitter, injected fetch and captured logs. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createScryptHasher, nodeTokens, uuidIds } from '../../engine/adapters/crypto/node-crypto.ts';
import { type LibsqlStore, openStore } from '../../engine/adapters/db/libsql-store.ts';
import { createHttpApp, routesOf } from '../../engine/adapters/http/app.ts';
import { createJsonLogger } from '../../engine/adapters/log/json-logger.ts';
import type { OutboxWorkerSettings } from '../../engine/adapters/plugins/outbox-worker.ts';
import { createPluginRuntime, type PluginRuntime } from '../../engine/adapters/plugins/plugin-runtime.ts';
import { createSecretBox, loadSecretKey } from '../../engine/adapters/plugins/secret-box.ts';
import { userActor } from '../../engine/app/permissions.ts';
import { DEFAULT_AUTH_SETTINGS } from '../../engine/app/context.ts';
import { createOperations } from '../../engine/app/operations.ts';
import { demoUnits, type FakeClock, fakeClock } from './api-app.ts';
import { createResponseChecker } from './response-contract.ts';

const root = resolve(import.meta.dirname, '../..');

/** Options of `createPluginApp`. */
export interface PluginAppOptions {
  fetch: typeof fetch;
  /** Extra plugin folders after plugins/ and test/fixtures/plugins. */
  dirs?: string[];
  settings?: Partial<OutboxWorkerSettings>;
  /** Reuse a folder (to reopen the same database). */
  dir?: string;
  owner?: string;
}

/** The app and its handles. */
export interface PluginApp {
  store: LibsqlStore;
  runtime: PluginRuntime;
  clock: FakeClock;
  logs: string[];
  dir: string;
  request(
    path: string,
    init?: { method?: string; json?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  close(options?: { keepDir?: boolean }): Promise<void>;
}

/** Builds the plugin runtime and HTTP app; signs requests in as `admin` through an API key. */
export async function createPluginApp(options: PluginAppOptions): Promise<PluginApp> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'baton-plugins-'));
  const store = await openStore(`file:${join(dir, 'baton.db')}`);
  const clock = fakeClock();
  const logs: string[] = [];
  const logger = createJsonLogger((line) => logs.push(line));
  const ops = createOperations({
    store,
    clock,
    ids: uuidIds,
    hasher: createScryptHasher({ N: 1024, r: 8, p: 1, keyLength: 32, saltLength: 16 }),
    // the key createPluginRuntime finds in the same folder, as main.ts shares it
    outboxSecretBox: createSecretBox(loadSecretKey({ dataDir: dir })),
    tokens: nodeTokens,
    auth: DEFAULT_AUTH_SETTINGS,
  });
  if (await ops.isStoreEmpty()) await ops.seedDemo({ units: demoUnits() });
  let step = 0;
  const runtime = await createPluginRuntime({
    store,
    clock,
    ids: uuidIds,
    tokens: nodeTokens,
    logger,
    dirs: [join(root, 'plugins'), join(root, 'test/fixtures/plugins'), ...(options.dirs ?? [])],
    env: { BATON_NODE_ID: options.owner ?? 'node-a' },
    fetch: options.fetch,
    // A fixed cycle of jitter values, so backoff delays are predictable.
    random: () => [0, 0.5, 1 - 1e-9][step++ % 3]!,
    settings: { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 8000, ...options.settings },
  });
  const app = createHttpApp({ ops, logger, routes: runtime.routes, studioDir: join(dir, 'studio') });
  const contract = createResponseChecker(routesOf(app));
  const { key } = await ops.createApiKey({
    actor: userActor('test', ['admin']),
    name: 'plugin tests',
    roles: ['admin'],
  });
  return {
    store,
    runtime,
    clock,
    logs,
    dir,
    request: async (path, init = {}) => {
      const response = await app.request(path, {
        method: init.method ?? 'GET',
        headers: {
          authorization: `Bearer ${key}`,
          ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
        ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
      });
      // Every response is held to the schema its route declares in OpenAPI.
      await contract.check(init.method ?? 'GET', path, response);
      return response;
    },
    async close(closeOptions = {}) {
      await runtime.worker.stop();
      await store.close();
      if (!closeOptions.keepDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
