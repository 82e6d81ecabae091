ALTER TABLE organisations DROP COLUMN row_version;
ALTER TABLE organisations DROP COLUMN time_zone;
DROP TRIGGER progress_notes_append_only ON progress_notes;
DROP FUNCTION progress_notes_append_only();
DROP TRIGGER review_goal_progress_locked ON review_goal_progress;
DROP FUNCTION review_goal_progress_locked();
DROP TRIGGER reviews_completed_immutable ON reviews;
DROP FUNCTION reviews_completed_immutable();
DROP TABLE notifications;
