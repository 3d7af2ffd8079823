"""The JSON API under /api: the query layer's dicts as JSON (its schema is /openapi.json),
and `POST /api/documents`, the one route that writes, when ingest is on."""

from __future__ import annotations

import io
import json
import secrets
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlencode
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from ...settings import Options
from ...store.database import Store
from ..query import lists, summaries
from ..query.filters import CODE, MAX_PER_PAGE, PER_PAGE
from .params import EventFilterDep, Page, PerPage, StoresDep, StoryFilterDep, blank, country_codes

MAX_INGEST_BYTES = 10 * 1024 * 1024

def _query_names(dependant: Any) -> set[str]:
    """The query parameters a route (and the dependencies it uses) declares."""
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def reject_unknown_parameters(request: Request) -> None:
    """A query parameter the route does not take is an error (400), never silently
    ignored: `/api/events?limit=100` would otherwise return the default page."""
    route = request.scope.get("route")
    if route is None or not hasattr(route, "dependant"):
        return
    known = _query_names(route.dependant)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise HTTPException(400, f"Unknown query parameter{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}:"
                                 f" this route takes {', '.join(sorted(known)) or 'none'}.")


router = APIRouter(prefix="/api", dependencies=[Depends(reject_unknown_parameters)])


@dataclass
class Ingest:
    """What `POST /api/documents` needs when ingest is on: the store, the bearer token
    a client must send, the options to ingest with; one writer at a time."""

    path: Path
    token: str
    options: Options
    lock: threading.Lock = field(default_factory=threading.Lock)


