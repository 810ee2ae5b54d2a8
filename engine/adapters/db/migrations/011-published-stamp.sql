-- A change counter of the published rule-set versions: every node keeps the published versions in
-- memory and, at most once a second, reads this one row (by primary key) to learn whether to read
-- them again. The triggers bump it in the transaction that publishes, supersedes, trims or archives
-- a version, whichever code path (or node) does it.
CREATE TABLE rule_set_publications (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  stamp INTEGER NOT NULL
);
INSERT INTO rule_set_publications (id, stamp) VALUES (1, 0);

CREATE TRIGGER rule_set_versions_stamp_insert AFTER INSERT ON rule_set_versions
WHEN NEW.status = 'published'
BEGIN
  UPDATE rule_set_publications SET stamp = stamp + 1 WHERE id = 1;
END;

CREATE TRIGGER rule_set_versions_stamp_update AFTER UPDATE ON rule_set_versions
WHEN OLD.status = 'published' OR NEW.status = 'published'
BEGIN
  UPDATE rule_set_publications SET stamp = stamp + 1 WHERE id = 1;
END;

CREATE TRIGGER rule_set_versions_stamp_delete AFTER DELETE ON rule_set_versions
WHEN OLD.status = 'published'
BEGIN
  UPDATE rule_set_publications SET stamp = stamp + 1 WHERE id = 1;
END;
