-- Sign-in: sessions (one per sign-in on a device) with rotating refresh tokens stored hashed,
-- failed-sign-in throttling kept in the database so it holds across server instances, and
-- server secrets shared by every instance.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    revoked_reason TEXT CHECK (revoked_reason IN ('sign_out', 'refresh_token_replayed',
        'password_changed', 'account_disabled', 'signed_out_everywhere'))
);
CREATE INDEX sessions_user_id ON sessions (user_id);

-- Every refresh token ever issued, by its SHA-256: a used one presented again revokes the
-- whole session (token family).
CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL CHECK (char_length(token_hash) = 64),
    session_id TEXT NOT NULL REFERENCES sessions (id),
    issued_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX refresh_tokens_session_id ON refresh_tokens (session_id);

-- Failed sign-ins per email address (hashed), whether or not an account has it, so the
-- answer never reveals which addresses exist.
CREATE TABLE sign_in_throttles (
    email_hash TEXT PRIMARY KEY NOT NULL CHECK (char_length(email_hash) = 64),
    failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
    locked_until TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL CHECK (char_length(value) >= 64),
    created_at TIMESTAMP NOT NULL
);
