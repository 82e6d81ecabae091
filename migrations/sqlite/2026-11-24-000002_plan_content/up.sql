-- Everything in a support plan (R-1 to R-23). Records are evidence: nothing cascades on
-- delete except pure link rows, agreed versions and audit events cannot change, and consent
-- records can only be withdrawn, once.

CREATE TABLE teams (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (organisation_id, name)
);

-- Which staff are on which team.
CREATE TABLE team_members (
    team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user_id ON team_members (user_id);

-- Which people each team supports, and who is the key worker.
CREATE TABLE team_persons (
    team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES persons (id),
    key_worker_user_id TEXT REFERENCES users (id),
    PRIMARY KEY (team_id, person_id)
);
CREATE INDEX team_persons_person_id ON team_persons (person_id);

CREATE TABLE plan_versions (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    number INTEGER NOT NULL CHECK (number >= 1),
    agreed_at TIMESTAMP NOT NULL,
    agreed_by TEXT REFERENCES users (id),
    change_summary TEXT NOT NULL DEFAULT '' CHECK (length(change_summary) <= 10000),
    -- The whole plan as agreed, as JSON (shared::plan::PlanDocument).
    document TEXT NOT NULL,
    UNIQUE (plan_id, number)
);

CREATE TABLE profiles (
    plan_id TEXT PRIMARY KEY NOT NULL REFERENCES plans (id),
    important_to_me TEXT NOT NULL DEFAULT '' CHECK (length(important_to_me) <= 10000),
    like_about_me TEXT NOT NULL DEFAULT '' CHECK (length(like_about_me) <= 10000),
    how_to_support_me TEXT NOT NULL DEFAULT '' CHECK (length(how_to_support_me) <= 10000),
    culture_and_beliefs TEXT NOT NULL DEFAULT '' CHECK (length(culture_and_beliefs) <= 10000),
    lifestyle TEXT NOT NULL DEFAULT '' CHECK (length(lifestyle) <= 10000),
    aspirations TEXT NOT NULL DEFAULT '' CHECK (length(aspirations) <= 10000),
    medical_history TEXT NOT NULL DEFAULT '' CHECK (length(medical_history) <= 10000),
    own_words TEXT CHECK (length(own_words) <= 10000),
    picture TEXT CHECK (length(picture) BETWEEN 1 AND 64),
    row_version BIGINT NOT NULL DEFAULT 1 CHECK (row_version >= 1),
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE needs_headings (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    key TEXT NOT NULL CHECK (length(key) BETWEEN 2 AND 40),
    label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    position INTEGER NOT NULL,
    archived BOOLEAN NOT NULL DEFAULT FALSE,
    row_version BIGINT NOT NULL DEFAULT 1 CHECK (row_version >= 1),
    UNIQUE (organisation_id, key)
);

CREATE TABLE findings (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    heading_id TEXT NOT NULL REFERENCES needs_headings (id),
    kind TEXT NOT NULL CHECK (kind IN ('strength', 'need', 'preference')),
    position INTEGER NOT NULL,
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    own_words TEXT CHECK (length(own_words) <= 2000),
    picture TEXT CHECK (length(picture) BETWEEN 1 AND 64),
    source TEXT NOT NULL CHECK (source IN ('individual', 'family_or_advocate', 'previous_records',
        'staff_observation', 'other_professional')),
    with_consent BOOLEAN NOT NULL,
    row_version BIGINT NOT NULL DEFAULT 1 CHECK (row_version >= 1),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    -- Input from family, records or other professionals is gathered with consent (R-2).
    CHECK (with_consent OR source IN ('individual', 'staff_observation'))
);
CREATE INDEX findings_plan_id ON findings (plan_id);

CREATE TABLE goals (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    position INTEGER NOT NULL,
    term TEXT NOT NULL CHECK (term IN ('short', 'long')),
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    own_words TEXT CHECK (length(own_words) <= 2000),
    picture TEXT CHECK (length(picture) BETWEEN 1 AND 64),
    measure TEXT NOT NULL CHECK (length(measure) BETWEEN 1 AND 2000),
    baseline TEXT NOT NULL DEFAULT '' CHECK (length(baseline) <= 2000),
    target TEXT NOT NULL CHECK (length(target) BETWEEN 1 AND 2000),
    start_on DATE NOT NULL,
    due_on DATE NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'achieved',
        'partly_achieved', 'not_achieved', 'discontinued')),
    row_version BIGINT NOT NULL DEFAULT 1 CHECK (row_version >= 1),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (due_on > start_on)
);
CREATE INDEX goals_plan_id ON goals (plan_id);

