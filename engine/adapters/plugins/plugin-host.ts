/**
 * @module Plugin host: discovers plugins/*\/plugin.json, runs each plugin's code in its own sandbox
 * worker (plugin-sandbox.ts; a new worker on upgrade) and calls its hooks there, serving the plugin's
 * `http` with a guarded client that reaches only the hosts the plugin's config names.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  DeliveryFailure,
  type IndicatorDatum,
  type InboundCommand,
  type JsonObject,
  type PluginCapability,
  type PluginManifest,
  validatePluginManifest,
} from '../../core/plugin-api.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import type { DiscoveredPlugin, PluginHost } from '../../ports/plugins.ts';
import { allowedHostsOf, createPluginHttp, type PluginHttpOptions } from './plugin-http.ts';
import { registerPluginFolders } from './plugin-loader.ts';
import {
  type Sandbox,
  SandboxCallError,
  type SandboxViolation,
  startSandbox,
  violationMessage,
  violationText,
} from './plugin-sandbox.ts';

/** Options of `createPluginHost`. */
export interface PluginHostOptions {
  /** Folders holding one sub-folder per plugin; earlier folders win on a name clash. */
  dirs: string[];
  logger: Logger;
  /** The only way plugins reach the network (default global fetch). */
  fetch?: typeof fetch;
  /** Default per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Largest timeout a plugin may ask for (default 30 s). */
  maxTimeoutMs?: number;
  /** Timestamps of signed outbound requests (`PluginHttpInit.sign`); without it signing fails. */
  clock?: Clock;
  /** Longest a hook call may take before its worker is stopped (default 2 × maxTimeoutMs + 5 s). */
  hookTimeoutMs?: number;
  /**
   * Called once when a plugin breaks a sandbox rule (forbidden module, `fetch`, an undeclared host):
   * its worker is already stopped and it stays unloaded (load error with the code) until upgraded.
   * The runtime disables it and writes an audit record.
   */
  onViolation?: (input: {
    name: string;
    violation: SandboxViolation;
    message: { en: string; zh: string };
  }) => void;
}

/** Capabilities whose hooks talk to outside systems. */
const NETWORK_CAPABILITIES: readonly PluginCapability[] = [
  'outboundAction',
  'notifier',
  'indicatorDataSource',
];

const HOOKS = ['onEvent', 'testConnection', 'onWebhook', 'fetchIndicatorData'] as const;

interface Entry {
  info: DiscoveredPlugin;
  dir: string;
  sandbox: Sandbox | null;
  /** The sandbox being started, so concurrent calls wait for one worker. */
  starting: Promise<void> | null;
  generation: number;
  /** Set when the plugin broke a sandbox rule: not loaded again until upgraded. */
  violation: SandboxViolation | null;
}

/** Replaces every credential string (4+ characters) in `text`, so errors and logs never carry secrets. */
export function redactSecrets(text: string, credentials: JsonObject): string {
  let out = text;
  const values: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === 'string' && value.length >= 4) values.push(value);
    else if (value && typeof value === 'object') for (const v of Object.values(value)) collect(v);
  };
  collect(credentials);
  for (const value of values.sort((a, b) => b.length - a.length)) out = out.replaceAll(value, '[redacted]');
  return out;
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/**
 * A PluginHost over plugin folders on disk.
 * Long: a factory: its methods (load, list, deliver, close) are short and share the loaded plugins' state in one closure.
 */
