ALTER TABLE signatures DROP COLUMN plan_row_version;
ALTER TABLE signatures DROP COLUMN reason;
