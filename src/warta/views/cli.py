"""The `warta` command: a thin shell over ingest, the store and the exporters.

Exit status (SPEC): 0 every input read; 1 some inputs rejected, each named with
its reason on stderr; 2 usage error (including a database that is not warta's).
"""

import json
import os
import signal
import sys
from contextlib import nullcontext
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

from .deferred import defer_rich_markdown

defer_rich_markdown()  # before typer can import it: a sixth of `warta --help`

import typer
import typer.core
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Column, Table

from ..errors import Errors, StoreError

if TYPE_CHECKING:
    from ..settings import Options
    from ..store.database import Store
    from ..store.ingest import Report

# Each command imports what it needs when it runs (`warta --help` loads no store,
# pipeline, exporter or settings): `warta --help` takes about 0.2 s.

_opened: list[str] = []  # the stores this command opened: a database error names its file


class WartaGroup(typer.core.TyperGroup):
    """The command group: a database error that reaches it (a store damaged after it
    was opened, a disk gone) is one line naming the file and exit status 2, never a
    traceback."""

    def invoke(self, ctx: typer.Context) -> object:
        import sqlite3

        from ..store.schema import store_fault

        try:
            return super().invoke(ctx)
        except sqlite3.Error as exc:
            path = _opened[-1] if _opened else db_path(None)
            raise fail(str(store_fault(path, exc) or f"{path}: {Errors.DB_CANNOT_USE.format(reason=exc)}")) from None


app = typer.Typer(
    cls=WartaGroup,
    help="warta: Indonesian news -> a cited record of who did what to whom, when, and according to whom.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stdout = Console(highlight=False)
stderr = Console(stderr=True, highlight=False)

DbOption = Annotated[
    Optional[Path],
    typer.Option("--db", help="SQLite store [default: $WARTA_DB, else ./warta.db]", show_default=False),
]


class Kind(str, Enum):
    documents = "documents"
    entities = "entities"
    events = "events"
    stories = "stories"
    graph = "graph"
    corrections = "corrections"


class Format(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    plover = "plover"
    graphml = "graphml"


def db_path(db: Path | None) -> Path:
    return db or Path(os.environ.get("WARTA_DB") or "warta.db")


def fail(message: str, code: int = 2) -> typer.Exit:
    print(f"warta: {message}", file=sys.stderr)
    return typer.Exit(code)


def write_failed(output: Path | None, exc: OSError) -> typer.Exit:
    """A failed write, as a one-line error naming the file; a reader of stdout that
    stops early (`warta export events | head`) is no error."""
    if output is None and isinstance(exc, BrokenPipeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the rest of stdout goes nowhere
        return typer.Exit(0)
    return fail(f"{output}: cannot write ({exc.strerror})")


def interrupted(store: "Store") -> typer.Exit:
    """Ctrl-C or kill while writing: what was stored stays, and the same command resumes."""
    stored = store.count("documents")
    store.close()
    return fail(f"interrupted; {stored} documents are safely stored, run the same command again to continue", 130)


def options_from(ctx: typer.Context, **overrides: object) -> "Options":
    """The settings, with --config and --rules; a rules folder with a bad line stops
    the command here (file:line), before any input is read."""
    from .. import rules
    from ..settings import load_options

    root = ctx.find_root() if ctx else None
    given = root.obj.get("rules") if root is not None and root.obj else None
    try:
        options = load_options(root.obj.get("config") if root is not None and root.obj else None,
                               **overrides, **({"rules_dir": str(given)} if given else {}))
    except ValueError as exc:
        raise fail(str(exc)) from None
    if options.rules_dir:
        problems = rules.check(options.rules_dir)
        if problems:
            raise fail(f"the rules folder has problems (warta rules check {options.rules_dir}):\n" + "\n".join(problems))
    return options


def open_store(db: Path | None, readonly: bool, options: "Options | None" = None) -> "Store":
    from ..store.database import Store

    try:
        store = Store(db_path(db), readonly=readonly, wait=options.lock_wait_seconds if options else 10.0)
    except StoreError as exc:
        raise fail(str(exc)) from None
    _opened.append(store.path)
    return store



@app.callback()
def main_options(
    ctx: typer.Context,
    config: Annotated[Optional[Path], typer.Option("--config", help="settings file overriding the defaults [$WARTA_CONFIG]")] = None,
    rules: Annotated[Optional[Path], typer.Option("--rules", help="your rules folder, over the packaged rules [setting rules_dir]")] = None,
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=lambda shown: _version(shown),
                                          help="print warta's version and exit")] = False,
) -> None:
    ctx.obj = {"config": config, "rules": rules}


def _version(shown: bool) -> None:
    if shown:
        from .. import __version__

        print(f"warta {__version__}")
        raise typer.Exit(0)


@app.command("ingest")
def ingest_command(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="files, folders (recursive) or '-' for stdin", show_default=False)],
    db: DbOption = None,
    encoding: Annotated[Optional[str], typer.Option(help="read text in this encoding instead of UTF-8 (e.g. latin-1, utf-16)")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", "-w", min=1, help="processes that analyse articles [default: all cores]", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no summary table")] = False,
) -> None:
    """Read articles (.txt, .html, .jsonl, .warc), clean them and store them.

    Interrupting (Ctrl-C, kill) leaves every article stored so far intact; run the
    same command again to continue."""
    from ..store.ingest import WorkerDied

    options = options_from(ctx, encoding=encoding)
    store = open_store(db, readonly=False, options=options)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started with SIGINT ignored (nohup, &)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        report = run_ingest(paths, store, options, workers or os.cpu_count() or 1)
    except KeyboardInterrupt:
        raise interrupted(store) from None
    except WorkerDied as exc:
        store.close()
        raise fail(str(exc), 1) from None
    except StoreError as exc:  # locked, read-only, damaged, full: the store's fault, not an input's
        store.close()
        raise fail(str(exc)) from None
    store.close()
    if not quiet:
        stdout.print(summary_table(report, db_path(db)))
        if report.stored:
            stdout.print(documents_table(report))
    if report.rejected_count:
        raise typer.Exit(1)


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM ends ingest like Ctrl-C: the current article's transaction rolls back."""
    raise KeyboardInterrupt


