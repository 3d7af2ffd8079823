"""`warta spark` and `warta import-parquet` (issue 8): the same inputs through the
Spark job and through `warta ingest`, in the same run, give the same store.

One SparkSession (local[2]) serves the whole module: `warta spark` run through the
CLI uses the active session instead of starting its own.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import EXAMPLES, NEWS, SEEDS, needs_shared, run_cli
from warta.read.inputs import jsonl_chunks, read_file, read_jsonl_chunk
from warta.store.database import Store
from warta.store.rows import LOADED, Bands
from warta.store.schema import table_columns

pytest.importorskip("pyspark")
spark_module = pytest.importorskip("warta.views.spark")

WARTA = str(Path(sys.executable).with_name("warta"))
SLICE = 150  # news articles, read in chunks of LINES lines: one file over several tasks
LINES = 40


def _java_missing() -> str | None:
    try:
        spark_module.check_java()
    except spark_module.SparkError as exc:
        return str(exc)
    return None


pytestmark = [needs_shared, pytest.mark.skipif(_java_missing() is not None, reason=str(_java_missing()))]


def _page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return (f"<html><head><title>{html.escape(title)}</title></head>"
            f"<body><nav>Beranda | Internasional</nav><article><h1>{html.escape(title)}</h1>{paragraphs}</article>"
            "</body></html>").encode("utf-8")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    """The seeds; a news slice with an identical input, an exact and a near duplicate
    and a malformed line; a WARC of two pages."""
    folder = tmp_path_factory.mktemp("inputs")
    with open(NEWS / "indosum-dev.jsonl", encoding="utf-8") as lines:
        news = [line.rstrip("\n") for _, line in zip(range(SLICE), lines)]
    original = json.loads(news[4])["text"]
    words = max((json.loads(line)["text"] for line in news), key=len).split(" ")
    edited = " ".join(words[:-6] + ["Demikian", "dilaporkan", "oleh", "kantor", "berita", "Antara."])
    news += [news[2], json.dumps({"text": original, "url": "https://b.example/1"}),
             json.dumps({"text": edited, "url": "https://c.example/1"}), '{"text": "putus']
    (folder / "news.jsonl").write_text("\n".join(news) + "\n", "utf-8")
    seed = next(SEEDS.glob("001_*.txt")).read_text("utf-8")
    warc = folder / "crawl.warc.gz"
    with open(warc, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, body in (("https://berita.example.id/asean-myanmar", (EXAMPLES / "02_asean_myanmar.html").read_bytes()),
                          ("https://berita.example.id/rusia-korea", _page(seed.splitlines()[0][:80], seed))):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                                          warc_headers_dict={"WARC-Date": "2024-11-22T08:00:00Z"}))
    return [str(SEEDS), str(folder / "news.jsonl"), str(warc)]


@pytest.fixture(scope="module")
def ingested(inputs, tmp_path_factory):
    """The same inputs through `warta ingest` (before the JVM starts)."""
    db = tmp_path_factory.mktemp("ingest") / "ingest.db"
    result = run_cli("ingest", *inputs, "--db", str(db), "-q")
    assert result.exit_code == 1, result.stderr  # the malformed line
    return db, result


@pytest.fixture(scope="module")
def spark(ingested):
    with pytest.MonkeyPatch.context() as patch:
        # A JVM this short-lived does best with the quick JIT only: it halves its CPU time.
        patch.setenv("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1")
        with spark_module.spark_session("local[2]") as session:
            yield session


@pytest.fixture(scope="module")
def job(spark, inputs, tmp_path_factory):
    output = tmp_path_factory.mktemp("spark") / "out"
    result = run_cli("spark", *inputs, "--output", str(output), "--master", "local[2]", "--lines-per-task", str(LINES))
    return output, result


@pytest.fixture(scope="module")
def imported(job, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("import") / "imported.db"
    result = run_cli("import-parquet", str(job[0]), "--db", str(db))
    assert result.exit_code == 0, result.stderr
    return db


def parquet_rows(output: Path, name: str, columns: tuple[str, ...]) -> list[tuple]:
    import pyarrow.dataset as ds

    table = ds.dataset(output / name, format="parquet", partitioning="hive").to_table(columns=list(columns))
    return sorted(tuple(row[c] for c in columns) for row in table.to_pylist())


def store_rows(db: Path, name: str, columns: tuple[str, ...]) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return sorted(connection.execute(f"SELECT {', '.join(columns)} FROM {name}").fetchall())


def test_spark_rejects_and_counts_what_ingest_does(inputs, ingested, job):
    (db, ingest), (_, spark) = ingested, job
    assert spark.exit_code == 1
    rejections = [line for line in spark.stderr.splitlines() if line.startswith(tuple(inputs))]
    assert rejections == ingest.stderr.splitlines()
    assert f"{inputs[1]}#{SLICE + 4}: not JSON" in spark.stderr
    with sqlite3.connect(db) as connection:
        stored, new, exact = connection.execute(
            "SELECT count(*), count(*) FILTER (WHERE duplicate_of IS NULL), count(*) FILTER (WHERE EXISTS"
            " (SELECT 1 FROM documents e WHERE e.text_hash = d.text_hash AND e.rowid < d.rowid)) FROM documents d").fetchone()
    near = stored - new - exact
    assert exact >= 1 and near >= 1
    assert (f"{stored + 1 + len(rejections)} read, {new} new, {exact} exact duplicates, {near} near-duplicates, "
            f"1 identical inputs skipped, {len(rejections)} rejected") in spark.stdout


@pytest.mark.parametrize("name", [name for name in LOADED if name != "search"])
def test_spark_tables_equal_sequential_ingest(ingested, job, name):
    """Every row of every table (events with their ids, story ids, participants'
    entities and countries, certainty, dates and offsets; entities; stories; ...)."""
    columns = tuple(c for c in table_columns(name) if c != "ingested_at")
    expected = store_rows(ingested[0], name, columns)
    assert expected
    assert parquet_rows(job[0], name, columns) == expected


def test_spark_partitions_documents_and_events_by_month(ingested, job):
    with sqlite3.connect(ingested[0]) as connection:
        published = {row[0] for row in connection.execute("SELECT published FROM documents")}
        dated = {row[0] for row in connection.execute("SELECT date FROM events")}
    for name, dates in (("documents", published), ("events", dated)):
        months = {d[:7] if d and len(d) >= 7 else "unknown" for d in dates}
        assert {p.name for p in (job[0] / name).glob("month=*")} == {f"month={m}" for m in months}
        assert "month=2024-11" in {p.name for p in (job[0] / name).iterdir()}


@pytest.mark.parametrize("kind", ["documents", "entities", "events", "stories"])
def test_import_parquet_exports_what_ingest_exports(ingested, imported, kind):
    exports = [run_cli("export", kind, "--format", "jsonl", "--db", str(db)) for db in (ingested[0], imported)]
    assert exports[0].exit_code == exports[1].exit_code == 0
    assert exports[0].stdout.count("\n") > 2
    assert exports[1].stdout == exports[0].stdout


def test_import_parquet_builds_the_search_index(ingested, imported):
    query = ("SELECT r.kind, r.doc_id, r.idx, r.char_start, r.char_end FROM search s JOIN search_rows r ON r.rowid = s.rowid"
             " WHERE search MATCH ? ORDER BY s.rowid")
    for words in ("lemmas: kunjung", "Rusia", "text: presiden"):
        found = [sqlite3.connect(db).execute(query, (words,)).fetchall() for db in (ingested[0], imported)]
        assert found[0] and found[1] == found[0]
    assert store_rows(imported, "search_rows", ("rowid", "kind", "doc_id", "idx")) == store_rows(
        ingested[0], "search_rows", ("rowid", "kind", "doc_id", "idx"))


def test_import_parquet_store_serves_what_ingest_serves(ingested, imported):
    """The web app on the imported store: the same search hits, stories and document pages."""
    from fastapi.testclient import TestClient

    from warta.views.web.app import create_app

    clients = [TestClient(create_app(db), base_url="http://127.0.0.1") for db in (ingested[0], imported)]
    with sqlite3.connect(imported) as connection:
        doc_id = connection.execute("SELECT doc_id FROM events ORDER BY rowid LIMIT 1").fetchone()[0]
    for url in ("/api/search?q=kunjungan", "/api/stories", "/api/events", f"/api/documents/{doc_id}", "/api/entities"):
        answers = [client.get(url) for client in clients]
        assert answers[0].status_code == answers[1].status_code == 200, url
        assert _timeless(answers[1].json()) == _timeless(answers[0].json()), url
    assert clients[1].get("/").status_code == 200


def _timeless(value):
    """`value` without `ingested_at` (when each path wrote the document)."""
    if isinstance(value, dict):
        return {k: _timeless(v) for k, v in value.items() if k != "ingested_at"}
    if isinstance(value, list):
        return [_timeless(v) for v in value]
    return value


def test_import_parquet_store_takes_further_ingest(imported):
    """An imported store is a store: re-ingesting the same input adds nothing."""
    result = run_cli("ingest", str(SEEDS), "--db", str(imported))
    assert result.exit_code == 0, result.stderr
    assert re.search(r"already in the store \(skipped\)\s*│\s*5", result.stdout)


def test_import_parquet_refuses_a_store_that_holds_documents(job, imported):
    result = run_cli("import-parquet", str(job[0]), "--db", str(imported))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"warta: {imported}: already holds ") and result.stderr.count("\n") == 1


@pytest.mark.parametrize("case, message", [
    ("missing", "no such file or folder"),
    ("empty", "not the output of 'warta spark' (no warta.json)"),
    ("file", "not the output of 'warta spark' (no warta.json)"),
    ("incomplete", "dataset 'events' is missing"),
])
def test_import_parquet_names_bad_input(job, tmp_path, case, message):
    folder = tmp_path / case
    if case == "file":
        folder.write_text("doc_id,text\n", "utf-8")
    elif case != "missing":
        folder.mkdir()
    if case == "incomplete":
        for name in LOADED:
            if name != "events":
                (folder / name).mkdir()
        (folder / "warta.json").write_text((job[0] / "warta.json").read_text("utf-8"), "utf-8")
    db = tmp_path / "x.db"
    result = run_cli("import-parquet", str(folder), "--db", str(db))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"warta: {folder}: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not db.exists()


def test_spark_refuses_stdin_and_an_output_that_holds_files(job, tmp_path):
    result = run_cli("spark", str(SEEDS), "--output", str(job[0]))
    assert result.exit_code == 2 and result.stderr == f"warta: {job[0]}: already exists and is not empty: give a new folder to --output\n"
    result = run_cli("spark", "-", "--output", str(tmp_path / "out"))
    assert result.exit_code == 2 and "standard input cannot be spread over Spark workers" in result.stderr


@pytest.mark.parametrize("version", ['java version "1.8.0_392"', 'openjdk version "11.0.22" 2024-01-16'])
def test_spark_needs_java_17(tmp_path, version):
    """Checked before Spark starts, with the Java Spark would start (JAVA_HOME's, else PATH's)."""
    java = tmp_path / "bin" / "java"
    java.parent.mkdir()
    java.write_text(f"#!/bin/sh\necho '{version}' >&2\n")
    java.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "JAVA_HOME"}
    env["PATH"] = f"{java.parent}{os.pathsep}{env['PATH']}"
    result = subprocess.run([WARTA, "spark", str(SEEDS), "--output", str(tmp_path / "out")], capture_output=True,
                            text=True, env=env, timeout=120)
    major = 8 if "1.8" in version else 11
    assert result.returncode == 2
    assert result.stderr == (f"warta: warta spark needs Java 17 or newer: java is Java {major}; "
                             "install openjdk-17-jre-headless (or point JAVA_HOME at Java 17+)\n")
    assert not (tmp_path / "out").exists()


def test_spark_jsonl_chunks_read_like_the_whole_file(inputs, options):
    news = inputs[1]
    chunks = list(jsonl_chunks(news, LINES))
    assert [(first, count) for _, first, count in chunks] == [(1, 40), (41, 40), (81, 40), (121, 34)]
    assert [item for chunk in chunks for item in read_jsonl_chunk(news, *chunk, options)] == list(read_file(news, options))
    units = spark_module.plan([*inputs, "missing.txt"], LINES)
    assert [u.order for u in units] == list(range(5 + 4 + 1 + 1))  # the input order: seeds, news chunks, WARC
    assert [u.path for u in units[5:]] == [news] * 4 + [inputs[2], "missing.txt"]
    assert units[-1].reason == "no such file or folder"


def _signature(changed: range, options) -> list[int]:
    values = np.arange(options.num_perm, dtype=np.uint64)
    values[list(changed)] += np.uint64(10_000)
    return values.tolist()


def test_spark_near_duplicates_follow_sequential_order(spark, options):
    """A ~ B ~ C ~ D, each similar (108/128) only to its neighbours: B is A's
    duplicate, so C, compared with the roots (A) only, is a root and D is C's."""
    from pyspark.sql.types import ArrayType, BinaryType, LongType, StringType, StructField, StructType

    shift = 20
    signatures = {name: _signature(range(options.num_perm - n * shift, options.num_perm), options)
                  for n, name in enumerate("ABCD")}
    bands = Bands.for_options(options)
    band = StructType([StructField("band", LongType()), StructField("key", LongType())])
    schema = StructType([StructField("seq", LongType()), StructField("doc_id", StringType()),
                         StructField("minhash", BinaryType()), StructField("bands", ArrayType(band))])
    rows = [(seq, name, np.asarray(sig, dtype=np.uint64).tobytes(), [tuple(k) for k in bands.keys(sig)])
            for seq, (name, sig) in enumerate(signatures.items())]
    near = spark_module.near_duplicates(spark.createDataFrame(rows, schema), options.threshold)
    assert sorted((r.seq, r.near_of) for r in near.collect()) == [(1, "A"), (3, "C")]


