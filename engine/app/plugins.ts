/** @module Plugin operations: list, enable/disable, upgrade, config and write-only credentials, connection tests, deliveries, replay, inbound webhooks. */
import { AuthenticationError, ConflictError, NotFoundError, ValidationError } from '../core/errors.ts';
import type { IndicatorDatum, InboundCommand, JsonObject, PluginCapability } from '../core/plugin-api.ts';
import { DeliveryFailure, resolveSecretRefs, validateAgainstSchema } from '../core/plugin-api.ts';
import type { CaseIntakePort, IntakeRequest } from '../ports/case-intake.ts';
import type { Clock } from '../ports/clock.ts';
import type {
  Delivery,
  DeliveryStatus,
  DiscoveredPlugin,
  HandoffStatus,
  PluginHost,
  PluginStore,
  SecretBox,
  WebhookSigner,
} from '../ports/plugins.ts';
import type { TokenSource } from '../ports/secrets.ts';
import type { Store } from '../ports/store.ts';
import { type AuditEntry, appendAudit, auditActor } from './audit.ts';
import { subscriptionError, subscriptionErrorOf, topicVocabulary } from './event-catalogue.ts';
import type { Actor } from './permissions.ts';
import { todayOf } from './district-day.ts';

/** What plugin operations depend on. */
export interface PluginDeps {
  store: Store;
  clock: Clock;
  tokens: TokenSource;
  host: PluginHost;
  plugins: PluginStore;
  secrets: SecretBox;
  signer: WebhookSigner;
  intake: CaseIntakePort;
  /** Accepted clock skew of webhook timestamps (default 5 minutes). */
  webhookToleranceMs?: number;
}

/** Whether credentials are stored; their values are never returned. */
export type SecretStatus = 'set' | 'not set';

/** A plugin as the API shows it. */
export interface PluginSummary {
  name: string;
  version: string | null;
  title: { en: string; zh: string } | null;
  description: { en: string; zh: string } | null;
  capabilities: PluginCapability[];
  events: string[];
  /** Personal fields the manifest declares (e.g. requesterPhone); enabling needs the administrator's grant. */
  personalData: string[];
  /** Personal fields granted when the plugin was enabled; only these are opened into its events. */
  grantedPersonalData: string[];
  isEnabled: boolean;
  isLoaded: boolean;
  loadError: string | null;
  hooks: string[];
  credentials: SecretStatus;
}

/** Config, schemas and credential status of a plugin. */
export interface PluginSettings {
  name: string;
  config: JsonObject;
  configSchema: JsonObject;
  credentialsSchema: JsonObject;
  credentials: SecretStatus;
  /** Which credential fields are stored. */
  credentialFields: Record<string, SecretStatus>;
}

const WEBHOOK_SECRET_FIELD = 'webhookSecret';

function notFound(name: string): NotFoundError {
  return new NotFoundError('plugin.not_found', {
    en: `Plugin "${name}" does not exist.`,
    zh: `插件“${name}”不存在。`,
  });
}

function pluginOf(deps: PluginDeps, name: string): DiscoveredPlugin {
  const plugin = deps.host.get(name);
  if (!plugin) throw notFound(name);
  return plugin;
}

function openCredentials(deps: PluginDeps, sealed: string | null): JsonObject {
  if (!sealed) return {};
  return JSON.parse(deps.secrets.open(sealed)) as JsonObject;
}

/** Who changed a plugin; operations called without an actor (seeding, CLI) record `system`. */
type ActorInput = { actor?: Pick<Actor, 'username'> };

const actorName = (input: ActorInput): string => (input.actor ? auditActor(input.actor) : 'system');

/** Saves plugin state and its audit record in one transaction. */
async function saveStateWithAudit(
  deps: PluginDeps,
  state: Parameters<PluginStore['saveState']>[0],
  entry: AuditEntry,
): Promise<void> {
  await deps.plugins.saveState(state, (tx) => appendAudit(tx, { at: state.updatedAt, entry }));
}

const hashOf = (deps: PluginDeps, value: unknown): string => deps.tokens.sha256(JSON.stringify(value ?? {}));

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

