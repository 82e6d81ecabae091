-- Single-use sign-in codes for people who cannot manage a password: issued by staff, printed
-- on an easy-read card with a QR code, valid for 7 days, revocable. Only the SHA-256 of a
-- code is stored, so a copy of the database cannot sign anyone in.
CREATE TABLE sign_in_codes (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    code_hash TEXT NOT NULL UNIQUE CHECK (char_length(code_hash) = 64),
    issued_by TEXT NOT NULL REFERENCES users (id),
    issued_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    revoked_at TIMESTAMP,
    CHECK (expires_at > issued_at),
    CHECK (used_at IS NULL OR revoked_at IS NULL)
);
CREATE INDEX sign_in_codes_user_id ON sign_in_codes (user_id);