def test_spark_resolves_entities_as_the_store_does(spark, tmp_path):
    """Bare surnames joining the one person of that name known before them, then
    their own entity once there are two; names, countries and sectors as updated."""
    people = [  # (doc, name, key, source, country, sector, what gave the country)
        (0, "Alexander Kozlov", "PERSON:alexanderkozlov", "title", None, "GOV", None),
        (1, "Kozlov", "PERSON:kozlov", "name-run", "RUS", None, "story"),
        (2, "Kozlov", "PERSON:kozlov", "gazetteer", None, "MIL", None),
        (3, "Putin", "PERSON:putin", "name-run", None, None, None),
        (4, "Vladimir Putin", "PERSON:vladimirputin", "title", None, None, None),
        (5, "Putin", "PERSON:putin", "gazetteer", "RUS", "GOV", "text"),
        (6, "Ivan Petrov", "PERSON:ivanpetrov", "title", None, None, None),
        (7, "Petrov", "PERSON:petrov", "name-run", "RUS", "MIL", "story"),
        (8, "Oleg Petrov", "PERSON:olegpetrov", "gazetteer", None, None, None),
        (9, "Petrov", "PERSON:petrov", "name-run", None, None, None),
        (10, "Petrov", "PERSON:petrov", "gazetteer", None, "SPY", None),
        (11, "Rusia", "COUNTRY:RUS", "gazetteer", "RUS", None, "text"),
        (12, "Jeison Murillo", "PERSON:jeisonmurillo", "model", "ESP", None, "story"),  # the strongest basis wins
        (13, "Jeison Murillo", "PERSON:jeisonmurillo", "model", "VEN", None, "corpus"),
        (14, "Jeison Murillo", "PERSON:jeisonmurillo", "model", "COL", None, "text"),
        (15, "Jeison Murillo", "PERSON:jeisonmurillo", "model", "ESP", None, "text"),
        (16, "Jhon Murillo", "PERSON:jhonmurillo", "model", "VEN", None, None),
        (17, "Jhon Murillo", "PERSON:jhonmurillo", "model", "URY", None, "story"),
    ]
    mentions = [{"doc_id": f"d{doc}", "char_start": 0, "char_end": len(name), "text": name, "type": key.split(":")[0],
                 "source": source, "key": key, "name": name, "country": country, "country_basis": basis, "sector": sector,
                 "last_name": name.split()[-1].lower() if key.startswith("PERSON") else None,
                 "surname_only": key.startswith("PERSON") and " " not in name,
                 "key_id": spark_module.entity_id(key), "seq": doc, "pos": 0}
                for doc, name, key, source, country, sector, basis in people]
    store = Store(tmp_path / "x.db")
    expected = [store.resolve_entity(m) for m in mentions]
    expected_entities = sorted(store.rows(
        "SELECT entity_id, key, type, name, country, country_basis, sector, last_name FROM entities"),
                               key=lambda e: e["entity_id"])
    store.close()
    schema = spark_module.table_struct("mentions").add("seq", "long").add("pos", "long")
    frame = spark.createDataFrame([spark_module.conform(m, schema) for m in mentions], schema)
    resolved, entities = spark_module.resolve_entities(frame)
    assert [r.entity_id for r in resolved.orderBy("seq").collect()] == expected
    assert sorted((e.asDict() for e in entities.drop("seq", "pos").collect()), key=lambda e: e["entity_id"]) == expected_entities
