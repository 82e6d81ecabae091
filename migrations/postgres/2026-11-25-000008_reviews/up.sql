-- Reviews in two parts (R-15): a manager is told when Part 1 waits for them, staff when the
-- person asks for a review. A completed review, its goal progress and every progress check-in
-- are evidence: the database refuses to change them. Each organisation's own calendar day
-- (timescales, R-14) comes from its time zone.
CREATE TABLE notifications (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('part_two_waiting', 'review_requested')),
    person_id TEXT NOT NULL REFERENCES persons (id),
    review_id TEXT REFERENCES reviews (id),
    text TEXT NOT NULL CHECK (char_length(text) BETWEEN 1 AND 500),
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
CREATE INDEX notifications_user_id ON notifications (user_id, created_at);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

CREATE FUNCTION reviews_completed_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER reviews_completed_immutable BEFORE UPDATE OR DELETE ON reviews
    FOR EACH ROW EXECUTE FUNCTION reviews_completed_immutable();

CREATE FUNCTION review_goal_progress_locked() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER review_goal_progress_locked BEFORE UPDATE OR DELETE ON review_goal_progress
    FOR EACH ROW EXECUTE FUNCTION review_goal_progress_locked();

CREATE FUNCTION progress_notes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'progress check-ins cannot be changed';
END;
$$;
CREATE TRIGGER progress_notes_append_only BEFORE UPDATE OR DELETE ON progress_notes
    FOR EACH ROW EXECUTE FUNCTION progress_notes_append_only();

ALTER TABLE organisations ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/London'
    CHECK (char_length(time_zone) BETWEEN 1 AND 64);
-- Settings change with If-Match, like everything else people edit.
ALTER TABLE organisations ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1 CHECK (row_version >= 1);
