DROP INDEX reviews_plan_status;
DROP INDEX plans_next_review_on;
ALTER TABLE plans DROP COLUMN next_review_kind;
ALTER TABLE plans DROP COLUMN next_review_on;
