"""What page and API routes read from a request: paging, the filters and the app's stores.

Each sync route runs in one worker thread and takes that thread's store with
`stores.get()` (a FastAPI dependency may run in another thread than its route).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import fields
from typing import Annotated, Any, TypeVar, get_type_hints

from fastapi import Depends, HTTPException, Query, Request

from ..query.filters import MAX_PER_PAGE, EventFilter, StoryFilter
from .stores import Stores

Filter = TypeVar("Filter", EventFilter, StoryFilter)

Page = Annotated[int, Query(ge=1, le=100_000, description="page number, from 1")]
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="rows per page")]


def blank(value: str | None) -> str | None:
    """A query parameter's value, None when it is blank."""
    return value.strip() or None if isinstance(value, str) else value


def filter_dependency(cls: type[Filter]) -> Callable[..., Filter]:
    """A dependency that reads a filter from the query string: one parameter per field
    declared with `query.filters.param`, with that field's constraints. Blank values are
    absent; a yes/no field is "1" or "0"."""
    hints = get_type_hints(cls)
    parameters, yes_no = [], set()
    for item in fields(cls):
        if "query" not in item.metadata:
            continue
        kind = hints[item.name]
        if kind == bool | None:
            yes_no.add(item.name)
            kind = str | None
        parameters.append(inspect.Parameter(item.name, inspect.Parameter.KEYWORD_ONLY, default=None,
                                            annotation=Annotated[kind, Query(**item.metadata["query"])]))

    def read(**values: Any) -> Filter:
        values = {name: blank(value) for name, value in values.items()}
        for name in yes_no:
            values[name] = None if values[name] is None else values[name] == "1"
        try:
            return cls(**values)
        except ValueError as exc:  # an impossible date (QueryFilter.__post_init__)
            raise HTTPException(422, f"Bad query parameters ({exc}).") from None

    read.__signature__ = inspect.Signature(parameters, return_annotation=cls)  # type: ignore[attr-defined]
    return read


EventFilterDep = Annotated[EventFilter, Depends(filter_dependency(EventFilter))]
StoryFilterDep = Annotated[StoryFilter, Depends(filter_dependency(StoryFilter))]


def app_stores(request: Request) -> Stores:
    return request.app.state.stores


StoresDep = Annotated[Stores, Depends(app_stores)]


def country_codes(*codes: str) -> None:
    """404 unless every code is an ISO 3166-1 alpha-3 country code."""
    for code in codes:
        if not re.fullmatch(r"[A-Za-z]{3}", code):
            raise HTTPException(404, f"{code!r} is not an ISO 3166-1 alpha-3 country code.")
