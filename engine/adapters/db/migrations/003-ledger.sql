-- Ledger (电子台帐): append-only entries pinned to a rule-set version, content-addressed attachments,
-- amendment requests, third-party / derived values and the score projection kept in step with them.

CREATE TABLE ledger_entries (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  unit_id TEXT NOT NULL,
  indicator_id TEXT NOT NULL,
  period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  values_json TEXT NOT NULL,
  rule_set_id TEXT NOT NULL,
  rule_set_version INTEGER NOT NULL,
  submitted_by TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  is_late INTEGER NOT NULL DEFAULT 0,
  -- the entry this one replaces (a resubmission before the lock, or an approved amendment)
  supersedes TEXT REFERENCES ledger_entries (id),
  -- how it arrived: submitted | amendment | seeded
  status TEXT NOT NULL DEFAULT 'submitted',
  attachments_json TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX ledger_entries_key ON ledger_entries (unit_id, indicator_id, period, submitted_at);
CREATE INDEX ledger_entries_period ON ledger_entries (rule_set_id, period);
CREATE INDEX ledger_entries_supersedes ON ledger_entries (supersedes);

CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'ledger entries are append-only');
END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'ledger entries are append-only');
END;

-- One row per distinct content; names and mime types as first uploaded.
CREATE TABLE attachments (
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  content BLOB NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL
);
CREATE TRIGGER attachments_no_update BEFORE UPDATE ON attachments
BEGIN
  SELECT RAISE(ABORT, 'attachments are immutable');
END;

CREATE TABLE amendment_requests (
  id TEXT PRIMARY KEY,
  entry_id TEXT NOT NULL REFERENCES ledger_entries (id),
  unit_id TEXT NOT NULL,
  indicator_id TEXT NOT NULL,
  period TEXT NOT NULL,
  values_json TEXT NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  requested_by TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT,
  note TEXT,
  new_entry_id TEXT REFERENCES ledger_entries (id)
);
CREATE INDEX amendment_requests_status ON amendment_requests (status, requested_at);
CREATE INDEX amendment_requests_entry ON amendment_requests (entry_id);

-- Values delivered by third parties / plugins (source thirdParty) or derived (e.g. case metrics).
CREATE TABLE source_values (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL CHECK (source IN ('thirdParty', 'derived')),
  unit_id TEXT NOT NULL,
  indicator_id TEXT NOT NULL,
  period TEXT NOT NULL,
  values_json TEXT NOT NULL,
  rule_set_id TEXT NOT NULL,
  rule_set_version INTEGER NOT NULL,
  submitted_by TEXT NOT NULL,
  submitted_at TEXT NOT NULL
);
CREATE INDEX source_values_key ON source_values (unit_id, indicator_id, period);
CREATE TRIGGER source_values_no_update BEFORE UPDATE ON source_values
BEGIN
  SELECT RAISE(ABORT, 'source values are append-only');
END;
CREATE TRIGGER source_values_no_delete BEFORE DELETE ON source_values
BEGIN
  SELECT RAISE(ABORT, 'source values are append-only');
END;

-- Projections: the current scores of each published version, rewritten with the entries that change them.
CREATE TABLE score_projection (
  rule_set_id TEXT NOT NULL,
  rule_set_version INTEGER NOT NULL,
  unit_id TEXT NOT NULL,
  indicator_id TEXT NOT NULL,
  period TEXT NOT NULL,
  status TEXT NOT NULL,
  points REAL NOT NULL,
  weighted REAL NOT NULL,
  score_json TEXT NOT NULL,
  PRIMARY KEY (rule_set_id, rule_set_version, unit_id, period, indicator_id)
) WITHOUT ROWID;

CREATE TABLE result_projection (
  rule_set_id TEXT NOT NULL,
  rule_set_version INTEGER NOT NULL,
  unit_id TEXT NOT NULL,
  period TEXT NOT NULL,
  total REAL NOT NULL,
  grade_id TEXT,
  result_json TEXT NOT NULL,
  PRIMARY KEY (rule_set_id, rule_set_version, unit_id, period)
) WITHOUT ROWID;
