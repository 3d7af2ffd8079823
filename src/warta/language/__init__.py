"""Stage 3, language: sentences, tokens, dates, quantities and entity mentions, per document."""
