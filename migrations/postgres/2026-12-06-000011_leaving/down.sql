CREATE OR REPLACE FUNCTION audit_events_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events cannot be changed';
END;
$$;

CREATE OR REPLACE FUNCTION progress_notes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'progress check-ins cannot be changed';
END;
$$;

CREATE OR REPLACE FUNCTION review_goal_progress_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT status FROM reviews WHERE id = OLD.review_id) != 'part_one' THEN
        RAISE EXCEPTION 'Part 1 of this review has been submitted';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION reviews_completed_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'reviews cannot be deleted';
    END IF;
    IF OLD.status = 'completed' THEN
        RAISE EXCEPTION 'a completed review cannot be changed';
    END IF;
    RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION plan_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'agreed plan versions cannot be changed';
END;
$$;

CREATE OR REPLACE FUNCTION consents_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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

DROP FUNCTION purging_plan(TEXT);
DROP FUNCTION purging_person(TEXT);
DROP TABLE purges;
ALTER TABLE organisations DROP COLUMN retention_years;
DROP INDEX persons_left_on;
ALTER TABLE persons DROP COLUMN left_recorded_by;
ALTER TABLE persons DROP COLUMN left_recorded_at;
ALTER TABLE persons DROP COLUMN leaving_reason;
ALTER TABLE persons DROP COLUMN left_on;
