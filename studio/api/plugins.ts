/** @module HTTP client of the plugin routes (/api/plugins): list, settings, write-only credentials, upgrade, connection test, deliveries, replay. */
import type {
  GetApiPluginsNameConfigResponse,
  GetApiPluginsResponse,
  PostApiPluginsDeliveriesIdReplayResponse,
} from './types.gen.ts';
import { request } from './http.ts';

/** A plugin as `GET /api/plugins` lists it. */
export type PluginSummary = GetApiPluginsResponse[number];

/** Config, schemas and which credentials are stored (never their values). */
export type PluginSettings = GetApiPluginsNameConfigResponse;

/** One (event, plugin) delivery with its attempts. */
export type Delivery = PostApiPluginsDeliveriesIdReplayResponse;

/** One delivery attempt. */
export type DeliveryAttempt = NonNullable<Delivery['attemptLog']>[number];

/** Every delivery status, in lifecycle order. */
export const DELIVERY_STATUSES: Delivery['status'][] = [
  'pending',
  'delivering',
  'delivered',
  'failed-retrying',
  'dead',
];

const named = (name: string) => `/api/plugins/${encodeURIComponent(name)}`;

/** The plugin endpoints. */
export const pluginsApi = {
  list: () => request<PluginSummary[]>('GET', '/api/plugins'),
  settings: (name: string) => request<PluginSettings>('GET', `${named(name)}/config`),
  setEnabled: (name: string, isEnabled: boolean, grantPersonalData?: string[]) =>
    request<PluginSummary>('PUT', `${named(name)}/enabled`, {
      isEnabled,
      ...(grantPersonalData ? { grantPersonalData } : {}),
    }),
  putConfig: (name: string, config: unknown) =>
    request<PluginSettings>('PUT', `${named(name)}/config`, config),
  putCredentials: (name: string, credentials: unknown) =>
    request<Pick<PluginSettings, 'credentials' | 'credentialFields'>>(
      'PUT',
      `${named(name)}/credentials`,
      credentials,
    ),
  /** Re-reads the plugin's manifest and re-imports its code; resolves the plugin as loaded now. */
  upgrade: (name: string) => request<PluginSummary>('POST', `${named(name)}/upgrade`, {}),
  testConnection: (name: string) =>
    request<{ ok: boolean; message?: string }>('POST', `${named(name)}/test-connection`, {}),
  deliveries: (query: { plugin?: string; status?: string; limit?: number }) => {
    const params = new URLSearchParams();
    if (query.plugin) params.set('plugin', query.plugin);
    if (query.status) params.set('status', query.status);
    params.set('limit', String(query.limit ?? 100));
    return request<Delivery[]>('GET', `/api/plugins/deliveries?${params}`);
  },
  replay: (id: string) =>
    request<Delivery>('POST', `/api/plugins/deliveries/${encodeURIComponent(id)}/replay`),
};

/**
 * The plugin schemas title every field "English / 中文"; the form shows the half of the current
 * language; `$schema` is dropped. Pure: returns a copy.
 */
export function localizeSchema(schema: unknown, lang: 'zh-CN' | 'en'): unknown {
  if (Array.isArray(schema)) return schema.map((item) => localizeSchema(item, lang));
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    // The form's validator does not load the 2020-12 meta-schema; the plugin schemas need nothing from it.
    if (key === '$schema') continue;
    if (key === 'title' && typeof value === 'string' && value.includes(' / ')) {
      const [en, zh] = value.split(' / ');
      out[key] = (lang === 'en' ? en : zh)?.trim() || value;
    } else out[key] = localizeSchema(value, lang);
  }
  return out;
}

/** The display name of a plugin in the current language. */
export const pluginTitle = (plugin: Pick<PluginSummary, 'name' | 'title'>, lang: 'zh-CN' | 'en'): string =>
  (lang === 'en' ? plugin.title?.en : plugin.title?.zh) ?? plugin.name;
