-- Each plan's next review due, kept on the plan so that the review programme can filter,
-- count, sort and page it in SQL with 10,000 people (issue 25). It is worked out by
-- shared::programme::next_review_due and written in the transaction of every change that moves
-- it (a plan made, a review opened or completed, the organisation's review policy or time
-- zone changed); the server fills it in at start-up for plans that have none.
ALTER TABLE plans ADD COLUMN next_review_on DATE;
ALTER TABLE plans ADD COLUMN next_review_kind TEXT
    CHECK (next_review_kind IN ('first', 'scheduled', 'requested', 'significant_change'));
-- How many staff on the person's teams have not read the latest agreed version (0 before
-- one is agreed), kept as acknowledgements, versions, teams and accounts change.
ALTER TABLE plans ADD COLUMN staff_not_read INTEGER CHECK (staff_not_read >= 0);
-- The stage of the review under way, if any: what "Part 2 waiting" is counted from.
ALTER TABLE plans ADD COLUMN review_stage TEXT
    CHECK (review_stage IN ('part_one', 'awaiting_part_two'));
CREATE INDEX plans_next_review_on ON plans (next_review_on);
-- Whether staff have read a plan's current version, without reading the version's document.
CREATE INDEX plan_versions_number_id ON plan_versions (plan_id, number, id);
