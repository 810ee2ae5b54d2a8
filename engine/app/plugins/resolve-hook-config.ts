/** @module The config a plugin hook receives: the stored config overlaid by the binding in force, with secret references resolved. */
import type { JsonObject } from '../../core/plugin-api.ts';
import { DeliveryFailure, resolveSecretRefs } from '../../core/plugin-api.ts';
import { todayOf } from '../../core/time-zone.ts';
import type { PluginDeps } from './shared.ts';

/**
 * The config of the `pluginBinding` for `name` in the rule sets in force today (the first one found,
 * skipping bindings with `enabled: false`), or null. It may hold `{"$secret": "NAME"}` references.
 */
export async function bindingConfigInForce(
  deps: Pick<PluginDeps, 'store' | 'clock'>,
  input: { name: string },
): Promise<{ bindingId: string; ruleSetId: string; config: JsonObject } | null> {
  const today = todayOf(deps.clock.now());
  const inForce = (await deps.store.ruleSets.listPublished()).filter(
    (v) =>
      v.effectiveFrom !== null &&
      v.effectiveFrom <= today &&
      (v.effectiveTo === null || v.effectiveTo >= today),
  );
  for (const version of inForce) {
    const documents = (version.content as { documents?: unknown }).documents;
    if (!Array.isArray(documents)) continue;
    for (const doc of documents as Array<Record<string, unknown>>) {
      if (doc?.kind !== 'pluginBinding' || doc.pluginId !== input.name || doc.enabled === false) continue;
      return {
        bindingId: String(doc.id),
        ruleSetId: version.ruleSetId,
        config: (doc.config as JsonObject | undefined) ?? {},
      };
    }
  }
  return null;
}

/**
 * The config a hook receives: the stored config overlaid by the binding in force, with every
 * `{"$secret": "NAME"}` replaced by the plugin's credential of that name. Resolved only here, at
 * call time, so secrets never sit in rule sets, exports or logs. A missing secret is permanent.
 */
export async function resolveHookConfig(
  deps: Pick<PluginDeps, 'store' | 'clock'>,
  input: { name: string; config: JsonObject; credentials: JsonObject },
): Promise<JsonObject> {
  const binding = await bindingConfigInForce(deps, { name: input.name });
  const merged = binding ? { ...input.config, ...binding.config } : input.config;
  const { value, missing } = resolveSecretRefs(merged, input.credentials);
  if (missing.length > 0) {
    throw new DeliveryFailure(
      `secret ${missing.map((m) => `"${m}"`).join(', ')} referenced by plugin "${input.name}"${
        binding ? ` (binding ${binding.bindingId})` : ''
      } is not set in its credentials`,
      { isPermanent: true },
    );
  }
  return value as JsonObject;
}
