/** @module Testing a plugin's connection to its outside system. */
import type { JsonObject } from '../../core/plugin-api.ts';
import { validateAgainstSchema } from '../../core/plugin-api.ts';
import { type PluginDeps, pluginOf, openCredentials, invalidAgainst } from './shared.ts';
import { resolveHookConfig } from './resolve-hook-config.ts';

/** Asks the plugin to reach its outside system with the stored (or the given) config. */
export async function testPluginConnection(
  deps: PluginDeps,
  input: { name: string; config?: JsonObject },
): Promise<{ ok: boolean; message?: string }> {
  const plugin = pluginOf(deps, input.name);
  const state = await deps.plugins.getState(input.name);
  const config = input.config ?? state?.config ?? {};
  const issues = validateAgainstSchema(plugin.configSchema, config);
  if (issues.length > 0) {
    throw invalidAgainst('plugin.config_invalid', issues, { en: 'plugin config', zh: '插件配置' });
  }
  const credentials = openCredentials(deps, state?.sealedCredentials ?? null);
  let hookConfig: JsonObject;
  try {
    hookConfig = await resolveHookConfig(deps, { name: input.name, config, credentials });
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  return deps.host.testConnection({ name: input.name, config: hookConfig, credentials });
}
