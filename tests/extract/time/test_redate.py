"""A misdated page's own dates resolved again against its inferred date (`redate`), end to end."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from storyline import Storyline
from storyline.export.records import timex_record
from storyline.extract.time.redate import anchor_for, revalued, year_only
from storyline.model import PartialDate
from tests.extract.time.helpers import process

STATED, TRUE = "2023-06-15", "2021-06-24"  # both Thursdays

TEXT = ("Envoys met in Geneva on Saturday for talks. The minister will travel to Oslo on Friday. "
        "The exchange was agreed in May and a second round is due next month. "
        "The first accord was signed in May 2020. Last week, twelve prisoners were freed.")


def _rows(result: Any) -> list[dict[str, Any]]:
    return [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value} for t in result.timexes]


def test_stored_expressions_resolved_again_as_the_stage_would_against_the_true_date(nlp: Any) -> None:
    """From the stored values alone (no parse), the same values the per-document stage gives
    against the true date: 'on Saturday' told in the past stays the last Saturday (not the
    nearest), 'will travel on Friday' the coming one, 'May 2020' written out does not move."""
    stored = _rows(process(nlp, TEXT, STATED))
    truth = {(t.start, t.end): t.value for t in process(nlp, TEXT, TRUE).timexes}
    moved = revalued(TEXT, stored, date.fromisoformat(STATED), date.fromisoformat(TRUE))
    by_text = {t["text"]: moved.get((t["start"], t["end"]), t["value"]) for t in stored}
    assert by_text == {t["text"]: truth[(t["start"], t["end"])] for t in stored}
    assert by_text["Saturday"] == "2021-06-19" and by_text["Friday"] == "2021-06-25"
    assert by_text["May"] == "2021-05" and by_text["next month"] == "2021-07" and by_text["Last week"] == "2021-W24"
    assert not [span for span in moved if TEXT[span[0]:span[1]] == "May 2020"]


def test_with_only_the_year_inferred_day_values_move_only_where_the_weekdays_allow(nlp: Any) -> None:
    stored = _rows(process(nlp, TEXT, STATED))
    stated = date.fromisoformat(STATED)

    def values(year: int) -> dict[str, str | None]:
        found = anchor_for(stated, PartialDate.year(year))
        assert found is not None and found[1]
        moved = year_only(revalued(TEXT, stored, stated, found[0]), stored, year - stated.year, TEXT)
        return {t["text"]: moved.get((t["start"], t["end"]), t["value"]) for t in stored}

    moved_2021 = values(2021)  # 2021-06-15 is a Tuesday: a Saturday moved by two years is no Saturday
    assert moved_2021["May"] == "2021-05" and moved_2021["next month"] == "2021-07"
    assert moved_2021["Saturday"] == "XXXX-WXX-6" and moved_2021["Friday"] == "XXXX-WXX-5"
    moved_2017 = values(2017)  # 2017-06-15 is a Thursday: every weekday falls as the writer counted
    assert moved_2017["Saturday"] == "2017-06-10" and moved_2017["Last week"] == "2017-W23"


def test_a_timex_record_has_a_stated_value_only_when_re_dated() -> None:
    row = {"article_id": "a", "start": 0, "end": 3, "text": "May", "type": "DATE", "value": "2021-05"}
    assert "stated_value" not in timex_record({**row, "stated_value": None})
    assert timex_record({**row, "stated_value": "2023-05"})["stated_value"] == "2023-05"


# Invented pages: four dated in 2021 about talks in Geneva on a prisoner exchange agreed in May
# 2021 (one of them counting the prisoners freed in the week of 2021-06-14), and one stated
# 2023-06-15 that narrates the same talks and counts the prisoners of the same week.
PAGES = [
    {"id": "c1", "published": "2021-06-17",
     "text": "Norwegian and Iranian envoys will meet in Geneva on Saturday for talks on the prisoner exchange "
             "the two governments agreed in May 2021, the Norwegian foreign ministry said on Wednesday."},
    {"id": "c2", "published": "2021-06-20",
     "text": "Norwegian and Iranian envoys met in Geneva on Saturday for talks on the prisoner exchange agreed in "
             "May 2021. The Norwegian foreign minister said the talks were constructive."},
    {"id": "c3", "published": "2021-07-02",
     "text": "The prisoner exchange that Norway and Iran agreed in May 2021 is expected to take place next month, "
             "officials in Oslo said."},
    {"id": "c4", "published": "2021-06-21",
     "text": "Iran has freed 9 political prisoners since last week, a Norwegian official said."},
    {"id": "m1", "published": STATED,
     "text": "Norwegian and Iranian envoys met in Geneva on Saturday for talks on the prisoner exchange the two "
             "governments agreed in May. \"We made progress,\" the Norwegian foreign minister said on Monday. "
             "Iran has freed 12 political prisoners since last week, the minister said on Monday. "
             "The next round of talks is due next month."},
]


LINKS = ("same_as", "conflicts_with", "changed_from", "changed_to")


def _store(tmp_path: Path, batches: list[list[dict[str, str]]], url: str | None = None) -> list[dict[str, Any]]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    with Storyline(url or tmp_path / "s.db", progress=False) as sl:
        for n, batch in enumerate(batches):
            src = tmp_path / f"b{n}.jsonl"
            src.write_text("".join(json.dumps(p) + "\n" for p in batch), encoding="utf-8")
            sl.run([src])
        out = tmp_path / "out.jsonl"
        sl.export(out, annotations=True)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def _facts(records: list[dict[str, Any]]) -> dict[str, Any]:
    """What re-dating decides, without the ids a join takes from whichever mention came first."""
    def when(r: dict[str, Any], key: str) -> tuple[Any, ...] | None:
        d = r.get(key)
        return None if d is None else (d["date"], d["enddate"], d["date_precision"])

    kinds: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        kinds.setdefault(r["kind"], []).append(r)
    by_id = {c["id"]: f"{c['article']}:{c['value']}" for c in kinds.get("claim", [])}
    return {
        "articles": sorted((a["id"], json.dumps(a["published_inferred"]), json.dumps(a["flags"], sort_keys=True))
                           for a in kinds["article"]),
        "timexes": sorted((t["article"], t["start"], t["value"], t.get("stated_value")) for t in kinds["timex"]),
        "quotes": sorted((q["article"], q["text"], when(q, "said_on"), when(q, "said_on_stated"), q["confidence"])
                         for q in kinds.get("quote", [])),
        "claims": sorted((c["article"], c["value"], when(c, "as_of"), when(c, "as_of_stated"),
                          *(tuple(sorted(by_id[i] for i in c[k])) for k in LINKS))
                         for c in kinds.get("claim", [])),
        "events": sorted((e["event"], e["date"], e["enddate"], tuple(sorted(e["articles"])), e["confidence"])
                         for e in kinds.get("event", [])),
    }


ORDERS = {"together": [PAGES], "misdated first": [PAGES[4:], PAGES[:4]], "misdated last": [PAGES[:4], PAGES[4:]],
          # m1's count linked to c4's while m1 is not yet known to be misdated: linked again
          "misdated and the count first": [PAGES[3:], PAGES[:3]]}


@pytest.mark.parametrize("order", list(ORDERS))
def test_a_misdated_pages_facts_take_the_inferred_date_in_any_order(tmp_path: Path, order: str) -> None:
    batches = ORDERS[order]
    facts = _facts(_store(tmp_path, batches))
    m1 = next(a for a in facts["articles"] if a[0] == "m1")
    assert json.loads(m1[1]) == {"date": TRUE, "enddate": TRUE, "date_precision": "day"}
    assert "re-dated against 2021-06-24: 'Saturday' 2023-06-10 -> 2021-06-19" in m1[2]
    timexes = {(v, s) for a, _, v, s in facts["timexes"] if a == "m1"}
    assert {("2021-06-19", "2023-06-10"), ("2021-05", "2023-05"), ("2021-06-21", "2023-06-12"),
            ("2021-W24", "2023-W23"), ("2021-07", "2023-07")} <= timexes
    assert all(s is None for a, _, _, s in facts["timexes"] if a != "m1")
    # m1's meeting is c1's and c2's: one event on the day it happened
    consult = [e for e in facts["events"] if e[0] == "CONSULT" and e[1] == "2021-06-19"]
    assert len(consult) == 1 and consult[0][3] == ("c1", "c2", "m1")
    assert not [e for e in facts["events"] if e[1].startswith("2023")]
    progress = next(q for q in facts["quotes"] if q[0] == "m1" and q[1].startswith("We made progress"))
    assert progress[2:4] == (("2021-06-21", "2021-06-21", "day"), ("2023-06-12", "2023-06-12", "day"))
    claim = next(c for c in facts["claims"] if c[0] == "m1")
    assert claim[2:4] == (("2021-06-14", "2021-06-20", "week"), ("2023-06-05", "2023-06-11", "week"))
    # c4 counts 9 freed in the same week: a conflict, not a change from 2021 to 2023
    assert claim[4:] == ((), ("c4:9",), (), ())
    assert all(q[3] is None for q in facts["quotes"] if q[0] != "m1")


def test_the_result_is_the_same_whichever_page_arrives_first(tmp_path: Path) -> None:
    together = _facts(_store(tmp_path / "a", ORDERS["together"]))
    for n, order in enumerate(list(ORDERS)[1:]):
        assert _facts(_store(tmp_path / str(n), ORDERS[order])) == together, order


def test_re_dating_and_its_queues_on_each_backend(tmp_path: Path, store_url: str) -> None:
    """The order that uses both queues (events joined again, claims linked again), on SQLite and
    on PostgreSQL (when STORYLINE_TEST_POSTGRES names a server)."""
    facts = _facts(_store(tmp_path, ORDERS["misdated and the count first"], store_url))
    assert [e for e in facts["events"] if e[0] == "CONSULT" and e[3] == ("c1", "c2", "m1")]
    claim = next(c for c in facts["claims"] if c[0] == "m1")
    assert claim[2][0] == "2021-06-14" and claim[4:] == ((), ("c4:9",), (), ())
    assert ("m1", 46, "2021-06-19", "2023-06-10") in facts["timexes"]


def test_with_only_the_year_inferred_weekdays_are_left_unresolved(tmp_path: Path) -> None:
    """No weekday of the page matches another's dated day: `published_inferred` is the year 2021,
    and 2021-06-15 is no Thursday, so 'on Saturday' is left unresolved rather than moved wrong."""
    page = {"id": "m1", "published": STATED,
            "text": "Norwegian and Iranian envoys met in Geneva for talks on the prisoner exchange the two "
                    "governments agreed in May. Iran's president told reporters on Saturday that the delay "
                    "was technical. A second round is planned for next month."}
    facts = _facts(_store(tmp_path, [[*PAGES[:3], page]]))
    m1 = next(a for a in facts["articles"] if a[0] == "m1")
    assert json.loads(m1[1])["date_precision"] == "year"
    timexes = {(v, s) for a, _, v, s in facts["timexes"] if a == "m1"}
    assert timexes == {("2021-05", "2023-05"), ("XXXX-WXX-6", "2023-06-10"), ("2021-07", "2023-07")}
    told = next(q for q in facts["quotes"] if q[0] == "m1" and "technical" in q[1])
    assert told[2] == ("2021-01-01", "2021-12-31", "year") and told[3] == ("2023-06-10", "2023-06-10", "day")
    assert not [e for e in facts["events"] if e[1].startswith("2023")]


# A page stated 2025-03-19 whose "Monday, March 4" is no Monday in 2025 (a Tuesday) but is one in
# 2024: the per-document check flags it and infers the year 2024.
OWN = {"id": "w1", "published": "2025-03-19",
       "text": "The harbour council voted on Monday, March 4, to close the old ferry pier. "
               "The closure of the old ferry pier was first proposed in February by the harbour council. "
               "\"We had no choice,\" the council chair said on Saturday. The pier will reopen next year. "
               "The council has cut 12 ferry routes since last week."}


def _time_refs(url: str, article: str) -> set[tuple[str, str, str | None]]:
    from sqlalchemy import select

    from storyline.store import Store, schema

    store = Store(url)
    try:
        with store.transaction() as conn:
            t = schema.time_refs
            rows = conn.execute(select(t.c.kind, t.c.value, t.c.stated_value).where(t.c.article_id == article))
            return {(r.kind, r.value, r.stated_value) for r in rows}
    finally:
        store.close()


def test_a_re_dated_pages_references_keep_their_sentences_on_each_backend(tmp_path: Path, store_url: str) -> None:
    """The references a re-dated page is indexed with again (new values, `stated_value`) hold
    the sentence the step compares, cut from its page as when it was first indexed."""
    from sqlalchemy import select

    from storyline.extract.time.corpus import sentence_without
    from storyline.store import Store, schema

    _store(tmp_path, [[OWN]], store_url)
    store = Store(store_url)
    try:
        with store.transaction() as conn:
            t = schema.time_refs
            rows = conn.execute(select(t.c.start, t.c.end, t.c.stated_value, t.c.sentence)
                                .where(t.c.article_id == "w1")).all()
            text = conn.execute(select(schema.articles.c.text).where(schema.articles.c.id == "w1")).scalar_one()
    finally:
        store.close()
    assert [r for r in rows if r.stated_value], "re-dated"
    assert all(r.sentence is not None and r.sentence == sentence_without(text, r.start, r.end) for r in rows)
    assert any(r.sentence for r in rows)


def test_a_page_flagged_by_its_own_weekday_is_re_dated_on_each_backend(tmp_path: Path, store_url: str) -> None:
    """The per-document flag's `published_inferred` (the year 2024) re-dates the page as the
    corpus flag's does: expressions, quotes, events, and its references in the step's index."""
    facts = _facts(_store(tmp_path, [[OWN]], store_url))
    w1 = facts["articles"][0]
    assert json.loads(w1[1]) == {"date": "2024-01-01", "enddate": "2024-12-31", "date_precision": "year"}
    assert "the weekdays fit 2024; re-dated against 2024-03-19 (the stated day in the inferred year)" in w1[2]
    timexes = {(v, s) for _, _, v, s in facts["timexes"]}
    # the weekday's date moves by a whole year and is a Monday in 2024; "on Saturday" is not
    # (2024-03-19 is a Tuesday): left unresolved rather than moved wrong
    assert timexes == {("2024-03-04", "2025-03-04"), ("2024-02", "2025-02"), ("XXXX-WXX-6", "2025-03-15"),
                       ("2025", "2026"), ("2024-W11", "2025-W11")}  # the week of 2024-03-19 is W12
    chair = next(q for q in facts["quotes"] if q[1].startswith("We had no choice"))
    assert chair[2:4] == (("2024-01-01", "2024-12-31", "year"), ("2025-03-15", "2025-03-15", "day"))
    routes = next(c for c in facts["claims"] if c[1] == "12")
    assert routes[2:4] == (("2024-03-11", "2024-03-17", "week"), ("2025-03-10", "2025-03-16", "week"))
    assert not [e for e in facts["events"] if e[1] in ("2025-03-04", "2026-01-01")]
    assert [e for e in facts["events"] if e[1] == "2024-03-04"]
    refs = _time_refs(store_url, "w1")
    assert {("ref", "2024-03-04", "2025-03-04"), ("ref", "2024-02", "2025-02")} <= refs
    assert not [r for r in refs if r[1].startswith("2025-")]  # "Saturday" unresolved: no reference left


# Two more pages on the pier: one dates the proposal firmly (February 2024), one stated 2025 names
# it "in February". Only with the flagged page's February at its re-dated 2024-02 do two articles
# date the proposal in 2024: the third page is then found misdated, whichever page comes first.
FIRM = {"id": "f1", "published": "2024-06-01",
        "text": "The harbour council first proposed closing the old ferry pier in February 2024, after storms."}
LATE = {"id": "q1", "published": "2025-04-02",
        "text": "Fishermen say the plan to shut the old ferry pier, proposed by the harbour council in February, "
                "has divided the town."}
PIER_ORDERS = {"flagged page first": [[OWN, FIRM], [LATE]], "together": [[OWN, FIRM, LATE]],
               "flagged page last": [[LATE], [OWN, FIRM]]}


@pytest.mark.parametrize("order", list(PIER_ORDERS))
def test_a_re_dated_pages_references_no_longer_vouch_for_its_stated_year(tmp_path: Path, order: str) -> None:
    facts = _facts(_store(tmp_path, PIER_ORDERS[order]))
    inferred = {a[0]: a[1] for a in facts["articles"]}
    assert json.loads(inferred["q1"])["date"] == "2024-01-01"
    q1 = next(a for a in facts["articles"] if a[0] == "q1")
    assert "and so does w1 ('February' under its own date)" in q1[2]
    assert ("q1", 86, "2024-02", "2025-02") in facts["timexes"]


# Stated "10/12/2023" by a British site (day first: 2023-12-10), dated "Oct 12" by its dateline.
AMBIGUOUS = {"id": "n1", "published": "10/12/2023", "url": "https://harbour.example.co.uk/news/pier",
             "text": "OSLO, Oct 12 (Reuters) - The harbour board said on Tuesday that the old ferry pier would "
                     "close in November. \"The pier is no longer safe,\" the board's chair said."}


def test_a_page_whose_dateline_settles_its_ambiguous_date_is_re_dated_on_each_backend(
        tmp_path: Path, store_url: str) -> None:
    facts = _facts(_store(tmp_path, [[AMBIGUOUS]], store_url))
    n1 = facts["articles"][0]
    assert json.loads(n1[1]) == {"date": "2023-10-12", "enddate": "2023-10-12", "date_precision": "day"}
    assert "published_inferred; re-dated against 2023-10-12" in n1[2]
    timexes = {(v, s) for _, _, v, s in facts["timexes"]}
    assert {("2023-10-10", "2023-12-05"), ("2023-11", "2024-11")} <= timexes
    chair = next(q for q in facts["quotes"] if q[1].startswith("The pier is no longer safe"))
    assert chair[2:4] == (("2023-10-12", "2023-10-12", "day"), ("2023-12-10", "2023-12-10", "day"))
    assert not [e for e in facts["events"] if e[1].startswith("2024")]
    assert {("ref", "2023-11", "2024-11"), ("ref", "2023-10-10", "2023-12-05")} <= _time_refs(store_url, "n1")


# Stated 2019-03-20 by its metadata, dated "March 3, 2019" by its dateline: republished with a wrong date.
REPUBLISHED = {"id": "r1", "published": "2019-03-20",
               "text": "OSLO, March 3, 2019 (Fjord Wire) - The ferry company said on Friday that it would cut "
                       "fares in April. \"The winter was hard,\" the company's chief said."}


def test_a_page_whose_dateline_contradicts_its_stated_date_is_re_dated_on_each_backend(
        tmp_path: Path, store_url: str) -> None:
    facts = _facts(_store(tmp_path, [[REPUBLISHED]], store_url))
    r1 = facts["articles"][0]
    assert json.loads(r1[1]) == {"date": "2019-03-03", "enddate": "2019-03-03", "date_precision": "day"}
    flags = json.loads(r1[2])
    [flag] = [f for f in flags if f["type"] == "date_conflict"]
    assert "17 days before the stated 2019-03-20" in flag["detail"]
    assert "published_inferred; re-dated against 2019-03-03" in flag["detail"]
    assert [e["text"] for e in flag["evidence"]] == ["OSLO, March 3, 2019 (Fjord Wire)"]
    timexes = {(v, s) for _, _, v, s in facts["timexes"]}
    assert ("2019-03-01", "2019-03-15") in timexes  # "on Friday": the Friday before the dateline's day
    assert ("2019-03-03", None) in timexes  # the dateline's own date does not move
    chief = next(q for q in facts["quotes"] if q[1].startswith("The winter was hard"))
    assert chief[2:4] == (("2019-03-03", "2019-03-03", "day"), ("2019-03-20", "2019-03-20", "day"))
    assert ("ref", "2019-03-01", "2019-03-15") in _time_refs(store_url, "r1")


# Stated "10/12/2023" by an American site (month first: 2023-10-12), telling a vote of November 20
# in the past: only 2023-12-10 fits.
TOLD = {"id": "t1", "published": "10/12/2023", "url": "https://harbour.example.us/news/pier",
        "text": "The harbour board voted on November 20 to close the old ferry pier. The board said on Friday "
                "that the pier was no longer safe. \"We had no choice,\" the board's chair said."}


def test_a_page_whose_dates_settle_its_ambiguous_date_is_re_dated_on_each_backend(
        tmp_path: Path, store_url: str) -> None:
    facts = _facts(_store(tmp_path, [[TOLD]], store_url))
    t1 = facts["articles"][0]
    assert json.loads(t1[1]) == {"date": "2023-12-10", "enddate": "2023-12-10", "date_precision": "day"}
    [flag] = [f for f in json.loads(t1[2]) if f["type"] == "date_conflict"]
    assert "the page's dates fit 2023-12-10 only (against 2023-10-12: 'November 20': " in flag["detail"]
    assert "published_inferred; re-dated against 2023-12-10" in flag["detail"]
    assert [e["text"] for e in flag["evidence"]] == ["November 20"]
    timexes = {(v, s) for _, _, v, s in facts["timexes"]}
    assert ("2023-12-08", "2023-10-06") in timexes  # "on Friday"
    chair = next(q for q in facts["quotes"] if q[1].startswith("We had no choice"))
    assert chair[2:4] == (("2023-12-10", "2023-12-10", "day"), ("2023-10-12", "2023-10-12", "day"))
