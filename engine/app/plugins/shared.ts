/** @module Private helpers of the plugin operations: their ports, the shapes the API shows, plugin lookup, sealed credentials and audited state writes. */
import { NotFoundError, ValidationError } from '../../core/errors.ts';
import type { JsonObject, PluginCapability } from '../../core/plugin-api.ts';
import type { validateAgainstSchema } from '../../core/plugin-api.ts';
import type { CaseIntakePort } from '../../ports/case-intake.ts';
import type { Clock } from '../../ports/clock.ts';
import type {
  DiscoveredPlugin,
  PluginHost,
  PluginStore,
  SecretBox,
  WebhookSigner,
} from '../../ports/plugins.ts';
import type { TokenSource } from '../../ports/secrets.ts';
import type { Store } from '../../ports/store.ts';
import { type AuditEntry, appendAudit, auditActor } from '../audit.ts';
import type { Actor } from '../permissions.ts';

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

export const WEBHOOK_SECRET_FIELD = 'webhookSecret';

export function notFound(name: string): NotFoundError {
  return new NotFoundError('plugin.not_found', {
    en: `Plugin "${name}" does not exist.`,
    zh: `插件“${name}”不存在。`,
  });
}

export function pluginOf(deps: PluginDeps, name: string): DiscoveredPlugin {
  const plugin = deps.host.get(name);
  if (!plugin) throw notFound(name);
  return plugin;
}

export function openCredentials(deps: PluginDeps, sealed: string | null): JsonObject {
  if (!sealed) return {};
  return JSON.parse(deps.secrets.open(sealed)) as JsonObject;
}

/** Who changed a plugin; operations called without an actor (seeding, CLI) record `system`. */
export type ActorInput = { actor?: Pick<Actor, 'username'> };

export const actorName = (input: ActorInput): string => (input.actor ? auditActor(input.actor) : 'system');

/** Saves plugin state and its audit record in one transaction. */
export async function saveStateWithAudit(
  deps: PluginDeps,
  state: Parameters<PluginStore['saveState']>[0],
  entry: AuditEntry,
): Promise<void> {
  await deps.plugins.saveState(state, (tx) => appendAudit(tx, { at: state.updatedAt, entry }));
}

export const hashOf = (deps: PluginDeps, value: unknown): string =>
  deps.tokens.sha256(JSON.stringify(value ?? {}));

/** 400 `code` naming the first schema issue of `what`. */
export function invalidAgainst(
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
