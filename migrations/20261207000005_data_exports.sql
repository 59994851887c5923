-- Preferences → My Data (issue 15, seed 003): each request is a job here, so that any instance
-- can run it and it survives restarts. The worker writes the file to its own disk, then stores
-- it here in pieces, so that whichever instance a link reaches can send it; the mailed link's
-- token is stored as its SHA-256 only.

CREATE TABLE data_exports (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    format       TEXT NOT NULL,             -- html | json
    state        TEXT NOT NULL,             -- queued | running | ready | downloaded | expired | failed
    progress     BIGINT NOT NULL DEFAULT 0, -- percent
    requested_at BIGINT NOT NULL,
    claimed_at   BIGINT,                    -- by the instance writing it; renewed as it goes
    finished_at  BIGINT,
    size         BIGINT,                    -- bytes, once stored
    link_hash    TEXT,
    expires_at   BIGINT
);
CREATE INDEX data_exports_user ON data_exports (user_id, requested_at);
CREATE INDEX data_exports_state ON data_exports (state, requested_at);
CREATE INDEX data_exports_expires ON data_exports (expires_at);
CREATE UNIQUE INDEX data_exports_link ON data_exports (link_hash);

-- The file, in pieces of at most 1 MiB, deleted once downloaded or expired.
CREATE TABLE data_export_chunks (
    export_id TEXT NOT NULL REFERENCES data_exports (id) ON DELETE CASCADE,
    seq       BIGINT NOT NULL,
    bytes     BYTEA NOT NULL,
    PRIMARY KEY (export_id, seq)
);
