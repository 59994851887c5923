-- Outgoing mail. A message is a row until it is delivered: a failed send is retried later by
-- any instance, so nothing is lost when SMTP is down or an instance stops.
CREATE TABLE mail_queue (
    id              TEXT PRIMARY KEY,
    to_addr         TEXT NOT NULL,
    subject         TEXT NOT NULL,
    text_body       TEXT NOT NULL,
    html_body       TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    locked_until    BIGINT,                    -- claimed by a sender until then
    sent_at         BIGINT,
    last_error      TEXT
);
CREATE INDEX mail_queue_due ON mail_queue (sent_at, next_attempt_at);
