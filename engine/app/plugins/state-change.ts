/** @module The steps an administrator's change to a plugin (enable, disable, upgrade) shares: its subscriptions checked against the event catalogue, then its new state saved with the audit record and its summary answered. */
import { ConflictError } from '../../core/errors.ts';
import type { PluginManifest } from '../../core/plugin-api.ts';
import { subscriptionError } from '../event-catalogue.ts';
import type { AuditEntry } from '../audit.ts';
import { listPlugins } from './list-plugins.ts';
import {
  type ActorInput,
  actorName,
  type PluginDeps,
  type PluginSummary,
  saveStateWithAudit,
} from './shared.ts';

type Text = { en: string; zh: string };

/**
 * Refuses (409 `plugin.unknown_topic`) a plugin whose manifest subscribes to topics the published
 * rule sets do not emit; `message` words the refusal for the operation around the catalogue's text.
 */
export async function refuseUnknownTopics(
  deps: PluginDeps,
  manifest: PluginManifest | null | undefined,
  message: (topics: Text) => Text,
): Promise<void> {
  const topics = manifest ? await subscriptionError(deps, manifest.events) : null;
  if (topics)
    throw new ConflictError('plugin.unknown_topic', message(topics), { details: { loadError: topics.en } });
}

/**
 * Saves the plugin's new state (stamped now) with its audit record (`action` by the input's actor
 * on `plugin:<name>`) in one transaction, then answers the plugin's summary as the list shows it.
 */
export async function saveAndSummarise(
  deps: PluginDeps,
  input: { name: string } & ActorInput,
  state: { isEnabled?: boolean; grantedPersonalData?: string[] },
  audit: Pick<AuditEntry, 'action' | 'details'>,
): Promise<PluginSummary> {
  await saveStateWithAudit(
    deps,
    { name: input.name, ...state, updatedAt: deps.clock.now().toISOString() },
    { actor: actorName(input), action: audit.action, target: `plugin:${input.name}`, details: audit.details },
  );
  return (await listPlugins(deps)).find((p) => p.name === input.name)!;
}
