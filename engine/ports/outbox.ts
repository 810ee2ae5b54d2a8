/** @module Outbox port: domain events appended inside the transaction of the change that caused them. */

/** An event to append. */
export interface OutboxEventInput {
  /** Dotted topic, e.g. `case.accepted`. */
  topic: string;
  /** JSON object; never put credentials, the citizen's query password or phone number here (see `sealedSecrets`). */
  payload: Record<string, unknown>;
  /**
   * Sealed (the plugin credential key, AES-256-GCM) JSON object of values only plugins whose manifest
   * lists them in `secrets` receive, merged into the payload at delivery; wiped once the event's
   * deliveries are settled. Build it with app `sealEventSecrets`.
   */
  sealedSecrets?: string | null;
  /** Optional deduplication key: a second event with the same topic and key is dropped. */
  key?: string | null;
  /** ISO instant; the store's time when omitted. */
  createdAt?: string;
}

/** Appends outbox events; bound to the transaction inside `Store.transaction`. */
export interface OutboxRepository {
  /** Appends one event; resolves false when the (topic, key) pair already exists and nothing was written. */
  append(event: OutboxEventInput): Promise<boolean>;
}
