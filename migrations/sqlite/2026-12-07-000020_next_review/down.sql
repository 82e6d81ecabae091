DROP INDEX plan_versions_number_id;
DROP INDEX plans_next_review_on;
ALTER TABLE plans DROP COLUMN review_stage;
ALTER TABLE plans DROP COLUMN staff_not_read;
ALTER TABLE plans DROP COLUMN next_review_kind;
ALTER TABLE plans DROP COLUMN next_review_on;
