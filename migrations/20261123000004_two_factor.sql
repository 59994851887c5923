-- Two-factor authentication: TOTP, backup codes, email codes, pending sign-ins, per-account
-- lockout of the second step, re-authentication ("sudo mode") and the admin's force flag.

-- Set by an administrator: the account must set up TOTP before anything else is reachable.
ALTER TABLE users ADD COLUMN two_factor_forced_at BIGINT;
-- Email codes as a second factor: 'on' or 'off' as the user chose; NULL follows the server-wide
-- default (on for verified addresses when an administrator says so).
ALTER TABLE users ADD COLUMN email_two_factor TEXT;

-- When this session last re-entered its password (and second factor): sensitive changes need it
-- to be recent.
ALTER TABLE sessions ADD COLUMN reauthenticated_at BIGINT;

-- One authenticator per account. The secret is sealed (AES-256-GCM under the server key, bound
-- to the account). A row is written only once a code from the new secret was verified: until
-- then the secret exists only sealed in the setup form.
CREATE TABLE totp_factors (
    user_id       TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret_sealed TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    last_step     BIGINT NOT NULL DEFAULT 0  -- highest time step accepted: no code works twice
);

-- Backup codes: argon2id of each code under one random salt per set, so checking a code costs
-- one hash. A used code is deleted in the statement that matches it.
CREATE TABLE backup_codes (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    salt        TEXT NOT NULL,
    code_hash   TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX backup_codes_user ON backup_codes (user_id, code_hash);

-- A password sign-in waiting for its second factor. Worth nothing alone; gone after 5 minutes,
-- after its last allowed wrong code, or when it becomes a session.
CREATE TABLE pending_sign_ins (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL,            -- SHA-256 of the cookie's 256-bit token
    attempts    BIGINT NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    ip          TEXT NOT NULL,
    user_agent  TEXT NOT NULL
);
CREATE UNIQUE INDEX pending_sign_ins_token ON pending_sign_ins (token_hash);
CREATE INDEX pending_sign_ins_expires ON pending_sign_ins (expires_at);

-- Mailed six-digit codes, one live code per sign-in attempt or session that asked for it.
-- Stored as HMAC-SHA-256 under the server key.
CREATE TABLE email_codes (
    bound_to    TEXT PRIMARY KEY,         -- 'signin:<pending id>' or 'session:<session id>'
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash   TEXT NOT NULL,
    attempts    BIGINT NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX email_codes_expires ON email_codes (expires_at);

-- Wrong second-factor codes per account, shared by every sign-in and instance. Past the limit
-- the second step is locked until locked_until, for longer each time.
CREATE TABLE two_factor_failures (
    user_id      TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    failures     BIGINT NOT NULL DEFAULT 0,
    lockouts     BIGINT NOT NULL DEFAULT 0,
    locked_until BIGINT NOT NULL DEFAULT 0
);
