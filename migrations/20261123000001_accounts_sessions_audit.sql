-- Accounts, sessions, the security audit log and database-backed rate limits.
-- Portable SQL for SQLite and PostgreSQL: times are unix milliseconds (BIGINT), ids are made by
-- the application, flags are nullable timestamps.

CREATE TABLE users (
    id                  TEXT PRIMARY KEY,
    username            TEXT NOT NULL,          -- lower case; shown as typed in display_username
    display_username    TEXT NOT NULL,
    email               TEXT NOT NULL,          -- lower case
    name                TEXT NOT NULL,
    password_hash       TEXT NOT NULL,          -- argon2id PHC string
    role                TEXT NOT NULL DEFAULT 'user',
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL,
    password_changed_at BIGINT NOT NULL,
    disabled_at         BIGINT
);
CREATE UNIQUE INDEX users_username ON users (username);
CREATE UNIQUE INDEX users_email ON users (email);

CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL,                 -- SHA-256 of the cookie's 256-bit token
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,               -- absolute end, whatever the activity
    ip           TEXT NOT NULL,
    user_agent   TEXT NOT NULL
);
CREATE UNIQUE INDEX sessions_token_hash ON sessions (token_hash);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE audit_log (
    id          TEXT PRIMARY KEY,
    user_id     TEXT REFERENCES users (id) ON DELETE SET NULL,  -- whose account it concerns
    actor_id    TEXT,                                           -- who did it, when not the user
    event       TEXT NOT NULL,
    ip          TEXT NOT NULL,
    user_agent  TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '{}',                     -- JSON, never a secret
    created_at  BIGINT NOT NULL
);
CREATE INDEX audit_log_user ON audit_log (user_id, created_at);

-- Fixed-window counters, shared by every instance: one row per key (e.g. "signin:ip:1.2.3.4").
CREATE TABLE rate_limits (
    key          TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    hits         BIGINT NOT NULL
);
