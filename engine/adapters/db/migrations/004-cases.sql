-- Cases (办件): projection rows, append-only event history, per-year numbers, citizen lookup
-- attempts and the deadline worker's once-only notices.

CREATE TABLE case_number_seq (
  year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL
);

-- Current state of each case; rewritten in the same transaction that appends its events.
CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  channel TEXT NOT NULL,
  external_id TEXT,
  category TEXT NOT NULL,
  status TEXT NOT NULL,
  priority TEXT NOT NULL,
  lead_unit_id TEXT,
  assisting_unit_ids TEXT NOT NULL DEFAULT '[]',
  rule_set_id TEXT NOT NULL,
  rule_set_version INTEGER NOT NULL,
  sla_policy_id TEXT,
  workflow_id TEXT NOT NULL,
  query_password_hash TEXT NOT NULL,
  text TEXT NOT NULL,
  data TEXT NOT NULL,
  requester TEXT,
  location TEXT,
  routing TEXT NOT NULL,
  state TEXT NOT NULL,
  timers TEXT NOT NULL DEFAULT '{}',
  sla_light TEXT NOT NULL DEFAULT 'none',
  due_at TEXT,
  -- Comma-framed lists (",dispatcher,unit,") so a LIKE finds one member.
  waiting_roles TEXT NOT NULL DEFAULT ',',
  supervision_level INTEGER NOT NULL DEFAULT 0,
  event_count INTEGER NOT NULL,
  next_check_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX cases_external ON cases (channel, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX cases_created ON cases (created_at);
CREATE INDEX cases_status ON cases (status, created_at);
CREATE INDEX cases_next_check ON cases (next_check_at) WHERE next_check_at IS NOT NULL;

-- Lead and assisting units of each case, and whether the unit has an action now (unit inbox).
CREATE TABLE case_units (
  case_id TEXT NOT NULL REFERENCES cases (id),
  unit_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('lead', 'assisting')),
  is_waiting INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (case_id, unit_id)
);
CREATE INDEX case_units_unit ON case_units (unit_id, is_waiting);

-- The event history: append-only, the source of truth the projection is derived from.
CREATE TABLE case_events (
  case_id TEXT NOT NULL REFERENCES cases (id),
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  actor TEXT,
  at TEXT NOT NULL,
  payload TEXT NOT NULL,
  PRIMARY KEY (case_id, seq)
);
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN
  SELECT RAISE(ABORT, 'case_events is append-only');
END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN
  SELECT RAISE(ABORT, 'case_events is append-only');
END;

-- Deadline notices already emitted (warning per threshold, overdue), so each fires once across restarts.
CREATE TABLE case_sla_notices (
  case_id TEXT NOT NULL REFERENCES cases (id),
  notice_key TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (case_id, notice_key)
);

-- Citizen lookups by number + query password, for throttling guesses.
CREATE TABLE case_lookup_attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  number TEXT NOT NULL,
  ip TEXT,
  succeeded INTEGER NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX case_lookup_attempts_number ON case_lookup_attempts (number, at);
CREATE INDEX case_lookup_attempts_ip ON case_lookup_attempts (ip, at);
