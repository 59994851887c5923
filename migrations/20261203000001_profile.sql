-- The profile's fields beside name and username (issue 12): a nickname, a bio, and the status
-- a person sets (online / away / busy / offline) with its message. Empty text is "not set".
ALTER TABLE users ADD COLUMN nickname TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN bio TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'online';
ALTER TABLE users ADD COLUMN status_text TEXT NOT NULL DEFAULT '';
