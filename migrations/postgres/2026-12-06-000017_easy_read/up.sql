-- Each point's easy-read sentence in the person's own voice ("I need a reminder to take my
-- evening tablets"): what the person reads of their own plan, where staff wording speaks of them.
ALTER TABLE findings ADD COLUMN easy_read TEXT CHECK (char_length(easy_read) BETWEEN 1 AND 2000);
ALTER TABLE goals ADD COLUMN easy_read TEXT CHECK (char_length(easy_read) BETWEEN 1 AND 2000);
ALTER TABLE strategies ADD COLUMN easy_read TEXT CHECK (char_length(easy_read) BETWEEN 1 AND 2000);
ALTER TABLE risk_plans ADD COLUMN easy_read TEXT CHECK (char_length(easy_read) BETWEEN 1 AND 2000);
ALTER TABLE wishes_not_met ADD COLUMN easy_read TEXT CHECK (char_length(easy_read) BETWEEN 1 AND 2000);
