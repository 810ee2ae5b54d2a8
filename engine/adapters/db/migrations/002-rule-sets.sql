-- Rule sets: versions with lifecycle, the hash-chained audit log and key/value settings.
CREATE TABLE rule_sets (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,            -- JSON {en, zh}
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE rule_set_versions (
  rule_set_id TEXT NOT NULL REFERENCES rule_sets(id),
  number INTEGER NOT NULL CHECK (number >= 1),
  status TEXT NOT NULL CHECK (status IN ('draft', 'inReview', 'approved', 'published', 'archived')),
  content TEXT NOT NULL,         -- canonical-able JSON of the rule set, without the version block
  sha256 TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  based_on INTEGER,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  submitted_by TEXT,
  submitted_at TEXT,
  approved_by TEXT,
  approved_at TEXT,
  published_by TEXT,
  published_at TEXT,
  effective_from TEXT,
  effective_to TEXT,
  archived_at TEXT,
  superseded_by TEXT,
  review_comment TEXT,
  PRIMARY KEY (rule_set_id, number)
);
CREATE INDEX rule_set_versions_in_force ON rule_set_versions(status, effective_from, effective_to);

-- Once published, content and hash are frozen for ever (also after archiving).
CREATE TRIGGER rule_set_versions_frozen_content
BEFORE UPDATE OF content, sha256 ON rule_set_versions
WHEN OLD.published_at IS NOT NULL AND (NEW.content IS NOT OLD.content OR NEW.sha256 IS NOT OLD.sha256)
BEGIN
  SELECT RAISE(ABORT, 'published rule set content is immutable');
END;

CREATE TRIGGER rule_set_versions_frozen_publication
BEFORE UPDATE OF status, published_at, published_by ON rule_set_versions
WHEN OLD.published_at IS NOT NULL
  AND (NEW.status NOT IN ('published', 'archived') OR NEW.published_at IS NOT OLD.published_at
       OR NEW.published_by IS NOT OLD.published_by)
BEGIN
  SELECT RAISE(ABORT, 'a published rule set version cannot be unpublished');
END;

CREATE TRIGGER rule_set_versions_no_delete_published
BEFORE DELETE ON rule_set_versions
WHEN OLD.published_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'published rule set versions cannot be deleted');
END;

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  before_hash TEXT,
  after_hash TEXT,
  details TEXT NOT NULL DEFAULT 'null',   -- JSON
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log(actor, seq);
CREATE INDEX audit_log_action ON audit_log(action, seq);
CREATE INDEX audit_log_target ON audit_log(target, seq);
CREATE INDEX audit_log_at ON audit_log(at);

CREATE TRIGGER audit_log_no_update
BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete
BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
