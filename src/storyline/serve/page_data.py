"""What each HTML page shows, asked of the query layer (`storyline.serve.queries.Queries`).

The query layer answers with export-format dicts; this module only puts them in the shape a
page draws: events back into `Event` models for the timeline and its date arithmetic, the
spans of an article's quotes, events, claims and names for highlighting, an evidence context
trimmed to its paragraph, search hits grouped by kind. It never reads the store itself.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from fastapi import Request

from storyline.model import Event, Evidence, Location, PartialDate, Party
from storyline.serve.queries import Filters, Queries
from storyline.serve.textview import Paragraph, Segment, Span
from storyline.serve.timeline_view import MIN_DAYS, Dated, Window, default_window, full_window, in_window, kind_order
from storyline.serve.urls import article_url, entity_url, evidence_url

PAGE = 500  # the query layer's largest page
MAX_DRAWN = 1000  # events one timeline view draws one by one; a window with more is drawn as counts
TABLE_ROWS = 400  # rows of the timeline's table
LIST_LIMIT = 200  # rows of the entity and article lists


def queries(request: Request) -> Queries:
    q: Queries = request.app.state.queries
    return q


def interval(record: dict[str, Any], prefix: str = "") -> PartialDate:
    """The `PartialDate` of an export record's `date`/`enddate`/`date_precision` triple."""
    start, end = record.get(f"{prefix}date"), record.get(f"{prefix}enddate")
    precision = record.get(f"{prefix}date_precision") or "unknown"
    if not start or not end:
        return PartialDate.unknown()
    return PartialDate(start=date.fromisoformat(start[:10]), end=date.fromisoformat(end[:10]),
                       precision=precision)


def event_of(record: dict[str, Any]) -> Event:
    """An export `event` record back as the model."""
    return Event(
        id=record["id"], event=record["event"], mode=record.get("mode"), context=record.get("context") or [],
        quad_code=record.get("quad_code"),
        actor=[Party.model_validate(p) for p in record.get("actor") or []],
        recipient=[Party.model_validate(p) for p in record.get("recipient") or []],
        when=interval(record),
        event_loc=Location.model_validate(record["event_loc"]) if record.get("event_loc") else None,
        event_text=record.get("event_text") or "", articles=list(record.get("articles") or []),
        evidence=[Evidence.model_validate(e) for e in record.get("evidence") or []],
        confidence=float(record.get("confidence") or 0.0), link=list(record.get("link") or []),
        date_source=record.get("date_source") or "unknown",
    )


# --------------------------------------------------------------------------- timeline, network

def timeline_event(item: dict[str, Any]) -> Event:
    """A compact timeline item (`Queries.timeline`) as an `Event` for the timeline's layout:
    parties by name only, no evidence (the event page has them)."""
    return Event(
        id=item["id"], event=item["event"], mode=item.get("mode"), quad_code=item.get("quad_code"),
        actor=[Party(entity_text=name) for name in item.get("actors") or []],
        recipient=[Party(entity_text=name) for name in item.get("recipients") or []],
        when=interval(item), event_text=item.get("event_text") or "",
        articles=[""] * int(item.get("articles") or 0),  # only their number is shown
        confidence=float(item.get("confidence") or 0.0), date_source=item.get("date_source") or "unknown",
    )


def _timeline_events(q: Queries, f: Filters, wanted: int) -> list[Event]:
    """The first `wanted` events matching `f`, in date order."""
    events: list[Event] = []
    offset: int | None = 0
    while offset is not None and len(events) < wanted:
        page = q.timeline(f, limit=min(PAGE, wanted - len(events)), offset=offset)
        events += [timeline_event(item) for item in page.items]
        offset = page.next_offset
    return events


def timeline(request: Request, f: Filters, since: PartialDate | None, until: PartialDate | None) -> dict[str, Any]:
    """What the timeline page draws: `dated` (start, end, type of every matching dated event:
    to place the window, count what lies outside it, or draw a crowded window as counts), the
    `window` (`since`..`until`, either alone keeping the other end of all the events, else the
    bulk of them), `inside` (how many overlap it), `events` (all of those when at most
    `MAX_DRAWN`, else the first `TABLE_ROWS` in date order) and `undated`."""
    q = queries(request)
    dated = [(date.fromisoformat(s[:10]), date.fromisoformat(e[:10]), k) for s, e, k in q.event_dates(f)]
    window = _window(dated, since, until)
    inside = len(in_window(dated, window))
    wanted = inside if inside <= MAX_DRAWN else TABLE_ROWS
    in_it = dataclasses.replace(f, since=PartialDate.day(window.start), until=PartialDate.day(window.end))
    events = _timeline_events(q, in_it, wanted) if wanted else []
    undated = [event_of(r) for r in q.undated_events(f, limit=PAGE).items]
    return {"dated": dated, "window": window, "inside": inside, "events": [e for e in events if e.when.start],
            "undated": undated}


