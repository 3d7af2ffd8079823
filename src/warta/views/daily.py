"""Daily monitoring commands of `warta`: fetch (feeds, sitemaps, pages; once or --every),
recode (stored documents coded again after the rules or a model changed) and rules check.

They share `cli.py`'s conventions: the same progress bar, summary tables and exit
statuses as `ingest` (0 all read; 1 some inputs rejected, each named on stderr; 2 usage
error; 130 interrupted, everything stored so far intact).
"""

import signal
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.table import Column, Table

from ..errors import StoreError
from .cli import (DbOption, _interrupt, app, db_path, documents_table, fail, interrupted, open_store, options_from,
                  say_rejected, stderr, stdout, summary_table)


def _progress(description: str, total: int | None):
    """A progress bar on stderr when it is a terminal (count, rate, ETA when the total
    is known), as ingest shows; None otherwise."""
    if not stderr.is_terminal:
        return None
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.1f} docs/s"), TimeElapsedColumn(), TextColumn("ETA"),
               TimeRemainingColumn())
    progress = Progress(*columns, console=stderr, transient=True)
    progress.add_task(description, total=total, rate=0.0)
    return progress


def _advance(progress, label: str) -> None:
    if progress is None:
        return
    task = progress.tasks[0]
    progress.advance(task.id)
    progress.update(task.id, rate=task.completed / (task.elapsed or 1e-9), description=escape(label[-40:]))


# --- warta fetch -------------------------------------------------------------------


