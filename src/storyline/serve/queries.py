"""The read-only query layer of `storyline serve`: what the JSON API and the HTML pages show.

`Queries(store)` answers every question with plain JSON-ready dicts (export-format records
where one exists, see ../shared/spec/export-format.md), so the API returns them as they are and
the templates print their fields through autoescaping. Nothing here writes to the store: on
SQLite every request's connection is `PRAGMA query_only`, on PostgreSQL a `READ ONLY`
transaction.

Lists take a `Filters` and a page (`limit`, `offset`) and return a `Page`: the items in a
stable order (a date or count, then the id), the `total` matching the filters, and the offset of
the next page. Dates in filters are partial dates (`2021`, `2021-08`, `2021-W41`,
`2021-08-27`, `A/B`): a fact matches a window when their intervals overlap, so an event known
only to August 2021 is in `date_from=2021-08-15`..`date_to=2021-09-10` and not in
`date_to=2021-07`.

Cost limits: every request's database work stops after `timeout` seconds (SQLite progress
handler, PostgreSQL `statement_timeout`) with E803, never a hang; page sizes are capped at
`max_limit`, offsets at `max_offset`, and the network at `max_graph_events` events (E808).
"""

from __future__ import annotations

import copy
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    bindparam,
    column,
    exists,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
    true,
)
from sqlalchemy.exc import DBAPIError

from storyline.errors import Code, ServeError
from storyline.export.events import QUAD_SCORE, timeline_line
from storyline.export.records import claim_record, entity_record, event_record, quote_record
from storyline.model import Claim, Event, PartialDate, Quote, Role
from storyline.resolve.events import complete
from storyline.resolve.names import name_key
from storyline.serve import fact_search
from storyline.serve import search as fts
from storyline.serve.index import CLAIM_SOURCE, event_parties, text_key
from storyline.store import Store, schema

log = logging.getLogger(__name__)

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
CONTEXT_SENTENCES = 1  # sentences shown either side of an evidence span
CONTEXT_CHARS = 400  # the window either side when an article has no sentence offsets
DETAIL_LIMIT = 20  # items of each kind on an entity's or article's detail


# --------------------------------------------------------------------------- filters and pages

def parse_date(value: str | None, name: str) -> PartialDate | None:
    """A filter date (`2021`, `2021-08`, `2021-W41`, `2021-08-27`, `A/B`); E802 when unreadable."""
    if value is None or not value.strip():
        return None
    parsed = PartialDate.parse(value.strip())
    if parsed.start is None:
        raise ServeError(Code.E802, f"{name}={value!r} is not a date (2021, 2021-08, 2021-W41, 2021-08-27)")
    return parsed


@dataclass(frozen=True)
class Filters:
    """What a list is narrowed to. Every field is optional; `parse` builds one from strings.

    - `actor`: an entity id or a name (any spelling the store knows, or as written), or a
      country/sector code (`AFG`, `REB`) for events;
    - `event_type`: a PLOVER type (`CONSULT`);
    - `since` / `until`: the date window (partial dates; intervals that overlap it match);
    - `outlet`: exact outlet name; `flag`: a flag type (`spun`, `near_duplicate`, ...): items
      from articles carrying it;
    - `article`: one article's items (quotes, claims, events);
    - `entity_type` / `name` / `country`: for the entity list (`name` matches part of the name).
    """

    actor: str | None = None
    event_type: str | None = None
    since: PartialDate | None = None
    until: PartialDate | None = None
    outlet: str | None = None
    flag: str | None = None
    article: str | None = None
    entity_type: str | None = None
    name: str | None = None
    country: str | None = None

    @classmethod
    def parse(cls, *, actor: str | None = None, event_type: str | None = None, date_from: str | None = None,
              date_to: str | None = None, outlet: str | None = None, flag: str | None = None,
              article: str | None = None, entity_type: str | None = None, name: str | None = None,
              country: str | None = None) -> Filters:
        """Filters from request parameters; E802 for an unknown event type or an unreadable date."""
        kind = event_type.strip().upper() if event_type and event_type.strip() else None
        if kind and kind not in PLOVER_TYPES:
            raise ServeError(Code.E802, f"type={event_type!r} is not a PLOVER event type ({', '.join(PLOVER_TYPES)})")
        since, until = parse_date(date_from, "from"), parse_date(date_to, "to")
        if since and until and since.start and until.end and since.start > until.end:
            raise ServeError(Code.E802, f"from={date_from!r} is after to={date_to!r}")
        return cls(actor=_blank(actor), event_type=kind, since=since, until=until, outlet=_blank(outlet),
                   flag=_blank(flag), article=_blank(article), entity_type=_blank(entity_type, upper=True),
                   name=_blank(name), country=_blank(country, upper=True))


def _blank(value: str | None, upper: bool = False) -> str | None:
    if value is None or not value.strip():
        return None
    return value.strip().upper() if upper else value.strip()