def run_ingest(paths: list[str], store: "Store", options: "Options", workers: int) -> "Report":
    """Ingest with a progress bar (count, documents/s, ETA) when stderr is a terminal.

    Fewer than a few batches per worker are not worth starting processes for."""
    from ..read.inputs import count_inputs
    from ..store.ingest import BATCH, ingest

    total = count_inputs(paths) if workers > 1 or stderr.is_terminal else None
    if total is not None and total < workers * BATCH * 2:
        workers = 1
    if not stderr.is_terminal:
        return ingest(paths, store, options, workers=workers, on_rejection=say_rejected)
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.1f} docs/s"), TimeElapsedColumn(), TextColumn("ETA"),
               TimeRemainingColumn())
    with Progress(*columns, console=stderr, transient=True) as progress:
        task = progress.add_task("ingesting", total=total, rate=0.0)

        def advance(item: object, status: str) -> None:
            progress.advance(task)
            elapsed = progress.tasks[0].elapsed or 1e-9
            progress.update(task, rate=progress.tasks[0].completed / elapsed,
                            description=escape(str(getattr(item, "source", ""))[-40:]))

        return ingest(paths, store, options, on_item=advance, workers=workers, on_rejection=say_rejected)


def say_rejected(rejection: object) -> None:
    """A rejection on stderr as it happens, one line (`source: reason`)."""
    print(str(rejection), file=sys.stderr, flush=True)


