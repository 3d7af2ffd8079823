-- Documents as ingested: cleaned text, metadata, and what cleaning removed.
CREATE TABLE documents (
    doc_id          TEXT PRIMARY KEY,
    source          TEXT NOT NULL,
    title           TEXT,
    outlet          TEXT,
    author          TEXT,
    url             TEXT,
    published       TEXT,
    published_basis TEXT,
    language        TEXT,
    text            TEXT NOT NULL,
    extraction      TEXT,
    duplicate_of    TEXT REFERENCES documents(doc_id),
    content_hash    TEXT NOT NULL UNIQUE,
    text_hash       TEXT NOT NULL,
    minhash         BLOB,
    ingested_at     TEXT NOT NULL
);
CREATE INDEX documents_text_hash ON documents(text_hash);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_outlet ON documents(outlet);
CREATE INDEX documents_source ON documents(source);

-- Every line (or inline token) the cleaner removed, with the rule that removed it.
CREATE TABLE removed (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    line   INTEGER NOT NULL,
    text   TEXT NOT NULL,
    rule   TEXT NOT NULL
);
CREATE INDEX removed_doc ON removed(doc_id);

-- The article's footnote list; markers like [1] in the text point here.
CREATE TABLE doc_references (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    marker TEXT NOT NULL,
    text   TEXT NOT NULL,
    url    TEXT,
    date   TEXT
);
CREATE INDEX doc_references_doc ON doc_references(doc_id);

-- LSH bands of each document's MinHash signature: documents sharing a band are
-- candidate near-duplicates, checked against the full signature.
CREATE TABLE minhash_bands (
    band   INTEGER NOT NULL,
    key    INTEGER NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    PRIMARY KEY (band, key, doc_id)
) WITHOUT ROWID;
