"""`warta serve`: server-rendered pages and a JSON API over one store.

`create_app(db_path)` builds the FastAPI app. It reads the store through
read-only connections, one per worker thread; the only path that writes is
`POST /api/documents`, off unless the app is created with `allow_ingest=True`
and a token, which opens a writer `Store` for that request alone. Routes are
thin: they call the query functions of `queries.py` and hand the dicts either
to a Jinja2 template (autoescape on) or back as JSON. Every response carries a
strict Content-Security-Policy: scripts and styles come from /static only.
"""


import io
import json
import re
import secrets
import sqlite3
import threading
import time
from collections import OrderedDict
from dataclasses import replace
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

from ... import __version__
from ..analysis import flows, network
from ...settings import Options, load_options
from ...store.database import Store, StoreError, connect, migrations
from . import queries
from .render import KINDS, annotated_text, marked, safe_url

HERE = Path(__file__).resolve().parent
QUERY_SECONDS = 5.0  # a page's SQL is cut off after this (datasette's time limit)
MAX_INGEST_BYTES = 10 * 1024 * 1024
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
CODE = r"^[A-Za-z]{0,3}$"
DYAD = r"^([A-Za-z]{3}-[A-Za-z]{3})?$"


class Stores:
    """One read-only `Store` per worker thread (sqlite3 connections stay on the
    thread that made them), each with a per-request time limit, and a small cache
    of results keyed by the store's version: whole-store views (flows, network,
    entities) and facet counts, which only change when a document is added."""

    CACHE_SIZE = 512

    def __init__(self, path: Path) -> None:
        self.path = path
        self.local = threading.local()
        self.cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self) -> Store:
        store = getattr(self.local, "store", None)
        if store is None:
            store = Store(self.path, readonly=True)
            store.deadline = float("inf")
            store.db.set_progress_handler(lambda: int(time.monotonic() > store.deadline), 10_000)
            self.local.store = store
        store.deadline = time.monotonic() + QUERY_SECONDS
        return store

    def version(self, store: Store) -> int:
        """Changes whenever a document is added (documents are only ever appended)."""
        return store.db.execute("SELECT coalesce(max(rowid), 0) FROM documents").fetchone()[0]

    def cached(self, store: Store, name: Any, compute: Callable[[], Any]) -> Any:
        key = (name, self.version(store))
        with self.lock:
            if key in self.cache:
                self.cache.move_to_end(key)
                return self.cache[key]
        value = compute()
        with self.lock:
            self.cache[key] = value
            while len(self.cache) > self.CACHE_SIZE:
                self.cache.popitem(last=False)
        return value


def _blank(value: str | None) -> str | None:
    return value.strip() or None if isinstance(value, str) else value


def check_store(path: Path) -> None:
    """Raise StoreError unless `path` is a warta store this code can serve read-only."""
    connection = connect(path, readonly=True)
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
    finally:
        connection.close()
    known = max(number for number, _ in migrations())
    if version == 0:
        raise StoreError(f"{path}: no database here: run 'warta ingest' first")
    if version < known:
        raise StoreError(f"{path}: made by an older warta (schema {version}, this one is {known}); "
                         "run 'warta ingest' on it once (any input) to upgrade it, then serve it")


