-- Plugins: statuses outside systems report on cases Baton handed to them (e.g. the approval system).
-- One row per (plugin, external id, status): a re-sent report is not recorded twice.
CREATE TABLE plugin_handoff_statuses (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plugin TEXT NOT NULL,
  case_number TEXT NOT NULL,
  case_id TEXT,
  external_id TEXT NOT NULL,
  status TEXT NOT NULL,
  note TEXT,
  reported_at TEXT,
  received_at TEXT NOT NULL,
  UNIQUE (plugin, external_id, status)
);
CREATE INDEX plugin_handoff_statuses_case ON plugin_handoff_statuses (case_number, id);
