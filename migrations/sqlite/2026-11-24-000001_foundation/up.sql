-- Organisations, their users, the people they support and each person's plan.
-- Ids are UUID v7 text; times are UTC.
CREATE TABLE organisations (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- Months between reviews after the first (R-14: at most 12; 6 by default).
    review_interval_months INTEGER NOT NULL DEFAULT 6 CHECK (review_interval_months BETWEEN 1 AND 12),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE persons (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    full_name TEXT NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
    preferred_name TEXT CHECK (preferred_name IS NULL OR length(preferred_name) BETWEEN 1 AND 200),
    date_of_birth DATE,
    support_started_on DATE NOT NULL,
    preferred_format TEXT NOT NULL DEFAULT 'standard'
        CHECK (preferred_format IN ('standard', 'large-type', 'easy-read', 'pictorial')),
    preferred_language TEXT NOT NULL DEFAULT 'en' CHECK (length(preferred_language) BETWEEN 2 AND 35),
    communication_needs TEXT NOT NULL DEFAULT '',
    communication_aids TEXT NOT NULL DEFAULT '',
    row_version BIGINT NOT NULL DEFAULT 1 CHECK (row_version >= 1),
    created_at TIMESTAMP NOT NULL,
    CHECK (date_of_birth IS NULL OR date_of_birth <= support_started_on)
);
CREATE INDEX persons_organisation_id ON persons (organisation_id);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    email TEXT NOT NULL UNIQUE CHECK (email = lower(email) AND email LIKE '%_@_%'),
    display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    role TEXT NOT NULL
        CHECK (role IN ('individual', 'family', 'support_worker', 'manager', 'admin')),
    -- The person an `individual` user is; only they have one.
    person_id TEXT REFERENCES persons (id),
    password_hash TEXT,
    created_at TIMESTAMP NOT NULL,
    disabled_at TIMESTAMP,
    CHECK ((role = 'individual') = (person_id IS NOT NULL))
);
CREATE INDEX users_organisation_id ON users (organisation_id);

CREATE TABLE plans (
    id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL UNIQUE REFERENCES persons (id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'agreed', 'under_review')),
    -- The number of the newest agreed version (plan_versions.number).
    current_version INTEGER CHECK (current_version IS NULL OR current_version >= 1),
    row_version BIGINT NOT NULL DEFAULT 1 CHECK (row_version >= 1),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
