DROP TRIGGER picture_sorts_no_delete;
DROP TRIGGER picture_sorts_kept_as_sorted;
DROP TABLE picture_sorts;
