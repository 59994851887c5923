-- Presence (issue 13, User Presence): what the account's clients last reported, `online` or
-- `away` (after the idle time of the preferences), and when. Without a report for five minutes
-- the account is offline. One row per account, so every instance answers the same.
CREATE TABLE presence (
    user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    state   TEXT NOT NULL,
    seen_at BIGINT NOT NULL
);
