/** @module Upgrading a plugin: re-reading its files and re-importing its code. */
import { ConflictError } from '../../core/errors.ts';
import { subscriptionError } from '../event-catalogue.ts';
import {
  type PluginDeps,
  type PluginSummary,
  pluginOf,
  type ActorInput,
  actorName,
  saveStateWithAudit,
} from './shared.ts';
import { listPlugins } from './list-plugins.ts';

/** Re-reads the plugin's files and re-imports its code. */
export async function upgradePlugin(
  deps: PluginDeps,
  input: { name: string } & ActorInput,
): Promise<PluginSummary> {
  const before = pluginOf(deps, input.name);
  const upgraded = await deps.host.upgrade(input.name);
  if (!upgraded.isLoaded) {
    throw new ConflictError('plugin.not_loadable', {
      en: `Plugin "${input.name}" could not be loaded: ${upgraded.loadError}`,
      zh: `插件“${input.name}”加载失败：${upgraded.loadError}`,
    });
  }
  const topics = upgraded.manifest ? await subscriptionError(deps, upgraded.manifest.events) : null;
  if (topics)
    throw new ConflictError(
      'plugin.unknown_topic',
      {
        en: `Plugin "${input.name}" was upgraded but subscribes to undeclared topics: ${topics.en}`,
        zh: `插件“${input.name}”已升级，但订阅了未声明的事件：${topics.zh}`,
      },
      { details: { loadError: topics.en } },
    );
  await saveStateWithAudit(
    deps,
    { name: input.name, updatedAt: deps.clock.now().toISOString() },
    {
      actor: actorName(input),
      action: 'plugin.upgrade',
      target: `plugin:${input.name}`,
      details: {
        fromVersion: before.manifest?.version ?? null,
        toVersion: upgraded.manifest?.version ?? null,
      },
    },
  );
  return (await listPlugins(deps)).find((p) => p.name === input.name)!;
}