def create_app(db_path: str | Path, allow_ingest: bool = False, token: str | None = None,
               options: Options | None = None) -> FastAPI:
    """The web app over the store at `db_path` (read-only). With `allow_ingest`,
    `POST /api/documents` accepts an article from a client that sends
    `Authorization: Bearer TOKEN`, and ingests it with `options` (the defaults when
    None); without a token ingest cannot be turned on."""
    path = Path(db_path)
    if allow_ingest and not token:
        raise ValueError("ingest over HTTP needs a token (--token)")
    check_store(path)
    queries.search_terms("kunjungan")  # loads the lemma dictionary now, not on the first search
    stores = Stores(path)
    options = options or load_options()
    ingest_lock = threading.Lock()

    app = FastAPI(
        title="warta",
        version=__version__,
        description="Indonesian news as a cited record of PLOVER events: documents, entities, events, stories, "
                    "dyads, flows and full-text search. Every record points at its evidence sentence.",
        docs_url=None, redoc_url=None,  # Swagger UI would load from a CDN: /openapi.json is the schema
    )
    app.state.stores = stores
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(url=_url, with_params=_with_params, safe_url=safe_url, kinds=KINDS, marked=marked,
                       version=__version__, quads=queries.QUADS, event_types=queries.EVENT_TYPES,
                       ingest_on=allow_ingest, quad_of=queries.quad_of())
    env.filters["num"] = lambda n: f"{n:,}" if isinstance(n, (int, float)) else ("" if n is None else n)
    env.filters["signed"] = lambda n: "" if n is None else f"{n:+.2f}"
    env.filters["quad_label"] = lambda q: (q or "").replace("_", " ")
    templates = Jinja2Templates(env=env)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(sqlite3.OperationalError)
    async def slow_query(request: Request, exc: sqlite3.OperationalError):
        if "interrupted" not in str(exc):
            raise exc
        return _error(request, templates, 503, "That query took too long; narrow the filter and try again.")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return _error(request, templates, exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.errors()}, status_code=422)
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return _error(request, templates, 422, f"Bad query parameters ({problems}).")

    # Each sync route runs in one worker thread and takes that thread's store with
    # stores.get() (a FastAPI dependency may run in another thread than its route).
    Page = Annotated[int, Query(ge=1, le=100_000, description="page number, from 1")]
    PerPage = Annotated[int, Query(ge=1, le=queries.MAX_PER_PAGE, description="rows per page")]

    def event_filter(
        type: Annotated[str | None, Query(max_length=20, description="PLOVER event type, e.g. CONSULT")] = None,
        quad: Annotated[str | None, Query(max_length=30, description="PLOVER quad class, e.g. verbal_cooperation")] = None,
        dyad: Annotated[str | None, Query(pattern=DYAD, description="two countries, either direction: RUS-PRK")] = None,
        actor: Annotated[str | None, Query(max_length=64, description="actor entity_id")] = None,
        recipient: Annotated[str | None, Query(max_length=64, description="recipient entity_id")] = None,
        actor_country: Annotated[str | None, Query(pattern=CODE, description="actor's country (ISO alpha-3)")] = None,
        recipient_country: Annotated[str | None, Query(pattern=CODE, description="recipient's country")] = None,
        source: Annotated[str | None, Query(max_length=64, description="network node acting (person entity_id or country)")] = None,
        target: Annotated[str | None, Query(max_length=64, description="network node receiving")] = None,
        certainty: Annotated[str | None, Query(max_length=20)] = None,
        outlet: Annotated[str | None, Query(max_length=200)] = None,
        date_from: Annotated[str | None, Query(alias="from", pattern=DATE, description="earliest date: YYYY, YYYY-MM or YYYY-MM-DD")] = None,
        date_to: Annotated[str | None, Query(alias="to", pattern=DATE, description="latest date (inclusive)")] = None,
        q: Annotated[str | None, Query(max_length=500, description="full-text search over sentences and titles")] = None,
        story: Annotated[str | None, Query(max_length=64)] = None,
        doc: Annotated[str | None, Query(max_length=64, description="doc_id")] = None,
        negated: Annotated[str | None, Query(pattern=r"^[01]?$", description="1: negated events only, 0: none")] = None,
        undated: Annotated[str | None, Query(pattern=r"^[01]?$", description="1: events with no month, 0: dated to a month or day")] = None,
    ) -> queries.EventFilter:
        values = {k: _blank(v) for k, v in locals().items()}
        for flag in ("negated", "undated"):
            values[flag] = None if values[flag] is None else values[flag] == "1"
        return queries.EventFilter(**values)

    EventFilterDep = Annotated[queries.EventFilter, Depends(event_filter)]

    def story_filter(
        type: Annotated[str | None, Query(max_length=20)] = None,
        dyad: Annotated[str | None, Query(pattern=DYAD)] = None,
        date_from: Annotated[str | None, Query(alias="from", pattern=DATE)] = None,
        date_to: Annotated[str | None, Query(alias="to", pattern=DATE)] = None,
        sources: Annotated[int | None, Query(ge=1, le=1000, description="at least this many independent outlets")] = None,
    ) -> queries.StoryFilter:
        return queries.StoryFilter(_blank(type), _blank(dyad), _blank(date_from), _blank(date_to), sources)

    StoryFilterDep = Annotated[queries.StoryFilter, Depends(story_filter)]

    def render(request: Request, name: str, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, {"path": request.url.path, "params": dict(request.query_params),
                                                          **context})

    def flow_rows(s: Store) -> list[dict[str, Any]]:
        return stores.cached(s, "flows", lambda: flows(s))

    def network_data(s: Store) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        return stores.cached(s, "network", lambda: network(s))

    def entity_table(s: Store) -> list[dict[str, Any]]:
        return stores.cached(s, "entities", lambda: queries.entities_table(s))

    def entity_summary(s: Store, entity_id: str) -> dict[str, Any] | None:
        index = stores.cached(s, "entity-index", lambda: {e["entity_id"]: e for e in entity_table(s)})
        return index.get(entity_id)

    def stories_listing(s: Store, f: queries.StoryFilter, page: int, per_page: int) -> dict[str, Any]:
        data = queries.list_stories(s, f, page, per_page, facets=False)
        data["facets"] = stores.cached(s, ("story-facets", tuple(sorted(f.params().items()))),
                                       lambda: queries.story_facets(s, f))
        return data

    def matches(s: Store, q: str | None) -> str | None:
        """The events a full-text query finds (cached: paging through one query runs it once)."""
        if not q or queries.fts_query(q) is None:
            return None
        return stores.cached(s, ("matches", q), lambda: queries.EventFilter(q=q).resolved(s).matches)

    def events_listing(s: Store, f: queries.EventFilter, page: int, per_page: int, facets: bool = True) -> dict[str, Any]:
        f = replace(f, matches=matches(s, f.q))
        data = queries.list_events(s, f, page, per_page, facets=False)
        if facets:
            key = ("event-facets", tuple(sorted(f.params().items())))
            data["facets"] = stores.cached(s, key, lambda: queries.event_facets(s, f))
        return data

    # --- pages ---------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview_page(request: Request):
        s = stores.get()
        return render(request, "overview.html", data=stores.cached(s, "overview", lambda: queries.overview(s)))

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, f: EventFilterDep, page: Page = 1, per_page: PerPage = queries.PER_PAGE):
        s = stores.get()
        return render(request, "events.html", data=events_listing(s, f, page, per_page), f=f)

    @app.get("/events/{event_id}", include_in_schema=False)
    def event_page(event_id: str):
        s = stores.get()
        event = queries.get_event(s, event_id)
        if event is None:
            raise HTTPException(404, f"No event {event_id}.")
        return RedirectResponse(f"/documents/{event['doc_id']}#s{event['sentence']}", status_code=303)

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request, f: StoryFilterDep, page: Page = 1):
        s = stores.get()
        return render(request, "stories.html", data=stories_listing(s, f, page, queries.PER_PAGE))

    @app.get("/dyads", response_class=HTMLResponse, include_in_schema=False)
    def dyads_page(request: Request):
        s = stores.get()
        return render(request, "dyads.html", dyads=stores.cached(s, "dyads", lambda: queries.dyads(s, limit=500)))

    @app.get("/dyads/{a}/{b}", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(request: Request, a: str, b: str):
        s = stores.get()
        _country_codes(a, b)
        return render(request, "dyad.html", data=queries.dyad(s, a, b))

    @app.get("/flows", response_class=HTMLResponse, include_in_schema=False)
    def flows_page(request: Request, source: Annotated[str | None, Query(pattern=CODE)] = None,
                   target: Annotated[str | None, Query(pattern=CODE)] = None,
                   resource: Annotated[str | None, Query(max_length=60)] = None):
        s = stores.get()
        return render(request, "flows.html", data=queries.flow_view(flow_rows(s), _blank(source), _blank(target), _blank(resource)))

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request, limit: Annotated[int, Query(ge=2, le=500, description="most active actors shown")] = 60):
        s = stores.get()
        return render(request, "network.html", data=queries.network_view(*network_data(s), limit=limit), limit=limit)

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(request: Request, outlet: Annotated[str | None, Query(max_length=200)] = None,
                       language: Annotated[str | None, Query(max_length=8)] = None, page: Page = 1):
        s = stores.get()
        return render(request, "documents.html", data=queries.list_documents(s, _blank(outlet), _blank(language), page))

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str):
        s = stores.get()
        data = queries.document(s, doc_id)
        if data is None:
            raise HTTPException(404, f"No document {doc_id}.")
        html = annotated_text(data["document"]["text"], data["sentences"], data["spans"], data["events"])
        counts: dict[str, int] = {}
        for span in data["spans"]:
            counts[span["kind"]] = counts.get(span["kind"], 0) + 1
        return render(request, "document.html", data=data, text_html=html, span_counts=counts)

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(request: Request, type: Annotated[str | None, Query(max_length=20)] = None,
                      q: Annotated[str | None, Query(max_length=200)] = None, page: Page = 1):
        s = stores.get()
        return render(request, "entities.html", data=queries.list_entities(entity_table(s), _blank(type), _blank(q), page))

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: str, page: Page = 1):
        s = stores.get()
        data = queries.entity(s, entity_id, page, summary=entity_summary(s, entity_id))
        if data is None:
            raise HTTPException(404, f"No entity {entity_id}.")
        return render(request, "entity.html", data=data)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: Annotated[str, Query(max_length=500)] = "", page: Page = 1):
        s = stores.get()
        return render(request, "search.html", data=queries.search(s, q, page, matches=matches(s, q)))

    # --- JSON API ------------------------------------------------------------

    @app.get("/api/overview", tags=["overview"], summary="Corpus counts, most active dyads, latest stories")
    def api_overview() -> dict[str, Any]:
        s = stores.get()
        return _json(stores.cached(s, "overview", lambda: queries.overview(s)))

    @app.get("/api/documents", tags=["documents"], summary="Documents (without text), newest first")
    def api_documents(outlet: Annotated[str | None, Query(max_length=200)] = None,
                      language: Annotated[str | None, Query(max_length=8)] = None, page: Page = 1,
                      per_page: PerPage = queries.PER_PAGE) -> dict[str, Any]:
        s = stores.get()
        return _json(queries.list_documents(s, _blank(outlet), _blank(language), page, per_page))

    @app.get("/api/documents/{doc_id}", tags=["documents"],
             summary="One document: SPEC fields, sentences, annotation spans, events, removed lines, references")
    def api_document(doc_id: str) -> dict[str, Any]:
        s = stores.get()
        data = queries.document(s, doc_id)
        if data is None:
            raise HTTPException(404, f"No document {doc_id}.")
        return _json(data)

    @app.post("/api/documents", tags=["documents"], status_code=201,
              summary="Ingest one article (only with --allow-ingest and its bearer token)",
              responses={200: {"description": "already in the store"}, 403: {"description": "missing or wrong token"},
                         404: {"description": "ingest is off"}, 413: {"description": "too large"},
                         422: {"description": "rejected, with the reason"}},
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": {"type": "object", "properties": {
                      "text": {"type": "string"}, "html": {"type": "string"}, "title": {"type": "string"},
                      "url": {"type": "string"}, "published": {"type": "string"}, "outlet": {"type": "string"},
                      "id": {"type": "string"}}}},
                  "text/plain": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}}}}})
    async def api_ingest(request: Request) -> JSONResponse:
        if not allow_ingest:
            raise HTTPException(404, "Ingest over HTTP is off: start warta serve with --allow-ingest --token TOKEN.")
        given = request.headers.get("authorization", "")
        scheme, _, credential = given.partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(credential.strip().encode(), token.encode()):
            raise HTTPException(403, "A valid 'Authorization: Bearer TOKEN' header is needed to ingest.")
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_INGEST_BYTES:
                raise HTTPException(413, f"The article is over {MAX_INGEST_BYTES // (1024 * 1024)} MB.")
        data = _ingest_payload(request.headers.get("content-type", ""), bytes(body))
        return await run_in_threadpool(_ingest, path, data, options, ingest_lock)

    @app.get("/api/entities", tags=["entities"], summary="Entities by mentions, with aliases")
    def api_entities(type: Annotated[str | None, Query(max_length=20)] = None,
                     q: Annotated[str | None, Query(max_length=200, description="part of a name or alias")] = None,
                     page: Page = 1, per_page: PerPage = queries.PER_PAGE) -> dict[str, Any]:
        s = stores.get()
        return _json(queries.list_entities(entity_table(s), _blank(type), _blank(q), page, per_page))

    @app.get("/api/entities/{entity_id}", tags=["entities"], summary="One entity with its mentions in context")
    def api_entity(entity_id: str, page: Page = 1, per_page: PerPage = queries.PER_PAGE) -> dict[str, Any]:
        s = stores.get()
        data = queries.entity(s, entity_id, page, per_page, summary=entity_summary(s, entity_id))
        if data is None:
            raise HTTPException(404, f"No entity {entity_id}.")
        return _json(data)

    @app.get("/api/events", tags=["events"], summary="Events under a filter, newest first, with facet counts")
    def api_events(f: EventFilterDep, page: Page = 1, per_page: PerPage = queries.PER_PAGE,
                   facets: bool = True) -> dict[str, Any]:
        s = stores.get()
        return _json(events_listing(s, f, page, per_page, facets))

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event (SPEC's event record)")
    def api_event(event_id: str) -> dict[str, Any]:
        s = stores.get()
        event = queries.get_event(s, event_id)
        if event is None:
            raise HTTPException(404, f"No event {event_id}.")
        return _json(event)

    @app.get("/api/stories", tags=["stories"], summary="Stories under a filter, newest first")
    def api_stories(f: StoryFilterDep, page: Page = 1, per_page: PerPage = queries.PER_PAGE) -> dict[str, Any]:
        s = stores.get()
        return _json(stories_listing(s, f, page, per_page))

    @app.get("/api/stories/{story_id}", tags=["stories"], summary="One story with its events")
    def api_story(story_id: str) -> dict[str, Any]:
        s = stores.get()
        found = queries.stories_by_id(s, [story_id])
        if not found:
            raise HTTPException(404, f"No story {story_id}.")
        story = found[0]
        story["events"] = queries.events_by_id(s, story["event_ids"])
        return _json(story)

    @app.get("/api/dyads", tags=["dyads"], summary="Country pairs by number of events")
    def api_dyads(limit: Annotated[int, Query(ge=1, le=5000)] = 100) -> list[dict[str, Any]]:
        s = stores.get()
        return _json(stores.cached(s, "dyads", lambda: queries.dyads(s, limit=500))[:limit] if limit <= 500 else queries.dyads(s, limit))

    @app.get("/api/dyads/{a}/{b}", tags=["dyads"], summary="A dyad by month (cooperation-conflict) and by event type")
    def api_dyad(a: str, b: str) -> dict[str, Any]:
        s = stores.get()
        _country_codes(a, b)
        return _json(queries.dyad(s, a, b))

    @app.get("/api/flows", tags=["flows"], summary="Resources sent between countries, with the Sankey graph")
    def api_flows(source: Annotated[str | None, Query(pattern=CODE)] = None,
                  target: Annotated[str | None, Query(pattern=CODE)] = None,
                  resource: Annotated[str | None, Query(max_length=60)] = None) -> dict[str, Any]:
        s = stores.get()
        return _json(queries.flow_view(flow_rows(s), _blank(source), _blank(target), _blank(resource)))

    @app.get("/api/network", tags=["network"], summary="The actor network among its most active actors")
    def api_network(limit: Annotated[int, Query(ge=2, le=5000, description="most active actors shown")] = 60) -> dict[str, Any]:
        s = stores.get()
        return _json(queries.network_view(*network_data(s), limit=limit))

    @app.get("/api/search", tags=["search"], summary="Full-text search over sentences and titles (Indonesian lemmas)")
    def api_search(q: Annotated[str, Query(max_length=500)], page: Page = 1,
                   per_page: Annotated[int, Query(ge=1, le=queries.MAX_PER_PAGE)] = 20) -> dict[str, Any]:
        s = stores.get()
        result = queries.search(s, q, page, per_page, matches=matches(s, q))
        for item in result["items"]:
            item.pop("pieces", None)
        return _json(result)

    return app


def _json(data: Any) -> JSONResponse:
    """API data as a JSON response, encoded once by the json module (the records
    are plain dicts, lists and scalars: nothing for FastAPI to convert)."""
    return _FastJSON(data)


class _FastJSON(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _country_codes(*codes: str) -> None:
    for code in codes:
        if not re.fullmatch(r"[A-Za-z]{3}", code):
            raise HTTPException(404, f"{code!r} is not an ISO 3166-1 alpha-3 country code.")


def _url(path: str, params: dict[str, Any] | None = None, **more: Any) -> str:
    """`path` with query parameters (None values left out), for templates."""
    merged = {**(params or {}), **more}
    query = urlencode({k: v for k, v in merged.items() if v is not None and v != ""})
    return f"{path}?{query}" if query else path


def _with_params(params: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The current query with some parameters changed (None removes one); any
    change of filter goes back to the first page."""
    merged = {k: v for k, v in params.items() if k != "page"}
    merged.update(changes)
    return {k: v for k, v in merged.items() if v is not None and v != ""}


def _error(request: Request, templates: Jinja2Templates, status: int, message: str,
           headers: dict[str, str] | None = None) -> Response:
    if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", "text/html"):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    return templates.TemplateResponse(request, "error.html", {"path": request.url.path, "params": {},
                                                              "status": status, "message": message},
                                      status_code=status, headers=headers)


def _ingest_payload(content_type: str, body: bytes) -> bytes:
    """The request body as ingest reads it: a JSON article object as one JSONL line;
    plain text or HTML as it is."""
    if "json" in content_type.lower():
        try:
            record = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise HTTPException(422, f"The body is not JSON ({exc}).") from None
        if not isinstance(record, dict):
            raise HTTPException(422, "The body must be one JSON object with a 'text' or 'html' field.")
        return json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"
    if not body.strip():
        raise HTTPException(422, "The body is empty.")
    return body


def _ingest(path: Path, data: bytes, options: Options, lock: threading.Lock) -> JSONResponse:
    """Ingest one article with a writer Store opened for this request alone."""
    from ...clean.fingerprint import content_hash
    from ...store.ingest import ingest

    outcome: dict[str, Any] = {}

    def seen(item: Any, status: str) -> None:
        outcome["status"] = status
        outcome["source"] = getattr(item, "source", None)
        if status == "rejected":
            outcome["reason"] = item.reason
        elif hasattr(item, "doc_id"):
            outcome["doc_id"] = item.doc_id
            outcome["duplicate_of"] = getattr(item, "duplicate_of", None)
        else:
            outcome["doc_id"] = content_hash(item)[:16]

    with lock, Store(path) as store:
        ingest(["-"], store, options, stdin=io.BufferedReader(io.BytesIO(data)), on_item=seen)
    if not outcome:
        raise HTTPException(422, "No article was found in the body.")
    if outcome["status"] == "rejected":
        return JSONResponse(outcome, status_code=422)
    outcome["url"] = f"/documents/{outcome['doc_id']}"
    return JSONResponse(outcome, status_code=200 if outcome["status"] == "exists" else 201)


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000, allow_ingest: bool = False,
          token: str | None = None, options: Options | None = None) -> None:
    """Run the app with uvicorn until interrupted (what `warta serve` calls).
    Raises StoreError (the store cannot be served) or ValueError (ingest without
    a token) before listening."""
    import sys

    import uvicorn

    app = create_app(db_path, allow_ingest=allow_ingest, token=token, options=options)
    shown = f"[{host}]" if ":" in host else host
    print(f"warta: serving {db_path} at http://{shown}:{port}/ (Ctrl-C to stop)", file=sys.stderr)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warta: listening on {host}: anyone who can reach this address can read the store", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
