-- Plugins: durable outbox, per-plugin state, deliveries with attempts, worker leases, webhook receipts,
-- and intake requests (the stand-in for cases until the case-management operations exist).

-- Domain events written in the same transaction as the change that caused them.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  topic TEXT NOT NULL,
  payload TEXT NOT NULL,
  -- Optional deduplication key: a second event with the same topic and key is not written.
  dedupe_key TEXT,
  created_at TEXT NOT NULL,
  -- Set once the worker has fanned the event out to the subscribed plugins.
  fanned_out_at TEXT
);
CREATE UNIQUE INDEX outbox_topic_key ON outbox (topic, dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX outbox_pending ON outbox (id) WHERE fanned_out_at IS NULL;

-- Enabled flag, config and sealed (AES-256-GCM) credentials of each plugin; shared by every node.
CREATE TABLE plugin_states (
  name TEXT PRIMARY KEY,
  enabled INTEGER NOT NULL DEFAULT 0,
  config TEXT NOT NULL DEFAULT '{}',
  sealed_credentials TEXT,
  updated_at TEXT NOT NULL
);

-- One row per (event, plugin). status: pending | delivering | delivered | failed-retrying | dead.
CREATE TABLE plugin_deliveries (
  id TEXT PRIMARY KEY,
  outbox_id INTEGER NOT NULL REFERENCES outbox (id),
  plugin TEXT NOT NULL,
  topic TEXT NOT NULL,
  status TEXT NOT NULL,
  -- All attempts ever, and attempts since the last manual replay (the retry budget).
  attempts INTEGER NOT NULL DEFAULT 0,
  tries INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  last_status_code INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  delivered_at TEXT,
  UNIQUE (outbox_id, plugin)
);
CREATE INDEX plugin_deliveries_due ON plugin_deliveries (status, next_attempt_at);
CREATE INDEX plugin_deliveries_plugin ON plugin_deliveries (plugin, status);

CREATE TABLE plugin_delivery_attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  delivery_id TEXT NOT NULL REFERENCES plugin_deliveries (id),
  attempt INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  status_code INTEGER,
  error TEXT
);
CREATE INDEX plugin_delivery_attempts_delivery ON plugin_delivery_attempts (delivery_id, attempt);

-- Background worker leases: exactly one node holds each name until expires_at.
CREATE TABLE worker_leases (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

-- Inbound webhook deliveries already applied, for replay protection.
CREATE TABLE webhook_receipts (
  plugin TEXT NOT NULL,
  delivery_id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (plugin, delivery_id)
);

-- Requests from intake channels; one per (channel, external id).
CREATE TABLE intake_requests (
  id TEXT PRIMARY KEY,
  case_number TEXT NOT NULL UNIQUE,
  channel TEXT NOT NULL,
  external_id TEXT NOT NULL,
  category TEXT,
  text TEXT NOT NULL,
  location TEXT,
  requester TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (channel, external_id)
);
