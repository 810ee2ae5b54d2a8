/** @module Outbox worker: under a lease, fans outbox events out to subscribed plugins and delivers them with retries, backoff and dead letters. */
import {
  backoffDelayMs,
  DeliveryFailure,
  type JsonObject,
  type PluginEvent,
  topicMatches,
} from '../../core/plugin-api.ts';
import type { Clock } from '../../ports/clock.ts';
import type { IdSource } from '../../ports/id-source.ts';
import type { Logger } from '../../ports/logger.ts';
import type { PluginHost, SecretBox } from '../../ports/plugins.ts';
import type { ClaimedDelivery, LibsqlPluginStore } from '../db/plugin-store.ts';
import { createPollLoop, leaseRequest } from './poll-loop.ts';

/** Tunables of the worker. */
export interface OutboxWorkerSettings {
  /** Attempts (since creation or the last replay) before a delivery goes to the dead letters (default 8). */
  maxAttempts: number;
  /** First retry delay (default 2 s); doubles each time, half of it jittered. */
  baseDelayMs: number;
  /** Largest retry delay (default 10 min). */
  maxDelayMs: number;
  /** How often the loop runs (default 1 s). */
  pollMs: number;
  /** Lease lifetime; renewed every tick (default 30 s). */
  leaseMs: number;
  /** A delivery stuck in `delivering` longer than this (a node died) is retried (default 2 min). */
  reclaimMs: number;
  /** Deliveries per tick (default 20). */
  batchSize: number;
}

/** Defaults of `OutboxWorkerSettings`. */
export const DEFAULT_OUTBOX_SETTINGS: OutboxWorkerSettings = {
  maxAttempts: 8,
  baseDelayMs: 2000,
  maxDelayMs: 10 * 60 * 1000,
  pollMs: 1000,
  leaseMs: 30_000,
  reclaimMs: 120_000,
  batchSize: 20,
};

/** Options of `createOutboxWorker`. */
export interface OutboxWorkerOptions {
  store: LibsqlPluginStore;
  host: PluginHost;
  secrets: SecretBox;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  /** This node's name in the lease table. */
  owner: string;
  /**
   * The config a delivery uses, from the stored config and the opened credentials (e.g. with the
   * binding in force and its `{"$secret"}` references resolved); default: the stored config as is.
   */
  resolveConfig?: (input: {
    name: string;
    config: JsonObject;
    credentials: JsonObject;
  }) => Promise<JsonObject>;
  /** A number in [0, 1) for jitter (default Math.random); tests inject a fixed sequence. */
  random?: () => number;
  settings?: Partial<OutboxWorkerSettings>;
}

/** What one tick did. */
export interface TickResult {
  isLeaseHolder: boolean;
  fannedOut: number;
  delivered: number;
  failed: number;
}

/** The worker: `tick()` does one round (tests call it directly); `start()` runs it on a timer. */
export interface OutboxWorker {
  tick(): Promise<TickResult>;
  start(): void;
  /** Stops the timer, waits for the running tick and releases the lease. */
  stop(): Promise<void>;
  readonly settings: OutboxWorkerSettings;
}

/**
 * Splits a claimed batch into groups that must run in order: one per (plugin, order key), in outbox
 * id order; a delivery without an order key (an event about no case) is a group of its own.
 */
export function orderedGroups(claimed: readonly ClaimedDelivery[]): ClaimedDelivery[][] {
  const groups = new Map<string, ClaimedDelivery[]>();
  const single: ClaimedDelivery[][] = [];
  for (const claim of claimed) {
    if (claim.orderKey === null) {
      single.push([claim]);
      continue;
    }
    const id = JSON.stringify([claim.delivery.plugin, claim.orderKey]);
    const group = groups.get(id);
    if (group) group.push(claim);
    else groups.set(id, [claim]);
  }
  for (const group of groups.values()) group.sort((a, b) => a.delivery.outboxId - b.delivery.outboxId);
  return [...groups.values(), ...single];
}

/** The lease name of the outbox worker. */
export const OUTBOX_LEASE = 'outbox-worker';

