-- Wrong second-factor codes are counted per account and client address (a short lock that
-- doubles) and per account (a long bound on consecutive failures), so that someone holding
-- the password or a token can lock only their own tries, not the owner's sign-in from
-- elsewhere. Counts from before are dropped: they only ever shortened a lock.
DROP TABLE two_factor_failures;
CREATE TABLE two_factor_failures (
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- 'account', or 'ip:' and the client's address
    scope        TEXT NOT NULL,
    failures     BIGINT NOT NULL DEFAULT 0,
    lockouts     BIGINT NOT NULL DEFAULT 0,
    locked_until BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, scope)
);
