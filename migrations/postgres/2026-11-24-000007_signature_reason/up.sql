-- A representative signs with the reason the person could not; every signature names the
-- draft it was given for (the plan's row version then), so an edit after signing voids it.
ALTER TABLE signatures ADD COLUMN reason TEXT CHECK (reason IS NULL OR char_length(reason) BETWEEN 1 AND 2000);
ALTER TABLE signatures ADD COLUMN plan_row_version BIGINT;
