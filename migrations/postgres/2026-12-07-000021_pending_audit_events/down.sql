DROP TABLE pending_audit_events;
DROP FUNCTION pending_audit_events_guard();
