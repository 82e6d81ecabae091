CREATE TABLE notifications_old (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('part_two_waiting', 'review_requested')),
    person_id TEXT NOT NULL REFERENCES persons (id),
    review_id TEXT REFERENCES reviews (id),
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
INSERT INTO notifications_old (id, user_id, kind, person_id, review_id, text, created_at, read_at)
    SELECT id, user_id, kind, person_id, review_id, text, created_at, read_at FROM notifications
    WHERE kind <> 'sign_in_card_issued';
DROP TABLE notifications;
ALTER TABLE notifications_old RENAME TO notifications;
CREATE INDEX notifications_user_id ON notifications (user_id, created_at);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
ALTER TABLE audit_events DROP COLUMN card_id;
ALTER TABLE sessions DROP COLUMN sign_in_code_id;
