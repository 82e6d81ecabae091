-- The person's disagreements are evidence (R-8) and never carry another section's words
-- (R-22). A disagreement names the item it is about and keeps that item's words apart, so a
-- reader who may not see the item's section is not shown them. Staff record how it was
-- resolved as a new entry that `resolves` it; the disagreement itself only ever changes from
-- open to resolved, once, after that entry exists. No entry of the log is ever deleted, except
-- in a purge.
ALTER TABLE decisions ADD COLUMN about_section TEXT CHECK (about_section IN ('profile', 'needs',
    'goals', 'strategies', 'risks', 'wishes_not_met', 'decisions', 'progress', 'reviews'));
ALTER TABLE decisions ADD COLUMN about_kind TEXT CHECK (length(about_kind) BETWEEN 1 AND 32);
ALTER TABLE decisions ADD COLUMN about_id TEXT CHECK (length(about_id) BETWEEN 1 AND 64);
ALTER TABLE decisions ADD COLUMN about_words TEXT CHECK (length(about_words) <= 2000);
ALTER TABLE decisions ADD COLUMN resolves TEXT REFERENCES decisions (id);
CREATE UNIQUE INDEX decisions_resolves ON decisions (resolves);

-- Disagreements opened before: what they are about comes from the opinion that opened them,
-- and the item's words move out of the text.
UPDATE decisions SET
    about_kind = o.item_kind,
    about_id = o.item_id,
    about_section = CASE o.item_kind
        WHEN 'finding' THEN 'needs' WHEN 'goal' THEN 'goals' WHEN 'strategy' THEN 'strategies'
        WHEN 'risk_plan' THEN 'risks' WHEN 'wish' THEN 'wishes_not_met' ELSE 'decisions' END
FROM item_opinions AS o
WHERE o.decision_id = decisions.id;
UPDATE decisions SET
    about_words = substr(text, strpos(text, ' does not agree with: ') + 22),
    text = substr(text, 1, strpos(text, ' does not agree with: ') - 1)
        || ' does not agree with a part of the plan.'
WHERE about_kind IS NOT NULL AND strpos(text, ' does not agree with: ') > 0;

CREATE FUNCTION decisions_kept_as_said() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF purging_plan(OLD.plan_id) THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'the decisions log is evidence: entries are never deleted';
    END IF;
    IF (OLD.kind = 'disagreement' OR OLD.resolves IS NOT NULL) AND NOT (
        OLD.status = 'open' AND NEW.status = 'resolved'
        AND NEW.plan_id = OLD.plan_id AND NEW.kind = OLD.kind AND NEW.text = OLD.text
        AND NEW.own_words IS NOT DISTINCT FROM OLD.own_words
        AND NEW.picture IS NOT DISTINCT FROM OLD.picture AND NEW.who = OLD.who
        AND NEW.occurred_on = OLD.occurred_on AND NEW.evidence = OLD.evidence
        AND NEW.recorded_by IS NOT DISTINCT FROM OLD.recorded_by
        AND NEW.created_at = OLD.created_at
        AND NEW.about_section IS NOT DISTINCT FROM OLD.about_section
        AND NEW.about_kind IS NOT DISTINCT FROM OLD.about_kind
        AND NEW.about_id IS NOT DISTINCT FROM OLD.about_id
        AND NEW.about_words IS NOT DISTINCT FROM OLD.about_words
        AND NEW.resolves IS NOT DISTINCT FROM OLD.resolves
        AND EXISTS (SELECT 1 FROM decisions AS resolution WHERE resolution.resolves = OLD.id))
    THEN
        RAISE EXCEPTION 'a disagreement is kept as the person said it';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER decisions_kept_as_said BEFORE UPDATE OR DELETE ON decisions
    FOR EACH ROW EXECUTE FUNCTION decisions_kept_as_said();
