"""A much-reported event's independent sources, kept as reports arrive (`event_sources`), count
the same as counting them afresh, in whatever order copies, originals and flags arrive."""

from __future__ import annotations

import random

from sqlalchemy import create_engine, func, select

from storyline.model import Flag
from storyline.resolve import event_sources
from storyline.resolve.event_sources import Tally, count, note, reset


def _flags(rng: random.Random, n: int) -> dict[str, list[Flag]]:
    """Articles a0..a<n-1>: some copies or spun rewrites of earlier (or not reporting) ones,
    some machine-translated or misdated."""
    out: dict[str, list[Flag]] = {}
    for i in range(n):
        flags = []
        if i and rng.random() < 0.4:
            related = [f"a{rng.randrange(i)}", *(["x"] if rng.random() < 0.2 else [])]
            flags.append(Flag(type=rng.choice(["near_duplicate", "spun"]), related=related))
        if rng.random() < 0.15:
            flags.append(Flag(type=rng.choice(["machine_translated", "date_conflict"])))
        out[f"a{i}"] = flags
    return out


def test_kept_sources_match_a_fresh_count_in_any_order() -> None:
    engine = create_engine("sqlite://")
    for seed in range(40):
        rng = random.Random(seed)
        flags = _flags(rng, rng.randrange(2, 30))
        order = list(flags)
        rng.shuffle(order)
        with engine.begin() as conn:
            event_sources.ensure(conn)
            first = rng.randrange(1, len(order) + 1)
            tally = reset(conn, "E", order[:first], flags)
            for article in order[first:]:
                tally = note(conn, "E", article, flags[article])
            assert tally == count(order, flags), seed
            assert event_sources.stored(conn, "E") == tally
            event_sources.forget(conn, ["E"])


def test_flags_added_later_are_noted() -> None:
    """A stored report found to be a copy of another (its original arrived later) or misdated."""
    engine = create_engine("sqlite://")
    before = {"a": [], "b": [], "c": [Flag(type="machine_translated")]}
    after = {"a": [], "b": [Flag(type="near_duplicate", related=["a"])], "c": [Flag(type="machine_translated")]}
    with engine.begin() as conn:
        event_sources.ensure(conn)
        assert reset(conn, "E", ["a", "b", "c"], before) == Tally(sources=3, confirming=2, trusted=2)
        assert note(conn, "E", "b", after["b"]) == count(["a", "b", "c"], after) == Tally(2, 1, 1)
        after["a"] = [Flag(type="date_conflict")]
        assert note(conn, "E", "a", after["a"]) == count(["a", "b", "c"], after) == Tally(2, 0, 0)


def test_a_report_noted_twice_counts_once() -> None:
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        event_sources.ensure(conn)
        reset(conn, "E", ["a"], {})
        assert note(conn, "E", "b", []) == note(conn, "E", "b", []) == Tally(2, 2, 2)
        rows = event_sources.event_sources
        assert conn.execute(select(func.count()).select_from(rows)).scalar() == 2


def test_an_original_arriving_after_its_copies_joins_their_group() -> None:
    engine = create_engine("sqlite://")
    copy = [Flag(type="near_duplicate", related=["orig"])]
    with engine.begin() as conn:
        event_sources.ensure(conn)
        reset(conn, "E", ["c1", "c2", "other"], {"c1": copy, "c2": copy})
        assert event_sources.stored(conn, "E") == Tally(3, 1, 1)
        assert note(conn, "E", "orig", []) == Tally(2, 2, 2)
        links = event_sources.event_source_links
        assert conn.execute(select(func.count()).select_from(links)).scalar() == 0, "the links are resolved"
