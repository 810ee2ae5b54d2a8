/** @module Every plugin operation bound to its ports, as the HTTP adapter and the plugin runtime call them. */
import type { PluginDeps } from './shared.ts';
import { listPlugins } from './list-plugins.ts';
import { setPluginEnabled } from './set-plugin-enabled.ts';
import { upgradePlugin } from './upgrade-plugin.ts';
import { getPluginSettings } from './get-plugin-settings.ts';
import { putPluginConfig } from './put-plugin-config.ts';
import { putPluginCredentials } from './put-plugin-credentials.ts';
import { testPluginConnection } from './test-plugin-connection.ts';
import { fetchPluginIndicatorData } from './fetch-plugin-indicator-data.ts';
import { listHandoffStatuses } from './list-handoff-statuses.ts';
import { listDeliveries } from './list-deliveries.ts';
import { replayDelivery } from './replay-delivery.ts';
import { receiveWebhook } from './receive-webhook.ts';
import { listIntakeRequests } from './list-intake-requests.ts';

const PLUGIN_OPERATIONS = {
  listPlugins,
  setPluginEnabled,
  upgradePlugin,
  getPluginSettings,
  putPluginConfig,
  putPluginCredentials,
  testPluginConnection,
  fetchPluginIndicatorData,
  listHandoffStatuses,
  listDeliveries,
  replayDelivery,
  receiveWebhook,
  listIntakeRequests,
};

type Bound<F> = F extends (deps: PluginDeps, ...rest: infer A) => infer R ? (...rest: A) => R : never;

/** Plugin operations bound to their ports. */
export type PluginOperations = {
  [K in keyof typeof PLUGIN_OPERATIONS]: Bound<(typeof PLUGIN_OPERATIONS)[K]>;
};

/** Binds every plugin operation to `deps`. */
export function createPluginOperations(deps: PluginDeps): PluginOperations {
  const ops: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(PLUGIN_OPERATIONS)) {
    ops[name] = (...args: unknown[]) =>
      (fn as (deps: PluginDeps, ...rest: unknown[]) => unknown)(deps, ...args);
  }
  return ops as PluginOperations;
}
