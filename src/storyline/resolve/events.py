"""Corpus step: per-article events joined into one record per real-world event.

The per-document stage stores each article's events (`article_events`, article-local ids). For
the articles added since the last run, this step

1. links parties to entities: a party whose text (or the canonical name the article gives it)
   is that of a mention the entity resolver linked gets `identifier_id`/`identifier_text`;
2. joins each new event to a stored event of the same PLOVER type, blocked by a date window
   (an indexed query on `events.event` and `events.date_start`, never all pairs), when
   - their date intervals overlap (day-precise dates get `DAY_SLACK` days either side, since
     an undated sentence falls back to its article's publication day),
   - their parties overlap (entity ids, else normalised names): some actor of the new event is
     a party of the stored one and, when both name recipients, some recipient too,
   - their places do not contradict (different countries, or different known places);
   - when either date is only the article's publication date (no time expression in the
     sentence), both actors and recipients are shared;
   events of one article are joined only when both are dated by the text (a headline and its
   lead; a story's undated mentions of a kind of event are more often different events);
3. writes the joined record under the first mention's id (kept when more evidence joins) to
   `events` with its date columns, and one `event_articles` row per reporting article.

Confidence: the best single mention's, raised 0.1 per further *independent* article; an event
resting only on articles flagged `near_duplicate` or `spun` (copies, rewrites) is lowered by
`COPY_PENALTY`. Events without a known date are never joined across articles.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, select

from storyline.model import Event, PartialDate
from storyline.resolve.names import name_key
from storyline.store import Store, schema

log = logging.getLogger(__name__)

DAY_SLACK = 2
COPY_FLAGS = frozenset({"near_duplicate", "spun"})
COPY_PENALTY = 0.6
RECIPROCAL = frozenset({"AGREE", "CONSULT", "COOPERATE", "ASSAULT", "SUPPORT"})


# --------------------------------------------------------------------------- reading the store

def _chunks(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def article_events(conn: Connection, article_ids: Sequence[str]) -> list[Event]:
    t = schema.article_events
    out: list[Event] = []
    for chunk in _chunks(list(article_ids)):
        query = select(t.c.record).where(t.c.article_id.in_(chunk)).order_by(t.c.article_id, t.c.id)
        out += [Event.model_validate(r) for r in conn.execute(query).scalars()]
    return out


def name_links(conn: Connection, article_ids: Sequence[str]) -> dict[str, dict[str, str]]:
    """article id → normalised mention text (and canonical name) → linked entity id."""
    m = schema.mentions
    out: dict[str, dict[str, str]] = {}
    for chunk in _chunks(list(article_ids)):
        query = select(m.c.article_id, m.c.text, m.c.canonical, m.c.entity_id).where(
            m.c.article_id.in_(chunk), m.c.entity_id.is_not(None))
        for aid, text, canonical, eid in conn.execute(query).all():
            names = out.setdefault(aid, {})
            for name in (text, canonical):
                if name:
                    names.setdefault(name_key(name), eid)
    return out


def entity_names(conn: Connection, ids: set[str]) -> dict[str, str]:
    e = schema.entities
    out: dict[str, str] = {}
    for chunk in _chunks(sorted(ids)):
        out.update({str(i): str(n) for i, n in conn.execute(select(e.c.id, e.c.name).where(e.c.id.in_(chunk))).all()})
    return out


def copy_flagged(conn: Connection, article_ids: set[str]) -> set[str]:
    """The articles flagged as copies or spun rewrites."""
    a = schema.articles
    out: set[str] = set()
    for chunk in _chunks(sorted(article_ids)):
        for aid, flags in conn.execute(select(a.c.id, a.c.flags).where(a.c.id.in_(chunk))).all():
            if any(isinstance(f, dict) and f.get("type") in COPY_FLAGS for f in flags or []):
                out.add(str(aid))
    return out


def candidates(conn: Connection, event: Event) -> list[Event]:
    """Stored events of the same type whose dates fall in the new event's window."""
    if event.when.start is None or event.when.end is None:
        return []
    t = schema.events
    low = (event.when.start - timedelta(days=DAY_SLACK)).isoformat()
    high = (event.when.end + timedelta(days=DAY_SLACK)).isoformat()
    query = select(t.c.record).where(and_(t.c.event == event.event, t.c.date_start <= high,
                                          t.c.date_end >= low))
    return [Event.model_validate(r) for r in conn.execute(query).scalars()]


