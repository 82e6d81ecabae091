-- Leaving the service (R-10): a person's support ends on a date, for a reason. Their plan is
-- kept, read-only, for the organisation's retention period, then purged. A purge is the one
-- way evidence is ever removed: while a row in `purges` is open, and only for that person,
-- the append-only tables allow deletes and audit entries become tombstones that keep their
-- place (and hash) in the chain.
ALTER TABLE persons ADD COLUMN left_on DATE;
ALTER TABLE persons ADD COLUMN leaving_reason TEXT CHECK (length(leaving_reason) BETWEEN 1 AND 500);
ALTER TABLE persons ADD COLUMN left_recorded_at TIMESTAMP;
ALTER TABLE persons ADD COLUMN left_recorded_by TEXT REFERENCES users (id);
CREATE INDEX persons_left_on ON persons (organisation_id, left_on);

ALTER TABLE organisations ADD COLUMN retention_years INTEGER NOT NULL DEFAULT 8
    CHECK (retention_years BETWEEN 1 AND 100);

CREATE TABLE purges (
    -- The id of the audit entry that records the purge; tombstones name it.
    id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL UNIQUE,
    -- The person's own account, if they had one.
    user_id TEXT,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);

DROP TRIGGER consents_no_delete;
CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents
WHEN NOT EXISTS (SELECT 1 FROM purges
    WHERE purges.person_id = OLD.person_id AND purges.finished_at IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'consent records are append-only');
END;

DROP TRIGGER plan_versions_no_delete;
CREATE TRIGGER plan_versions_no_delete BEFORE DELETE ON plan_versions
WHEN NOT EXISTS (SELECT 1 FROM purges JOIN plans ON plans.person_id = purges.person_id
    WHERE plans.id = OLD.plan_id AND purges.finished_at IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'agreed plan versions cannot be changed');
END;

DROP TRIGGER reviews_no_delete;
CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
WHEN NOT EXISTS (SELECT 1 FROM purges JOIN plans ON plans.person_id = purges.person_id
    WHERE plans.id = OLD.plan_id AND purges.finished_at IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'reviews cannot be deleted');
END;

DROP TRIGGER review_goal_progress_delete_locked;
CREATE TRIGGER review_goal_progress_delete_locked BEFORE DELETE ON review_goal_progress
WHEN (SELECT status FROM reviews WHERE id = OLD.review_id) != 'part_one'
    AND NOT EXISTS (SELECT 1 FROM purges
        JOIN plans ON plans.person_id = purges.person_id
        JOIN reviews ON reviews.plan_id = plans.id
        WHERE reviews.id = OLD.review_id AND purges.finished_at IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'Part 1 of this review has been submitted');
END;

DROP TRIGGER progress_notes_no_delete;
CREATE TRIGGER progress_notes_no_delete BEFORE DELETE ON progress_notes
WHEN NOT EXISTS (SELECT 1 FROM purges JOIN plans ON plans.person_id = purges.person_id
    WHERE plans.id = OLD.plan_id AND purges.finished_at IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'progress check-ins cannot be changed');
END;

-- An entry becomes a tombstone: who, what and whom are cleared; its place, time, outcome and
-- hash stay, and it names the purge's own audit entry, which `audit-verify` checks.
DROP TRIGGER audit_events_immutable;
CREATE TRIGGER audit_events_immutable BEFORE UPDATE ON audit_events
WHEN NOT (
    OLD.entity <> 'purged' AND NEW.entity = 'purged'
    AND NEW.id = OLD.id AND NEW.seq = OLD.seq AND NEW.occurred_at = OLD.occurred_at
    AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash
    AND NEW.action = OLD.action AND NEW.outcome = OLD.outcome
    AND NEW.organisation_id IS OLD.organisation_id
    AND NEW.actor_user_id IS NULL AND NEW.actor_role IS NULL AND NEW.person_id IS NULL
    AND NEW.grant_id IS NULL
    AND EXISTS (SELECT 1 FROM purges WHERE purges.id = NEW.entity_id
        AND purges.finished_at IS NULL
        AND (purges.person_id = OLD.person_id OR purges.person_id = OLD.entity_id
            OR purges.user_id = OLD.actor_user_id)))
BEGIN
    SELECT RAISE(ABORT, 'audit events cannot be changed');
END;
