"""The analyst in the loop (issue 20): correcting events from the browser.

`POST /api/corrections` appends one correction (store/corrections.py) and answers
with it and the event as it now reads; `GET /api/corrections` lists the log. Writing
is on only where ingest is (`warta serve --allow-ingest --token T`), with the same
bearer token, through a writer Store opened for the request alone; reading the log
needs no token (the store is readable by whoever reads the app).
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from ...store import corrections
from ...store.database import Store
from .api import Ingest
from .params import StoresDep

router = APIRouter(prefix="/api")
MAX_BODY = 64 * 1024


def _writer(request: Request) -> Ingest:
    ingest: Ingest | None = request.app.state.ingest
    if ingest is None:
        raise HTTPException(404, "Corrections are off: start warta serve with --allow-ingest --token TOKEN.")
    scheme, _, credential = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(credential.strip().encode(), ingest.token.encode()):
        raise HTTPException(403, "A valid 'Authorization: Bearer TOKEN' header is needed to correct events.")
    return ingest


@router.post("/corrections", tags=["corrections"], status_code=201,
             summary="Correct an event: wrong, duplicate, fix, confirm, add, undo (with the ingest token)",
             responses={403: {"description": "missing or wrong token"}, 404: {"description": "corrections are off"},
                        422: {"description": "the correction cannot be made; detail says why"}},
             openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {
                 "type": "object", "required": ["action", "who"], "properties": {
                     "action": {"enum": list(corrections.ACTIONS)}, "who": {"type": "string"},
                     "event_id": {"type": "string"}, "duplicate_of": {"type": "string"},
                     "undoes": {"type": "integer"}, "doc_id": {"type": "string"}, "sentence": {"type": "integer"},
                     "changes": {"type": "object", "description": "fields of " + ", ".join(corrections.FIXABLE)
                                 + "; actor/recipient as {mention: [start, end]}, {entity_id} or null;"
                                 " add: trigger [start, end]"}}}}}}})
async def api_correct(request: Request) -> JSONResponse:
    ingest = _writer(request)
    body = await request.body()
    if len(body) > MAX_BODY:
        raise HTTPException(413, "The correction is too large.")
    try:
        import json

        data = json.loads(body)
    except ValueError:
        raise HTTPException(422, "The body is not JSON.") from None
    if not isinstance(data, dict):
        raise HTTPException(422, "The body is a JSON object.")
    allowed = {"action", "who", "event_id", "duplicate_of", "undoes", "doc_id", "sentence", "changes"}
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise HTTPException(422, f"Unknown field(s) {', '.join(unknown)}: a correction takes {', '.join(sorted(allowed))}.")
    return await run_in_threadpool(_correct, ingest, data)


def _correct(ingest: Ingest, data: dict[str, Any]) -> JSONResponse:
    from ..query.lists import get_event

    try:
        with ingest.lock, Store(ingest.path) as store:
            row = corrections.correct(store, str(data.get("action")), str(data.get("who") or ""),
                                      event_id=data.get("event_id"), changes=data.get("changes"),
                                      duplicate_of=data.get("duplicate_of"), undoes=data.get("undoes"),
                                      doc_id=data.get("doc_id"), sentence=data.get("sentence"))
            event = get_event(store, row["event_id"])
    except corrections.CorrectionError as exc:
        raise HTTPException(422, str(exc)) from None
    except (TypeError, ValueError) as exc:
        raise HTTPException(422, f"Bad correction: {exc}") from None
    return JSONResponse({"correction": row, "event": event}, status_code=201)


@router.get("/corrections", tags=["corrections"], summary="The corrections log, oldest first (undos included)")
def api_corrections(stores: StoresDep, doc: Annotated[str | None, Query(max_length=64)] = None) -> JSONResponse:
    return JSONResponse({"items": corrections.log(stores.get(), doc or None)})
