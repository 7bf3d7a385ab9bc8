"""Events joined across articles: one record per real event, different events kept apart."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

from storyline import Storyline
from storyline.model import Event, Evidence, Location, PartialDate, Party
from storyline.resolve.events import COPY_PENALTY, join, rescore, same_event


def ev(article: str, kind: str = "CONSULT", when: str = "2021-10-09", actor: str = "United States",
       recipient: str = "Taliban", place: Location | None = None, source: str = "text") -> Event:
    return Event(id=f"E{article}{kind}", event=kind, actor=[Party(entity_text=actor)],
                 recipient=[Party(entity_text=recipient)], when=PartialDate.parse(when),
                 event_loc=place, articles=[article], date_source=source,
                 evidence=[Evidence(article=article, start=0, end=4, text="text")], confidence=0.6)


DOHA = Location(name="Doha", country="QAT", geonameid=290030)
KABUL = Location(name="Kabul", country="AFG", geonameid=1138958)


def test_same_event_rules() -> None:
    assert same_event(ev("a"), ev("b", when="2021-10-10"))
    assert same_event(ev("a"), ev("b", when="2021-10"))
    assert not same_event(ev("a"), ev("b", when="2022-10-09")), "a year apart"
    assert not same_event(ev("a"), ev("b", kind="ASSAULT"))
    assert not same_event(ev("a", actor="Russia"), ev("b", actor="China", recipient="India"))
    assert not same_event(ev("a", place=DOHA), ev("b", place=KABUL))
    assert same_event(ev("a", place=DOHA), ev("b"))


def test_publication_dated_events_need_both_parties() -> None:
    assert same_event(ev("a", source="published"), ev("b", source="published"))
    lone = ev("b", source="published").model_copy(update={"recipient": []})
    assert not same_event(ev("a", source="published"), lone)
    assert not same_event(ev("a", source="published"), ev("a", source="published")), "same article"


def test_join_keeps_id_and_adds_evidence() -> None:
    first, second = ev("a", when="2021-10"), ev("b")
    joined = join(first, second)
    assert joined.id == first.id
    assert joined.articles == ["a", "b"] and len(joined.evidence) == 2
    assert joined.when.start == date(2021, 10, 9)


def test_copies_do_not_confirm() -> None:
    joined = join(ev("a"), ev("b"))
    assert rescore(joined, 0.6, set()).confidence > rescore(joined, 0.6, {"b"}).confidence
    assert rescore(joined, 0.6, {"a", "b"}).confidence == round(0.6 * COPY_PENALTY, 3)


def _run(tmp_path: Path, docs: list[dict[str, str]]) -> list[dict[str, Any]]:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with Storyline(tmp_path / "s.db", progress=False) as sl:
        sl.run([src])
        sl.export(out)
    records: list[dict[str, Any]] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return [r for r in records if r["kind"] == "event"]


def test_two_reports_one_event_and_two_attacks_apart(tmp_path: Path) -> None:
    docs = [
        {"id": "r1", "published": "2022-03-11",
         "text": "Egyptian police arrested three journalists in Cairo on Thursday, officials said."},
        {"id": "r2", "published": "2022-03-12",
         "text": "Three reporters were detained by Egyptian police in Cairo on March 10, their editor said."},
        {"id": "r3", "published": "2023-05-02",
         "text": "Egyptian police arrested three journalists in Cairo on Monday."},
    ]
    events = [e for e in _run(tmp_path, docs) if e["event"] == "COERCE"]
    by_articles = sorted(sorted(e["articles"]) for e in events)
    assert ["r1", "r2"] in by_articles, events
    assert ["r3"] in by_articles


def test_seed_events_and_cross_document(seeds_store: Any, shared: Path, tmp_path: Path) -> None:
    export = tmp_path / "export.jsonl"
    seeds_store.export(export)
    scorer = [sys.executable, str(shared / "tools" / "score.py"), str(export),
              str(shared / "gold" / "seeds-dev.json"), "--json"]
    scores = json.loads(subprocess.run(scorer, capture_output=True, text=True, check=True).stdout)
    assert scores["events"]["recall_core"] >= 0.9, scores["events"]
    assert scores["cross_document"]["joined"] == scores["cross_document"]["pairs"], scores["cross_document"]


def test_event_records_and_exports_are_valid(seeds_store: Any, tmp_path: Path) -> None:
    export = tmp_path / "export.jsonl"
    seeds_store.export(export)
    records = [json.loads(line) for line in export.read_text(encoding="utf-8").splitlines()]
    texts = {r["id"]: r["text"] for r in records if r["kind"] == "article"}
    events = [r for r in records if r["kind"] == "event"]
    assert events
    for record in events:
        assert {"event", "quad_code", "actor", "recipient", "date", "enddate", "date_precision",
                "event_loc", "articles", "evidence", "confidence"} <= set(record)
        for span in record["evidence"]:
            assert texts[span["article"]][span["start"]:span["end"]] == span["text"]
    for fmt, tag in (("gexf", "{http://gexf.net/1.3}gexf"), ("graphml", "{http://graphml.graphdrawing.org/xmlns}graphml")):
        path = tmp_path / f"net.{fmt}"
        seeds_store.export(path, format=fmt)
        root = ET.parse(path).getroot()
        assert root.tag == tag
        assert any(el.tag.endswith("edge") for el in root.iter())
    tl = tmp_path / "timeline.json"
    seeds_store.export(tl, format="timelinejs")
    slides = json.loads(tl.read_text(encoding="utf-8"))["events"]
    assert slides and all("start_date" in s and "headline" in s["text"] for s in slides)


def test_later_batch_joins_stored_event(tmp_path: Path) -> None:
    """Incremental: an article added in a later run joins the event already stored."""
    first = {"id": "m1", "published": "2021-10-11",
             "text": "US officials met Taliban representatives in Doha on Saturday and Sunday."}
    second = {"id": "m2", "published": "2021-10-12",
              "text": "The Taliban held talks with the United States in Doha on October 9, a spokesman said."}
    db = tmp_path / "s.db"
    for n, doc in enumerate((first, second)):
        src = tmp_path / f"in{n}.jsonl"
        src.write_text(json.dumps(doc) + "\n", encoding="utf-8")
        with Storyline(db, progress=False) as sl:
            sl.run([src])
    out = tmp_path / "out.jsonl"
    with Storyline(db, progress=False) as sl:
        sl.export(out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    consult = [r for r in records if r["kind"] == "event" and r["event"] == "CONSULT"]
    assert any(sorted(r["articles"]) == ["m1", "m2"] for r in consult), consult
    joined = next(r for r in consult if len(r["articles"]) == 2)
    assert joined["event_loc"]["name"] == "Doha" and joined["date"] >= "2021-10-09"
    assert {e["article"] for e in joined["evidence"]} == {"m1", "m2"}


def test_api_and_timeline_filters(seeds_store: Any) -> None:
    from datetime import date as day

    from storyline.export.events import timeline_line

    attacks = seeds_store.events(kind="ASSAULT")
    assert attacks and all(e.event == "ASSAULT" for e in attacks)
    window = seeds_store.events(actor="Taliban", since=day(2021, 10, 1), until=day(2021, 10, 31))
    assert any(e.event == "CONSULT" and e.event_loc and e.event_loc.name == "Doha" for e in window)
    starts = [e.when.start for e in seeds_store.events() if e.when.start]
    assert starts == sorted(starts)
    assert window[0].event in timeline_line(window[0])


def test_timeline_command(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from storyline.cli import main

    _run(tmp_path, [{"id": "c1", "published": "2022-03-11",
                     "text": "Egyptian police arrested three journalists in Cairo on Thursday."}])
    db = str(tmp_path / "s.db")
    out = CliRunner().invoke(main, ["timeline", "--db", db, "--type", "COERCE", "--from", "2022-03-01"])
    assert out.exit_code == 0, out.output
    assert "2022-03-10 (day) COERCE" in out.output and "[Cairo]" in out.output
    as_json = CliRunner().invoke(main, ["timeline", "--db", db, "--json", "--to", "2022-01-01"])
    assert as_json.exit_code == 0 and as_json.output.strip() == ""
    rows = CliRunner().invoke(main, ["timeline", "--db", db, "--json", "--actor", "Egyptian"])
    assert json.loads(rows.output.splitlines()[0])["kind"] == "event"


def test_undated_headline_joins_its_dated_lead_on_named_parties() -> None:
    us, taliban = Party(entity_text="US", code="USA"), Party(entity_text="Taliban", identifier_id="e1")
    dated = ev("a", when="2021-10-09").model_copy(update={"actor": [us], "recipient": [taliban]})
    headline = ev("a", when="2021-10-08", source="published").model_copy(
        update={"id": "Eh", "actor": [us], "recipient": [taliban]})
    assert same_event(headline, dated)
    described = headline.model_copy(update={"recipient": [Party(entity_text="global partners")]})
    assert not same_event(described, dated), "a description is not a named recipient"
