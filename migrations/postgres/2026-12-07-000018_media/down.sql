DROP TABLE media;
DROP FUNCTION media_kept_as_added();
