/** @module Replacing the write-only credentials of a plugin. */
import type { JsonObject } from '../../core/plugin-api.ts';
import { validateAgainstSchema } from '../../core/plugin-api.ts';
import {
  type PluginDeps,
  type SecretStatus,
  pluginOf,
  type ActorInput,
  actorName,
  saveStateWithAudit,
  invalidAgainst,
} from './shared.ts';
import { getPluginSettings } from './get-plugin-settings.ts';

/** Replaces the credentials (write-only): validated, sealed with AES-256-GCM, never returned. */
export async function putPluginCredentials(
  deps: PluginDeps,
  input: { name: string; credentials: JsonObject } & ActorInput,
): Promise<{ credentials: SecretStatus; credentialFields: Record<string, SecretStatus> }> {
  const plugin = pluginOf(deps, input.name);
  const issues = validateAgainstSchema(plugin.credentialsSchema, input.credentials);
  if (issues.length > 0) {
    // Issues name paths and rules only, never the submitted values.
    throw invalidAgainst(
      'plugin.credentials_invalid',
      issues.map(({ path, code, message }) => ({ path, code, message })),
      { en: 'plugin credentials', zh: '插件凭据' },
    );
  }
  await saveStateWithAudit(
    deps,
    {
      name: input.name,
      sealedCredentials: deps.secrets.seal(JSON.stringify(input.credentials)),
      updatedAt: deps.clock.now().toISOString(),
    },
    {
      actor: actorName(input),
      action: 'plugin.credentials',
      target: `plugin:${input.name}`,
      // Never the values, nor a hash of them (a short secret's hash can be guessed offline).
      details: {
        message: `credentials set for ${input.name}`,
        fields: Object.keys(input.credentials).sort(),
      },
    },
  );
  const settings = await getPluginSettings(deps, input);
  return { credentials: settings.credentials, credentialFields: settings.credentialFields };
}
