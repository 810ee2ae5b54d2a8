/** @module libSQL plugin store: plugin states, deliveries and attempts, webhook receipts, and the outbox worker's lease, fan-out and claims. */
import type { Row } from '@libsql/client';
import type { JsonObject, PluginEvent } from '../../core/plugin-api.ts';
import type {
  Delivery,
  DeliveryAttempt,
  DeliveryStatus,
  HandoffStatus,
  PluginState,
  PluginStore,
} from '../../ports/plugins.ts';
import type { Repositories } from '../../ports/store.ts';
import type { LibsqlStore } from './libsql-store.ts';
import { createAuditRepository } from './rule-set-repositories.ts';
import { equalityFilters, whereClause } from './sql-filters.ts';

const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

const toState = (row: Row): PluginState => ({
  name: String(row.name),
  isEnabled: Number(row.enabled) === 1,
  config: JSON.parse(String(row.config)) as JsonObject,
  sealedCredentials: str(row.sealed_credentials),
  grantedPersonalData: JSON.parse(String(row.granted_personal_data ?? '[]')) as string[],
  updatedAt: String(row.updated_at),
});

const toDelivery = (row: Row): Delivery => ({
  id: String(row.id),
  outboxId: Number(row.outbox_id),
  plugin: String(row.plugin),
  topic: String(row.topic),
  status: String(row.status) as DeliveryStatus,
  attempts: Number(row.attempts),
  tries: Number(row.tries),
  nextAttemptAt: String(row.next_attempt_at),
  lastError: str(row.last_error),
  lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
  createdAt: String(row.created_at),
  updatedAt: String(row.updated_at),
  deliveredAt: str(row.delivered_at),
});

const toAttempt = (row: Row): DeliveryAttempt => ({
  attempt: Number(row.attempt),
  startedAt: String(row.started_at),
  durationMs: Number(row.duration_ms),
  outcome: String(row.outcome) as DeliveryAttempt['outcome'],
  statusCode: row.status_code === null ? null : Number(row.status_code),
  error: str(row.error),
});

/** A delivery claimed by the worker, with its event. */
export interface ClaimedDelivery {
  delivery: Delivery;
  event: PluginEvent;
  /** The event's sealed secrets (outbox.secrets), null once wiped or when it had none. */
  sealedSecrets: string | null;
  /**
   * The event's order key: its payload's `caseId` (null for events about no case). Deliveries of one
   * plugin with the same order key are delivered one after another in outbox id order.
   */
  orderKey: string | null;
  /** Status and due time before this claim, to put a delivery back unattempted (`releaseClaims`). */
  before: { status: DeliveryStatus; nextAttemptAt: string };
}

/** The outcome of one attempt, to record. */
export interface AttemptRecord {
  deliveryId: string;
  startedAt: string;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  /** The status after this attempt. */
  status: 'delivered' | 'failed-retrying' | 'dead';
  nextAttemptAt: string;
  now: string;
}

/** PluginStore on a LibsqlStore, plus the queries the outbox worker runs. */
export class LibsqlPluginStore implements PluginStore {
  readonly #db: LibsqlStore;

  constructor(db: LibsqlStore) {
    this.#db = db;
  }

  async getState(name: string): Promise<PluginState | null> {
    const rows = await this.#db.read('SELECT * FROM plugin_states WHERE name = ?', [name]);
    return rows[0] ? toState(rows[0]) : null;
  }