def _window(dated: Dated, since: PartialDate | None, until: PartialDate | None) -> Window:
    if since is None and until is None:
        return default_window(dated)
    whole = full_window(dated)
    start = since.start if since and since.start else whole.start
    end = until.end if until and until.end else whole.end
    if end < start:
        start, end = end, start
    window = Window(start, end)
    return window if window.days >= MIN_DAYS else window.around(window.center, MIN_DAYS)


def graph(request: Request, f: Filters, max_nodes: int | None = None) -> dict[str, Any]:
    return queries(request).graph(f, max_nodes)


def actor_names(request: Request, limit: int = 150) -> list[str]:
    """Names for the actor filter's suggestions: the most mentioned people, organisations and places."""
    q = queries(request)
    names: list[str] = []
    for kind in ("PERSON", "ORG", "GPE", "NORP"):
        names += [e["name"] for e in q.entities(Filters(entity_type=kind), limit=limit // 4).items]
    return sorted(set(names), key=str.casefold)


# --------------------------------------------------------------------------- detail pages

def entity(request: Request, ref: str) -> dict[str, Any]:
    """The entity record; each role's `org` given as `org_id` (when it is an entity) and `org_name`."""
    q = queries(request)
    record = q.entity(ref)
    names = q.entity_names([r["org"] for r in record["roles"] if r.get("org")])
    for role in record["roles"]:
        org = role.get("org")
        role["org_id"] = org if org in names else None
        role["org_name"] = names.get(org, org) if org else None
    return record


def event(request: Request, event_id: str) -> tuple[Event, list[dict[str, Any]]]:
    """The event, and per reporting article its summary and evidence contexts (each trimmed
    to the paragraph holding it, as a highlighted `Paragraph`)."""
    record = queries(request).event(event_id)
    sources = []
    for source in record["sources"]:
        contexts = [paragraph_of(ev) for ev in source["evidence"]]
        sources.append({"article": source["article"], "contexts": contexts,
                        "evidence": [Evidence.model_validate({k: ev[k] for k in ("article", "start", "end", "text")})
                                     for ev in source["evidence"]]})
    return event_of(record), sources


def paragraph_of(context: dict[str, Any]) -> Paragraph:
    """An `evidence_in_context` dict as a paragraph with the evidence marked: the context cut
    at the line breaks before and after the evidence, "…" where it stops inside a paragraph."""
    text, lo, hi = context["context"], context["highlight_start"], context["highlight_end"]
    first = text.rfind("\n", 0, lo) + 1
    last = text.find("\n", hi)
    last = len(text) if last < 0 else last
    before = text[first:lo].lstrip()
    lead = "…" if first == 0 and context["context_start"] > 0 else ""  # may start inside a paragraph
    segments = [Segment(lead + before), Segment(text[lo:hi], kinds=["evidence"]), Segment(text[hi:last].rstrip())]
    return Paragraph(context["context_start"] + first, context["context_start"] + last, [s for s in segments if s.text])


def article(request: Request, article_id: str) -> tuple[dict[str, Any], list[Span]]:
    """The article record, and the spans to highlight: quotes, events, claims, names."""
    q = queries(request)
    record = q.article(article_id)
    spans: list[Span] = []
    for quote in record["quotes"]:
        who = (quote.get("speaker") or {}).get("entity_text") or "unknown speaker"
        spans += [Span(ev["start"], ev["end"], "quote", anchor=f"quote-{quote['id']}", title=f"quote: {who}")
                  for ev in quote.get("evidence") or [] if ev.get("article") == article_id]
    for claim in record["claims"]:
        spans += [Span(ev["start"], ev["end"], "claim", title=f"claim: {claim.get('value')} {claim.get('about') or ''}")
                  for ev in claim.get("evidence") or [] if ev.get("article") == article_id]
    for ev_record in q.events(Filters(article=article_id), limit=PAGE).items:
        spans += [Span(ev["start"], ev["end"], "event", anchor=f"event-{ev_record['id']}",
                       title=f"event: {ev_record['event']}")
                  for ev in ev_record.get("evidence") or [] if ev.get("article") == article_id]
    for mention in record["mentions"]:
        spans.append(Span(mention["start"], mention["end"], "mention",
                          title=f"{mention['type']}: {mention.get('entity_name') or mention['text']}"))
    return record, spans


# --------------------------------------------------------------------------- lists, search

def entities(request: Request, f: Filters) -> dict[str, Any]:
    """The most mentioned entities matching `f` (type, part of the name), and the types there are."""
    q = queries(request)
    page = q.entities(f, limit=LIST_LIMIT)
    types = [t["type"] for t in q.facets()["entity_types"]]
    return {"entities": page.items, "total": page.total, "all_types": types}


def articles(request: Request, f: Filters) -> dict[str, Any]:
    """The articles matching `f` (outlet, flag) in publication order, and the values those filters take."""
    q = queries(request)
    page = q.articles(f, limit=LIST_LIMIT)
    facets = q.facets()
    return {"items": page.items, "total": page.total, "outlets": [o["outlet"] for o in facets["outlets"]],
            "flags": [x["type"] for x in facets["flags"]]}


def overview(request: Request) -> dict[str, Any]:
    """The home page: counts of every kind, the flags and how many articles carry each, the
    most mentioned people and organisations, the event types and their counts."""
    q = queries(request)
    facets = q.facets()
    top = {kind: q.entities(Filters(entity_type=kind), limit=8).items for kind in ("PERSON", "ORG")}
    kinds = sorted(facets["event_types"], key=lambda t: kind_order(t["event"]))
    return {"stats": facets["counts"], "flags": facets["flags"], "event_types": kinds, "top": top}


def snippet_parts(snippet: str, highlights: list[list[int]]) -> list[dict[str, Any]]:
    """A search snippet as parts, the matched words flagged (the template marks them)."""
    parts, pos = [], 0
    for start, end in highlights:
        if start > pos:
            parts.append({"text": snippet[pos:start], "hit": False})
        parts.append({"text": snippet[start:end], "hit": True})
        pos = end
    if pos < len(snippet):
        parts.append({"text": snippet[pos:], "hit": False})
    return parts


def search(request: Request, text: str) -> list[dict[str, Any]]:
    """Entities whose names match, then articles by full-text rank (snippets marked)."""
    q = queries(request)
    found = q.entities(Filters(name=text), limit=20).items
    entity_hits = [{"href": entity_url(e["id"]), "label": f"{e['name']} ({e['type']}, {e['mentions']} mentions)",
                    "snippet": snippet_parts(", ".join(a for a in e["aliases"] if a != e["name"]), [])}
                   for e in found]
    page = q.search(text, Filters(), limit=50)
    article_hits = [{"href": article_url(a["id"]), "label": a["title"] or a["id"],
                     "snippet": snippet_parts(a["snippet"], a["highlights"])} for a in page.items]
    quotes = q.search_facts("quotes", text, Filters(), limit=SEARCH_FACTS)
    quote_hits = [{"href": _fact_url(r), "label": f"{_party_name(r.get('speaker'))} ({r.get('cue') or 'said'})",
                   "snippet": snippet_parts(r["snippet"], r["highlights"])} for r in quotes.items]
    claims = q.search_facts("claims", text, Filters(), limit=SEARCH_FACTS)
    claim_hits = [{"href": _fact_url(r), "label": f"{r['value']} {r.get('unit') or ''}".strip()
                   + (f", {_party_name(r.get('attributed_to'))}" if r.get("attributed_to") else ""),
                   "snippet": snippet_parts(r["snippet"], r["highlights"])} for r in claims.items]
    return [g for g in ({"title": "Entities", "hits": entity_hits},
                        {"title": "Articles", "hits": article_hits, "total": page.total},
                        {"title": "Quotes", "hits": quote_hits, "total": quotes.total},
                        {"title": "Claims", "hits": claim_hits, "total": claims.total}) if g["hits"]]


SEARCH_FACTS = 20  # quotes and claims listed on the search page


def _party_name(party: dict[str, Any] | None) -> str:
    if not party:
        return "unknown source"
    return str(party.get("identifier_text") or party.get("entity_text") or "unknown source")


def _fact_url(record: dict[str, Any]) -> str:
    """The article page with the quote or claim marked (its first evidence span)."""
    evidence = record.get("evidence") or []
    return evidence_url(evidence[0]) if evidence else article_url(str(record.get("article", "")))