def iter_events(store: Store) -> Iterator[Event]:
    """Every stored real-world event, in date order (undated last)."""
    t = schema.events
    with store.engine.connect() as conn:
        query = select(t.c.record).order_by(t.c.date_start.is_(None), t.c.date_start, t.c.id)
        rows = list(conn.execute(query).scalars())
    for record in rows:
        yield Event.model_validate(record)


# --------------------------------------------------------------------------- matching

@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)


def party_key(p: Any) -> str:
    return p.identifier_id or "t:" + name_key(p.entity_text)


def party_keys(p: Any) -> set[str]:
    """What identifies a party: its entity, its name, and its country code if it is one."""
    keys = {"t:" + name_key(p.entity_text)}
    if p.identifier_id:
        keys.add(p.identifier_id)
    if p.code and p.code in _country_codes():
        keys.add("c:" + p.code)
    return keys


def _keys(parties: Sequence[Any]) -> set[str]:
    return {k for p in parties for k in party_keys(p)}


def _named(parties: Sequence[Any]) -> list[Any]:
    """Parties that name an actor (linked to an entity or coded), not a description."""
    return [p for p in parties if p.identifier_id or p.code]


def _widen(d: PartialDate) -> tuple[date, date] | None:
    if d.start is None or d.end is None:
        return None
    slack = timedelta(days=DAY_SLACK if d.precision == "day" else 0)
    return d.start - slack, d.end + slack


def dates_compatible(a: PartialDate, b: PartialDate) -> bool:
    wa, wb = _widen(a), _widen(b)
    return wa is not None and wb is not None and wa[0] <= wb[1] and wb[0] <= wa[1]


def places_compatible(a: Event, b: Event) -> bool:
    la, lb = a.event_loc, b.event_loc
    if la is None or lb is None:
        return True
    if la.country and lb.country and la.country != lb.country:
        return False
    return not (la.geonameid and lb.geonameid and la.geonameid != lb.geonameid)


def parties_compatible(a: Event, b: Event) -> bool:
    """Some actor of one is an actor of the other (a party, for reciprocal events), and some
    recipient is a party of the other when both name recipients."""
    if a.event in RECIPROCAL:
        ok = bool((_keys(a.actor) | _keys(a.recipient)) & (_keys(b.actor) | _keys(b.recipient)))
        return ok and bool(_keys(a.actor) & (_keys(b.actor) | _keys(b.recipient)))
    if not (_keys(a.actor) & _keys(b.actor)):
        return False
    named_a, named_b = _named(a.recipient), _named(b.recipient)
    if named_a and named_b:
        return bool(_keys(named_a) & _keys(named_b))
    return True


def same_event(a: Event, b: Event) -> bool:
    """Same type, compatible dates, places and parties, told by different articles. When either
    date is only a publication date, both actors and recipients must be shared."""
    if a.event != b.event:
        return False
    if not (dates_compatible(a.when, b.when) and places_compatible(a, b) and parties_compatible(a, b)):
        return False
    if a.date_source == b.date_source == "text":
        return True
    if set(a.articles) & set(b.articles):
        return False
    return bool(a.recipient and b.recipient and _keys(a.recipient) & _keys(b.recipient)
                and _keys(a.actor) & (_keys(b.actor) | _keys(b.recipient)))


def _better_date(a: Event, b: Event) -> Event:
    """The event whose date to keep: one dated by the text over a publication date, then the
    narrower interval."""
    if a.when.start is None or a.when.end is None:
        return b
    if b.when.start is None or b.when.end is None:
        return a
    if a.date_source != b.date_source and "text" in (a.date_source, b.date_source):
        return a if a.date_source == "text" else b
    return a if (a.when.end - a.when.start) <= (b.when.end - b.when.start) else b


def _union(first: list[Any], more: list[Any]) -> list[Any]:
    keys = _keys(first)
    return first + [p for p in more if party_key(p) not in keys]


