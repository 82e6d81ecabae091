-- The person's views gathered by sorting picture cards onto "good", "not sure" and "not good"
-- (see shared::picture_sort). A sort is kept as the person made it: evidence of their view on
-- that day, sorted again at the next review rather than changed. The goal it is about is named
-- without a reference (a draft goal may be deleted later); its words are kept with it.
CREATE TABLE picture_sorts (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    review_id TEXT REFERENCES reviews (id),
    topic TEXT NOT NULL CHECK (topic IN ('goal', 'support', 'home')),
    goal_id TEXT CHECK (length(goal_id) BETWEEN 1 AND 64),
    topic_words TEXT NOT NULL CHECK (length(topic_words) BETWEEN 1 AND 2000),
    cards TEXT NOT NULL CHECK (length(cards) BETWEEN 2 AND 20000),
    sorted_by TEXT NOT NULL REFERENCES users (id),
    sorted_at TIMESTAMP NOT NULL,
    CHECK ((topic = 'goal') = (goal_id IS NOT NULL))
);
CREATE INDEX picture_sorts_plan ON picture_sorts (plan_id, sorted_at);

CREATE TRIGGER picture_sorts_kept_as_sorted BEFORE UPDATE ON picture_sorts
BEGIN
    SELECT RAISE(ABORT, 'a picture sort is kept as the person made it');
END;

CREATE TRIGGER picture_sorts_no_delete BEFORE DELETE ON picture_sorts
WHEN NOT EXISTS (SELECT 1 FROM purges JOIN plans ON plans.person_id = purges.person_id
    WHERE plans.id = OLD.plan_id AND purges.finished_at IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'picture sorts are evidence: they are never deleted');
END;
