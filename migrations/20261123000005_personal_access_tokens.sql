-- Personal access tokens for the REST API. A token has 256 random bits; only its SHA-256 is
-- kept, with its last six characters to tell tokens apart in the list.
CREATE TABLE personal_access_tokens (
    id                TEXT PRIMARY KEY,
    user_id           TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name              TEXT NOT NULL,
    token_hash        TEXT NOT NULL,
    last_chars        TEXT NOT NULL,
    ignore_two_factor BIGINT NOT NULL DEFAULT 0,   -- 1: 2FA-protected calls need no code
    read_only         BIGINT NOT NULL DEFAULT 0,   -- 1: GET only
    created_at        BIGINT NOT NULL,
    expires_at        BIGINT,                      -- NULL: never
    last_used_at      BIGINT,
    last_used_ip      TEXT
);
CREATE UNIQUE INDEX personal_access_tokens_hash ON personal_access_tokens (token_hash);
CREATE UNIQUE INDEX personal_access_tokens_name ON personal_access_tokens (user_id, name);
