-- Administration → Audit log (issue 15): the server-wide log, newest first, and filtered by the
-- account that did something to others or by address, read through indexes.

CREATE INDEX audit_log_time ON audit_log (created_at, id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, created_at);
CREATE INDEX audit_log_ip ON audit_log (ip, created_at);
