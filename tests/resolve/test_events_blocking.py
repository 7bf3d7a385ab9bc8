"""Candidates for a join read by shared join keys (parties, sentence words) in the date window,
and a join stored incrementally exactly as a full rewrite would store it."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, select, text
from sqlalchemy import event as sqlalchemy_event

from storyline import Storyline
from storyline.model import Event
from storyline.resolve.events import (
    EventJoiner,
    Pending,
    StoredWindows,
    candidate_ids,
    candidates,
    could_join,
    event_keys,
    join,
    join_keys,
    lookup_keys,
    mentions_of,
    same_event,
)
from storyline.store import Store, schema
from tests.resolve.test_events_join import ev
from tests.resolve.test_events_sources import MEETING_1, MEETING_2
from tests.resolve.test_events_sources import _write as write_jsonl

SENTENCE = "Officials from both sides met in the capital on Saturday"


def _store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "s.db")
    EventJoiner().run(store, [])
    return store


def _write(conn: Connection, event: Event, state: str = "new", before: Event | None = None) -> None:
    """Store the event as the events step does (`Pending.flush`): `new`, `rebuilt` over its
    stored rows, or `joined` over its stored version `before`."""
    pending = Pending(conn)
    pending.put(event, state, before)
    pending.flush()


def _unchecked(store: Store) -> Connection:
    """A connection without foreign key checks: these events cite articles never stored."""
    conn = store.engine.connect()
    conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
    return conn


def _stored(conn: Connection) -> dict[str, set[str]]:
    k = event_keys
    out: dict[str, set[str]] = {}
    for eid, key in conn.execute(select(k.c.event_id, k.c.key)).all():
        out.setdefault(eid, set()).add(key)
    return out


def test_candidates_share_a_party_or_the_sentence(tmp_path: Path) -> None:
    store = _store(tmp_path)
    talks = ev("a")
    other = ev("b", actor="Russia", recipient="China")
    copy = ev("c", actor="Moscow", recipient="Beijing").model_copy(update={"event_text": SENTENCE})
    said = ev("d", actor="Paris", recipient="Rome").model_copy(update={"event_text": SENTENCE})
    with _unchecked(store) as conn:
        for event in (talks, other, copy):
            _write(conn, event)
        assert [e.id for e in candidates(conn, ev("x", actor="Taliban", recipient="United States"))] == [talks.id]
        assert candidates(conn, ev("x", actor="Taliban", recipient="Qatar")) == [], \
            "a shared party, but the stored actor is no party of the mention"
        assert candidates(conn, ev("p", actor="United States", recipient="Qatar", source="published")) == [], \
            "dated by its publication only: the recipient must be shared too"
        assert [e.id for e in candidates(conn, ev("p", source="published"))] == [talks.id]
        assert [e.id for e in candidates(conn, said)] == [copy.id], "same sentence, no shared party"
        assert candidates(conn, ev("y", actor="Chile", recipient="Peru")) == []
        assert candidates(conn, ev("z", when="2022-10-09")) == [], "outside the date window"
        assert {e.id for e in candidates(conn, ev("w").model_copy(update={"actor": [], "recipient": []}))} == {
            talks.id, other.id, copy.id}, "no key: the whole window of the type"
    store.close()


def test_wide_intervals_are_found_from_further_back(tmp_path: Path) -> None:
    """A stored year or season is a candidate of a day inside it; a stored day or month is
    looked up only around the mention's own dates."""
    store = _store(tmp_path)
    year, summer, month, before = ev("y", when="2021"), ev("s", when="2021-06"), ev("m", when="2021-10"), \
        ev("b", when="2021-08-20")
    summer = summer.model_copy(update={"when": summer.when.model_copy(update={"end": date(2021, 10, 30)})})
    with _unchecked(store) as conn:
        for event in (year, summer, month, before):
            _write(conn, event)
        assert {e.id for e in candidates(conn, ev("x", when="2021-10-09"))} == {year.id, summer.id, month.id}
        windows = StoredWindows(conn, [ev("x", when="2021-10-09")])
        assert set(windows.ids(ev("x", when="2021-10-09")) or []) == {year.id, summer.id, month.id}
    store.close()


