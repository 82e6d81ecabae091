ALTER TABLE consents DROP COLUMN witness;
ALTER TABLE consents DROP COLUMN given_how;
