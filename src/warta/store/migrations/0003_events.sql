-- PLOVER events, each pointing at its evidence sentence in documents.text.
-- Participants are kept as JSON objects ({text, entity_id, name, country, sector})
-- with their country and entity in plain columns for filtering and joins.
CREATE TABLE events (
    event_id              TEXT PRIMARY KEY,
    doc_id                TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    event_type            TEXT NOT NULL,
    mode                  TEXT,
    context               TEXT NOT NULL DEFAULT '[]',
    actor                 TEXT,
    actor_entity_id       TEXT REFERENCES entities(entity_id),
    actor_country         TEXT,
    recipient             TEXT,
    recipient_entity_id   TEXT REFERENCES entities(entity_id),
    recipient_country     TEXT,
    date                  TEXT,
    date_precision        TEXT,
    date_basis            TEXT,
    date_text             TEXT,
    location              TEXT,
    quantities            TEXT NOT NULL DEFAULT '[]',
    attribution           TEXT,
    attribution_entity_id TEXT REFERENCES entities(entity_id),
    certainty             TEXT NOT NULL,
    negated               INTEGER NOT NULL,
    score                 REAL,
    char_start            INTEGER NOT NULL,
    char_end              INTEGER NOT NULL,
    trigger_start         INTEGER NOT NULL,
    trigger_end           INTEGER NOT NULL,
    story_id              TEXT,
    rule                  TEXT NOT NULL
);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_type ON events(event_type);
CREATE INDEX events_dyad ON events(actor_country, recipient_country);
CREATE INDEX events_date ON events(date);
