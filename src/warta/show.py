"""Terminal views of stored records (Rich), used by `warta show`."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

META_FIELDS = ("doc_id", "source", "title", "outlet", "author", "url", "published", "published_basis",
               "language", "extraction", "duplicate_of")


def render_document(console: Console, doc: dict[str, Any], removed: list[dict[str, Any]], references: list[dict[str, Any]]) -> None:
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold cyan")
    meta.add_column()
    for name in META_FIELDS:
        meta.add_row(name, escape(str(doc.get(name))) if doc.get(name) is not None else "[dim]-[/dim]")
    console.print(meta)
    console.print(Panel(escape(doc["text"]), title="text", title_align="left"))
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
