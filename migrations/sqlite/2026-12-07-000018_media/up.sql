-- The person's own photos and voice recordings on their plan: on a point of a section, or on
-- "About me". Photos are stored as the server re-encoded them (no metadata), recordings as
-- given (Opus in WebM or Ogg, checked). The bytes live here, or in OURPLAN_MEDIA_DIR when it
-- is set (then `bytes` is NULL and `sha256` checks the file). A removed item is kept, marked,
-- as evidence of what the plan showed; only a purge deletes it.
CREATE TABLE media (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    section TEXT NOT NULL CHECK (section IN ('profile', 'needs', 'goals', 'strategies', 'risks',
        'wishes_not_met')),
    item_id TEXT CHECK (length(item_id) BETWEEN 1 AND 64),
    kind TEXT NOT NULL CHECK (kind IN ('photo', 'recording')),
    content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'audio/webm', 'audio/ogg')),
    words TEXT CHECK (length(words) BETWEEN 1 AND 200),
    bytes BLOB,
    byte_size BIGINT NOT NULL CHECK (byte_size > 0),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    width INTEGER CHECK (width > 0),
    height INTEGER CHECK (height > 0),
    duration_ms INTEGER CHECK (duration_ms >= 0),
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    removed_at TIMESTAMP,
    removed_by TEXT REFERENCES users (id),
    CHECK ((section = 'profile') = (item_id IS NULL)),
    CHECK ((removed_at IS NULL) = (removed_by IS NULL))
);
CREATE INDEX media_plan ON media (plan_id, section, item_id);

-- What was added stays as it was added: only its removal may be recorded.
CREATE TRIGGER media_kept_as_added BEFORE UPDATE ON media
WHEN NOT (OLD.removed_at IS NULL AND NEW.removed_at IS NOT NULL
    AND NEW.id = OLD.id AND NEW.plan_id = OLD.plan_id AND NEW.section = OLD.section
    AND NEW.item_id IS OLD.item_id AND NEW.kind = OLD.kind
    AND NEW.content_type = OLD.content_type AND NEW.words IS OLD.words
    AND NEW.bytes IS OLD.bytes AND NEW.byte_size = OLD.byte_size AND NEW.sha256 = OLD.sha256
    AND NEW.created_by = OLD.created_by AND NEW.created_at = OLD.created_at)
BEGIN
    SELECT RAISE(ABORT, 'a photo or recording is kept as it was added');
END;

CREATE TRIGGER media_no_delete BEFORE DELETE ON media
WHEN NOT EXISTS (SELECT 1 FROM purges JOIN plans ON plans.person_id = purges.person_id
    WHERE plans.id = OLD.plan_id AND purges.finished_at IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'photos and recordings are evidence: they are never deleted');
END;
