/** @module Plugin ports: the plugin host, plugin state and delivery records, sealing of credentials, webhook signatures. */
import type { GetApiPluginsDeliveriesResponse } from '../../schemas/api-types.gen.ts';
import type {
  IndicatorDatum,
  InboundCommand,
  JsonObject,
  PluginEvent,
  PluginManifest,
} from '../core/plugin-api.ts';
import type { Repositories } from './store.ts';

/** Delivery statuses; a failed delivery is never shown as delivered. */
export type DeliveryStatus = 'pending' | 'delivering' | 'delivered' | 'failed-retrying' | 'dead';

/** Every delivery status. */
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = [
  'pending',
  'delivering',
  'delivered',
  'failed-retrying',
  'dead',
];

/** A plugin as the host found it on disk. */
export interface DiscoveredPlugin {
  name: string;
  /** The manifest, when plugin.json parsed and validated. */
  manifest: PluginManifest | null;
  configSchema: JsonObject;
  credentialsSchema: JsonObject;
  /** Whether index.ts is imported and usable. */
  isLoaded: boolean;
  /** Why it could not be discovered or loaded. */
  loadError: string | null;
  /** Hooks the module implements. */
  hooks: Array<'onEvent' | 'testConnection' | 'onWebhook' | 'fetchIndicatorData'>;
}

/** Loads plugin code and calls its hooks; credentials are passed in already opened. */
export interface PluginHost {
  /** Re-reads the plugin folders (new plugins appear, removed ones disappear). */
  discover(): Promise<DiscoveredPlugin[]>;
  list(): DiscoveredPlugin[];
  get(name: string): DiscoveredPlugin | null;
  /** Imports the plugin's code if not yet imported. */
  load(name: string): Promise<DiscoveredPlugin>;
  /** Re-reads plugin.json and re-imports index.ts (new code without restart). */
  upgrade(name: string): Promise<DiscoveredPlugin>;
  testConnection(input: {
    name: string;
    config: JsonObject;
    credentials: JsonObject;
  }): Promise<{ ok: boolean; message?: string }>;
  onWebhook(input: {
    name: string;
    payload: unknown;
    headers: Record<string, string>;
    config: JsonObject;
  }): Promise<InboundCommand[]>;
  deliver(input: {
    name: string;
    event: PluginEvent;
    config: JsonObject;
    credentials: JsonObject;
    idempotencyKey: string;
  }): Promise<{ statusCode: number | null }>;
  /** Indicator values of `period` from a data-source plugin. */
  fetchIndicatorData(input: {
    name: string;
    period: string;
    config: JsonObject;
    credentials: JsonObject;
  }): Promise<IndicatorDatum[]>;
}

/** Stored state of one plugin. */
export interface PluginState {
  name: string;
  isEnabled: boolean;
  config: JsonObject;
  /** AES-256-GCM sealed JSON of the credentials; never leaves the server. */
  sealedCredentials: string | null;
  /** Personal fields (manifest `personalData`) the administrator granted when enabling; [] when disabled. */
  grantedPersonalData: string[];
  updatedAt: string;
}

/** A status an outside system reported on a case Baton handed to it. */
export interface HandoffStatus {
  plugin: string;
  caseNumber: string;
  caseId: string | null;
  externalId: string;
  status: string;
  note: string | null;
  /** When the outside system says the status changed. */
  reportedAt: string | null;
  receivedAt: string;
}

/** One (event, plugin) delivery, as `GET /api/plugins/deliveries` lists it. */
export type Delivery = GetApiPluginsDeliveriesResponse[number];

/** One delivery attempt. */
export type DeliveryAttempt = NonNullable<Delivery['attemptLog']>[number];

/** Plugin state, deliveries and webhook receipts. */
export interface PluginStore {
  getState(name: string): Promise<PluginState | null>;
  listStates(): Promise<PluginState[]>;
  /**
   * Creates or updates the fields given. `alsoInTransaction` runs in the same write transaction
   * (e.g. the audit record of the change), so both commit or neither does.
   */
  saveState(
    input: {
      name: string;
      isEnabled?: boolean;
      config?: JsonObject;
      sealedCredentials?: string | null;
      grantedPersonalData?: string[];
      updatedAt: string;
    },
    alsoInTransaction?: (tx: Pick<Repositories, 'audit'>) => Promise<unknown>,
  ): Promise<void>;
  /**
   * Records a status an outside system reported on a case handed to it; false when the same
   * (plugin, externalId, status) was already recorded (a re-sent report).
   */
  recordHandoffStatus(input: HandoffStatus): Promise<boolean>;
  /** Handoff statuses, newest first; an absent or empty filter filters nothing. */
  listHandoffStatuses(query: {
    plugin?: string;
    caseNumber?: string;
    limit: number;
  }): Promise<HandoffStatus[]>;
  /** Deliveries, newest first; an absent or empty filter filters nothing. */
  listDeliveries(query: {
    plugin?: string;
    status?: DeliveryStatus;
    limit: number;
    withAttempts?: boolean;
  }): Promise<Delivery[]>;
  getDelivery(id: string): Promise<Delivery | null>;
  /** Sets a dead delivery back to pending with a fresh retry budget; false unless it was dead. */
  replayDelivery(id: string, now: string): Promise<boolean>;
  /** Records an inbound webhook delivery id; false when it was already recorded. */
  addWebhookReceipt(input: { plugin: string; deliveryId: string; receivedAt: string }): Promise<boolean>;
  hasWebhookReceipt(plugin: string, deliveryId: string): Promise<boolean>;
}

/** Seals secrets at rest. */
export interface SecretBox {
  seal(plaintext: string): string;
  /** Throws if the sealed text was tampered with or sealed under another key. */
  open(sealed: string): string;
}

/** HMAC signatures of inbound webhooks. */
export interface WebhookSigner {
  /** Hex HMAC-SHA256 of `text` under `secret`. */
  sign(secret: string, text: string): string;
}
