-- Leaving the service (R-10): a person's support ends on a date, for a reason. Their plan is
-- kept, read-only, for the organisation's retention period, then purged. A purge is the one
-- way evidence is ever removed: while a row in `purges` is open, and only for that person,
-- the append-only tables allow deletes and audit entries become tombstones that keep their
-- place (and hash) in the chain.
ALTER TABLE persons ADD COLUMN left_on DATE;
ALTER TABLE persons ADD COLUMN leaving_reason TEXT
    CHECK (char_length(leaving_reason) BETWEEN 1 AND 500);
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

CREATE FUNCTION purging_person(person TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM purges WHERE person_id = person AND finished_at IS NULL)
$$;
CREATE FUNCTION purging_plan(plan TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM purges JOIN plans ON plans.person_id = purges.person_id
        WHERE plans.id = plan AND purges.finished_at IS NULL)
$$;

CREATE OR REPLACE FUNCTION consents_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND purging_person(OLD.person_id) THEN
        RETURN OLD;
    END IF;
    IF TG_OP = 'DELETE' OR OLD.withdrawn_at IS NOT NULL
        OR (NEW.id, NEW.person_id, NEW.purpose, NEW.party_name, NEW.party_user_id, NEW.sections,
            NEW.access_level, NEW.basis, NEW.decision_maker, NEW.best_interests_reason,
            NEW.given_at, NEW.expires_on, NEW.recorded_by)
        IS DISTINCT FROM
           (OLD.id, OLD.person_id, OLD.purpose, OLD.party_name, OLD.party_user_id, OLD.sections,
            OLD.access_level, OLD.basis, OLD.decision_maker, OLD.best_interests_reason,
            OLD.given_at, OLD.expires_on, OLD.recorded_by)
    THEN
        RAISE EXCEPTION 'consent records are append-only';
    END IF;
    RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION plan_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND purging_plan(OLD.plan_id) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'agreed plan versions cannot be changed';
END;
$$;

CREATE OR REPLACE FUNCTION reviews_completed_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF purging_plan(OLD.plan_id) THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'reviews cannot be deleted';
    END IF;
    IF OLD.status = 'completed' THEN
        RAISE EXCEPTION 'a completed review cannot be changed';
    END IF;
    RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION review_goal_progress_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
        AND purging_plan((SELECT plan_id FROM reviews WHERE id = OLD.review_id)) THEN
        RETURN OLD;
    END IF;
    IF (SELECT status FROM reviews WHERE id = OLD.review_id) != 'part_one' THEN
        RAISE EXCEPTION 'Part 1 of this review has been submitted';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION progress_notes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND purging_plan(OLD.plan_id) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'progress check-ins cannot be changed';
END;
$$;

-- An entry becomes a tombstone: who, what and whom are cleared; its place, time, outcome and
-- hash stay, and it names the purge's own audit entry, which `audit-verify` checks.
CREATE OR REPLACE FUNCTION audit_events_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
        AND OLD.entity <> 'purged' AND NEW.entity = 'purged'
        AND (NEW.id, NEW.seq, NEW.occurred_at, NEW.prev_hash, NEW.hash, NEW.action, NEW.outcome)
            = (OLD.id, OLD.seq, OLD.occurred_at, OLD.prev_hash, OLD.hash, OLD.action, OLD.outcome)
        AND NEW.organisation_id IS NOT DISTINCT FROM OLD.organisation_id
        AND NEW.actor_user_id IS NULL AND NEW.actor_role IS NULL AND NEW.person_id IS NULL
        AND NEW.grant_id IS NULL
        AND EXISTS (SELECT 1 FROM purges WHERE purges.id = NEW.entity_id
            AND purges.finished_at IS NULL
            AND (purges.person_id = OLD.person_id OR purges.person_id = OLD.entity_id
                OR purges.user_id = OLD.actor_user_id))
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit events cannot be changed';
END;
$$;
