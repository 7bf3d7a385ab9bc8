"""A much-reported event keeps a bounded stored record (the first articles, evidence spans and
parties), and every reader still sees all its articles and evidence, and the same confidence
and independent sources as if nothing had been cut (our own texts)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from storyline import Storyline
from storyline.model import Party
from storyline.resolve import events
from storyline.store import schema
from tests.resolve.test_events_join import ev
from tests.resolve.test_events_sources import _event_scores, _events, _export, _write

MET = "A US delegation met senior Taliban representatives in Doha on Saturday, officials said."
HELD = "Taliban envoys held talks with American officials in the Qatari capital Doha on October 9."
FILLER = [
    "Wheat prices rose for a third week in markets across the region.",
    "The city council approved a new budget for road repairs after a long debate.",
    "A heavy storm closed two mountain passes and stranded dozens of trucks overnight.",
    "The national football team named a new coach after a poor season.",
    "Teachers in several provinces said they had not been paid since the summer.",
    "A small earthquake shook the border area without causing damage, seismologists said.",
    "Doctors warned of a rise in measles cases among children in crowded camps.",
    "The central bank held an auction of foreign currency to steady the exchange rate.",
    "Farmers complained that a drought had halved their harvest of apricots.",
    "A new bus line will link the airport with the old city from next month.",
    "The museum reopened its galleries of ancient coins after a long restoration.",
    "Exports of dried fruit grew by a fifth, the chamber of commerce said.",
    "A bridge over the river was repaired with help from local volunteers.",
    "Power cuts in the capital lasted up to ten hours a day during the cold spell.",
    "The university admitted its largest class of engineering students this year.",
]


def _report(n: int, published: str) -> dict[str, str]:
    filler = " ".join(FILLER[(2 * n + i) % len(FILLER)] for i in range(3))
    return {"id": f"r{n}", "published": published, "text": f"{MET if n % 2 else HELD} {filler}"}


def _batches() -> list[list[dict[str, str]]]:
    original = _report(3, "2021-10-11")
    original["text"] += (" Shopkeepers in the old bazaar said trade had slowed since the spring."
                         " A court postponed the trial of two former mayors until the new year.")
    copy = {"id": "c3", "published": "2021-10-12",
            "text": original["text"] + " The talks were expected to continue the next day."}
    return [[_report(0, "2021-10-10"), _report(1, "2021-10-10")],
            [_report(2, "2021-10-11"), original, _report(5, "2021-10-11")],
            [_report(4, "2021-10-12"), copy]]


def _run(db: Path, tmp_path: Path, copy_first: bool = False) -> list[dict[str, Any]]:
    batches = _batches()
    if copy_first:  # the copy stored before its original: flagged only when the original arrives
        copy, original = batches[2].pop(), batches[1].pop(1)
        batches[0].append(copy)
        batches[2].append(original)
    with Storyline(db, progress=False) as sl:
        for n, batch in enumerate(batches):
            sl.run([_write(tmp_path / f"{db.stem}-{n}.jsonl", batch)])
        return _export(sl, tmp_path)


def _evidence(records: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    return {(e["event"], tuple(sorted(e["articles"])), tuple(sorted((v["article"], v["start"]) for v in e["evidence"])))
            for e in _events(records)}


def test_cut_records_read_back_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = _run(tmp_path / "whole.db", tmp_path)
    monkeypatch.setattr(events, "ARTICLES_KEPT", 3)
    monkeypatch.setattr(events, "EVIDENCE_KEPT", 3)
    cut = _run(tmp_path / "cut.db", tmp_path)
    copies = {r["id"] for r in cut if r["kind"] == "article" and any(f["type"] == "near_duplicate" for f in r["flags"])}
    assert copies == {"c3"}
    meeting = max(_events(cut, "CONSULT"), key=lambda e: len(e["articles"]))
    assert sorted(meeting["articles"]) == ["c3", "r0", "r1", "r2", "r3", "r4", "r5"]
    assert {v["article"] for v in meeting["evidence"]} == set(meeting["articles"])
    assert meeting["independent_sources"] == 6, "the copy counts with its original, beyond the cut"
    assert _event_scores(cut) == _event_scores(whole)
    assert _evidence(cut) == _evidence(whole)
    with Storyline(tmp_path / "cut.db", progress=False) as sl, sl.store.engine.connect() as conn:
        stored = conn.execute(select(schema.events.c.record).where(schema.events.c.id == meeting["id"])).scalar()
    assert len(stored["articles"]) == 3 and len(stored["evidence"]) == 3


def test_a_copy_stored_first_counts_the_same_when_cut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The kept grouping of a cut event (`event_sources`) takes the copy alone, then joins it to
    its original when that arrives and the copy's flags change."""
    whole = _run(tmp_path / "whole.db", tmp_path, copy_first=True)
    monkeypatch.setattr(events, "ARTICLES_KEPT", 3)
    monkeypatch.setattr(events, "EVIDENCE_KEPT", 3)
    cut = _run(tmp_path / "cut.db", tmp_path, copy_first=True)
    meeting = max(_events(cut, "CONSULT"), key=lambda e: len(e["articles"]))
    assert sorted(meeting["articles"]) == ["c3", "r0", "r1", "r2", "r3", "r4", "r5"]
    assert meeting["independent_sources"] == 6
    assert _event_scores(cut) == _event_scores(whole) == _event_scores(_run(tmp_path / "late.db", tmp_path))


def test_parties_are_kept_up_to_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(events, "PARTIES_KEPT", 2)
    first = ev("a", actor="Taliban", recipient="Qatar")
    spelled = [Party(entity_text=name) for name in ("Talibans", "Taleban", "Taliban movement")]
    joined = first
    for n, party in enumerate(spelled):
        joined = events.join(joined, ev(f"b{n}").model_copy(update={"actor": [party]}))
    assert [p.entity_text for p in joined.actor] == ["Taliban", "Talibans"]
    assert events.join(first, ev("c", actor="Taliban")).actor == first.actor, "the same key adds nothing"
