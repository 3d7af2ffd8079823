"""HTML pieces built in Python: the annotated document text and marked snippets.

Article text is untrusted. Every piece of it goes through `escape` before it is
joined with markup, and the markup itself is built only from fixed strings,
annotation kinds and hexadecimal ids, so no article can add an element, an
attribute or a link (the spans-as-<mark> rendering follows displaCy's).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

# Annotation kinds (store.spans) and how they are labelled on the page.
KINDS = {
    "PERSON": "person",
    "ORG": "organisation",
    "COUNTRY": "country",
    "LOCATION": "place",
    "OTHER": "other",
    "date": "date",
    "quantity": "quantity",
    "trigger": "event",
}
# When spans overlap, the one kept is the event trigger, then the longer span.
PRIORITY = {"trigger": 0}


def safe_url(url: str | None) -> str | None:
    """`url` when it is an http(s) address, else None (never a javascript: link)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def choose_spans(spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Non-overlapping spans to draw: triggers first, then longest, then leftmost.
    (The others stay listed in the tables below the text.)"""
    kept: list[dict[str, Any]] = []
    order = sorted(spans, key=lambda s: (PRIORITY.get(s["kind"], 1), -(s["end"] - s["start"]), s["start"]))
    for span in order:
        if span["end"] <= span["start"]:
            continue
        if all(span["end"] <= k["start"] or span["start"] >= k["end"] for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s["start"])


def _mark(text: str, span: dict[str, Any], triggers: dict[tuple[int, int], list[dict[str, Any]]]) -> Markup:
    kind = span["kind"]
    label = KINDS.get(kind, "other")
    css = f"ann ann-{label}"
    body = escape(text)
    if kind == "trigger":
        events = triggers.get((span["start"], span["end"]), [])
        title = "; ".join(_event_title(e) for e in events) or "event"
        anchor = f"#ev-{events[0]['event_id']}" if events else "#events"
        return Markup('<a class="{css}" href="{href}" title="{title}" data-kind="{label}">{body}</a>').format(
            css=css, href=anchor, title=title, label=label, body=body)
    if span.get("entity_id"):
        return Markup('<a class="{css}" href="/entities/{id}" title="{title}" data-kind="{label}">{body}</a>').format(
            css=css, id=quote(span["entity_id"]), title=f"{label}: {span.get('name') or text}", label=label, body=body)
    return Markup('<mark class="{css}" data-kind="{label}">{body}</mark>').format(css=css, label=label, body=body)


def _event_title(e: dict[str, Any]) -> str:
    actor = (e.get("actor") or {}).get("country") or "?"
    recipient = (e.get("recipient") or {}).get("country") or "?"
    negated = " (negated)" if e.get("negated") else ""
    return f"{e['event_type']}{':' + e['mode'] if e.get('mode') else ''} {actor} → {recipient}, {e['certainty']}{negated}"


def annotated_text(text: str, sentences: list[dict[str, Any]], spans: list[dict[str, Any]],
                   events: list[dict[str, Any]]) -> Markup:
    """The document text as HTML: each sentence a <span id="sN">, each annotation a
    <mark> (or a link to its entity or event) inside it, every text piece escaped."""
    triggers: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for e in events:
        triggers.setdefault((e["trigger_start"], e["trigger_end"]), []).append(e)
    with_events = {e.get("sentence") for e in events}
    chosen = choose_spans(spans)
    # sentences cover parts of the text; the gaps between them are plain text
    blocks: list[tuple[int, int, int | None]] = []
    position = 0
    for s in sorted(sentences, key=lambda s: s["start"]):
        start, end = max(s["start"], position), s["end"]
        if end <= start:
            continue
        if start > position:
            blocks.append((position, start, None))
        blocks.append((start, end, s["idx"]))
        position = end
    if position < len(text):
        blocks.append((position, len(text), None))
    out: list[Markup] = []
    span_index = 0
    for start, end, idx in blocks:
        pieces: list[Markup] = []
        cursor = start
        while span_index < len(chosen) and chosen[span_index]["start"] < end:
            span = chosen[span_index]
            s_start, s_end = max(span["start"], cursor), min(span["end"], end)
            if s_end <= s_start:  # already passed (clipped by a sentence boundary)
                span_index += 1
                continue
            if s_start > cursor:
                pieces.append(escape(text[cursor:s_start]))
            pieces.append(_mark(text[s_start:s_end], span, triggers))
            cursor = s_end
            if span["end"] <= end:
                span_index += 1
            else:
                break  # the span goes on into the next block
        if cursor < end:
            pieces.append(escape(text[cursor:end]))
        inner = Markup("").join(pieces)
        if idx is None:
            out.append(inner)
        else:
            css = "sentence has-event" if idx in with_events else "sentence"
            out.append(Markup('<span class="{css}" id="s{idx}">{inner}</span>').format(css=css, idx=int(idx), inner=inner))
    return Markup("").join(out)


def marked(pieces: list[tuple[str, bool]]) -> Markup:
    """(text, matched) pieces as HTML, the matched ones in <mark>."""
    return Markup("").join(Markup("<mark>{}</mark>").format(p) if hit else escape(p) for p, hit in pieces)
