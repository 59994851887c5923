-- Organizations (issue 14, seeds 000 and 004): workspaces a person creates and owns, their
-- members and roles, invitations by mail, contracts, and the rules an organization sets for its
-- members (a password policy, Force 2-Factor Auth, visible only with two-factor authentication).

CREATE TABLE organizations (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    slug                TEXT NOT NULL,             -- lower case, its address; never changes
    requires_two_factor BIGINT NOT NULL DEFAULT 0, -- 1: visible only to members with 2FA
    password_policy     TEXT,                      -- JSON rules for members; NULL: none
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL
);
CREATE UNIQUE INDEX organizations_slug ON organizations (slug);
CREATE INDEX organizations_created ON organizations (created_at, id);

CREATE TABLE organization_members (
    org_id               TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id              TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role                 TEXT NOT NULL,           -- owner | admin | member
    two_factor_forced_at BIGINT,                  -- Force 2-Factor Auth, set by the organization
    joined_at            BIGINT NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX organization_members_user ON organization_members (user_id, org_id);

-- Invitations by mail: 256 random bits, only their SHA-256 kept; 7 days; one open invitation
-- per organization and address (a new one replaces it); used up by the DELETE that accepts it.
CREATE TABLE organization_invitations (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email       TEXT NOT NULL,
    role        TEXT NOT NULL,
    invited_by  TEXT REFERENCES users (id) ON DELETE SET NULL,
    token_hash  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX organization_invitations_hash ON organization_invitations (token_hash);
CREATE UNIQUE INDEX organization_invitations_address ON organization_invitations (org_id, email);
CREATE INDEX organization_invitations_expires ON organization_invitations (expires_at);

-- An organization's contract, as the server's administrator or a billing system says.
CREATE TABLE contracts (
    org_id     TEXT PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    plan       TEXT NOT NULL,   -- free | paid
    status     TEXT NOT NULL,   -- active | cancelled | ended
    ends_at    BIGINT,          -- NULL: open-ended
    updated_at BIGINT NOT NULL
);

-- The billing system's events, once each (the webhook is idempotent by event id).
CREATE TABLE contract_events (
    event_id    TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL,
    body_digest TEXT NOT NULL,
    received_at BIGINT NOT NULL
);
CREATE INDEX contract_events_received ON contract_events (received_at);

-- What the account's organizations ask of it, merged (the strictest password rules of all of
-- them, and whether any forces two-factor authentication), kept with the account so that the
-- access gate of every request reads it with the account and nothing more. NULL: nothing.
ALTER TABLE users ADD COLUMN org_rules TEXT;
