-- Email verification, one-time links (verify, change email, reset password), the password
-- policy and password history.

-- When the current address was confirmed; NULL until its link is opened.
ALTER TABLE users ADD COLUMN email_verified_at BIGINT;

-- Single-use links sent by mail. Only the SHA-256 of the token (256 random bits) is kept; a
-- use deletes the row in the same statement that reads it, so one link works exactly once.
CREATE TABLE one_time_tokens (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL,      -- verify_email | change_email | reset_password
    token_hash  TEXT NOT NULL,
    email       TEXT NOT NULL,      -- the address the link was sent to (the new one for a change)
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX one_time_tokens_hash ON one_time_tokens (token_hash);
CREATE INDEX one_time_tokens_user ON one_time_tokens (user_id, purpose);
CREATE INDEX one_time_tokens_expires ON one_time_tokens (expires_at);

-- Server-wide settings edited by administrators, one JSON document per key.
CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- Hashes of an account's recent passwords (argon2id, like the current one), newest last, for
-- the policy's "not one of the last N passwords".
CREATE TABLE password_history (
    id            TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    password_hash TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX password_history_user ON password_history (user_id, created_at);
