-- First run (R-25): a new installation is set up from a one-time link, printed by
-- `ourplan setup` or by the server at start while there is no organisation. Only the link's
-- SHA-256 is stored; it is good once, for 24 hours. The details `ourplan setup` asked for come
-- with it, to fill in the form the link opens.
CREATE TABLE setup_links (
    id TEXT PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL UNIQUE CHECK (char_length(token_hash) = 64),
    organisation_name TEXT CHECK (organisation_name IS NULL OR char_length(organisation_name) BETWEEN 1 AND 200),
    time_zone TEXT CHECK (time_zone IS NULL OR char_length(time_zone) BETWEEN 1 AND 64),
    admin_name TEXT CHECK (admin_name IS NULL OR char_length(admin_name) BETWEEN 1 AND 200),
    admin_email TEXT CHECK (admin_email IS NULL OR (admin_email = lower(admin_email) AND admin_email LIKE '%_@_%')),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    CHECK (expires_at > created_at)
);

-- One row, written when a setup link is used: two links used at the same moment cannot both
-- make an organisation, whichever database and however many server instances.
CREATE TABLE installation (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    set_up_at TIMESTAMP NOT NULL
);