def join(stored: Event, new: Event) -> Event:
    """The stored event with the new mention's evidence, parties, date and place added."""
    spans = {(e.article, e.start, e.end) for e in stored.evidence}
    dated = _better_date(stored, new)
    evidence = stored.evidence + [e for e in new.evidence if (e.article, e.start, e.end) not in spans]
    return stored.model_copy(update={
        "actor": _union(stored.actor, new.actor), "recipient": _union(stored.recipient, new.recipient),
        "when": dated.when, "date_source": dated.date_source, "event_loc": stored.event_loc or new.event_loc,
        "context": list(dict.fromkeys(stored.context + new.context)),
        "articles": list(dict.fromkeys(stored.articles + new.articles)), "evidence": evidence,
        "confidence": max(stored.confidence, new.confidence)})


def rescore(event: Event, base: float, flagged: set[str]) -> Event:
    """Confidence from the best mention and the number of independent reporting articles."""
    independent = [a for a in event.articles if a not in flagged]
    score = base + 0.1 * max(0, len(independent) - 1)
    if not independent:
        score *= COPY_PENALTY
    return event.model_copy(update={"confidence": round(min(0.99, score), 3)})


def base_confidence(event: Event, flagged: set[str]) -> float:
    """The best single mention's confidence behind a stored (rescored) event."""
    independent = [a for a in event.articles if a not in flagged]
    if not independent:
        return event.confidence / COPY_PENALTY
    return event.confidence - 0.1 * max(0, len(independent) - 1)


# --------------------------------------------------------------------------- the step

def link_parties(event: Event, names: dict[str, str], canonical: dict[str, str]) -> Event:
    def linked(parties: list[Any]) -> list[Any]:
        out = []
        for p in parties:
            eid = p.identifier_id or names.get(name_key(p.entity_text))
            out.append(p.model_copy(update={"identifier_id": eid, "identifier_text": canonical.get(eid or "")})
                       if eid else p)
        return out
    return event.model_copy(update={"actor": linked(event.actor), "recipient": linked(event.recipient)})


def _write(conn: Connection, event: Event) -> None:
    t, ea = schema.events, schema.event_articles
    conn.execute(delete(ea).where(ea.c.event_id == event.id))
    conn.execute(delete(t).where(t.c.id == event.id))
    conn.execute(insert(t).values(
        id=event.id, event=event.event, confidence=event.confidence, record=event.model_dump(mode="json"),
        date_start=event.when.start.isoformat() if event.when.start else None,
        date_end=event.when.end.isoformat() if event.when.end else None))
    conn.execute(insert(ea), [{"event_id": event.id, "article_id": a} for a in event.articles])


def _remove(conn: Connection, event_id: str) -> None:
    ea, t = schema.event_articles, schema.events
    conn.execute(delete(ea).where(ea.c.event_id == event_id))
    conn.execute(delete(t).where(t.c.id == event_id))


class EventJoiner:
    """The `events` corpus step (see the module docstring)."""

    name = "events"
    version = "1"

    def run(self, store: Store, article_ids: list[str]) -> dict[str, int]:
        counts = {"events_new": 0, "events_joined": 0}
        with store.transaction() as conn:
            found = article_events(conn, article_ids)
            links = name_links(conn, article_ids)
            canonical = entity_names(conn, {e for names in links.values() for e in names.values()})
            for event in found:
                event = link_parties(event, links.get(event.articles[0], {}), canonical)
                self._add(conn, event, counts)
        log.debug("events: %s", counts)
        return counts

    def _add(self, conn: Connection, event: Event, counts: dict[str, int]) -> None:
        match = next((s for s in candidates(conn, event) if same_event(event, s)), None)
        if match is None:
            flagged = copy_flagged(conn, set(event.articles))
            _write(conn, rescore(event, event.confidence, flagged))
            counts["events_new"] += 1
            return
        joined = join(match, event)
        flagged = copy_flagged(conn, set(joined.articles))
        base = max(base_confidence(match, flagged), event.confidence)
        _remove(conn, match.id)
        _write(conn, rescore(joined, base, flagged))
        counts["events_joined"] += 1