  async listStates(): Promise<PluginState[]> {
    return (await this.#db.read('SELECT * FROM plugin_states ORDER BY name')).map(toState);
  }

  async saveState(
    input: Parameters<PluginStore['saveState']>[0],
    alsoInTransaction?: (tx: Pick<Repositories, 'audit'>) => Promise<unknown>,
  ): Promise<void> {
    await this.#db.sqlTransaction(async (tx) => {
      await tx.execute(
        'INSERT INTO plugin_states (name, updated_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING',
        [input.name, input.updatedAt],
      );
      const sets: string[] = ['updated_at = ?'];
      const args: Array<string | number | null> = [input.updatedAt];
      if (input.isEnabled !== undefined) {
        sets.push('enabled = ?');
        args.push(input.isEnabled ? 1 : 0);
      }
      if (input.config !== undefined) {
        sets.push('config = ?');
        args.push(JSON.stringify(input.config));
      }
      if (input.sealedCredentials !== undefined) {
        sets.push('sealed_credentials = ?');
        args.push(input.sealedCredentials);
      }
      if (input.grantedPersonalData !== undefined) {
        sets.push('granted_personal_data = ?');
        args.push(JSON.stringify(input.grantedPersonalData));
      }
      await tx.execute(`UPDATE plugin_states SET ${sets.join(', ')} WHERE name = ?`, [...args, input.name]);
      if (alsoInTransaction) {
        const { key } = this.#db.audit;
        const audit = {
          ...createAuditRepository({
            read: async (text, params) => (await tx.execute(text, params)).rows,
            write: async (text, params) => (await tx.execute(text, params)).rowsAffected,
          }),
          // Keyed like the store's own audit repository (withAuditKey): plugin records are HMAC'd and checkpointed too.
          ...(key ? { key } : {}),
        };
        await alsoInTransaction({ audit });
      }
    });
  }

  async recordHandoffStatus(input: HandoffStatus): Promise<boolean> {
    const { rowsAffected } = await this.#db.write(
      `INSERT INTO plugin_handoff_statuses
         (plugin, case_number, case_id, external_id, status, note, reported_at, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [
        input.plugin,
        input.caseNumber,
        input.caseId,
        input.externalId,
        input.status,
        input.note,
        input.reportedAt,
        input.receivedAt,
      ],
    );
    return rowsAffected > 0;
  }

  async listHandoffStatuses(query: {
    plugin?: string;
    caseNumber?: string;
    limit: number;
  }): Promise<HandoffStatus[]> {
    const { where, args } = equalityFilters([
      ['plugin', query.plugin || undefined],
      ['case_number', query.caseNumber || undefined],
    ]);
    const rows = await this.#db.read(
      `SELECT * FROM plugin_handoff_statuses ${whereClause(where)}
       ORDER BY id DESC LIMIT ?`,
      [...args, query.limit],
    );
    return rows.map((row) => ({
      plugin: String(row.plugin),
      caseNumber: String(row.case_number),
      caseId: str(row.case_id),
      externalId: String(row.external_id),
      status: String(row.status),
      note: str(row.note),
      reportedAt: str(row.reported_at),
      receivedAt: String(row.received_at),
    }));
  }

  async listDeliveries(query: Parameters<PluginStore['listDeliveries']>[0]): Promise<Delivery[]> {
    const { where, args } = equalityFilters([
      ['plugin', query.plugin || undefined],
      ['status', query.status || undefined],
    ]);
    const rows = await this.#db.read(
      `SELECT * FROM plugin_deliveries ${whereClause(where)}
       ORDER BY created_at DESC, outbox_id DESC, plugin LIMIT ?`,
      [...args, query.limit],
    );
    const deliveries = rows.map(toDelivery);
    if (query.withAttempts) {
      for (const delivery of deliveries) delivery.attemptLog = await this.attemptsOf(delivery.id);
    }
    return deliveries;
  }

  async getDelivery(id: string): Promise<Delivery | null> {
    const rows = await this.#db.read('SELECT * FROM plugin_deliveries WHERE id = ?', [id]);
    if (!rows[0]) return null;
    return { ...toDelivery(rows[0]), attemptLog: await this.attemptsOf(id) };
  }

  async attemptsOf(deliveryId: string): Promise<DeliveryAttempt[]> {
    const rows = await this.#db.read(
      'SELECT * FROM plugin_delivery_attempts WHERE delivery_id = ? ORDER BY attempt',
      [deliveryId],
    );
    return rows.map(toAttempt);
  }

  async replayDelivery(id: string, now: string): Promise<boolean> {
    const { rowsAffected } = await this.#db.write(
      `UPDATE plugin_deliveries SET status = 'pending', tries = 0, next_attempt_at = ?, updated_at = ?
       WHERE id = ? AND status = 'dead'`,
      [now, now, id],
    );
    return rowsAffected > 0;
  }

  async addWebhookReceipt(input: {
    plugin: string;
    deliveryId: string;
    receivedAt: string;
  }): Promise<boolean> {
    const { rowsAffected } = await this.#db.write(
      'INSERT INTO webhook_receipts (plugin, delivery_id, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      [input.plugin, input.deliveryId, input.receivedAt],
    );
    return rowsAffected > 0;
  }

  async hasWebhookReceipt(plugin: string, deliveryId: string): Promise<boolean> {
    const rows = await this.#db.read('SELECT 1 FROM webhook_receipts WHERE plugin = ? AND delivery_id = ?', [
      plugin,
      deliveryId,
    ]);
    return rows.length > 0;
  }

  /**
   * Takes or renews the lease `name` for `owner` until `expiresAt`; true when `owner` holds it.
   * One statement, so two nodes racing cannot both win.
   */
  async acquireLease(input: {
    name: string;
    owner: string;
    now: string;
    expiresAt: string;
  }): Promise<boolean> {
    const { rowsAffected } = await this.#db.write(
      `INSERT INTO worker_leases (name, owner, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE worker_leases.owner = excluded.owner OR worker_leases.expires_at <= ?`,
      [input.name, input.owner, input.expiresAt, input.now],
    );
    return rowsAffected > 0;
  }

  /** Gives the lease up if `owner` holds it. */
  async releaseLease(name: string, owner: string): Promise<void> {
    await this.#db.write('DELETE FROM worker_leases WHERE name = ? AND owner = ?', [name, owner]);
  }

  /** The current lease holder, if any. */
  async leaseOf(name: string): Promise<{ owner: string; expiresAt: string } | null> {
    const rows = await this.#db.read('SELECT owner, expires_at FROM worker_leases WHERE name = ?', [name]);
    return rows[0] ? { owner: String(rows[0].owner), expiresAt: String(rows[0].expires_at) } : null;
  }

  /**
   * Turns outbox events not yet fanned out into one pending delivery per subscribed plugin, in one
   * transaction. `subscribers(topic)` names the enabled plugins subscribed to a topic.
   */
  async fanOut(input: {
    now: string;
    limit: number;
    subscribers: (topic: string, enabled: ReadonlySet<string>) => string[];
    newId: () => string;
    /** Whether a plugin's manifest asks for event secrets; an event no subscriber needs them for has them wiped at once. */
    needsSecrets?: (plugin: string) => boolean;
  }): Promise<number> {
    return this.#db.sqlTransaction(async (tx) => {
      const enabled = new Set(
        (await tx.execute('SELECT name FROM plugin_states WHERE enabled = 1')).rows.map((r) =>
          String(r.name),
        ),
      );
      const events = (
        await tx.execute('SELECT id, topic FROM outbox WHERE fanned_out_at IS NULL ORDER BY id LIMIT ?', [
          input.limit,
        ])
      ).rows;
      let created = 0;
      for (const event of events) {
        const plugins = input.subscribers(String(event.topic), enabled);
        if (!plugins.some((plugin) => input.needsSecrets?.(plugin) ?? false))
          await tx.execute('UPDATE outbox SET secrets = NULL WHERE id = ? AND secrets IS NOT NULL', [
            Number(event.id),
          ]);
        for (const plugin of plugins) {
          const { rowsAffected } = await tx.execute(
            `INSERT INTO plugin_deliveries (id, outbox_id, plugin, topic, status, next_attempt_at, created_at, updated_at)
             VALUES (?, ?, ?, ?, 'pending', ?, ?, ?) ON CONFLICT DO NOTHING`,
            [input.newId(), Number(event.id), plugin, String(event.topic), input.now, input.now, input.now],
          );
          created += rowsAffected;
        }
        await tx.execute('UPDATE outbox SET fanned_out_at = ? WHERE id = ?', [input.now, Number(event.id)]);
      }
      return created;
    });
  }

  /**
   * Claims due deliveries of enabled plugins: marks them `delivering` and pushes their due time to
   * `reclaimAt`, so a node that dies mid-delivery leaves them to be retried after that.
   *
   * Per-case order: a delivery is held back (not claimed) while an earlier delivery (smaller outbox
   * id) of the same plugin and the same order key (the payload's `caseId`) is unfinished and not
   * due, i.e. waiting for its retry or in flight on another claim. Claims are taken in outbox id
   * order, so when a later delivery is claimed every earlier unfinished one of its key is claimed
   * with it, and the worker runs them in that order.
   */
  async claimDue(input: { now: string; limit: number; reclaimAt: string }): Promise<ClaimedDelivery[]> {
    return this.#db.sqlTransaction(async (tx) => {
      const rows = (
        await tx.execute(
          `SELECT d.*, o.payload AS event_payload, o.created_at AS event_created_at, o.secrets AS event_secrets,
             json_extract(o.payload, '$.caseId') AS order_key
           FROM plugin_deliveries d
           JOIN outbox o ON o.id = d.outbox_id
           JOIN plugin_states s ON s.name = d.plugin AND s.enabled = 1
           WHERE d.status IN ('pending', 'failed-retrying', 'delivering') AND d.next_attempt_at <= ?
             AND NOT EXISTS (
               SELECT 1 FROM plugin_deliveries e JOIN outbox eo ON eo.id = e.outbox_id
               WHERE e.plugin = d.plugin AND e.outbox_id < d.outbox_id
                 AND e.status IN ('pending', 'failed-retrying', 'delivering') AND e.next_attempt_at > ?
                 AND json_extract(eo.payload, '$.caseId') = json_extract(o.payload, '$.caseId'))
           ORDER BY d.outbox_id, d.plugin LIMIT ?`,
          [input.now, input.now, input.limit],
        )
      ).rows;
      const claimed: ClaimedDelivery[] = [];
      for (const row of rows) {
        await tx.execute(
          `UPDATE plugin_deliveries SET status = 'delivering', next_attempt_at = ?, updated_at = ? WHERE id = ?`,
          [input.reclaimAt, input.now, String(row.id)],
        );
        const before = toDelivery(row);
        const delivery = { ...before, status: 'delivering' as const, nextAttemptAt: input.reclaimAt };
        claimed.push({
          delivery,
          event: {
            id: delivery.outboxId,
            topic: delivery.topic,
            payload: JSON.parse(String(row.event_payload)) as JsonObject,
            createdAt: String(row.event_created_at),
          },
          sealedSecrets: row.event_secrets == null ? null : String(row.event_secrets),
          orderKey: row.order_key == null ? null : String(row.order_key),
          before: { status: before.status, nextAttemptAt: before.nextAttemptAt },
        });
      }
      return claimed;
    });
  }

  /**
   * Puts claimed deliveries back unattempted (status and due time as before the claim): the worker
   * does so for the later deliveries of a case whose earlier delivery is waiting for a retry. They
   * stay held back by it (see `claimDue`) until it is delivered or dead.
   */
  async releaseClaims(claims: readonly ClaimedDelivery[], now: string): Promise<void> {
    if (claims.length === 0) return;
    await this.#db.sqlTransaction(async (tx) => {
      for (const { delivery, before } of claims)
        await tx.execute(
          `UPDATE plugin_deliveries SET status = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'delivering'`,
          [before.status === 'delivering' ? 'failed-retrying' : before.status, now, now, delivery.id],
        );
    });
  }

  /** Records one attempt and the delivery's new status together. */
  async recordAttempt(record: AttemptRecord): Promise<void> {
    await this.#db.sqlTransaction(async (tx) => {
      const current = (
        await tx.execute('SELECT attempts FROM plugin_deliveries WHERE id = ?', [record.deliveryId])
      ).rows[0];
      const attempt = Number(current?.attempts ?? 0) + 1;
      await tx.execute(
        `INSERT INTO plugin_delivery_attempts (delivery_id, attempt, started_at, duration_ms, outcome, status_code, error)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [
          record.deliveryId,
          attempt,
          record.startedAt,
          record.durationMs,
          record.status === 'delivered' ? 'delivered' : 'failed',
          record.statusCode,
          record.error,
        ],
      );
      await tx.execute(
        `UPDATE plugin_deliveries SET status = ?, attempts = attempts + 1, tries = tries + 1, next_attempt_at = ?,
           last_error = ?, last_status_code = ?, updated_at = ?, delivered_at = ?
         WHERE id = ?`,
        [
          record.status,
          record.nextAttemptAt,
          record.error,
          record.statusCode,
          record.now,
          record.status === 'delivered' ? record.now : null,
          record.deliveryId,
        ],
      );
      // Secrets live only until every delivery of their event is delivered (a dead letter keeps them,
      // sealed, for the administrator's replay).
      await tx.execute(
        `UPDATE outbox SET secrets = NULL
         WHERE secrets IS NOT NULL AND id = (SELECT outbox_id FROM plugin_deliveries WHERE id = ?)
           AND NOT EXISTS (SELECT 1 FROM plugin_deliveries WHERE outbox_id = outbox.id AND status <> 'delivered')`,
        [record.deliveryId],
      );
    });
  }

  /** Counts of deliveries by status, for health and tests. */
  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.#db.read('SELECT status, count(*) AS n FROM plugin_deliveries GROUP BY status');
    return Object.fromEntries(rows.map((r) => [String(r.status), Number(r.n)]));
  }
}
