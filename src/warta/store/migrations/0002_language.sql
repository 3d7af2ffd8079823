-- What the language layer finds in each document: spans over documents.text.
CREATE TABLE sentences (
    doc_id     TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;

CREATE TABLE dates (
    doc_id     TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    value      TEXT,
    precision  TEXT,
    basis      TEXT NOT NULL,
    rule       TEXT NOT NULL
);
CREATE INDEX dates_doc ON dates(doc_id);

CREATE TABLE quantities (
    doc_id     TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    value      REAL,
    value_max  REAL,
    unit       TEXT,
    approx     TEXT,
    per        TEXT
);
CREATE INDEX quantities_doc ON quantities(doc_id);

-- One row per real-world entity, resolved across documents by its key.
CREATE TABLE entities (
    entity_id TEXT PRIMARY KEY,
    key       TEXT NOT NULL UNIQUE,
    type      TEXT NOT NULL,
    name      TEXT NOT NULL,
    country   TEXT,
    sector    TEXT,
    last_name TEXT  -- folded last word of a person's name: resolves a later bare surname
);
CREATE INDEX entities_last_name ON entities(type, last_name);

CREATE TABLE mentions (
    doc_id     TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    entity_id  TEXT NOT NULL REFERENCES entities(entity_id),
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    type       TEXT NOT NULL,
    source     TEXT NOT NULL  -- gazetteer | title | name-run | coreference | model
);
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX mentions_entity ON mentions(entity_id);
