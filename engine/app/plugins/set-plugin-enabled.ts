/** @module Enabling (with the grant of its personal data) or disabling a plugin. */
import { ConflictError, ValidationError } from '../../core/errors.ts';
import { type ActorInput, type PluginDeps, type PluginSummary, pluginOf } from './shared.ts';
import { refuseUnknownTopics, saveAndSummarise } from './state-change.ts';

/**
 * The personal fields granted to `plugin` on enabling: every field its manifest declares must be in
 * `grant` (409 `plugin.personal_data_not_granted` naming the missing ones); a field it does not
 * declare is refused (400 `plugin.personal_data_not_declared`).
 */
function personalDataGrant(name: string, declared: readonly string[], grant: readonly string[]): string[] {
  const undeclared = grant.filter((field) => !declared.includes(field));
  if (undeclared.length > 0)
    throw new ValidationError(
      'plugin.personal_data_not_declared',
      {
        en: `Plugin "${name}" does not ask for ${undeclared.join(', ')}; grant only the personal fields it declares (${declared.join(', ') || 'none'}).`,
        zh: `插件“${name}”未申请个人信息字段 ${undeclared.join('、')}，只能授予其声明的字段（${declared.join('、') || '无'}）。`,
      },
      { path: '/grantPersonalData', details: { declared, undeclared } },
    );
  const missing = declared.filter((field) => !grant.includes(field));
  if (missing.length > 0)
    throw new ConflictError(
      'plugin.personal_data_not_granted',
      {
        en: `Plugin "${name}" needs the citizen's personal data ${missing.join(', ')}; enable it with "grantPersonalData": [${missing.map((f) => `"${f}"`).join(', ')}] to grant them.`,
        zh: `插件“${name}”需要诉求人的个人信息 ${missing.join('、')}；请在启用时明确授予（grantPersonalData）后再启用。`,
      },
      { details: { declared, missing } },
    );
  return [...declared];
}

/**
 * Enables (loading its code first) or disables a plugin; takes effect on every node without restart.
 * Enabling a plugin whose manifest declares `personalData` needs the administrator's explicit grant
 * of every declared field; the grant is stored with the state, audited, and withdrawn on disabling.
 */
export async function setPluginEnabled(
  deps: PluginDeps,
  input: { name: string; isEnabled: boolean; grantPersonalData?: string[] } & ActorInput,
): Promise<PluginSummary> {
  const plugin = pluginOf(deps, input.name);
  let granted: string[] = [];
  if (input.isEnabled) {
    granted = personalDataGrant(
      input.name,
      plugin.manifest?.personalData ?? [],
      input.grantPersonalData ?? [],
    );
    await refuseUnknownTopics(deps, plugin.manifest, (topics) => ({
      en: `Plugin "${input.name}" cannot be enabled: ${topics.en}`,
      zh: `插件“${input.name}”无法启用：${topics.zh}`,
    }));
    const loaded = await deps.host.load(input.name);
    if (!loaded.isLoaded) {
      throw new ConflictError(
        'plugin.not_loadable',
        {
          en: `Plugin "${input.name}" cannot be enabled: ${loaded.loadError}`,
          zh: `插件“${input.name}”无法启用：${loaded.loadError}`,
        },
        { details: { loadError: loaded.loadError } },
      );
    }
  }
  return saveAndSummarise(
    deps,
    input,
    { isEnabled: input.isEnabled, grantedPersonalData: granted },
    {
      action: input.isEnabled ? 'plugin.enable' : 'plugin.disable',
      // The audit names the personal fields granted (enable) or withdrawn (disable: none left).
      details: { version: plugin.manifest?.version ?? null, grantedPersonalData: granted },
    },
  );
}
