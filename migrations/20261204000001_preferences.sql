-- Preferences (issue 13): one row per setting a person chose, its value as JSON text. A setting
-- the person did not choose has no row and follows the server's default (the `settings` table,
-- key `preference_defaults`), so a changed default reaches everyone who did not choose, and a
-- new setting needs no table change.
CREATE TABLE user_preferences (
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    value      TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, key)
);
