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
    entity TEXT NOT NULL CHECK (char_length(entity) BETWEEN 1 AND 64),
    entity_id TEXT,
    person_id TEXT REFERENCES persons (id),
    outcome TEXT NOT NULL CHECK (outcome IN ('allowed', 'refused')),
    grant_id TEXT,
    card_id TEXT CHECK (char_length(card_id) BETWEEN 1 AND 64)
);
CREATE FUNCTION pending_audit_events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'audit entries cannot be changed';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM audit_events WHERE id = OLD.id) THEN
        RAISE EXCEPTION 'an audit entry leaves only for the chain';
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER pending_audit_events_guard BEFORE UPDATE OR DELETE ON pending_audit_events
    FOR EACH ROW EXECUTE FUNCTION pending_audit_events_guard();
CREATE TRIGGER pending_audit_events_no_truncate BEFORE TRUNCATE ON pending_audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
