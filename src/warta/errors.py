"""Every message warta prints about bad input, in one place.

The CLI prints `source: message` on stderr; tests import the same templates, so a
reworded message cannot silently break what users (and checks) rely on.
"""

from __future__ import annotations


class Errors:
    NOT_FOUND = "no such file or folder"
    NOT_READABLE = "cannot be read ({reason})"
    NOT_REGULAR = "not a regular file ({what}); to read from it, give it on standard input: warta ingest - < FILE"
    EMPTY = "empty file"
    EMPTY_FOLDER = "folder holds no readable files (.txt, .html, .htm, .jsonl, .warc, .warc.gz)"
    TOO_LARGE = "{size} is over the {limit} limit for one article (setting max_document_bytes)"
    BINARY = "binary file ({what}), not text, HTML, JSONL or WARC"
    UTF16 = "text is UTF-16, warta reads UTF-8: convert it (iconv -f UTF-16 -t UTF-8) or pass --encoding utf-16"
    NOT_UTF8 = (
        "not UTF-8 (byte 0x{byte:02X} at offset {offset}; {guess}): "
        "convert it to UTF-8 or pass --encoding {suggest}"
    )
    BAD_ENCODING = "cannot be decoded as {encoding} ({reason})"
    HTML_TRUNCATED = "HTML is truncated: it opens <html> but ends before </html>"
    NOT_JSON = "not JSON ({reason})"
    NOT_OBJECT = "JSON line is not an object"
    NO_TEXT_FIELD = "record has no non-empty 'text' or 'html' field"
    NO_ARTICLE = "no article text found ({chars} characters left after cleaning)"
    WARC_BROKEN = "WARC record {number} at byte {offset} is damaged ({reason}); the records before it were read"
    WORKER_DIED = ("a worker process ended unexpectedly (exit code {code}); the documents stored so far are intact,"
                   " run the same command again to continue")
    NOT_STORED = "could not be stored ({reason}); nothing of it was written, please report this input"
    INTERNAL = "could not be processed ({kind}: {reason}); please report this input"
    MODEL_MISSING = "could not be processed: {reason}"  # the installation's fault, not the input's

    FETCH_STATUS = "the server answered HTTP {status}"
    FETCH_TOO_LARGE = "the answer is over the {limit} limit (setting fetch_max_bytes)"
    FETCH_NOT_FEED = ("an HTML page, not a feed or sitemap: give an RSS/Atom feed or a sitemap,"
                      " or list an article as 'page URL' in the feeds file")
    FETCH_BROKEN_FEED = "not a readable feed or sitemap ({reason})"
    ENGLISH = "English: events not coded (warta's codebook is Indonesian; text, entities and dates are stored)"
    ENGLISH_SHORT = "in English: events not coded"

    DB_NOT_WARTA = "not a warta database ({reason})"
    DB_TOO_NEW = "database schema version {found} is newer than this warta ({known}); upgrade warta"
    DB_MISSING = "no database here: run 'warta ingest' first"
    DB_IS_FOLDER = "is a folder: give --db a database file (e.g. FOLDER/warta.db)"
    DB_NO_FOLDER = "the folder {folder} does not exist: create it, or give --db a file in a folder that does"
    DB_LOCKED = ("the database is locked by {holders}, still after waiting (setting lock_wait_seconds):"
                 " one writer at a time; run again when it has finished")
    DB_READONLY = "the database is read-only (file or folder permissions, or a read-only disk): nothing can be stored"
    DB_DAMAGED = "the database is damaged ({reason}): restore it from a copy, or ingest again into a new file"
    DB_CANNOT_USE = "cannot use the database ({reason})"
    DOC_NOT_FOUND = "no document matches '{ref}'"
    DOC_AMBIGUOUS = "'{ref}' matches {count} documents; give more of the id"
    STORE_NOT_EMPTY = "already holds {count} documents: import-parquet fills a new or empty store only"
    IMPORT_FAILED = "could not be imported ({reason}); nothing of it was written"

    SPARK_MISSING = "warta spark needs pyspark ({reason}): pip install 'warta[spark]'"
    SPARK_JAVA = "warta spark needs Java 17 or newer: {found}; install openjdk-17-jre-headless (or point JAVA_HOME at Java 17+)"
    SPARK_STDIN = "standard input cannot be spread over Spark workers: give files or folders"
    SPARK_OUTPUT_EXISTS = "already exists and is not empty: give a new folder to --output"
    SPARK_FAILED = "the Spark job failed ({reason})"
    PARQUET_NOT_WARTA = "not the output of 'warta spark' (no {manifest}): run 'warta spark INPUT... --output DIR' first"
    PARQUET_OTHER_SCHEMA = "written for store schema {found}, this warta has {known}: run 'warta spark' again with this warta"
    PARQUET_MISSING = "dataset '{name}' is missing: the output is incomplete, run 'warta spark' again"
    PARQUET_BROKEN = "cannot read the Parquet in {name} ({reason})"


def human_size(size: float) -> str:
    """1234567 -> '1.2 MB' (decimal units, as file managers show them)."""
    if size < 1000:
        return f"{int(size)} bytes"
    for unit in ("kB", "MB", "GB"):
        size /= 1000
        if size < 1000:
            break
    return f"{size:.1f} {unit}"


class StoreError(Exception):
    """The database cannot be used; the message says why in one line."""


class RejectDocument(Exception):
    """Raised by a stage when the input cannot become a document; the message is the reason."""
