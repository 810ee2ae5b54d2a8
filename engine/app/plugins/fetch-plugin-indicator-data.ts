/** @module Fetching indicator values from an indicator-data-source plugin. */
import { ConflictError } from '../../core/errors.ts';
import type { IndicatorDatum } from '../../core/plugin-api.ts';
import { DeliveryFailure } from '../../core/plugin-api.ts';
import { type PluginDeps, pluginOf, openCredentials } from './shared.ts';
import { resolveHookConfig } from './resolve-hook-config.ts';

/** Asks an indicator-data-source plugin for the values of `period` (`YYYY-MM`). */
export async function fetchPluginIndicatorData(
  deps: PluginDeps,
  input: { name: string; period: string },
): Promise<{ plugin: string; period: string; data: IndicatorDatum[] }> {
  const plugin = pluginOf(deps, input.name);
  if (!plugin.manifest?.capabilities.includes('indicatorDataSource')) {
    throw new ConflictError('plugin.not_data_source', {
      en: `Plugin "${input.name}" is not an indicator data source.`,
      zh: `插件“${input.name}”不是指标数据源。`,
    });
  }
  const state = await deps.plugins.getState(input.name);
  if (!state?.isEnabled) {
    throw new ConflictError('plugin.disabled', {
      en: `Plugin "${input.name}" is not enabled.`,
      zh: `插件“${input.name}”未启用。`,
    });
  }
  const credentials = openCredentials(deps, state.sealedCredentials);
  try {
    const config = await resolveHookConfig(deps, { name: input.name, config: state.config, credentials });
    const data = await deps.host.fetchIndicatorData({
      name: input.name,
      period: input.period,
      config,
      credentials,
    });
    return { plugin: input.name, period: input.period, data };
  } catch (error) {
    if (!(error instanceof DeliveryFailure)) throw error;
    throw new ConflictError(
      'plugin.fetch_failed',
      {
        en: `Plugin "${input.name}" could not fetch indicator data: ${error.message}`,
        zh: `插件“${input.name}”获取指标数据失败：${error.message}`,
      },
      { details: { statusCode: error.statusCode } },
    );
  }
}