function invalidAgainst(
  code: string,
  issues: ReturnType<typeof validateAgainstSchema>,
  what: { en: string; zh: string },
) {
  const first = issues[0]!;
  return new ValidationError(
    code,
    {
      en: `The ${what.en} is invalid at ${first.path}: ${first.message}.`,
      zh: `${what.zh}不合法（${first.path}）：${first.message}。`,
    },
    { path: first.path, details: issues },
  );
}

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
    const topics = plugin.manifest ? await subscriptionError(deps, plugin.manifest.events) : null;
    if (topics)
      throw new ConflictError(
        'plugin.unknown_topic',
        {
          en: `Plugin "${input.name}" cannot be enabled: ${topics.en}`,
          zh: `插件“${input.name}”无法启用：${topics.zh}`,
        },
        { details: { loadError: topics.en } },
      );
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
  await saveStateWithAudit(
    deps,
    {
      name: input.name,
      isEnabled: input.isEnabled,
      grantedPersonalData: granted,
      updatedAt: deps.clock.now().toISOString(),
    },
    {
      actor: actorName(input),
      action: input.isEnabled ? 'plugin.enable' : 'plugin.disable',
      target: `plugin:${input.name}`,
      // The audit names the personal fields granted (enable) or withdrawn (disable: none left).
      details: { version: plugin.manifest?.version ?? null, grantedPersonalData: granted },
    },
  );
  return (await listPlugins(deps)).find((p) => p.name === input.name)!;
}

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

/** Config, schemas and credential status (never credential values). */
export async function getPluginSettings(deps: PluginDeps, input: { name: string }): Promise<PluginSettings> {
  const plugin = pluginOf(deps, input.name);
  const state = await deps.plugins.getState(input.name);
  const credentials = openCredentials(deps, state?.sealedCredentials ?? null);
  const fields = Object.keys((plugin.credentialsSchema.properties as JsonObject | undefined) ?? {});
  return {
    name: input.name,
    config: state?.config ?? {},
    configSchema: plugin.configSchema,
    credentialsSchema: plugin.credentialsSchema,
    credentials: state?.sealedCredentials ? 'set' : 'not set',
    credentialFields: Object.fromEntries(
      fields.map((field) => [field, credentials[field] !== undefined ? 'set' : 'not set']),
    ),
  };
}

/** Replaces the config after validating it against config.schema.json. */
export async function putPluginConfig(
  deps: PluginDeps,
  input: { name: string; config: JsonObject } & ActorInput,
): Promise<PluginSettings> {
  const plugin = pluginOf(deps, input.name);
  const issues = validateAgainstSchema(plugin.configSchema, input.config);
  if (issues.length > 0) {
    throw invalidAgainst('plugin.config_invalid', issues, { en: 'plugin config', zh: '插件配置' });
  }
  const before = (await deps.plugins.getState(input.name))?.config ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(input.config)])].sort();
  await saveStateWithAudit(
    deps,
    { name: input.name, config: input.config, updatedAt: deps.clock.now().toISOString() },
    {
      actor: actorName(input),
      action: 'plugin.config',
      target: `plugin:${input.name}`,
      beforeHash: hashOf(deps, before),
      afterHash: hashOf(deps, input.config),
      // Names of the changed fields only: config is not secret, but the log stays small.
      details: {
        changed: keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(input.config[k])),
      },
    },
  );
  return getPluginSettings(deps, input);
}

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

