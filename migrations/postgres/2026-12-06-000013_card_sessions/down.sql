DELETE FROM notifications WHERE kind = 'sign_in_card_issued';
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('part_two_waiting', 'review_requested'));
ALTER TABLE audit_events DROP COLUMN card_id;
ALTER TABLE sessions DROP COLUMN sign_in_code_id;
