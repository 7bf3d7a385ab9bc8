"""The `event_index` step keeps `event_parties` exactly what the stored events say, including
events rebuilt or dropped because another article's mentions left them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, select

from storyline import Storyline
from storyline.resolve.events import event_index_queue
from storyline.serve.index import entities_of_names, event_parties, rows_of
from storyline.store import schema
from tests.resolve.test_events_sources import MEETING_1, MEETING_2
from tests.resolve.test_events_sources import _write as write_jsonl

Row = tuple[Any, ...]


def _indexed(conn: Connection) -> set[Row]:
    ep = event_parties
    return {tuple(r) for r in conn.execute(select(ep.c.key, ep.c.event_id, ep.c.role, ep.c.event, ep.c.day,
                                                  ep.c.date_start, ep.c.date_end)).all()}


def _from_events(conn: Connection) -> set[Row]:
    """The rows a full rebuild of the index would write."""
    t = schema.events
    stored = conn.execute(select(t.c.id, t.c.record, t.c.date_start, t.c.date_end)).all()
    entity_of = entities_of_names(conn, [r.record for r in stored])
    return {tuple(row.values()) for r in stored for row in rows_of(r.id, r.record, r.date_start, r.date_end, entity_of)}


def test_event_rebuilt_by_another_articles_change_is_reindexed(store_url: str, tmp_path: Path) -> None:
    """w1 and w2 report one meeting; w2 is changed to tell something else: the meeting is
    rebuilt from w1 alone (w1 is not in the batch), and its party rows lose w2's parties."""
    with Storyline(store_url, progress=False) as sl:
        sl.run([write_jsonl(tmp_path / "a.jsonl", [MEETING_1, MEETING_2])])
        with sl.store.engine.connect() as conn:
            first = _indexed(conn)
            assert first == _from_events(conn)
            joined = {r[1] for r in first if r[1] in {str(e) for e in conn.execute(
                select(schema.event_articles.c.event_id).where(schema.event_articles.c.article_id == "w2")).scalars()}}
        assert joined, "the two reports were joined"
        changed = {**MEETING_2, "text": "Protesters marched through Kabul on Sunday against the new rules."}
        sl.run([write_jsonl(tmp_path / "b.jsonl", [changed])])
        with sl.store.engine.connect() as conn:
            after = _indexed(conn)
            assert after == _from_events(conn), "no stale rows of the rebuilt meeting"
            assert conn.execute(select(func.count()).select_from(event_index_queue)).scalar() == 0
    meeting = {r for r in first if r[1] in joined}
    assert meeting - after, "the meeting's rows changed: w2's parties left it"
