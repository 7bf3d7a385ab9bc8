"""The FastAPI app of `storyline serve`: the JSON API under `/api`, the web UI beside it.

`create_app(store_url, token=...)` opens the store (migrating it, which adds the search
indexes), and serves:

- `GET /api/...`: articles, entities, events, quotes, claims, timeline, graph, search, facets,
  health — every list with filters and `limit`/`offset` pagination (docs/api.md);
- `POST /api/documents`: ingest, process and resolve posted documents, only with the configured
  token (`Authorization: Bearer <token>`); without a configured token the server is read-only;
- the OpenAPI schema at `/api/openapi.json` and its docs at `/api/docs`;
- the HTML pages of `storyline.serve.pages` (its `router`), when present.

Limits: request bodies above `max_body` bytes are refused (413, E804) before they are read
whole; every request's database work stops after `Limits.timeout` seconds (E803); page sizes
are capped (`Limits.max_limit`). Every error has one shape (`serve/errors.py`).
"""

from __future__ import annotations

import hmac
import io
import json
import logging
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse

from storyline import __version__
from storyline.errors import Code, ServeError
from storyline.serve import errors
from storyline.serve.queries import Filters, Limits, Queries
from storyline.store import Store

log = logging.getLogger(__name__)

DEFAULT_MAX_BODY = 10_000_000  # bytes of one POST

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyLimit:
    """ASGI middleware: refuse a request body above `max_body` bytes with 413 (E804), by its
    Content-Length before reading, and while reading a body sent without one."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await self._refuse(scope, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message.get("type") == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise ServeError(Code.E804, limit=self.max_body)
            return message

        await self.app(scope, limited, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        body = errors.error_body(Code.E804, Code.E804.message(limit=self.max_body), 413, scope.get("path", ""))
        data = json.dumps(body).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": data})


@dataclass
class Ingestor:
    """Runs posted documents through ingest, the per-document stage and the corpus stage, one
    request at a time (the pipeline and its spaCy models are loaded on the first POST)."""

    store_url: str

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._storyline: Any = None

    def run(self, jsonl: bytes) -> dict[str, Any]:
        from storyline.api import Storyline

        events: list[dict[str, Any]] = []
        with self._lock:
            if self._storyline is None:
                self._storyline = Storyline(self.store_url, progress=False)
            self._storyline.emit = events.append
            try:
                report = self._storyline.run(["-"], stdin=io.BytesIO(jsonl))
            finally:
                self._storyline.emit = lambda _event: None
        documents = [{"id": e["id"], "status": e["status"]} for e in events if e.get("event") == "document"]
        problems = [{k: e.get(k) for k in ("code", "message", "line")} for e in events if e.get("event") == "problem"]
        return {"report": report.as_dict(), "documents": documents, "problems": problems}


def documents_as_jsonl(body: bytes, content_type: str) -> bytes:
    """The POST body as JSON lines: a JSON array of documents, `{"documents": [...]}`, one
    document object, or JSON lines as they are (E802 when it is none of these)."""
    if "json" in content_type and "ndjson" not in content_type and "jsonl" not in content_type:
        try:
            data = json.loads(body)
        except ValueError as err:
            raise ServeError(Code.E802, f"body is not JSON: {err}") from err
        if isinstance(data, dict) and isinstance(data.get("documents"), list):
            data = data["documents"]
        if isinstance(data, dict):
            data = [data]
        if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
            raise ServeError(Code.E802, "body must be a document object, a list of them or {\"documents\": [...]}")
        return b"".join(json.dumps(d, ensure_ascii=False).encode() + b"\n" for d in data)
    return body


# --------------------------------------------------------------------------- the JSON API

# Endpoints return JSONResponse: their dicts are JSON-ready already, so FastAPI's response
# serialisation (a walk over every nested value) is skipped.
api = APIRouter(prefix="/api", default_response_class=JSONResponse)

Limit = Annotated[int, Query(ge=1, description="page size (capped by the server's --max-page)")]
Offset = Annotated[int, Query(ge=0, description="index of the first item of the page")]
Actor = Annotated[str | None, Query(description="entity id, any known name or alias, or a country/sector code")]
EventType = Annotated[str | None, Query(alias="type", description="PLOVER event type, e.g. CONSULT")]
DateFrom = Annotated[str | None, Query(alias="from", description="window start: 2021, 2021-08, 2021-W41, 2021-08-27")]
DateTo = Annotated[str | None, Query(alias="to", description="window end (partial dates cover their whole interval)")]
Outlet = Annotated[str | None, Query(description="outlet name, exact")]
Flag = Annotated[str | None, Query(description="only items from articles carrying this flag type")]
ArticleId = Annotated[str | None, Query(alias="article", description="only this article's items")]


def _queries(request: Request) -> Queries:
    q: Queries = request.app.state.queries
    return q


@api.get("/health", summary="Store and server state")
def health(request: Request) -> JSONResponse:
    store: Store = request.app.state.store
    return JSONResponse({"status": "ok", "version": __version__, "schema_version": store.schema_version,
                         "backend": store.dialect, "ingest": request.app.state.token is not None})


@api.get("/facets", summary="Values the filters can take, and counts")
def facets(request: Request) -> JSONResponse:
    return JSONResponse(_queries(request).facets())


@api.get("/articles", summary="Articles (without text), in publication order")
def list_articles(request: Request, actor: Actor = None, date_from: DateFrom = None, date_to: DateTo = None,
                  outlet: Outlet = None, flag: Flag = None, newest_first: bool = False, limit: Limit = 50,
                  offset: Offset = 0) -> JSONResponse:
    f = Filters.parse(actor=actor, date_from=date_from, date_to=date_to, outlet=outlet, flag=flag)
    return JSONResponse(_queries(request).articles(f, limit, offset, newest_first=newest_first).as_dict())


@api.get("/articles/{article_id:path}", summary="One article: text, flags, removed boilerplate, facts")
def get_article(request: Request, article_id: str) -> JSONResponse:
    return JSONResponse(_queries(request).article(article_id))


@api.get("/entities", summary="Entities, most mentioned first")
def list_entities(request: Request, entity_type: Annotated[str | None, Query(alias="type")] = None,
                  name: str | None = None, country: str | None = None, limit: Limit = 50,
                  offset: Offset = 0) -> JSONResponse:
    f = Filters.parse(entity_type=entity_type, name=name, country=country)
    return JSONResponse(_queries(request).entities(f, limit, offset).as_dict())


@api.get("/entities/{ref:path}", summary="One entity (by id or name): aliases, roles, quotes, events, claims")
def get_entity(request: Request, ref: str, limit: Annotated[int, Query(ge=1, le=200)] = 20) -> JSONResponse:
    return JSONResponse(_queries(request).entity(ref, limit))


def _event_filters(actor: str | None, event_type: str | None, date_from: str | None, date_to: str | None,
                   outlet: str | None, flag: str | None, article: str | None) -> Filters:
    return Filters.parse(actor=actor, event_type=event_type, date_from=date_from, date_to=date_to,
                         outlet=outlet, flag=flag, article=article)


@api.get("/events", summary="Events (PLOVER records), in date order")
def list_events(request: Request, actor: Actor = None, event_type: EventType = None, date_from: DateFrom = None,
                date_to: DateTo = None, outlet: Outlet = None, flag: Flag = None, article: ArticleId = None,
                limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    f = _event_filters(actor, event_type, date_from, date_to, outlet, flag, article)
    return JSONResponse(_queries(request).events(f, limit, offset).as_dict())


@api.get("/events/{event_id}", summary="One event with every supporting article and its evidence in context")
def get_event(request: Request, event_id: str) -> JSONResponse:
    return JSONResponse(_queries(request).event(event_id))


@api.get("/timeline", summary="Events in date order, compact")
def timeline(request: Request, actor: Actor = None, event_type: EventType = None, date_from: DateFrom = None,
             date_to: DateTo = None, outlet: Outlet = None, flag: Flag = None, article: ArticleId = None,
             limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    f = _event_filters(actor, event_type, date_from, date_to, outlet, flag, article)
    return JSONResponse(_queries(request).timeline(f, limit, offset).as_dict())


@api.get("/graph", summary="The actor network of the matching events")
def graph(request: Request, actor: Actor = None, event_type: EventType = None, date_from: DateFrom = None,
          date_to: DateTo = None, outlet: Outlet = None, flag: Flag = None,
          nodes: int = Query(default=300, ge=1, le=300, description="the busiest nodes kept (at most 300)"),
          ) -> JSONResponse:
    f = _event_filters(actor, event_type, date_from, date_to, outlet, flag, None)
    return JSONResponse(_queries(request).graph(f, nodes))


@api.get("/quotes", summary="Quotes, in publication order")
def list_quotes(request: Request, actor: Actor = None, date_from: DateFrom = None, date_to: DateTo = None,
                outlet: Outlet = None, flag: Flag = None, article: ArticleId = None, limit: Limit = 50,
                offset: Offset = 0) -> JSONResponse:
    f = Filters.parse(actor=actor, date_from=date_from, date_to=date_to, outlet=outlet, flag=flag, article=article)
    return JSONResponse(_queries(request).quotes(f, limit, offset).as_dict())


@api.get("/claims", summary="Numeric claims, in publication order")
def list_claims(request: Request, actor: Actor = None, date_from: DateFrom = None, date_to: DateTo = None,
                outlet: Outlet = None, flag: Flag = None, article: ArticleId = None, limit: Limit = 50,
                offset: Offset = 0) -> JSONResponse:
    f = Filters.parse(actor=actor, date_from=date_from, date_to=date_to, outlet=outlet, flag=flag, article=article)
    return JSONResponse(_queries(request).claims(f, limit, offset).as_dict())


SearchText = Annotated[str, Query(min_length=1, max_length=500, description='words, "phrases", OR, -word')]


SearchKind = Annotated[str, Query(description="what to search: articles (default), quotes or claims")]


@api.get("/search", summary="Full-text search of articles, quotes or claims")
def search(request: Request, q: SearchText, kind: SearchKind = "articles", actor: Actor = None,
           date_from: DateFrom = None, date_to: DateTo = None, outlet: Outlet = None, flag: Flag = None,
           article: ArticleId = None, limit: Limit = 20, offset: Offset = 0) -> JSONResponse:
    if kind == "articles":
        f = Filters.parse(date_from=date_from, date_to=date_to, outlet=outlet, flag=flag)
        return JSONResponse(_queries(request).search(q, f, limit, offset).as_dict())
    f = Filters.parse(actor=actor, date_from=date_from, date_to=date_to, outlet=outlet, flag=flag, article=article)
    return JSONResponse(_queries(request).search_facts(kind, q, f, limit, offset).as_dict())


@api.post("/documents", summary="Ingest documents (token required)", status_code=201)
async def post_documents(request: Request) -> JSONResponse:
    _check_token(request)
    body = await request.body()
    jsonl = documents_as_jsonl(body, request.headers.get("content-type", ""))
    if not jsonl.strip():
        raise ServeError(Code.E802, "no documents in the body")
    ingestor: Ingestor = request.app.state.ingestor
    result: dict[str, Any] = await run_in_threadpool(ingestor.run, jsonl)
    return JSONResponse(result, status_code=201)


def _check_token(request: Request) -> None:
    token: str | None = request.app.state.token
    if token is None:
        raise ServeError(Code.E807, "read-only server")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ServeError(Code.E805, "no bearer token")
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ServeError(Code.E806, "POST /api/documents")


# --------------------------------------------------------------------------- the app

def _docs(request: Request) -> HTMLResponse:
    """Swagger UI, from the swagger-ui-bundle package when installed (nothing from the network)."""
    return get_swagger_ui_html(openapi_url="/api/openapi.json", title="storyline API",
                               swagger_js_url="/api/docs-static/swagger-ui-bundle.js",
                               swagger_css_url="/api/docs-static/swagger-ui.css",
                               swagger_favicon_url="/api/docs-static/favicon-32x32.png")


def _mount_docs(app: FastAPI) -> None:
    try:
        import swagger_ui_bundle  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        return
    from fastapi.staticfiles import StaticFiles

    app.mount("/api/docs-static", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="docs-static")
    app.add_api_route("/api/docs", _docs, include_in_schema=False, response_class=HTMLResponse)


def _include_pages(app: FastAPI) -> None:
    try:
        from storyline.serve import pages
    except ImportError as err:  # the web UI is optional; the API stands alone
        log.warning("web UI not available: %s", err)
        return
    router = getattr(pages, "router", None)
    if router is not None:
        app.include_router(router)


def create_app(store_url: str | Path | None = None, *, token: str | None = None, limits: Limits | None = None,
               max_body: int = DEFAULT_MAX_BODY, pages: bool = True) -> FastAPI:
    """The app over one store. `token`: the bearer token POST /api/documents requires (None:
    read-only). `limits`: query cost limits. `max_body`: the largest request body in bytes."""
    store = Store(store_url)
    app = FastAPI(title="storyline", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Read-only JSON API over a storyline store (docs/api.md). Every error: "
                              '`{"error": {"code", "status", "message", "detail", "path"}}`.')
    app.state.store = store
    app.state.queries = Queries(store, limits)
    app.state.token = token or None
    app.state.ingestor = Ingestor(store.url)
    errors.install(app)
    app.include_router(api)
    _mount_docs(app)
    if pages:
        _include_pages(app)
    app.add_middleware(BodyLimit, max_body=max_body)
    app.router.add_event_handler("shutdown", store.close)
    return app
