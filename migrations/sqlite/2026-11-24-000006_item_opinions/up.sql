-- "I agree" / "I don't agree" from the person on one part of their plan (R-8). Append-only:
-- the newest per item and person is what they think now. Disagreeing opens an entry in the
-- decisions and disagreements log that staff must resolve.
CREATE TABLE item_opinions (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    item_kind TEXT NOT NULL CHECK (item_kind IN ('profile', 'finding', 'goal', 'strategy',
        'risk_plan', 'wish', 'decision')),
    item_id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    agrees BOOLEAN NOT NULL,
    comment TEXT CHECK (comment IS NULL OR length(comment) <= 2000),
    decision_id TEXT REFERENCES decisions (id),
    created_at TIMESTAMP NOT NULL,
    CHECK (agrees OR decision_id IS NOT NULL)
);
CREATE INDEX item_opinions_plan_item ON item_opinions (plan_id, item_id, created_at);
