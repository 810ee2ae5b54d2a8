/** @module Upgrading a plugin: re-reading its files and re-importing its code. */
import { ConflictError } from '../../core/errors.ts';
import { type ActorInput, type PluginDeps, type PluginSummary, pluginOf } from './shared.ts';
import { refuseUnknownTopics, saveAndSummarise } from './state-change.ts';

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
  await refuseUnknownTopics(deps, upgraded.manifest, (topics) => ({
    en: `Plugin "${input.name}" was upgraded but subscribes to undeclared topics: ${topics.en}`,
    zh: `插件“${input.name}”已升级，但订阅了未声明的事件：${topics.zh}`,
  }));
  return saveAndSummarise(
    deps,
    input,
    {},
    {
      action: 'plugin.upgrade',
      details: {
        fromVersion: before.manifest?.version ?? null,
        toVersion: upgraded.manifest?.version ?? null,
      },
    },
  );
}
