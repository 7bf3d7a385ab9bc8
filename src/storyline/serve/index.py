"""The event-party index: which actors take part in which events, for indexed actor filters.

Events keep their parties inside the JSON `record`; filtering 100,000 events by actor needs a
real index. `event_parties` has one row per (party key, event) with the event's type and dates
copied in, so "events of the Taliban between two dates, in date order, page 3" is one range scan
of one covering index, and its total one index count.

A party has one key, so an actor is found under one key however it was written: its entity id
(the party's resolved `identifier_id`, else the entity whose name or spelling its text has,
looked up in `entity_keys`), else `t:` + the name key of its text. A party with a country or
sector code also has the row `c:` + code. `day` is the event's first day, or `9999-12-31` when
undated, so date order puts undated events last on every backend.

The table is created (and filled from the stored events) by store migrations, and kept up by
the `event_index` corpus step, which runs after the `events` step and re-indexes the events that
step hands over (`event_index_queue`): those it created, joined, rebuilt or deleted.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Column, Connection, Index, MetaData, String, Table, delete, insert, inspect, select

from storyline.resolve.names import name_key
from storyline.store import Store, queues, schema

log = logging.getLogger(__name__)

UNDATED = "9999-12-31"

metadata = MetaData()

event_parties = Table(
    "event_parties",
    metadata,
    Column("key", String(255), primary_key=True),
    Column("event_id", String(64), primary_key=True),
    Column("role", String(16), nullable=False),  # actor | recipient | both
    Column("event", String(16), nullable=False),
    Column("day", String(10), nullable=False),  # date_start, or UNDATED
    Column("date_start", String(10)),
    Column("date_end", String(10)),
)

# covering: the page (key, day order), the date window (day, date_end) and the type, index-only
Index("ix_event_parties_key_day", event_parties.c.key, event_parties.c.day, event_parties.c.event_id,
      event_parties.c.date_end, event_parties.c.event)
# by event: `ix_event_parties_pairs (event_id, role, key, event)` (EXTRA_INDEXES)

# Indexes the API's orders and filters use on tables of the core schema.
EXTRA_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_events_type_date ON events (event, date_start, id)",
    "CREATE INDEX IF NOT EXISTS ix_events_date_id ON events (date_start, id)",
    "CREATE INDEX IF NOT EXISTS ix_events_window ON events (date_start, date_end, event)",
    "CREATE INDEX IF NOT EXISTS ix_articles_published_id ON articles (published_start, id)",
    "CREATE INDEX IF NOT EXISTS ix_entities_mentions ON entities (mentions, name)",
    "CREATE INDEX IF NOT EXISTS ix_event_articles_article ON event_articles (article_id)",
    "CREATE INDEX IF NOT EXISTS ix_mentions_entity_article ON mentions (entity_id, article_id)",
    "CREATE INDEX IF NOT EXISTS ix_quotes_speaker_article ON quotes (speaker_entity, article_id, id)",
    # the network: the parties of each event, index-only (a self-join on the event)
    "CREATE INDEX IF NOT EXISTS ix_event_parties_pairs ON event_parties (event_id, role, key, event)",
)


def text_key(text: str | None) -> str:
    return "t:" + name_key(text or "")


def party_key(party: dict[str, Any], entity_of: dict[str, str]) -> str:
    """The one key of a party (a `Party` as JSON): its entity, else the entity its name is a
    spelling of (`entity_of`: name key → entity id), else its name key."""
    if party.get("identifier_id"):
        return str(party["identifier_id"])
    key = name_key(party.get("entity_text") or "")
    return entity_of.get(key) or "t:" + key


def rows_of(event_id: str, record: dict[str, Any], date_start: str | None, date_end: str | None,
            entity_of: dict[str, str]) -> list[dict[str, Any]]:
    """The `event_parties` rows of one stored event."""
    roles: dict[str, str] = {}
    for role in ("actor", "recipient"):
        for party in record.get(role) or []:
            keys = {party_key(party, entity_of)}
            if party.get("code"):
                keys.add("c:" + str(party["code"]).upper())
            for key in keys - {"t:"}:
                roles[key[:255]] = role if roles.get(key[:255], role) == role else "both"
    return [{"key": key, "event_id": event_id, "role": role, "event": record.get("event", ""),
             "day": date_start or UNDATED, "date_start": date_start, "date_end": date_end}
            for key, role in roles.items()]


def entities_of_names(conn: Connection, records: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Name key → entity id for the unlinked parties of these event records (`entity_keys`)."""
    wanted = sorted({name_key(p.get("entity_text") or "") for r in records for role in ("actor", "recipient")
                     for p in r.get(role) or [] if not p.get("identifier_id")} - {""})
    k = schema.entity_keys
    out: dict[str, str] = {}
    for chunk in _chunks(wanted):
        out.update({str(a): str(b) for a, b in conn.execute(select(k.c.key, k.c.entity_id).where(k.c.key.in_(chunk)))})
    return out


