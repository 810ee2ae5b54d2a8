/** @module Reading the config, schemas and credential status of a plugin. */
import type { JsonObject } from '../../core/plugin-api.ts';
import { type PluginDeps, type PluginSettings, pluginOf, openCredentials } from './shared.ts';

/** Config, schemas and credential status (never credential values). */
export async function getPluginSettings(deps: PluginDeps, input: { name: string }): Promise<PluginSettings> {
  const plugin = pluginOf(deps, input.name);
  const state = await deps.plugins.getState(input.name);
  const credentials = openCredentials(deps, state?.sealedCredentials ?? null);
  const fields = Object.keys((plugin.credentialsSchema.properties as JsonObject | undefined) ?? {});
  return {
    name: input.name,
    config: state?.config ?? {},
    configSchema: plugin.configSchema,
    credentialsSchema: plugin.credentialsSchema,
    credentials: state?.sealedCredentials ? 'set' : 'not set',
    credentialFields: Object.fromEntries(
      fields.map((field) => [field, credentials[field] !== undefined ? 'set' : 'not set']),
    ),
  };
}
