"""The web UI: server-rendered HTML pages over the store, with a little JavaScript.

`router` is a FastAPI `APIRouter` that `create_app` includes beside the JSON API. Pages:

| path | what |
|---|---|
| `/` | overview |
| `/timeline?actor=&type=&from=&to=` | events on a zoomable date axis, honest about partial dates |
| `/network?actor=&type=&limit=` | the actor network, edges coloured by cooperation/conflict |
| `/entities?type=&name=`, `/entities/{id}` | entities; one entity's names, roles over time, events, quotes, claims |
| `/events/{id}` | one event and every supporting article, the evidence sentence marked in its paragraph |
| `/articles?outlet=&flag=`, `/articles/{id}?hl=start-end` | articles; one article's text, flags, removed boilerplate |
| `/search?q=` | full-text search |
| `/static/{file}` | the stylesheet and scripts, served from the package |

Data comes from the read-only query layer (`storyline.serve.queries`); pictures are laid out
by `timeline_view` and `network_view`, article text is cut into segments by `textview`.
Templates are Jinja2 with autoescaping always on: article text, titles, names and flag details
are untrusted and only ever printed as text. Every page is sent with a strict
Content-Security-Policy (scripts and styles only from our own `/static/`, no inline script or
style, nothing from elsewhere).
"""

from __future__ import annotations

import mimetypes
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from storyline.errors import ServeError
from storyline.serve import page_data
from storyline.serve.network_view import picture
from storyline.serve.queries import Filters, parse_date
from storyline.serve.textview import Span, paragraphs
from storyline.serve.timeline_view import (
    PLOVER_ORDER,
    PRECISION_WORD,
    Dated,
    Mark,
    Window,
    counts,
    date_label,
    full_window,
    layout,
)
from storyline.serve.urls import article_url, entity_url, event_url, evidence_url

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
QUAD_WORD = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
FLAG_WORD = {"near_duplicate": "copy", "spun": "spun rewrite", "machine_translated": "machine-translated",
             "date_conflict": "date conflict", "digest": "from a digest page",
             "boilerplate_removed": "boilerplate removed", "duplicate": "exact duplicate"}
COPY_FLAGS = {"near_duplicate", "spun", "duplicate"}

router = APIRouter(include_in_schema=False)


# --------------------------------------------------------------------------- rendering

def web_link(url: str | None) -> bool:
    """Whether an article's URL may be a link: only http(s), never `javascript:` or `data:`."""
    return bool(url) and urlsplit(str(url).strip()).scheme.lower() in ("http", "https")


def dated(record: dict[str, Any]) -> str:
    """An export record's `date`/`enddate`/`date_precision` as `2021-08 (month)`, `2021-08-27`."""
    when = page_data.interval(record)
    if when.start is None:
        return "no date"
    label = when.iso() or "no date"
    return label if when.precision == "day" else f"{label} ({PRECISION_WORD[when.precision]})"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("storyline.serve", "templates"),
        autoescape=True,  # always, whatever the template's name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        entity_url=entity_url, event_url=event_url, article_url=article_url, evidence_url=evidence_url,
        date_label=date_label, precision_word=PRECISION_WORD.get,
        flag_word=lambda t: FLAG_WORD.get(t, t), quad_word=lambda q: QUAD_WORD.get(q or 0, "not coded"),
        url=lambda path: path, static=lambda name: "/static/" + name, dated=dated,
        web_link=web_link,
        timeline_of=lambda actor: "/timeline?" + urlencode({"actor": actor}),
    )
    return env


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("page", template.removesuffix(".html"))
    context.setdefault("q", "")
    context.setdefault("article_label", lambda article_id: article_id)
    html = environment().get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


# --------------------------------------------------------------------------- static files

@lru_cache(maxsize=64)
def _static_file(name: str) -> bytes | None:
    root = resources.files("storyline.serve") / "static"
    parts = name.split("/")
    if any(p in ("", ".", "..") or p.startswith(".") for p in parts):
        return None
    target = root.joinpath(*parts)
    return target.read_bytes() if target.is_file() else None


@router.get("/static/{name:path}")
def static(name: str) -> Response:
    body = _static_file(name)
    if body is None:
        return Response("not found", status_code=404, media_type="text/plain", headers=SECURITY_HEADERS)
    media = mimetypes.guess_type(name)[0] or "application/octet-stream"
    headers = {**SECURITY_HEADERS, "Cache-Control": "public, max-age=3600"}
    return Response(body, media_type=media, headers=headers)


# --------------------------------------------------------------------------- pages

ERROR_STATUS = {"E801": 404, "E802": 400, "E803": 503, "E808": 422}


def error_page(request: Request, err: ServeError) -> HTMLResponse:
    status = ERROR_STATUS.get(err.code.name, 500)
    heading = "Not found" if status == 404 else "Cannot show this page"
    return render(request, "error.html", status=status, page="error", heading=heading, message=str(err))


def _types_choice() -> list[dict[str, Any]]:
    """The PLOVER types with their quad class, as the event lexicon (`data/plover.yaml`) codes them."""
    from storyline.extract.events.lexicon import load_lexicon

    quad = load_lexicon().quad
    return [{"name": t, "quad": quad.get(t, 0)} for t in PLOVER_ORDER]


def _timeline_url(actor: str, kind: str, window: Window | None) -> str:
    params = [(k, v) for k, v in (("actor", actor), ("type", kind)) if v]
    if window is not None:
        params += [("from", window.start.isoformat()), ("to", window.end.isoformat())]
    return "/timeline" + ("?" + urlencode(params) if params else "")


