"""`warta spark`: the same per-document pipeline as a PySpark job, writing Parquet.

The cc-pyspark pattern: the driver lists the work as units (a file, or a range of
lines of a JSONL file, so one big file still spreads over tasks), Spark spreads the
units over tasks, and each task reads its units with warta's readers, runs
`pipeline.process` on every input and turns each document into the rows
`store.document_rows` makes for the store. What depends on other documents is then
computed over all of them with Spark aggregations, by the rules the store applies
one document at a time:

- identical inputs (same doc_id, a hash of the raw input): the first is kept;
- exact duplicates (same text_hash): duplicate of the first one's root;
- near-duplicates: documents sharing a MinHash LSH band, compared by signature with
  the store's threshold (`near_duplicates`);
- entities: mentions grouped by key, as Store.resolve_entity names and fills them
  (`resolve_entities`);
- stories: events grouped by `stories.story_group` and filed by `stories.file_event`.

"First" and "earlier" mean input order: `seq`, the unit's place in the manifest
then the item's place in its unit, which is the order `warta ingest` reads the same
paths in; a document's rows keep `seq` and their position `pos`, so
`Store.load` (`warta import-parquet`) can rebuild the store a sequential ingest of
the same inputs would make. The output layout is described in `parquet.py`.

What may differ from `warta ingest` of the same inputs: every document's
`ingested_at` is the job's start; identical inputs are processed before all but the
first are dropped (the result is the same, the work is not saved); the output is a
new store's worth, loaded only into an empty store; and entity resolution assumes
what entities.entity_key makes true today, that a bare surname's key is
`PERSON:<its folded last name>` (see `resolve_entities`). Everything else, duplicate
chains and story filing order included, is the sequential result; the tests compare
every table.

Only this module imports pyspark, and the CLI imports it only for `warta spark`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from py4j.protocol import Py4JError
from pyspark import StorageLevel
from pyspark.errors import PySparkException
from pyspark.sql import Column, DataFrame, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql.types import (ArrayType, BinaryType, BooleanType, DataType, DoubleType, LongType, StringType,
                               StructField, StructType)

from ..document import COUNTRY_BASES, RawInput, Rejection
from ..errors import Errors
from ..clean.fingerprint import similarity
from ..store.ingest import Report
from .parquet import Type, table_types, write_manifest
from ..pipeline import process
from ..read.inputs import JSONL_SUFFIXES, Item, input_files, jsonl_chunks, read_file, read_jsonl_chunk
from ..settings import Options
from ..language.entities.keys import entity_id
from ..store.rows import Bands, document_rows, finish_event, utc_now
from ..store.schema import table_columns
from ..stories.filing import REPORT_COLUMNS, event_report, file_event, filed, story_group

MIN_JAVA = 17
TASKS_PER_CORE = 8  # units are dealt out in this many slices per core, so slow units even out
# Quiet: warnings and errors only, on stderr; Hadoop's "no native library" and the
# scheduler's "large task binary" (the plan of a wide row) notices are not news.
LOG4J2 = """\
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = stderr
appender.stderr.type = Console
appender.stderr.name = stderr
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = spark %p %c{1}: %m%n%ex
logger.native.name = org.apache.hadoop.util.NativeCodeLoader
logger.native.level = error
logger.scheduler.name = org.apache.spark.scheduler.DAGScheduler
logger.scheduler.level = error
"""


class SparkError(Exception):
    """The job cannot run; the message says why in one line."""


FAILURES = (Py4JError, PySparkException)  # what a failing job or cluster raises


@dataclass(frozen=True)
class Unit:
    """One task's worth of reading: a whole file, or `lines` lines of a JSONL file
    from byte `offset`; `reason` makes it a path that names nothing to read."""

    order: int
    path: str
    offset: int = 0
    first_line: int = 1
    lines: int = 0
    reason: str | None = None


def check_java() -> None:
    """SparkError unless the Java that Spark will start (JAVA_HOME's, else `java`) is 17+."""
    java = str(Path(os.environ["JAVA_HOME"]) / "bin" / "java") if os.environ.get("JAVA_HOME") else "java"
    try:
        result = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        raise SparkError(Errors.SPARK_JAVA.format(found=f"cannot run {java} ({getattr(exc, 'strerror', None) or exc})")) from None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', result.stderr + result.stdout)
    if not match:
        raise SparkError(Errors.SPARK_JAVA.format(found=f"'{java} -version' names no version"))
    major = int(match[2] or 0) if match[1] == "1" else int(match[1])  # "1.8.0" is Java 8
    if major < MIN_JAVA:
        raise SparkError(Errors.SPARK_JAVA.format(found=f"{java} is Java {major}"))


def plan(paths: Iterable[str], lines_per_task: int) -> list[Unit]:
    """The manifest: every unit of work under `paths`, in input order."""
    units: list[Unit] = []
    for found in input_files(paths):
        if isinstance(found, Rejection):
            units.append(Unit(len(units), found.source, reason=found.reason))
        elif found == "-":
            raise SparkError(Errors.SPARK_STDIN)
        elif found.lower().endswith(JSONL_SUFFIXES):
            try:
                chunks = list(jsonl_chunks(found, lines_per_task))
            except OSError:  # read_file names the reason
                chunks = [(0, 1, 0)]
            units.extend([Unit(len(units) + n, found, offset, first, lines) for n, (offset, first, lines) in enumerate(chunks)])
        else:
            units.append(Unit(len(units), found))
    return units


def read_unit(unit: Unit, options: Options) -> Iterator[Item]:
    if unit.reason:
        yield Rejection(unit.path, unit.reason)
    elif unit.lines:
        yield from read_jsonl_chunk(unit.path, unit.offset, unit.first_line, unit.lines, options)
    else:
        yield from read_file(unit.path, options)


@contextmanager
def spark_session(master: str = "local[*]") -> Iterator[SparkSession]:
    """The active SparkSession if there is one (left running), else a new one on
    `master`, stopped at the end: no web UI, warnings and errors only, and with a
    local master bound to the loopback interface (a cluster's addresses are its own
    configuration's business)."""
    active = SparkSession.getActiveSession()
    if active is not None:
        yield active
        return
    check_java()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers need warta: this Python has it
    with tempfile.NamedTemporaryFile("w", suffix=".properties", prefix="warta-log4j2-") as log4j:
        log4j.write(LOG4J2)
        log4j.flush()
        builder = (SparkSession.builder.master(master).appName("warta")
                   .config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false")
                   .config("spark.sql.debug.maxToStringFields", "1000")  # no "plan truncated" warning for wide rows
                   .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={Path(log4j.name).as_uri()}"))
        if master.startswith("local"):
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    if master.startswith("local") and not spark.sparkContext.getConf().contains("spark.sql.shuffle.partitions"):
        spark.conf.set("spark.sql.shuffle.partitions", str(2 * spark.sparkContext.defaultParallelism))
    try:
        yield spark
    finally:
        spark.stop()


# --- schemas: the store's tables, from its migrations (parquet.table_types) ------

SPARK_TYPES: dict[Type, DataType] = {"string": StringType(), "int64": LongType(), "double": DoubleType(),
                                    "binary": BinaryType()}  # the column types of the store's tables
PARTICIPANT = StructType([StructField(name, StringType()) for name in ("text", "name", "country", "sector")]
                         + [StructField("start", LongType()), StructField("end", LongType())])
EXTRA = {  # what document_rows adds to a table's columns, before entities are resolved
    "mentions": [StructField("key", StringType()), StructField("name", StringType()), StructField("sector", StringType()),
                 StructField("last_name", StringType()), StructField("surname_only", BooleanType()),
                 StructField("key_id", StringType())],
    "events": [StructField(role, PARTICIPANT) for role in ("actor", "recipient", "attribution")],
}
UNRESOLVED = {"mentions": {"entity_id"},
              "events": {"actor", "recipient", "attribution", "actor_entity_id", "recipient_entity_id",
                         "attribution_entity_id"}}
SEARCH = StructType([StructField("kind", StringType()), StructField("idx", LongType()), StructField("char_start", LongType()),
                     StructField("char_end", LongType()), StructField("lemmas", StringType())])
CHILDREN = ("removed", "doc_references", "sentences", "dates", "quantities", "mentions", "events")
ORDER = [StructField("seq", LongType()), StructField("pos", LongType())]


def table_struct(table: str) -> StructType:
    """A store table's columns as Spark types (before entity resolution for mentions and events)."""
    drop = UNRESOLVED.get(table, set())
    return StructType([StructField(name, SPARK_TYPES[kind]) for name, kind in table_types(table).items()
                       if name not in drop] + EXTRA.get(table, []))


def record_struct() -> StructType:
    """One input as the tasks return it: a rejection, or a document with its rows."""
    band = StructType([StructField("band", LongType()), StructField("key", LongType())])
    return StructType(
        [StructField("seq", LongType()),
         StructField("rejection", StructType([StructField("source", StringType()), StructField("reason", StringType())])),
         StructField("document", table_struct("documents")), StructField("bands", ArrayType(band))]
        + [StructField(table, ArrayType(table_struct(table))) for table in CHILDREN]
        + [StructField("search", ArrayType(SEARCH))])


def conform(value: Any, kind: DataType) -> Any:
    """Python rows (dicts) as Spark expects `kind`: structs as tuples, REAL as float."""
    if value is None:
        return None
    if isinstance(kind, StructType):
        return tuple(conform(value.get(f.name) if isinstance(value, dict) else value[f.name], f.dataType) for f in kind.fields)
    if isinstance(kind, ArrayType):
        return [conform(v, kind.elementType) for v in value]
    if isinstance(kind, DoubleType):
        return float(value)
    return value


# --- the job ----------------------------------------------------------------------

def process_units(units: Iterable[Unit], options: Options, ingested_at: str, schema: StructType) -> Iterator[tuple]:
    """A task: read each unit and process each input, as `warta ingest` does."""
    bands = Bands.for_options(options)
    for unit in units:
        for index, item in enumerate(read_unit(unit, options)):
            seq = unit.order << 32 | index  # input order: the unit's, then the item's in it
            if isinstance(item, RawInput):
                item = process(item, options)
            if isinstance(item, Rejection):
                yield conform({"seq": seq, "rejection": {"source": item.source, "reason": item.reason}}, schema)
                continue
            rows = document_rows(item, ingested_at)
            for mention in rows["mentions"]:
                mention["key_id"] = entity_id(mention["key"])  # the id of the entity this key would create
            keys = bands.keys(item.minhash) if item.minhash else []
            record = {**rows, "seq": seq, "document": rows["documents"][0],
                      "bands": [{"band": band, "key": key} for band, key in keys]}
            yield conform(record, schema)


def check_output(output: Path) -> None:
    """SparkError unless `output` is a new (or empty) folder."""
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise SparkError(f"{output}: {Errors.SPARK_OUTPUT_EXISTS}")


def run_job(spark: SparkSession, units: list[Unit], output: Path, options: Options) -> Report:
    """Process every unit of `plan` and write the store's tables as Parquet under
    `output` (see parquet.py); returns what `warta ingest` would report."""
    started = time.perf_counter()
    check_output(output)
    context = spark.sparkContext
    schema = record_struct()
    ingested_at = utc_now()
    slices = max(1, min(len(units), context.defaultParallelism * TASKS_PER_CORE))
    records = context.parallelize(units, slices).mapPartitions(
        partial(process_units, options=options, ingested_at=ingested_at, schema=schema))
    raw = spark.createDataFrame(records, schema, verifySchema=False).persist(StorageLevel.MEMORY_AND_DISK)
    rejected = raw.where(F.col("rejection").isNotNull()).select("seq", "rejection.*")
    report = Report(rejected=[Rejection(r.source, r.reason) for r in rejected.orderBy("seq").collect()])
    rejected.write.parquet(str(output / "rejected"))
    documents = raw.where(F.col("document").isNotNull())
    first_inputs = documents.groupBy("document.doc_id").agg(F.min("seq").alias("seq"), F.count("*").alias("copies"))
    first_inputs = first_inputs.localCheckpoint()
    kept = documents.join(first_inputs.select("seq"), "seq", "left_semi").localCheckpoint()
    raw.unpersist()
    report.statuses["exists"] = first_inputs.agg(F.sum(F.col("copies") - 1)).first()[0] or 0

    linked = duplicates(kept, options).localCheckpoint()
    docs = (kept.select("seq", F.lit(0).cast("long").alias("pos"), "document.*").drop("duplicate_of")
            .join(linked, "seq"))
    mentions, entities = resolve_entities(rows(kept, "mentions"))
    events = finish_events(spark, kept, mentions)
    stories, filing = file_stories(spark, events, options)
    events = events.drop("story_id").join(filing, "event_id", "left")

    write = partial(_write, output=output)
    write("documents", docs.withColumn("month", month("published")), "month")
    for table in ("removed", "doc_references", "sentences", "dates", "quantities"):
        write(table, rows(kept, table))
    write("entities", entities)
    write("mentions", mentions)
    write("stories", stories)
    write("events", events.withColumn("month", month("date")), "month")
    bands = (kept.join(docs.where(F.col("duplicate_of").isNull()).select("seq"), "seq", "left_semi")
             .select("document.doc_id", F.explode("bands").alias("b")).select("b.band", "b.key", "doc_id"))
    bands.write.parquet(str(output / "minhash_bands"))
    search = kept.select("seq", "document.doc_id", F.posexplode("search").alias("pos", "s")).select("seq", "pos", "doc_id", "s.*")
    search.write.parquet(str(output / "search"))

    for status, language, outlet, count in docs.groupBy("status", "language", "outlet").count().collect():
        report.statuses[status] += count
        report.languages[language] += count
        report.outlets[outlet] += count
    write_manifest(output, {**report.statuses, "rejected": len(report.rejected)})
    report.seconds = time.perf_counter() - started
    return report


def _write(name: str, frame: DataFrame, partition: str | None = None, *, output: Path) -> None:
    """A store table's dataset: the table's columns, then seq and pos (and the partition)."""
    columns = [*table_columns(name), "seq", "pos", *([partition] if partition else [])]
    writer = frame.select(*columns).write
    (writer.partitionBy(partition) if partition else writer).parquet(str(output / name))


def rows(kept: DataFrame, table: str) -> DataFrame:
    """One table's rows of every kept document, with their document's seq and their pos."""
    return kept.select("seq", F.posexplode(table).alias("pos", "row")).select("seq", "pos", "row.*")


def month(column: str) -> Column:
    """The partition of a row dated `column`: YYYY-MM, or 'unknown' without a month."""
    return F.when(F.col(column).rlike(r"^\d{4}-\d{2}"), F.substring(column, 1, 7)).otherwise(F.lit("unknown"))


def duplicates(kept: DataFrame, options: Options) -> DataFrame:
    """(seq, duplicate_of, status) of every kept document, as Store.add_document links
    them: an exact duplicate (same text_hash as an earlier document) points at the
    first one's root; else a near-duplicate at the first earlier root it resembles."""
    docs = kept.select("seq", "document.doc_id", "document.text_hash", "document.minhash", "bands")
    first = docs.groupBy("text_hash").agg(F.min(F.struct("seq", "doc_id")).alias("first"))
    docs = docs.join(first, "text_hash")
    is_first = F.col("seq") == F.col("first.seq")
    near = near_duplicates(docs.where(is_first & F.col("minhash").isNotNull()), options.threshold)
    roots = (docs.where(is_first).join(near, "seq", "left")
             .select("text_hash", "near_of", F.coalesce("near_of", "doc_id").alias("root")))
    return docs.join(roots, "text_hash").select(
        "seq",
        F.when(is_first, F.col("near_of")).otherwise(F.col("root")).alias("duplicate_of"),
        F.when(~is_first, "duplicate").when(F.col("near_of").isNotNull(), "near-duplicate").otherwise("added").alias("status"))


def near_duplicates(candidates: DataFrame, threshold: float) -> DataFrame:
    """(seq, near_of) of each candidate (first of its text, with a signature) that is
    a near-duplicate.

    Sequentially, a document is compared only with earlier *roots* (documents that
    are no one's duplicate: only they have bands in the store) and links to the
    first similar one. So whether a document is a root depends on the documents
    before it: in a chain A ~ B ~ C with A and C not similar, B is A's duplicate,
    so C, compared with A only, is a root. The pairs of similar documents (sharing a
    band, signatures at or above `threshold`) are found at once; which are roots is
    settled in rounds: a document is decided once it has a root among its similar
    earlier ones and every similar one before that root is decided (it links to that
    root), or once all of them are decided non-roots (it is a root). The earliest
    undecided document is always decidable, so every round decides at least one;
    a group of copies of one article takes one round, a chain of n documents each
    similar only to its neighbours n rounds. The result is exactly that of
    sequential ingest.
    """
    banded = candidates.select("seq", F.explode("bands").alias("band"))
    pairs = (banded.alias("d").join(banded.alias("e"), (F.col("d.band") == F.col("e.band")) & (F.col("e.seq") < F.col("d.seq")))
             .select(F.col("d.seq").alias("d"), F.col("e.seq").alias("e")).distinct())
    signatures = candidates.select("seq", "doc_id", "minhash")
    alike = F.udf(lambda a, b: similarity(bytes(a), bytes(b)), DoubleType(), useArrow=False)
    similar = (pairs.join(signatures.toDF("d", "d_id", "d_minhash"), "d").join(signatures.toDF("e", "e_id", "e_minhash"), "e")
               .where(alike("d_minhash", "e_minhash") >= threshold).select("d", "e", "e_id")).localCheckpoint()
    undecided = similar.select(F.col("d").alias("seq")).distinct().localCheckpoint()
    decided = (similar.select(F.col("e").alias("seq")).distinct().join(undecided, "seq", "left_anti")
               .withColumn("near_of", F.lit(None).cast("string")))
    while not undecided.isEmpty():
        state = decided.select(F.col("seq").alias("e"), F.col("near_of").isNull().alias("root"))
        seen = (similar.join(undecided.withColumnRenamed("seq", "d"), "d").join(state, "e", "left")
                .groupBy("d").agg(F.min(F.when(F.col("root"), F.struct("e", "e_id"))).alias("first_root"),
                                  F.min(F.when(F.col("root").isNull(), F.col("e"))).alias("first_open")))
        decided = decided.unionByName(seen.where(F.col("first_open").isNull() | (F.col("first_root.e") < F.col("first_open")))
                                      .select(F.col("d").alias("seq"), F.col("first_root.e_id").alias("near_of"))).localCheckpoint()
        undecided = undecided.join(decided, "seq", "left_anti").localCheckpoint()
    return decided.where(F.col("near_of").isNotNull())


def resolve_entities(mentions: DataFrame) -> tuple[DataFrame, DataFrame]:
    """(mentions with their entity_id, entities), as Store.resolve_entity makes them
    one mention at a time in input order.

    An entity is created by the first mention of its key; its id is
    `language.entities.keys.entity_id(key)` (the tasks compute it as `key_id`), its type and last
    name that mention's, its name the last name a gazetteer mention gave it (else
    the first), its country that of its strongest mention (basis text, then corpus, then story;
    the first of that basis) and its sector the first one given. The exception is a bare surname ("Kozlov", a key whose first
    mention is a one-word person's name): while exactly one person of that last name
    exists before it, its mentions join that person; its own entity is created at
    its first mention that sees none or several (or a longer name). "Exists before"
    counts the people whose key first appeared with a longer name; a bare surname's
    own key is `PERSON:<its last name>` (entities.entity_key), so no other bare key
    can be one of those people.
    """
    at = F.struct("seq", "pos")
    strength = F.coalesce(F.array_position(F.array(*map(F.lit, COUNTRY_BASES)), F.col("country_basis")),
                          F.lit(len(COUNTRY_BASES) + 1))
    first = mentions.groupBy("key").agg(F.min(F.struct("seq", "pos", "type", "last_name", "surname_only")).alias("f"))
    people = first.where((F.col("f.type") == "PERSON") & ~F.col("f.surname_only") & F.col("f.last_name").isNotNull()).select(
        F.col("key").alias("person"), F.col("f.last_name").alias("last_name"), F.struct("f.seq", "f.pos").alias("since"))
    rank = F.row_number().over(Window.partitionBy("last_name").orderBy("since"))
    earliest = people.withColumn("rank", rank).where(F.col("rank") <= 2).groupBy("last_name").agg(
        F.min(F.when(F.col("rank") == 1, F.struct("since", "person"))).alias("one"),
        F.min(F.when(F.col("rank") == 2, F.col("since"))).alias("two"))
    bare = (mentions.join(first.where(F.col("f.surname_only")).select("key"), "key", "left_semi")
            .join(earliest, "last_name", "left"))
    known = F.when(F.col("one.since") < at, 1).otherwise(0) + F.when(F.col("two") < at, 1).otherwise(0)
    created = bare.where(~F.col("surname_only") | (known != 1)).groupBy("key").agg(F.min(at).alias("created"))
    joins = (bare.join(created, "key", "left").where(F.col("created").isNull() | (at < F.col("created")))
             .select("seq", "pos", F.col("one.person").alias("joins")))
    resolved = mentions.join(joins, ["seq", "pos"], "left").withColumn("resolved", F.coalesce("joins", "key")).localCheckpoint()
    entities = resolved.groupBy("resolved").agg(
        F.min(F.struct("seq", "pos", "type", "name", "last_name", "key_id")).alias("creator"),
        F.max(F.when(F.col("source") == "gazetteer", F.struct("seq", "pos", "name"))).alias("named"),
        F.min(F.when(F.col("country").isNotNull(), F.struct(strength, "seq", "pos", "country", "country_basis"))).alias("country"),
        F.min(F.when(F.col("sector").isNotNull(), F.struct("seq", "pos", "sector"))).alias("sector"),
    ).select(F.col("creator.key_id").alias("entity_id"), F.col("resolved").alias("key"), "creator.type",
             F.coalesce("named.name", "creator.name").alias("name"), "country.country", "country.country_basis", "sector.sector",
             "creator.last_name", "creator.seq", "creator.pos").localCheckpoint()
    mentions = resolved.join(entities.select("entity_id", F.col("key").alias("resolved")), "resolved").drop(
        "key", "name", "sector", "last_name", "surname_only", "key_id", "resolved", "joins")
    return mentions.localCheckpoint(), entities


def finish_events(spark: SparkSession, kept: DataFrame, mentions: DataFrame) -> DataFrame:
    """Every event row as stored (store.finish_event), each participant's entity
    being that of the mention at its span in its document."""
    spans = mentions.groupBy("seq").agg(F.collect_list(F.struct("pos", "char_start", "char_end", "entity_id")).alias("spans"))
    documents = kept.select("seq", "events").where(F.size("events") > 0).join(spans, "seq", "left")
    schema = StructType([StructField(name, SPARK_TYPES[kind]) for name, kind in table_types("events").items()] + ORDER)
    return spark.createDataFrame(documents.rdd.flatMap(partial(_finish_document_events, schema=schema)), schema,
                                 verifySchema=False).localCheckpoint()


def _finish_document_events(document: Any, schema: StructType) -> Iterator[tuple]:
    entity_ids = {(s.char_start, s.char_end): s.entity_id for s in sorted(document.spans or [], key=lambda s: s.pos)}
    for pos, event in enumerate(document.events):
        yield conform({**finish_event(event.asDict(), entity_ids), "seq": document.seq, "pos": pos}, schema)


FILING = StructType([StructField(name, StringType()) for name in
                     ("story_id", "event_id", "event_type", "actor_country", "recipient_country", "date", "date_precision")]
                    + ORDER)


def file_stories(spark: SparkSession, events: DataFrame, options: Options) -> tuple[DataFrame, DataFrame]:
    """(stories, event_id -> story_id): each story group's events filed in input
    order by stories.file_event, as the store files them one by one. A story's seq
    and pos are those of the event that started it (the store's rowid order). One
    task files a whole group (one event type and dyad), holding its events in memory."""
    reports = events.where(F.col("negated") == 0).select(*REPORT_COLUMNS, "seq", "pos")
    grouped = reports.rdd.keyBy(lambda e: story_group(e.event_type, e.actor_country, e.recipient_country)).groupByKey()
    filed_rows = spark.createDataFrame(grouped.flatMap(partial(_file_group, options=options)), FILING,
                                       verifySchema=False).localCheckpoint()
    stories = filed_rows.where(F.col("event_id").isNull()).drop("event_id")
    filing = filed_rows.where(F.col("event_id").isNotNull()).select("event_id", "story_id")
    return stories, filing


def _file_group(group: tuple[Any, Iterable[Any]], options: Options) -> Iterator[tuple]:
    """One (event_id, story_id) row per event, then one row per story (event_id None)."""
    stories, members, started = {}, {}, {}
    for event in sorted(group[1], key=lambda e: (e.seq, e.pos)):
        report = event_report(event.asDict())
        found = file_event(report, stories.values(), lambda s: members[s.story_id], options)
        story = filed(found, report)
        stories[story.story_id] = story  # a dict keeps first insertion order: oldest story first
        members.setdefault(story.story_id, []).append(report)
        started.setdefault(story.story_id, (event.seq, event.pos))
        yield (story.story_id, report.event_id, None, None, None, None, None, None, None)
    for story in stories.values():
        yield (story.story_id, None, story.event_type, story.actor_country, story.recipient_country, story.date,
               story.date_precision, *started[story.story_id])
