-- Full-text search (FTS5) over sentences and titles, for `warta serve` (issue 7).
-- Indonesian-aware: `text` holds the words as written and `lemmas` the lemma of each
-- word (warta.tokens.analyse), so a search for "kunjungan" also finds "mengunjungi"
-- (both kunjung). One row per sentence (kind 'sentence', with its idx and the
-- char_start that events.char_start points at) and one per titled document (kind
-- 'title', idx and char_start NULL). Rows are written by Store._index_search.
CREATE VIRTUAL TABLE search USING fts5(
    text,
    lemmas,
    kind UNINDEXED,
    doc_id UNINDEXED,
    idx UNINDEXED,
    char_start UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Stores made before this migration: index their sentences and titles as written.
-- Lemma keys need the tokenizer (Python), so those rows match exact words only.
INSERT INTO search (text, lemmas, kind, doc_id, idx, char_start)
SELECT substr(d.text, s.char_start + 1, s.char_end - s.char_start), '', 'sentence', s.doc_id, s.idx, s.char_start
FROM sentences s JOIN documents d USING (doc_id);

INSERT INTO search (text, lemmas, kind, doc_id, idx, char_start)
SELECT title, '', 'title', doc_id, NULL, NULL FROM documents WHERE title IS NOT NULL AND title != '';

-- What the web app's lists, facets and pages look up; they keep the API within its
-- latency budget on a large store (events by type, actor, recipient, source, certainty;
-- a document's outlet without reading its text; its duplicates; its language).
CREATE INDEX IF NOT EXISTS events_certainty ON events(certainty);
CREATE INDEX IF NOT EXISTS events_actor_entity ON events(actor_entity_id);
CREATE INDEX IF NOT EXISTS events_recipient_entity ON events(recipient_entity_id);
CREATE INDEX IF NOT EXISTS events_attribution_entity ON events(attribution_entity_id);
CREATE INDEX IF NOT EXISTS documents_doc_outlet ON documents(doc_id, outlet);
CREATE INDEX IF NOT EXISTS documents_duplicate_of ON documents(duplicate_of);
CREATE INDEX IF NOT EXISTS documents_language ON documents(language)
