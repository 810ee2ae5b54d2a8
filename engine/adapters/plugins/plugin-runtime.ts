/** @module Builds the plugin runtime from the environment: host, sealed credentials, operations, routes and the outbox worker. */
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { CaseIntakePort } from '../../ports/case-intake.ts';
import { appendAudit } from '../../app/audit.ts';
import { createIntakeRecorder } from '../../app/cases/intake-requests.ts';
import { createPluginOperations, type PluginOperations } from '../../app/plugins/plugin-operations.ts';
import { resolveHookConfig } from '../../app/plugins/resolve-hook-config.ts';
import type { Clock } from '../../ports/clock.ts';
import type { IdSource } from '../../ports/id-source.ts';
import type { Logger } from '../../ports/logger.ts';
import type { PluginHost } from '../../ports/plugins.ts';
import type { TokenSource } from '../../ports/secrets.ts';
import { filePathOf, type LibsqlStore } from '../db/libsql-store.ts';
import { LibsqlPluginStore } from '../db/plugin-store.ts';
import { pluginRoutes } from '../http/routes/plugins.ts';
import type { RouteDefinition } from '../http/route.ts';
import { createOutboxWorker, type OutboxWorker, type OutboxWorkerSettings } from './outbox-worker.ts';
import { createPluginHost, type PluginHostOptions } from './plugin-host.ts';
import { createSecretBox, loadSecretKey } from './secret-box.ts';
import { hmacSigner } from './webhook-signer.ts';

/** Options of `createPluginRuntime`. */
export interface PluginRuntimeOptions {
  store: LibsqlStore;
  clock: Clock;
  ids: IdSource;
  tokens: TokenSource;
  logger: Logger;
  /** Plugin folders (default: `plugins/` of the repo plus BATON_PLUGIN_DIRS). */
  dirs: string[];
  env?: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  random?: () => number;
  settings?: Partial<OutboxWorkerSettings>;
  /** Where intake commands of plugins go (the case operations; default the stand-in recorder). */
  intake?: CaseIntakePort;
}

/** Everything the plugin feature adds to a server. */
export interface PluginRuntime {
  ops: PluginOperations;
  routes: RouteDefinition[];
  host: PluginHost;
  pluginStore: LibsqlPluginStore;
  worker: OutboxWorker;
}

const numberFrom = (value: string | undefined): number | undefined =>
  value !== undefined && value !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined;

/** Worker settings from BATON_OUTBOX_* variables. */
export function outboxSettingsFromEnv(env: NodeJS.ProcessEnv): Partial<OutboxWorkerSettings> {
  const settings: Partial<OutboxWorkerSettings> = {};
  const map: Array<[keyof OutboxWorkerSettings, string]> = [
    ['maxAttempts', 'BATON_OUTBOX_MAX_ATTEMPTS'],
    ['baseDelayMs', 'BATON_OUTBOX_BASE_DELAY_MS'],
    ['maxDelayMs', 'BATON_OUTBOX_MAX_DELAY_MS'],
    ['pollMs', 'BATON_OUTBOX_POLL_MS'],
    ['leaseMs', 'BATON_OUTBOX_LEASE_MS'],
  ];
  for (const [key, name] of map) {
    const value = numberFrom(env[name]);
    if (value !== undefined) settings[key] = value;
  }
  return settings;
}

/**
 * Builds the runtime; call `worker.start()` to begin delivering.
 * Long: a factory: it wires the host, the store and the worker; each wiring step is a few lines.
 */
export async function createPluginRuntime(options: PluginRuntimeOptions): Promise<PluginRuntime> {
  const env = options.env ?? process.env;
  const dbFile = filePathOf(options.store.url);
  const secrets = createSecretBox(
    loadSecretKey({ envKey: env.BATON_SECRET_KEY, dataDir: dbFile ? dirname(dbFile) : resolve('data') }),
  );
  const timeoutMs = numberFrom(env.BATON_PLUGIN_TIMEOUT_MS);
  const pluginStore = new LibsqlPluginStore(options.store);
  // A plugin that breaks a sandbox rule is switched off (its grant withdrawn) with an audit record
  // naming the rule; it stays unloaded until an administrator upgrades it and enables it again.
  const disableAfterViolation: PluginHostOptions['onViolation'] = ({ name, violation, message }) => {
    const at = options.clock.now().toISOString();
    void pluginStore
      .saveState({ name, isEnabled: false, grantedPersonalData: [], updatedAt: at }, (tx) =>
        appendAudit(tx, {
          at,
          entry: {
            actor: 'system',
            action: 'plugin.disable',
            target: `plugin:${name}`,
            details: {
              grantedPersonalData: [],
              reason: 'sandboxViolation',
              violation: { code: violation.code, specifier: violation.specifier, message },
            },
          },
        }),
      )
      .catch((error: unknown) =>
        options.logger.error('could not disable a plugin after a sandbox violation', {
          plugin: name,
          error: String(error),
        }),
      );
  };
  const host = createPluginHost({
    dirs: options.dirs,
    logger: options.logger,
    clock: options.clock,
    onViolation: disableAfterViolation,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
  await host.discover();
  // Enabled plugins are imported at start so the worker finds them ready.
  // Each starts its own sandbox worker, so they start side by side.
  const enabled = (await pluginStore.listStates()).filter((state) => state.isEnabled && host.get(state.name));
  await Promise.all(
    enabled.map(async (state) => {
      const loaded = await host.load(state.name);
      if (!loaded.isLoaded)
        options.logger.warn('plugin not loadable', { plugin: state.name, error: loaded.loadError });
    }),
  );
  const ops = createPluginOperations({
    store: options.store,
    clock: options.clock,
    tokens: options.tokens,
    host,
    plugins: pluginStore,
    secrets,
    signer: hmacSigner,
    intake: options.intake ?? createIntakeRecorder({ ...options, outboxSecretBox: secrets }),
  });
  const worker = createOutboxWorker({
    store: pluginStore,
    host,
    secrets,
    clock: options.clock,
    ids: options.ids,
    logger: options.logger,
    resolveConfig: ({ name, config, credentials }) =>
      resolveHookConfig(
        { store: options.store, clock: options.clock },
        {
          name,
          config,
          credentials,
        },
      ),
    owner: env.BATON_NODE_ID ?? `${hostname()}:${process.pid}:${options.ids.newId()}`,
    ...(options.random ? { random: options.random } : {}),
    settings: { ...outboxSettingsFromEnv(env), ...options.settings },
  });
  return { ops, routes: pluginRoutes(ops), host, pluginStore, worker };
}

/** Plugin folders: the repo's `plugins/` then each entry of BATON_PLUGIN_DIRS (colon-separated). */
export function pluginDirsFromEnv(root: string, env: NodeJS.ProcessEnv): string[] {
  const extra = (env.BATON_PLUGIN_DIRS ?? '').split(':').filter((dir) => dir !== '');
  return [resolve(root, 'plugins'), ...extra.map((dir) => resolve(root, dir))];
}
