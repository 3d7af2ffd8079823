-- Full-text search (FTS5) over sentences and titles, for `warta serve` (issue 7).
-- Indonesian-aware: `text` holds the words as written and `lemmas` the lemma of each
-- word (warta.tokens.analyse), so a search for "kunjungan" also finds "mengunjungi"
-- (both kunjung). The index is contentless (the words live in documents.text) and
-- search_rows says what each of its rows is: a sentence (kind 'sentence', its idx
-- and offsets, which events.char_start points at) or a title (kind 'title'). Both
-- are written by Store._index_search, with the same rowid.
CREATE VIRTUAL TABLE search USING fts5(
    text,
    lemmas,
    content = '',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE search_rows (
    rowid      INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,  -- sentence | title
    doc_id     TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    idx        INTEGER,
    char_start INTEGER,
    char_end   INTEGER
);
CREATE INDEX search_rows_doc ON search_rows(doc_id);

-- Stores made before this migration: index their sentences and titles as written.
-- Lemma keys need the tokenizer (Python), so those rows match exact words only.
INSERT INTO search_rows (kind, doc_id, idx, char_start, char_end)
SELECT 'sentence', doc_id, idx, char_start, char_end FROM sentences ORDER BY doc_id, idx;

INSERT INTO search_rows (kind, doc_id, idx, char_start, char_end)
SELECT 'title', doc_id, NULL, NULL, NULL FROM documents WHERE title IS NOT NULL AND title != '' ORDER BY rowid;

INSERT INTO search (rowid, text, lemmas)
SELECT r.rowid, CASE r.kind WHEN 'title' THEN d.title ELSE substr(d.text, r.char_start + 1, r.char_end - r.char_start) END, ''
FROM search_rows r JOIN documents d USING (doc_id);

-- What the web app's lists, facets and pages look up; they keep the API within its
-- latency budget on a large store (an event by its sentence, by actor, recipient,
-- source, certainty; a document's outlet without reading its text; its duplicates).
CREATE INDEX IF NOT EXISTS events_sentence ON events(doc_id, char_start);
CREATE INDEX IF NOT EXISTS events_certainty ON events(certainty);
CREATE INDEX IF NOT EXISTS events_actor_entity ON events(actor_entity_id);
CREATE INDEX IF NOT EXISTS events_recipient_entity ON events(recipient_entity_id);
CREATE INDEX IF NOT EXISTS events_attribution_entity ON events(attribution_entity_id);
CREATE INDEX IF NOT EXISTS documents_doc_outlet ON documents(doc_id, outlet);
CREATE INDEX IF NOT EXISTS documents_outlet_doc ON documents(outlet, doc_id);
CREATE INDEX IF NOT EXISTS documents_duplicate_of ON documents(duplicate_of);
CREATE INDEX IF NOT EXISTS documents_language ON documents(language)