def test_keys_never_hide_an_event_that_could_join() -> None:
    """`could_join` is a necessary condition of `same_event`: on every pair of events built from
    a few parties, roles, types and datings, a pair that joins passes it."""
    parties = ["United States", "Taliban", "Qatar", "Russia"]
    events = [ev(f"{n}", kind=kind, actor=a, recipient=r, source=source)
              for n, (kind, a, r, source) in enumerate(itertools.product(
                  ("CONSULT", "ACCUSE"), parties, [*parties, ""], ("text", "published")))]
    events = [e.model_copy(update={"recipient": []}) if e.recipient[0].entity_text == "" else e for e in events]
    joined = 0
    for a, b in itertools.product(events, events):
        if same_event(a, b):
            joined += 1
            assert could_join(a, join_keys(b) & lookup_keys(a)), (a, b)
    assert joined > 50


def test_batch_windows_give_each_mention_its_candidates(tmp_path: Path) -> None:
    store = _store(tmp_path)
    stored = [ev("a"), ev("b", actor="Russia", recipient="China"), ev("e", when="2021-03"),
              ev("c", actor="Moscow", recipient="Beijing").model_copy(update={"event_text": SENTENCE}),
              ev("f", when="2020-02-01")]
    probes = [ev("x", actor="Taliban", recipient="Qatar"), ev("y", actor="Chile", recipient="Peru"),
              ev("z", when="2022-10-09"), ev("v", when="2021-12"), ev("u", when="2020-01-30"),
              ev("d", actor="Paris", recipient="Rome").model_copy(update={"event_text": SENTENCE})]
    keyless = ev("w").model_copy(update={"actor": [], "recipient": []})
    with _unchecked(store) as conn:
        for event in stored:
            _write(conn, event)
        windows = StoredWindows(conn, [*probes, keyless])
        assert [windows.ids(p) for p in probes] == [candidate_ids(conn, p) for p in probes]
        assert any(windows.ids(p) for p in probes)
        assert windows.ids(keyless) is None, "no key: read on its own, against the whole window"
    store.close()


def test_incremental_join_stores_what_a_rewrite_stores(tmp_path: Path) -> None:
    store = _store(tmp_path)
    first = ev("a", when="2021-10")
    second = ev("b", actor="Taliban", recipient="Qatar")
    joined = join(first, second)
    with _unchecked(store) as conn:
        _write(conn, first)
        _write(conn, joined, "joined", first)
        incremental = _stored(conn)
        ea = schema.event_articles
        articles = set(conn.execute(select(ea.c.article_id).where(ea.c.event_id == first.id)).scalars())
        _write(conn, joined, "rebuilt")
        assert _stored(conn) == incremental == {first.id: join_keys(joined)}
        k = event_keys
        assert set(conn.execute(select(k.c.date_start)).scalars()) == {"2021-10-09"}, "keys moved with the date"
        assert articles == {"a", "b"}
    store.close()


def _migrated(tmp_path: Path, *statements: str) -> dict[str, set[str]]:
    """Store two reports of one meeting, run `statements` on the store (to leave it as an older
    release did) and the events step again; returns the join keys as they were first stored."""
    with Storyline(tmp_path / "s.db", progress=False) as sl:
        sl.run([write_jsonl(tmp_path / "a.jsonl", [MEETING_1, MEETING_2])])
        with sl.store.engine.begin() as conn:
            before = _stored(conn)
            for statement in statements:
                conn.execute(text(statement))
        EventJoiner().run(sl.store, [])
    return before


def test_store_without_key_table_is_backfilled(tmp_path: Path) -> None:
    before = _migrated(tmp_path, "DROP TABLE event_keys")
    with Storyline(tmp_path / "s.db", progress=False) as sl, sl.store.engine.connect() as conn:
        after = _stored(conn)
        records = conn.execute(select(schema.events.c.record)).scalars()
        events = {e.id: e for e in map(Event.model_validate, records)}
        assert any(len(mentions_of(conn, eid)) == 2 for eid in events), "the two reports were joined"
    assert before and after == before == {eid: join_keys(e) for eid, e in events.items()}


