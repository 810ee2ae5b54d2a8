/** @module Plugin host: discovers plugins/*\/plugin.json, imports their code (re-imports on upgrade), calls hooks with a guarded HTTP client. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DeliveryFailure,
  type InboundCommand,
  type JsonObject,
  type PluginDefinition,
  type PluginLog,
  type PluginManifest,
  validatePluginManifest,
} from '../../core/plugin-api.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import type { DiscoveredPlugin, PluginHost } from '../../ports/plugins.ts';
import { createPluginHttp } from './plugin-http.ts';
import { registerPluginFolders } from './plugin-loader.ts';

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
}

const HOOKS = ['onEvent', 'testConnection', 'onWebhook', 'fetchIndicatorData'] as const;

interface Entry {
  info: DiscoveredPlugin;
  dir: string;
  definition: PluginDefinition | null;
  generation: number;
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

/** A PluginHost over plugin folders on disk. */
export function createPluginHost(options: PluginHostOptions): PluginHost {
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

  const importCode = async (entry: Entry): Promise<void> => {
    const file = ['index.ts', 'index.js'].map((f) => join(entry.dir, f)).find((f) => existsSync(f));
    if (!file || !entry.info.manifest) {
      entry.info.loadError ??= 'no index.ts or index.js';
      return;
    }
    importCounter += 1;
    entry.generation = importCounter;
    try {
      // A new query string makes the loader treat it as a new module: upgraded code without a restart.
      const module = (await import(`${pathToFileURL(file).href}?v=${importCounter}`)) as {
        default?: PluginDefinition;
      };
      const definition = module.default;
      if (!definition || typeof definition !== 'object' || !definition.hooks) {
        throw new Error('index must export default definePlugin({name, hooks})');
      }
      if (definition.name !== entry.info.name) {
        throw new Error(`index exports plugin "${definition.name}", expected "${entry.info.name}"`);
      }
      entry.definition = definition;
      entry.info.isLoaded = true;
      entry.info.loadError = null;
      entry.info.hooks = HOOKS.filter((hook) => typeof definition.hooks[hook] === 'function');
    } catch (error) {
      entry.definition = null;
      entry.info.isLoaded = false;
      entry.info.hooks = [];
      entry.info.loadError = `cannot load code: ${(error as Error).message}`;
    }
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
        entries.set(name, { info: readPlugin(name, dir), dir, definition: null, generation: 0 });
      }
    }
    for (const name of [...entries.keys()]) if (!seen.has(name)) entries.delete(name);
    return list();
  };

  const list = () =>
    [...entries.values()].map((e) => structuredClone(e.info)).sort((a, b) => a.name.localeCompare(b.name));

  const entryOf = (name: string): Entry => {
    const entry = entries.get(name);
    if (!entry) throw new Error(`Unknown plugin "${name}"`);
    return entry;
  };

  const ready = async (name: string): Promise<PluginDefinition> => {
    const entry = entryOf(name);
    if (!entry.definition) await importCode(entry);
    if (!entry.definition)
      throw new DeliveryFailure(`plugin "${name}" is not loaded: ${entry.info.loadError}`);
    return entry.definition;
  };

  const pluginLog = (name: string, credentials: JsonObject): PluginLog => ({
    info: (msg, fields) =>
      options.logger.info(redactSecrets(msg, credentials), {
        plugin: name,
        ...redactFields(fields, credentials),
      }),
    warn: (msg, fields) =>
      options.logger.warn(redactSecrets(msg, credentials), {
        plugin: name,
        ...redactFields(fields, credentials),
      }),
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
      entry.definition = null;
      if (fresh.manifest) await importCode(entry);
      return structuredClone(entry.info);
    },
    async testConnection({ name, config, credentials }) {
      const definition = await ready(name);
      if (!definition.hooks.testConnection) return { ok: true, message: 'the plugin has no connection test' };
      const http = createPluginHttp({ fetch: doFetch, timeoutMs, maxTimeoutMs, ...clockOf });
      try {
        const result = await definition.hooks.testConnection({ config, credentials, http });
        return result.message === undefined
          ? { ok: result.ok }
          : { ok: result.ok, message: redactSecrets(result.message, credentials) };
      } catch (error) {
        return { ok: false, message: redactSecrets((error as Error).message, credentials) };
      }
    },
    async onWebhook({ name, payload, headers, config }): Promise<InboundCommand[]> {
      const definition = await ready(name);
      if (!definition.hooks.onWebhook) return [];
      return definition.hooks.onWebhook({ payload, headers, config });
    },
    async fetchIndicatorData({ name, period, config, credentials }) {
      const definition = await ready(name);
      if (!definition.hooks.fetchIndicatorData) {
        throw new DeliveryFailure(`plugin "${name}" is no indicator data source`, { isPermanent: true });
      }
      const http = createPluginHttp({ fetch: doFetch, timeoutMs, maxTimeoutMs, ...clockOf });
      try {
        return await definition.hooks.fetchIndicatorData({ period, config, credentials, http });
      } catch (error) {
        const failure = error instanceof DeliveryFailure ? error : null;
        throw new DeliveryFailure(redactSecrets((error as Error)?.message ?? String(error), credentials), {
          statusCode: failure?.statusCode ?? http.lastStatus(),
          isPermanent: failure?.isPermanent ?? false,
        });
      }
    },
    async deliver({ name, event, config, credentials, idempotencyKey }) {
      const definition = await ready(name);
      if (!definition.hooks.onEvent) {
        throw new DeliveryFailure(`plugin "${name}" has no onEvent hook`, { isPermanent: true });
      }
      const http = createPluginHttp({ fetch: doFetch, timeoutMs, maxTimeoutMs, idempotencyKey, ...clockOf });
      try {
        await definition.hooks.onEvent({
          event,
          config,
          credentials,
          http,
          log: pluginLog(name, credentials),
          idempotencyKey,
        });
        return { statusCode: http.lastStatus() };
      } catch (error) {
        const failure = error instanceof DeliveryFailure ? error : null;
        throw new DeliveryFailure(redactSecrets((error as Error)?.message ?? String(error), credentials), {
          statusCode: failure?.statusCode ?? http.lastStatus(),
          isPermanent: failure?.isPermanent ?? false,
        });
      }
    },
  };
}

function redactFields(fields: JsonObject | undefined, credentials: JsonObject): JsonObject {
  if (!fields) return {};
  return JSON.parse(redactSecrets(JSON.stringify(fields), credentials)) as JsonObject;
}
