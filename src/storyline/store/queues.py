"""Work handed from one corpus step run to a later one: a queue is a table of ids, its one
column the primary key (`events.event_index_queue`: events to index again;
`events.event_rejoin_queue`, `claims.claim_relink_queue`: re-dated pages to join and link again).

A reader removes only the ids it read, so an id queued by a concurrent transaction after the
read is kept for the next run.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Column, Connection, Table, delete, insert, inspect, select

from storyline.store.store import _chunks


def _key(queue: Table) -> Column[str]:
    (column,) = queue.primary_key.columns
    return column


def enqueue(conn: Connection, queue: Table, ids: Iterable[str], *, create: bool = False) -> None:
    """Put these ids on the queue (once each); `create`: make the table first if it is missing."""
    if create:
        queue.create(conn, checkfirst=True)
    key, ordered = _key(queue), sorted(set(ids))
    for chunk in _chunks(ordered, 500):
        conn.execute(delete(queue).where(key.in_(chunk)))
    for chunk in _chunks(ordered, 1000):
        conn.execute(insert(queue), [{key.name: i} for i in chunk])


def queued(conn: Connection, queue: Table) -> list[str]:
    """The ids on the queue, in order (none when the table was never created)."""
    if not inspect(conn).has_table(queue.name):
        return []
    key = _key(queue)
    return [str(i) for i in conn.execute(select(key).order_by(key)).scalars()]


def forget(conn: Connection, queue: Table, ids: list[str]) -> None:
    """Take these ids off the queue."""
    key = _key(queue)
    for chunk in _chunks(ids, 500):
        conn.execute(delete(queue).where(key.in_(chunk)))


def take(conn: Connection, queue: Table) -> list[str]:
    """The ids on the queue, taken off it."""
    ids = queued(conn, queue)
    forget(conn, queue, ids)
    return ids