def summary_table(report: "Report", db: Path) -> Table:
    table = Table(title=f"warta ingest -> {db}", show_header=True, title_justify="left")
    table.add_column("inputs")
    table.add_column("count", justify="right")
    for label, value in (
        ("read", report.read),
        ("stored, new", report.statuses["added"]),
        ("stored, exact duplicate of an earlier one", report.statuses["duplicate"]),
        ("stored, near-duplicate of an earlier one", report.statuses["near-duplicate"]),
        ("already in the store (skipped)", report.statuses["exists"]),
        ("rejected (reasons on stderr)", report.rejected_count),
    ):
        table.add_row(label, str(value))
    rate = report.read / report.seconds if report.seconds else 0.0
    table.caption = f"{report.seconds:.1f} s, {rate:.1f} inputs/s"
    if report.stored:
        languages = ", ".join(f"{lang or 'unknown'} {n}" for lang, n in report.languages.most_common(4))
        outlets = ", ".join(f"{escape(outlet or 'unknown')} {n}" for outlet, n in report.outlets.most_common(5))
        table.caption += f"; languages: {languages}; outlets: {outlets}"
        if report.languages["en"]:
            table.caption += f"; {report.languages['en']} {Errors.ENGLISH_SHORT}"
    return table


SHOWN_DOCUMENTS = 10


def documents_table(report: "Report") -> Table:
    """The first documents this run stored: what an analyst checks first."""
    table = Table(title="stored documents", title_justify="left")
    for column in ("doc_id", "published (basis)", "outlet", "lang", "title"):
        table.add_column(column, overflow="fold")
    for doc in report.documents[:SHOWN_DOCUMENTS]:
        published = f"{doc.published} ({doc.published_basis})" if doc.published else "-"
        title = doc.title or f"[dim]{escape(doc.text[:60])}...[/dim]"
        duplicate = f" [yellow](duplicate of {doc.duplicate_of})[/yellow]" if doc.duplicate_of else ""
        table.add_row(doc.doc_id, published, escape(doc.outlet or "-"), doc.language or "-",
                      (escape(doc.title) if doc.title else title) + duplicate)
    if len(report.documents) > SHOWN_DOCUMENTS:
        table.caption = f"... and {len(report.documents) - SHOWN_DOCUMENTS} more: warta export documents"
    return table


def _training(store: "Store", out) -> int:
    from .training import write_training

    return write_training(store, out)


@app.command("export")
def export_command(
    kind: Annotated[Kind, typer.Argument(help="what to export")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="output format")] = Format.jsonl,
    db: DbOption = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="write here instead of stdout")] = None,
    excel: Annotated[bool, typer.Option("--excel", help="CSV for Excel: UTF-8 with a byte order mark")] = False,
) -> None:
    """Write documents, entities, events, stories or the actor graph as a file;
    corrections: the analyst's corrections as annotated-corpus records (JSONL) to train on."""
    from . import export as exporting

    if kind is Kind.corrections and fmt is not Format.jsonl:
        raise fail("corrections are written in the annotated corpus's format: --format jsonl")
    if fmt is Format.plover and kind is not Kind.events:
        raise fail(f"--format plover applies to events, not {kind.value}")
    if (fmt is Format.graphml) != (kind is Kind.graph):
        raise fail("the actor graph is exported with --format graphml, and only the graph is")
    if fmt.value not in exporting.WRITERS and fmt not in (Format.plover, Format.graphml):
        raise fail(f"--format {fmt.value} does not apply to {kind.value}; use jsonl, csv or parquet")
    if excel and fmt is not Format.csv:
        raise fail("--excel applies to --format csv")
    if fmt is Format.parquet and output is None and sys.stdout.isatty():
        raise fail("parquet is binary: give -o FILE or redirect stdout")
    store = open_store(db, readonly=True)
    try:
        if output:
            partial = output.with_name(output.name + ".partial")
            with open(partial, "wb") as out:
                count = (_training(store, out) if kind is Kind.corrections
                         else exporting.export(store, kind.value, fmt.value, out, excel))
            partial.replace(output)
            print(f"{count} {kind.value} -> {output}", file=sys.stderr)
        elif kind is Kind.corrections:
            _training(store, sys.stdout.buffer)
        else:
            exporting.export(store, kind.value, fmt.value, excel=excel)
    except OSError as exc:
        raise write_failed(output, exc) from None
    finally:
        store.close()


