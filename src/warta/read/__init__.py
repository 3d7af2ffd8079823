"""Stage 1, read: paths, folders, stdin, JSONL and WARC archives -> RawInput or a Rejection."""