def _zoom_links(actor: str, kind: str, w: Window, dated: Dated) -> dict[str, str]:
    return {
        "zoom_in": _timeline_url(actor, kind, w.zoomed(2)),
        "zoom_out": _timeline_url(actor, kind, w.zoomed(0.5)),
        "earlier": _timeline_url(actor, kind, w.shifted(-0.5)),
        "later": _timeline_url(actor, kind, w.shifted(0.5)),
        "all": _timeline_url(actor, kind, full_window(dated)),
    }


def _mark_url(mark: Mark, actor: str) -> str:
    """An event's page; for a mark standing for several, the timeline of their type and date."""
    if not mark.many or mark.event.when.start is None or mark.event.when.end is None:
        return event_url(mark.event.id)
    return _timeline_url(actor, mark.event.event, Window(mark.event.when.start, mark.event.when.end))


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    quads = {t["name"]: t["quad"] for t in _types_choice()}
    return render(request, "home.html", page="home", quads=quads, **page_data.overview(request))


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, actor: str = "", type: str = "",  # noqa: A002 - the shared query parameter
             since: str = Query(default="", alias="from"), until: str = Query(default="", alias="to")) -> HTMLResponse:
    """Events of an actor and a type in a date window (`from`/`to`: partial dates; either
    alone keeps the other end of all the events)."""
    try:
        f = Filters.parse(actor=actor, event_type=type)
        data = page_data.timeline(request, f, parse_date(since, "from"), parse_date(until, "to"))
    except ServeError as err:
        return error_page(request, err)
    if data["inside"] > page_data.MAX_DRAWN:
        pic = counts(data["dated"], data["window"], data["undated"])
    else:
        pic = layout(data["events"], data["window"], data["dated"], data["undated"])
    listed = sorted(data["events"], key=lambda e: (e.when.start or date.max, e.when.end or date.max, e.id))
    kind = f.event_type or ""
    return render(request, "timeline.html", layout=pic, zoom=_zoom_links(actor, kind, pic.window, data["dated"]),
                  listed=listed[:page_data.TABLE_ROWS], shown=data["inside"], actor=actor, kind=kind,
                  all_types=_types_choice(), quads={t["name"]: t["quad"] for t in _types_choice()},
                  bar_url=lambda bar, row_kind: _timeline_url(actor, row_kind, bar.period),
                  mark_url=lambda m: _mark_url(m, actor),
                  actor_names=page_data.actor_names(request))


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, actor: str = "", type: str = "",  # noqa: A002
                 limit: int = Query(default=40, ge=2, le=300)) -> HTMLResponse:
    try:
        f = Filters.parse(actor=actor, event_type=type)
        graph = page_data.graph(request, f, limit)
    except ServeError as err:
        return error_page(request, err)
    pic = picture(graph, limit=limit)
    kind = f.event_type or ""
    return render(request, "network.html", pic=pic, n_events=graph["events"], kind=kind, actor=actor, limit=limit,
                  all_types=_types_choice(), edge_end=_edge_end, actor_names=page_data.actor_names(request),
                  edge_url=lambda e: _timeline_url(e.source.entity_id or e.source.label, kind, None))


def _edge_end(edge: Any) -> tuple[float, float]:
    """Where an edge's arrow stops: at the rim of its target's circle."""
    dx, dy = edge.target.x - edge.source.x, edge.target.y - edge.source.y
    length = max((dx * dx + dy * dy) ** 0.5, 1e-6)
    back = edge.target.radius + 2
    return edge.target.x - dx / length * back, edge.target.y - dy / length * back


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, type: str = "", name: str = "") -> HTMLResponse:  # noqa: A002
    f = Filters.parse(entity_type=type, name=name)
    return render(request, "entities.html", type=f.entity_type or "", name=name, **page_data.entities(request, f))


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str) -> HTMLResponse:
    try:
        entity = page_data.entity(request, entity_id)
    except ServeError as err:
        return error_page(request, err)
    return render(request, "entity.html", entity=entity)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> HTMLResponse:
    try:
        event, sources = page_data.event(request, event_id)
    except ServeError as err:
        return error_page(request, err)
    for source in sources:
        source["is_copy"] = any(f["type"] in COPY_FLAGS for f in source["article"]["flags"])
    return render(request, "event.html", event=event, sources=sources)


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, outlet: str = "", flag: str = "") -> HTMLResponse:
    f = Filters.parse(outlet=outlet, flag=flag)
    return render(request, "articles.html", outlet=outlet, flag=flag, **page_data.articles(request, f))


def _highlight(hl: str, length: int) -> tuple[int, int] | None:
    """`hl=start-end`: the characters to mark (evidence a link pointed at), if they exist."""
    try:
        start, end = (int(x) for x in hl.split("-", 1))
    except ValueError:
        return None
    return (start, end) if 0 <= start < end <= length else None


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, hl: str = "") -> HTMLResponse:
    try:
        article, spans = page_data.article(request, article_id)
    except ServeError as err:
        return error_page(request, err)
    counts = {k: sum(1 for s in spans if s.kind == k) for k in ("quote", "event", "claim", "mention")}
    wanted = _highlight(hl, len(article["text"])) if hl else None
    if wanted:
        spans = [*spans, Span(wanted[0], wanted[1], "evidence", anchor="hl")]
    return render(request, "article.html", article=article, paragraphs=paragraphs(article["text"], spans),
                  counts=counts)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "") -> HTMLResponse:
    try:
        groups = page_data.search(request, q) if q.strip() else []
    except ServeError as err:
        return error_page(request, err)
    total = sum(g.get("total", len(g["hits"])) for g in groups)
    return render(request, "search.html", q=q, groups=groups, total=total)
