-- A session started with a sign-in card remembers the card, and every audited action of that
-- session names it: a card made by a member of staff can always be traced to what was done
-- with it. The card's id is kept without a reference, so the trail outlives a purged card.
ALTER TABLE sessions ADD COLUMN sign_in_code_id TEXT REFERENCES sign_in_codes (id);
ALTER TABLE audit_events ADD COLUMN card_id TEXT CHECK (length(card_id) BETWEEN 1 AND 64);

-- The managers of the person's team are told whenever a sign-in card is made. SQLite changes
-- a CHECK only by building the table again.
CREATE TABLE notifications_new (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('part_two_waiting', 'review_requested',
        'sign_in_card_issued')),
    person_id TEXT NOT NULL REFERENCES persons (id),
    review_id TEXT REFERENCES reviews (id),
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
INSERT INTO notifications_new (id, user_id, kind, person_id, review_id, text, created_at, read_at)
    SELECT id, user_id, kind, person_id, review_id, text, created_at, read_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_user_id ON notifications (user_id, created_at);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
