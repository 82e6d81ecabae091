-- The audit entries of writes, stored in the write's own transaction and moved into the
-- chain by the next group commit, so that writers no longer queue on the chain's head row
-- until they commit. The same checks as `audit_events`, so an entry that could not join the
-- chain fails its write rather than the group commit. An entry is never changed, and leaves
-- only once it is in the chain.
CREATE TABLE pending_audit_events (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT REFERENCES organisations (id),
    occurred_at TIMESTAMP NOT NULL,
    actor_user_id TEXT REFERENCES users (id),
    actor_role TEXT CHECK (actor_role IN ('individual', 'family', 'support_worker', 'manager',
        'admin', 'system')),
    action TEXT NOT NULL CHECK (action IN ('read', 'create', 'update', 'delete', 'export', 'agree',
        'sign', 'consent_given', 'consent_withdrawn', 'seed')),
    entity TEXT NOT NULL CHECK (length(entity) BETWEEN 1 AND 64),
    entity_id TEXT,
    person_id TEXT REFERENCES persons (id),
    outcome TEXT NOT NULL CHECK (outcome IN ('allowed', 'refused')),
    grant_id TEXT,
    card_id TEXT CHECK (length(card_id) BETWEEN 1 AND 64)
);
CREATE TRIGGER pending_audit_events_immutable BEFORE UPDATE ON pending_audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit entries cannot be changed');
END;
CREATE TRIGGER pending_audit_events_leaves_into_the_chain BEFORE DELETE ON pending_audit_events
WHEN NOT EXISTS (SELECT 1 FROM audit_events WHERE id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'an audit entry leaves only for the chain');
END;