@dataclass
class Page:
    """One page of a list: `items`, the `total` that match, and where the page starts."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    @property
    def next_offset(self) -> int | None:
        """The offset of the next page, or None on the last one."""
        following = self.offset + self.limit
        return following if following < self.total else None

    def as_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "limit": self.limit, "offset": self.offset,
                "next_offset": self.next_offset}


@dataclass
class Limits:
    """Cost limits of one `Queries`."""

    timeout: float = 5.0  # seconds of database work per request
    max_limit: int = 500  # page size cap
    max_offset: int = 100_000  # the deepest page start
    max_graph_events: int = 20_000  # event dates one timeline page may be drawn from
    max_graph_nodes: int = 300  # the busiest nodes of a network (the rest summarised)
    max_ranked: int = 1_000  # SQLite search: matches ranked by relevance (the most recently stored)


# --------------------------------------------------------------------------- row shapes

def _interval(start: str | None, end: str | None, precision: str | None) -> PartialDate:
    if not start or not end:
        return PartialDate.unknown()
    return PartialDate(start=date.fromisoformat(start[:10]), end=date.fromisoformat(end[:10]),
                       precision=precision or "day")


ARTICLE_SUMMARY_COLUMNS = ("id", "document_id", "title", "outlet", "url", "language", "published_raw",
                           "published_start", "published_end", "published_precision", "flags", "words")


def article_summary(row: Any) -> dict[str, Any]:
    """An article without its text: `id, document, title, outlet, url, language, published,
    published_precision, date, enddate, words, flags` (flags as `{type, detail, score}`)."""
    published = _interval(row["published_start"], row["published_end"], row["published_precision"])
    return {
        "id": row["id"], "document": row["document_id"], "title": row["title"], "outlet": row["outlet"],
        "url": row["url"], "language": row["language"],
        "published": published.iso() or row["published_raw"], "published_precision": published.precision,
        "date": published.start.isoformat() if published.start else None,
        "enddate": published.end.isoformat() if published.end else None,
        "words": row["words"],
        "flags": [{"type": f.get("type"), "detail": f.get("detail", ""), "score": f.get("score")}
                  for f in row["flags"] or [] if isinstance(f, dict)],
    }


def timeline_item(event: Event) -> dict[str, Any]:
    """A compact event for timelines: `id, event, mode, quad_code, date, enddate, date_precision,
    date_source, actors, recipients (display names), place, articles (count), confidence,
    event_text, line` (`line` is `storyline timeline`'s one-line summary)."""
    return {
        "id": event.id, "event": event.event, "mode": event.mode, "quad_code": event.quad_code,
        **event.when.export_fields(), "date_source": event.date_source,
        "actors": [p.identifier_text or p.entity_text for p in event.actor],
        "recipients": [p.identifier_text or p.entity_text for p in event.recipient],
        "place": event.event_loc.name if event.event_loc else None,
        "articles": len(event.articles), "confidence": event.confidence,
        "event_text": event.event_text, "line": timeline_line(event),
    }


def role_item(role: Role) -> dict[str, Any]:
    return {"title": role.title, "org": role.org, "from": role.start.iso(), "to": role.end.iso(),
            "from_precision": role.start.precision, "to_precision": role.end.precision,
            "evidence": [e.model_dump(mode="json") for e in role.evidence]}


def evidence_in_context(evidence: dict[str, Any], text: str, sentences: Sequence[Sequence[int]]) -> dict[str, Any]:
    """An evidence span with the sentences around it: `context` (the text from `context_start` to
    `context_end`), and `highlight_start`/`highlight_end` (the evidence inside `context`)."""
    start, end = int(evidence["start"]), int(evidence["end"])
    spans = [(int(s[0]), int(s[1])) for s in sentences if len(s) >= 2]
    hit = [i for i, (s, e) in enumerate(spans) if s < max(end, start + 1) and e > start]
    if hit:
        first = max(0, hit[0] - CONTEXT_SENTENCES)
        last = min(len(spans) - 1, hit[-1] + CONTEXT_SENTENCES)
        lo, hi = min(spans[first][0], start), max(spans[last][1], end)
    else:
        lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    return {**evidence, "context": text[lo:hi], "context_start": lo, "context_end": hi,
            "highlight_start": start - lo, "highlight_end": end - lo}


# --------------------------------------------------------------------------- the query layer

class Queries:
    """Read-only questions to one store. Thread-safe: each call takes its own connection.

    Every method raises `ServeError`: E801 (not found), E802 (bad parameter), E803 (timeout),
    E808 (too costly).
    """

    def __init__(self, store: Store, limits: Limits | None = None) -> None:
        self.store = store
        self.limits = limits or Limits()
        self._local = threading.local()
        self._facets: tuple[str, dict[str, Any]] | None = None  # (store generation, facets)

    # ----------------------------------------------------------------- connections

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only connection whose statements stop after `limits.timeout` seconds (E803).
        Nested calls on one thread share the outer call's connection and deadline, so a page
        made of several queries (an entity's) is one connection and one time limit."""
        current: Connection | None = getattr(self._local, "conn", None)
        if current is not None:
            yield current
            return
        with self.store.engine.connect() as conn:
            self._local.conn = conn
            self._local.actors = {}  # actor filter value -> entity ids, for this request's connection
            try:
                if conn.dialect.name == "sqlite":
                    with self._sqlite_guard(conn):
                        yield conn
                else:
                    with self._postgres_guard(conn):
                        yield conn
            finally:
                self._local.conn = None
                self._local.actors = None

    @contextmanager
    def _sqlite_guard(self, conn: Connection) -> Iterator[None]:
        raw = conn.connection.driver_connection
        deadline = time.monotonic() + self.limits.timeout
        raw.set_progress_handler(lambda: int(time.monotonic() > deadline), 2000)  # type: ignore[union-attr]
        conn.exec_driver_sql("PRAGMA query_only = 1")
        try:
            yield
        except DBAPIError as err:
            if "interrupted" in str(err.orig):
                raise self._timeout(err) from err
            raise
        finally:
            raw.set_progress_handler(None, 0)  # type: ignore[union-attr]
            conn.rollback()
            conn.exec_driver_sql("PRAGMA query_only = 0")
            conn.commit()

    @contextmanager
    def _postgres_guard(self, conn: Connection) -> Iterator[None]:
        conn.exec_driver_sql("SET TRANSACTION READ ONLY")
        conn.execute(text("SELECT set_config('statement_timeout', :ms, true)"),
                     {"ms": str(max(1, int(self.limits.timeout * 1000)))})
        try:
            yield
        except DBAPIError as err:
            if getattr(err.orig, "sqlstate", None) == "57014":
                raise self._timeout(err) from err
            raise
        finally:
            conn.rollback()

    def _timeout(self, err: DBAPIError) -> ServeError:
        statement = " ".join(str(err.statement or "").split())[:80]
        return ServeError(Code.E803, statement, self.limits.timeout)

    def _page_bounds(self, limit: int, offset: int) -> tuple[int, int]:
        if limit < 1 or limit > self.limits.max_limit:
            raise ServeError(Code.E802, f"limit={limit} must be between 1 and {self.limits.max_limit}")
        if offset < 0:
            raise ServeError(Code.E802, f"offset={offset} must not be negative")
        if offset > self.limits.max_offset:
            raise ServeError(Code.E808, f"offset {offset}", self.limits.max_offset)
        return limit, offset

    def _page(self, conn: Connection, query: Select[Any], limit: int, offset: int) -> tuple[list[Any], int]:
        """(rows of the page, total) of an ordered query."""
        limit, offset = self._page_bounds(limit, offset)
        rows = list(conn.execute(query.limit(limit).offset(offset)).mappings())
        if offset == 0 and len(rows) < limit:
            return rows, len(rows)
        counted = query.order_by(None).with_only_columns(literal_column("1"), maintain_column_froms=True).subquery()
        total = conn.execute(select(func.count()).select_from(counted)).scalar_one()
        return rows, int(total)

    # ----------------------------------------------------------------- shared filter pieces

    def actor_keys(self, conn: Connection, actor: str) -> set[str]:
        """The `event_parties` keys an actor filter value stands for: the entities it names (by
        id, name, spelling or alias), else the name as written (`t:` key) and, for three
        letters, a country or sector code (`c:` key)."""
        ids = self.actor_entities(conn, actor)
        if ids:
            return ids
        keys = {text_key(actor)}
        if actor.isalpha() and len(actor) == 3:
            keys.add("c:" + actor.upper())
        return keys

    def actor_entities(self, conn: Connection, actor: str) -> set[str]:
        """The entity ids an actor filter value names (by id, canonical name key or alias key);
        looked up once per request (a page asking for several lists of one actor asks once)."""
        memo: dict[str, set[str]] | None = getattr(self._local, "actors", None)
        if memo is not None and actor in memo:
            return set(memo[actor])
        found = self._actor_entities(conn, actor)
        if memo is not None:
            memo[actor] = set(found)
        return found

    def _actor_entities(self, conn: Connection, actor: str) -> set[str]:
        e, k = schema.entities, schema.entity_keys
        key = name_key(actor)
        found = set(conn.execute(select(e.c.id).where(or_(e.c.id == actor, e.c.key == key))).scalars())
        if key:
            found.update(conn.execute(select(k.c.entity_id).where(k.c.key == key)).scalars())
        if not found:
            found.update(conn.execute(select(e.c.id).where(self._has_alias(conn, actor))).scalars())
        return found

    @staticmethod
    def _has_alias(conn: Connection, alias: str) -> ColumnElement[bool]:
        """The entity row (`entities`) lists this alias (case-insensitive); a scan, so only a fallback."""
        if conn.dialect.name == "sqlite":
            sql = "EXISTS (SELECT 1 FROM json_each(entities.aliases) AS a WHERE lower(a.value) = :alias)"
        else:
            sql = "EXISTS (SELECT 1 FROM json_array_elements_text(entities.aliases) AS a WHERE lower(a) = :alias)"
        return text(sql).bindparams(alias=alias.lower())  # type: ignore[return-value]

    @staticmethod
    def _overlaps(start: Any, end: Any, f: Filters) -> list[ColumnElement[bool]]:
        """Interval [start, end] overlaps the filter window (undated rows never do)."""
        out: list[ColumnElement[bool]] = []
        if f.since and f.since.start:
            out.append(end >= f.since.start.isoformat())
        if f.until and f.until.end:
            out.append(start <= f.until.end.isoformat())
        return out

    @staticmethod
    def has_flag(conn: Connection, flag: str) -> ColumnElement[bool]:
        """The article row (`articles`) carries a flag of this type."""
        if conn.dialect.name == "sqlite":
            sql = ("EXISTS (SELECT 1 FROM json_each(articles.flags) AS f "
                   "WHERE json_extract(f.value, '$.type') = :flag_type)")
        else:
            sql = ("EXISTS (SELECT 1 FROM json_array_elements(articles.flags) AS f "
                   "WHERE f ->> 'type' = :flag_type)")
        return text(sql).bindparams(flag_type=flag)  # type: ignore[return-value]

    def _article_conditions(self, conn: Connection, f: Filters) -> list[ColumnElement[bool]]:
        """Conditions on `articles` for the outlet and flag filters."""
        a = schema.articles
        out: list[ColumnElement[bool]] = []
        if f.outlet:
            out.append(a.c.outlet == f.outlet)
        if f.flag:
            out.append(self.has_flag(conn, f.flag))
        return out

    # ----------------------------------------------------------------- articles

    def articles(self, f: Filters, limit: int = 50, offset: int = 0, newest_first: bool = False) -> Page:
        """Articles (summaries, no text) in publication order (undated last), then id; with
        `newest_first`, newest first (then id descending). Filters: outlet, flag, since/until
        (publication interval), actor (articles mentioning the entity)."""
        a, m = schema.articles, schema.mentions
        limit, offset = self._page_bounds(limit, offset)
        with self.read() as conn:
            conditions = self._article_conditions(conn, f)
            conditions += self._overlaps(a.c.published_start, a.c.published_end, f)
            count = None
            if f.actor:
                ids = sorted(self.actor_entities(conn, f.actor))
                mentioned = exists().where(m.c.entity_id.in_(ids), m.c.article_id == a.c.id) if ids else false()
                if not conditions:  # the entity's articles: counted from the mentions index alone
                    distinct = select(func.count(m.c.article_id.distinct())).where(m.c.entity_id.in_(ids))
                    count = lambda: int(conn.execute(distinct).scalar_one())  # noqa: E731
                conditions.append(mentioned)
            page, total = self._dated_first(conn, a, a.c.id, a.c.published_start, conditions, limit, offset,
                                            newest_first=newest_first, windowed=bool(f.since or f.until),
                                            count=count)
            columns = [a.c[c] for c in ARTICLE_SUMMARY_COLUMNS]
            rows: dict[str, Any] = {}
            if page:
                rows = {r["id"]: r for r in conn.execute(select(*columns).where(a.c.id.in_(page))).mappings()}
        return Page([article_summary(rows[i]) for i in page if i in rows], total, limit, offset)

    def _dated_first(self, conn: Connection, table: Any, id_col: Any, date_col: Any,
                     conditions: Sequence[ColumnElement[bool]], limit: int, offset: int, *,
                     newest_first: bool = False, windowed: bool = False,
                     count: Callable[[], int] | None = None) -> tuple[list[Any], int]:
        """A page of ids in date order, undated last, and the total: the dated rows by the date
        index, then the undated ones by id (one ORDER BY over both would sort every row).
        `windowed`: a date window is set, so no undated row can match. `count`: a cheaper way to
        the total than counting both parts."""
        order = (date_col.desc(), id_col.desc()) if newest_first else (date_col.asc(), id_col.asc())
        dated_where = [date_col.is_not(None), *conditions]
        ids = list(conn.execute(select(id_col).select_from(table).where(*dated_where).order_by(*order)
                                .limit(limit).offset(offset)).scalars())
        n_dated: int | None = None
        if len(ids) < limit and (ids or offset == 0):
            n_dated = offset + len(ids)
        elif len(ids) < limit or (count is None and not windowed) or windowed:
            n_dated = int(conn.execute(select(func.count()).select_from(table).where(*dated_where)).scalar_one())
        if windowed:
            return ids, n_dated if n_dated is not None else 0
        undated = select(id_col).select_from(table).where(date_col.is_(None), *conditions)
        if len(ids) < limit and n_dated is not None:
            start = max(0, offset - n_dated)
            ids += list(conn.execute(undated.order_by(id_col).limit(limit - len(ids)).offset(start)).scalars())
        if count is not None:
            return ids, count()
        n_undated = int(conn.execute(select(func.count()).select_from(undated.subquery())).scalar_one())
        return ids, (n_dated or 0) + n_undated

    def article(self, article_id: str) -> dict[str, Any]:
        """One article: its export record (`text`, `flags` with evidence, `removed` boilerplate
        with reasons, `dateline`, `published_inferred`, ...) plus `words`, `sentences` ([start,
        end] pairs), `mentions` ([{start, end, text, type, entity, entity_name}]), `quotes` and
        `claims` (export records), `events` (timeline items of the events it reports)."""
        a = schema.articles
        with self.read() as conn:
            row = conn.execute(select(a).where(a.c.id == article_id)).mappings().first()
            if row is None:
                raise ServeError(Code.E801, f"article {article_id!r}")
            from storyline.export.records import article_record
            from storyline.store import rows as store_rows

            record = article_record(store_rows.row_article(row))
            record |= {"words": row["words"], "sentences": row["sentences"] or [],
                       "mentions": self._mentions(conn, article_id),
                       "quotes": [quote_record(q) for q in self._quotes_of(conn, article_id)],
                       "claims": self._claims_of_article(conn, article_id),
                       "events": [timeline_item(e) for e in self._events_of_article(conn, article_id)]}
        return record

    def _mentions(self, conn: Connection, article_id: str) -> list[dict[str, Any]]:
        m, e = schema.mentions, schema.entities
        query = (select(m.c.start, m.c.end, m.c.text, m.c.type, m.c.entity_id, e.c.name)
                 .outerjoin(e, e.c.id == m.c.entity_id).where(m.c.article_id == article_id).order_by(m.c.start, m.c.id))
        return [{"start": r[0], "end": r[1], "text": r[2], "type": r[3], "entity": r[4], "entity_name": r[5]}
                for r in conn.execute(query).all()]

    def _quotes_of(self, conn: Connection, article_id: str) -> list[Quote]:
        q = schema.quotes
        query = select(q.c.record).where(q.c.article_id == article_id).order_by(q.c.id)
        quotes = [Quote.model_validate(r) for r in conn.execute(query).scalars()]
        return sorted(quotes, key=lambda x: (x.evidence[0].start if x.evidence else 0, x.id))

    def _claims_of_article(self, conn: Connection, article_id: str) -> list[dict[str, Any]]:
        c = schema.claims
        records = list(conn.execute(select(c.c.record).where(c.c.article_id == article_id).order_by(c.c.id)).scalars())
        return self._claim_records(conn, records)

    def _claim_records(self, conn: Connection, records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """Export claim records with their `same_as` / `conflicts_with` / `changed_from` / `changed_to` links."""
        t = schema.claim_links
        ids = [r["id"] for r in records]
        links: dict[str, dict[str, list[str]]] = {}
        if ids:
            query = select(t.c.claim_id, t.c.other_id, t.c.relation).where(t.c.claim_id.in_(ids)).order_by(t.c.other_id)
            for claim_id, other, relation in conn.execute(query).all():
                links.setdefault(claim_id, {}).setdefault(relation, []).append(other)
        return [claim_record(Claim.model_validate(r), links.get(r["id"])) for r in records]

    def _events_of_article(self, conn: Connection, article_id: str) -> list[Event]:
        t, ea = schema.events, schema.event_articles
        query = (select(t.c.record).join(ea, ea.c.event_id == t.c.id).where(ea.c.article_id == article_id)
                 .order_by(t.c.date_start.is_(None), t.c.date_start, t.c.id))
        return complete(conn, [Event.model_validate(r) for r in conn.execute(query).scalars()])

    # ----------------------------------------------------------------- entities

    def entities(self, f: Filters, limit: int = 50, offset: int = 0) -> Page:
        """Entities, most mentioned first (then name, id): `id, name, type, aliases, country,
        wikidata, mentions, sector`. Filters: entity_type, name (part of the canonical name or
        its key), country."""
        e = schema.entities
        conditions: list[ColumnElement[bool]] = []
        if f.entity_type:
            conditions.append(e.c.type == f.entity_type)
        if f.country:
            conditions.append(e.c.country == f.country)
        if f.name:
            pattern = "%" + _like_escape(name_key(f.name) or f.name.lower()) + "%"
            conditions.append(or_(e.c.key.like(pattern, escape="\\"),
                                  func.lower(e.c.name).like("%" + _like_escape(f.name.lower()) + "%", escape="\\")))
        columns = (e.c.id, e.c.name, e.c.type, e.c.aliases, e.c.country, e.c.wikidata, e.c.mentions, e.c.sector)
        query = select(*columns).where(and_(true(), *conditions)).order_by(e.c.mentions.desc(), e.c.name, e.c.id)
        with self.read() as conn:
            rows, total = self._page(conn, query, limit, offset)
        return Page([dict(r) | {"aliases": list(r["aliases"] or [])} for r in rows], total, limit, offset)

    def resolve_entity(self, conn: Connection, ref: str) -> dict[str, Any]:
        """The entity row an id or a name refers to (the most mentioned one for a name); E801."""
        e = schema.entities
        row = conn.execute(select(e).where(e.c.id == ref)).mappings().first()
        if row is None:
            ids = self.actor_entities(conn, ref)
            if ids:
                row = conn.execute(select(e).where(e.c.id.in_(ids)).order_by(e.c.mentions.desc(), e.c.id)
                                   ).mappings().first()
        if row is None:
            raise ServeError(Code.E801, f"entity {ref!r}")
        return dict(row)

    def entity(self, ref: str, limit: int = DETAIL_LIMIT) -> dict[str, Any]:
        """One entity by id or name: its export record (`id, name, type, aliases, country,
        roles, wikidata, mentions, sector`) plus `alias_counts`, `roles` in date order, and the
        first `limit` of its `quotes`, `claims` (export records), `events` (timeline items) and
        `articles` (summaries), each as a page dict (`items`, `total`, ...). Further pages:
        `quotes(Filters(actor=id))`, `claims(...)`, `timeline(...)`, `articles(...)`."""
        from storyline.store import rows as store_rows

        with self.read() as conn:
            row = self.resolve_entity(conn, ref)
            entity = store_rows.row_entity(row)  # type: ignore[arg-type]
            self._local.actors.setdefault(entity.id, {entity.id})  # its lists are this entity's
            roles = sorted(entity.roles, key=lambda r: (r.start.start is None, r.start.start or date.min, r.title))
            by_id = Filters(actor=entity.id)
            return entity_record(entity) | {
                "alias_counts": row.get("alias_counts") or {},
                "roles": [role_item(r) for r in roles],
                "quotes": self.quotes(by_id, limit).as_dict(),
                "claims": self.claims(by_id, limit).as_dict(),
                "events": self.timeline(by_id, limit).as_dict(),
                "articles": self.articles(by_id, limit, newest_first=True).as_dict(),
            }

    # ----------------------------------------------------------------- events

    def _event_conditions(self, conn: Connection, f: Filters, actor: bool = True) -> list[ColumnElement[bool]]:
        """Conditions on `events` for the filters (the actor's through `event_parties`)."""
        t, ep = schema.events, event_parties
        conditions = self._overlaps(t.c.date_start, t.c.date_end, f)
        if f.event_type:
            conditions.append(t.c.event == f.event_type)
        if f.actor and actor:
            keys = self.actor_keys(conn, f.actor)
            conditions.append(t.c.id.in_(select(ep.c.event_id).where(ep.c.key.in_(keys))))
        return conditions + self._reported_by(conn, t.c.id, f)

    def _reported_by(self, conn: Connection, event_id: Any, f: Filters) -> list[ColumnElement[bool]]:
        """Conditions on an event id column for the article, outlet and flag filters."""
        ea, a = schema.event_articles, schema.articles
        conditions: list[ColumnElement[bool]] = []
        if f.article:
            conditions.append(exists().where(ea.c.event_id == event_id, ea.c.article_id == f.article))
        article_conditions = self._article_conditions(conn, f)
        if article_conditions:
            conditions.append(exists().where(ea.c.event_id == event_id, a.c.id == ea.c.article_id,
                                             *article_conditions))
        return conditions

    def _event_ids_of_actor(self, conn: Connection, f: Filters, limit: int, offset: int) -> tuple[list[str], int]:
        """A page of event ids with the actor, in date order, from `event_parties` alone: with
        one key (the usual case) one range scan of its covering index."""
        ep = event_parties
        assert f.actor
        keys = sorted(self.actor_keys(conn, f.actor))
        conditions = [ep.c.key.in_(keys)] + self._reported_by(conn, ep.c.event_id, f)
        if f.since and f.since.start:
            conditions.append(ep.c.date_end >= f.since.start.isoformat())
        if f.until and f.until.end:
            conditions.append(ep.c.day <= f.until.end.isoformat())
        if f.event_type:
            conditions.append(ep.c.event == f.event_type)
        page = select(ep.c.day, ep.c.event_id).where(*conditions).order_by(ep.c.day, ep.c.event_id)
        count = select(func.count(ep.c.event_id.distinct() if len(keys) > 1 else ep.c.event_id)).where(*conditions)
        if len(keys) == 1:
            ids = list(conn.execute(page.with_only_columns(ep.c.event_id).limit(limit).offset(offset)).scalars())
        else:
            ids = [r[1] for r in conn.execute(page.distinct().limit(limit).offset(offset)).all()]
        total = len(ids) if offset == 0 and len(ids) < limit else int(conn.execute(count).scalar_one())
        return ids, total

    def _event_ids_by_date(self, conn: Connection, f: Filters, limit: int, offset: int) -> tuple[list[str], int]:
        """A page of event ids in date order, undated last (see `_dated_first`)."""
        t = schema.events
        conditions = self._event_conditions(conn, f, actor=False)
        return self._dated_first(conn, t, t.c.id, t.c.date_start, conditions, limit, offset,
                                 windowed=bool(f.since or f.until))

    def _event_page(self, f: Filters, limit: int, offset: int) -> tuple[list[Event], int]:
        t = schema.events
        limit, offset = self._page_bounds(limit, offset)
        with self.read() as conn:
            if f.actor:
                ids, total = self._event_ids_of_actor(conn, f, limit, offset)
            else:
                ids, total = self._event_ids_by_date(conn, f, limit, offset)
            records = dict(conn.execute(select(t.c.id, t.c.record).where(t.c.id.in_(ids))).all()) if ids else {}
            return complete(conn, [Event.model_validate(records[i]) for i in ids if i in records]), total

    def events(self, f: Filters, limit: int = 50, offset: int = 0) -> Page:
        """Events (export `event` records, PLOVER field names) in date order (undated last),
        then id. Filters: actor (actor or recipient), event_type, since/until (the event's date
        interval overlaps), outlet and flag (some reporting article has them), article."""
        events, total = self._event_page(f, limit, offset)
        return Page([event_record(e) for e in events], total, limit, offset)

    def timeline(self, f: Filters, limit: int = 50, offset: int = 0) -> Page:
        """The same events and order as `events`, as compact `timeline_item`s."""
        events, total = self._event_page(f, limit, offset)
        return Page([timeline_item(e) for e in events], total, limit, offset)

    def event(self, event_id: str) -> dict[str, Any]:
        """One event: its export record plus `sources`, one per reporting article in publication
        order: `{"article": <summary>, "evidence": [<evidence_in_context>...]}`."""
        t, a = schema.events, schema.articles
        with self.read() as conn:
            record = conn.execute(select(t.c.record).where(t.c.id == event_id)).scalar()
            if record is None:
                raise ServeError(Code.E801, f"event {event_id!r}")
            event = complete(conn, [Event.model_validate(record)])[0]
            columns = [a.c[c] for c in ARTICLE_SUMMARY_COLUMNS] + [a.c.text, a.c.sentences]
            query = select(*columns).where(a.c.id.in_(event.articles))
            found = {r["id"]: r for r in conn.execute(query).mappings()}
        sources: list[dict[str, Any]] = []
        for article_id in event.articles:
            row = found.get(article_id)
            if row is None:
                continue
            spans = [e.model_dump(mode="json") for e in event.evidence if e.article == article_id]
            summary = article_summary(row)
            sources.append({"article": summary, "evidence": [
                evidence_in_context(s, row["text"], row["sentences"] or []) for s in spans]})
        sources.sort(key=lambda s: _source_order(s["article"]))
        return event_record(event) | {"sources": sources}

    def graph(self, f: Filters, max_nodes: int | None = None) -> dict[str, Any]:
        """The actor network of the events matching `f`: `nodes` [{id, label, code, events}] and
        `edges` [{source, target, events, score, types}] (score: the PLOVER cooperation/conflict
        sum), heaviest first, counted by one aggregate query over `event_parties` (no event
        record is read). A node is a party key: an entity id, else `name:` + the name as written
        (keyed). Only the `max_nodes` (default `limits.max_graph_nodes`) busiest nodes and the
        edges between them are returned; `omitted` says how many nodes, edges and edge events
        were left out."""
        cap = max(1, min(max_nodes or self.limits.max_graph_nodes, self.limits.max_graph_nodes))
        with self.read() as conn:
            count = int(conn.execute(select(func.count()).select_from(schema.events)
                                     .where(and_(true(), *self._event_conditions(conn, f)))).scalar_one())
            pairs = self._graph_pairs(conn, f)
            edges: dict[tuple[str, str], dict[str, Any]] = {}
            for source, target, kind, n in pairs:
                edge = edges.setdefault((source, target), {"events": 0, "score": 0.0, "types": set()})
                edge["events"] += n
                edge["score"] += n * QUAD_SCORE.get(_quad_of(kind), 0.0)
                edge["types"].add(kind)
            weight: dict[str, int] = {}
            for (source, target), edge in edges.items():
                weight[source] = weight.get(source, 0) + edge["events"]
                weight[target] = weight.get(target, 0) + edge["events"]
            kept = sorted(weight, key=lambda k: (-weight[k], k))[:cap]
            labels = self._graph_labels(conn, kept, f)
        shown = set(kept)
        nodes: list[dict[str, Any]] = [
            {"id": _node_id(k), "label": labels.get(k, (k, ""))[0], "code": labels.get(k, (k, ""))[1] or None,
             "events": weight[k]} for k in kept]
        out_edges: list[dict[str, Any]] = [
            {"source": _node_id(s_), "target": _node_id(t_), "events": e["events"], "score": e["score"],
             "types": sorted(e["types"])} for (s_, t_), e in edges.items() if s_ in shown and t_ in shown]
        nodes.sort(key=lambda n: (-n["events"], n["label"]))
        out_edges.sort(key=lambda e: (-e["events"], e["source"], e["target"]))
        dropped = [e for (s_, t_), e in edges.items() if s_ not in shown or t_ not in shown]
        return {"events": count, "nodes": nodes, "edges": out_edges,
                "omitted": {"nodes": len(weight) - len(kept), "edges": len(dropped),
                            "edge_events": sum(e["events"] for e in dropped)}}

    def _graph_pairs(self, conn: Connection, f: Filters) -> list[tuple[str, str, str, int]]:
        """(actor key, recipient key, event type, events) of the matching events: a self-join of
        `event_parties` on the event under its covering `(event_id, role, key, event)` index.
        A pair of parties that are each both actor and recipient of an event (a reciprocal
        meeting) is one edge, from the lower key."""
        ep = event_parties
        s_, r_ = ep.alias("s"), ep.alias("r")
        conditions: list[ColumnElement[bool]] = [
            s_.c.role.in_(("actor", "both")), r_.c.role.in_(("recipient", "both")), s_.c.key != r_.c.key,
            func.substr(s_.c.key, 1, 2) != "c:", func.substr(r_.c.key, 1, 2) != "c:",
            or_(s_.c.role != "both", r_.c.role != "both", s_.c.key < r_.c.key)]
        if f.since and f.since.start:
            conditions.append(s_.c.date_end >= f.since.start.isoformat())
        if f.until and f.until.end:
            conditions.append(s_.c.day <= f.until.end.isoformat())
        if f.event_type:
            conditions.append(s_.c.event == f.event_type)
        if f.actor:
            keys = sorted(self.actor_keys(conn, f.actor))
            conditions.append(s_.c.event_id.in_(select(ep.c.event_id).where(ep.c.key.in_(keys))))
        conditions += self._reported_by(conn, s_.c.event_id, f)
        query = (select(s_.c.key, r_.c.key, s_.c.event, func.count())
                 .select_from(s_.join(r_, r_.c.event_id == s_.c.event_id)).where(*conditions)
                 .group_by(s_.c.event, s_.c.key, r_.c.key))  # type first: SQLite then scans the pairs index
        return [(str(a), str(b), str(k), int(n)) for a, b, k, n in conn.execute(query).tuples()]

    def _graph_labels(self, conn: Connection, keys: Sequence[str], f: Filters) -> dict[str, tuple[str, str]]:
        """{key: (label, code)}: an entity's name and country; for a name as written, the text
        and code of the party in one of its events (the node's keys hold no original casing)."""
        e, t, ep = schema.entities, schema.events, event_parties
        entity_keys = [k for k in keys if not k.startswith("t:")]
        out: dict[str, tuple[str, str]] = {}
        for chunk in _chunked(entity_keys):
            for id_, name, country in conn.execute(select(e.c.id, e.c.name, e.c.country).where(e.c.id.in_(chunk))):
                out[str(id_)] = (str(name), str(country or ""))
        written = [k for k in keys if k.startswith("t:")]
        for chunk in _chunked(written):
            first = func.min(ep.c.event_id).label("event_id")
            sample = select(ep.c.key, first).where(ep.c.key.in_(chunk)).group_by(ep.c.key).subquery()
            for key, record in conn.execute(select(sample.c.key, t.c.record).join(t, t.c.id == sample.c.event_id)):
                for party in [*(record.get("actor") or []), *(record.get("recipient") or [])]:
                    if text_key(party.get("entity_text")) == key:
                        out[str(key)] = (str(party.get("identifier_text") or party.get("entity_text")),
                                         str(party.get("code") or ""))
                        break
        missing = [k for k in keys if k not in out]
        for k in missing:
            out[k] = (k[2:] if k.startswith("t:") else k, "")
        return out

    # ----------------------------------------------------------------- quotes and claims

    def _fact_conditions(self, conn: Connection, table: Any, f: Filters, party: str, when: str
                         ) -> list[ColumnElement[bool]]:
        """Filters on quotes/claims: actor (the speaker/source entity it names, else the name as
        written), article, outlet/flag (of the article), since/until (`said_on` / `as_of` overlap)."""
        conditions = self._overlaps(table.c.record[(when, "start")].as_string(),
                                    table.c.record[(when, "end")].as_string(), f)
        if f.actor:
            conditions.append(self._party_condition(conn, table, party, f.actor))
        if f.article:
            conditions.append(table.c.article_id == f.article)
        return conditions + self._article_conditions(conn, f)  # `_fact_page` joins the article

    def _party_condition(self, conn: Connection, table: Any, party: str, actor: str) -> ColumnElement[bool]:
        """The quote's speaker / the claim's source is the actor: an indexed column for quotes;
        for claims a cheap text pre-filter on the record before the JSON test."""
        ids = sorted(self.actor_entities(conn, actor))
        if ids and table is schema.quotes:
            return table.c.speaker_entity.in_(ids)
        if ids:  # the expression of the index on claims' sources
            source: ColumnElement[Any] = literal_column(CLAIM_SOURCE[conn.dialect.name])
            return source.in_(ids)
        return func.lower(table.c.record[(party, "entity_text")].as_string()) == actor.lower()

    def _fact_page(self, conn: Connection, table: Any, conditions: list[ColumnElement[bool]], limit: int,
                   offset: int, on_article: bool = True) -> tuple[list[dict[str, Any]], int]:
        """A page of quote/claim records in their articles' publication order (undated articles
        last), then article and id; the ids are sorted, the records read for the page only."""
        a = schema.articles
        limit, offset = self._page_bounds(limit, offset)
        ordered = (select(table.c.id).join(a, a.c.id == table.c.article_id).where(and_(true(), *conditions))
                   .order_by(a.c.published_start.is_(None), a.c.published_start, table.c.article_id, table.c.id))
        ids = list(conn.execute(ordered.limit(limit).offset(offset)).scalars())
        if offset == 0 and len(ids) < limit:
            total = len(ids)
        else:
            joined = table.join(a, a.c.id == table.c.article_id) if on_article else table
            total = int(conn.execute(select(func.count()).select_from(joined).where(and_(true(), *conditions)))
                        .scalar_one())
        records: dict[str, dict[str, Any]] = {}
        if ids:
            records = dict(conn.execute(select(table.c.id, table.c.record).where(table.c.id.in_(ids))).tuples().all())
        return [records[i] for i in ids if i in records], total

    @staticmethod
    def _on_article(f: Filters) -> bool:
        """Whether the filters read the fact's article (so counting needs the join)."""
        return bool(f.outlet or f.flag)

    def quotes(self, f: Filters, limit: int = 50, offset: int = 0) -> Page:
        """Quotes (export `quote` records) in the order of their articles' publication, then id.
        Filters: actor (speaker), article, outlet, flag, since/until (`said_on`)."""
        q = schema.quotes
        with self.read() as conn:
            conditions = self._fact_conditions(conn, q, f, "speaker", "said_on")
            records, total = self._fact_page(conn, q, conditions, limit, offset, self._on_article(f))
        return Page([quote_record(Quote.model_validate(r)) for r in records], total, limit, offset)

    def claims(self, f: Filters, limit: int = 50, offset: int = 0) -> Page:
        """Claims (export `claim` records with their links: `same_as`, `conflicts_with`, ...), ordered as quotes.
        Filters: actor (who claims it), article, outlet, flag, since/until (`as_of`)."""
        c = schema.claims
        with self.read() as conn:
            conditions = self._fact_conditions(conn, c, f, "attributed_to", "as_of")
            records, total = self._fact_page(conn, c, conditions, limit, offset, self._on_article(f))
            items = self._claim_records(conn, records)
        return Page(items, total, limit, offset)

    # ----------------------------------------------------------------- search

    def search(self, query: str, f: Filters, limit: int = 20, offset: int = 0) -> Page:
        """Full-text search of article titles and texts, best match first (then id): article
        summaries plus `score` (higher is better), `snippet` (plain text around the matches) and
        `highlights` ([start, end] of matched words in the snippet). The query reads words,
        `"phrases"`, `OR` and `-excluded` words; filters as for `articles`. E802 without a word.
        On SQLite a query matching more than `limits.max_ranked` articles ranks the most
        recently stored ones of them (see `_rank_window`)."""
        parsed = fts.parse_query(query)
        if parsed.empty:
            raise ServeError(Code.E802, f"q={query!r} has no word to search for")
        with self.read() as conn:
            if conn.dialect.name == "sqlite":
                rows, total = self._search_sqlite(conn, parsed, f, limit, offset)
            else:
                rows, total = self._search_postgres(conn, fts.websearch_query(parsed), f, limit, offset)
        items = []
        for row in rows:
            snippet, spans = fts.split_highlights(row["snippet"] or "")
            items.append(article_summary(row) | {"score": round(float(row["score"]), 4), "snippet": snippet,
                                                 "highlights": [list(s) for s in spans]})
        return Page(items, total, limit, offset)

    def _search_conditions(self, conn: Connection, f: Filters) -> list[ColumnElement[bool]]:
        a = schema.articles
        return self._article_conditions(conn, f) + self._overlaps(a.c.published_start, a.c.published_end, f)

    def _search_sqlite(self, conn: Connection, parsed: fts.ParsedQuery, f: Filters, limit: int, offset: int
                       ) -> tuple[list[Any], int]:
        """Small queries: the page of (rowid, article id, score), ranked in FTS5 within the rank
        window; the index's own ids of the page rows; their summaries and texts, from which the
        snippets are cut (`search.quick_snippet`; FTS5's `snippet` for a row it cannot place).
        The article id comes from `articles` by rowid: FTS5 reads a row's whole stored text to
        give its own `id` column, which for a thousand long articles is most of a search's time.
        A page row whose index id is not its article's (rowids renumbered by a VACUUM without a
        rebuild of the index) is left out."""
        a = schema.articles
        limit, offset = self._page_bounds(limit, offset)
        index = table("articles_fts", column("rowid"), column("id"))
        bm25: ColumnElement[Any] = literal_column("bm25(articles_fts, 0.0, 4.0, 1.0)")
        matches = text("articles_fts MATCH :match").bindparams(match=fts.fts5_query(parsed))
        conditions = self._search_conditions(conn, f)
        source = index.join(a, literal_column("articles.rowid") == index.c.rowid)
        window = self._rank_window(conn, source, index, matches, conditions, limit + offset)
        if conditions:
            ranked = (select(index.c.rowid, a.c.id, (-bm25).label("score")).select_from(source)
                      .where(matches, index.c.rowid >= window, *conditions).order_by(bm25, a.c.id))
            hits = [tuple(h) for h in conn.execute(ranked.limit(limit).offset(offset)).all()]
        else:
            hits = self._ranked_unfiltered(conn, index, matches, bm25, window, limit, offset)
        if offset == 0 and len(hits) < limit:
            total = len(hits)
        else:
            counted: Any = source if conditions else index
            counting = select(func.count()).select_from(counted).where(matches, *conditions)
            total = int(conn.execute(counting).scalar_one())
        if not hits:
            return [], total
        # the index's own id of each page row, from its content table (the first column only)
        content = table("articles_fts_content", column("id"), column("c0"))
        own = dict(conn.execute(select(content.c.id, content.c.c0).where(content.c.id.in_([h[0] for h in hits])))
                   .tuples().all())
        hits = [h for h in hits if own.get(h[0]) == h[1]]
        columns = [a.c[c] for c in ARTICLE_SUMMARY_COLUMNS] + [a.c.text]
        summaries = {r["id"]: r for r in conn.execute(select(*columns).where(a.c.id.in_([h[1] for h in hits])))
                     .mappings()}
        snippets = {rowid: fts.quick_snippet(summaries[i]["text"], parsed)
                    for rowid, i, _ in hits if i in summaries}
        unplaced = [rowid for rowid, marked in snippets.items() if marked is None]
        if unplaced:  # a match only in the title, or stems the quick search missed: FTS5's snippet
            marks = f"'{fts.HIGHLIGHT_START}', '{fts.HIGHLIGHT_END}'"
            snippet: ColumnElement[Any] = literal_column(f"snippet(articles_fts, 2, {marks}, '…', 32)")
            snippets.update(conn.execute(select(index.c.rowid, snippet).select_from(index).where(
                matches, index.c.rowid.in_(unplaced))).tuples().all())
        rows = [dict(summaries[i]) | {"score": score, "snippet": snippets.get(rowid)}
                for rowid, i, score in hits if i in summaries]
        return rows, total

    @staticmethod
    def _ranked_unfiltered(conn: Connection, index: Any, matches: Any, bm25: ColumnElement[Any], window: int,
                           limit: int, offset: int, target: Any = None) -> list[tuple[Any, ...]]:
        """The page of (rowid, article id, score) in the order `bm25, articles.id`, reading
        article ids only for the matches that can be on the page: every match in the window is
        scored from the index alone, and those scoring at least the page's last (ties
        included) get their id from `articles` by rowid."""
        a = schema.articles if target is None else target
        scored: list[tuple[int, float]] = [
            (int(r), float(sc)) for r, sc in conn.execute(select(index.c.rowid, (-bm25).label("score"))
                                                          .select_from(index).where(matches, index.c.rowid >= window))]
        if len(scored) <= offset:
            return []
        scored.sort(key=lambda r: -r[1])
        floor = scored[min(len(scored), offset + limit) - 1][1]
        candidates = {r: sc for r, sc in scored if sc >= floor}
        ids: dict[int, str] = {}
        stored: ColumnElement[Any] = literal_column(f"{a.name}.rowid")
        rowids = sorted(candidates)
        for i in range(0, len(rowids), 500):
            chunk = rowids[i:i + 500]
            ids.update((int(r), str(x)) for r, x in conn.execute(select(stored, a.c.id).where(stored.in_(chunk))))
        page = sorted(((r, ids[r], sc) for r, sc in candidates.items() if r in ids), key=lambda h: (-h[2], h[1]))
        return page[offset:offset + limit]

    def _rank_window(self, conn: Connection, source: Any, index: Any, matches: Any, conditions: Sequence[Any],
                     depth: int) -> int:
        """The lowest rowid worth ranking: BM25 reads every match's positions, so a word found in
        tens of thousands of articles would cost seconds. Only the `limits.max_ranked` (or
        page-depth) most recently stored matches (of those the filters keep) are ranked: FTS5
        walks its rowids newest first without ranking. The total still counts every match."""
        cap = max(self.limits.max_ranked, depth)
        newest: Any = select(index.c.rowid).select_from(source if conditions else index).where(matches, *conditions)
        found = conn.execute(newest.order_by(index.c.rowid.desc()).limit(1).offset(cap - 1)).scalar()
        return int(found or 0)

    def _search_postgres(self, conn: Connection, websearch: str, f: Filters, limit: int, offset: int
                         ) -> tuple[list[Any], int]:
        """Ranked like SQLite's, within a window: ts_rank reads every match's vector, so only the
        `limits.max_ranked` (or page-depth) most recently published matches (of those the
        filters keep) are ranked; PostgreSQL keeps no storage order to take the newest stored
        ones by. The total still counts every match."""
        a = schema.articles
        limit, offset = self._page_bounds(limit, offset)
        english: ColumnElement[Any] = literal_column("'english'::regconfig")
        vector: ColumnElement[Any] = literal_column("articles.search_vector")
        tsq = func.websearch_to_tsquery(english, bindparam("q", websearch))
        where = [vector.op("@@")(tsq), *self._search_conditions(conn, f)]
        cap = max(self.limits.max_ranked, limit + offset)
        window = (select(a.c.id).where(*where)
                  .order_by(a.c.published_start.desc().nulls_last(), a.c.id.desc()).limit(cap).subquery())
        score: ColumnElement[Any] = func.ts_rank(vector, tsq)
        ranked = (select(a.c.id, score.label("score")).where(a.c.id.in_(select(window.c.id)))
                  .order_by(score.desc(), a.c.id).limit(limit).offset(offset))
        hits = conn.execute(ranked).all()
        if offset == 0 and len(hits) < limit:
            total = len(hits)
        else:
            total = int(conn.execute(select(func.count()).select_from(a).where(*where)).scalar_one())
        if not hits:
            return [], total
        options = f"StartSel={fts.HIGHLIGHT_START}, StopSel={fts.HIGHLIGHT_END}, MaxWords=40, MinWords=15"
        snippet: ColumnElement[Any] = func.ts_headline(english, a.c.text, tsq, options)
        columns = [a.c[c] for c in ARTICLE_SUMMARY_COLUMNS]
        found = {r["id"]: r for r in conn.execute(select(*columns, snippet.label("snippet"))
                                                   .where(a.c.id.in_([h[0] for h in hits]))).mappings()}
        return [dict(found[i]) | {"score": score_} for i, score_ in hits if i in found], total

    def search_facts(self, kind: str, query: str, f: Filters, limit: int = 20, offset: int = 0) -> Page:
        """Full-text search of quotes (what was said, and the speaker's names) or claims (the
        number as written, unit, what it counts, qualifier, who claims it), best match first
        (then id): export records plus `score`, `snippet` and `highlights` as for articles.
        Filters as for `quotes` / `claims`; the same rank window as article search. E802 for
        another kind or a query without a word."""
        if kind not in fact_search.KINDS:
            raise ServeError(Code.E802, f"kind={kind!r} is not one of articles, {', '.join(fact_search.KINDS)}")
        parsed = fts.parse_query(query)
        if parsed.empty:
            raise ServeError(Code.E802, f"q={query!r} has no word to search for")
        tbl = schema.quotes if kind == "quotes" else schema.claims
        limit, offset = self._page_bounds(limit, offset)
        with self.read() as conn:
            party, when = ("speaker", "said_on") if kind == "quotes" else ("attributed_to", "as_of")
            conditions = self._fact_conditions(conn, tbl, f, party, when)
            source: Any = tbl.join(schema.articles, schema.articles.c.id == tbl.c.article_id) \
                if self._on_article(f) else tbl
            if conn.dialect.name == "sqlite":
                hits, total = self._facts_sqlite(conn, kind, fts.fts5_query(parsed), source, conditions, limit, offset)
            else:
                hits, total = self._facts_postgres(conn, kind, fts.websearch_query(parsed), source, conditions,
                                                   limit, offset)
            found = dict(conn.execute(select(tbl.c.id, tbl.c.record).where(tbl.c.id.in_([h[0] for h in hits])))
                         .tuples().all()) if hits else {}
            shown = [(found[i], score, snippet) for i, score, snippet in hits if i in found]
            if kind == "quotes":
                records = [quote_record(Quote.model_validate(r)) for r, _, _ in shown]
            else:
                records = self._claim_records(conn, [r for r, _, _ in shown])
        items = []
        for record, (_, score, marked) in zip(records, shown, strict=True):
            snippet, spans = fts.split_highlights(marked or "")
            items.append(record | {"score": round(float(score), 4), "snippet": snippet,
                                   "highlights": [list(x) for x in spans]})
        return Page(items, total, limit, offset)

    def _facts_sqlite(self, conn: Connection, kind: str, match: str, source: Any, conditions: list[Any],
                      limit: int, offset: int) -> tuple[list[tuple[str, float, str | None]], int]:
        """(id, score, marked snippet) of the page, and the total: FTS5 ranks within the rank
        window, the record's own id (by rowid) breaks ties, the index's id checks the page."""
        name = f"{kind}_fts"
        tbl = schema.quotes if kind == "quotes" else schema.claims
        index = table(name, column("rowid"), column("id"))
        bm25: ColumnElement[Any] = literal_column(f"bm25({name})")
        matches = text(f"{name} MATCH :match").bindparams(match=match)
        joined = source.join(index, literal_column(f"{kind}.rowid") == index.c.rowid)
        window = self._rank_window(conn, joined, index, matches, conditions, limit + offset)
        if conditions:
            ranked = (select(index.c.rowid, tbl.c.id, (-bm25).label("score")).select_from(joined)
                      .where(matches, index.c.rowid >= window, *conditions).order_by(bm25, tbl.c.id))
            hits = [tuple(h) for h in conn.execute(ranked.limit(limit).offset(offset)).all()]
        else:
            hits = self._ranked_unfiltered(conn, index, matches, bm25, window, limit, offset, tbl)
        if offset == 0 and len(hits) < limit:
            total = len(hits)
        else:
            counted: Any = joined if conditions else index  # every match, without a join when no filter
            total = int(conn.execute(select(func.count()).select_from(counted).where(matches, *conditions))
                        .scalar_one())
        if not hits:
            return [], total
        marks = f"'{fts.HIGHLIGHT_START}', '{fts.HIGHLIGHT_END}'"
        snippet: ColumnElement[Any] = literal_column(f"snippet({name}, 1, {marks}, '…', 40)")
        own = {rowid: (i, marked) for rowid, i, marked in conn.execute(
            select(index.c.rowid, index.c.id, snippet).select_from(index)
            .where(matches, index.c.rowid.in_([h[0] for h in hits]))).tuples()}
        return [(i, score, own[rowid][1]) for rowid, i, score in hits if own.get(rowid, (None,))[0] == i], total

    def _facts_postgres(self, conn: Connection, kind: str, websearch: str, source: Any, conditions: list[Any],
                        limit: int, offset: int) -> tuple[list[tuple[str, float, str | None]], int]:
        """As `_search_postgres`: ranked within the `limits.max_ranked` matches of the most
        recently published articles."""
        tbl, a = (schema.quotes if kind == "quotes" else schema.claims), schema.articles
        english: ColumnElement[Any] = literal_column("'english'::regconfig")
        vector: ColumnElement[Any] = literal_column(f"{kind}.search_vector")
        tsq = func.websearch_to_tsquery(english, bindparam("q", websearch))
        where = [vector.op("@@")(tsq), *conditions]
        cap = max(self.limits.max_ranked, limit + offset)
        dated = source if source is not tbl else tbl.join(a, a.c.id == tbl.c.article_id)
        window = (select(tbl.c.id).select_from(dated).where(*where)
                  .order_by(a.c.published_start.desc().nulls_last(), tbl.c.id.desc()).limit(cap).subquery())
        score: ColumnElement[Any] = func.ts_rank(vector, tsq)
        body: ColumnElement[Any] = literal_column(fact_search.pg_body(kind))
        options = f"StartSel={fts.HIGHLIGHT_START}, StopSel={fts.HIGHLIGHT_END}, MaxWords=40, MinWords=15"
        ranked = (select(tbl.c.id, score.label("score"), func.ts_headline(english, body, tsq, options))
                  .where(tbl.c.id.in_(select(window.c.id))).order_by(score.desc(), tbl.c.id))
        hits = [(str(i), float(sc), m) for i, sc, m in conn.execute(ranked.limit(limit).offset(offset)).tuples()]
        if offset == 0 and len(hits) < limit:
            total = len(hits)
        else:
            total = int(conn.execute(select(func.count()).select_from(source).where(*where)).scalar_one())
        return hits, total

    # ----------------------------------------------------------------- for the web UI's pages

    def event_dates(self, f: Filters) -> list[tuple[str, str, str]]:
        """(date_start, date_end, event type) of every dated event matching `f`, in date order:
        three indexed columns, from which the timeline page picks its window, counts the events
        outside it and draws a crowded window as counts. E808 over `limits.max_graph_events`."""
        t = schema.events
        with self.read() as conn:
            where = and_(t.c.date_start.is_not(None), t.c.date_end.is_not(None), *self._event_conditions(conn, f))
            query = select(t.c.date_start, t.c.date_end, t.c.event).where(where).order_by(t.c.date_start, t.c.id)
            rows = list(conn.execute(query.limit(self.limits.max_graph_events + 1)).tuples())
        if len(rows) > self.limits.max_graph_events:
            raise ServeError(Code.E808, "a timeline of more events", self.limits.max_graph_events)
        return [(str(s), str(e), str(k)) for s, e, k in rows]

    def undated_events(self, f: Filters, limit: int = 50, offset: int = 0) -> Page:
        """The events matching `f` (date filters aside) that have no date, by id."""
        t = schema.events
        with self.read() as conn:
            where = and_(t.c.date_start.is_(None), *self._event_conditions(conn, f))
            rows, total = self._page(conn, select(t.c.record).where(where).order_by(t.c.id), limit, offset)
            events = complete(conn, [Event.model_validate(r["record"]) for r in rows])
        return Page([event_record(e) for e in events], total, limit, offset)

    def entity_names(self, ids: Sequence[str]) -> dict[str, str]:
        """{entity id: canonical name} of those of `ids` that are entities (the organisation of
        a role is an entity id or a name as written: the entity page prints names)."""
        e = schema.entities
        wanted = sorted({i for i in ids if i})[: self.limits.max_limit]
        if not wanted:
            return {}
        with self.read() as conn:
            return {str(i): str(n) for i, n in conn.execute(select(e.c.id, e.c.name).where(e.c.id.in_(wanted))).all()}

    # ----------------------------------------------------------------- facets

    def generation(self, conn: Connection) -> str | None:
        """A value that changes whenever the store is written to (None: unknown, don't cache):
        for a SQLite file the size and modification time of the file and its write-ahead log
        (every commit appends to the log, a checkpoint rewrites the file); on PostgreSQL the
        server's current WAL position (any write moves it)."""
        if conn.dialect.name == "sqlite":
            path = self.store.engine.url.database
            if not path or path == ":memory:":
                return None
            stamps = []
            for name in (path, path + "-wal"):
                try:
                    st = os.stat(name)
                except OSError:
                    stamps.append("-")
                else:
                    stamps.append(f"{st.st_mtime_ns}:{st.st_size}")
            return "|".join(stamps)
        lsn = conn.execute(text("SELECT CASE WHEN pg_is_in_recovery() THEN NULL "
                                "ELSE pg_current_wal_lsn()::text END")).scalar()
        return None if lsn is None else str(lsn)  # a standby: don't cache

    def facets(self) -> dict[str, Any]:
        """What filters can take: `outlets` [{outlet, articles}], `event_types` [{event, events}],
        `flags` [{type, articles}], `entity_types` [{type, entities}], and `counts` of every
        record kind. Read once per store generation (see `generation`): every page with filter
        menus asks, and counting 100,000 events for each would be most of their time."""
        with self.read() as conn:
            stamp = self.generation(conn)
            cached = self._facets
            if stamp is not None and cached is not None and cached[0] == stamp:
                return copy.deepcopy(cached[1])
            value = self._read_facets(conn)
        if stamp is not None:
            self._facets = (stamp, copy.deepcopy(value))
        return value

    def _read_facets(self, conn: Connection) -> dict[str, Any]:
        a, t, e = schema.articles, schema.events, schema.entities
        outlets = conn.execute(select(a.c.outlet, func.count()).where(a.c.outlet.is_not(None))
                               .group_by(a.c.outlet).order_by(func.count().desc(), a.c.outlet)).all()
        types = conn.execute(select(t.c.event, func.count()).group_by(t.c.event).order_by(t.c.event)).all()
        entity_types = conn.execute(select(e.c.type, func.count()).group_by(e.c.type).order_by(e.c.type)).all()
        flags = self._flag_counts(conn)
        counts = {name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
                  for name, table in (("articles", a), ("entities", e), ("events", t),
                                      ("quotes", schema.quotes), ("claims", schema.claims))}
        return {"outlets": [{"outlet": o, "articles": n} for o, n in outlets],
                "event_types": [{"event": k, "events": n} for k, n in types],
                "entity_types": [{"type": k, "entities": n} for k, n in entity_types],
                "flags": flags, "counts": counts}

    def _flag_counts(self, conn: Connection) -> list[dict[str, Any]]:
        if conn.dialect.name == "sqlite":
            sql = ("SELECT json_extract(f.value, '$.type') AS type, count(DISTINCT articles.id) FROM articles, "
                   "json_each(articles.flags) AS f GROUP BY 1 ORDER BY 1")
        else:
            sql = ("SELECT f ->> 'type' AS type, count(DISTINCT articles.id) FROM articles, "
                   "json_array_elements(articles.flags) AS f GROUP BY 1 ORDER BY 1")
        return [{"type": k, "articles": n} for k, n in conn.execute(text(sql)).all() if k]


def _source_order(summary: dict[str, Any]) -> tuple[bool, str, str]:
    return summary["date"] is None, summary["date"] or "", summary["id"]


def _node_id(key: str) -> str:
    """A network node's id: the entity id, or `name:` + the keyed name (as the GEXF export)."""
    return "name:" + key[2:] if key.startswith("t:") else key


def _quad_of(kind: str) -> int:
    from storyline.extract.events.lexicon import load_lexicon

    return load_lexicon().quad.get(kind, 0)


def _chunked(items: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


__all__ = ["Filters", "Limits", "Page", "Queries", "article_summary", "evidence_in_context", "parse_date",
           "timeline_item"]
