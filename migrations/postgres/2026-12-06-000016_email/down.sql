DELETE FROM notifications
    WHERE kind NOT IN ('part_two_waiting', 'review_requested', 'sign_in_card_issued');
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('part_two_waiting', 'review_requested', 'sign_in_card_issued'));
ALTER TABLE users DROP COLUMN language;
DROP TABLE reminders;
DROP TABLE email_preferences;
DROP TABLE emails;