def test_store_without_key_end_dates_is_migrated(tmp_path: Path) -> None:
    _migrated(tmp_path, "DROP INDEX ix_event_keys_window", "ALTER TABLE event_keys DROP COLUMN date_end",
              "CREATE INDEX ix_event_keys_lookup ON event_keys (event, key, date_start)")
    with Storyline(tmp_path / "s.db", progress=False) as sl, sl.store.engine.connect() as conn:
        ends = dict(conn.execute(text(
            "SELECT k.event_id, k.date_end FROM event_keys k JOIN events e ON e.id = k.event_id "
            "WHERE k.date_end = e.date_end")).all())
        keyed = set(conn.execute(text("SELECT event_id FROM event_keys")).scalars())
        indexes = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'")).scalars())
    assert keyed and set(ends) == keyed, "every key row has its event's end date"
    assert "ix_event_keys_window" in indexes and "ix_event_keys_lookup" not in indexes


def test_store_with_keys_of_an_older_release_is_migrated(tmp_path: Path) -> None:
    """Join keys stored by an older release (single parties, role-tagged or not) are made
    again from the events, and the store is marked so that it happens once."""
    paired = _migrated(tmp_path, "DELETE FROM meta WHERE key = 'event_keys_scheme'",
                       "UPDATE event_keys SET key = 'R' || substr(key, 2) WHERE key LIKE 'P%'",
                       "UPDATE event_keys SET key = substr(key, 5) WHERE key LIKE 'A%'")
    with Storyline(tmp_path / "s.db", progress=False) as sl, sl.store.engine.connect() as conn:
        assert _stored(conn) == paired
        assert conn.execute(text("SELECT value FROM meta WHERE key = 'event_keys_scheme'")).scalar() == "pairs"
    assert any(k.startswith("Ptn|") for keys in paired.values() for k in keys)


def test_a_busy_party_is_read_only_beside_the_other_party(tmp_path: Path) -> None:
    """Events dated by their publication join only on a shared actor and a shared recipient, so
    the many stored events towards one country are read only where their actor is the new
    mention's: a pair key, not every event of the busy recipient."""
    store = _store(tmp_path)
    actors = ["Russia", "China", "Qatar", "Pakistan", "Iran", "India", "Turkey", "Japan"]
    busy = [ev(f"b{n}", actor=a, recipient="United States", source="published") for n, a in enumerate(actors)]
    probe = ev("x", actor="Taliban", recipient="United States", source="published")
    talks = ev("t", actor="Taliban", recipient="United States", source="published")
    with _unchecked(store) as conn:
        for event in (*busy, talks):
            _write(conn, event)
        windows = StoredWindows(conn, [probe])
        assert windows.ids(probe) == [talks.id]
        assert {i for rows in windows.by_key.values() for _, _, i in rows} == {talks.id}
    store.close()


def test_a_slice_of_mentions_reads_its_candidates_in_one_query(tmp_path: Path) -> None:
    """`read_candidates` parses the stored candidates of many mentions at once: the mentions
    then find theirs without another query on `events`."""
    store = _store(tmp_path)
    stored = [ev("a"), ev("b", actor="Russia", recipient="China"), ev("c", actor="Qatar", recipient="Taliban")]
    probes = [ev("x", actor="Taliban", recipient="United States"), ev("y", actor="Russia", recipient="China"),
              ev("z", actor="Qatar", recipient="Taliban")]
    with _unchecked(store) as conn:
        for event in stored:
            _write(conn, event)
        pending = Pending(conn)
        pending.read_windows(probes)
        reads: list[str] = []
        sqlalchemy_event.listen(conn, "before_cursor_execute", lambda *args: reads.append(args[2]))
        pending.read_candidates(probes)
        assert len([s for s in reads if "FROM events" in s]) == 1
        reads.clear()
        assert [[e.id for e in pending.candidates(p)] for p in probes] == [[s.id] for s in stored]
        assert not [s for s in reads if "FROM events" in s]
    store.close()