@app.command("show")
def show_command(
    doc: Annotated[str, typer.Argument(help="document id (or its first characters) or source")],
    db: DbOption = None,
    removed: Annotated[bool, typer.Option(help="also list the lines cleaning removed, with the rule that removed each")] = True,
) -> None:
    """Print one cleaned document with its metadata and what cleaning removed."""
    from .query.records import event_records
    from .show import render_document

    store = open_store(db, readonly=True)
    try:
        record = store.find_document(doc)
    except StoreError as exc:
        raise fail(str(exc), 1) from None
    doc_id = record["doc_id"]
    render_document(stdout, record, store.removed(doc_id) if removed else [], store.references(doc_id),
                    store.spans(doc_id), list(event_records(store, "e.doc_id = ?", (doc_id,))))
    store.close()


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    parquet = "parquet"
    jsonl = "jsonl"


def write_rows(rows: list[dict], fields: tuple[str, ...], fmt: TableFormat, output: Path | None) -> None:
    """Rows of a view as CSV, Parquet or JSONL, to a file or stdout."""
    from . import export as exporting

    if fmt is TableFormat.parquet and output is None and sys.stdout.isatty():
        raise fail("parquet is binary: give -o FILE or redirect stdout")
    try:
        with (open(output, "wb") if output else nullcontext(sys.stdout.buffer)) as out:
            exporting.WRITERS[fmt.value](rows, fields, out)
    except OSError as exc:
        raise write_failed(output, exc) from None


