"""Stage 2, clean: the article out of its page (boilerplate rules), its metadata, language and fingerprints."""
