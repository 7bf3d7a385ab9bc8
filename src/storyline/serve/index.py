"""The event-party index: which actors take part in which events, for indexed actor filters.

Events keep their parties inside the JSON `record`; filtering 100,000 events by actor needs a
real index. `event_parties` has one row per (party key, event, role) with the event's type and
dates copied in, so "events of the Taliban between two dates, in date order" is one index range
scan. A party's keys are its entity id, `t:` + the name key of its text and of its canonical
name, and `c:` + its country or sector code.

The table is created (and filled from the stored events) by a store migration, and kept up by
the `event_index` corpus step, which runs after the `events` step and re-indexes the events the
batch's articles report.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Column, Connection, Index, MetaData, String, Table, delete, insert, select

from storyline.resolve.names import name_key
from storyline.store import Store, schema

log = logging.getLogger(__name__)

metadata = MetaData()

event_parties = Table(
    "event_parties",
    metadata,
    Column("key", String(255), primary_key=True),
    Column("event_id", String(64), primary_key=True),
    Column("role", String(16), primary_key=True),  # actor | recipient
    Column("event", String(16), nullable=False),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
)

Index("ix_event_parties_key_date", event_parties.c.key, event_parties.c.date_start, event_parties.c.event_id)
Index("ix_event_parties_event", event_parties.c.event_id)

# Indexes the API's orders and filters use on tables of the core schema.
EXTRA_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_events_type_date ON events (event, date_start, id)",
    "CREATE INDEX IF NOT EXISTS ix_events_date_id ON events (date_start, id)",
    "CREATE INDEX IF NOT EXISTS ix_articles_published_id ON articles (published_start, id)",
    "CREATE INDEX IF NOT EXISTS ix_entities_mentions ON entities (mentions, name)",
    "CREATE INDEX IF NOT EXISTS ix_event_articles_article ON event_articles (article_id)",
)


def party_keys(party: dict[str, Any]) -> set[str]:
    """The keys an actor filter finds this party (a `Party` as JSON) by."""
    keys = {"t:" + name_key(party.get("entity_text") or "")}
    if party.get("identifier_id"):
        keys.add(str(party["identifier_id"]))
    if party.get("identifier_text"):
        keys.add("t:" + name_key(str(party["identifier_text"])))
    if party.get("code"):
        keys.add("c:" + str(party["code"]).upper())
    keys.discard("t:")
    return keys


def rows_of(event_id: str, record: dict[str, Any], date_start: str | None, date_end: str | None
            ) -> list[dict[str, Any]]:
    """The `event_parties` rows of one stored event."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for role in ("actor", "recipient"):
        for party in record.get(role) or []:
            for key in party_keys(party):
                rows[(key, role)] = {"key": key[:255], "event_id": event_id, "role": role,
                                     "event": record.get("event", ""), "date_start": date_start,
                                     "date_end": date_end}
    return list(rows.values())


def _chunks(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def reindex_events(conn: Connection, event_ids: Iterable[str]) -> int:
    """Replace the party rows of these events from their stored records; returns rows written."""
    t, ep = schema.events, event_parties
    written = 0
    for chunk in _chunks(sorted(set(event_ids))):
        conn.execute(delete(ep).where(ep.c.event_id.in_(chunk)))
        query = select(t.c.id, t.c.record, t.c.date_start, t.c.date_end).where(t.c.id.in_(chunk))
        rows = [row for r in conn.execute(query).all() for row in rows_of(r[0], r[1], r[2], r[3])]
        if rows:
            conn.execute(insert(ep), rows)
            written += len(rows)
    return written


def rebuild(conn: Connection, batch: int = 2000) -> int:
    """Index every stored event (the migration, a bulk load); returns rows written."""
    conn.execute(delete(event_parties))
    t = schema.events
    written, last = 0, ""
    while True:
        query = select(t.c.id, t.c.record, t.c.date_start, t.c.date_end).where(t.c.id > last).order_by(t.c.id)
        page = conn.execute(query.limit(batch)).all()
        if not page:
            return written
        rows = [row for r in page for row in rows_of(r[0], r[1], r[2], r[3])]
        if rows:
            conn.execute(insert(event_parties), rows)
            written += len(rows)
        last = page[-1][0]


def install(conn: Connection) -> None:
    """Create the index table and the API's extra indexes, and index the stored events."""
    metadata.create_all(conn, checkfirst=True)
    for ddl in EXTRA_INDEXES:
        conn.exec_driver_sql(ddl)
    rebuild(conn)


class EventIndexStep:
    """The `event_index` corpus step: re-index the events the batch's articles report, and drop
    the rows of events that no longer exist."""

    name = "event_index"
    version = "1"

    def run(self, store: Store, article_ids: list[str]) -> dict[str, int]:
        ea, ep, t = schema.event_articles, event_parties, schema.events
        with store.transaction() as conn:
            event_ids: set[str] = set()
            for chunk in _chunks(article_ids):
                event_ids.update(conn.execute(select(ea.c.event_id).where(ea.c.article_id.in_(chunk))).scalars())
            written = reindex_events(conn, event_ids)
            gone = select(t.c.id).where(t.c.id == ep.c.event_id).exists()
            dropped = conn.execute(delete(ep).where(~gone)).rowcount
        log.debug("event_index: %d rows for %d events, %d dropped", written, len(event_ids), dropped)
        return {"event_index_rows": written}