@app.command("dyad")
def dyad_command(
    a: Annotated[str, typer.Argument(help="ISO 3166-1 alpha-3 country code, e.g. RUS")],
    b: Annotated[str, typer.Argument(help="the other country, e.g. PRK")],
    db: DbOption = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    output: Annotated[Optional[Path], typer.Option("--output", "-o")] = None,
) -> None:
    """Events and stories between two countries by month, with PLOVER scores."""
    from .query.analysis import DYAD_FIELDS, dyad_series, monthly, sparkline

    store = open_store(db, readonly=True)
    series = dyad_series(store, a.upper(), b.upper())
    store.close()
    if fmt is not TableFormat.table:
        return write_rows(series, DYAD_FIELDS, fmt, output)
    months = monthly(series)
    # short headers so the table fits 80 columns; the caption says what they mean
    table = Table(*(Column(name, no_wrap=True, min_width=max(len(name), 5)) for name in (
                      "month", "events", "stories", "v.coop", "m.coop", "v.conf", "m.conf", "sum", "mean")),
                  caption="events by PLOVER quad class (v./m.: verbal/material; coop/conf: cooperation/conflict);"
                          " sum and mean of their PLOVER scores", box=box.SIMPLE_HEAD,
                  title=f"{a.upper()}–{b.upper()}: events by month (negated and undated left out)", title_justify="left")
    for month in months:
        quads = month["quads"]
        table.add_row(month["month"], str(month["events"]), str(month["stories"]),
                      *(str(quads.get(q, "")) for q in ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")),
                      f"{month['score_sum']:+.1f}", f"{month['score_mean']:+.2f}")
    stdout.print(table)
    if months:
        stdout.print(f"events  {sparkline([m['events'] for m in months])}  {months[0]['month']} .. {months[-1]['month']}")
        stdout.print(f"score   {sparkline([m['score_mean'] for m in months])}  (mean PLOVER score, -10 conflict .. +10 cooperation)")
    else:
        stdout.print(f"no dated events between {a.upper()} and {b.upper()}")


@app.command("flows")
def flows_command(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, jsonl or sankey (d3-sankey JSON)")] = "table",
    output: Annotated[Optional[Path], typer.Option("--output", "-o")] = None,
) -> None:
    """Who sends what to whom: resources moved by AID, COOPERATE and MOBILIZE events."""
    from .query.analysis import FLOW_FIELDS, flows, sankey

    store = open_store(db, readonly=True)
    rows = flows(store)
    store.close()
    if fmt == "sankey":
        text = json.dumps(sankey(rows), ensure_ascii=False, indent=1)
        if output:
            output.write_text(text + "\n", "utf-8")
        else:
            print(text)
        return
    if fmt != "table":
        try:
            return write_rows(rows, FLOW_FIELDS, TableFormat(fmt), output)
        except ValueError:
            raise fail(f"--format {fmt}: use table, csv, jsonl, parquet or sankey") from None
    table = Table("from", "to", "resource", "noun", "type", "date", "quantities", "certainty", title="flows", title_justify="left")
    for row in rows:
        amounts = ", ".join(q["text"] for q in row["quantities"])
        table.add_row(row["source"], row["target"], row["resource"], escape(row["noun"]), row["event_type"],
                      row["date"] or "-", escape(amounts), row["certainty"])
    stdout.print(table)


@app.command("timeline")
def timeline_command(
    db: DbOption = None,
    dyad: Annotated[Optional[tuple[str, str]], typer.Option(help="only stories between these two countries")] = None,
    since: Annotated[Optional[str], typer.Option(help="only stories dated on or after YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    limit: Annotated[int, typer.Option(help="show the first N stories (0: all)", min=0)] = 100,
) -> None:
    """Stories in date order, each with its best evidence sentence and its sources."""
    from .query.analysis import timeline

    store = open_store(db, readonly=True)
    stories = timeline(store, tuple(c.upper() for c in dyad) if dyad else None, since)
    store.close()
    table = Table("date", "event", "actor → recipient", "sources", "evidence", title="timeline", title_justify="left")
    if limit and len(stories) > limit:
        table.caption = f"first {limit} of {len(stories)} stories: --limit 0 for all, or warta export stories"
    for story in stories[: limit or None]:
        sources = f"{story['corroboration']}: " + ", ".join(story["outlets"]) if story["outlets"] else str(story["corroboration"])
        certainty = "" if story["certainty"] == "asserted" else f" [{story['certainty']}]"
        table.add_row(story["date"] or "undated", story["event_type"] + certainty,
                      f"{story['actor_country'] or '?'} → {story['recipient_country'] or '?'}", escape(sources),
                      escape(story["evidence"]))
    stdout.print(table)


@app.command("serve")
def serve_command(
    ctx: typer.Context,
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="address to listen on (loopback: only this machine can connect)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port", min=1, max=65535)] = 8000,
    allow_ingest: Annotated[bool, typer.Option("--allow-ingest", help="accept articles at POST /api/documents (needs --token)")] = False,
    token: Annotated[Optional[str], typer.Option(
        envvar="WARTA_TOKEN", show_envvar=True,
        help="bearer token clients must send to POST /api/documents (better: $WARTA_TOKEN or --token-file, not seen in ps)")] = None,
    token_file: Annotated[Optional[Path], typer.Option("--token-file", help="read the token from this file (its first line)")] = None,
) -> None:
    """Browse the store in a web browser and over a JSON API (read-only; schema at /openapi.json)."""
    from .web import serve
    from .web.app import ListenError

    # typer's own click, not the click package: its ParameterSource, by name
    given = ctx.get_parameter_source("token").name == "COMMANDLINE" or token_file is not None
    if token_file is not None:
        try:
            token = (token_file.read_text("utf-8").splitlines() or [""])[0].strip()  # its first line
        except OSError as exc:
            raise fail(f"{token_file}: cannot read the token ({exc.strerror})") from None
        except UnicodeDecodeError:
            raise fail(f"{token_file}: the token file is not UTF-8 text") from None
        if not token:
            raise fail(f"{token_file}: the token file is empty")
    if allow_ingest and not token:
        raise fail("--allow-ingest needs a token: $WARTA_TOKEN, --token-file FILE or --token TOKEN "
                   "(clients send 'Authorization: Bearer TOKEN')")
    if given and not allow_ingest:
        raise fail("--token and --token-file are only used with --allow-ingest")
    try:
        serve(db_path(db), host=host, port=port, allow_ingest=allow_ingest, token=token if allow_ingest else None,
              options=options_from(ctx))
    except (StoreError, ListenError) as exc:
        raise fail(str(exc)) from None


@app.command("spark")
def spark_command(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="files and folders (recursive), as for ingest", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="new folder for the Parquet datasets", show_default=False)],
    master: Annotated[str, typer.Option(help="Spark master URL (local[*]: every core of this machine)")] = "local[*]",
    lines_per_task: Annotated[int, typer.Option(help="JSONL lines one Spark task reads (1000: about a minute on one core)", min=1)] = 1000,
    encoding: Annotated[Optional[str], typer.Option(help="read text in this encoding instead of UTF-8")] = None,
) -> None:
    """Run the pipeline as a PySpark job (needs Java 17+), writing the store's tables as Parquet."""
    options = options_from(ctx, encoding=encoding)
    try:
        from .spark import FAILURES, SparkError, check_output, plan, run_job, spark_session
    except ImportError as exc:
        raise fail(Errors.SPARK_MISSING.format(reason=exc)) from None
    try:
        check_output(output)
        units = plan(paths, lines_per_task)
        with spark_session(master) as spark:
            report = run_job(spark, units, output, options)
    except SparkError as exc:
        raise fail(str(exc)) from None
    except FAILURES as exc:
        raise fail(f"{output}: {Errors.SPARK_FAILED.format(reason=str(exc).strip().splitlines()[0][:300])}") from None
    for rejection in report.rejected:
        print(str(rejection), file=sys.stderr)
    s = report.statuses
    print(f"warta spark -> {output}: {report.read} read, {s['added']} new, {s['duplicate']} exact duplicates, "
          f"{s['near-duplicate']} near-duplicates, {s['exists']} identical inputs skipped, {len(report.rejected)} rejected; "
          f"{report.seconds:.1f} s")
    if report.rejected:
        raise typer.Exit(1)


