-- Throttles that slow guessing without locking people out, and outbox secrets kept out of payloads.

-- An attempt refused by the throttle is kept (to count a flood for the audit) but never counts as a
-- failure; a failure row is written before the password is verified (the reservation).
ALTER TABLE login_attempts ADD COLUMN refused INTEGER NOT NULL DEFAULT 0;
CREATE INDEX login_attempts_username_ip ON login_attempts (username, ip, at);
ALTER TABLE case_lookup_attempts ADD COLUMN refused INTEGER NOT NULL DEFAULT 0;
CREATE INDEX case_lookup_attempts_number_ip ON case_lookup_attempts (number, ip, at);

-- Secrets an event hands only to plugins whose manifest asks for them (e.g. the citizen's query
-- password for the SMS plugin): sealed under the server's credential key, never in `payload`, and
-- wiped once every delivery of the event is settled.
ALTER TABLE outbox ADD COLUMN secrets TEXT;
