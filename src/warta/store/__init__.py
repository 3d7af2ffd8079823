"""Stage 6, store: the SQLite file (schema migrations, the single writer) and the ingest loop that fills it."""
