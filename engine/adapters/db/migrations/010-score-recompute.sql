-- Scores recomputed off the request path: an entry's transaction records here which (rule set, unit,
-- period) it left stale; the background recompute deletes the row in the transaction that writes the
-- recomputed projection. Rows left after a crash or restart are recomputed when the version loads.
CREATE TABLE score_recompute_pending (
  entry_id TEXT PRIMARY KEY,
  rule_set_id TEXT NOT NULL,
  rule_set_version INTEGER NOT NULL,
  unit_id TEXT NOT NULL,
  indicator_id TEXT NOT NULL,
  period TEXT NOT NULL,
  created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX score_recompute_pending_rule_set ON score_recompute_pending (rule_set_id);
