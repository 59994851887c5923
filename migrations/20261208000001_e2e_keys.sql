-- End-to-end encryption keys (issue 16, seeds 001 and 003): made in the browser, kept here only
-- in a form the server cannot use. The public key (SPKI, base64) for others to encrypt to; the
-- private key wrapped under the person's encryption password (AES-256-GCM, PBKDF2-SHA-256) with
-- the KDF's parameters; a version that grows with each new wrapping, so two devices cannot
-- overwrite each other's change silently.
CREATE TABLE e2e_keys (
    user_id      TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    public_key   TEXT NOT NULL,
    fingerprint  TEXT NOT NULL,
    kdf          TEXT NOT NULL,
    iterations   BIGINT NOT NULL,
    salt         TEXT NOT NULL,
    cipher       TEXT NOT NULL,
    iv           TEXT NOT NULL,
    ciphertext   TEXT NOT NULL,
    version      BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);

-- The Security page's "Encrypted note to yourself": ciphertext only (a random AES key sealed to
-- the public key with RSA-OAEP, the nonce, the note under AES-256-GCM). Gone with the key.
CREATE TABLE e2e_notes (
    user_id     TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    sealed_key  TEXT NOT NULL,
    iv          TEXT NOT NULL,
    ciphertext  TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- Browsers that keep the unlocked key (non-extractable, in their IndexedDB) for this version of
-- the wrapping. A browser whose row is gone forgets its copy the next time it opens a page.
CREATE TABLE e2e_devices (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    browser     TEXT NOT NULL,
    os          TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX e2e_devices_user ON e2e_devices (user_id, created_at);
