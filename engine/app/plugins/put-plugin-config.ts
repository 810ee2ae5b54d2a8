/** @module Replacing the config of a plugin. */
import type { JsonObject } from '../../core/plugin-api.ts';
import { validateAgainstSchema } from '../../core/plugin-api.ts';
import {
  type PluginDeps,
  type PluginSettings,
  pluginOf,
  type ActorInput,
  actorName,
  saveStateWithAudit,
  hashOf,
  invalidAgainst,
} from './shared.ts';
import { getPluginSettings } from './get-plugin-settings.ts';

/** Replaces the config after validating it against config.schema.json. */
export async function putPluginConfig(
  deps: PluginDeps,
  input: { name: string; config: JsonObject } & ActorInput,
): Promise<PluginSettings> {
  const plugin = pluginOf(deps, input.name);
  const issues = validateAgainstSchema(plugin.configSchema, input.config);
  if (issues.length > 0) {
    throw invalidAgainst('plugin.config_invalid', issues, { en: 'plugin config', zh: '插件配置' });
  }
  const before = (await deps.plugins.getState(input.name))?.config ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(input.config)])].sort();
  await saveStateWithAudit(
    deps,
    { name: input.name, config: input.config, updatedAt: deps.clock.now().toISOString() },
    {
      actor: actorName(input),
      action: 'plugin.config',
      target: `plugin:${input.name}`,
      beforeHash: hashOf(deps, before),
      afterHash: hashOf(deps, input.config),
      // Names of the changed fields only: config is not secret, but the log stays small.
      details: {
        changed: keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(input.config[k])),
      },
    },
  );
  return getPluginSettings(deps, input);
}