/**
 * Builds the outbox worker. All of its state is in the database, so timers survive restarts.
 * Long: a factory: its steps (claim, deliver, retry, dead-letter) are short and share the timers and the lease in one closure.
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const settings = { ...DEFAULT_OUTBOX_SETTINGS, ...options.settings };
  const random = options.random ?? Math.random;
  const { store, host, clock, logger } = options;

  const subscribers = (topic: string, enabled: ReadonlySet<string>): string[] =>
    host
      .list()
      .filter(
        (p) => enabled.has(p.name) && p.manifest?.events.some((pattern) => topicMatches(pattern, topic)),
      )
      .map((p) => p.name);

  const declaredOf = (plugin: string): readonly string[] => host.get(plugin)?.manifest?.personalData ?? [];

  /**
   * The event as `plugin` gets it: the personal fields its manifest declares AND its administrator
   * granted (`granted`, from the plugin state) opened into the payload, nothing else.
   */
  const eventFor = (
    plugin: string,
    event: PluginEvent,
    sealed: string | null,
    granted: readonly string[],
  ): PluginEvent => {
    const wanted = declaredOf(plugin).filter((field) => granted.includes(field));
    if (sealed === null || wanted.length === 0) return event;
    let opened: Record<string, unknown>;
    try {
      opened = JSON.parse(options.secrets.open(sealed)) as Record<string, unknown>;
    } catch {
      // Sealed under another key (the server secret changed): deliver without them.
      logger.warn('event secrets could not be opened', { plugin, eventId: event.id });
      return event;
    }
    const picked = Object.fromEntries(wanted.filter((name) => name in opened).map((n) => [n, opened[n]]));
    return { ...event, payload: { ...event.payload, ...picked } };
  };

  const deliverOne = async ({
    delivery,
    event,
    sealedSecrets,
  }: ClaimedDelivery): Promise<'delivered' | 'failed-retrying' | 'dead'> => {
    const startedAt = clock.now();
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    let isPermanent = false;
    try {
      const state = await store.getState(delivery.plugin);
      const credentials = state?.sealedCredentials
        ? (JSON.parse(options.secrets.open(state.sealedCredentials)) as JsonObject)
        : {};
      const stored = state?.config ?? {};
      const config = options.resolveConfig
        ? await options.resolveConfig({ name: delivery.plugin, config: stored, credentials })
        : stored;
      const result = await host.deliver({
        name: delivery.plugin,
        event: eventFor(
          delivery.plugin,
          event,
          sealedSecrets,
          state?.isEnabled ? state.grantedPersonalData : [],
        ),
        config,
        credentials,
        idempotencyKey: delivery.id,
      });
      statusCode = result.statusCode;
    } catch (failure) {
      error = (failure as Error).message || 'delivery failed';
      if (failure instanceof DeliveryFailure) {
        statusCode = failure.statusCode;
        isPermanent = failure.isPermanent;
      }
    }
    const now = clock.now();
    const tries = delivery.tries + 1;
    const status =
      error === null
        ? 'delivered'
        : isPermanent || tries >= settings.maxAttempts
          ? 'dead'
          : 'failed-retrying';
    const delay =
      status === 'failed-retrying'
        ? backoffDelayMs({
            attempt: tries,
            baseMs: settings.baseDelayMs,
            maxMs: settings.maxDelayMs,
            random: random(),
          })
        : 0;
    await store.recordAttempt({
      deliveryId: delivery.id,
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - started),
      statusCode,
      error,
      status,
      nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
      now: now.toISOString(),
    });
    // Never the payload or credentials: ids, status and the (redacted) error only.
    const fields = {
      deliveryId: delivery.id,
      plugin: delivery.plugin,
      topic: delivery.topic,
      status,
      statusCode,
    };
    if (status === 'delivered') logger.info('plugin delivery', fields);
    else logger.warn('plugin delivery failed', { ...fields, error, retryInMs: delay });
    return status;
  };

  const tick = async (): Promise<TickResult> => {
    const now = clock.now();
    const isLeaseHolder = await store.acquireLease(
      leaseRequest(OUTBOX_LEASE, options.owner, now, settings.leaseMs),
    );
    const result: TickResult = { isLeaseHolder, fannedOut: 0, delivered: 0, failed: 0 };
    if (!isLeaseHolder) return result;
    result.fannedOut = await store.fanOut({
      now: now.toISOString(),
      limit: 200,
      subscribers,
      newId: () => options.ids.newId('dlv'),
      needsSecrets: (plugin) => declaredOf(plugin).length > 0,
    });
    const claimed = await store.claimDue({
      now: now.toISOString(),
      limit: settings.batchSize,
      reclaimAt: new Date(now.getTime() + settings.reclaimMs).toISOString(),
    });
    // Per-case order: the deliveries of one plugin and one case run one after another in outbox id
    // order; a delivery left waiting for a retry holds the later ones back (they are put back
    // unattempted and stay held by claimDue until it is delivered or dead). Different plugins and
    // different cases are independent: one slow system or case must not hold the others back.
    await Promise.all(
      orderedGroups(claimed).map(async (group) => {
        for (const [index, claim] of group.entries()) {
          const status = await deliverOne(claim);
          if (status === 'delivered') result.delivered++;
          else result.failed++;
          if (status === 'failed-retrying') {
            await store.releaseClaims(group.slice(index + 1), clock.now().toISOString());
            return;
          }
        }
      }),
    );
    return result;
  };

  const loop = createPollLoop({
    tick,
    pollMs: settings.pollMs,
    onError: (error) => logger.error('outbox worker tick failed', { error: String(error) }),
  });

  return {
    settings,
    tick,
    start: loop.start,
    async stop() {
      await loop.stop();
      await store.releaseLease(OUTBOX_LEASE, options.owner).catch(() => {});
    },
  };
}
