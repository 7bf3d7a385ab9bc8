"""Events across articles, end to end: re-processed articles leave no stale evidence, copies
confirm nothing, realistic pairs of reports are joined or kept apart (our own texts)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import select

from storyline import Storyline
from storyline.model import Flag
from storyline.resolve.event_sources import sources
from storyline.resolve.events import event_mentions, rescore
from tests.resolve.test_events_join import ev

ROOT = Path(__file__).resolve().parents[2]


def _write(path: Path, docs: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def _export(sl: Storyline, tmp_path: Path) -> list[dict[str, Any]]:
    out = tmp_path / "out.jsonl"
    sl.export(out)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def _events(records: list[dict[str, Any]], kind: str | None = None) -> list[dict[str, Any]]:
    return [r for r in records if r["kind"] == "event" and (kind is None or r["event"] == kind)]


MEETING_1 = {"id": "w1", "published": "2021-10-11",
             "text": "A US delegation met senior Taliban representatives in Doha on Saturday, officials said."}
MEETING_2 = {"id": "w2", "published": "2021-10-12",
             "text": "Taliban envoys held talks with American officials in the Qatari capital Doha on October 9."}
MEETING_NEXT_YEAR = {"id": "w3", "published": "2022-10-10",
                     "text": "A US delegation met Taliban representatives in Doha on Saturday, officials said."}
ATTACK_1 = {"id": "k1", "published": "2022-09-06",
            "text": "A suicide bomber attacked the Russian embassy in Kabul on Monday, killing two diplomats."}
ATTACK_2 = {"id": "k2", "published": "2022-09-24",
            "text": "Gunmen attacked a mosque in Kabul on Friday, killing at least seven worshippers."}


def test_realistic_pairs_join_or_stay_apart(tmp_path: Path) -> None:
    """Two differently worded reports of one meeting are one event with two evidence entries; the
    same parties meeting a year later, and two attacks in one city on different days, are not."""
    with Storyline(tmp_path / "s.db", progress=False) as sl:
        sl.run([_write(tmp_path / "in.jsonl", [MEETING_1, MEETING_2, MEETING_NEXT_YEAR, ATTACK_1, ATTACK_2])])
        records = _export(sl, tmp_path)
    meetings = _events(records, "CONSULT")
    joined = [e for e in meetings if sorted(e["articles"]) == ["w1", "w2"]]
    assert len(joined) == 1, meetings
    assert {e["article"] for e in joined[0]["evidence"]} == {"w1", "w2"}
    assert joined[0]["date"] == "2021-10-09" and joined[0]["event_loc"]["country"] == "QAT"
    assert joined[0]["independent_sources"] == 2
    assert [e for e in meetings if e["articles"] == ["w3"] and e["date"] == "2022-10-08"], "a year later: apart"
    attacks = _events(records, "ASSAULT")
    assert sorted(sorted(e["articles"]) for e in attacks if {"k1", "k2"} & set(e["articles"])) == [["k1"], ["k2"]]


def test_reprocessed_article_leaves_no_stale_events(tmp_path: Path) -> None:
    """Process, change an article, process again: its old mentions leave the joined event, an
    event only the old text told is gone, and no event cites a span of the old text."""
    db = tmp_path / "s.db"
    with Storyline(db, progress=False) as sl:
        sl.run([_write(tmp_path / "a.jsonl", [MEETING_1, MEETING_2, ATTACK_1])])
        first = _export(sl, tmp_path)
    assert any(sorted(e["articles"]) == ["w1", "w2"] for e in _events(first, "CONSULT"))
    changed = [{**MEETING_2, "text": "Protesters marched through Kabul on Sunday against the new rules."},
               {**ATTACK_1, "text": "Hundreds of women demonstrated in Kabul on Tuesday for the right to work."}]
    with Storyline(db, progress=False) as sl:
        sl.run([_write(tmp_path / "b.jsonl", changed)])
        records = _export(sl, tmp_path)
        with sl.store.engine.connect() as conn:
            mentions = conn.execute(select(event_mentions.c.article_id, event_mentions.c.record)).all()
    texts = {r["id"]: r["text"] for r in records if r["kind"] == "article"}
    events = _events(records)
    for event in events:
        for span in event["evidence"]:
            assert texts[span["article"]][span["start"]:span["end"]] == span["text"], event
        assert "Qatari" not in event["event_text"] and "embassy" not in event["event_text"]
    meeting = [e for e in _events(records, "CONSULT") if "w1" in e["articles"]]
    assert len(meeting) == 1 and meeting[0]["articles"] == ["w1"]
    assert not _events(records, "ASSAULT"), "the attack only the old text told is gone"
    assert any(e["event"] == "PROTEST" and "w2" in e["articles"] for e in events)
    for aid, record in mentions:
        assert record["evidence"][0]["text"] in texts[aid]
    with Storyline(db, progress=False) as sl:
        sl.run([_write(tmp_path / "c.jsonl", [MEETING_2, ATTACK_1])])
        back = _export(sl, tmp_path)
    key = lambda records: sorted(json.dumps(e, sort_keys=True) for e in _events(records))  # noqa: E731
    assert key(back) == key(first), "changed back: the same events as the first time"


def test_copies_count_once() -> None:
    copy = [Flag(type="near_duplicate", related=["a"])]
    groups = sources(["a", "b", "c"], {"b": copy})
    assert sorted(sorted(g) for g in groups) == [["a", "b"], ["c"]]
    joined = ev("a").model_copy(update={"articles": ["a", "b", "c"]})
    with_copy = rescore(joined, 0.6, {"b": copy})
    assert with_copy.independent_sources == 2 and with_copy.confidence == 0.7
    alone = rescore(ev("b"), 0.6, {"b": [Flag(type="machine_translated")]})
    assert alone.confidence == 0.36, "resting only on a flagged article"
    dated = rescore(ev("d"), 0.6, {"d": [Flag(type="date_conflict")]})
    assert dated.confidence < 0.6


def test_syndicated_pair_is_one_source(tmp_path: Path) -> None:
    """samples/taliban: the strike story and its syndicated copy report the same events; each
    is one record with both articles, and counts as one independent source."""
    src = tmp_path / "pair"
    src.mkdir()
    names = ("06_zawahiri_killed_in_kabul.txt", "07_zawahiri_strike_syndicated.txt")
    manifest = [line for line in (ROOT / "samples" / "taliban" / "manifest.jsonl").read_text().splitlines()
                if any(n in line for n in names)]
    for name in names:
        shutil.copy(ROOT / "samples" / "taliban" / name, src / name)
    (src / "manifest.jsonl").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    with Storyline(tmp_path / "s.db", progress=False) as sl:
        sl.run([src])
        records = _export(sl, tmp_path)
    flagged = {r["id"] for r in records if r["kind"] == "article"
               and any(f["type"] == "near_duplicate" for f in r["flags"])}
    assert flagged, "one of the pair is flagged as a copy"
    strikes = [e for e in _events(records, "ASSAULT") if e["date"] == "2022-07-31" or e["date"] == "2022-08-01"]
    both = [e for e in strikes if len(e["articles"]) == 2]
    assert both and all(e["independent_sources"] == 1 for e in both), strikes
    texts = [r["text"] for r in records if r["kind"] == "article"]
    shared = [e for e in _events(records) if all(e["event_text"] in t for t in texts)]
    assert len(shared) >= 10 and all(len(e["articles"]) == 2 for e in shared), \
        "every event of a sentence both articles print is one record with both"


def test_store_without_mention_table_is_backfilled(tmp_path: Path) -> None:
    """A store whose events were joined before `event_mentions` existed gets it filled from the
    stored events on the step's next run, so a later re-processing still finds them."""
    from sqlalchemy import func, text

    from storyline.resolve.events import EventJoiner

    with Storyline(tmp_path / "s.db", progress=False) as sl:
        sl.run([_write(tmp_path / "a.jsonl", [MEETING_1, MEETING_2])])
        with sl.store.engine.begin() as conn:
            before = conn.execute(select(func.count()).select_from(event_mentions)).scalar()
            conn.execute(text("DROP TABLE event_mentions"))
        EventJoiner().run(sl.store, [])
        with sl.store.engine.connect() as conn:
            rows = conn.execute(select(event_mentions.c.event_id, event_mentions.c.article_id)).all()
    assert before and len(rows) == before
    assert {a for _, a in rows} == {"w1", "w2"}