-- The needs each goal addresses.
CREATE TABLE goal_needs (
    goal_id TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    finding_id TEXT NOT NULL REFERENCES findings (id),
    PRIMARY KEY (goal_id, finding_id)
);

CREATE TABLE strategies (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    goal_id TEXT NOT NULL REFERENCES goals (id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    own_words TEXT CHECK (length(own_words) <= 2000),
    picture TEXT CHECK (length(picture) BETWEEN 1 AND 64),
    responsible TEXT NOT NULL CHECK (responsible IN ('staff', 'person', 'family', 'other_agency')),
    responsible_name TEXT NOT NULL CHECK (length(responsible_name) BETWEEN 1 AND 200),
    frequency TEXT NOT NULL CHECK (length(frequency) BETWEEN 1 AND 200),
    start_on DATE NOT NULL,
    end_on DATE,
    resources TEXT NOT NULL DEFAULT '' CHECK (length(resources) <= 2000),
    least_intrusive_reason TEXT NOT NULL CHECK (length(least_intrusive_reason) BETWEEN 1 AND 2000),
    community_resource TEXT CHECK (length(community_resource) <= 2000),
    budget_pence_per_month BIGINT CHECK (budget_pence_per_month >= 0),
    self_managed BOOLEAN NOT NULL DEFAULT FALSE,
    information_shared BOOLEAN NOT NULL DEFAULT FALSE,
    row_version BIGINT NOT NULL DEFAULT 1 CHECK (row_version >= 1),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (end_on IS NULL OR end_on >= start_on)
);
CREATE INDEX strategies_plan_id ON strategies (plan_id);
CREATE INDEX strategies_goal_id ON strategies (goal_id);

CREATE TABLE risk_plans (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    position INTEGER NOT NULL,
    activity TEXT NOT NULL CHECK (length(activity) BETWEEN 1 AND 2000),
    own_words TEXT CHECK (length(own_words) <= 2000),
    picture TEXT CHECK (length(picture) BETWEEN 1 AND 64),
    hazards TEXT NOT NULL CHECK (length(hazards) BETWEEN 1 AND 2000),
    likelihood TEXT NOT NULL CHECK (likelihood IN ('low', 'medium', 'high')),
    impact TEXT NOT NULL CHECK (impact IN ('low', 'medium', 'high')),
    persons_choice TEXT NOT NULL CHECK (length(persons_choice) BETWEEN 1 AND 2000),
    safety_measures TEXT NOT NULL CHECK (length(safety_measures) BETWEEN 1 AND 2000),
    review_on DATE NOT NULL,
    safeguarding_concern BOOLEAN NOT NULL DEFAULT FALSE,
    row_version BIGINT NOT NULL DEFAULT 1 CHECK (row_version >= 1),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX risk_plans_plan_id ON risk_plans (plan_id);

CREATE TABLE wishes_not_met (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    own_words TEXT CHECK (length(own_words) <= 2000),
    picture TEXT CHECK (length(picture) BETWEEN 1 AND 64),
    reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    next_steps TEXT NOT NULL CHECK (length(next_steps) BETWEEN 1 AND 2000),
    appeal_explained BOOLEAN NOT NULL DEFAULT FALSE,
    recorded_on DATE NOT NULL,
    row_version BIGINT NOT NULL DEFAULT 1 CHECK (row_version >= 1),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX wishes_not_met_plan_id ON wishes_not_met (plan_id);

CREATE TABLE decisions (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    kind TEXT NOT NULL CHECK (kind IN ('action', 'decision', 'disagreement')),
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    own_words TEXT CHECK (length(own_words) <= 2000),
    picture TEXT CHECK (length(picture) BETWEEN 1 AND 64),
    who TEXT NOT NULL CHECK (length(who) BETWEEN 1 AND 2000),
    occurred_on DATE NOT NULL,
    evidence TEXT NOT NULL DEFAULT '' CHECK (length(evidence) <= 2000),
    status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
    resolution TEXT CHECK (length(resolution) <= 2000),
    resolved_on DATE,
    recorded_by TEXT REFERENCES users (id),
    row_version BIGINT NOT NULL DEFAULT 1 CHECK (row_version >= 1),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (status = 'open' OR (resolution IS NOT NULL AND resolved_on IS NOT NULL
        AND resolved_on >= occurred_on))
);
CREATE INDEX decisions_plan_id ON decisions (plan_id);

CREATE TABLE signatures (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    plan_version_id TEXT REFERENCES plan_versions (id),
    signer_user_id TEXT REFERENCES users (id),
    signer_name TEXT NOT NULL CHECK (length(signer_name) BETWEEN 1 AND 200),
    signer_role TEXT NOT NULL CHECK (signer_role IN ('person', 'representative', 'staff', 'manager')),
    signed_at TIMESTAMP NOT NULL
);
CREATE INDEX signatures_plan_id ON signatures (plan_id);

-- Team members confirming they have read an agreed version (R-5, R-16).
CREATE TABLE plan_acknowledgements (
    plan_version_id TEXT NOT NULL REFERENCES plan_versions (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    acknowledged_at TIMESTAMP NOT NULL,
    PRIMARY KEY (plan_version_id, user_id)
);

CREATE TABLE progress_notes (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    goal_id TEXT NOT NULL REFERENCES goals (id),
    recorded_on DATE NOT NULL,
    recorded_by TEXT REFERENCES users (id),
    progress TEXT NOT NULL CHECK (length(progress) BETWEEN 1 AND 2000),
    measure_value TEXT CHECK (length(measure_value) <= 200),
    positive_changes TEXT NOT NULL DEFAULT '' CHECK (length(positive_changes) <= 2000),
    negative_changes TEXT NOT NULL DEFAULT '' CHECK (length(negative_changes) <= 2000),
    barriers TEXT NOT NULL DEFAULT '' CHECK (length(barriers) <= 2000),
    own_words TEXT CHECK (length(own_words) <= 2000),
    picture TEXT CHECK (length(picture) BETWEEN 1 AND 64),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX progress_notes_plan_id ON progress_notes (plan_id);
CREATE INDEX progress_notes_goal_id ON progress_notes (goal_id, recorded_on);

CREATE TABLE reviews (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    kind TEXT NOT NULL CHECK (kind IN ('first', 'scheduled', 'requested', 'significant_change')),
    status TEXT NOT NULL CHECK (status IN ('part_one', 'awaiting_part_two', 'completed')),
    due_on DATE NOT NULL,
    requested_by TEXT REFERENCES users (id),
    request_reason TEXT CHECK (length(request_reason) <= 2000),
    what_is_working TEXT CHECK (length(what_is_working) <= 10000),
    what_is_not_working TEXT CHECK (length(what_is_not_working) <= 10000),
    persons_views TEXT CHECK (length(persons_views) <= 10000),
    proposed_changes TEXT CHECK (length(proposed_changes) <= 10000),
    part_one_by TEXT REFERENCES users (id),
    part_one_submitted_at TIMESTAMP,
    outcome TEXT CHECK (length(outcome) <= 10000),
    changes_agreed TEXT CHECK (length(changes_agreed) <= 10000),
    effectiveness_evidence TEXT CHECK (length(effectiveness_evidence) <= 10000),
    part_two_by TEXT REFERENCES users (id),
    completed_at TIMESTAMP,
    resulting_version_id TEXT REFERENCES plan_versions (id),
    row_version BIGINT NOT NULL DEFAULT 1 CHECK (row_version >= 1),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (status = 'part_one' OR part_one_submitted_at IS NOT NULL),
    CHECK (status != 'completed' OR completed_at IS NOT NULL)
);
CREATE INDEX reviews_plan_id ON reviews (plan_id);
-- The review programme looks up open reviews by due date.
CREATE INDEX reviews_open_due_on ON reviews (due_on) WHERE status != 'completed';

CREATE TABLE review_goal_progress (
    review_id TEXT NOT NULL REFERENCES reviews (id),
    goal_id TEXT NOT NULL REFERENCES goals (id),
    progress TEXT NOT NULL CHECK (length(progress) BETWEEN 1 AND 2000),
    own_words TEXT CHECK (length(own_words) <= 2000),
    PRIMARY KEY (review_id, goal_id)
);

CREATE TABLE feedback (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    author_user_id TEXT REFERENCES users (id),
    author_name TEXT NOT NULL CHECK (length(author_name) BETWEEN 1 AND 200),
    kind TEXT NOT NULL CHECK (kind IN ('compliment', 'comment', 'challenge', 'complaint')),
    about TEXT NOT NULL CHECK (about IN ('plan', 'implementation')),
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    picture TEXT CHECK (length(picture) BETWEEN 1 AND 64),
    status TEXT NOT NULL CHECK (status IN ('open', 'responded', 'closed')),
    response TEXT CHECK (length(response) <= 2000),
    responded_by TEXT REFERENCES users (id),
    responded_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    row_version BIGINT NOT NULL DEFAULT 1 CHECK (row_version >= 1),
    CHECK (status = 'open' OR (response IS NOT NULL AND responded_at IS NOT NULL))
);
CREATE INDEX feedback_plan_id ON feedback (plan_id);

CREATE TABLE consents (
    id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES persons (id),
    purpose TEXT NOT NULL CHECK (purpose IN ('share_with', 'collect_from')),
    party_name TEXT NOT NULL CHECK (length(party_name) BETWEEN 1 AND 200),
    party_user_id TEXT REFERENCES users (id),
    -- Comma-separated section keys (shared::consent::PlanSection).
    sections TEXT NOT NULL CHECK (length(sections) BETWEEN 1 AND 500),
    access_level TEXT NOT NULL CHECK (access_level IN ('view', 'comment', 'suggest')),
    basis TEXT NOT NULL CHECK (basis IN ('person', 'best_interests')),
    decision_maker TEXT CHECK (length(decision_maker) <= 200),
    best_interests_reason TEXT CHECK (length(best_interests_reason) <= 2000),
    given_at TIMESTAMP NOT NULL,
    expires_on DATE,
    recorded_by TEXT REFERENCES users (id),
    withdrawn_at TIMESTAMP,
    withdrawn_by TEXT REFERENCES users (id),
    withdrawal_reason TEXT CHECK (length(withdrawal_reason) <= 2000),
    CHECK (basis = 'person' OR (decision_maker IS NOT NULL AND best_interests_reason IS NOT NULL))
);
CREATE INDEX consents_person_id ON consents (person_id);

-- Consent history is append-only: a record never changes except to be withdrawn, once.
CREATE TRIGGER consents_append_only BEFORE UPDATE ON consents
WHEN OLD.withdrawn_at IS NOT NULL
    OR NEW.id IS NOT OLD.id OR NEW.person_id IS NOT OLD.person_id
    OR NEW.purpose IS NOT OLD.purpose OR NEW.party_name IS NOT OLD.party_name
    OR NEW.party_user_id IS NOT OLD.party_user_id OR NEW.sections IS NOT OLD.sections
    OR NEW.access_level IS NOT OLD.access_level OR NEW.basis IS NOT OLD.basis
    OR NEW.decision_maker IS NOT OLD.decision_maker
    OR NEW.best_interests_reason IS NOT OLD.best_interests_reason
    OR NEW.given_at IS NOT OLD.given_at OR NEW.expires_on IS NOT OLD.expires_on
    OR NEW.recorded_by IS NOT OLD.recorded_by
BEGIN
    SELECT RAISE(ABORT, 'consent records are append-only');
END;
CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents
BEGIN
    SELECT RAISE(ABORT, 'consent records are append-only');
END;

CREATE TABLE access_grants (
    id TEXT PRIMARY KEY NOT NULL,
    consent_id TEXT NOT NULL REFERENCES consents (id),
    person_id TEXT NOT NULL REFERENCES persons (id),
    grantee_user_id TEXT NOT NULL REFERENCES users (id),
    sections TEXT NOT NULL CHECK (length(sections) BETWEEN 1 AND 500),
    access_level TEXT NOT NULL CHECK (access_level IN ('view', 'comment', 'suggest')),
    starts_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP,
    revoked_at TIMESTAMP,
    CHECK (expires_at IS NULL OR expires_at > starts_at)
);
-- One indexed lookup answers "may this user see this person's plan now?".
CREATE INDEX access_grants_grantee_person ON access_grants (grantee_user_id, person_id);
CREATE INDEX access_grants_person_id ON access_grants (person_id);

CREATE TABLE family_contributions (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    author_user_id TEXT NOT NULL REFERENCES users (id),
    section TEXT NOT NULL CHECK (section IN ('profile', 'needs', 'goals', 'strategies', 'risks',
        'wishes_not_met', 'decisions', 'progress', 'reviews')),
    item_id TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('comment', 'suggestion')),
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    status TEXT NOT NULL CHECK (status IN ('pending', 'agreed', 'declined')),
    decided_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    row_version BIGINT NOT NULL DEFAULT 1 CHECK (row_version >= 1),
    CHECK (status = 'pending' OR decided_at IS NOT NULL)
);
CREATE INDEX family_contributions_plan_id ON family_contributions (plan_id);

-- The audit trail: append-only and hash-chained. Each row's hash covers its fields and the
-- previous row's hash, in `seq` order, so a changed or deleted row breaks the chain.
CREATE TABLE audit_events (
    id TEXT PRIMARY KEY NOT NULL,
    seq BIGINT NOT NULL UNIQUE CHECK (seq >= 1),
    organisation_id TEXT REFERENCES organisations (id),
    occurred_at TIMESTAMP NOT NULL,
    actor_user_id TEXT REFERENCES users (id),
    actor_role TEXT CHECK (actor_role IN ('individual', 'family', 'support_worker', 'manager',
        'admin', 'system')),
    action TEXT NOT NULL CHECK (action IN ('read', 'create', 'update', 'delete', 'export', 'agree',
        'sign', 'consent_given', 'consent_withdrawn', 'seed')),
    entity TEXT NOT NULL CHECK (length(entity) BETWEEN 1 AND 64),
    entity_id TEXT,
    person_id TEXT REFERENCES persons (id),
    outcome TEXT NOT NULL CHECK (outcome IN ('allowed', 'refused')),
    -- The consent grant that allowed a family member's access.
    grant_id TEXT,
    prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash TEXT NOT NULL CHECK (length(hash) = 64)
);
-- The head of the chain: one row, locked by every append so appends from several server
-- instances take their turn.
CREATE TABLE audit_chain (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    last_seq BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_chain (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
CREATE INDEX audit_events_person_id ON audit_events (person_id, occurred_at);

-- Agreed versions and the audit trail are evidence: they can be added to, never changed.
CREATE TRIGGER plan_versions_immutable BEFORE UPDATE ON plan_versions
BEGIN
    SELECT RAISE(ABORT, 'agreed plan versions cannot be changed');
END;
CREATE TRIGGER plan_versions_no_delete BEFORE DELETE ON plan_versions
BEGIN
    SELECT RAISE(ABORT, 'agreed plan versions cannot be changed');
END;
CREATE TRIGGER audit_events_immutable BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events cannot be changed');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events cannot be changed');
END;
