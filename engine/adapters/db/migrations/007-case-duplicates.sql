-- Duplicate detection at intake reads the cases of a bounded window by category and by the caller's
-- phone: two range reads on these indexes instead of a scan of all cases.
CREATE INDEX cases_category_created ON cases (category, created_at);
CREATE INDEX cases_requester_phone ON cases (json_extract(requester, '$.phone'), created_at);
