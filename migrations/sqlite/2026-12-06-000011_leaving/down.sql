DROP TRIGGER audit_events_immutable;
CREATE TRIGGER audit_events_immutable BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events cannot be changed');
END;
DROP TRIGGER progress_notes_no_delete;
CREATE TRIGGER progress_notes_no_delete BEFORE DELETE ON progress_notes
BEGIN
    SELECT RAISE(ABORT, 'progress check-ins cannot be changed');
END;
DROP TRIGGER review_goal_progress_delete_locked;
CREATE TRIGGER review_goal_progress_delete_locked BEFORE DELETE ON review_goal_progress
WHEN (SELECT status FROM reviews WHERE id = OLD.review_id) != 'part_one'
BEGIN
    SELECT RAISE(ABORT, 'Part 1 of this review has been submitted');
END;
DROP TRIGGER reviews_no_delete;
CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
BEGIN
    SELECT RAISE(ABORT, 'reviews cannot be deleted');
END;
DROP TRIGGER plan_versions_no_delete;
CREATE TRIGGER plan_versions_no_delete BEFORE DELETE ON plan_versions
BEGIN
    SELECT RAISE(ABORT, 'agreed plan versions cannot be changed');
END;
DROP TRIGGER consents_no_delete;
CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents
BEGIN
    SELECT RAISE(ABORT, 'consent records are append-only');
END;
DROP TABLE purges;
ALTER TABLE organisations DROP COLUMN retention_years;
DROP INDEX persons_left_on;
ALTER TABLE persons DROP COLUMN left_recorded_by;
ALTER TABLE persons DROP COLUMN left_recorded_at;
ALTER TABLE persons DROP COLUMN leaving_reason;
ALTER TABLE persons DROP COLUMN left_on;