/** Asks the plugin to reach its outside system with the stored (or the given) config. */
export async function testPluginConnection(
  deps: PluginDeps,
  input: { name: string; config?: JsonObject },
): Promise<{ ok: boolean; message?: string }> {
  const plugin = pluginOf(deps, input.name);
  const state = await deps.plugins.getState(input.name);
  const config = input.config ?? state?.config ?? {};
  const issues = validateAgainstSchema(plugin.configSchema, config);
  if (issues.length > 0) {
    throw invalidAgainst('plugin.config_invalid', issues, { en: 'plugin config', zh: '插件配置' });
  }
  const credentials = openCredentials(deps, state?.sealedCredentials ?? null);
  let hookConfig: JsonObject;
  try {
    hookConfig = await resolveHookConfig(deps, { name: input.name, config, credentials });
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  return deps.host.testConnection({ name: input.name, config: hookConfig, credentials });
}

/** Asks an indicator-data-source plugin for the values of `period` (e.g. `2026-03`). */
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

/** Statuses outside systems reported on cases handed to them, newest first. */
export async function listHandoffStatuses(
  deps: PluginDeps,
  input: { plugin?: string; caseNumber?: string; limit?: number },
): Promise<HandoffStatus[]> {
  return deps.plugins.listHandoffStatuses({
    ...(input.plugin ? { plugin: input.plugin } : {}),
    ...(input.caseNumber ? { caseNumber: input.caseNumber } : {}),
    limit: input.limit ?? 100,
  });
}

/** The delivery log, newest first, with attempts. */
export async function listDeliveries(
  deps: PluginDeps,
  input: { plugin?: string; status?: DeliveryStatus; limit?: number },
): Promise<Delivery[]> {
  return deps.plugins.listDeliveries({
    ...(input.plugin ? { plugin: input.plugin } : {}),
    ...(input.status ? { status: input.status } : {}),
    limit: input.limit ?? 100,
    withAttempts: true,
  });
}

/** Sends a dead delivery again with a fresh retry budget. */
export async function replayDelivery(deps: PluginDeps, input: { id: string }): Promise<Delivery> {
  const delivery = await deps.plugins.getDelivery(input.id);
  if (!delivery) {
    throw new NotFoundError('delivery.not_found', {
      en: `Delivery "${input.id}" does not exist.`,
      zh: `投递记录“${input.id}”不存在。`,
    });
  }
  if (!(await deps.plugins.replayDelivery(input.id, deps.clock.now().toISOString()))) {
    throw new ConflictError(
      'delivery.not_dead',
      {
        en: `Only dead deliveries can be replayed; this one is ${delivery.status}.`,
        zh: `只能重放死信投递；该投递状态为 ${delivery.status}。`,
      },
      { details: { status: delivery.status } },
    );
  }
  return (await deps.plugins.getDelivery(input.id))!;
}

/** The result of an inbound webhook. */
export interface WebhookResult {
  status: 'accepted' | 'duplicate';
  deliveryId: string;
  results: Array<{
    type: InboundCommand['type'];
    caseId: string | null;
    caseNumber: string;
    isDuplicate: boolean;
  }>;
}

const rejected = (code: string, en: string, zh: string) => new AuthenticationError(code, { en, zh });

/**
 * The case id of every case a `trackHandoff` command names, by case number. A command naming a case
 * number that does not exist is refused (`plugin.unknown_case`), and one whose `caseId` belongs to
 * another case too (`plugin.case_mismatch`): an outside system must not record statuses on
 * cases Baton never handed to it.
 */
async function caseIdsOfHandoffs(
  deps: PluginDeps,
  commands: readonly InboundCommand[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const [index, command] of commands.entries()) {
    if (command.type !== 'trackHandoff') continue;
    const { caseNumber, caseId } = command.input;
    const found = ids.has(caseNumber)
      ? ids.get(caseNumber)!
      : (await deps.store.cases.getByNumber(caseNumber))?.id;
    if (found === undefined) {
      throw new ValidationError(
        'plugin.unknown_case',
        {
          en: `The webhook names case ${caseNumber}, which does not exist.`,
          zh: `回调中的办件编号 ${caseNumber} 不存在。`,
        },
        { path: `/commands/${index}/caseNumber`, details: { caseNumber } },
      );
    }
    if (caseId !== undefined && caseId !== found) {
      throw new ValidationError(
        'plugin.case_mismatch',
        {
          en: `The webhook's case id does not belong to case ${caseNumber}.`,
          zh: `回调中的办件标识与办件编号 ${caseNumber} 不符。`,
        },
        { path: `/commands/${index}/caseId`, details: { caseNumber } },
      );
    }
    ids.set(caseNumber, found);
  }
  return ids;
}

type TrackHandoff = Extract<InboundCommand, { type: 'trackHandoff' }>['input'];

/**
 * Runs the workflow action a reported status carries, unless that status of that outside item was
 * recorded before (a re-sent report under a new delivery id): reports are idempotent per
 * `(plugin, externalId, status)`, so a decision moves the case once.
 */
async function applyHandoffAction(
  deps: PluginDeps,
  input: { plugin: string; caseId: string; command: TrackHandoff },
): Promise<void> {
  const { command } = input;
  const seen = await deps.plugins.listHandoffStatuses({
    plugin: input.plugin,
    caseNumber: command.caseNumber,
    limit: 1000,
  });
  if (seen.some((s) => s.externalId === command.externalId && s.status === command.status)) return;
  if (!deps.intake.takeCaseAction) {
    throw new ConflictError('plugin.case_actions_unavailable', {
      en: 'This server takes no case actions from plugins.',
      zh: '本服务不接受插件对办件执行流程动作。',
    });
  }
  await deps.intake.takeCaseAction({
    plugin: input.plugin,
    caseId: input.caseId,
    action: command.action!.name,
    input: command.action!.input,
  });
}

/**
 * Verifies and applies an inbound webhook: HMAC-SHA256 over `timestamp.body` with the plugin's
 * `webhookSecret` credential, timestamp within the tolerance, and a delivery id seen only once
 * (a repeat is acknowledged but not applied). The plugin maps the payload to commands.
 */
export async function receiveWebhook(
  deps: PluginDeps,
  input: { name: string; rawBody: string; headers: Record<string, string> },
): Promise<WebhookResult> {
  const plugin = pluginOf(deps, input.name);
  const state = await deps.plugins.getState(input.name);
  if (!state?.isEnabled || !plugin.hooks.includes('onWebhook')) {
    throw new NotFoundError('plugin.webhook_unavailable', {
      en: `Plugin "${input.name}" is not enabled or takes no webhooks.`,
      zh: `插件“${input.name}”未启用或不接收回调。`,
    });
  }
  const secret = openCredentials(deps, state.sealedCredentials)[WEBHOOK_SECRET_FIELD];
  if (typeof secret !== 'string' || secret === '') {
    throw rejected('webhook.no_secret', 'No webhook secret is configured.', '未配置回调签名密钥。');
  }
  const timestamp = input.headers['x-baton-timestamp'] ?? '';
  const signature = (input.headers['x-baton-signature'] ?? '').replace(/^sha256=/, '');
  const expected = deps.signer.sign(secret, `${timestamp}.${input.rawBody}`);
  if (!/^\d{1,12}$/.test(timestamp) || !signature || !deps.tokens.safeEqual(signature, expected)) {
    throw rejected(
      'webhook.bad_signature',
      'The webhook signature is missing or wrong.',
      '回调签名缺失或错误。',
    );
  }
  const tolerance = deps.webhookToleranceMs ?? 5 * 60 * 1000;
  if (Math.abs(deps.clock.now().getTime() - Number(timestamp) * 1000) > tolerance) {
    throw rejected(
      'webhook.stale_timestamp',
      'The webhook timestamp is outside the accepted window (replayed or clock skew).',
      '回调时间戳超出允许范围（可能为重放或时钟偏差）。',
    );
  }
  let payload: unknown;
  try {
    payload = JSON.parse(input.rawBody);
  } catch {
    throw new ValidationError('request.malformed_json', {
      en: 'The body is not JSON.',
      zh: '请求体不是合法 JSON。',
    });
  }
  const deliveryId = input.headers['x-baton-delivery'] || deps.tokens.sha256(`${timestamp}.${signature}`);
  if (await deps.plugins.hasWebhookReceipt(input.name, deliveryId)) {
    return { status: 'duplicate', deliveryId, results: [] };
  }
  const commands = await deps.host.onWebhook({
    name: input.name,
    payload,
    headers: input.headers,
    config: state.config,
  });
  // Acknowledgements must name real cases: all are checked before any command is applied.
  const caseIds = await caseIdsOfHandoffs(deps, commands);
  const results: WebhookResult['results'] = [];
  for (const command of commands) {
    if (command.type === 'intakeCase') {
      results.push({ type: command.type, ...(await deps.intake.intakeCase(command.input)) });
    } else if (command.type === 'trackHandoff') {
      const caseId = caseIds.get(command.input.caseNumber) ?? null;
      // A status that takes a workflow action (e.g. the approval decision) moves the case the first
      // time it is reported; the action is refused like a staff action (4xx) and then nothing is recorded.
      if (command.input.action && caseId !== null)
        await applyHandoffAction(deps, { plugin: input.name, caseId, command: command.input });
      const isNew = await deps.plugins.recordHandoffStatus({
        plugin: input.name,
        caseNumber: command.input.caseNumber,
        caseId,
        externalId: command.input.externalId,
        status: command.input.status,
        note: command.input.note ?? null,
        reportedAt: command.input.at ?? null,
        receivedAt: deps.clock.now().toISOString(),
      });
      results.push({
        type: command.type,
        caseId: caseIds.get(command.input.caseNumber) ?? null,
        caseNumber: command.input.caseNumber,
        isDuplicate: !isNew,
      });
    } else {
      throw new ValidationError('webhook.unknown_command', {
        en: `The plugin returned an unknown command "${(command as { type: string }).type}".`,
        zh: `插件返回了未知指令“${(command as { type: string }).type}”。`,
      });
    }
  }
  // Recorded after applying: a failure above lets the sender retry; commands are idempotent themselves.
  await deps.plugins.addWebhookReceipt({
    plugin: input.name,
    deliveryId,
    receivedAt: deps.clock.now().toISOString(),
  });
  return { status: 'accepted', deliveryId, results };
}

/** Intake requests recorded so far (stand-in for cases). */
export async function listIntakeRequests(deps: PluginDeps): Promise<IntakeRequest[]> {
  return deps.store.intakeRequests.list();
}

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