def _event_scores(records: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    return {(e["event"], tuple(sorted(e["articles"])), e["confidence"], e["independent_sources"])
            for e in _events(records)}


def test_a_copy_found_later_lowers_its_stored_events(tmp_path: Path) -> None:
    """A copy stored before its original: when the original arrives the copy is flagged, and the
    events resting on the copy alone are rescored then (as if both had come together)."""
    original = {"id": "o1", "published": "2022-09-06", "text": " ".join(
        [ATTACK_1["text"], "The Taliban condemned the attack and promised an investigation.",
         "Russia's foreign ministry said two of its staff were among the dead.",
         "Officials in Kabul said the bomber was shot before reaching the gate.",
         "The embassy was closed to visitors for the rest of the week.", MEETING_1["text"]])}
    copy = {"id": "c1", "published": "2022-09-07",
            "text": original["text"] + " " + ATTACK_2["text"].replace("Friday", "Sunday")}
    with Storyline(tmp_path / "late.db", progress=False) as sl:
        sl.run([_write(tmp_path / "c.jsonl", [copy])])
        alone = _event_scores(_export(sl, tmp_path))
        sl.run([_write(tmp_path / "o.jsonl", [original])])
        late = _export(sl, tmp_path)
    with Storyline(tmp_path / "together.db", progress=False) as sl:
        sl.run([_write(tmp_path / "both.jsonl", [original, copy])])
        together = _export(sl, tmp_path)
    flagged = {r["id"] for r in late
               if r["kind"] == "article" and any(f["type"] == "near_duplicate" for f in r["flags"])}
    assert flagged == {"c1"}
    only_copy = [e for e in _events(late) if e["articles"] == ["c1"]]
    assert only_copy, "the copy's own sentence has an event"
    assert _event_scores(late) == _event_scores(together)
    assert all(score[2] < next(s[2] for s in alone if s[:2] == score[:2])
               for score in _event_scores(late) if score[1] == ("c1",))
