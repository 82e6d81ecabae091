ALTER TABLE organisations DROP COLUMN row_version;
ALTER TABLE organisations DROP COLUMN time_zone;
DROP TRIGGER progress_notes_no_delete;
DROP TRIGGER progress_notes_append_only;
DROP TRIGGER review_goal_progress_delete_locked;
DROP TRIGGER review_goal_progress_update_locked;
DROP TRIGGER reviews_no_delete;
DROP TRIGGER reviews_completed_immutable;
DROP TABLE notifications;
