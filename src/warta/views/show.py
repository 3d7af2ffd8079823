"""Terminal views of stored records (Rich), used by `warta show`."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..errors import Errors

META_FIELDS = ("doc_id", "source", "title", "outlet", "author", "url", "published", "published_basis",
               "language", "extraction", "duplicate_of")


STYLES = {
    "PERSON": "bold magenta",
    "ORG": "bold cyan",
    "COUNTRY": "bold green",
    "LOCATION": "green",
    "date": "yellow underline",
    "quantity": "blue underline",
    "trigger": "bold red reverse",
}


def highlighted(text: str, spans: list[tuple[int, int, str]]) -> Text:
    """The document text with each (start, end, style-key) span styled. A Text object
    is never parsed as markup, so article text cannot inject styles or links."""
    rich_text = Text(text)
    for start, end, key in spans:
        rich_text.stylize(STYLES[key], start, end)
    return rich_text


def legend() -> Text:
    return Text("  ").join(Text(name, style=style) for name, style in STYLES.items())


def events_table(events: list[dict[str, Any]]) -> Table:
    table = Table("type", "actor", "recipient", "date", "certainty", "trigger", "rule", title="events", title_justify="left")
    for e in events:
        def who(p: dict[str, Any] | None) -> str:
            return f"{p['text']} ({p['country'] or '?'}{'/' + p['sector'] if p.get('sector') else ''})" if p else "-"

        certainty = e["certainty"] + (" [negated]" if e["negated"] else "")
        if e["attribution"]:
            certainty += f" per {e['attribution']['text']}"
        when = f"{e['date']} ({e['date_basis']})" if e["date"] else "-"
        table.add_row(e["event_type"] + (f":{e['mode']}" if e["mode"] else ""), escape(who(e["actor"])),
                      escape(who(e["recipient"])), when, escape(certainty), escape(e["trigger_text"]), e["rule"])
    return table


def render_document(console: Console, doc: dict[str, Any], removed: list[dict[str, Any]], references: list[dict[str, Any]],
                    spans: list[tuple[int, int, str]] | None = None, events: list[dict[str, Any]] | None = None) -> None:
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold cyan")
    meta.add_column()
    for name in META_FIELDS:
        meta.add_row(name, escape(str(doc.get(name))) if doc.get(name) is not None else "[dim]-[/dim]")
    console.print(meta)
    if doc.get("language") == "en":
        console.print(f"[bold yellow]{Errors.ENGLISH}[/bold yellow]")
    console.print(Panel(highlighted(doc["text"], spans or []), title="text", subtitle=legend(), title_align="left"))
    if events:
        console.print(events_table(events))
    if references:
        table = Table("marker", "reference", "date", title="references", title_justify="left")
        for ref in references:
            table.add_row(f"[{ref['marker']}]", escape(ref["text"]), ref["date"] or "")
        console.print(table)
    if removed:
        table = Table("line", "removed text", "rule", title="removed by cleaning", title_justify="left", style="dim")
        for item in removed:
            table.add_row(str(item["line"]), escape(item["text"]), item["rule"])
        console.print(table)
