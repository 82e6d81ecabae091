DROP TRIGGER decisions_no_truncate ON decisions;
DROP TRIGGER progress_notes_no_truncate ON progress_notes;
DROP TRIGGER review_goal_progress_no_truncate ON review_goal_progress;
DROP TRIGGER reviews_no_truncate ON reviews;
DROP TRIGGER plan_versions_no_truncate ON plan_versions;
DROP TRIGGER consents_no_truncate ON consents;
DROP TRIGGER audit_events_no_truncate ON audit_events;
DROP FUNCTION refuse_truncate();
