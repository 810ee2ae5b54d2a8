/** @module Listing every discovered plugin with its state. */
import { subscriptionErrorOf, topicVocabulary } from '../event-catalogue.ts';
import type { PluginDeps, PluginSummary } from './shared.ts';

/** Every discovered plugin with its state; re-reads the plugin folders first. */
export async function listPlugins(deps: PluginDeps): Promise<PluginSummary[]> {
  const found = await deps.host.discover();
  const states = new Map((await deps.plugins.listStates()).map((s) => [s.name, s]));
  // Subscriptions are checked against the event catalogue: an unknown topic is shown as a load error.
  const topicErrors = new Map<string, string>();
  const vocabulary = await topicVocabulary(deps);
  for (const plugin of found) {
    const error = plugin.manifest ? subscriptionErrorOf(plugin.manifest.events, vocabulary) : null;
    if (error) topicErrors.set(plugin.name, error.en);
  }
  return found.map((plugin) => {
    const state = states.get(plugin.name);
    return {
      name: plugin.name,
      version: plugin.manifest?.version ?? null,
      title: plugin.manifest?.title ?? null,
      description: plugin.manifest?.description ?? null,
      capabilities: plugin.manifest?.capabilities ?? [],
      events: plugin.manifest?.events ?? [],
      personalData: plugin.manifest?.personalData ?? [],
      grantedPersonalData: state?.isEnabled ? state.grantedPersonalData : [],
      isEnabled: state?.isEnabled ?? false,
      isLoaded: plugin.isLoaded,
      loadError: plugin.loadError ?? topicErrors.get(plugin.name) ?? null,
      hooks: plugin.hooks,
      credentials: state?.sealedCredentials ? 'set' : 'not set',
    };
  });
}
