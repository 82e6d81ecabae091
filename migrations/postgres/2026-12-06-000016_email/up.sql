-- Email (issue 23). An email is written into this outbox in the same transaction as what it
-- announces; a sender thread delivers it. A row goes pending → sending → sent, or back to
-- pending with a later next_attempt_at, or failed with the mail server's answer. A row left in
-- 'sending' by a crash is never sent again automatically: it may have arrived.
CREATE TABLE emails (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    -- The account it is for; none for an admin's test email to any address.
    user_id TEXT REFERENCES users (id),
    to_address TEXT NOT NULL CHECK (length(to_address) BETWEEN 3 AND 320),
    kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
    language TEXT NOT NULL CHECK (language IN ('en', 'pl')),
    subject TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
    -- Emptied once sent: an invitation's link must not outlive its delivery in the database.
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    unsubscribe_url TEXT,
    -- 'held' waits for the recipient's daily digest, which then takes it in.
    status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'held', 'digested')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    claimed_at TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX emails_due ON emails (status, next_attempt_at);
CREATE INDEX emails_created_at ON emails (organisation_id, created_at);

-- How each account hears of each kind: at once, in a daily digest, or in the app only.
-- No row means at once.
CREATE TABLE email_preferences (
    user_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
    delivery TEXT NOT NULL CHECK (delivery IN ('at_once', 'daily', 'app_only')),
    PRIMARY KEY (user_id, kind)
);

-- Reminders already given ("review due in 14 days" for one plan and due date, one day's
-- digest): the daily round inserts the key first, so several instances and restarts remind once.
CREATE TABLE reminders (
    key TEXT PRIMARY KEY NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    created_at TIMESTAMP NOT NULL
);

-- The language emails are written in, chosen by the account (a person's follows their plan's).
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'pl'));

-- New things to be told about, in the app as by email.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('part_two_waiting', 'review_requested',
        'sign_in_card_issued', 'review_due', 'suggestion_made', 'suggestion_decided',
        'consent_ending'));
