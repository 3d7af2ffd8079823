"""The HTML pages: each route calls the query layer and hands the dicts to a Jinja2
template (autoescape on)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..query import lists, summaries
from ..query.filters import CODE, PER_PAGE
from .params import EventFilterDep, Page, PerPage, StoresDep, StoryFilterDep, blank, country_codes
from .render import annotated_text

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def render(request: Request, name: str, **context: Any) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(
        request, name, {"path": request.url.path, "params": dict(request.query_params), **context})


@router.get("/")
def overview_page(request: Request, stores: StoresDep):
    return render(request, "overview.html", data=stores.overview(stores.get()))


@router.get("/events")
def events_page(request: Request, f: EventFilterDep, stores: StoresDep, page: Page = 1, per_page: PerPage = PER_PAGE):
    return render(request, "events.html", data=stores.events_listing(stores.get(), f, page, per_page), f=f)


@router.get("/events/{event_id}")
def event_page(event_id: str, stores: StoresDep):
    event = lists.get_event(stores.get(), event_id)
    if event is None:
        raise HTTPException(404, f"No event {event_id}.")
    return RedirectResponse(f"/documents/{event['doc_id']}#s{event['sentence']}", status_code=303)


@router.get("/stories")
def stories_page(request: Request, f: StoryFilterDep, stores: StoresDep, page: Page = 1):
    return render(request, "stories.html", data=stores.stories_listing(stores.get(), f, page, PER_PAGE))


@router.get("/dyads")
def dyads_page(request: Request, stores: StoresDep):
    return render(request, "dyads.html", dyads=stores.dyads(stores.get()))


@router.get("/dyads/{a}/{b}")
def dyad_page(request: Request, a: str, b: str, stores: StoresDep):
    s = stores.get()
    country_codes(a, b)
    return render(request, "dyad.html", data=summaries.dyad(s, a, b))


@router.get("/flows")
def flows_page(request: Request, stores: StoresDep, source: Annotated[str | None, Query(pattern=CODE)] = None,
               target: Annotated[str | None, Query(pattern=CODE)] = None,
               resource: Annotated[str | None, Query(max_length=60)] = None):
    rows = stores.flow_rows(stores.get())
    return render(request, "flows.html", data=summaries.flow_view(rows, blank(source), blank(target), blank(resource)))


@router.get("/network")
def network_page(request: Request, stores: StoresDep,
                 limit: Annotated[int, Query(ge=2, le=500, description="most active actors shown")] = 60):
    data = summaries.network_view(*stores.network_data(stores.get()), limit=limit)
    return render(request, "network.html", data=data, limit=limit)


@router.get("/documents")
def documents_page(request: Request, stores: StoresDep, outlet: Annotated[str | None, Query(max_length=200)] = None,
                   language: Annotated[str | None, Query(max_length=8)] = None, page: Page = 1):
    data = lists.list_documents(stores.get(), blank(outlet), blank(language), page)
    return render(request, "documents.html", data=data)


@router.get("/documents/{doc_id}")
def document_page(request: Request, doc_id: str, stores: StoresDep):
    data = lists.document(stores.get(), doc_id)
    if data is None:
        raise HTTPException(404, f"No document {doc_id}.")
    html = annotated_text(data["document"]["text"], data["sentences"], data["spans"], data["events"])
    counts: dict[str, int] = {}
    for span in data["spans"]:
        counts[span["kind"]] = counts.get(span["kind"], 0) + 1
    return render(request, "document.html", data=data, text_html=html, span_counts=counts)


@router.get("/entities")
def entities_page(request: Request, stores: StoresDep, type: Annotated[str | None, Query(max_length=20)] = None,
                  q: Annotated[str | None, Query(max_length=200)] = None, page: Page = 1):
    table = stores.entity_table(stores.get())
    return render(request, "entities.html", data=lists.list_entities(table, blank(type), blank(q), page))


@router.get("/entities/{entity_id}")
def entity_page(request: Request, entity_id: str, stores: StoresDep, page: Page = 1):
    s = stores.get()
    data = lists.entity(s, entity_id, page, summary=stores.entity_summary(s, entity_id))
    if data is None:
        raise HTTPException(404, f"No entity {entity_id}.")
    return render(request, "entity.html", data=data)


@router.get("/search")
def search_page(request: Request, stores: StoresDep, q: Annotated[str, Query(max_length=500)] = "", page: Page = 1):
    s = stores.get()
    return render(request, "search.html", data=lists.search(s, q, page, matches=stores.matches(s, q)))