export function createPluginHost(options: PluginHostOptions): PluginHost & { close(): Promise<void> } {
  const entries = new Map<string, Entry>();
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxTimeoutMs = options.maxTimeoutMs ?? 30_000;
  const { clock } = options;
  const clockOf = clock ? { now: () => clock.now() } : {};
  // `import … from 'baton/plugin-api'` and `.ts` without a package.json, in any plugin folder.
  registerPluginFolders(options.dirs);
  let importCounter = 0;

  const readPlugin = (name: string, dir: string): DiscoveredPlugin => {
    const info: DiscoveredPlugin = {
      name,
      manifest: null,
      configSchema: { type: 'object' },
      credentialsSchema: { type: 'object' },
      isLoaded: false,
      loadError: null,
      hooks: [],
    };
    try {
      const raw = readJson(join(dir, 'plugin.json'));
      const issues = validatePluginManifest(raw, name);
      if (issues.length > 0) {
        info.loadError = `plugin.json: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`;
        return info;
      }
      info.manifest = raw as PluginManifest;
      for (const [file, key] of [
        ['config.schema.json', 'configSchema'],
        ['credentials.schema.json', 'credentialsSchema'],
      ] as const) {
        if (existsSync(join(dir, file))) info[key] = readJson(join(dir, file)) as JsonObject;
      }
    } catch (error) {
      info.loadError = `cannot read plugin files: ${(error as Error).message}`;
    }
    return info;
  };

  const hookTimeoutMs = options.hookTimeoutMs ?? 2 * maxTimeoutMs + 5000;

  const onViolation = (entry: Entry, violation: SandboxViolation) => {
    if (entry.violation) return;
    entry.violation = violation;
    entry.sandbox = null;
    entry.info.isLoaded = false;
    entry.info.hooks = [];
    entry.info.loadError = violationText(entry.info.name, violation);
    const message = violationMessage(entry.info.name, violation);
    options.logger.warn('plugin stopped by the sandbox', {
      plugin: entry.info.name,
      code: violation.code,
      specifier: violation.specifier,
    });
    options.onViolation?.({ name: entry.info.name, violation, message });
  };

  const importCode = async (entry: Entry): Promise<void> => {
    const file = ['index.ts', 'index.js'].map((f) => join(entry.dir, f)).find((f) => existsSync(f));
    if (!file || !entry.info.manifest) {
      entry.info.loadError ??= 'no index.ts or index.js';
      return;
    }
    if (entry.violation) return;
    importCounter += 1;
    entry.generation = importCounter;
    const previous = entry.sandbox;
    try {
      // Its own worker: a fresh module graph per generation, so upgraded code runs without a restart.
      const sandbox = await startSandbox({
        file,
        dir: entry.dir,
        generation: importCounter,
        onViolation: (violation) => onViolation(entry, violation),
      });
      if (sandbox.name !== entry.info.name) {
        await sandbox.terminate();
        throw new Error(`index exports plugin "${sandbox.name}", expected "${entry.info.name}"`);
      }
      entry.sandbox = sandbox;
      entry.info.isLoaded = true;
      entry.info.loadError = null;
      entry.info.hooks = HOOKS.filter((hook) => sandbox.hooks.includes(hook));
    } catch (error) {
      entry.sandbox = null;
      entry.info.isLoaded = false;
      entry.info.hooks = [];
      entry.info.loadError =
        error instanceof SandboxCallError && error.failure.violation
          ? violationText(entry.info.name, error.failure.violation)
          : `cannot load code: ${(error as Error).message}`;
    }
    // In-flight calls of the old code finish there; its worker stops after them.
    if (previous && previous !== entry.sandbox) previous.retire();
  };

  const discover = async (): Promise<DiscoveredPlugin[]> => {
    const seen = new Set<string>();
    for (const base of options.dirs) {
      const root = resolve(base);
      if (!existsSync(root)) continue;
      for (const name of readdirSync(root).sort()) {
        const dir = join(root, name);
        if (seen.has(name) || !statSync(dir).isDirectory() || !existsSync(join(dir, 'plugin.json'))) continue;
        seen.add(name);
        const known = entries.get(name);
        if (known && known.dir === dir) continue;
        known?.sandbox?.retire();
        entries.set(name, {
          info: readPlugin(name, dir),
          dir,
          sandbox: null,
          starting: null,
          generation: 0,
          violation: null,
        });
      }
    }
    for (const [name, entry] of [...entries]) {
      if (seen.has(name)) continue;
      entry.sandbox?.retire();
      entries.delete(name);
    }
    return list();
  };

  const list = () =>
    [...entries.values()].map((e) => structuredClone(e.info)).sort((a, b) => a.name.localeCompare(b.name));

  const entryOf = (name: string): Entry => {
    const entry = entries.get(name);
    if (!entry) throw new Error(`Unknown plugin "${name}"`);
    return entry;
  };

  /** The plugin's running sandbox, started when needed (a stopped worker is replaced). */
  const ready = async (name: string): Promise<Sandbox> => {
    const entry = entryOf(name);
    if (entry.violation) throw new DeliveryFailure(entry.info.loadError ?? 'stopped', { isPermanent: true });
    if (entry.sandbox?.isStopped) entry.sandbox = null;
    if (!entry.sandbox) {
      entry.starting ??= importCode(entry).finally(() => {
        entry.starting = null;
      });
      await entry.starting;
    }
    if (!entry.sandbox)
      throw new DeliveryFailure(`plugin "${name}" is not loaded: ${entry.info.loadError}`, {
        isPermanent: entry.violation !== null,
      });
    return entry.sandbox;
  };

  const httpFor = (
    name: string,
    config: JsonObject,
    extra: Pick<PluginHttpOptions, 'idempotencyKey'> = {},
  ) => {
    const capabilities = entries.get(name)?.info.manifest?.capabilities ?? [];
    return createPluginHttp({
      fetch: doFetch,
      timeoutMs,
      maxTimeoutMs,
      ...extra,
      ...clockOf,
      network: {
        allowedHosts: allowedHostsOf(config),
        isDeclared: capabilities.some((c) => NETWORK_CAPABILITIES.includes(c)),
      },
    });
  };

  /** Runs a hook in the plugin's worker; failures come back as `DeliveryFailure` (redacted by the caller). */
  const callHook = async (
    name: string,
    hook: (typeof HOOKS)[number],
    input: JsonObject,
    helpers: Parameters<Sandbox['call']>[2],
  ): Promise<unknown> => {
    const sandbox = await ready(name);
    try {
      return await sandbox.call(hook, input, helpers, hookTimeoutMs);
    } catch (error) {
      if (error instanceof SandboxCallError) {
        throw new DeliveryFailure(error.failure.message, {
          statusCode: error.failure.statusCode,
          isPermanent: error.failure.isPermanent,
        });
      }
      throw error;
    }
  };

  const pluginLog =
    (name: string, credentials: JsonObject) =>
    (level: 'info' | 'warn', msg: string, fields: JsonObject | undefined) =>
      options.logger[level](redactSecrets(msg, credentials), {
        plugin: name,
        ...redactFields(fields, credentials),
      });

  return {
    discover,
    list,
    get: (name) => {
      const entry = entries.get(name);
      return entry ? structuredClone(entry.info) : null;
    },
    async load(name) {
      await ready(name).catch(() => {});
      return structuredClone(entryOf(name).info);
    },
    async upgrade(name) {
      const entry = entryOf(name);
      const fresh = readPlugin(name, entry.dir);
      entry.info = fresh;
      // New code gets a new chance: a violation of the old code does not stick to the upgrade.
      entry.violation = null;
      if (fresh.manifest) await importCode(entry);
      else {
        entry.sandbox?.retire();
        entry.sandbox = null;
      }
      return structuredClone(entry.info);
    },
    async testConnection({ name, config, credentials }) {
      await ready(name);
      if (!entryOf(name).info.hooks.includes('testConnection'))
        return { ok: true, message: 'the plugin has no connection test' };
      const http = httpFor(name, config);
      try {
        const result = (await callHook(name, 'testConnection', { config, credentials }, { http })) as {
          ok: boolean;
          message?: string;
        };
        return result.message === undefined
          ? { ok: Boolean(result.ok) }
          : { ok: Boolean(result.ok), message: redactSecrets(String(result.message), credentials) };
      } catch (error) {
        return { ok: false, message: redactSecrets((error as Error).message, credentials) };
      }
    },
    async onWebhook({ name, payload, headers, config }): Promise<InboundCommand[]> {
      await ready(name);
      if (!entryOf(name).info.hooks.includes('onWebhook')) return [];
      return (await callHook(name, 'onWebhook', { payload, headers, config }, {})) as InboundCommand[];
    },
    async fetchIndicatorData({ name, period, config, credentials }) {
      await ready(name);
      if (!entryOf(name).info.hooks.includes('fetchIndicatorData')) {
        throw new DeliveryFailure(`plugin "${name}" is no indicator data source`, { isPermanent: true });
      }
      const http = httpFor(name, config);
      try {
        return (await callHook(
          name,
          'fetchIndicatorData',
          { period, config, credentials },
          { http, log: pluginLog(name, credentials) },
        )) as IndicatorDatum[];
      } catch (error) {
        const failure = error instanceof DeliveryFailure ? error : null;
        throw new DeliveryFailure(redactSecrets((error as Error)?.message ?? String(error), credentials), {
          statusCode: failure?.statusCode ?? http.lastStatus(),
          isPermanent: failure?.isPermanent ?? false,
        });
      }
    },
    async deliver({ name, event, config, credentials, idempotencyKey }) {
      await ready(name);
      if (!entryOf(name).info.hooks.includes('onEvent')) {
        throw new DeliveryFailure(`plugin "${name}" has no onEvent hook`, { isPermanent: true });
      }
      const http = httpFor(name, config, { idempotencyKey });
      try {
        await callHook(
          name,
          'onEvent',
          { event, config, credentials, idempotencyKey },
          { http, log: pluginLog(name, credentials) },
        );
        return { statusCode: http.lastStatus() };
      } catch (error) {
        const failure = error instanceof DeliveryFailure ? error : null;
        throw new DeliveryFailure(redactSecrets((error as Error)?.message ?? String(error), credentials), {
          statusCode: failure?.statusCode ?? http.lastStatus(),
          isPermanent: failure?.isPermanent ?? false,
        });
      }
    },
    async close() {
      await Promise.all([...entries.values()].map((entry) => entry.sandbox?.terminate()));
    },
  };
}

function redactFields(fields: JsonObject | undefined, credentials: JsonObject): JsonObject {
  if (!fields) return {};
  return JSON.parse(redactSecrets(JSON.stringify(fields), credentials)) as JsonObject;
}
