-- A consent staff record as given by the person says how the person gave it and who else was
-- there to see it: the person's word, not only the recorder's.
ALTER TABLE consents ADD COLUMN given_how TEXT
    CHECK (given_how IN ('spoken', 'signed', 'with_advocate'));
ALTER TABLE consents ADD COLUMN witness TEXT CHECK (length(witness) BETWEEN 1 AND 200);
