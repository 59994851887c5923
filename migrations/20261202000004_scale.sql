-- What keeps the hot queries on an index at a million accounts (a test EXPLAINs them).

-- The administrators' list, newest first, a page at a time by cursor (created_at, id).
CREATE INDEX users_created ON users (created_at, id);

-- The administrators' search: the prefixes of each account's terms (username, address, the
-- address's domain, each word of the name and the whole name), lower case, as UTF-8 bytes, so
-- that a prefix is a range of the index whatever the database's collation. The accounts
-- repository writes them with the account, in one transaction; terms of accounts from before
-- are written at start-up (`accounts::repo::index_unindexed`).
CREATE TABLE user_search (
    term    BYTEA NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (term, user_id)
);
CREATE INDEX user_search_user ON user_search (user_id, term);
ALTER TABLE users ADD COLUMN search_indexed BIGINT NOT NULL DEFAULT 0;
CREATE INDEX users_search_unindexed ON users (search_indexed, id);

-- Counts for the administration page, kept with every insert into `users` (COUNT(*) reads
-- the whole table).
CREATE TABLE user_counts (
    id     BIGINT PRIMARY KEY,
    users  BIGINT NOT NULL,
    admins BIGINT NOT NULL
);
INSERT INTO user_counts (id, users, admins)
SELECT 1, COUNT(*), COALESCE(SUM(CASE WHEN role = 'admin' THEN 1 ELSE 0 END), 0) FROM users;

-- Housekeeping deletes by these.
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);
CREATE INDEX rate_limits_window ON rate_limits (window_start);
-- The administration page counts given-up mail.
CREATE INDEX mail_queue_given_up ON mail_queue (given_up_at) WHERE given_up_at IS NOT NULL;
