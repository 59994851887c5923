-- The devices an account has signed in from (issue 15): a sign-in from another one is mailed to
-- its owner. `device_hash` is the SHA-256 of a browser's device cookie, or of an API client's
-- user agent and address; never the cookie itself.

CREATE TABLE known_devices (
    user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device_hash   TEXT NOT NULL,
    first_seen_at BIGINT NOT NULL,
    last_seen_at  BIGINT NOT NULL,
    PRIMARY KEY (user_id, device_hash)
);
CREATE INDEX known_devices_last_seen ON known_devices (last_seen_at);
