-- Links that let someone choose their own password (R-25): an invitation to a new account,
-- good for 7 days, or a password reset for staff, good for 1 hour. Single use; a newer link
-- for the same account replaces the older ones. Only the SHA-256 of a link is stored.
CREATE TABLE account_links (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    purpose TEXT NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    -- The admin who made it.
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    revoked_at TIMESTAMP,
    CHECK (expires_at > created_at),
    CHECK (used_at IS NULL OR revoked_at IS NULL)
);
CREATE INDEX account_links_user_id ON account_links (user_id);
