-- Keyed audit chain: each record says how its hash was made (rows written before this migration are
-- plain SHA-256), and signed head checkpoints (count + last hash, HMAC'd under the audit key) are kept
-- apart from the chain, one per appended record, written in the same transaction as the record.
ALTER TABLE audit_log ADD COLUMN scheme TEXT NOT NULL DEFAULT 'sha256';
ALTER TABLE audit_log ADD COLUMN key_id TEXT;

CREATE TABLE audit_checkpoints (
  count INTEGER PRIMARY KEY,   -- records covered (= seq of the last one)
  last_hash TEXT NOT NULL,
  at TEXT NOT NULL,
  key_id TEXT NOT NULL,
  mac TEXT NOT NULL
);

CREATE TRIGGER audit_checkpoints_no_update
BEFORE UPDATE ON audit_checkpoints
BEGIN
  SELECT RAISE(ABORT, 'audit_checkpoints is append-only');
END;

CREATE TRIGGER audit_checkpoints_no_delete
BEFORE DELETE ON audit_checkpoints
BEGIN
  SELECT RAISE(ABORT, 'audit_checkpoints is append-only');
END;
