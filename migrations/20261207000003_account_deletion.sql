-- Deleting an account (issue 14, seed 000). A deleted account stays disabled and restorable (by
-- signing in) until `deletion_due_at`; housekeeping on any instance completes the deletion
-- after it. Its audit entries keep a pseudonymous id (`subject`) instead of the account.

ALTER TABLE users ADD COLUMN deletion_due_at BIGINT;
CREATE INDEX users_deletion_due ON users (deletion_due_at);

ALTER TABLE audit_log ADD COLUMN subject TEXT;

-- 1 when its owner deleted it: signing in restores it. An administrator's deletion, or a
-- disable after it, is not undone by signing in (an administrator's Enable cancels it).
ALTER TABLE users ADD COLUMN deletion_restorable BIGINT NOT NULL DEFAULT 0;
-- The instance completing the deletion took it at this time (see `accounts::repo::claim_deletion`).
ALTER TABLE users ADD COLUMN deletion_claimed_at BIGINT;
