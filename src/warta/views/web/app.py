"""`warta serve`: server-rendered pages and a JSON API over one store.

`create_app(db_path)` builds the FastAPI app from two routers, `pages` (HTML) and
`api` (JSON, under /api), both thin over the query layer (`views.query`). It reads the
store through read-only connections, one per worker thread (`stores.Stores`); the
only path that writes is `POST /api/documents`, off unless the app is created with
`allow_ingest=True` and a token, which opens a writer `Store` for that request alone.
Every response carries a strict Content-Security-Policy: scripts and styles come
from /static only.
"""

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

from ... import __version__
from ...events.plover import EVENT_TYPES
from ...settings import Options, load_options
from ...store.corrections import CERTAINTIES
from ...errors import StoreError
from ...store.schema import connect, migrations
from ..query.fulltext import search_terms
from ..query.summaries import QUADS, quad_of
from . import api, corrections, pages
from .render import KINDS, marked, safe_url
from .stores import Stores

HERE = Path(__file__).resolve().parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def host_name(header: str) -> str:
    """The name of a Host header without its port: 'localhost:8000' -> 'localhost', '[::1]:80' -> '::1'."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class Gate:
    """The outermost layer: a request whose Host names none of `allowed` gets 400 (DNS
    rebinding); HEAD is answered as GET without the body."""

    def __init__(self, app: Any, allowed: frozenset[str]) -> None:
        self.app, self.allowed = app, allowed

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
        if host_name(host) not in self.allowed:
            response = JSONResponse({"detail": f"This server does not answer for host {host[:100]!r}."},
                                    status_code=400, headers=SECURITY_HEADERS)
            return await response(scope, receive, send)
        if scope["method"] != "HEAD":
            return await self.app(scope, receive, send)

        async def headers_only(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


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
               options: Options | None = None, hosts: tuple[str, ...] = ()) -> FastAPI:
    """The web app over the store at `db_path` (read-only). With `allow_ingest`,
    `POST /api/documents` accepts an article from a client that sends
    `Authorization: Bearer TOKEN`, and ingests it with `options` (the defaults when
    None); without a token ingest cannot be turned on. It answers a Host naming the
    loopback, one of `hosts` or the setting `allowed_hosts`, and 400 to any other."""
    path = Path(db_path)
    if allow_ingest and not token:
        raise ValueError("ingest over HTTP needs a token (--token)")
    check_store(path)
    search_terms("kunjungan")  # loads the lemma dictionary now, not on the first search
    options = options or load_options()

    app = FastAPI(
        title="warta",
        version=__version__,
        description="Indonesian news as a cited record of PLOVER events: documents, entities, events, stories, "
                    "dyads, flows and full-text search. Every record points at its evidence sentence.",
        docs_url=None, redoc_url=None,  # Swagger UI would load from a CDN: /openapi.json is the schema
    )
    app.state.stores = Stores(path)
    app.state.ingest = api.Ingest(path, token, options) if allow_ingest else None
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(url=_url, with_params=_with_params, safe_url=safe_url, kinds=KINDS, marked=marked,
                       version=__version__, quads=QUADS, event_types=EVENT_TYPES,
                       ingest_on=allow_ingest, corrections_on=allow_ingest, quad_of=quad_of(),
                       certainties=CERTAINTIES)
    env.filters["num"] = lambda n: f"{n:,}" if isinstance(n, (int, float)) else ("" if n is None else n)
    env.filters["signed"] = lambda n: "" if n is None else f"{n:+.2f}"
    env.filters["quad_label"] = lambda q: (q or "").replace("_", " ")
    templates = Jinja2Templates(env=env)
    app.state.templates = templates

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

    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(corrections.router)
    allowed = frozenset(h.lower().strip("[]") for h in (*LOOPBACK, *hosts, *options.allowed_hosts))
    app.add_middleware(Gate, allowed=allowed)
    return app


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


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000, allow_ingest: bool = False,
          token: str | None = None, options: Options | None = None) -> None:
    """Run the app with uvicorn until interrupted (what `warta serve` calls).
    Raises StoreError (the store cannot be served) or ValueError (ingest without
    a token) before listening."""
    import sys

    import uvicorn

    import errno
    import socket

    named = () if host in ("0.0.0.0", "::", "") else (host,)  # a wildcard names no host
    app = create_app(db_path, allow_ingest=allow_ingest, token=token, options=options, hosts=named)
    shown = f"[{host}]" if ":" in host else host
    # the socket is bound here, before saying "serving", so a taken port is one clear line
    try:
        listener = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
    except OSError as exc:
        why = "the port is in use (try --port)" if exc.errno == errno.EADDRINUSE else (exc.strerror or str(exc))
        raise ListenError(f"cannot listen on {shown}:{port}: {why}") from None
    print(f"warta: serving {db_path} at http://{shown}:{port}/ (Ctrl-C to stop)", file=sys.stderr)
    if host not in LOOPBACK:
        print(f"warta: listening on {host}: anyone who can reach this address can read the store "
              "(Host names it answers: the setting allowed_hosts)", file=sys.stderr)
    config = uvicorn.Config(app, log_level="warning", server_header=False)
    uvicorn.Server(config).run(sockets=[listener])


class ListenError(Exception):
    """`warta serve` cannot listen where it was asked (port taken, address not here)."""
