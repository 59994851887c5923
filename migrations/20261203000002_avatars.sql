-- Profile pictures (issue 12): the two PNGs the server made from an uploaded or fetched file,
-- kept in the database so that every instance serves them. The file itself is never kept.
-- `users.avatar_etag` names the current picture (NULL: the default avatar); pages put it in the
-- picture's address, so a new picture is a new address and an old one can be cached for ever.
CREATE TABLE avatars (
    user_id    TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    etag       TEXT NOT NULL,
    small      BYTEA NOT NULL,
    large      BYTEA NOT NULL,
    updated_at BIGINT NOT NULL
);
ALTER TABLE users ADD COLUMN avatar_etag TEXT;