@app.command("fetch")
def fetch_command(
    ctx: typer.Context,
    urls: Annotated[Optional[list[str]], typer.Argument(help="feed (RSS, Atom) or sitemap URLs", show_default=False)] = None,
    feeds: Annotated[Optional[Path], typer.Option("--feeds", help="a feeds file: one feed or sitemap URL a line, 'page URL' for an article, # comments")] = None,
    page: Annotated[Optional[list[str]], typer.Option("--page", help="an article URL (repeatable)")] = None,
    db: DbOption = None,
    warc_dir: Annotated[Optional[Path], typer.Option("--warc-dir", help="folder for the WARC files of the raw answers [default: DB's name + '-warc' beside it]", show_default=False)] = None,
    every: Annotated[Optional[str], typer.Option("--every", help="run again every 30m, 6h, 1d ... until interrupted")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no summary table")] = False,
) -> None:
    """Fetch new articles from feeds, sitemaps and URLs, and store them as ingest does.

    Polite: robots.txt, one request per host every few seconds, conditional requests,
    retries, a timeout and a size cap (settings under [fetch]). Each raw answer is kept
    in a WARC file; pages fetched before are not fetched again."""
    from ..read.fetch import FeedsFileError, Source, parse_every, read_feeds_file

    sources = [Source(u, "source") for u in urls or ()]
    if feeds:
        try:
            sources += read_feeds_file(feeds)
        except FeedsFileError as exc:
            raise fail(str(exc)) from None
    sources += [Source(u, "page") for u in page or ()]
    from urllib.parse import urlsplit

    for source in sources:
        if urlsplit(source.url).scheme not in ("http", "https") or not urlsplit(source.url).netloc:
            raise fail(f"{source.url}: not an http or https URL")
    if not sources:
        raise fail("nothing to fetch: give feed URLs, --feeds FILE or --page URL")
    try:
        interval = parse_every(every) if every else None
    except ValueError as exc:
        raise fail(str(exc)) from None
    options = options_from(ctx)
    path = db_path(db)
    folder = warc_dir or path.with_name(path.stem + "-warc")
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    status, first = 0, True
    while True:
        if not first and options.rules_dir:  # the rules folder may have been edited since the last run
            from .. import rules

            rules.refresh()
            options = options_from(ctx)
        first = False
        store = open_store(db, readonly=False, options=options)
        started = time.monotonic()
        try:
            report, fetched = _fetch_once(sources, store, options, folder)
        except KeyboardInterrupt:
            raise interrupted(store) from None
        except StoreError as exc:  # locked, read-only, damaged, full: the store's fault, not an input's
            store.close()
            raise fail(str(exc)) from None
        except OSError as exc:
            store.close()
            raise fail(f"{folder}: cannot write the WARC file ({exc.strerror or exc})") from None
        store.close()
        for url in fetched.robots:
            print(f"{url}: skipped, robots.txt does not allow it", file=sys.stderr)
        if not quiet:
            table = summary_table(report, path)
            table.title = f"warta fetch -> {path}"
            stdout.print(table)
            stdout.print(f"feeds and sitemaps read {fetched.sources}, not modified since last time {fetched.not_modified};"
                         f" article links {fetched.links}: fetched {fetched.fetched}, seen before {fetched.seen},"
                         f" not allowed by robots.txt {len(fetched.robots)}")
            if report.stored:
                stdout.print(documents_table(report))
        status = 1 if report.rejected_count else 0
        if interval is None:
            break
        wait = max(0.0, interval - (time.monotonic() - started))
        stdout.print(f"next run at {datetime.fromtimestamp(time.time() + wait, timezone.utc):%Y-%m-%d %H:%M:%S} UTC (--every {every})")
        try:
            time.sleep(wait)
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
    if status:
        raise typer.Exit(status)


def _fetch_once(sources, store, options, folder: Path):
    from warcio.warcwriter import WARCWriter

    from ..clean.fingerprint import content_hash
    from ..document import RawInput
    from ..read.fetch import Fetcher, FetchReport, fetch_items
    from ..store.ingest import ingest_items

    folder.mkdir(parents=True, exist_ok=True)
    name = folder / f"fetch-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}.warc.gz"
    fetched = FetchReport()
    with open(name, "ab") as out:
        fetcher = Fetcher(options, WARCWriter(out, gzip=True))
        items = fetch_items(sources, store, options, fetcher, fetched)
        progress = _progress("fetching", None)

        def stored(item, status):
            if status == "rejected":
                fetched.handled(store, item.source, reason=item.reason)
            elif isinstance(item, RawInput):  # already in the store: the same URL and page
                fetched.handled(store, item.source, doc_id=content_hash(item)[:16])
            else:
                fetched.handled(store, item.source, doc_id=item.doc_id)
            _advance(progress, str(getattr(item, "source", "")))

        if progress is None:
            report = ingest_items(items, store, options, on_item=stored, on_rejection=say_rejected)
        else:
            with progress:
                report = ingest_items(items, store, options, on_item=stored, on_rejection=say_rejected)
    if name.stat().st_size == 0:
        name.unlink()
    return report, fetched


# --- warta recode --------------------------------------------------------------------


@app.command("recode")
def recode_command(
    ctx: typer.Context,
    db: DbOption = None,
    since: Annotated[Optional[str], typer.Option(help="only documents published on or after YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    until: Annotated[Optional[str], typer.Option(help="only documents published on or before YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="only documents of this outlet (as warta export documents names it)")] = None,
    query: Annotated[Optional[str], typer.Option("--query", "-q", help="only documents with a sentence or title holding these words (any inflection)")] = None,
    doc: Annotated[Optional[str], typer.Option(help="only this document (id or its first characters)")] = None,
    force: Annotated[bool, typer.Option(help="also documents already coded by the coder in use")] = False,
) -> None:
    """Code stored documents again after the codebook, the rules folder or a model changed.

    Language and event extraction run again on each chosen document, one transaction
    each; their stories are filed again; a table says which events were added, removed
    or changed, by type. Interrupted, it continues where it stopped when run again."""
    from ..store.recode import count, recode, selection

    import re

    for name, value in (("--since", since), ("--until", until)):
        if value and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            raise fail(f"{name} {value}: give YYYY, YYYY-MM or YYYY-MM-DD")
    options = options_from(ctx)
    store = open_store(db, readonly=False, options=options)
    match = None
    if query:
        from .query.fulltext import fts_query

        match = fts_query(query)
        if match is None:
            raise fail(f"--query {query!r}: no word to search for")
    where, params = selection(since, until, outlet, match, doc)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        progress = _progress("recoding", count(store, options, where, params, force))
        if progress is None:
            report = recode(store, options, where, params, force)
        else:
            with progress:
                report = recode(store, options, where, params, force, on_item=lambda doc_id, _: _advance(progress, doc_id))
    except KeyboardInterrupt:
        store.close()
        raise fail("interrupted; every document recoded so far is stored, run the same command again to continue", 130) from None
    except StoreError as exc:
        store.close()
        raise fail(str(exc)) from None
    store.close()
    for rejection in report.rejected:
        print(str(rejection), file=sys.stderr)
    table = Table("event type", *(Column(name, justify="right") for name in ("added", "removed", "changed", "unchanged")),
                  title=f"warta recode -> {db_path(db)}", title_justify="left")
    totals = [0, 0, 0, 0]
    for event_type, *numbers in report.by_type():
        table.add_row(event_type, *(str(n) for n in numbers))
        totals = [t + n for t, n in zip(totals, numbers)]
    table.add_row("all", *(str(n) for n in totals), style="bold")
    table.caption = (f"{report.recoded} documents recoded, {report.skipped} already coded by this coder (skipped; --force"
                     f" to recode them), {len(report.rejected)} rejected; {report.refiled} story groups refiled;"
                     f" coder: {report.coder}; {report.seconds:.1f} s")
    stdout.print(table)
    if report.rejected:
        raise typer.Exit(1)


# --- warta rules ------------------------------------------------------------------------

rules_app = typer.Typer(help="An analyst's rules folder: codebook entries, gazetteer rows, boilerplate, outlets.",
                        no_args_is_help=True)
app.add_typer(rules_app, name="rules")


@rules_app.command("check")
def rules_check(
    ctx: typer.Context,
    folder: Annotated[Optional[Path], typer.Argument(help="the rules folder [default: --rules, else the setting rules_dir]", show_default=False)] = None,
) -> None:
    """Check a rules folder as warta would load it over the packaged rules: every problem
    is named by file and line (exit status 1), else what it adds is summed up.

    Layout (each file optional): events/codebook/<type>.yaml, language/gazetteer/<file>.tsv
    (a packaged file's name), clean/boilerplate.yaml, clean/outlets.tsv."""
    from .. import rules

    if folder is None:
        folder = Path(options_from(ctx).rules_dir) if options_from(ctx).rules_dir else None
    if folder is None:
        raise fail("give a rules folder: warta rules check DIR (or --rules DIR, or the setting rules_dir)")
    problems = rules.check(folder)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        raise typer.Exit(1)
    print(f"{folder}: {rules.summary(folder)}")