def _chunks(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _index_rows(conn: Connection, rows: Sequence[Any]) -> int:
    """Write the party rows of (id, record, date_start, date_end) event rows; returns rows written."""
    entity_of = entities_of_names(conn, [r[1] for r in rows])
    out = [row for r in rows for row in rows_of(r[0], r[1], r[2], r[3], entity_of)]
    if out:
        conn.execute(insert(event_parties), out)
    return len(out)


def reindex_events(conn: Connection, event_ids: Iterable[str]) -> int:
    """Replace the party rows of these events from their stored records; returns rows written."""
    t, ep = schema.events, event_parties
    written = 0
    for chunk in _chunks(sorted(set(event_ids))):
        conn.execute(delete(ep).where(ep.c.event_id.in_(chunk)))
        query = select(t.c.id, t.c.record, t.c.date_start, t.c.date_end).where(t.c.id.in_(chunk))
        written += _index_rows(conn, conn.execute(query).all())
    return written


def rebuild(conn: Connection, batch: int = 2000) -> int:
    """Index every stored event (a migration, a bulk load); returns rows written."""
    conn.execute(delete(event_parties))
    t = schema.events
    written, last = 0, ""
    while True:
        query = select(t.c.id, t.c.record, t.c.date_start, t.c.date_end).where(t.c.id > last).order_by(t.c.id)
        page = conn.execute(query.limit(batch)).all()
        if not page:
            return written
        written += _index_rows(conn, page)
        last = page[-1][0]


# who a claim is attributed to, as an expression index (the query writes the same expression)
CLAIM_SOURCE = {
    "sqlite": "json_extract(claims.record, '$.attributed_to.identifier_id')",
    "postgresql": "(claims.record -> 'attributed_to' ->> 'identifier_id')",
}
CLAIM_SOURCE_INDEX = {
    "sqlite": "CREATE INDEX IF NOT EXISTS ix_claims_source ON claims "
              "(json_extract(record, '$.attributed_to.identifier_id'))",
    "postgresql": "CREATE INDEX IF NOT EXISTS ix_claims_source ON claims "
                  "((record -> 'attributed_to' ->> 'identifier_id'))",
}


def install(conn: Connection) -> None:
    """Create the index table (replacing an older shape of it) and the API's extra indexes, and
    index the stored events."""
    if "event_parties" in inspect(conn).get_table_names():
        if "day" in {c["name"] for c in inspect(conn).get_columns("event_parties")}:
            metadata.create_all(conn, checkfirst=True)
        else:
            conn.exec_driver_sql("DROP TABLE event_parties")
    metadata.create_all(conn, checkfirst=True)
    add_indexes(conn)
    rebuild(conn)


def add_indexes(conn: Connection) -> None:
    """Create the API's extra indexes that are missing (a migration that adds one calls this)."""
    for ddl in EXTRA_INDEXES:
        conn.exec_driver_sql(ddl)
    for dialect_indexes in (schema.ARTICLE_DATING_INDEX, CLAIM_SOURCE_INDEX):
        if conn.dialect.name in dialect_indexes:
            conn.exec_driver_sql(dialect_indexes[conn.dialect.name])


class EventIndexStep:
    """The `event_index` corpus step: re-index exactly the events the `events` step created,
    changed or deleted (its `event_index_queue`: events of the batch's articles, and events
    rebuilt or dropped because another article's mentions left them), then empty the queue."""

    name = "event_index"
    version = "2"

    def run(self, store: Store, article_ids: list[str]) -> dict[str, int]:
        from storyline.resolve.events import event_index_queue as q

        with store.transaction() as conn:
            event_ids = queues.queued(conn, q)
            if not event_ids:
                return {"event_index_rows": 0}
            written = reindex_events(conn, event_ids)
            queues.forget(conn, q, event_ids)
        log.debug("event_index: %d rows for %d events", written, len(event_ids))
        return {"event_index_rows": written}
