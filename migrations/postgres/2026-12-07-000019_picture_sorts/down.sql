DROP TABLE picture_sorts;
DROP FUNCTION picture_sorts_kept_as_sorted();