@app.command("import-parquet")
def import_parquet_command(
    directory: Annotated[Path, typer.Argument(help="the --output folder of 'warta spark'", show_default=False)],
    db: DbOption = None,
) -> None:
    """Load the output of 'warta spark' into a new or empty store, in one transaction."""
    import sqlite3

    from .parquet import ParquetError, open_output

    try:
        batches = open_output(directory)
    except ParquetError as exc:
        raise fail(str(exc)) from None
    store = open_store(db, readonly=False)
    try:
        counts = store.load(batches)
    except (ParquetError, StoreError) as exc:
        raise fail(str(exc)) from None
    except sqlite3.Error as exc:
        raise fail(f"{directory}: {Errors.IMPORT_FAILED.format(reason=exc)}") from None
    finally:
        store.close()
    print(f"{directory} -> {db_path(db)}: {counts['documents']} documents, {counts['entities']} entities, "
          f"{counts['events']} events, {counts['stories']} stories")


# The `evaluate` commands live in their own module, which reads the helpers above.
from .evaluate_cli import evaluate_app  # noqa: E402

app.add_typer(evaluate_app, name="evaluate")

from . import daily  # noqa: E402,F401 - registers fetch, recode and rules on `app`


def main() -> None:
    try:
        app()
    except BrokenPipeError:  # `warta export ... | head`
        sys.stderr.close()
        sys.exit(0)
