"""Corpus step `speakers`: quote speakers and claim sources linked to the corpus entities."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from storyline import Storyline
from storyline.resolve.speakers import entity_at, link_records

ARTICLES = [
    {"id": "price-1", "published": "2021-10-12", "outlet": "Example Wire",
     "text": ("State Department spokesperson Ned Price spoke to reporters in Washington on Monday.\n\n"
              "“We will judge the Taliban by their actions, not their words,” Price said.\n\n"
              "“That includes safe passage for those who want to leave,” he added.\n\n"
              "A senior administration official said on Tuesday that talks in Doha would continue.")},
    {"id": "price-2", "published": "2021-10-13", "outlet": "Example Wire",
     "text": ("Ned Price told reporters on Wednesday that the United States would keep humanitarian "
              "aid flowing to Afghanistan.")},
]


def test_entity_at_prefers_the_largest_overlap() -> None:
    links = [(0, 9, "e1"), (10, 19, "e2")]
    assert entity_at(links, 8, 18) == "e2"
    assert entity_at(links, 30, 40) is None


def test_link_records_fills_identifier_from_the_mention() -> None:
    record = {"article": "a", "speaker": {"entity_text": "he"}, "speaker_mention": {"start": 0, "end": 9}}
    changed = link_records([record], "speaker", "speaker_mention", {"a": [(0, 9, "e1")]}, {"e1": "Ned Price"})
    assert changed == [record]
    assert record["speaker"] == {"entity_text": "he", "identifier_id": "e1", "identifier_text": "Ned Price"}
    anonymous = {"article": "a", "speaker": {"entity_text": "an official"}, "speaker_mention": None}
    assert link_records([anonymous], "speaker", "speaker_mention", {"a": [(0, 9, "e1")]}, {"e1": "x"}) == []


def _quotes(tmp_path: Path) -> list[dict[str, Any]]:
    source = tmp_path / "docs.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    export = tmp_path / "out.jsonl"
    with Storyline(tmp_path / "s.db", progress=False) as sl:
        sl.run([source])
        sl.export(export)
    records = [json.loads(line) for line in export.read_text(encoding="utf-8").splitlines()]
    return [r for r in records if r["kind"] == "quote"]


def test_named_pronoun_and_anonymous_speakers_across_articles(tmp_path: Path) -> None:
    quotes = _quotes(tmp_path)
    by_text = {q["text"].split()[0]: q for q in quotes}
    named, pronoun = by_text["We"], by_text["That"]
    anonymous = next(q for q in quotes if "Doha" in q["text"])
    other = next(q for q in quotes if q["article"] == "price-2")
    assert named["speaker"]["entity_text"] == "Price" and named["speaker"]["identifier_id"]
    # "he added" keeps its word and goes to Price's entity, the same one as in the other article
    assert pronoun["speaker"]["entity_text"] == "he"
    assert pronoun["speaker"]["identifier_id"] == named["speaker"]["identifier_id"]
    assert other["speaker"]["identifier_id"] == named["speaker"]["identifier_id"]
    # an unnamed source keeps its description and has no entity
    assert anonymous["speaker"]["entity_text"] == "A senior administration official"
    assert anonymous["speaker"]["identifier_id"] is None
    # said_on comes from the time resolver ("on Tuesday"), else the publication date
    assert anonymous["said_on"]["date"] == "2021-10-12"  # 12 October 2021 was a Tuesday
    assert other["said_on"]["date"] == "2021-10-13"
