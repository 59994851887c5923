-- A session is a browser's (its token in an HttpOnly cookie) or an API client's (its token
-- from POST /api/v1/auth/login, sent as a bearer token); each is accepted only where it
-- belongs, so an API session cannot skip the API's per-call second-factor rule through the
-- browser's endpoints. Sessions from before are browsers'.
ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'browser';
