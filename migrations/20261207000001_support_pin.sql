-- The Support PIN (issue 14, seed 004): what a caller tells support to prove they own the
-- account. Only an argon2id hash is kept, of the PIN keyed by the server key (HMAC-SHA-256), so a
-- copy of the database alone cannot be searched for the few thousand PINs there are.
CREATE TABLE support_pins (
    user_id  TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    pin_hash TEXT NOT NULL,
    set_at   BIGINT NOT NULL
);
-- users.role gains 'support' (support staff: the support desk); no change of schema.
