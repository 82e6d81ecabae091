DROP TRIGGER media_no_delete;
DROP TRIGGER media_kept_as_added;
DROP TABLE media;
