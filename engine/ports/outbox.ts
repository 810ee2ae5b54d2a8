/** @module Outbox port: domain events appended inside the transaction of the change that caused them. */

/** An event to append. */
export interface OutboxEventInput {
  /** Dotted topic, e.g. `case.accepted`. */
  topic: string;
  /** JSON object; never put credentials here. */
  payload: Record<string, unknown>;
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
