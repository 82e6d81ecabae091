-- A session started with a sign-in card remembers the card, and every audited action of that
-- session names it: a card made by a member of staff can always be traced to what was done
-- with it. The card's id is kept without a reference, so the trail outlives a purged card.
ALTER TABLE sessions ADD COLUMN sign_in_code_id TEXT REFERENCES sign_in_codes (id);
ALTER TABLE audit_events ADD COLUMN card_id TEXT CHECK (length(card_id) BETWEEN 1 AND 64);

-- The managers of the person's team are told whenever a sign-in card is made.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('part_two_waiting', 'review_requested', 'sign_in_card_issued'));
