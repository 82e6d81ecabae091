DROP TABLE pending_audit_events;
