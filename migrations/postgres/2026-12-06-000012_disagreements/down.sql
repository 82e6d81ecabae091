DROP TRIGGER decisions_kept_as_said ON decisions;
DROP FUNCTION decisions_kept_as_said();
UPDATE decisions SET
    text = substr(text, 1, strpos(text, ' does not agree with a part of the plan.') - 1)
        || ' does not agree with: ' || about_words
WHERE about_words IS NOT NULL AND strpos(text, ' does not agree with a part of the plan.') > 0;
DROP INDEX decisions_resolves;
ALTER TABLE decisions DROP COLUMN resolves;
ALTER TABLE decisions DROP COLUMN about_words;
ALTER TABLE decisions DROP COLUMN about_id;
ALTER TABLE decisions DROP COLUMN about_kind;
ALTER TABLE decisions DROP COLUMN about_section;
