ALTER TABLE findings DROP COLUMN easy_read;
ALTER TABLE goals DROP COLUMN easy_read;
ALTER TABLE strategies DROP COLUMN easy_read;
ALTER TABLE risk_plans DROP COLUMN easy_read;
ALTER TABLE wishes_not_met DROP COLUMN easy_read;
