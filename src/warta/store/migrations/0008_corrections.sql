-- The analyst's corrections of coded events (issue 20): an append-only log. A row is
-- never changed or deleted (the triggers refuse it); an undo is a new row naming the
-- one it takes back. What each event is now, corrected, is derived from the log
-- (store/corrections.py), on read, so a recode that replaces the coded events never
-- loses a correction.
--   action   wrong | duplicate | fix | confirm | add | undo
--   before   JSON: the fields a fix changed, as coded then ({} for other actions)
--   after    JSON: those fields as corrected; for add the whole new event; for
--            duplicate {"duplicate_of": event_id}
--   event    JSON: the coded event as stored when it was corrected (null for add, undo)
CREATE TABLE corrections (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL,
    doc_id   TEXT NOT NULL,
    action   TEXT NOT NULL CHECK (action IN ('wrong', 'duplicate', 'fix', 'confirm', 'add', 'undo')),
    before   TEXT NOT NULL DEFAULT '{}',
    after    TEXT NOT NULL DEFAULT '{}',
    event    TEXT,
    who      TEXT NOT NULL,
    at       TEXT NOT NULL,
    undoes   INTEGER REFERENCES corrections(id),
    CHECK ((action = 'undo') = (undoes IS NOT NULL))
);
CREATE INDEX corrections_event ON corrections(event_id);
CREATE INDEX corrections_doc ON corrections(doc_id);
CREATE TRIGGER corrections_append_only_update BEFORE UPDATE ON corrections
BEGIN SELECT RAISE(ABORT, 'corrections are an append-only log: undo a correction instead'); END;
CREATE TRIGGER corrections_append_only_delete BEFORE DELETE ON corrections
BEGIN SELECT RAISE(ABORT, 'corrections are an append-only log: undo a correction instead'); END;
