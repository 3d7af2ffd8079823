"""Bad input through the real CLI: one line on stderr naming the input and the
reason, exit status 1, the rest of the batch stored, nothing stored before lost."""

from __future__ import annotations

import sqlite3

import pytest

from conftest import EXAMPLES, run_cli
from warta.errors import Errors

LATIN1 = "Presiden menyampaikan pidato di Bogor tentang kerja sama ekonomi dan café.".encode("latin-1")
UTF16 = "Menteri Luar Negeri bertemu duta besar Jepang di Jakarta pada hari Senin.".encode("utf-16")


def make_bad_inputs(folder):
    """Every kind of bad input issue 2 names, as real files."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "nul.txt").write_bytes(b"abc\x00\x01\x02def" * 50)
    (folder / "latin1.txt").write_bytes(LATIN1)
    (folder / "utf16.txt").write_bytes(UTF16)
    (folder / "truncated.html").write_text("<html><head><title>Rusia</title></head><body><p>Presiden Rusia Vladimir Putin tiba di", "utf-8")
    (folder / "lines.jsonl").write_text(
        '{"text": "Korea Selatan dan Jepang sepakat memperkuat kerja sama keamanan di kawasan."}\n'
        '{"text": "Korea Selatan dan Jepang sepakat\n'
        '{"title": "tanpa teks"}\n'
        '[1, 2, 3]\n',
        "utf-8",
    )
    big = folder / "huge.txt"
    with open(big, "wb") as f:
        f.truncate(200_000_000)  # sparse: rejected on its size before it is read
    (folder / "empty_folder").mkdir()
    (folder / "empty_folder" / "notes.bin").write_bytes(b"\x00")


EXPECTED = [
    ("empty.txt", Errors.EMPTY),
    ("binary.txt", "binary file (PNG image), not text, HTML, JSONL or WARC"),
    ("nul.txt", "binary file (contains NUL bytes), not text, HTML, JSONL or WARC"),
    ("latin1.txt", "not UTF-8 (byte 0xE9 at offset 72; looks like Latin-1/Windows-1252): convert it to UTF-8 or pass --encoding latin-1"),
    ("utf16.txt", Errors.UTF16),
    ("truncated.html", Errors.HTML_TRUNCATED),
    ("lines.jsonl#2", "not JSON (Invalid control character at column 43)"),
    ("lines.jsonl#3", Errors.NO_TEXT_FIELD),
    ("lines.jsonl#4", Errors.NOT_OBJECT),
    ("huge.txt", "200.0 MB is over the 10.0 MB limit for one article (setting max_document_bytes)"),
    ("empty_folder", Errors.EMPTY_FOLDER),
    ("missing.txt", Errors.NOT_FOUND),
]


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    make_bad_inputs(folder)
    db = folder / "store.db"
    assert run_cli("ingest", str(EXAMPLES), "--db", str(db)).exit_code == 0
    before = sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone()[0]
    names = [n for n, _ in EXPECTED]
    paths = [str(folder / n.split("#")[0]) for n in dict.fromkeys(n.split("#")[0] for n in names)]
    result = run_cli("ingest", *paths, "--db", str(db))
    return folder, db, before, result


def test_read_bad_inputs_exit_1(bad_run):
    assert bad_run[3].exit_code == 1


@pytest.mark.parametrize("name, reason", EXPECTED)
def test_read_bad_input_named_with_reason(bad_run, name, reason):
    folder, _, _, result = bad_run
    assert f"{folder / name}: {reason}" in result.stderr.splitlines()


def test_read_bad_inputs_one_line_each_no_traceback(bad_run):
    stderr = bad_run[3].stderr
    assert "Traceback" not in stderr
    assert len(stderr.splitlines()) == len(EXPECTED)


def test_read_bad_inputs_keep_the_rest(bad_run):
    _, db, before, _ = bad_run
    sources = [row[0] for row in sqlite3.connect(db).execute("SELECT source FROM documents ORDER BY rowid")]
    assert len(sources) == before + 1  # the one good JSONL line was stored
    assert sources[-1].endswith("lines.jsonl#1")


def test_read_encoding_option_reads_latin1(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(LATIN1)
    result = run_cli("ingest", str(path), "--db", str(tmp_path / "x.db"), "--encoding", "latin-1")
    assert result.exit_code == 0, result.stderr
    text = sqlite3.connect(tmp_path / "x.db").execute("SELECT text FROM documents").fetchone()[0]
    assert text.endswith("kerja sama ekonomi dan café.")


@pytest.mark.parametrize(
    "payload, source",
    [
        ("Presiden Joko Widodo menerima kunjungan Perdana Menteri Australia di Istana Bogor pada hari Jumat.", "-"),
        ('{"text": "Presiden Joko Widodo menerima kunjungan Perdana Menteri Australia di Istana Bogor."}\n', "-#1"),
    ],
)
def test_read_stdin(tmp_path, payload, source):
    result = run_cli("ingest", "-", "--db", str(tmp_path / "x.db"), input=payload.encode())
    assert result.exit_code == 0, result.stderr
    assert sqlite3.connect(tmp_path / "x.db").execute("SELECT source FROM documents").fetchone()[0] == source


def test_read_not_a_database(tmp_path):
    db = tmp_path / "other.db"
    sqlite3.connect(db).execute("CREATE TABLE t (x)")
    result = run_cli("ingest", str(EXAMPLES), "--db", str(db))
    assert result.exit_code == 2
    assert result.stderr == f"warta: {db}: not a warta database (it holds tables of another program)\n"


def test_read_usage_error_exit_2(tmp_path):
    assert run_cli("export", "documents", "--format", "xml", "--db", str(tmp_path / "x.db")).exit_code == 2


def test_read_special_files_rejected_never_opened(tmp_path):
    """Issue 19: a named pipe, given alone or inside a folder, blocked ingest forever.
    A pipe, a socket and a device are rejected unopened; the regular files are read.
    (A real process: should anything open the pipe, the timeout ends it, failed.)"""
    import os
    import socket
    import subprocess
    import sys
    from pathlib import Path

    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text("Presiden Joko Widodo menerima kunjungan Perdana Menteri Australia di Istana Bogor.", "utf-8")
    os.mkfifo(folder / "b.txt")
    os.mkfifo(tmp_path / "pipe.jsonl")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(folder / "c.html"))
    warta = str(Path(sys.executable).with_name("warta"))
    try:
        result = subprocess.run([warta, "ingest", str(tmp_path / "pipe.jsonl"), str(folder), "/dev/null",
                                 "--db", str(tmp_path / "x.db"), "-q", "--workers", "2"],
                                capture_output=True, text=True, timeout=120)
    finally:
        listener.close()
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'pipe.jsonl'}: " + Errors.NOT_REGULAR.format(what="a named pipe"),
        f"{folder / 'b.txt'}: " + Errors.NOT_REGULAR.format(what="a named pipe"),
        f"{folder / 'c.html'}: " + Errors.NOT_REGULAR.format(what="a socket"),
        "/dev/null: " + Errors.NOT_REGULAR.format(what="a character device"),
    ]
    assert sqlite3.connect(tmp_path / "x.db").execute("SELECT source FROM documents").fetchall() == [(str(folder / "a.txt"),)]


def test_read_rejections_stream_as_they_happen(tmp_path):
    """Issue 19: rejections were held in memory and printed at the end (2.1 M of them:
    491 MB, lost if interrupted). Now each is on stderr when it happens: here while
    standard input is still open, so the ingest cannot have ended."""
    import subprocess
    import sys
    from pathlib import Path

    warta = str(Path(sys.executable).with_name("warta"))
    process = subprocess.Popen([warta, "ingest", "-", "--db", str(tmp_path / "x.db"), "-q", "--workers", "1"], stdin=subprocess.PIPE,
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    try:
        process.stdin.write(b'{"text": "Korea Selatan dan Jepang sepakat memperkuat kerja sama."}\n[1, 2]\n')
        process.stdin.flush()
        first = process.stderr.readline().decode()
        assert process.poll() is None  # still reading its input
        process.stdin.write(b'{"title": "tanpa teks"}\n')
        process.stdin.close()
        rest = process.stderr.read().decode()
        assert process.wait(timeout=120) == 1
    finally:
        if process.poll() is None:
            process.kill()
    assert first + rest == f"-#2: {Errors.NOT_OBJECT}\n-#3: {Errors.NO_TEXT_FIELD}\n"
