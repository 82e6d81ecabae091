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
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
CREATE INDEX notifications_user_id ON notifications (user_id, created_at);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

CREATE TRIGGER reviews_completed_immutable BEFORE UPDATE ON reviews
WHEN OLD.status = 'completed'
BEGIN
    SELECT RAISE(ABORT, 'a completed review cannot be changed');
END;
CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
BEGIN
    SELECT RAISE(ABORT, 'reviews cannot be deleted');
END;
CREATE TRIGGER review_goal_progress_update_locked BEFORE UPDATE ON review_goal_progress
WHEN (SELECT status FROM reviews WHERE id = OLD.review_id) != 'part_one'
BEGIN
    SELECT RAISE(ABORT, 'Part 1 of this review has been submitted');
END;
CREATE TRIGGER review_goal_progress_delete_locked BEFORE DELETE ON review_goal_progress
WHEN (SELECT status FROM reviews WHERE id = OLD.review_id) != 'part_one'
BEGIN
    SELECT RAISE(ABORT, 'Part 1 of this review has been submitted');
END;
CREATE TRIGGER progress_notes_append_only BEFORE UPDATE ON progress_notes
BEGIN
    SELECT RAISE(ABORT, 'progress check-ins cannot be changed');
END;
CREATE TRIGGER progress_notes_no_delete BEFORE DELETE ON progress_notes
BEGIN
    SELECT RAISE(ABORT, 'progress check-ins cannot be changed');
END;

ALTER TABLE organisations ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/London'
    CHECK (length(time_zone) BETWEEN 1 AND 64);
-- Settings change with If-Match, like everything else people edit.
ALTER TABLE organisations ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1 CHECK (row_version >= 1);