class _FastJSON(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _json(data: Any) -> JSONResponse:
    """API data as a JSON response, encoded once by the json module (the records
    are plain dicts, lists and scalars: nothing for FastAPI to convert)."""
    return _FastJSON(data)


def _paged(request: Request, data: dict[str, Any]) -> JSONResponse:
    """A list page as JSON with `next`: the URL of the next page (the same query with
    `page` one more), or null on the last page."""
    more = data["page"] * data["per_page"] < data.get("total", 0)
    query = urlencode([*((k, v) for k, v in request.query_params.multi_items() if k != "page"), ("page", data["page"] + 1)])
    data["next"] = f"{request.url.path}?{query}" if more else None
    return _json(data)


@router.get("/overview", tags=["overview"], summary="Corpus counts, most active dyads, latest stories")
def api_overview(stores: StoresDep) -> dict[str, Any]:
    return _json(stores.overview(stores.get()))


@router.get("/documents", tags=["documents"], summary="Documents (without text), newest first")
def api_documents(request: Request, stores: StoresDep, outlet: Annotated[str | None, Query(max_length=200)] = None,
                  language: Annotated[str | None, Query(max_length=8)] = None, page: Page = 1,
                  per_page: PerPage = PER_PAGE) -> dict[str, Any]:
    return _paged(request, lists.list_documents(stores.get(), blank(outlet), blank(language), page, per_page))


@router.get("/documents/{doc_id}", tags=["documents"],
            summary="One document: SPEC fields, sentences, annotation spans, events, removed lines, references")
def api_document(doc_id: str, stores: StoresDep) -> dict[str, Any]:
    data = lists.document(stores.get(), doc_id)
    if data is None:
        raise HTTPException(404, f"No document {doc_id}.")
    return _json(data)


@router.post("/documents", tags=["documents"], status_code=201,
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
    ingest: Ingest | None = request.app.state.ingest
    if ingest is None:
        raise HTTPException(404, "Ingest over HTTP is off: start warta serve with --allow-ingest --token TOKEN.")
    given = request.headers.get("authorization", "")
    scheme, _, credential = given.partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(credential.strip().encode(), ingest.token.encode()):
        raise HTTPException(403, "A valid 'Authorization: Bearer TOKEN' header is needed to ingest.")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_INGEST_BYTES:
            raise HTTPException(413, f"The article is over {MAX_INGEST_BYTES // (1024 * 1024)} MB.")
    data = _ingest_payload(request.headers.get("content-type", ""), bytes(body))
    return await run_in_threadpool(_ingest, ingest, data)


@router.get("/entities", tags=["entities"], summary="Entities by mentions, with aliases")
def api_entities(request: Request, stores: StoresDep, type: Annotated[str | None, Query(max_length=20)] = None,
                 q: Annotated[str | None, Query(max_length=200, description="part of a name or alias")] = None,
                 page: Page = 1, per_page: PerPage = PER_PAGE) -> dict[str, Any]:
    table = stores.entity_table(stores.get())
    return _paged(request, lists.list_entities(table, blank(type), blank(q), page, per_page))


@router.get("/entities/{entity_id}", tags=["entities"], summary="One entity with its mentions in context")
def api_entity(entity_id: str, stores: StoresDep, page: Page = 1, per_page: PerPage = PER_PAGE) -> dict[str, Any]:
    s = stores.get()
    data = lists.entity(s, entity_id, page, per_page, summary=stores.entity_summary(s, entity_id))
    if data is None:
        raise HTTPException(404, f"No entity {entity_id}.")
    return _json(data)


@router.get("/events", tags=["events"], summary="Events under a filter, newest first, with facet counts")
def api_events(request: Request, f: EventFilterDep, stores: StoresDep, page: Page = 1, per_page: PerPage = PER_PAGE,
               facets: bool = True) -> dict[str, Any]:
    return _paged(request, stores.events_listing(stores.get(), f, page, per_page, facets))


@router.get("/events.csv", tags=["events"], summary="Every event under a filter (all pages) as CSV, SPEC's fields",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def api_events_csv(f: EventFilterDep, stores: StoresDep) -> Response:
    from ..export import write_csv
    from ..query.records import EVENT_FIELDS, event_records

    s = stores.get()
    where, params = replace(f, matches=stores.matches(s, f.q)).where()
    out = io.BytesIO()
    write_csv(event_records(s, where, params), EVENT_FIELDS, out)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="events.csv"'})


@router.get("/events/{event_id}", tags=["events"], summary="One event (SPEC's event record)")
def api_event(event_id: str, stores: StoresDep) -> dict[str, Any]:
    event = lists.get_event(stores.get(), event_id)
    if event is None:
        raise HTTPException(404, f"No event {event_id}.")
    return _json(event)


@router.get("/stories", tags=["stories"], summary="Stories under a filter, newest first")
def api_stories(request: Request, f: StoryFilterDep, stores: StoresDep, page: Page = 1,
                per_page: PerPage = PER_PAGE) -> dict[str, Any]:
    return _paged(request, stores.stories_listing(stores.get(), f, page, per_page))


@router.get("/stories/{story_id}", tags=["stories"], summary="One story with its events")
def api_story(story_id: str, stores: StoresDep) -> dict[str, Any]:
    s = stores.get()
    found = lists.stories_by_id(s, [story_id])
    if not found:
        raise HTTPException(404, f"No story {story_id}.")
    story = found[0]
    story["events"] = lists.events_by_id(s, story["event_ids"])
    return _json(story)


@router.get("/dyads", tags=["dyads"], summary="Country pairs by number of events")
def api_dyads(stores: StoresDep, limit: Annotated[int, Query(ge=1, le=5000)] = 100) -> list[dict[str, Any]]:
    s = stores.get()
    return _json(stores.dyads(s)[:limit] if limit <= 500 else summaries.dyads(s, limit))


@router.get("/dyads/{a}/{b}", tags=["dyads"], summary="A dyad by month (cooperation-conflict) and by event type")
def api_dyad(a: str, b: str, stores: StoresDep) -> dict[str, Any]:
    s = stores.get()
    country_codes(a, b)
    return _json(summaries.dyad(s, a, b))


@router.get("/flows", tags=["flows"], summary="Resources sent between countries, with the Sankey graph")
def api_flows(stores: StoresDep, source: Annotated[str | None, Query(pattern=CODE)] = None,
              target: Annotated[str | None, Query(pattern=CODE)] = None,
              resource: Annotated[str | None, Query(max_length=60)] = None) -> dict[str, Any]:
    rows = stores.flow_rows(stores.get())
    return _json(summaries.flow_view(rows, blank(source), blank(target), blank(resource)))


@router.get("/network", tags=["network"], summary="The actor network among its most active actors")
def api_network(stores: StoresDep,
                limit: Annotated[int, Query(ge=2, le=5000, description="most active actors shown")] = 60) -> dict[str, Any]:
    return _json(summaries.network_view(*stores.network_data(stores.get()), limit=limit))


@router.get("/search", tags=["search"], summary="Full-text search over sentences and titles (Indonesian lemmas)")
def api_search(request: Request, q: Annotated[str, Query(max_length=500)], stores: StoresDep, page: Page = 1,
               per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 20) -> dict[str, Any]:
    s = stores.get()
    result = lists.search(s, q, page, per_page, matches=stores.matches(s, q))
    for item in result["items"]:
        item.pop("pieces", None)
    return _paged(request, result)


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


def _ingest(ingest: Ingest, data: bytes) -> JSONResponse:
    """Ingest one article with a writer Store opened for this request alone."""
    from ...clean.fingerprint import content_hash
    from ...store.ingest import ingest as ingest_inputs

    outcomes: list[dict[str, Any]] = []

    def seen(item: Any, status: str) -> None:
        outcome: dict[str, Any] = {}
        outcomes.append(outcome)
        outcome["status"] = status
        outcome["source"] = getattr(item, "source", None)
        if status == "rejected":
            outcome["reason"] = item.reason
        elif hasattr(item, "doc_id"):
            outcome["doc_id"] = item.doc_id
            outcome["duplicate_of"] = getattr(item, "duplicate_of", None)
        else:
            outcome["doc_id"] = content_hash(item)[:16]

    with ingest.lock, Store(ingest.path) as store:
        ingest_inputs(["-"], store, ingest.options, stdin=io.BufferedReader(io.BytesIO(data)), on_item=seen)
    if not outcomes:
        raise HTTPException(422, "No article was found in the body.")
    for outcome in outcomes:
        if outcome["status"] != "rejected":
            outcome["url"] = f"/documents/{outcome['doc_id']}"
    # one article: its outcome; a JSONL body: the first line's, with every line's in `items`
    body = {**outcomes[0], "stored": sum(o["status"] not in ("exists", "rejected") for o in outcomes),
            "items": outcomes}
    if all(o["status"] == "rejected" for o in outcomes):
        return JSONResponse(body, status_code=422)
    return JSONResponse(body, status_code=201 if body["stored"] else 200)
